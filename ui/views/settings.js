// 设置: the loan rules per kind of borrower, the days the reading room is
// open (closed weekdays, holidays and make-up workdays, next year's from a
// file: 导入节假日…, opened at once by #settings?holidays=import), how long a held
// book waits, what the barcode scanner adds around each code, 局域网共享
// (the readers' pages served from this PC) and 连接到局域网主机 (working on
// another PC's data).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { DAY_KINDS, WEEKDAYS, dayKindLabel, weekdayOf } from '../lib/circulation.js';
import { kindLabel } from '../lib/vocabulary.js';
import { openHolidayImport } from '../components/holiday-import.js';
import { toast } from '../components/toast.js';
import { intranetPanel } from './settings-intranet.js';
import { hostPanel } from './settings-host.js';

export function mountSettings(host, params = new URLSearchParams()) {
  const root = document.createElement('div');
  root.className = 'view settings';
  root.dataset.view = 'settings';
  host.replaceChildren(root);
  const $ = (sel) => root.querySelector(sel);
  const state = { rules: [], days: null, desk: null };
  // The sharing panel keeps its own state and refresh; it is mounted once
  // and moved into each redraw of the page.
  const intranet = document.createElement('section');
  intranet.className = 'panel';
  intranet.id = 'intranet-panel';
  const sharing = intranetPanel(intranet);
  const linkPanel = document.createElement('section');
  linkPanel.className = 'panel';
  linkPanel.id = 'host-panel';
  hostPanel(linkPanel);

  async function load() {
    try {
      [state.rules, state.days, state.desk] = await Promise.all([api.loanRules(), api.openDays(), api.deskSettings()]);
      draw();
      if (params.get('holidays') === 'import') {
        params.delete('holidays');
        $('#holidays-panel').scrollIntoView({ block: 'start' });
        importHolidays();
      }
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw() {
    const d = state.days;
    render(
      root,
      html`<header class="view-head"><h1>借阅设置</h1></header>
        <div class="settings-grid">
          <form class="panel" id="rules-form" novalidate>
            <h2>借阅规则</h2>
            <table class="grid compact">
              <thead><tr><th>读者</th><th>借期（天）</th><th>最多借（册）</th><th>可续借（次）</th></tr></thead>
              <tbody>${state.rules.map(
                (r) => html`<tr data-kind="${r.person_kind}"><td>${kindLabel(r.person_kind)}</td>
                  <td><input name="loan_days" type="number" min="1" max="365" value="${r.loan_days}" class="tiny-input" aria-label="${kindLabel(r.person_kind)}借期"></td>
                  <td><input name="max_loans" type="number" min="0" max="100" value="${r.max_loans}" class="tiny-input" aria-label="${kindLabel(r.person_kind)}最多借"></td>
                  <td><input name="max_renewals" type="number" min="0" max="20" value="${r.max_renewals}" class="tiny-input" aria-label="${kindLabel(r.person_kind)}可续借"></td></tr>`,
              )}</tbody>
            </table>
            <p class="hint">应还日期遇到闭馆日，自动顺延到下一个开馆日。</p>
            <div class="dialog-actions"><button type="submit" class="primary">保存规则</button></div>
          </form>
          <form class="panel" id="desk-form" novalidate>
            <h2>借还台</h2>
            <div class="field"><label for="set-pickup">预约保留</label><span><input id="set-pickup" type="number" min="1" max="60" value="${state.desk.hold_pickup_days}" class="tiny-input"> 天（到期未取，书转给下一位）</span></div>
            <div class="field"><label for="set-prefix">扫描前缀</label><input id="set-prefix" type="text" maxlength="8" class="narrow-input" value="${state.desk.scanner_prefix}" autocomplete="off"></div>
            <div class="field"><label for="set-suffix">扫描后缀</label><input id="set-suffix" type="text" maxlength="8" class="narrow-input" value="${state.desk.scanner_suffix}" autocomplete="off"></div>
            <p class="hint">扫描枪若在条码前后附加固定字符（如 * 或 #），填在这里，扫描时自动去掉。</p>
            <label class="check"><input id="set-refuse-overdue" type="checkbox" ${state.desk.refuse_while_overdue ? 'checked' : ''}> 有逾期未还的书时不能再借（不勾选：照常借出，并提醒逾期）</label>
            <div class="dialog-actions"><button type="submit" class="primary">保存</button></div>
          </form>
          ${openDaysPanel(d)}
          <div id="intranet-slot"></div>
          <div id="host-slot"></div>
        </div>`,
    );
    $('#intranet-slot').replaceWith(intranet);
    $('#host-slot').replaceWith(linkPanel);
  }

  root.addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.target;
    try {
      if (form.id === 'rules-form') {
        for (const row of form.querySelectorAll('tr[data-kind]')) {
          const val = (n) => Number(row.querySelector(`[name=${n}]`).value);
          // The rule as this page read it: changed elsewhere since, the save is refused.
          const read = state.rules.find((r) => r.person_kind === row.dataset.kind);
          await api.changeLoanRule({ person_kind: row.dataset.kind, loan_days: val('loan_days'), max_loans: val('max_loans'), max_renewals: val('max_renewals'), revision: read?.revision ?? null });
        }
        toast('借阅规则已保存。');
      } else if (form.id === 'desk-form') {
        state.desk = await api.changeDeskSettings({
          hold_pickup_days: Number($('#set-pickup').value),
          scanner_prefix: $('#set-prefix').value,
          scanner_suffix: $('#set-suffix').value,
          refuse_while_overdue: $('#set-refuse-overdue').checked,
          revision: state.desk.revision ?? null,
        });
        toast('已保存。');
      } else if (form.id === 'day-form') {
        if (!form.elements.day.value) {
          toast('请选择日期。', 'error');
          return;
        }
        state.days = await api.saveCalendarDay({ day: form.elements.day.value, kind: form.elements.kind.value, name: form.elements.name.value });
        toast(`已添加 ${form.elements.day.value}。`);
      }
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  root.addEventListener('change', async (e) => {
    if (!e.target.dataset.weekday) return;
    const days = [...root.querySelectorAll('[data-weekday]:checked')].map((c) => Number(c.dataset.weekday));
    try {
      state.days = await api.changeClosedWeekdays(days);
      toast(`每周闭馆：${days.map((n) => WEEKDAYS[n - 1]).join('、') || '无'}`);
    } catch (err) {
      toast(err.message, 'error');
      await load();
    }
  });
  function importHolidays() {
    openHolidayImport({
      listed: state.days.days,
      onImported: async () => {
        await load();
        $('[data-act=import-holidays]')?.focus();
      },
    });
  }

  root.addEventListener('click', async (e) => {
    if (e.target.closest('[data-act=import-holidays]')) return importHolidays();
    const day = e.target.closest('[data-remove]')?.dataset.remove;
    if (!day) return;
    try {
      state.days = await api.removeCalendarDay(day);
      draw();
    } catch (err) {
      toast(err.message, 'error');
    }
  });

  load();
  return { unmount: sharing.unmount };
}

/** 开馆日: the closed weekdays, and the holidays and make-up workdays listed (or imported). */
function openDaysPanel(d) {
  return html`<section class="panel" id="holidays-panel">
    <h2>开馆日</h2>
    <p>每周闭馆：${WEEKDAYS.map(
      (w, i) => html`<label class="check"><input type="checkbox" data-weekday="${i + 1}" ${d.closed_weekdays.includes(i + 1) ? 'checked' : ''}> ${w}</label> `,
    )}</p>
    <div class="head-row"><h3>节假日与调休</h3><button type="button" data-act="import-holidays">导入节假日…</button></div>
    <form id="day-form" class="inline-form" novalidate>
      <input name="day" type="date" required aria-label="日期">
      <select name="kind" aria-label="类别">${DAY_KINDS.map((k) => html`<option value="${k.code}">${k.choice}</option>`)}</select>
      <input name="name" type="text" maxlength="40" placeholder="名称，如 国庆节" autocomplete="off" aria-label="名称">
      <button type="submit">添加</button>
    </form>
    <div class="report-rows">
      <table class="grid compact" aria-label="节假日与调休"><tbody>${d.days
        .slice()
        .reverse()
        .map(
          (day) => html`<tr><td class="mono">${day.day}</td><td>${weekdayOf(day.day)}</td>
            <td>${day.kind === 'holiday' ? dayKindLabel(day.kind) : html`<span class="tone-ok">${dayKindLabel(day.kind)}</span>`}</td><td>${day.name}</td>
            <td class="row-actions"><button type="button" class="link" data-remove="${day.day}">删除</button></td></tr>`,
        )}</tbody></table>
      ${d.days.length ? '' : html`<p class="hint">还没有登记节假日。每年国务院公布放假安排后，点“导入节假日…”导入通知原文，或在这里逐日添加；应还日期和活动排期都会避开。</p>`}
    </div>
  </section>`;
}
