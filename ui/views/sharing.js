// 读书分享: what is to come (past sessions still planned, to settle; the
// coming twelve months; this year's past ones) or a year's sessions (click
// to open), series and one-off sessions, venues, the .ics export of a chosen
// range, and the year's figures beside.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { comingView, isPending, sessionsSpan, shiftDays, spanText, yearAhead } from '../lib/sharing.js';
import { officeToday, statusLabel } from '../lib/vocabulary.js';
import { modal } from '../components/modal.js';
import { openSeriesDialog } from '../components/series-dialog.js';
import { openSessionDialog } from '../components/session-dialog.js';
import { openVenuesDialog } from '../components/venues-dialog.js';
import { toast } from '../components/toast.js';

// The list shows what is to come unless a year is chosen.
const COMING = 'coming';

export function mountSharing(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'sharing';
  host.replaceChildren(root);
  const thisYear = Number(officeToday().slice(0, 4));
  const state = { range: COMING, seriesId: '', sessions: [], series: [], figures: null };

  render(
    root,
    html`<header class="view-head">
        <h1>读书分享</h1>
        <div class="actions">
          <button type="button" class="primary" data-act="new-series">新建系列</button>
          <button type="button" data-act="new-session">单次活动</button>
          <button type="button" data-act="venues">场地</button>
          <button type="button" data-act="ics">导出日历（.ics）…</button>
        </div>
      </header>
      <div class="toolbar">
        <select id="sharing-range" aria-label="范围"></select>
        <select id="sharing-series" aria-label="系列"><option value="">全部系列与单次活动</option></select>
        <span id="sharing-summary" class="hint"></span>
      </div>
      <div class="split">
        <div id="sharing-body" class="list-body"></div>
        <aside id="sharing-figures" class="panel side-counts" aria-label="年度统计"></aside>
      </div>`,
  );
  const $ = (sel) => root.querySelector(sel);

  async function load() {
    const today = officeToday();
    // What is to come: the coming twelve months, and the past year's sessions
    // (those still planned to settle, and this year's).
    const [from, to] = state.range === COMING ? [shiftDays(today, -366), yearAhead(today)] : [`${state.range}-01-01`, `${state.range}-12-31`];
    const year = state.range === COMING ? Number(today.slice(0, 4)) : Number(state.range);
    try {
      [state.sessions, state.series, state.figures] = await Promise.all([
        api.shareSessions(from, to, state.seriesId ? Number(state.seriesId) : null),
        api.shareSeries(),
        api.shareFigures(year),
      ]);
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw() {
    const today = officeToday();
    const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, Number(state.range) || thisYear])].sort();
    render(
      $('#sharing-range'),
      html`<option value="${COMING}">今后一年（${today} 起）</option>${years.map((y) => html`<option value="${y}">${y} 年全部</option>`)}`,
    );
    $('#sharing-range').value = String(state.range);
    const select = $('#sharing-series');
    render(select, html`<option value="">全部系列与单次活动</option>${state.series.map((s) => html`<option value="${s.id}">${s.name}（${s.sessions} 次）</option>`)}`);
    select.value = state.seriesId;
    const coming = state.range === COMING;
    const view = coming ? comingView(state.sessions, today) : { pending: state.sessions.filter((s) => isPending(s, today)), coming: state.sessions, earlier: [] };
    const upcoming = view.coming.filter((s) => s.starts_at.slice(0, 10) >= today && s.status === 'planned').length;
    $('#sharing-summary').textContent = coming
      ? `今后一年 ${view.coming.length} 次活动${view.pending.length ? `；${view.pending.length} 次已过日期仍为计划，待确认` : ''}`
      : `${state.sessions.length} 次活动，其中 ${upcoming} 次尚未举行${view.pending.length ? `，${view.pending.length} 次待确认` : ''}`;
    const any = view.coming.length || view.pending.length || view.earlier.length;
    render($('#sharing-body'), any ? sessionsTable(view, coming, today) : emptyList(coming, state.range));
    render($('#sharing-figures'), figuresPanel(state.figures));
  }

  const open = (id) => openSessionDialog(id, { onChanged: load });

  // After a series is made: the list shows its sessions, and says where.
  function created(r, draft) {
    const span = sessionsSpan(r.sessions);
    const today = officeToday();
    if (state.seriesId) state.seriesId = '';
    state.range = !span || span.first >= today ? COMING : Number(span.first.slice(0, 4));
    const where = state.range === COMING ? '列在“今后一年”中' : `列在 ${state.range} 年中`;
    toast(`已创建系列“${draft.name}”：${r.sessions.length} 次活动${span ? `（${span.first} 至 ${span.last}）` : ''}${r.skipped ? `，跳过 ${r.skipped} 个日期` : ''}，${where}。`);
    load();
  }

  root.addEventListener('change', (e) => {
    if (e.target.id === 'sharing-range') state.range = e.target.value === COMING ? COMING : Number(e.target.value);
    else if (e.target.id === 'sharing-series') state.seriesId = e.target.value;
    else return;
    load();
  });
  root.addEventListener('click', async (e) => {
    const row = e.target.closest('tr[data-id]');
    if (row) return open(Number(row.dataset.id));
    const act = e.target.closest('[data-act]')?.dataset.act;
    const today = officeToday();
    if (act === 'new-series') openSeriesDialog({ today, onCreated: created });
    else if (act === 'new-session') openSessionDialog(null, { onChanged: load, defaults: { starts_at: `${today}T15:00`, ends_at: `${today}T17:00` } });
    else if (act === 'venues') openVenuesDialog({ onChanged: load });
    else if (act === 'ics') openIcsDialog(today);
  });
  root.addEventListener('keydown', (e) => {
    const row = e.target.closest('tr[data-id]');
    if (!row || e.target !== row) return;
    const rows = [...root.querySelectorAll('#sharing-body tr[data-id]')];
    const i = rows.indexOf(row);
    if (e.key === 'Enter') open(Number(row.dataset.id));
    else if (e.key === 'ArrowDown') rows[i + 1]?.focus();
    else if (e.key === 'ArrowUp') rows[i - 1]?.focus();
  });
  load();
  return {};
}

