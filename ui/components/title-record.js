// What the title dialog shows: the record, class path, copies (each to
// choose for 调架, to mark or to delete), one copy's loans, the holds, and
// the forms to move the chosen copies and to add copies.

import { html } from '../lib/html.js';
import { availability, classPathText } from '../lib/catalog.js';
import { dueText, holdText } from '../lib/circulation.js';
import { limit, officeDate, statusLabel } from '../lib/vocabulary.js';

export const MARKS = [
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

function copiesTable(copies, chosen) {
  const all = copies.length > 0 && copies.every((c) => chosen.has(c.id));
  return html`<table class="grid compact" id="td-copies">
    <thead><tr><th class="narrow"><label class="check"><input type="checkbox" id="td-all" ${all ? html`checked` : ''} ${copies.length ? '' : html`disabled`}> 全选</label></th>
      <th>条码</th><th>馆藏位置</th><th>状态</th><th>入藏日期</th><th></th></tr></thead>
    <tbody>${copies.map(
      (c) => html`<tr data-copy="${c.id}">
        <td><input type="checkbox" data-act="choose" ${chosen.has(c.id) ? html`checked` : ''} aria-label="选择 ${c.barcode}"></td>
        <td class="mono">${c.barcode}</td><td>${c.location ?? ''}</td>
        <td>${statusLabel('copy', c.status)}${c.note && c.status !== 'on_shelf' ? html` <span class="hint">${c.note}</span>` : ''}</td><td>${c.acquired_on ?? ''}</td>
        <td class="row-actions"><button type="button" class="link" data-act="history">借阅记录</button>
          <select data-act="mark" aria-label="更改 ${c.barcode} 的状态"><option value="">状态…</option>${MARKS.filter((m) => m.status !== c.status && !(m.status === 'on_shelf' && c.status === 'on_loan')).map(
            (m) => html`<option value="${m.status}">${m.label}</option>`,
          )}</select>
          <button type="button" class="link" data-act="delete-copy" title="录错了的册：删除（借出过的册不能删除）">删除这一册</button></td></tr>`,
    )}</tbody>
  </table>`;
}

/** 调架: the chosen copies to another shelf; the shelves in use are offered. */
function moveForm(chosen, locations) {
  return html`<form class="inline-form" id="td-move" novalidate>
    <span id="td-chosen">${chosen.size ? `已选 ${chosen.size} 册` : '勾选要调架的册'}</span>
    <label>调到 <input name="location" type="text" autocomplete="off" class="narrow-input" list="td-locations" aria-label="新的馆藏位置"></label>
    <datalist id="td-locations">${locations.map(([name]) => html`<option value="${name}"></option>`)}</datalist>
    <button type="submit" ${chosen.size ? '' : html`disabled`}>调架</button>
  </form>`;
}

function historyPanel(history) {
  if (!history) return '';
  return html`<div class="panel"><h3>${history.copy.barcode} 的借阅记录</h3>${history.loans.length
    ? html`<table class="grid compact"><tbody>${history.loans.map(
        (l) => html`<tr><td>${officeDate(l.borrowed_at)}</td><td>${l.person_name}</td><td>${l.person_unit ?? ''}</td>
          <td>${l.returned_at ? `${officeDate(l.returned_at)} ${statusLabel('outcome', l.outcome)}` : dueText(l)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="hint">这一册还没有借出过。</p>`}</div>`;
}

/**
 * The whole dialog from its state: { detail, holds, history, chosen (copy
 * ids), locations ([name, count]), message ({ tone, text } or null) }.
 */
export function titleRecord({ detail, holds, history, chosen, locations, message }) {
  const t = detail.title;
  return html`<h2 id="td-title">《${t.title}》${t.subtitle ? html`<span class="sub">：${t.subtitle}</span>` : ''}</h2>
    <p class="hint">${detail.class_path.length ? html`分类：${classPathText(detail.class_path)}` : t.clc ? `分类号 ${t.clc}` : '未分类'}
      · ${availability(t)}</p>
    <dl class="record">
      ${FIELDS.filter(([k]) => t[k]).map(([k, label]) => html`<dt>${label}</dt><dd>${t[k]}</dd>`)}
    </dl>
    <h3>馆藏（${detail.copies.length} 册）</h3>
    ${copiesTable(detail.copies, chosen)}
    ${moveForm(chosen, locations)}
    <div id="td-message" class="${message ? `td-message tone-${message.tone}` : 'td-message'}" role="${message?.tone === 'error' ? 'alert' : 'status'}">${message?.text ?? ''}</div>
    ${historyPanel(history)}
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
      <button type="button" class="outline-danger push-left" data-act="delete-title" title="录错了的书目：连同各册删除（借出过的不能删除）">删除书目…</button>
      <button type="button" data-act="hold">为读者预约…</button>
      <button type="button" data-act="labels">打印标签</button>
      <button type="button" data-act="edit">编辑书目</button>
      <button type="button" class="primary" data-act="close">关闭</button>
    </div>`;
}
