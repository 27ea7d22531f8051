// Printing through the system's print dialog (which also offers "print to
// PDF"): the pages go into #print-root, the only thing shown on paper.

/** Shows `pages` (elements) on paper and opens the print dialog. */
export function printPages(pages, { className = '' } = {}) {
  let root = document.getElementById('print-root');
  if (!root) {
    root = document.createElement('div');
    root.id = 'print-root';
    document.body.append(root);
  }
  root.className = className;
  root.replaceChildren(...pages);
  document.body.classList.add('printing');
  const done = () => {
    document.body.classList.remove('printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  // The class matters on paper only (#print-root is never shown on screen),
  // so it may stay until afterprint, or until the next screen clears it.
  window.print();
}

/** Forgets what was last printed (a new screen must not print old labels). */
export function clearPrint() {
  document.body.classList.remove('printing');
  document.getElementById('print-root')?.replaceChildren();
}
