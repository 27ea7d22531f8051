// 借还: the circulation desk. One scan field takes everything: a card
// chooses the borrower, a book lends to them, a book with nobody chosen is
// a return; a name finds the reader. Focus always comes back to the field;
// Esc puts the desk back to "nobody chosen".

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { deskMessage, dueText, holdText } from '../lib/circulation.js';
import { demoSummary } from '../lib/demo.js';
import { unitOf } from '../lib/people.js';
import { kindLabel, officeDate, statusLabel } from '../lib/vocabulary.js';
import { bindScanInput } from '../components/scan-input.js';
import { confirmDialog } from '../components/confirm.js';
import { toast } from '../components/toast.js';

const LOG_LENGTH = 30;

export function mountDesk(host) {
  const root = document.createElement('div');
  root.className = 'view desk';
  root.dataset.view = 'desk';
  host.replaceChildren(root);
  render(root, deskLayout());
  const d = { root, state: { borrower: null, candidates: null, log: [], today: '', ready: [] }, $: (sel) => root.querySelector(sel) };
  const scanInput = d.$('#desk-scan');
  d.scan = bindScanInput(scanInput, (code) => handleScan(d, code));

  root.addEventListener('click', (e) => {
    const pick = e.target.closest('[data-pick]');
    if (pick) return choose(d, d.state.candidates[Number(pick.dataset.pick)]);
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (!act) return;
    if (act === 'reset') reset(d);
    else if (act === 'history') showHistory(d);
    else if (act === 'demo') loadDemo(d);
    else if (act === 'cancel-hold') cancelHold(d, Number(e.target.closest('[data-hold]').dataset.hold));
    else {
      const row = e.target.closest('tr[data-loan]');
      if (row) loanAction(d, act, row);
    }
  });
  root.addEventListener('keydown', (e) => {
    const pick = e.target.closest('[data-pick]');
    if (pick && e.key === 'Enter') choose(d, d.state.candidates[Number(pick.dataset.pick)]);
    else if (pick && e.key === 'ArrowDown') pick.nextElementSibling?.focus();
    else if (pick && e.key === 'ArrowUp') (pick.previousElementSibling ?? scanInput).focus();
  });
  const onKey = (e) => {
    if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
      e.preventDefault();
      reset(d);
    }
  };
  document.addEventListener('keydown', onKey);

  start(d);
  d.scan.focus();
  return { unmount: () => document.removeEventListener('keydown', onKey) };
}

function deskLayout() {
  return html`
    <header class="view-head">
      <h1>借还</h1>
      <div id="desk-summary" class="chips" aria-label="借阅概况"></div>
    </header>
    <div class="scan-row">
      <label for="desk-scan" class="scan-label">扫描</label>
      <input id="desk-scan" class="scan-input" type="text" placeholder="扫描借书证再扫图书即借出；直接扫图书即归还；也可输入姓名" aria-describedby="desk-message">
      <span id="desk-who" class="who" aria-live="polite"></span>
    </div>
    <div id="desk-message" class="desk-message" role="status" aria-live="polite"></div>
    <div class="desk-grid">
      <section id="desk-borrower" class="panel" aria-label="读者"></section>
      <aside class="desk-side">
        <section class="panel">
          <h3>本次操作</h3>
          <ol id="desk-log" class="log"></ol>
        </section>
        <section class="panel">
          <h3>待取预约 <span class="hint">（已留书，等读者来取）</span></h3>
          <div id="desk-ready"></div>
        </section>
      </aside>
    </div>`;
}

/** The desk's answer under the scan field, and a line in 本次操作. */
function say(d, tone, text, notice = null) {
  render(d.$('#desk-message'), html`<span class="tone-${tone}">${text}</span>${notice ? html`<div class="desk-notice">${notice}</div>` : ''}`);
  d.state.log.unshift({ tone, text, at: new Date() });
  d.state.log.length = Math.min(d.state.log.length, LOG_LENGTH);
  drawLog(d);
}

function drawLog({ state, $ }) {
  render(
    $('#desk-log'),
    html`${state.log.map(
      (l) => html`<li class="tone-${l.tone}"><span class="time">${l.at.toTimeString().slice(0, 5)}</span> ${l.text}</li>`,
    )}${state.log.length ? '' : html`<li class="hint">还没有操作。</li>`}`,
  );
}