/** The sessions: those to settle first (past, still planned), then those to come, then this year's past. */
function sessionsTable({ pending, coming, earlier }, comingMode, today) {
  const row = (s) => html`<tr tabindex="0" data-id="${s.id}" class="${s.status === 'cancelled' ? 'inactive' : isPending(s, today) ? 'pending' : ''}">
    <td class="nowrap">${spanText(s.starts_at, s.ends_at)}</td>
    <td class="name">${s.theme}${s.series_name && !s.theme.includes(s.series_name) ? html`<span class="sub"> · ${s.series_name}</span>` : ''}</td>
    <td>${s.venue_name ?? ''}</td><td class="nowrap">${s.host_name ?? ''}</td><td>${s.presenter_names ?? ''}</td>
    ${isPending(s, today)
      ? html`<td class="pending-status" title="日期已过，仍为计划：请打开它，标为已举行或已取消"><span class="tag tone-warn">待确认</span><br><span class="hint">已过日期仍为计划</span></td>`
      : html`<td class="nowrap">${statusLabel('session', s.status)}</td>`}
    <td class="num">${s.invited} / ${s.signed_in}</td></tr>`;
  return html`<table class="grid sharing-list" aria-label="分享活动">
    <thead><tr><th>时间</th><th>主题</th><th>场地</th><th>主持人</th><th>领读人</th><th>状态</th><th class="num">邀请/签到</th></tr></thead>
    ${comingMode
      ? html`${pending.length ? html`<tbody class="pending-group"><tr class="group-row"><th colspan="7">待确认：${pending.length} 次活动日期已过仍为计划——请打开，标为已举行或已取消（当天有人签到的会自动标为已举行）</th></tr>${pending.map(row)}</tbody>` : ''}
        <tbody class="coming-group"><tr class="group-row"><th colspan="7">今后一年${coming.length ? '' : '：还没有安排'}</th></tr>${coming.map(row)}</tbody>
        ${earlier.length ? html`<tbody class="earlier-group"><tr class="group-row"><th colspan="7">今年已过</th></tr>${earlier.map(row)}</tbody>` : ''}`
      : html`<tbody>${coming.map(row)}</tbody>`}
  </table>`;
}

