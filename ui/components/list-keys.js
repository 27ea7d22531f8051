// The keyboard of a searchable list, the same on every list screen: / to the
// search box, Ctrl+N for a new record, ↓/↑ through the rows, Enter to open,
// Esc to clear the search. A barcode scan (keys ended by Enter) that leaves
// exactly one row opens it.

/**
 * Binds the keys; returns the function that unbinds the document-wide ones.
 * `open(row)` opens a row, `onNew()` starts a new record, `onClear()` runs
 * after Esc emptied the search box.
 */
export function bindListKeys({ search, body, open, onNew, onClear }) {
  body.addEventListener('keydown', (e) => {
    const row = e.target.closest('tr[data-id]');
    if (!row || e.target !== row) return;
    if (e.key === 'Enter') open(row);
    else if (e.key === 'ArrowDown') row.nextElementSibling?.focus();
    else if (e.key === 'ArrowUp') (row.previousElementSibling ?? search).focus();
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      search.value = '';
      onClear();
    } else if (e.key === 'ArrowDown') {
      body.querySelector('tr[data-id]')?.focus();
      e.preventDefault();
    } else if (e.key === 'Enter') {
      const rows = body.querySelectorAll('tr[data-id]');
      if (rows.length === 1) open(rows[0]);
    }
  });
  const onKey = (e) => {
    const busy = document.querySelector('dialog[open]');
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName) || busy;
    if (e.key === '/' && !typing) {
      e.preventDefault();
      search.focus();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n' && !busy) {
      e.preventDefault();
      onNew();
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
