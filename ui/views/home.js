// 首页: today's desk figures (due today, overdue, on loan, holds), the next
// sessions of both kinds, and the year in charts: loans per month, loans by
// class, the most borrowed titles, reading-share attendance, training coverage.
// In December, while next year has no holidays listed, the core's reminder
// with the way to import them.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { longDate } from '../lib/circulation.js';
import { spanText } from '../lib/sharing.js';
import { barChart, chartFigure, hbarChart, lineChart } from '../components/chart.js';
import { demoSummary } from '../lib/demo.js';
import { toast } from '../components/toast.js';
import { updateNavBadge } from './desk.js';
import { markFirstScreen } from '../lib/timing.js';
import { badgeCount, sectionsFor } from '../lib/inbox.js';
import { operatorRole } from '../lib/operator.js';
import { updateInboxBadge } from './inbox.js';

export function mountHome(host) {
  const root = document.createElement('div');
  root.className = 'view home';
  root.dataset.view = 'home';
  host.replaceChildren(root);

  async function load() {
    try {
      const [d, titles, reminder, inbox] = await Promise.all([
        api.dashboard(),
        api.listTitles({ limit: 1 }),
        api.holidayReminder().catch(() => null),
        api.inboxCounts().catch(() => null),
      ]);
      updateNavBadge(d.overdue);
      if (inbox) updateInboxBadge(inbox);
      draw(d, titles.total === 0, reminder, inbox);
      markFirstScreen();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw(d, empty, reminder, inbox) {
    render(
      root,
      html`<header class="view-head"><h1>首页 <span class="sub">${longDate(d.today)}</span></h1></header>
        ${reminder ? html`<div class="notice home-reminder" id="holiday-reminder" role="status">${reminder} <a class="button" href="#settings?holidays=import">导入节假日…</a></div>` : ''}
        ${empty ? html`<div class="notice home-empty">还没有馆藏和人员。可以先在“书目”“人员”中导入，或者 <button type="button" class="link" data-act="demo">装入一套演示数据</button>（书目、人员、借阅、读书分享、培训都有），看看软件的全貌。</div>` : ''}
        <div class="stat-row">
          <a class="stat" href="#desk"><b id="stat-due">${d.due_today}</b><span>今日到期</span></a>
          <a class="stat ${d.overdue ? 'warn' : ''}" href="#overdue"><b id="stat-overdue">${d.overdue}</b><span>逾期未还</span></a>
          <a class="stat" href="#desk"><b>${d.on_loan}</b><span>在借</span></a>
          <a class="stat" href="#desk"><b>${d.holds_ready}</b><span>预约待取</span></a>
          <a class="stat" href="#desk"><b>${d.holds_waiting}</b><span>预约排队</span></a>
        </div>
        ${inbox ? inboxPanel(inbox) : ''}
        <section class="panel upcoming"><h3>近期活动</h3>
          ${d.upcoming.length
            ? html`<ul class="plain">${d.upcoming.map((e) => html`<li><span class="entry kind-${e.kind} inline">${e.kind === 'share' ? '读书分享' : '履职培训'}</span> ${spanText(e.starts_at, e.ends_at)} ${e.title}${e.venue ? html` <span class="hint">· ${e.venue}</span>` : ''}</li>`)}</ul>`
            : html`<p class="hint">近期没有安排。可在“读书分享”“履职培训”中安排。</p>`}
        </section>
        <div class="charts" id="home-charts"></div>`,
    );
    const charts = root.querySelector('#home-charts');
    const months = d.loans_per_month.map((c) => ({ label: `${Number(c.key.slice(5))}月`, title: c.key, value: c.count }));
    charts.append(
      chartFigure('近十二个月借阅（册次）', lineChart('loans-per-month', months, { title: '近十二个月借阅', unit: ' 册次' })),
      chartFigure(
        '本年借阅分类（中图法大类）',
        d.loans_by_class.length ? barChart('loans-by-class', d.loans_by_class.map((c) => ({ label: c.key, title: `${c.key} ${c.label ?? ''}`, value: c.count })), { title: '本年借阅分类', unit: ' 册次' }) : null,
        '本年还没有借阅。',
      ),
      chartFigure(
        '本年热门图书',
        d.top_titles.length ? hbarChart('top-titles', d.top_titles.map((c) => ({ label: c.label ?? c.key, value: c.count })), { title: '本年热门图书', unit: ' 次' }) : null,
        '本年还没有借阅。',
      ),
      chartFigure(
        '本年读书分享签到人数',
        d.attendance.length ? barChart('attendance', d.attendance.map((a) => ({ label: `${Number(a.starts_at.slice(5, 7))}月`, title: `${a.starts_at.slice(0, 10)} ${a.theme}（邀请 ${a.invited}）`, value: a.signed_in })), { title: '本年读书分享签到人数', unit: ' 人' }) : null,
        '本年还没有举行过读书分享。',
      ),
      chartFigure(
        '本年培训覆盖（参训代表 / 小组代表数）',
        d.coverage.some((c) => c.deputies) ? hbarChart('coverage', d.coverage.map((c) => ({ label: `${c.group}（${c.deputies}）`, value: c.trained })), { title: '本年培训覆盖', labelWidth: 200, unit: ' 人' }) : null,
        '还没有人大代表。',
      ),
    );
  }

  // 待处理 by kind, those this role decides first; each opens its section.
  function inboxPanel(counts) {
    const mine = badgeCount(counts, operatorRole());
    return html`<section class="panel home-inbox" id="home-inbox"><h3><a href="#inbox">待处理</a> <span class="sub">${mine.count ? `${mine.count} 件${mine.own ? '待你处理' : ''}` : '读者的申请都已处理'}</span></h3>
      <div class="chips">${sectionsFor(operatorRole()).map(
        (s) => html`<a class="chip ${s.decides && counts[s.key] ? 'chip-warn' : ''}" href="#inbox?kind=${s.key}" data-kind="${s.key}">${s.label} <b>${counts[s.key] ?? 0}</b></a>`,
      )}</div></section>`;
  }

  root.addEventListener('click', async (e) => {
    if (e.target.closest('[data-act=demo]')) {
      try {
        toast(demoSummary(await api.loadDemo()));
        await load();
      } catch (err) {
        toast(err.message, 'error');
      }
    }
  });
  load();
  return {};
}