function emptyList(comingMode, year) {
  return html`<div class="empty"><h2>${comingMode ? '今后一年还没有安排分享活动' : `${year} 年还没有分享活动`}</h2>
    <p>新建一个系列（如每月最后一个周四下午的读书分享会），一次排好今后一年；也可以单独安排一次活动。先在“场地”中登记会议室和阅览室。</p>
    <div class="actions"><button type="button" class="primary" data-act="new-series">新建系列</button><button type="button" data-act="venues">登记场地</button></div></div>`;
}

function figuresPanel(f) {
  return html`<h3>${f.year} 年统计</h3>
    <p class="counts">已举行 <b>${f.held}</b> 次 · 计划 <b>${f.planned}</b> 次<br>出席率 <b>${f.attendance_rate === null ? '—' : `${f.attendance_rate}%`}</b> · 分享图书 <b>${f.books}</b> 种次</p>
    ${f.series.length ? html`<table class="grid compact"><thead><tr><th>系列</th><th class="num">举行</th><th class="num">出席率</th><th class="num">图书</th></tr></thead>
      <tbody>${f.series.map((s) => html`<tr><td>${s.name ?? '单次活动'}</td><td class="num">${s.held}</td><td class="num">${s.attendance_rate === null ? '—' : `${s.attendance_rate}%`}</td><td class="num">${s.books}</td></tr>`)}</tbody></table>` : ''}
    <h3>领读人（${f.presenters.length}）</h3>
    ${f.presenters.length ? html`<ul class="plain">${f.presenters.map((p) => html`<li>${p.name} <span class="hint">${p.unit ?? ''} · ${p.times} 次</span></li>`)}</ul>` : html`<p class="hint">今年还没有人领读。</p>`}`;
}

/** The .ics export of a range of days, the coming twelve months by default. */
function openIcsDialog(today) {
  const { dialog, close } = modal('form-dialog ics-dialog', { labelledBy: 'ics-title' });
  render(
    dialog,
    html`<form id="ics-form" method="dialog" novalidate>
      <h2 id="ics-title">导出日历（.ics）</h2>
      <p class="hint">导出这段日期内的读书分享和培训课次，可在 Outlook 等日历中导入。</p>
      <div class="field"><label for="ics-from">从</label><span class="rule-row"><input id="ics-from" type="date" value="${today}"> 至 <input id="ics-to" type="date" value="${yearAhead(today)}" aria-label="结束日期"></span></div>
      <p id="ics-error" class="form-error" role="alert"></p>
      <div class="dialog-actions"><button type="button" data-act="cancel">取消</button><button type="submit" class="primary">导出</button></div>
    </form>`,
  );
  dialog.querySelector('[data-act=cancel]').addEventListener('click', close);
  dialog.addEventListener('submit', async (e) => {
    e.preventDefault();
    const from = dialog.querySelector('#ics-from').value;
    const to = dialog.querySelector('#ics-to').value;
    try {
      const [path, n] = await api.exportSessionsIcs(from, to);
      close();
      toast(`已导出 ${from} 至 ${to} 的 ${n} 个日程到 ${path}，可在 Outlook 中导入。`);
    } catch (err) {
      dialog.querySelector('#ics-error').textContent = err.message;
    }
  });
  dialog.showModal();
  dialog.querySelector('#ics-from').focus();
}
