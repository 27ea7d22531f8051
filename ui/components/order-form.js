// A new book order to a supplier: lines from readers' accepted suggestions
// (ticked), by ISBN (a scan ends with Enter; a book the catalogue has fills
// in and says how many copies are here) or typed; the running total and
// what it leaves of the 图书购置费 as it is typed. The core judges the
// order and its refusal is shown under the form.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { budgetView, draftTotal, orderDraft, yuan } from '../lib/purchases.js';
import { formField, onRecordSubmit, saveOrCancel, textInput } from './form.js';
import { modal } from './modal.js';

const COLUMNS = [
  ['isbn', 'ISBN', 'mono isbn-cell', 20],
  ['title', '书名', 'title-cell', 500],
  ['authors', '作者', '', 200],
  ['publisher', '出版社', '', 200],
];

let rowSeq = 0;

function rowMarkup(values = {}) {
  const n = ++rowSeq;
  return html`<tr data-row="${n}" data-suggestion="${values.suggestion_id ?? ''}">
    ${COLUMNS.map(
      ([k, label, cls, max]) => html`<td class="${cls}"><input type="text" data-k="${k}" aria-label="${label}（第 ${n} 行）" maxlength="${max}" autocomplete="off" value="${values[k] ?? ''}">${
        k === 'title' && values.suggested_by ? html`<small class="hint">${values.suggested_by} 荐购</small>` : ''
      }</td>`,
    )}
    <td class="copies-cell"><input type="number" data-k="copies" class="tiny-input" min="1" max="500" step="1" value="${values.copies ?? 1}" aria-label="册数（第 ${n} 行）"></td>
    <td><input type="text" data-k="price" class="price-input" inputmode="decimal" maxlength="20" autocomplete="off" value="${values.price ?? ''}" aria-label="单价（第 ${n} 行）" placeholder="元"></td>
    <td class="row-actions"><button type="button" class="link" data-act="drop" aria-label="删除第 ${n} 行">删除</button></td>
  </tr>`;
}

