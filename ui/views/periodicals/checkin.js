// 记到: the scan field keeps focus; the cover's EAN-13 (977 + ISSN), a
// 邮发代号 or a title checks in the oldest issue due with all its copies
// (or the count in 份数, for a partial arrival). The answer is shown big;
// 重复到刊 says so and changes nothing. 今日到刊 lists what should have come
// in the last days and has not: a click or Enter on a row checks it in. A
// title with a routing list offers its 传阅单 at once.

import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { arrivalText, matchingSerials, scanKind, serialCode, stopName } from '../../lib/periodicals.js';
import { mayChange, officeToday } from '../../lib/vocabulary.js';
import { operatorRole } from '../../lib/operator.js';
import { bindScanInput } from '../../components/scan-input.js';
import { keepScanFocus } from '../../components/scan-focus.js';
import { toast } from '../../components/toast.js';
import { printRoutingSlip } from './paper.js';

const LOG_LENGTH = 30;
const DUE_DAYS = 7;

export function mountCheckin(el) {
  const may = mayChange(operatorRole(), 'serial');
  const c = {
    el,
    may,
    state: { subs: [], due: [], answer: null, picks: null, log: [], routes: new Map() },
    $: (sel) => el.querySelector(sel),
  };
  render(el, layout(may));
  if (may) {
    c.scan = bindScanInput(c.$('#checkin-scan'), (code) => onScan(c, code));
    c.focus = keepScanFocus({ root: el, input: c.$('#checkin-scan'), row: c.$('.scan-row'), notice: c.$('#checkin-refocus'), paused: () => Boolean(c.state.picks) });
    c.scan.focus();
  }
  el.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    const row = e.target.closest('tr[data-due]');
    const pick = e.target.closest('[data-pick]');
    if (pick) choose(c, c.state.picks[Number(pick.dataset.pick)]);
    else if (act === 'refocus') c.scan.focus();
    else if (act === 'route') route(c);
    else if (act === 'cancel-pick') closePicks(c);
    else if (row && c.may) checkInRow(c, c.state.due[Number(row.dataset.due)]);
  });
  el.addEventListener('keydown', (e) => {
    const row = e.target.closest?.('tr[data-due]');
    if (e.key === 'Enter' && row && c.may) {
      e.preventDefault();
      checkInRow(c, c.state.due[Number(row.dataset.due)]);
    } else if (e.key === 'Enter' && e.target.id === 'checkin-copies') {
      e.preventDefault();
      c.scan.focus();
    } else if (e.key === 'Escape' && c.state.picks) {
      closePicks(c);
    }
  });
  load(c);
  return {
    unmount() {
      c.focus?.unwatch();
    },
  };
}

function layout(may) {
  return html`<div class="checkin">
    ${may
      ? html`<div class="scan-row">
          <label for="checkin-scan" class="scan-label">扫描</label>
          <input id="checkin-scan" class="scan-input" type="text" placeholder="扫描封面条码（977 开头），或输入邮发代号、刊名后按回车" aria-describedby="checkin-answer">
          <label for="checkin-copies" class="scan-label">份数</label>
          <input id="checkin-copies" type="number" min="1" max="1000" class="narrow-input" placeholder="全部到齐" aria-describedby="checkin-copies-hint">
          <button type="button" id="checkin-refocus" class="scan-lost" data-act="refocus" hidden>扫描框未选中，点这里</button>
        </div>
        <p class="hint" id="checkin-copies-hint">只到了一部分时，先在“份数”填本次到的份数，再扫描；份数只用于下一次扫描。</p>`
      : html`<p class="hint">当前操作员只能查看，不能记到。</p>`}
    <div id="checkin-answer" class="checkin-answer" role="status" aria-live="polite"></div>
    <div id="checkin-picks"></div>
    <div class="checkin-cols">
      <section class="panel">
        <h2>今日到刊 <span class="sub">已到日子、还没到齐的期次（每种报刊最早的一期；逾期的在“催缺”）${may ? '；点一行或按回车即记到' : ''}</span></h2>
        <div id="checkin-due" class="list-body"></div>
      </section>
      <section class="panel">
        <h2>本次记到</h2>
        <ol id="checkin-log" class="log"></ol>
      </section>
    </div>
  </div>`;
}

async function load(c) {
  try {
    const year = Number(officeToday().slice(0, 4));
    const [subs, due] = await Promise.all([api.subscriptions(year), api.dueIssues(null, DUE_DAYS)]);
    c.state.subs = subs;
    c.state.due = due;
    drawDue(c);
  } catch (e) {
    toast(e.message, 'error');
  }
}

async function reloadDue(c) {
  try {
    c.state.due = await api.dueIssues(null, DUE_DAYS);
    drawDue(c);
  } catch (e) {
    toast(e.message, 'error');
  }
}

