// A new reading-share series: the rule (weekly, monthly by day, or by nth /
// last weekday; until a date or a count; holidays skipped), time, venue and
// host, and a preview of every date with its clashes, where a clashing date
// can be skipped or moved to another venue before saving. It plans the
// coming twelve months from today; dates already passed show as 已过 and
// are only made when 补录以前的活动 is ticked (the core refuses them otherwise).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { WEEKDAYS } from '../lib/circulation.js';
import { NTH, previewSummary, ruleText, seriesDefaults, toSeriesDraft } from '../lib/sharing.js';
import { debounce } from '../lib/timing.js';
import { pickPerson } from './person-picker.js';
import { toast } from './toast.js';

/** `today` is the office's; `onCreated(created, draft)` runs after the series is made. */
export async function openSeriesDialog({ onCreated = () => {}, today }) {
  let venues = [];
  try {
    venues = (await api.venues()).filter((v) => v.active);
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  const state = { host: null, preview: [], choices: new Map() };
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog wide series-dialog';
  dialog.setAttribute('aria-labelledby', 'sr-title');
  render(dialog, seriesForm(seriesDefaults(today), venues));
  document.body.append(dialog);
  const $ = (sel) => dialog.querySelector(sel);
  const close = () => {
    dialog.close();
    dialog.remove();
  };

  const values = () => formValues(dialog, state.host);

  function choices() {
    return [...state.choices.entries()].map(([date, c]) => ({ date, skip: Boolean(c.skip), venue_id: c.venueId ?? null }));
  }

  function drawPreview() {
    const items = state.preview;
    const draft = toSeriesDraft(values());
    $('#sr-summary').textContent = previewSummary(ruleText(draft.recurrence.pattern), items);
    const past = items.filter((p) => p.past && !p.skipped).length;
    $('#sr-past-hint').hidden = !past;
    $('#sr-past-hint').textContent = draft.history
      ? `将补录 ${past} 次日期已过的活动。`
      : `${past} 个日期已过：新的系列请从今天以后开始；如果是在补录以前举行过的活动，请勾选“补录以前的活动”。`;
    render($('#sr-preview tbody'), previewRows(items, state.choices, venues, draft.history));
  }

  const refresh = debounce(async () => {
    for (const el of dialog.querySelectorAll('[data-for]')) el.hidden = el.dataset.for !== $('#sr-pattern').value;
    $('#sr-unit').textContent = $('#sr-pattern').value === 'weekly' ? '周' : '个月';
    $('#sr-until').hidden = $('#sr-end-kind').value !== 'until';
    $('#sr-count-box').hidden = $('#sr-end-kind').value !== 'count';
    const draft = toSeriesDraft(values());
    if (!draft.name) draft.name = '（未命名）';
    try {
      state.preview = await api.previewSeries(draft, choices());
      $('#sr-error').textContent = '';
      drawPreview();
    } catch (e) {
      state.preview = [];
      render($('#sr-preview tbody'), html``);
      $('#sr-error').textContent = e.message;
    }
  }, 200);

  dialog.addEventListener('input', refresh);
  dialog.addEventListener('change', (e) => {
    const row = e.target.closest('tr[data-date]');
    if (row) {
      const c = state.choices.get(row.dataset.date) ?? {};
      if (e.target.matches('[data-skip]')) c.skip = e.target.checked;
      if (e.target.matches('[data-venue]')) c.venueId = e.target.value ? Number(e.target.value) : null;
      state.choices.set(row.dataset.date, c);
    }
    refresh();
  });
  dialog.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'cancel') close();
    else if (act === 'pick-host') {
      const p = await pickPerson({ title: '选择主持人' });
      if (p) {
        state.host = { id: p.id, name: p.name };
        $('#sr-host').textContent = p.name;
        refresh();
      }
    } else if (act === 'create') {
      const draft = toSeriesDraft(values());
      if (!draft.name) {
        $('#sr-error').textContent = '请填写系列名称。';
        $('#sr-name').focus();
        return;
      }
      try {
        const r = await api.createSeries(draft, choices());
        close();
        onCreated(r, draft);
      } catch (err) {
        $('#sr-error').textContent = err.message;
      }
    }
  });
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  dialog.showModal();
  $('#sr-name').focus();
  refresh();
}

