// 报表: the annual reading report (年度阅读报告) — volumes added, loans,
// active readers, top titles and readers, by class and by department — with
// the year's reading-share and training summaries; printed or exported.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { officeToday } from '../lib/vocabulary.js';
import { barChart, chartFigure, hbarChart } from '../components/chart.js';
import { printPages } from '../components/print.js';
import { toast } from '../components/toast.js';

export function mountReports(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'reports';
  host.replaceChildren(root);
  const current = Number(officeToday().slice(0, 4));
  const state = { year: current };

  render(
    root,
    html`<header class="view-head"><h1>报表</h1>
        <div class="actions"><button type="button" data-act="print">打印</button><button type="button" class="primary" data-act="export">导出 Excel</button></div></header>
      <div class="toolbar"><select id="report-year" aria-label="年份">${[current - 2, current - 1, current].map((y) => html`<option value="${y}" ${y === current ? 'selected' : ''}>${y} 年</option>`)}</select></div>
      <div id="report-body" class="list-body record-body"></div>`,
  );
  const $ = (sel) => root.querySelector(sel);

  async function load() {
    try {
      draw(await api.annualReport(state.year));
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw(r) {
    const pct = (v) => (v === null || v === undefined ? '—' : `${v}%`);
    render(
      $('#report-body'),
      html`<article class="record" id="annual-report">
        <h2>${r.year} 年度阅读报告</h2>
        <div class="stat-row" id="report-totals">
          <div class="stat"><b data-total="volumes_added">${r.volumes_added}</b><span>新增图书（册）</span></div>
          <div class="stat"><b data-total="loans">${r.loans}</b><span>借阅（册次）</span></div>
          <div class="stat"><b data-total="active_readers">${r.active_readers}</b><span>借阅读者（人）</span></div>
          <div class="stat"><b data-total="sharing_held">${r.sharing.held}</b><span>读书分享（次）</span></div>
          <div class="stat"><b data-total="training_completed">${r.training.completed}</b><span>培训结业（人次）</span></div>
        </div>
        <div class="charts" id="report-charts"></div>
        <div class="two-cols">
          <section><h3>热门图书</h3><ol>${r.top_titles.map((c) => html`<li>《${c.label}》 <span class="hint">${c.count} 次</span></li>`)}</ol></section>
          <section><h3>阅读之星</h3><ol>${r.top_readers.map((c) => html`<li>${c.label} <span class="hint">${c.count} 册次</span></li>`)}</ol></section>
        </div>
        <h3>按部门、代表团</h3>
        <table class="grid compact"><thead><tr><th>部门/代表团</th><th class="num">借阅</th><th class="num">读者</th></tr></thead>
          <tbody>${r.by_unit.map(([u, n, p]) => html`<tr><td>${u}</td><td class="num">${n}</td><td class="num">${p}</td></tr>`)}</tbody></table>
        <h3>读书分享</h3>
        <p>举行 <b>${r.sharing.held}</b> 次，计划中 ${r.sharing.planned} 次；出席率 <b>${pct(r.sharing.attendance_rate)}</b>；分享图书 ${r.sharing.books} 种次；领读 ${r.sharing.presenters.length} 人。</p>
        <h3>代表履职培训</h3>
        <p>培训批次 <b>${r.training.batches}</b> 个，举行课次 ${r.training.sessions_held} 次，学员 ${r.training.trainees} 人次，结业 <b>${r.training.completed}</b> 人次（结业率 ${pct(r.training.completion_rate)}）。</p>
        <table class="grid compact"><thead><tr><th>专业小组</th><th class="num">代表</th><th class="num">参训</th><th class="num">结业</th></tr></thead>
          <tbody>${r.training.coverage.map((c) => html`<tr><td>${c.group}</td><td class="num">${c.deputies}</td><td class="num">${c.trained}</td><td class="num">${c.completed}</td></tr>`)}</tbody></table>
      </article>`,
    );
    $('#report-charts').append(
      chartFigure('每月借阅（册次）', barChart('report-months', r.loans_per_month.map((c) => ({ label: `${Number(c.key.slice(5))}月`, value: c.count })), { title: '每月借阅', unit: ' 册次' })),
      chartFigure('借阅分类', r.by_class.length ? hbarChart('report-classes', r.by_class.map((c) => ({ label: `${c.key} ${c.label ?? ''}`, value: c.count })), { title: '借阅分类', labelWidth: 220, unit: ' 册次' }) : null, '这一年没有借阅。'),
    );
  }

  root.addEventListener('change', (e) => {
    if (e.target.id === 'report-year') {
      state.year = Number(e.target.value);
      load();
    }
  });
  root.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    try {
      if (act === 'print') {
        const page = document.createElement('section');
        page.className = 'print-flow';
        page.append($('#annual-report').cloneNode(true));
        printPages([page], { className: 'paper' });
      } else if (act === 'export') toast(`已导出到 ${await api.exportAnnualReport(state.year)}`);
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  load();
  return {};
}
