// The desk's panels: the reader on screen (loans with their actions, holds
// with the edition to pick), the books set aside for pickup, and a reader's
// history in a dialog.

import { html, render } from '../lib/html.js';
import { dueText, holdEdition, holdText } from '../lib/circulation.js';
import { unitOf } from '../lib/people.js';
import { kindLabel, officeDate, statusLabel } from '../lib/vocabulary.js';

/** 待取预约: the books set aside, with the edition to pick off the shelf. */
export function readyTable(ready, today, editions) {
  return ready.length
    ? html`<table class="grid compact" id="desk-ready-holds"><tbody>${ready.map(
        (h) => html`<tr><td class="nowrap">${h.person_name}</td><td>《${h.title}》<div class="hint edition">${holdEdition(h, editions.get(h.title_id))}</div></td><td class="mono">${h.copy_barcode ?? ''}</td><td class="nowrap ${h.expires_on < today ? 'tone-warn' : ''}" title="${h.expires_on} 前取书">${h.expires_on.slice(5)} 前</td></tr>`,
      )}</tbody></table>`
    : html`<p class="hint">没有待取的预约书。</p>`;
}

/** The reader on screen: who, their rule, loans (each with its actions) and holds. */
export function borrowerPanel(b, today, editions) {
  const p = b.person;
  const r = b.rule;
  return html`<div class="borrower-head">
      <div>
        <h2>${p.name} <span class="tag">${kindLabel(p.kind)}</span>${p.active ? '' : html` <span class="tag tag-warn">已停用</span>`}</h2>
        <p class="hint">${unitOf(p)}${p.professional_group ? ` · ${p.professional_group}` : ''} · 借书证 ${p.card_barcode ?? '无'} · 可借 ${r.max_loans} 册、借期 ${r.loan_days} 天、可续借 ${r.max_renewals} 次</p>
      </div>
      <button type="button" data-act="history">借阅历史</button>
    </div>
    ${b.blocked ? html`<p class="notice">${b.blocked}</p>` : ''}
    <h3>在借 ${b.loans.length} 册${b.overdue ? html`，<span class="tone-warn">逾期 ${b.overdue} 册</span>` : ''}</h3>
    ${b.loans.length
      ? html`<table class="grid compact" id="desk-loans" aria-label="在借图书">
          <thead><tr><th>条码</th><th>书名</th><th>借出</th><th>应还</th><th>续借</th><th></th></tr></thead>
          <tbody>${b.loans.map(
            (l) => html`<tr data-loan="${l.id}" data-copy="${l.copy_id}" class="${l.overdue_days > 0 ? 'overdue' : ''}">
              <td class="mono">${l.barcode}</td>
              <td>《${l.title}》</td>
              <td>${officeDate(l.borrowed_at)}</td>
              <td>${dueText(l, today)}</td>
              <td>${l.renewals}</td>
              <td class="row-actions">
                <button type="button" class="link" data-act="renew">续借</button>
                <button type="button" class="link" data-act="return">还书</button>
                <button type="button" class="link" data-act="lost">遗失</button>
                <button type="button" class="link" data-act="damaged">损坏</button>
              </td>
            </tr>`,
          )}</tbody>
        </table>`
      : html`<p class="hint">没有在借的图书。扫描图书条码即可借出。</p>`}
    <h3>预约 ${b.holds.length} 条</h3>
    ${b.holds.length
      ? html`<table class="grid compact" aria-label="预约">
          <tbody>${b.holds.map(
            (h) => html`<tr data-hold="${h.id}" class="${h.status === 'ready' ? 'ready' : ''}"><td>《${h.title}》<div class="hint edition">${holdEdition(h, editions.get(h.title_id))}</div></td><td>${holdText(h)}</td>
              <td class="row-actions"><button type="button" class="link" data-act="cancel-hold">取消预约</button></td></tr>`,
          )}</tbody>
        </table>`
      : html`<p class="hint">没有预约。在“书目”中打开一本书可以为读者预约。</p>`}`;
}

/** A reader's loans, newest first, in a dialog; `onClose()` after it closed. */
export function showHistory(person, loans, today, onClose) {
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog wide';
  render(
    dialog,
    html`<h2>${person.name} 的借阅历史（最近 ${loans.length} 次）</h2>
      <div class="report-rows"><table class="grid compact">
        <thead><tr><th>借出</th><th>书名</th><th>条码</th><th>应还</th><th>归还</th></tr></thead>
        <tbody>${loans.map(
          (l) => html`<tr><td>${officeDate(l.borrowed_at)}</td><td>《${l.title}》</td><td class="mono">${l.barcode}</td><td>${l.due_on}</td>
            <td>${l.returned_at ? `${officeDate(l.returned_at)} ${statusLabel('outcome', l.outcome)}` : dueText(l, today)}</td></tr>`,
        )}</tbody>
      </table></div>
      <div class="dialog-actions"><button type="button" class="primary" data-act="close">关闭</button></div>`,
  );
  document.body.append(dialog);
  const close = () => {
    dialog.close();
    dialog.remove();
    onClose();
  };
  dialog.querySelector('[data-act=close]').addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  dialog.showModal();
}
