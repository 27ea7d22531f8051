// 读书分享: the year's sessions (click to open), series and one-off
// sessions, venues, the .ics export, and the year's figures beside.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { spanText } from '../lib/sharing.js';
import { officeToday, statusLabel } from '../lib/vocabulary.js';
import { openSeriesDialog } from '../components/series-dialog.js';
import { openSessionDialog } from '../components/session-dialog.js';
import { openVenuesDialog } from '../components/venues-dialog.js';
import { toast } from '../components/toast.js';

export function mountSharing(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'sharing';
  host.replaceChildren(root);
  const state = { year: Number(officeToday().slice(0, 4)), seriesId: '', sessions: [], series: [], figures: null };

  render(
    root,
    html`<header class="view-head">
        <h1>读书分享</h1>
        <div class="actions">
          <button type="button" class="primary" data-act="new-series">新建系列</button>
          <button type="button" data-act="new-session">单次活动</button>
          <button type="button" data-act="venues">场地</button>
          <button type="button" data-act="ics">导出日历（.ics）</button>
        </div>
      </header>
      <div class="toolbar">
        <select id="sharing-year" aria-label="年份">${[state.year - 1, state.year, state.year + 1].map((y) => html`<option value="${y}" ${y === state.year ? 'selected' : ''}>${y} 年</option>`)}</select>
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
    try {
      const from = `${state.year}-01-01`;
      const to = `${state.year}-12-31`;
      [state.sessions, state.series, state.figures] = await Promise.all([
        api.shareSessions(from, to, state.seriesId ? Number(state.seriesId) : null),
        api.shareSeries(),
        api.shareFigures(state.year),
      ]);
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw() {
    const select = $('#sharing-series');
    render(select, html`<option value="">全部系列与单次活动</option>${state.series.map((s) => html`<option value="${s.id}">${s.name}（${s.sessions} 次）</option>`)}`);
    select.value = state.seriesId;
    const today = officeToday();
    const upcoming = state.sessions.filter((s) => s.starts_at.slice(0, 10) >= today && s.status === 'planned').length;
    $('#sharing-summary').textContent = `${state.sessions.length} 次活动，其中 ${upcoming} 次尚未举行`;
    if (!state.sessions.length) {
      render(
        $('#sharing-body'),
        html`<div class="empty"><h2>${state.year} 年还没有分享活动</h2>
          <p>新建一个系列（如每月最后一个周四下午的读书分享会），一次排好全年；也可以单独安排一次活动。先在“场地”中登记会议室和阅览室。</p>
          <div class="actions"><button type="button" class="primary" data-act="new-series">新建系列</button><button type="button" data-act="venues">登记场地</button></div></div>`,
      );
    } else {
      render(
        $('#sharing-body'),
        html`<table class="grid" aria-label="分享活动">
          <thead><tr><th>时间</th><th>主题</th><th>场地</th><th>主持人</th><th>领读人</th><th>状态</th><th class="num">邀请/签到</th></tr></thead>
          <tbody>${state.sessions.map(
            (s) => html`<tr tabindex="0" data-id="${s.id}" class="${s.status === 'cancelled' ? 'inactive' : ''}">
              <td class="nowrap">${spanText(s.starts_at, s.ends_at)}</td>
              <td class="name">${s.theme}${s.series_name && !s.theme.includes(s.series_name) ? html`<span class="sub"> · ${s.series_name}</span>` : ''}</td>
              <td>${s.venue_name ?? ''}</td><td class="nowrap">${s.host_name ?? ''}</td><td>${s.presenter_names ?? ''}</td>
              <td class="nowrap">${statusLabel('session', s.status)}</td><td class="num">${s.invited} / ${s.signed_in}</td></tr>`,
          )}</tbody></table>`,
      );
    }
    const f = state.figures;
    render(
      $('#sharing-figures'),
      html`<h3>${f.year} 年统计</h3>
        <p class="counts">已举行 <b>${f.held}</b> 次 · 计划 <b>${f.planned}</b> 次<br>出席率 <b>${f.attendance_rate === null ? '—' : `${f.attendance_rate}%`}</b> · 分享图书 <b>${f.books}</b> 种次</p>
        ${f.series.length ? html`<table class="grid compact"><thead><tr><th>系列</th><th class="num">举行</th><th class="num">出席率</th><th class="num">图书</th></tr></thead>
          <tbody>${f.series.map((s) => html`<tr><td>${s.name ?? '单次活动'}</td><td class="num">${s.held}</td><td class="num">${s.attendance_rate === null ? '—' : `${s.attendance_rate}%`}</td><td class="num">${s.books}</td></tr>`)}</tbody></table>` : ''}
        <h3>领读人（${f.presenters.length}）</h3>
        ${f.presenters.length ? html`<ul class="plain">${f.presenters.map((p) => html`<li>${p.name} <span class="hint">${p.unit ?? ''} · ${p.times} 次</span></li>`)}</ul>` : html`<p class="hint">今年还没有人领读。</p>`}`,
    );
  }

  const open = (id) => openSessionDialog(id, { onChanged: load });

  root.addEventListener('change', (e) => {
    if (e.target.id === 'sharing-year') state.year = Number(e.target.value);
    else if (e.target.id === 'sharing-series') state.seriesId = e.target.value;
    else return;
    load();
  });
  root.addEventListener('click', async (e) => {
    const row = e.target.closest('tr[data-id]');
    if (row) return open(Number(row.dataset.id));
    const act = e.target.closest('[data-act]')?.dataset.act;
    const today = officeToday();
    if (act === 'new-series') openSeriesDialog({ today, onCreated: load });
    else if (act === 'new-session') openSessionDialog(null, { onChanged: load, defaults: { starts_at: `${today}T15:00`, ends_at: `${today}T17:00` } });
    else if (act === 'venues') openVenuesDialog({ onChanged: load });
    else if (act === 'ics') {
      try {
        const [path, n] = await api.exportSessionsIcs(`${state.year}-01-01`, `${state.year}-12-31`);
        toast(`已导出 ${n} 个日程到 ${path}，可在 Outlook 中导入。`);
      } catch (err) {
        toast(err.message, 'error');
      }
    }
  });
  root.addEventListener('keydown', (e) => {
    const row = e.target.closest('tr[data-id]');
    if (!row || e.target !== row) return;
    if (e.key === 'Enter') open(Number(row.dataset.id));
    else if (e.key === 'ArrowDown') row.nextElementSibling?.focus();
    else if (e.key === 'ArrowUp') row.previousElementSibling?.focus();
  });
  load();
  return {};
}