function drawDue(c) {
  const { due } = c.state;
  render(
    c.$('#checkin-due'),
    due.length
      ? html`<table class="grid compact" aria-label="今日到刊"><thead><tr><th>邮发代号</th><th>报刊</th><th>期次</th><th>应到</th><th class="num">已到/应到</th><th class="num">待到期数</th></tr></thead>
        <tbody>${due.map(
          (d, i) => html`<tr data-due="${i}" ${c.may ? html`tabindex="0" class="pickable"` : ''} title="${c.may ? '点击或按回车记到这一期' : ''}">
            <td class="mono">${d.postal_code ?? ''}</td><td class="name">《${d.title}》</td><td>${d.label}</td><td class="nowrap">${d.expected_on}</td>
            <td class="num">${d.copies_received} / ${d.copies_expected}</td><td class="num">${d.waiting}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="hint">应到的期次都已到齐。逾期未到的在“催缺”里。</p>`,
  );
}

function drawAnswer(c) {
  const a = c.state.answer;
  if (!a) return render(c.$('#checkin-answer'), html``);
  if (a.error) {
    render(c.$('#checkin-answer'), html`<div class="answer-big tone-${a.tone}"><span class="answer-title">${a.error}</span>${a.code ? html` <span class="hint">（${a.code}）</span>` : ''}</div>`);
    return;
  }
  const r = a.received;
  const partial = r.status === 'partial';
  render(
    c.$('#checkin-answer'),
    html`<div class="answer-big ${partial ? 'partial' : 'received'}">
      <span class="tag ${partial ? 'tone-warn' : 'tone-ok'}">${partial ? '部分到' : '已到'}</span>
      <span class="answer-title">《${r.title}》</span>
      <span class="answer-label">${r.issue.label}</span>
      <div class="answer-line">${arrivalText(r)} · 出版 ${r.issue.published_on}</div>
      ${a.stops?.length
        ? html`<div class="desk-offer"><span>这份报刊有传阅名单：${a.stops.map(stopName).join(' → ')}</span>
            <button type="button" class="primary" data-act="route">开始传阅并打印传阅单</button></div>`
        : ''}
    </div>`,
  );
}

function say(c, tone, text) {
  c.state.log.unshift({ tone, text, at: new Date() });
  c.state.log.length = Math.min(c.state.log.length, LOG_LENGTH);
  render(
    c.$('#checkin-log'),
    html`${c.state.log.map((l) => html`<li class="tone-${l.tone}"><span class="time">${l.at.toTimeString().slice(0, 5)}</span> ${l.text}</li>`)}`,
  );
}

/** The count typed in 份数 for this scan (then cleared), or null for all. */
function takeCopies(c) {
  const box = c.$('#checkin-copies');
  const n = box.value.trim() ? Number(box.value) : null;
  box.value = '';
  return n;
}

async function onScan(c, code) {
  closePicks(c, false);
  if (scanKind(code) === 'title') {
    const exact = c.state.subs.some((s) => s.title === code);
    const found = matchingSerials(c.state.subs, code);
    if (!exact && found.length > 1) return showPicks(c, code, found);
    if (!exact && found.length === 1) return receive(c, serialCode(found[0]));
  }
  return receive(c, code);
}

async function receive(c, code) {
  const copies = takeCopies(c);
  try {
    const received = await api.receiveIssue(code, copies);
    const titleId = c.state.subs.find((s) => s.id === received.subscription_id)?.title_id ?? null;
    const stops = titleId ? await stopsOf(c, titleId) : [];
    c.state.answer = { received, stops };
    say(c, received.status === 'partial' ? 'warn' : 'ok', `《${received.title}》${received.issue.label} ${arrivalText(received)}`);
    drawAnswer(c);
    reloadDue(c);
  } catch (e) {
    const duplicate = e.code === 'conflict';
    c.state.answer = { error: e.message, tone: duplicate ? 'warn' : 'error', code: duplicate ? '' : code };
    say(c, duplicate ? 'warn' : 'error', `${code}：${e.message}`);
    drawAnswer(c);
  } finally {
    c.scan?.focus();
  }
}

async function stopsOf(c, titleId) {
  if (!c.state.routes.has(titleId)) c.state.routes.set(titleId, await api.routingList(titleId).then((l) => l.stops).catch(() => []));
  return c.state.routes.get(titleId);
}

function checkInRow(c, row) {
  if (!row) return;
  receive(c, serialCode(row));
}

/** Several serials match what was typed: choose one (Esc: none). */
function showPicks(c, text, found) {
  c.state.picks = found;
  render(
    c.$('#checkin-picks'),
    html`<div class="panel picks"><p>“${text}”对应 ${found.length} 份报刊，请选择：</p>
      <div class="pick-buttons">${found.map(
        (s, i) => html`<button type="button" data-pick="${i}">《${s.title}》${s.postal_code ? html` <span class="hint">${s.postal_code}</span>` : ''}</button>`,
      )}<button type="button" data-act="cancel-pick">取消（Esc）</button></div></div>`,
  );
  c.focus?.check();
  c.$('[data-pick="0"]').focus();
}

function closePicks(c, refocus = true) {
  if (!c.state.picks) return;
  c.state.picks = null;
  render(c.$('#checkin-picks'), html``);
  c.focus?.check();
  if (refocus) c.scan?.focus();
}

function choose(c, sub) {
  closePicks(c, false);
  receive(c, serialCode(sub));
}

/** Starts the checked-in issue on its routing list and shows its slip. */
async function route(c) {
  const r = c.state.answer?.received;
  if (!r) return;
  try {
    let legs;
    try {
      legs = await api.startRouting(r.issue.id);
      toast(`《${r.title}》${r.issue.label} 开始传阅。`);
    } catch (e) {
      if (e.code !== 'conflict') throw e;
      legs = await api.issueRouting(r.issue.id);
      if (!legs.length) throw e;
    }
    printRoutingSlip(legs);
    // Back to scanning once the slip's preview is closed.
    document.querySelector('dialog.print-preview[open]')?.addEventListener('close', () => c.scan?.focus());
  } catch (e) {
    toast(e.message, 'error');
  }
}