/** Opens the form for a new order of `year`; `onSaved(detail)` after it is placed. */
export async function openOrderForm({ year, budget, suppliers = [], onSaved }) {
  let suggestions = [];
  try {
    suggestions = await api.suggestionsToOrder();
  } catch {
    suggestions = [];
  }
  const { dialog, close } = modal('form-dialog wide order-form', { labelledBy: 'of-title' });
  render(
    dialog,
    html`<form novalidate>
      <h2 id="of-title">新建${year}年购书订单</h2>
      <div class="field-row">
        ${formField('of', 'supplier', '供应商（书店）', html`${textInput('of', 'supplier', suppliers[0] ?? '', { maxlength: 100, required: true })}<datalist id="of-suppliers">${suppliers.map((s) => html`<option value="${s}"></option>`)}</datalist>`)}
        ${formField('of', 'note', '说明', textInput('of', 'note', '', { maxlength: 200 }))}
      </div>
      ${suggestions.length
        ? html`<fieldset class="order-suggestions"><legend>已采纳的读者荐购（勾选即加入订单）</legend>
            ${suggestions.map(
              (s) => html`<label class="check"><input type="checkbox" data-suggestion="${s.id}"> 《${s.title}》${s.author ? ` ${s.author}` : ''} <span class="hint">${s.person_name}${s.unit ? `（${s.unit}）` : ''}</span></label>`,
            )}</fieldset>`
        : html`<p class="hint">没有待订购的已采纳荐购。</p>`}
      <p class="hint">扫描或输入 ISBN 后按回车：馆藏已有的书会自动填好书名并提示现有册数。</p>
      <div class="order-rows"><table class="grid compact" aria-label="订单行">
        <thead><tr><th>ISBN</th><th>书名</th><th>作者</th><th>出版社</th><th>册数</th><th>单价（元）</th><th></th></tr></thead>
        <tbody id="of-rows">${rowMarkup()}</tbody>
      </table></div>
      <p><button type="button" data-act="add-row">添加一行</button> <span id="of-isbn-note" class="hint" role="status"></span></p>
      <p id="of-total" role="status"></p>
      ${saveOrCancel()}
    </form>`,
  );
  const form = dialog.querySelector('form');
  const rows = dialog.querySelector('#of-rows');
  form.elements.supplier.setAttribute('list', 'of-suppliers');

  const readRows = () =>
    [...rows.querySelectorAll('tr[data-row]')].map((tr) => {
      const values = { suggestion_id: tr.dataset.suggestion || null };
      for (const input of tr.querySelectorAll('[data-k]')) values[input.dataset.k] = input.value;
      return values;
    });

  function addRow(values = {}, focus = true) {
    const holder = document.createElement('tbody');
    render(holder, rowMarkup(values));
    const tr = holder.firstElementChild;
    rows.append(tr);
    if (focus) tr.querySelector(values.suggestion_id ? '[data-k=price]' : '[data-k=isbn]').focus();
    showTotal();
    return tr;
  }

  function showTotal() {
    const t = draftTotal(readRows());
    const box = dialog.querySelector('#of-total');
    let text = `本单 ${t.copies} 册，合计 ${yuan(t.fen)} 元${t.unpriced ? `（${t.unpriced} 行未填单价）` : ''}。`;
    let tone = 'hint';
    if (budget) {
      const v = budgetView(budget);
      if (v.set) {
        const left = v.left - t.fen;
        text += left < 0 ? ` 下单后${year}年图书购置费将超出预算 ${yuan(-left)} 元。` : ` 下单后图书购置费尚余 ${yuan(left)} 元。`;
        if (left < 0) tone = 'notice tone-error';
        else if ((v.used + t.fen) * 10 >= v.amount * 9) tone = 'notice';
      } else text += ` ${year}年图书购置费预算还未设置。`;
    }
    box.className = tone;
    box.textContent = text;
  }

  // An ISBN the catalogue has fills the row in; an unknown one moves on to the title.
  async function lookUp(tr) {
    const note = dialog.querySelector('#of-isbn-note');
    const input = tr.querySelector('[data-k=isbn]');
    const isbn = input.value.replace(/[\s-]/g, '');
    note.textContent = '';
    if (!isbn) return;
    try {
      const held = await api.titleByIsbn(isbn);
      if (held) {
        for (const k of ['title', 'authors', 'publisher']) {
          const field = tr.querySelector(`[data-k=${k}]`);
          if (!field.value.trim()) field.value = held[k] ?? '';
        }
        note.textContent = `馆藏已有《${held.title}》${held.copies} 册；订购会为它增加复本。`;
        tr.querySelector('[data-k=copies]').focus();
        return;
      }
    } catch (err) {
      note.textContent = err.message;
      input.focus();
      return;
    }
    tr.querySelector('[data-k=title]').focus();
  }

  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !e.target.matches?.('[data-k]')) return;
    e.preventDefault();
    const tr = e.target.closest('tr');
    if (e.target.dataset.k === 'isbn') lookUp(tr);
    else if (e.target.dataset.k === 'price') (tr.nextElementSibling ?? addRow()).querySelector('[data-k=isbn]').focus();
    else e.target.closest('td').nextElementSibling?.querySelector('input')?.focus();
  });
  dialog.addEventListener('input', (e) => {
    if (e.target.matches('[data-k]')) showTotal();
  });
  dialog.addEventListener('change', (e) => {
    const box = e.target.closest('[data-suggestion]');
    if (!box || box.tagName !== 'INPUT') return;
    const id = box.dataset.suggestion;
    if (box.checked) {
      const s = suggestions.find((x) => String(x.id) === id);
      // An empty first row is taken over rather than left as a blank line.
      const first = rows.querySelector('tr[data-row]');
      if (first && rows.children.length === 1 && !readRows().some((r) => r.isbn || r.title || r.price)) first.remove();
      addRow({ suggestion_id: s.id, title: s.title, authors: s.author, publisher: s.publisher, isbn: s.isbn, suggested_by: s.person_name });
    } else {
      rows.querySelector(`tr[data-suggestion="${id}"]`)?.remove();
      showTotal();
    }
  });
  dialog.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'cancel') close();
    else if (act === 'add-row') addRow();
    else if (act === 'drop') {
      const tr = e.target.closest('tr');
      const box = dialog.querySelector(`input[type=checkbox][data-suggestion="${tr.dataset.suggestion}"]`);
      if (box) box.checked = false;
      tr.remove();
      if (!rows.children.length) addRow();
      showTotal();
    }
  });

  onRecordSubmit(
    dialog,
    form,
    (values) => {
      const draft = orderDraft({ year, supplier: values.supplier, note: values.note, rows: readRows() });
      const errors = {};
      if (!draft.supplier) errors.supplier = '请填写供应商（书店）。';
      const save = () => {
        if (!draft.lines.length) return Promise.reject(Object.assign(new Error('请至少添加一行：勾选荐购、输入 ISBN 或书名。'), { field: null }));
        return api.createOrder(draft);
      };
      return { errors, save };
    },
    (detail) => {
      close();
      onSaved(detail);
    },
  );
  showTotal();
  dialog.showModal();
  form.elements.supplier.focus();
}