async function refreshSummary(d) {
  try {
    const [s, ready] = await Promise.all([api.circulationSummary(), api.readyHolds()]);
    d.state.today = s.today;
    d.state.ready = ready;
    render(
      d.$('#desk-summary'),
      html`<span class="chip">在借 <b>${s.on_loan}</b></span>
        <a class="chip ${s.overdue ? 'chip-warn' : ''}" href="#overdue">逾期 <b>${s.overdue}</b></a>
        <span class="chip">待取预约 <b>${s.holds_ready}</b></span>
        <span class="chip">排队预约 <b>${s.holds_waiting}</b></span>`,
    );
    render(d.$('#desk-ready'), readyTable(ready, s.today));
    updateNavBadge(s.overdue);
  } catch (e) {
    toast(e.message, 'error');
  }
}

function readyTable(ready, today) {
  return ready.length
    ? html`<table class="grid compact"><tbody>${ready.map(
        (h) => html`<tr><td class="nowrap">${h.person_name}</td><td>《${h.title}》</td><td class="mono">${h.copy_barcode ?? ''}</td><td class="nowrap ${h.expires_on < today ? 'tone-warn' : ''}" title="${h.expires_on} 前取书">${h.expires_on.slice(5)} 前</td></tr>`,
      )}</tbody></table>`
    : html`<p class="hint">没有待取的预约书。</p>`;
}

/** Who the desk is lending to (or the candidates a name found, or nobody). */
function drawBorrower({ state, $ }) {
  const b = state.borrower;
  render(
    $('#desk-who'),
    b ? html`当前读者：<b>${b.person.name}</b> <button type="button" class="link" data-act="reset" title="Esc">换人（Esc）</button>` : html`<span class="hint">未选读者：扫图书即归还</span>`,
  );
  const panel = $('#desk-borrower');
  if (state.candidates) {
    render(
      panel,
      html`<h3>请选择读者</h3>
        <ul class="pick-list" role="listbox" aria-label="符合的读者">${state.candidates.map(
          (p, i) => html`<li role="option" tabindex="0" data-pick="${i}"><b>${p.name}</b> <span class="hint">${kindLabel(p.kind)} · ${unitOf(p)}${p.card_barcode ? ` · ${p.card_barcode}` : ''}${p.active ? '' : ' · 已停用'}</span></li>`,
        )}</ul>`,
    );
    panel.querySelector('[data-pick]')?.focus();
  } else if (!b) {
    render(
      panel,
      html`<div class="desk-idle">
        <h2>借书：先扫借书证，再扫图书</h2>
        <p>还书：不用扫借书证，直接扫图书条码。</p>
        <p class="hint">找不到借书证时，输入姓名或拼音（如 zhangwei、zw）后回车。按 Esc 回到这里。</p>
      </div>`,
    );
  } else {
    render(panel, borrowerPanel(b, state.today));
  }
}

function borrowerPanel(b, today) {
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
            (h) => html`<tr data-hold="${h.id}" class="${h.status === 'ready' ? 'ready' : ''}"><td>《${h.title}》</td><td>${holdText(h)}</td>
              <td class="row-actions"><button type="button" class="link" data-act="cancel-hold">取消预约</button></td></tr>`,
          )}</tbody>
        </table>`
      : html`<p class="hint">没有预约。在“书目”中打开一本书可以为读者预约。</p>`}`;
}

/** One scan: a card, a book to lend or return, or a name to look up. */
async function handleScan(d, code) {
  const { state } = d;
  try {
    const outcome = await api.deskScan(state.borrower?.person.id ?? null, code);
    const m = deskMessage(outcome);
    if (outcome.kind === 'candidates') {
      state.candidates = outcome.people;
      say(d, m.tone, m.text);
      drawBorrower(d);
      return;
    }
    state.candidates = null;
    if (outcome.kind === 'borrower' || outcome.kind === 'lent') state.borrower = outcome.borrower;
    say(d, m.tone, m.text, m.notice);
    drawBorrower(d);
    if (outcome.kind !== 'borrower') refreshSummary(d);
  } catch (e) {
    say(d, 'error', e.message);
  } finally {
    if (!state.candidates) d.scan.focus();
  }
}

async function choose(d, person) {
  d.state.candidates = null;
  try {
    d.state.borrower = await api.borrower(person.id);
    const m = deskMessage({ kind: 'borrower', borrower: d.state.borrower });
    say(d, m.tone, m.text, m.notice);
  } catch (e) {
    say(d, 'error', e.message);
  }
  drawBorrower(d);
  d.scan.focus();
}

async function reloadBorrower(d) {
  if (d.state.borrower) d.state.borrower = await api.borrower(d.state.borrower.person.id);
  drawBorrower(d);
  refreshSummary(d);
}

function reset(d) {
  d.state.borrower = null;
  d.state.candidates = null;
  render(d.$('#desk-message'), html``);
  drawBorrower(d);
  d.scan.focus();
}

