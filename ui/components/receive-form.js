// Receiving an order line (验收入藏): the title form filled from the line —
// title, authors, publisher, ISBN, price, 采购 as the source — with the
// class (its path shown) and a call number suggested from it, and where the
// copies go. The core catalogues the title (or adds copies to the one the
// catalogue has by ISBN), makes the line's copies with barcodes, and sets
// the reader's suggestion 已到馆.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { classPathText, toNewTitle } from '../lib/catalog.js';
import { limit } from '../lib/vocabulary.js';
import { debounce } from '../lib/timing.js';
import { receiptValues, yuan } from '../lib/purchases.js';
import { formField, onRecordSubmit, saveOrCancel, showErrors, textField } from './form.js';
import { modal } from './modal.js';

const field = (name, label, value, extra = '') => textField('rf', name, label, value, { extra, maxlength: limit('title', name) });

/** Opens the receiving form for `line`; `onSaved(title, copies)` once it is in the catalogue. */
export async function openReceiveForm(line, { onSaved }) {
  let existing = null;
  if (line.isbn) existing = await api.titleByIsbn(line.isbn).catch(() => null);
  const v = receiptValues(line, existing);
  const { dialog, close } = modal('form-dialog wide receive-form', { labelledBy: 'rf-heading' });
  render(
    dialog,
    html`<form novalidate>
      <h2 id="rf-heading">验收入藏：《${line.title}》</h2>
      <p class="hint">订购 <b>${line.copies}</b> 册，单价 ${yuan(line.price_fen)} 元。验收后按实到册数生成条码，书标可在“标签”中打印${line.suggestion_id ? '；荐购的读者会收到到馆预约' : ''}。</p>
      ${existing
        ? html`<p class="notice" id="rf-existing">馆藏已有这本书（ISBN 相同）：《${existing.title}》，现有 ${existing.copies} 册。验收会为它添加 ${line.copies} 册复本，书目信息不变。</p>`
        : html`${field('title', '书名', v.title)}
          <div class="field-row">${field('authors', '作者', v.authors)}${field('publisher', '出版社', v.publisher)}</div>
          <div class="field-row">${field('isbn', 'ISBN', v.isbn)}${field('year', '出版年', v.year)}</div>
          ${field('clc', '分类号', v.clc, html`<small class="hint" id="rf-class-path"></small><datalist id="rf-classes"></datalist>`)}
          ${field('call_number', '索书号', v.call_number, html`<small class="hint"><button type="button" class="link" data-act="suggest">按分类号建议索书号</button></small>`)}
          <div class="field-row">${field('price', '价格', v.price)}${field('source', '来源', v.source)}</div>`}
      <div class="field-row">
        ${formField('rf', 'copies', '实到册数', html`<input id="rf-copies" name="copies" type="number" min="1" max="${line.copies}" step="1" value="${line.copies}"
          class="tiny-input" aria-describedby="rf-copies-error">`, html`<small class="hint">少于订购的册数时，余下的留在订单里待到。</small>`)}
        ${textField('rf', 'location', '馆藏位置', '', { maxlength: 100, hint: '如：新书架（可不填）' })}
      </div>
      ${saveOrCancel()}
    </form>`,
  );
  const form = dialog.querySelector('form');
  const el = (name) => form.elements[name];
  dialog.querySelector('[type=submit]').textContent = '验收入藏';

  if (!existing) {
    el('clc').setAttribute('list', 'rf-classes');
    const showClass = debounce(async () => {
      const code = el('clc').value.trim();
      const box = dialog.querySelector('#rf-class-path');
      if (!code) {
        box.textContent = '';
        return;
      }
      try {
        const [path, classes] = await Promise.all([api.classPath(code), api.findClasses(code)]);
        box.textContent = path.length ? classPathText(path) : '中图法中没有这个类，请核对';
        render(dialog.querySelector('#rf-classes'), html`${classes.slice(0, 30).map((c) => html`<option value="${c.code}">${c.name}</option>`)}`);
      } catch {
        box.textContent = '';
      }
    }, 150);
    el('clc').addEventListener('input', showClass);
    if (v.clc) showClass();
  }

  dialog.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'cancel') close();
    else if (act === 'suggest') {
      try {
        el('call_number').value = await api.suggestCallNumber(el('clc').value);
        showErrors(dialog, {});
      } catch (err) {
        showErrors(dialog, { [err.field ?? 'clc']: err.message });
      }
    }
  });

  onRecordSubmit(
    dialog,
    form,
    (values) => {
      const copies = Number(values.copies);
      const receipt = { title: existing ? null : toNewTitle(values), location: values.location.trim() || null, copies };
      // A count that is not a whole number cannot even be sent; how many at most is the core's to say.
      const errors = Number.isInteger(copies) && copies > 0 ? {} : { copies: '实到册数请填写整数，例如 2。' };
      return { errors, save: () => api.receiveOrderLine(line.id, receipt).then((title) => ({ title, copies })) };
    },
    ({ title, copies }) => {
      close();
      onSaved(title, copies);
    },
  );
  dialog.showModal();
  (existing ? el('location') : el('clc')).focus();
}
