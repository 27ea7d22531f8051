// A title in a dialog: its record, class path and copies, with adding copies
// (scan barcodes or let the app number them) and editing the record.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { availability, classPathText, statusLabel } from '../lib/catalog.js';
import { openTitleForm } from './title-form.js';
import { toast } from './toast.js';

const FIELDS = [
  ['authors', '作者'],
  ['publisher', '出版社'],
  ['year', '出版年'],
  ['edition', '版次'],
  ['isbn', 'ISBN'],
  ['call_number', '索书号'],
  ['subjects', '主题词'],
  ['price', '价格'],
  ['source', '来源'],
  ['summary', '摘要'],
  ['note', '备注'],
];

/** Opens title `id`; `onChanged()` runs after it or its copies changed. */
export async function openTitleDetail(id, { onChanged }) {
  let detail;
  try {
    detail = await api.titleDetail(id);
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog wide';
  dialog.setAttribute('aria-labelledby', 'td-title');
  document.body.append(dialog);

  const close = () => {
    dialog.close();
    dialog.remove();
  };

  function draw() {
    const t = detail.title;
    render(
      dialog,
      html`<h2 id="td-title">《${t.title}》${t.subtitle ? html`<span class="sub">：${t.subtitle}</span>` : ''}</h2>
        <p class="hint">${detail.class_path.length ? html`分类：${classPathText(detail.class_path)}` : t.clc ? `分类号 ${t.clc}` : '未分类'}
          · ${availability(t)}</p>
        <dl class="record">
          ${FIELDS.filter(([k]) => t[k]).map(([k, label]) => html`<dt>${label}</dt><dd>${t[k]}</dd>`)}
        </dl>
        <h3>馆藏（${detail.copies.length} 册）</h3>
        <table class="grid compact">
          <thead><tr><th>条码</th><th>馆藏位置</th><th>状态</th><th>入藏日期</th></tr></thead>
          <tbody>${detail.copies.map(
            (c) => html`<tr><td class="mono">${c.barcode}</td><td>${c.location ?? ''}</td><td>${statusLabel(c.status)}</td><td>${c.acquired_on ?? ''}</td></tr>`,
          )}</tbody>
        </table>
        <form class="inline-form" id="td-add" novalidate>
          <label>添加复本 <input name="count" type="number" min="1" max="500" value="1" class="tiny-input" aria-label="册数"> 册</label>
          <label>条码 <input name="barcodes" type="text" autocomplete="off" placeholder="可扫描；留空自动编号" aria-label="条码"></label>
          <label>位置 <input name="location" type="text" autocomplete="off" class="narrow-input" value="${detail.copies[0]?.location ?? ''}" aria-label="馆藏位置"></label>
          <button type="submit">添加</button>
        </form>
        <div class="dialog-actions">
          <button type="button" data-act="edit">编辑书目</button>
          <button type="button" class="primary" data-act="close">关闭</button>
        </div>`,
    );
  }
  draw();

  dialog.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'close') close();
    else if (act === 'edit') {
      close();
      openTitleForm(detail.title, {
        onSaved: (t) => {
          toast(`已保存：《${t.title}》`);
          onChanged();
          openTitleDetail(t.id, { onChanged });
        },
      });
    }
  });
  dialog.addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.target;
    const barcodes = form.elements.barcodes.value.split(/[\s,，;；、]+/).filter(Boolean);
    const typed = Number(form.elements.count.value);
    const count = Math.max(0, (Number.isInteger(typed) ? typed : 1) - barcodes.length);
    try {
      const added = await api.addCopies(detail.title.id, { count, barcodes, location: form.elements.location.value || null });
      toast(`已添加 ${added.length} 册：${added.map((c) => c.barcode).join('、')}`);
      detail = await api.titleDetail(detail.title.id);
      draw();
      onChanged();
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  dialog.showModal();
  dialog.querySelector('[data-act=close]').focus();
}
