// 逾期: overdue loans, the longest overdue first, filtered by department or
// delegation and by how late; counts per unit; reminder slips (催还单) for
// the chosen readers, printed through the system dialog.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { countsByUnit, longDate, overdueBand, slipsByPerson } from '../lib/circulation.js';
import { officeDate } from '../lib/vocabulary.js';
import { printPages } from '../components/print.js';
import { toast } from '../components/toast.js';
import { updateNavBadge } from './desk.js';

export function mountOverdue(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'overdue';
  host.replaceChildren(root);
  const state = { unit: '', minDays: '', loans: [], all: [], today: '' };

  render(
    root,
    html`
      <header class="view-head">
        <h1>逾期催还</h1>
        <div class="actions">
          <button type="button" class="primary" data-act="print" title="Ctrl+P">打印催还单</button>
        </div>
      </header>
      <div class="toolbar">
        <select id="overdue-unit" aria-label="按部门或代表团筛选"><option value="">全部部门和代表团</option></select>
        <select id="overdue-days" aria-label="按逾期天数筛选">
          <option value="">逾期任意天数</option>
          <option value="7">逾期 7 天以上</option>
          <option value="30">逾期 30 天以上</option>
          <option value="60">逾期 60 天以上</option>
        </select>
        <span id="overdue-summary" class="hint"></span>
      </div>
      <div class="split">
        <div id="overdue-body" class="list-body"></div>
        <aside class="panel side-counts">
          <h3>按部门/代表团</h3>
          <div id="overdue-units"></div>
        </aside>
      </div>
    `,
  );
  const $ = (sel) => root.querySelector(sel);

  async function load() {
    try {
      const query = { unit: state.unit || null, min_days: state.minDays ? Number(state.minDays) : null };
      const [loans, all, summary] = await Promise.all([api.overdueLoans(query), api.overdueLoans({}), api.circulationSummary()]);
      state.loans = loans;
      state.all = all;
      state.today = summary.today;
      updateNavBadge(summary.overdue);
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw() {
    const units = countsByUnit(state.all);
    const select = $('#overdue-unit');
    render(
      select,
      html`<option value="">全部部门和代表团</option>${units.map((u) => html`<option value="${u.unit}">${u.unit}（${u.loans}）</option>`)}`,
    );
    select.value = state.unit;
    render(
      $('#overdue-units'),
      units.length
        ? html`<table class="grid compact"><tbody>${units.map(
            (u) => html`<tr><td>${u.unit}</td><td class="num">${u.people} 人</td><td class="num">${u.loans} 册</td></tr>`,
          )}</tbody></table>`
        : html`<p class="hint">没有逾期。</p>`,
    );
    const people = new Set(state.loans.map((l) => l.person_id)).size;
    $('#overdue-summary').textContent = `${people} 位读者，${state.loans.length} 册逾期（截至 ${state.today}）`;
    if (!state.loans.length) {
      render(
        $('#overdue-body'),
        html`<div class="empty"><h2>没有逾期的图书</h2><p>${state.unit || state.minDays ? '换个筛选条件看看。' : '所有借出的图书都在借期内。'}</p></div>`,
      );
      return;
    }
    render($('#overdue-body'), overdueTable(state.loans));
  }

  $('#overdue-unit').addEventListener('change', (e) => {
    state.unit = e.target.value;
    load();
  });
  $('#overdue-days').addEventListener('change', (e) => {
    state.minDays = e.target.value;
    load();
  });
  root.addEventListener('click', (e) => {
    if (e.target.closest('[data-act=print]')) printSlips(root, state);
  });
  const onKey = (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p' && !document.querySelector('dialog[open]')) {
      e.preventDefault();
      printSlips(root, state);
    }
  };
  document.addEventListener('keydown', onKey);
  load();
  return { unmount: () => document.removeEventListener('keydown', onKey) };
}

/** The overdue loans, the longest overdue first, in bands by how late; each reader ticked for a slip. */
function overdueTable(loans) {
  let band = '';
  const rows = [];
  for (const l of loans.slice().sort((a, b) => b.overdue_days - a.overdue_days)) {
    const b = overdueBand(l.overdue_days);
    if (b !== band) {
      band = b;
      rows.push(html`<tr class="band"><th colspan="7">${b}</th></tr>`);
    }
    rows.push(html`<tr>
      <td class="nowrap"><label class="check"><input type="checkbox" data-person="${l.person_id}" checked aria-label="打印${l.person_name}的催还单"> ${l.person_name}</label></td>
      <td>${l.person_unit ?? ''}</td>
      <td>《${l.title}》</td>
      <td class="mono">${l.barcode}</td>
      <td class="nowrap">${officeDate(l.borrowed_at)}</td>
      <td class="nowrap">${l.due_on}</td>
      <td class="tone-warn num">${l.overdue_days} 天</td>
    </tr>`);
  }
  return html`<table class="grid" aria-label="逾期图书">
      <thead><tr><th>读者</th><th>部门/代表团</th><th>书名</th><th>条码</th><th>借出</th><th>应还</th><th>逾期</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>`;
}

/** Reminder slips (催还单) for the ticked readers, three to an A4 page. */
function printSlips(root, state) {
  const chosen = new Set(
    [...root.querySelectorAll('input[data-person]:checked')].map((c) => Number(c.dataset.person)),
  );
  const slips = slipsByPerson(state.loans.filter((l) => chosen.has(l.person_id)));
  if (!slips.length) {
    toast('请先勾选要催还的读者。', 'error');
    return;
  }
  // Three slips to an A4 page, to cut apart.
  const pages = [];
  for (let i = 0; i < slips.length; i += 3) {
    const page = document.createElement('section');
    page.className = 'print-page slips';
    render(
      page,
      html`${slips.slice(i, i + 3).map(
        (s) => html`<div class="slip">
          <h2>图书催还单</h2>
          <p><b>${s.name}</b>${s.unit ? `（${s.unit}）` : ''}：</p>
          <p>您借阅的下列图书已超过归还期限，请尽快归还阅览室。如已遗失，请与图书管理员联系。</p>
          <table><thead><tr><th>书名</th><th>条码</th><th>应还日期</th><th>逾期</th></tr></thead>
            <tbody>${s.loans.map((l) => html`<tr><td>《${l.title}》</td><td>${l.barcode}</td><td>${longDate(l.due_on)}</td><td>${l.overdue_days} 天</td></tr>`)}</tbody>
          </table>
          <p class="slip-foot">阅览室　${longDate(state.today)}</p>
        </div>`,
      )}`,
    );
    pages.push(page);
  }
  printPages(pages, { className: 'paper' });
}

