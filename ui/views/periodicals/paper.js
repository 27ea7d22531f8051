// The periodicals room on paper: an issue's routing slip (传阅单), given
// with the issue at check-in, and a supplier's 缺刊催询单 — each shown in
// the print preview first.

import { html, render } from '../../lib/html.js';
import { longDate } from '../../lib/circulation.js';
import { stopName } from '../../lib/periodicals.js';
import { officeToday } from '../../lib/vocabulary.js';
import { openPrintPreview } from '../../components/print-preview.js';

function page(className, markup) {
  const el = document.createElement('section');
  el.className = `print-page paper-page ${className}`;
  render(el, markup);
  return el;
}

/** The routing slip of an issue's legs (all of one issue), in the preview. */
export function printRoutingSlip(legs) {
  const first = legs[0];
  const slip = page(
    'routing-slip',
    html`<h1>传 阅 单</h1>
      <p><b>《${first.title}》</b> ${first.label}</p>
      <table class="paper-table"><thead><tr><th>序号</th><th>传阅人/部门</th><th>阅览天数</th><th>收到日期</th><th>应交回</th><th>签名</th></tr></thead>
        <tbody>${legs.map(
          (l) => html`<tr><td>${l.position}</td><td>${stopName(l)}</td><td>${l.days} 个工作日</td><td>${l.given_on ?? ''}</td><td>${l.due_on ?? ''}</td><td></td></tr>`,
        )}</tbody></table>
      <p class="paper-note">请按顺序传阅，阅毕签名后交下一位；最后一位请交回阅览室。</p>
      <p class="notice-foot">阅览室<br>${longDate(officeToday())}</p>`,
  );
  openPrintPreview([slip], { title: `传阅单：《${first.title}》${first.label}` });
}

/** One 缺刊催询单 per supplier group ({ supplier, rows }), in one preview. */
export function printClaimSheets(groups) {
  const pages = groups.map((g) =>
    page(
      'claim-sheet',
      html`<h1>缺刊催询单</h1>
        <p>${g.supplier}：</p>
        <p>我单位订阅的下列报刊至今未到（或未到齐），请予查询补寄。</p>
        <table class="paper-table"><thead><tr><th>邮发代号</th><th>报刊名称</th><th>期次</th><th>应到日期</th><th>缺份数</th><th>已催询</th></tr></thead>
          <tbody>${g.rows.map(
            (r) => html`<tr><td>${r.postal_code ?? ''}</td><td>《${r.title}》</td><td>${r.label}</td><td>${r.expected_on}</td><td>${r.copies_missing}</td><td>${r.claims ? `${r.claims} 次` : '首次'}</td></tr>`,
          )}</tbody></table>
        <p class="notice-foot">阅览室<br>${longDate(officeToday())}</p>`,
    ),
  );
  openPrintPreview(pages, { title: `缺刊催询单（${groups.length} 家）` });
}
