// A print preview: the pages at half size in a dialog, with 打印 (the
// system print dialog, which can also print to PDF) and 关闭.

import { html, render } from '../lib/html.js';
import { printPages } from './print.js';

export function openPrintPreview(pages, { title, className = 'paper' }) {
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog wide print-preview';
  dialog.setAttribute('aria-labelledby', 'pv-title');
  render(
    dialog,
    html`<h2 id="pv-title">${title}</h2>
      <div id="pv-pages" class="labels-preview"></div>
      <div class="dialog-actions"><button type="button" data-act="close">关闭</button><button type="button" class="primary" data-act="print">打印…</button></div>`,
  );
  const box = dialog.querySelector('#pv-pages');
  box.replaceChildren(
    ...pages.map((page) => {
      const frame = document.createElement('div');
      frame.className = 'sheet-frame';
      frame.append(page.cloneNode(true));
      return frame;
    }),
  );
  document.body.append(dialog);
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'close') close();
    else if (act === 'print') printPages(pages, { className });
  });
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  dialog.showModal();
  dialog.querySelector('[data-act=print]').focus();
}