async function cancelHold(d, id) {
  try {
    const h = await api.cancelHold(id);
    say(d, 'ok', `已取消 ${h.person_name} 对《${h.title}》的预约`);
    await reloadBorrower(d);
  } catch (err) {
    say(d, 'error', err.message);
  } finally {
    d.scan.focus();
  }
}

/** 续借, 还书, 遗失 or 损坏 on one of the borrower's loans. */
async function loanAction(d, act, row) {
  const loanId = Number(row.dataset.loan);
  const copyId = Number(row.dataset.copy);
  const loan = d.state.borrower.loans.find((l) => l.id === loanId);
  try {
    if (act === 'renew') {
      const l = await api.renewLoan(loanId);
      say(d, 'ok', `续借《${l.title}》，应还改为 ${l.due_on}`);
    } else if (act === 'return') {
      const r = await api.returnCopy(copyId);
      const m = deskMessage({ kind: 'returned', loan: r.loan, hold: r.hold });
      say(d, m.tone, m.text, m.notice);
    } else {
      const lost = act === 'lost';
      const answer = await confirmDialog({
        title: lost ? '登记遗失' : '登记损坏',
        message: lost ? `《${loan.title}》（${loan.barcode}）将结束借阅并标为“遗失”。` : `《${loan.title}》（${loan.barcode}）将结束借阅并送去“修补”。`,
        note: { label: '说明', value: lost ? '读者报失' : '' },
        confirmLabel: lost ? '登记遗失' : '登记损坏',
        danger: true,
      });
      if (!answer) return;
      await api.markCopy(copyId, lost ? 'lost' : 'repair', answer.note);
      say(d, 'warn', `${loan.barcode}《${loan.title}》已登记${lost ? '遗失' : '损坏，送修补'}`);
    }
    await reloadBorrower(d);
  } catch (e) {
    say(d, 'error', e.message);
  } finally {
    d.scan.focus();
  }
}

async function showHistory(d) {
  const p = d.state.borrower.person;
  try {
    const loans = await api.personLoans(p.id, 200);
    const dialog = document.createElement('dialog');
    dialog.className = 'form-dialog wide';
    render(
      dialog,
      html`<h2>${p.name} 的借阅历史（最近 ${loans.length} 次）</h2>
        <div class="report-rows"><table class="grid compact">
          <thead><tr><th>借出</th><th>书名</th><th>条码</th><th>应还</th><th>归还</th></tr></thead>
          <tbody>${loans.map(
            (l) => html`<tr><td>${officeDate(l.borrowed_at)}</td><td>《${l.title}》</td><td class="mono">${l.barcode}</td><td>${l.due_on}</td>
              <td>${l.returned_at ? `${officeDate(l.returned_at)} ${statusLabel('outcome', l.outcome)}` : dueText(l, d.state.today)}</td></tr>`,
          )}</tbody>
        </table></div>
        <div class="dialog-actions"><button type="button" class="primary" data-act="close">关闭</button></div>`,
    );
    document.body.append(dialog);
    const close = () => {
      dialog.close();
      dialog.remove();
      d.scan.focus();
    };
    dialog.querySelector('[data-act=close]').addEventListener('click', close);
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      close();
    });
    dialog.showModal();
  } catch (e) {
    toast(e.message, 'error');
  }
}

async function loadDemo(d) {
  try {
    toast(demoSummary(await api.loadDemo()));
    await start(d);
  } catch (e) {
    toast(e.message, 'error');
  }
}

/** The desk as it opens: expired holds released, the summary, or what to do first. */
async function start(d) {
  drawBorrower(d);
  drawLog(d);
  try {
    await api.expireHolds();
    const titles = await api.listTitles({ limit: 1 });
    if (titles.total === 0) {
      render(
        d.$('#desk-borrower'),
        html`<div class="empty">
          <h2>还没有馆藏</h2>
          <p>先在“书目”中导入或录入图书，在“人员”中导入读者，就可以在这里扫码借还。想先看看效果，就装入一套演示数据（书目、人员、借阅、预约、盘点都有）。</p>
          <div class="actions"><a class="button" href="#catalog">去导入书目</a><button type="button" class="primary" data-act="demo">装入演示数据</button></div>
        </div>`,
      );
    }
  } catch (e) {
    toast(e.message, 'error');
  }
  await refreshSummary(d);
}

/** The overdue count beside 逾期 in the navigation, on every screen. */
export function updateNavBadge(count) {
  const badge = document.getElementById('nav-overdue');
  if (!badge) return;
  badge.textContent = count ? String(count) : '';
  badge.hidden = !count;
}
