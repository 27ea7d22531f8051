// A reading-share session on paper: the notice (通知) and the sign-in sheet
// (签到表, with unit and card number beside each name).

import { html, render } from '../lib/html.js';
import { longDate } from '../lib/circulation.js';
import { spanText } from '../lib/sharing.js';
import { officeToday } from '../lib/vocabulary.js';
import { printPages } from './print.js';

/** The notice of `detail`'s session, printed. */
export function printNotice(detail) {
  const s = detail.session;
  const page = document.createElement('section');
  page.className = 'print-page paper-page notice';
  render(
    page,
    html`<h1>通　知</h1>
      <p class="notice-lead">定于 ${longDate(s.starts_at.slice(0, 10))} ${s.starts_at.slice(11, 16)}–${s.ends_at.slice(11, 16)}，在 ${s.venue_name ?? '（地点另行通知）'} 举办读书分享活动，请准时参加。</p>
      <table class="notice-table"><tbody>
        <tr><th>主题</th><td>${s.theme}</td></tr>
        ${s.series_name ? html`<tr><th>系列</th><td>${s.series_name}</td></tr>` : ''}
        <tr><th>时间</th><td>${spanText(s.starts_at, s.ends_at)}</td></tr>
        <tr><th>地点</th><td>${s.venue_name ?? '另行通知'}</td></tr>
        ${s.host_name ? html`<tr><th>主持人</th><td>${s.host_name}</td></tr>` : ''}
      </tbody></table>
      ${detail.presenters.length ? html`<h2>领读安排</h2><ol>${detail.presenters.map(
        (p) => html`<li>${p.person_name}${p.unit ? `（${p.unit}）` : ''}${p.book_title ? `：《${p.book_title}》` : ''}${p.topic ? ` —— ${p.topic}` : ''}</li>`,
      )}</ol>` : ''}
      <p class="notice-foot">阅览室<br>${longDate(officeToday())}</p>`,
  );
  printPages([page], { className: 'paper' });
}

/** The sign-in sheet of those invited, with blank rows for walk-ins, printed. */
export function printSheet(detail) {
  const s = detail.session;
  const rows = detail.attendees.filter((a) => a.invited);
  const blanks = Math.max(8, 20 - rows.length);
  const page = document.createElement('section');
  page.className = 'print-page paper-page signin-sheet';
  render(
    page,
    html`<h1>签 到 表</h1>
      <p>${s.theme} · ${spanText(s.starts_at, s.ends_at)} · ${s.venue_name ?? ''}</p>
      <table><thead><tr><th>序号</th><th>姓名</th><th>部门/代表团</th><th>借书证号</th><th>签名</th></tr></thead>
        <tbody>${rows.map((a, i) => html`<tr><td>${i + 1}</td><td>${a.name}</td><td>${a.unit ?? ''}</td><td>${a.card_barcode ?? ''}</td><td></td></tr>`)}
        ${Array.from({ length: blanks }, (_, i) => html`<tr><td>${rows.length + i + 1}</td><td></td><td></td><td></td><td></td></tr>`)}</tbody></table>`,
  );
  printPages([page], { className: 'paper' });
}
