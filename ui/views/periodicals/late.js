// 催缺: the issues late today (expected date and grace passed, copies
// missing) per supplier, with days late, copies missing and claims so far.
// Chosen rows are claimed (催询) and a 缺刊催询单 per supplier is printed;
// the whole list is exported as a workbook with the claims so far;
// an issue that will not come is marked 缺期. An issue received later
// leaves the list by itself.

import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { groupBySupplier } from '../../lib/periodicals.js';
import { mayChange, officeToday, statusLabel } from '../../lib/vocabulary.js';
import { operatorRole } from '../../lib/operator.js';
import { confirmDialog } from '../../components/confirm.js';
import { toast } from '../../components/toast.js';
import { printClaimSheets } from './paper.js';

export function mountLate(el) {
  const v = { el, may: mayChange(operatorRole(), 'serial'), late: [], chosen: new Set(), $: (sel) => el.querySelector(sel) };
  el.addEventListener('change', (e) => {
    const box = e.target.closest('input[data-issue]');
    const all = e.target.closest('input[data-supplier-all]');
    if (box) {
      if (box.checked) v.chosen.add(Number(box.dataset.issue));
      else v.chosen.delete(Number(box.dataset.issue));
    } else if (all) {
      const group = groupBySupplier(v.late).find((g) => g.supplier === all.dataset.supplierAll);
      for (const r of group?.rows ?? []) {
        if (all.checked) v.chosen.add(r.issue_id);
        else v.chosen.delete(r.issue_id);
      }
      draw(v);
      return;
    }
    drawActions(v);
  });
  el.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'claim') claim(v);
    else if (act === 'print') printChosen(v);
    else if (act === 'export') exportAll();
    else if (act === 'missing') markMissing(v, Number(e.target.closest('[data-id]').dataset.id));
  });
  load(v);
  return {};
}

async function load(v) {
  try {
    v.late = await api.lateIssues();
    const ids = new Set(v.late.map((l) => l.issue_id));
    for (const id of [...v.chosen]) if (!ids.has(id)) v.chosen.delete(id);
    draw(v);
  } catch (e) {
    toast(e.message, 'error');
  }
}

function draw(v) {
  const groups = groupBySupplier(v.late);
  const copies = v.late.reduce((n, l) => n + l.copies_missing, 0);
  render(
    v.el,
    html`<div class="late">
      <div class="view-head"><p class="counts">${officeToday()} 逾期未到 <b class="${v.late.length ? 'bad' : ''}">${v.late.length}</b> 期，缺 <b>${copies}</b> 份，涉及 <b>${groups.length}</b> 个订阅渠道</p>
        <div class="actions" id="late-actions"></div></div>
      <p class="hint">应到日期加宽限天数已过、仍未到齐的期次。勾选后“催询”记下一次催询并打印各渠道的缺刊催询单；确实不会再来的期次可记为缺期。</p>
      ${groups.length
        ? html`<div class="list-body"><table class="grid compact" id="late-table" aria-label="逾期未到">
          <thead><tr>${v.may ? html`<th class="narrow"></th>` : ''}<th>邮发代号</th><th>报刊</th><th>期次</th><th>应到</th><th class="num">逾期天数</th><th class="num">缺份数</th><th class="num">已催询</th><th>状态</th>${v.may ? html`<th></th>` : ''}</tr></thead>
          ${groups.map(
            (g) => html`<tbody data-supplier="${g.supplier}"><tr class="group-row"><th colspan="${v.may ? 10 : 8}">
                ${v.may ? html`<label class="check"><input type="checkbox" data-supplier-all="${g.supplier}" ${g.rows.every((r) => v.chosen.has(r.issue_id)) ? html`checked` : ''}> ${g.supplier}</label>` : g.supplier}
                <span class="sub">${g.rows.length} 期，缺 ${g.copies} 份</span></th></tr>
              ${g.rows.map(
                (r) => html`<tr data-id="${r.issue_id}">
                  ${v.may ? html`<td><input type="checkbox" data-issue="${r.issue_id}" aria-label="选择《${r.title}》${r.label}" ${v.chosen.has(r.issue_id) ? html`checked` : ''}></td>` : ''}
                  <td class="mono">${r.postal_code ?? ''}</td><td class="name">《${r.title}》</td><td>${r.label}</td><td class="nowrap">${r.expected_on}</td>
                  <td class="num">${r.days_late}</td><td class="num">${r.copies_missing}</td><td class="num">${r.claims ? `${r.claims} 次` : ''}</td>
                  <td>${statusLabel('issue', r.status)}</td>
                  ${v.may ? html`<td class="row-actions"><button type="button" class="link" data-act="missing">记为缺期</button></td>` : ''}</tr>`,
              )}</tbody>`,
          )}</table></div>`
        : html`<p class="hint">没有逾期未到的期次。</p>`}
    </div>`,
  );
  drawActions(v);
}

function drawActions(v) {
  const box = v.$('#late-actions');
  if (!box) return;
  const n = v.chosen.size;
  render(
    box,
    html`${v.may ? html`<button type="button" class="primary" data-act="claim" ${n ? '' : html`disabled`}>催询所选（${n}）并打印催询单</button>` : ''}
      <button type="button" data-act="print" ${n ? '' : html`disabled`}>只打印催询单</button>
      <button type="button" data-act="export" ${v.late.length ? '' : html`disabled`}>导出 Excel</button>`,
  );
}

function chosenGroups(v) {
  return groupBySupplier(v.late.filter((l) => v.chosen.has(l.issue_id)));
}

async function claim(v) {
  const ids = [...v.chosen];
  if (!ids.length) return;
  try {
    const groups = chosenGroups(v);
    const n = await api.claimIssues(ids);
    toast(`已记下催询 ${n} 期。`);
    // The sheet says this claim among the claims so far.
    for (const g of groups) for (const r of g.rows) r.claims += 1;
    printClaimSheets(groups);
    v.chosen.clear();
    await load(v);
  } catch (e) {
    toast(e.message, 'error');
  }
}

/** The whole late list, with the claims so far, as a workbook in the export folder. */
async function exportAll() {
  try {
    toast(`缺刊催询单已导出到 ${await api.exportClaims()}`);
  } catch (e) {
    toast(e.message, 'error');
  }
}

function printChosen(v) {
  const groups = chosenGroups(v);
  if (groups.length) printClaimSheets(groups);
}

async function markMissing(v, issueId) {
  const row = v.late.find((l) => l.issue_id === issueId);
  if (!row) return;
  const ok = await confirmDialog({
    title: '记为缺期',
    message: `《${row.title}》${row.label} 记为缺期后不再等待、不再催询；合订时会写明缺这一期。`,
    confirmLabel: '记为缺期',
    danger: true,
  });
  if (!ok) return;
  try {
    await api.markIssueMissing(issueId);
    toast(`《${row.title}》${row.label} 已记为缺期。`);
    v.chosen.delete(issueId);
    await load(v);
  } catch (e) {
    toast(e.message, 'error');
  }
}
