// 日历: every booking — reading-share and training sessions — by month or
// by week, coloured by kind; click (or Enter) opens the session.
// PageUp / PageDown move by a month or a week, T returns to today.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { WEEKDAYS } from '../lib/circulation.js';
import { byDay, monthGrid, shiftDays, shiftMonth, weekDays } from '../lib/sharing.js';
import { officeToday } from '../lib/vocabulary.js';
import { openSessionDialog } from '../components/session-dialog.js';
import { openBatchDialog } from '../components/batch-dialog.js';
import { toast } from '../components/toast.js';

const KIND = { share: '读书分享', training: '履职培训' };

export function mountCalendar(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'calendar';
  host.replaceChildren(root);
  const state = { mode: 'month', day: officeToday(), entries: [] };

  render(
    root,
    html`<header class="view-head">
        <h1 id="calendar-title">日历</h1>
        <div class="actions">
          <button type="button" data-act="prev" title="PageUp">‹ 上月</button>
          <button type="button" data-act="today" title="T">今天</button>
          <button type="button" data-act="next" title="PageDown">下月 ›</button>
          <span class="tabs" role="tablist"><button type="button" role="tab" data-mode="month">月</button><button type="button" role="tab" data-mode="week">周</button></span>
        </div>
      </header>
      <p class="legend"><span class="entry kind-share">读书分享</span> <span class="entry kind-training">履职培训</span> <span class="entry cancelled">已取消</span></p>
      <div id="calendar-body" class="list-body calendar-body"></div>`,
  );
  const $ = (sel) => root.querySelector(sel);

  function range() {
    if (state.mode === 'week') {
      const days = weekDays(state.day);
      return [days[0], days[6]];
    }
    const grid = monthGrid(state.day);
    return [grid[0][0].day, grid.at(-1)[6].day];
  }

  async function load() {
    const [from, to] = range();
    try {
      state.entries = await api.calendarEntries(from, to);
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function entry(e) {
    return html`<button type="button" class="entry kind-${e.kind} ${e.status === 'cancelled' ? 'cancelled' : ''}" data-session="${e.session_id ?? ''}" data-batch="${e.batch_id ?? ''}" data-kind="${e.kind}"
      title="${KIND[e.kind]}：${e.title}（${e.starts_at.slice(11)}–${e.ends_at.slice(11)}${e.venue ? ` · ${e.venue}` : ''}）">${e.starts_at.slice(11)} ${e.title}</button>`;
  }

  function draw() {
    const today = officeToday();
    for (const b of root.querySelectorAll('[data-mode]')) b.setAttribute('aria-selected', String(b.dataset.mode === state.mode));
    const unit = state.mode === 'month' ? '月' : '周';
    $('[data-act=prev]').textContent = `‹ 上${unit}`;
    $('[data-act=next]').textContent = `下${unit} ›`;
    const days = byDay(state.entries);
    if (state.mode === 'month') {
      const [y, m] = state.day.split('-');
      $('#calendar-title').textContent = `日历 · ${y}年${Number(m)}月`;
      render(
        $('#calendar-body'),
        html`<table class="month" aria-label="${y}年${Number(m)}月">
          <thead><tr>${WEEKDAYS.map((w) => html`<th>${w}</th>`)}</tr></thead>
          <tbody>${monthGrid(state.day).map(
            (week) => html`<tr>${week.map(
              (d) => html`<td class="${d.inMonth ? '' : 'other'} ${d.day === today ? 'today' : ''}" data-day="${d.day}">
                <div class="daynum">${Number(d.day.slice(8))}</div>${(days.get(d.day) ?? []).map(entry)}</td>`,
            )}</tr>`,
          )}</tbody></table>`,
      );
    } else {
      const week = weekDays(state.day);
      $('#calendar-title').textContent = `日历 · ${week[0]} 至 ${week[6]}`;
      render(
        $('#calendar-body'),
        html`<table class="month week" aria-label="周视图"><thead><tr>${week.map((d, i) => html`<th class="${d === today ? 'today' : ''}">${WEEKDAYS[i]} ${d.slice(5)}</th>`)}</tr></thead>
          <tbody><tr>${week.map((d) => html`<td data-day="${d}">${(days.get(d) ?? []).map(entry)}${days.get(d) ? '' : html`<span class="hint">—</span>`}</td>`)}</tr></tbody></table>`,
      );
    }
  }

  function move(n) {
    state.day = state.mode === 'month' ? shiftMonth(state.day, n) : shiftDays(state.day, 7 * n);
    load();
  }

  root.addEventListener('click', (e) => {
    const en = e.target.closest('.entry[data-kind]');
    if (en) {
      if (en.dataset.kind === 'share' && en.dataset.session) openSessionDialog(Number(en.dataset.session), { onChanged: load });
      else if (en.dataset.kind === 'training' && en.dataset.batch) openBatchDialog(Number(en.dataset.batch), { onChanged: load });
      return;
    }
    const mode = e.target.closest('[data-mode]')?.dataset.mode;
    if (mode) {
      state.mode = mode;
      load();
      return;
    }
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'prev') move(-1);
    else if (act === 'next') move(1);
    else if (act === 'today') {
      state.day = officeToday();
      load();
    }
  });
  const onKey = (e) => {
    if (document.querySelector('dialog[open]') || /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName)) return;
    if (e.key === 'PageUp') move(-1);
    else if (e.key === 'PageDown') move(1);
    else if (e.key === 't' || e.key === 'T') {
      state.day = officeToday();
      load();
    } else return;
    e.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  load();
  return { unmount: () => document.removeEventListener('keydown', onKey) };
}
