// A question in a dialog, answered by keyboard or mouse: resolves to false
// on cancel, or to { note, checked } on confirm.

import { html, render } from '../lib/html.js';

export function confirmDialog({ title, message, confirmLabel = '确定', danger = false, note = null, checkbox = null }) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'form-dialog';
    dialog.setAttribute('aria-labelledby', 'cf-title');
    render(
      dialog,
      html`<form method="dialog" novalidate>
        <h2 id="cf-title">${title}</h2>
        <p>${message}</p>
        ${note ? html`<div class="field"><label for="cf-note">${note.label}</label><input id="cf-note" type="text" autocomplete="off" value="${note.value ?? ''}" maxlength="200"></div>` : ''}
        ${checkbox ? html`<label class="check"><input id="cf-check" type="checkbox" ${checkbox.checked ? 'checked' : ''}> ${checkbox.label}</label>` : ''}
        <div class="dialog-actions">
          <button type="button" data-act="cancel">取消</button>
          <button type="submit" class="${danger ? 'primary danger' : 'primary'}" data-act="ok">${confirmLabel}</button>
        </div>
      </form>`,
    );
    document.body.append(dialog);
    const finish = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.querySelector('[data-act=cancel]').addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(false);
    });
    dialog.querySelector('form').addEventListener('submit', (e) => {
      e.preventDefault();
      finish({ note: dialog.querySelector('#cf-note')?.value ?? '', checked: dialog.querySelector('#cf-check')?.checked ?? false });
    });
    dialog.showModal();
    (dialog.querySelector('#cf-note') ?? dialog.querySelector('[data-act=ok]')).focus();
  });
}
