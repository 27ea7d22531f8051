// A title in a dialog: its record, class path and copies, with adding copies
// (scan barcodes or let the app number them) and editing the record.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { availability, classPathText } from '../lib/catalog.js';
import { dueText, holdText } from '../lib/circulation.js';
import { limit, officeDate, statusLabel } from '../lib/vocabulary.js';
import { confirmDialog } from './confirm.js';
import { pickPerson } from './person-picker.js';
import { openTitleForm } from './title-form.js';
import { modal } from './modal.js';
import { toast } from './toast.js';

const MARKS = [
  { status: 'repair', label: '送修补', note: '破损' },
  { status: 'lost', label: '标为遗失', note: '' },
  { status: 'withdrawn', label: '剔除', note: '陈旧剔除' },
  { status: 'on_shelf', label: '恢复在架', note: '' },
];

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
  let holds = [];
  let history = null; // { copy, loans } when a copy's history is open
  try {
    [detail, holds] = await Promise.all([api.titleDetail(id), api.titleHolds(id)]);
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  const { dialog, close } = modal('form-dialog wide', { labelledBy: 'td-title' });

  const draw = () => render(dialog, titleRecord(detail, holds, history));
  draw();

  async function reload() {
    [detail, holds] = await Promise.all([api.titleDetail(detail.title.id), api.titleHolds(detail.title.id)]);
    draw();
    onChanged();
  }

  async function placeHold() {
    const person = await pickPerson({ title: `预约《${detail.title.title}》`, hint: '有在架的册会立即留书；都借出时排队，还回后按顺序留书。' });
    if (!person) return;
    try {
      const h = await api.placeHold(detail.title.id, person.id);
      toast(h.status === 'ready' ? `已为 ${h.person_name} 留书 ${h.copy_barcode}，请在 ${h.expires_on} 前取书。` : `${h.person_name} 已预约，排队第 ${h.position} 位。`);
      await reload();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  dialog.addEventListener('change', async (e) => {
    if (e.target.dataset.act !== 'mark' || !e.target.value) return;
    const copyId = Number(e.target.closest('[data-copy]').dataset.copy);
    const copy = detail.copies.find((c) => c.id === copyId);
    const mark = MARKS.find((m) => m.status === e.target.value);
    e.target.value = '';
    const answer = await confirmDialog({
      title: `${copy.barcode}：${mark.label}`,
      message: copy.status === 'on_loan' ? '这一册正借出，借阅将随之结束。' : `状态将由“${statusLabel('copy', copy.status)}”改为“${statusLabel('copy', mark.status)}”。`,
      note: { label: '说明', value: mark.note },
      confirmLabel: mark.label,
      danger: mark.status !== 'on_shelf',
    });
    if (!answer) return;
    try {
      await api.markCopy(copyId, mark.status, answer.note);
      toast(`${copy.barcode} 已${mark.label}。`);
      await reload();
    } catch (err) {
      toast(err.message, 'error');
    }
  });

  dialog.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'hold') placeHold();
    else if (act === 'labels') {
      close();
      location.hash = `#labels?title=${detail.title.id}`;
    } else if (act === 'history') {
      const copyId = Number(e.target.closest('[data-copy]').dataset.copy);
      try {
        history = { copy: detail.copies.find((c) => c.id === copyId), loans: await api.copyLoans(copyId) };
        draw();
      } catch (err) {
        toast(err.message, 'error');
      }
    } else if (act === 'close') close();
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
  dialog.showModal();
  dialog.querySelector('[data-act=close]').focus();
}

/** The title's record, class path, copies (and one copy's loans), holds and the add-copies form. */
function titleRecord(detail, holds, history) {
  const t = detail.title;
  return html`<h2 id="td-title">《${t.title}》${t.subtitle ? html`<span class="sub">：${t.subtitle}</span>` : ''}</h2>
    <p class="hint">${detail.class_path.length ? html`分类：${classPathText(detail.class_path)}` : t.clc ? `分类号 ${t.clc}` : '未分类'}
      · ${availability(t)}</p>
    <dl class="record">
      ${FIELDS.filter(([k]) => t[k]).map(([k, label]) => html`<dt>${label}</dt><dd>${t[k]}</dd>`)}
    </dl>
    <h3>馆藏（${detail.copies.length} 册）</h3>
    <table class="grid compact" id="td-copies">
      <thead><tr><th>条码</th><th>馆藏位置</th><th>状态</th><th>入藏日期</th><th></th></tr></thead>
      <tbody>${detail.copies.map(
        (c) => html`<tr data-copy="${c.id}"><td class="mono">${c.barcode}</td><td>${c.location ?? ''}</td>
          <td>${statusLabel('copy', c.status)}${c.note && c.status !== 'on_shelf' ? html` <span class="hint">${c.note}</span>` : ''}</td><td>${c.acquired_on ?? ''}</td>
          <td class="row-actions"><button type="button" class="link" data-act="history">借阅记录</button>
            <select data-act="mark" aria-label="更改 ${c.barcode} 的状态"><option value="">状态…</option>${MARKS.filter((m) => m.status !== c.status && !(m.status === 'on_shelf' && c.status === 'on_loan')).map(
              (m) => html`<option value="${m.status}">${m.label}</option>`,
            )}</select></td></tr>`,
      )}</tbody>
    </table>
    ${history ? html`<div class="panel"><h3>${history.copy.barcode} 的借阅记录</h3>${history.loans.length
      ? html`<table class="grid compact"><tbody>${history.loans.map(
          (l) => html`<tr><td>${officeDate(l.borrowed_at)}</td><td>${l.person_name}</td><td>${l.person_unit ?? ''}</td>
            <td>${l.returned_at ? `${officeDate(l.returned_at)} ${statusLabel('outcome', l.outcome)}` : dueText(l)}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="hint">这一册还没有借出过。</p>`}</div>` : ''}
    <h3>预约（${holds.length}）</h3>
    ${holds.length
      ? html`<table class="grid compact" id="td-holds"><tbody>${holds.map(
          (h) => html`<tr><td>${h.person_name}</td><td>${h.person_unit ?? ''}</td><td>${holdText(h)}</td><td>${officeDate(h.placed_at)} 预约</td></tr>`,
        )}</tbody></table>`
      : html`<p class="hint">没有人预约。</p>`}
    <form class="inline-form" id="td-add" novalidate>
      <label>添加复本 <input name="count" type="number" min="1" max="${limit('copies')}" value="1" class="tiny-input" aria-label="册数"> 册</label>
      <label>条码 <input name="barcodes" type="text" autocomplete="off" placeholder="可扫描；留空自动编号" aria-label="条码"></label>
      <label>位置 <input name="location" type="text" autocomplete="off" class="narrow-input" value="${detail.copies[0]?.location ?? ''}" aria-label="馆藏位置"></label>
      <button type="submit">添加</button>
    </form>
    <div class="dialog-actions">
      <button type="button" data-act="hold">为读者预约…</button>
      <button type="button" data-act="labels">打印标签</button>
      <button type="button" data-act="edit">编辑书目</button>
      <button type="button" class="primary" data-act="close">关闭</button>
    </div>`;
}
