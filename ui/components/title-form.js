// Adding or editing a title. A scanned ISBN (a scan ends with Enter) that is
// already catalogued offers to add copies to that title instead; the class
// field shows the class path and suggests the next call number. The core
// judges the record and its refusal lands on its field; the inputs take no
// more than the core's limits.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { classPathText, compactIsbn, toNewTitle } from '../lib/catalog.js';
import { limit } from '../lib/vocabulary.js';
import { debounce } from '../lib/timing.js';
import { formField, onRecordSubmit, saveOrCancel, showErrors as showFieldErrors, textField } from './form.js';
import { modal } from './modal.js';

const field = (name, label, value, extra = '') => textField('tf', name, label, value, { extra, maxlength: limit('title', name) });

/** Opens the form for `title` (null for a new one). */
export function openTitleForm(title, { onSaved, onOpenExisting = null }) {
  const { dialog, close } = modal('form-dialog wide');
  const t = title ?? {};
  render(
    dialog,
    html`<form novalidate>
      <h2>${title ? `编辑书目：《${title.title}》` : '新增书目'}</h2>
      ${field('isbn', 'ISBN', t.isbn, html`<small class="hint">可用扫码枪扫描书后条码</small>`)}
      <p class="notice" id="tf-existing" hidden></p>
      ${field('title', '书名', t.title)}
      ${field('subtitle', '副书名', t.subtitle)}
      ${field('authors', '作者', t.authors)}
      ${field('publisher', '出版社', t.publisher)}
      <div class="field-row">${field('year', '出版年', t.year)}${field('edition', '版次', t.edition)}</div>
      ${field('clc', '分类号', t.clc, html`<small class="hint" id="tf-class-path"></small><datalist id="tf-classes"></datalist>`)}
      ${field('call_number', '索书号', t.call_number, html`<small class="hint"><button type="button" class="link" data-act="suggest">按分类号建议索书号</button></small>`)}
      ${field('subjects', '主题词', t.subjects)}
      <div class="field-row">${field('price', '价格', t.price)}${field('source', '来源', t.source)}</div>
      ${field('summary', '摘要', t.summary)}
      ${field('note', '备注', t.note)}
      ${title
        ? ''
        : html`<div class="field-row">
            ${formField('tf', 'count', '册数', html`<input id="tf-count" name="count" type="number" min="0" max="${limit('copies')}" step="1" value="1"
              class="tiny-input" aria-describedby="tf-count-error">`)}
            ${field('location', '馆藏位置', '')}
          </div>`}
      ${saveOrCancel()}
    </form>`,
  );
  const form = dialog.querySelector('form');
  const el = (name) => form.elements[name];
  el('clc').setAttribute('list', 'tf-classes');

  const showErrors = (errors) => showFieldErrors(dialog, errors);

  async function checkIsbn() {
    const notice = dialog.querySelector('#tf-existing');
    notice.hidden = true;
    const isbn = compactIsbn(el('isbn').value);
    if (title || !isbn) return false;
    // The core checks the ISBN (its digits, its check digit) and says what is wrong.
    let existing = null;
    try {
      existing = await api.titleByIsbn(isbn);
      showErrors({});
    } catch (err) {
      if (err.field === 'isbn') showErrors({ isbn: err.message });
      return false;
    }
    if (!existing) return false;
    render(notice, html`馆藏已有这本书：《${existing.title}》（${existing.copies} 册）。
      <button type="button" class="link" data-act="existing">为它添加复本</button>`);
    notice.dataset.id = existing.id;
    notice.hidden = false;
    return true;
  }

  const showClass = debounce(async () => {
    const code = el('clc').value.trim();
    const box = dialog.querySelector('#tf-class-path');
    if (!code) {
      box.textContent = '';
      return;
    }
    try {
      const [path, classes] = await Promise.all([api.classPath(code), api.findClasses(code)]);
      box.textContent = path.length ? classPathText(path) : '中图法中没有这个类，请核对';
      render(dialog.querySelector('#tf-classes'), html`${classes.slice(0, 30).map((c) => html`<option value="${c.code}">${c.name}</option>`)}`);
    } catch {
      box.textContent = '';
    }
  }, 150);
  el('clc').addEventListener('input', showClass);
  if (t.clc) showClass();

  el('isbn').addEventListener('keydown', async (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (!(await checkIsbn())) el('title').focus();
  });
  el('isbn').addEventListener('change', checkIsbn);

  dialog.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'cancel') close();
    else if (act === 'existing') {
      const id = Number(dialog.querySelector('#tf-existing').dataset.id);
      close();
      onOpenExisting?.(id);
    } else if (act === 'suggest') {
      try {
        el('call_number').value = await api.suggestCallNumber(el('clc').value);
        showErrors({});
      } catch (err) {
        showErrors({ [err.field ?? 'clc']: err.message });
      }
    }
  });

  onRecordSubmit(
    dialog,
    form,
    (values) => {
      const record = toNewTitle(values);
      const count = Number(values.count || 0);
      const copies = title ? null : { count, location: values.location?.trim() || null, barcodes: [] };
      // The revision shown goes back: if someone else saved in between, the core refuses.
      const save = () => (title ? api.updateTitle(title.id, { ...record, revision: title.revision }) : api.createTitle(record, copies));
      // How many copies at most is the core's to say; a count that is not a
      // whole number cannot even be sent.
      const errors = copies && !(Number.isInteger(count) && count >= 0) ? { count: '册数请填写整数，例如 1。' } : {};
      return { errors, save };
    },
    (saved) => {
      close();
      onSaved(saved);
    },
  );
  dialog.showModal();
  (title ? el('title') : el('isbn')).focus();
}