function seriesForm(dates, venues) {
  return html`<h2 id="sr-title">新建分享系列</h2>
  <form id="sr-form" novalidate>
    <div class="field"><label for="sr-name">系列名称</label><input id="sr-name" type="text" maxlength="100" autocomplete="off" placeholder="如：书香润初心 奋进新征程"></div>
    <div class="field"><label for="sr-theme">默认主题</label><input id="sr-theme" type="text" maxlength="200" autocomplete="off" placeholder="每次活动可再单独修改"></div>
    <div class="field"><label for="sr-pattern">重复</label>
      <span class="rule-row">
        <select id="sr-pattern">
          <option value="monthly_weekday">每月第几个星期几</option>
          <option value="monthly_day">每月几日</option>
          <option value="weekly">每周</option>
        </select>
        每 <input id="sr-every" type="number" min="1" max="52" value="1" class="tiny-input" aria-label="间隔"> <span id="sr-unit">个月</span>
        <span data-for="monthly_weekday"><select id="sr-nth" aria-label="第几个">${NTH.map((n) => html`<option value="${n.value}" ${n.value === -1 ? 'selected' : ''}>${n.label}</option>`)}</select>
          <select id="sr-weekday" aria-label="星期">${WEEKDAYS.map((w, i) => html`<option value="${i + 1}" ${i === 3 ? 'selected' : ''}>${w}</option>`)}</select></span>
        <span data-for="monthly_day" hidden><input id="sr-day" type="number" min="1" max="31" value="15" class="tiny-input" aria-label="几日"> 日</span>
        <span data-for="weekly" hidden>${WEEKDAYS.map((w, i) => html`<label class="check"><input type="checkbox" name="weekday" value="${i + 1}" ${i === 3 ? 'checked' : ''}> ${w}</label>`)}</span>
      </span></div>
    <div class="field"><label for="sr-start">从</label><span class="rule-row"><input id="sr-start" type="date" value="${dates.start}">
      <select id="sr-end-kind" aria-label="结束方式"><option value="until">到</option><option value="count">共</option></select>
      <input id="sr-until" type="date" value="${dates.until}" aria-label="结束日期">
      <span id="sr-count-box" hidden><input id="sr-count" type="number" min="1" max="400" value="12" class="tiny-input" aria-label="次数"> 次</span>
      <label class="check"><input id="sr-skip-holidays" type="checkbox" checked> 跳过节假日</label>
      <label class="check"><input id="sr-history" type="checkbox"> 补录以前的活动</label></span></div>
    <div class="field"><label for="sr-time">时间</label><span class="rule-row"><input id="sr-time" type="time" value="15:00"> 至 <input id="sr-end-time" type="time" value="17:00" aria-label="结束时间"></span></div>
    <div class="field"><label for="sr-venue">场地</label><select id="sr-venue"><option value="">（未定）</option>${venues.map((v) => html`<option value="${v.id}">${v.name}${v.capacity ? `（${v.capacity} 人）` : ''}</option>`)}</select></div>
    <div class="field"><span class="label">主持人</span><span><b id="sr-host">（未定）</b> <button type="button" class="link" data-act="pick-host">选择…</button></span></div>
    <div class="field"><label for="sr-capacity">人数上限</label><input id="sr-capacity" type="number" min="1" class="tiny-input"></div>
  </form>
  <h3 id="sr-summary">预览</h3>
  <p id="sr-past-hint" class="notice" hidden></p>
  <div class="report-rows"><table class="grid compact" id="sr-preview" aria-label="日期预览"><tbody></tbody></table></div>
  <p id="sr-error" class="form-error" role="alert"></p>
  <div class="dialog-actions"><button type="button" data-act="cancel">取消</button><button type="button" class="primary" data-act="create">创建系列</button></div>`;
}

function formValues(dialog, host) {
  const $ = (sel) => dialog.querySelector(sel);
  return {
    name: $('#sr-name').value,
    theme: $('#sr-theme').value,
    pattern: $('#sr-pattern').value,
    every: $('#sr-every').value,
    nth: $('#sr-nth').value,
    weekday: $('#sr-weekday').value,
    day: $('#sr-day').value,
    weekdays: [...dialog.querySelectorAll('input[name=weekday]:checked')].map((c) => c.value),
    start: $('#sr-start').value,
    endKind: $('#sr-end-kind').value,
    until: $('#sr-until').value,
    count: $('#sr-count').value,
    skipHolidays: $('#sr-skip-holidays').checked,
    startTime: $('#sr-time').value,
    endTime: $('#sr-end-time').value,
    venueId: $('#sr-venue').value,
    hostId: host?.id ?? '',
    capacity: $('#sr-capacity').value,
    history: $('#sr-history').checked,
  };
}

/**
 * Every date of the series with its clashes, each to skip or move to another
 * venue; a date already passed says 已过 (补录 when recording `history`).
 */
function previewRows(items, choices, venues, history) {
  return html`${items.map((p) => {
    const c = choices.get(p.date) ?? {};
    const clash = p.conflicts.length ? html`<span class="conflict">⚠ ${p.conflicts.map((x) => x.message).join('；')}</span>` : '';
    const past = p.past ? html`<span class="tag tone-warn">已过${history ? '，补录' : ''}</span> ` : '';
    const cls = [p.conflicts.length ? 'clash' : '', p.skipped ? 'muted' : '', p.past ? 'past' : ''].filter(Boolean).join(' ');
    return html`<tr data-date="${p.date}" class="${cls}">
      <td class="mono">${p.date}</td><td>${p.starts_at.slice(11)}–${p.ends_at.slice(11)}</td>
      <td>${p.skipped ? html`<span class="hint">${p.skipped}</span>` : html`${past}${clash}${past || clash ? '' : html`<span class="tone-ok">可以</span>`}`}${p.note ? html` <span class="hint">${p.note}</span>` : ''}</td>
      <td>${p.skipped && !c.skip ? '' : html`<label class="check"><input type="checkbox" data-skip ${c.skip ? 'checked' : ''}> 跳过</label>`}</td>
      <td>${p.skipped && !c.skip ? '' : html`<select data-venue aria-label="${p.date} 的场地"><option value="">（同上）</option>${venues.map((v) => html`<option value="${v.id}" ${c.venueId === v.id ? 'selected' : ''}>${v.name}</option>`)}</select>`}</td>
    </tr>`;
  })}`;
}
