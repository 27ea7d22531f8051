// A modal dialog as every form and record view opens one: a `<dialog>` on
// the page, closed (and taken off the page) by `close()` or by Esc.

/**
 * Opens an empty modal of `className`, named by the element `labelledBy`;
 * `onClose()` runs after it closed. Returns { dialog, close }; the caller
 * renders into `dialog` and calls `dialog.showModal()`.
 */
export function modal(className, { labelledBy = null, onClose = () => {} } = {}) {
  const dialog = document.createElement('dialog');
  dialog.className = className;
  if (labelledBy) dialog.setAttribute('aria-labelledby', labelledBy);
  document.body.append(dialog);
  const close = () => {
    dialog.close();
    dialog.remove();
    onClose();
  };
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  return { dialog, close };
}
