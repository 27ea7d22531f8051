// Keeps a scan field ready for the next scan: a click that is not on another
// field or button gives it focus back, and while it has none (for longer
// than a button's click takes, or while the window is in the background)
// the screen says so, for a scanner's keys would go elsewhere.

// What a click may keep focus on; a click anywhere else gives it back to the field.
const FOCUSABLE = 'input, select, textarea, button, a[href], label, summary, [tabindex], [contenteditable]';

/**
 * Watches `input` inside `root`: `lostClass` goes on `row` and `notice` shows
 * while focus is elsewhere; `paused()` true when focus is meant to be
 * elsewhere for now (a list to choose from). Returns the unwatch.
 */
export function keepScanFocus({ root, input, row, notice, lostClass = 'lost', paused = () => false }) {
  let windowAway = false;
  let timer = null;
  const show = () => {
    clearTimeout(timer);
    const lost = (document.activeElement !== input || windowAway) && !paused();
    if (!lost) {
      row.classList.remove(lostClass);
      notice.hidden = true;
      return;
    }
    timer = setTimeout(() => {
      if (!root.isConnected) return;
      row.classList.add(lostClass);
      notice.hidden = false;
    }, 400);
  };
  const onClick = (e) => {
    if (!root.isConnected || document.querySelector('dialog[open]') || paused()) return;
    if (e.target.closest?.(FOCUSABLE) || String(window.getSelection?.() ?? '')) return;
    input.focus();
  };
  const away = () => {
    windowAway = true;
    show();
  };
  const back = () => {
    windowAway = false;
    show();
  };
  input.addEventListener('focus', show);
  input.addEventListener('blur', show);
  document.addEventListener('click', onClick);
  window.addEventListener('blur', away);
  window.addEventListener('focus', back);
  return {
    /** Says again whether the field has focus (after `paused()` changed). */
    check: show,
    unwatch: () => {
      clearTimeout(timer);
      document.removeEventListener('click', onClick);
      window.removeEventListener('blur', away);
      window.removeEventListener('focus', back);
    },
  };
}
