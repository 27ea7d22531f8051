// 借还: the circulation desk. One scan field takes everything: a card
// chooses the borrower, a book on loan comes back whoever is on screen (and
// Enter lends it on to the reader on screen), a book on the shelf lends to
// them; a name finds the reader. Focus always comes back to the field, and
// the screen says when it is not there; Esc brings it back, and in the
// field puts the desk back to "nobody chosen".

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { deskMessage } from '../lib/circulation.js';
import { demoSummary } from '../lib/demo.js';
import { kindLabel } from '../lib/vocabulary.js';
import { unitOf } from '../lib/people.js';
import { bindScanInput } from '../components/scan-input.js';
import { keepScanFocus } from '../components/scan-focus.js';
import { borrowerPanel, readyTable, showHistory } from '../components/desk-panels.js';
import { confirmDialog } from '../components/confirm.js';
import { toast } from '../components/toast.js';

const LOG_LENGTH = 30;

export function mountDesk(host) {
  const root = document.createElement('div');
  root.className = 'view desk';
  root.dataset.view = 'desk';
  host.replaceChildren(root);
  render(root, deskLayout());
  // offer: a returned copy Enter lends to the reader on screen; editions:
  // title id → its record (publisher, year) for the holds shown.
  const state = { borrower: null, candidates: null, offer: null, log: [], today: '', ready: [], editions: new Map() };
  const d = { root, state, $: (sel) => root.querySelector(sel) };
  const scanInput = d.$('#desk-scan');
  // Before the scan field's own Enter: an empty field's Enter takes the offer.
  scanInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.isComposing && !scanInput.value.trim() && state.offer && !d.scan.busy()) lendOffer(d);
  });
  d.scan = bindScanInput(scanInput, (code) => handleScan(d, code));
  d.focus = keepScanFocus({ root, input: scanInput, row: d.$('.scan-row'), notice: d.$('#desk-refocus'), paused: () => Boolean(state.candidates) });

  root.addEventListener('click', (e) => {
    const pick = e.target.closest('[data-pick]');
    if (pick) return choose(d, d.state.candidates[Number(pick.dataset.pick)]);
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (!act) return;
    if (act === 'reset') reset(d);
    else if (act === 'lend-offer') lendOffer(d);
    else if (act === 'refocus') d.scan.focus();
    else if (act === 'history') history(d);
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
  // Esc closes a list of names, then brings focus back to the field, then
  // (in the field) lets go of the reader.
  const onKey = (e) => {
    if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
    e.preventDefault();
    if (state.candidates) {
      state.candidates = null;
      drawBorrower(d);
      d.scan.focus();
    } else if (document.activeElement !== scanInput) d.scan.focus();
    else reset(d);
  };
  document.addEventListener('keydown', onKey);

  start(d);
  d.scan.focus();
  return {
    unmount: () => {
      document.removeEventListener('keydown', onKey);
      d.focus.unwatch();
    },
  };
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
      <button type="button" id="desk-refocus" class="scan-lost" data-act="refocus" hidden>扫描框未选中，点这里或按 Esc</button>
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
  d.state.message = { tone, text, notice };
  drawMessage(d);
  d.state.log.unshift({ tone, text, at: new Date() });
  d.state.log.length = Math.min(d.state.log.length, LOG_LENGTH);
  drawLog(d);
}

/** The last answer, with the offer to lend a returned copy on while it stands. */
function drawMessage({ state, $ }) {
  const m = state.message;
  const o = state.offer;
  render(
    $('#desk-message'),
    html`${m ? html`<span class="tone-${m.tone}">${m.text}</span>${m.notice ? html`<div class="desk-notice">${m.notice}</div>` : ''}` : ''}${o
      ? html`<div class="desk-offer">${o.note ? html`<span>${o.note}</span>` : ''}
          <button type="button" class="primary" data-act="lend-offer">${o.text}</button><span class="hint">《${o.title}》${o.barcode}</span></div>`
      : ''}`,
  );
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
    await loadEditions(d, ready);
    render(d.$('#desk-ready'), readyTable(ready, s.today, d.state.editions));
    updateNavBadge(s.overdue);
  } catch (e) {
    toast(e.message, 'error');
  }
}

/**
 * Publisher and year of the titles held, fetched once each (a hold names its
 * title and call number only): the librarian picks the right edition off the
 * shelf. Whether any was new.
 */
async function loadEditions(d, holds) {
  const editions = d.state.editions;
  const missing = [...new Set(holds.map((h) => h.title_id))].filter((id) => !editions.has(id));
  if (!missing.length) return false;
  const found = await Promise.all(missing.map((id) => api.titleDetail(id).then((t) => t.title, () => null)));
  missing.forEach((id, i) => editions.set(id, found[i]));
  return true;
}

/** Who the desk is lending to (or the candidates a name found, or nobody). */
function drawBorrower(d) {
  const { state, $ } = d;
  const b = state.borrower;
  render(
    $('#desk-who'),
    b ? html`当前读者：<b>${b.person.name}</b> <button type="button" class="link" data-act="reset" title="Esc">换人（Esc）</button>` : html`<span class="hint">未选读者：扫图书即归还</span>`,
  );
  const panel = $('#desk-borrower');
  if (state.candidates) {
    render(
      panel,
      html`<h3>请选择读者 <span class="hint">（↑↓ 选择，Enter 确定，Esc ${b ? `返回 ${b.person.name}` : '返回'}）</span></h3>
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
    render(panel, borrowerPanel(b, state.today, state.editions));
    loadEditions(d, b.holds).then((more) => more && state.borrower === b && !state.candidates && drawBorrower(d), () => {});
  }
  d.focus?.check();
}

/**
 * One scan: a card, a book to lend or return, or a name to look up. A book
 * on loan comes back whoever is on screen; the reader stays, and when it was
 * someone else's, Enter lends it to them (the offer).
 */
async function handleScan(d, code) {
  const { state } = d;
  state.offer = null;
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
    if (outcome.kind === 'borrower' || outcome.kind === 'lent' || outcome.borrower) state.borrower = outcome.borrower;
    state.offer = m.offer ?? null;
    say(d, m.tone, m.text, m.notice);
    drawBorrower(d);
    if (outcome.kind !== 'borrower') refreshSummary(d);
  } catch (e) {
    say(d, 'error', e.message);
  } finally {
    if (!state.candidates) d.scan.focus();
  }
}

/** Lends the copy just returned to the reader on screen (the offer), with one key. */
async function lendOffer(d) {
  const offer = d.state.offer;
  if (!offer || d.state.borrower?.person.id !== offer.personId) return;
  d.state.offer = null;
  drawMessage(d);
  try {
    const loan = await api.lendCopy(offer.personId, offer.copyId);
    const m = deskMessage({ kind: 'lent', loan });
    say(d, m.tone, `${m.text}（借给 ${loan.person_name}）`);
    await reloadBorrower(d);
  } catch (e) {
    say(d, 'error', e.message);
  } finally {
    d.scan.focus();
  }
}

async function choose(d, person) {
  d.state.candidates = null;
  d.state.offer = null;
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
  d.state.offer = null;
  d.state.message = null;
  drawMessage(d);
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

async function history(d) {
  const p = d.state.borrower.person;
  try {
    showHistory(p, await api.personLoans(p.id, 200), d.state.today, () => d.scan.focus());
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
