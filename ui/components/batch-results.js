// A training batch's 结业 tab: whether the results are final (every session
// held, or the batch closed by the organizer), completion by the rule once
// they are, closing and reopening the batch, the export, and the printed
// roster, sign-in sheet and certificates (dated the last held session).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { longDate } from '../lib/circulation.js';
import { spanText } from '../lib/sharing.js';
import { certificateState, completionSummary, heldSpan, personTag, repeatedNames, resultsState } from '../lib/training.js';
import { confirmDialog } from './confirm.js';
import { printPages } from './print.js';
import { openPrintPreview } from './print-preview.js';
import { toast } from './toast.js';

/** 结业: completion by the rule; closing the batch; the export, roster, sign-in sheets and certificates. */
export function resultsPane(ctx) {
  const redraw = async (detail) => {
    ctx.detail = detail;
    ctx.onChanged();
    ctx.shell.draw();
  };
  return {
    draw(body) {
      render(body, resultsTable(ctx.detail));
    },
    acts: {
      'save-rule': async () => {
        await api.setCompletionPercent(Number(ctx.shell.$('#bd-rule').value));
        await ctx.reload();
        ctx.shell.draw();
        toast('结业要求已保存。');
      },
      'close-batch': async () => {
        if (!(await confirmClose(ctx.detail))) return;
        await redraw(await api.setBatchClosed(ctx.batchId, true));
        toast('本批次已结束，结业名单已确定。');
      },
      'reopen-batch': async () => {
        await redraw(await api.setBatchClosed(ctx.batchId, false));
        toast('本批次已重新开放。');
      },
      export: async () => toast(`已导出到 ${await api.exportTrainingBatch(ctx.batchId)}`),
      'print-roster': () => roster(ctx, false),
      'print-signin': () => roster(ctx, true),
      'print-certificates': () => certificates(ctx.detail),
    },
  };
}

/** Asks before closing, naming the sessions left unheld by subject and date. */
function confirmClose(detail) {
  const { unheld } = resultsState(detail);
  const held = detail.batch.held;
  return confirmDialog({
    title: `结束本批次：${detail.batch.name}`,
    message: html`结束后，结业名单按已举行的 <b>${held}</b> 次课确定${held ? '' : '（还没有举行过课次，没有人能结业）'}。${unheld.length
      ? html`以下 ${unheld.length} 次课未举行，不再计入：<br>${unheld.map((s) => html`· ${s.subject}（${spanText(s.starts_at, s.ends_at)}）<br>`)}`
      : ''}以后可以“重新开放”。`,
    confirmLabel: '结束本批次',
  });
}

function resultsTable(detail) {
  const state = resultsState(detail);
  const cert = certificateState(detail);
  const sum = completionSummary(detail.results);
  const twins = repeatedNames(detail.results);
  return html`<p class="${state.settled ? 'counts' : 'notice'} results-state" id="bd-settled">${state.text}
      ${!state.settled ? html`<button type="button" data-act="close-batch">结束本批次…</button>` : ''}
      ${state.closed ? html`<button type="button" class="link" data-act="reopen-batch">重新开放</button>` : ''}</p>
    <p class="counts" id="bd-completion">学员 <b>${sum.trainees}</b> 人，已举行 <b>${detail.batch.held}</b> 次课${state.settled ? html`，结业 <b>${sum.completed}</b> 人${sum.rate === null ? '' : `（${sum.rate}%）`}` : '，结业名单待定'}。
      结业要求：出勤达到已举行课次的 <input id="bd-rule" type="number" min="1" max="100" value="${detail.completion_percent}" class="tiny-input" aria-label="结业要求百分比">% <button type="button" class="link" data-act="save-rule">保存</button></p>
    <div class="report-rows"><table class="grid compact" id="bd-results"><thead><tr><th>学员</th><th>专业小组</th><th class="num">出勤</th><th class="num">请假</th><th class="num">缺勤</th><th class="num">出勤率</th><th>结业</th></tr></thead>
      <tbody>${detail.results.map(
        (r) => html`<tr class="${r.completed ? 'done' : ''}"><td>${r.name}${twins.has(r.name) ? html` <span class="tag tone-warn">同名</span>` : ''} <span class="hint">${personTag(r)}</span></td><td>${r.professional_group ?? ''}</td><td class="num">${r.present}/${r.held}</td><td class="num">${r.leave}</td><td class="num">${r.absent}</td><td class="num">${r.rate === null ? '—' : `${r.rate}%`}</td>
          <td>${r.completed ? html`<span class="tone-ok">结业</span>` : state.settled ? '' : html`<span class="hint">待定</span>`}</td></tr>`,
      )}</tbody></table></div>
    <div class="dialog-actions">
      <button type="button" data-act="export">导出名册与结业情况（Excel）</button>
      <button type="button" data-act="print-roster">打印名册</button>
      <button type="button" data-act="print-signin">打印签到表</button>
      <button type="button" class="primary" data-act="print-certificates" ${cert.ok ? '' : 'disabled'} title="${cert.why}">打印结业证书</button>
    </div>`;
}

/** One certificate per completed trainee, dated the batch's last held session. */
function certificates(detail) {
  const cert = certificateState(detail);
  if (!cert.ok) {
    toast(cert.why, 'error');
    return;
  }
  const done = detail.results.filter((r) => r.completed);
  const b = detail.batch;
  const span = heldSpan(detail.sessions);
  const when = span.first === span.last ? longDate(span.first) : `${longDate(span.first)} 至 ${longDate(span.last)}`;
  openPrintPreview(
    done.map((r) => {
      const page = document.createElement('section');
      page.className = 'print-page certificate';
      render(
        page,
        html`<div class="cert-frame"><h1>结业证书</h1>
          <p class="cert-body"><b>${r.name}</b> 代表${r.delegation ? `（${r.delegation}）` : ''}：</p>
          <p class="cert-body">您于 ${when} 参加“${b.topic_name}”专题履职培训（${b.name}），完成规定课程，出勤 ${r.present}/${r.held} 次，准予结业。</p>
          <p class="cert-body">特发此证。</p>
          <p class="cert-foot">代表履职培训<br>${longDate(span.last)}</p>
          ${r.card_barcode ? html`<p class="cert-card">借书证号 ${r.card_barcode}</p>` : ''}</div>`,
      );
      return page;
    }),
    { title: `结业证书（${done.length} 份）` },
  );
}

/** The roster, or the sign-in sheet of the chosen session, with card and delegation beside each name. */
function roster({ detail, session: chosen }, signin) {
  const b = detail.batch;
  const trainees = detail.enrolments.filter((e) => e.status === 'enrolled');
  const session = detail.sessions.find((s) => s.id === chosen) ?? detail.sessions.find((s) => s.status !== 'cancelled');
  const page = document.createElement('section');
  page.className = 'print-page paper-page signin-sheet';
  render(
    page,
    html`<h1>${signin ? '签 到 表' : '学 员 名 册'}</h1>
      <p>${b.topic_name} · ${b.name}${signin && session ? ` · ${spanText(session.starts_at, session.ends_at)} ${session.subject}` : ''}</p>
      <table><thead><tr><th>序号</th><th>姓名</th><th>专业小组</th><th>代表团</th><th>借书证号</th>${signin ? html`<th>签名</th>` : ''}</tr></thead>
        <tbody>${trainees.map((t, i) => html`<tr><td>${i + 1}</td><td>${t.name}</td><td>${t.professional_group ?? ''}</td><td>${t.delegation ?? ''}</td><td>${t.card_barcode ?? ''}</td>${signin ? html`<td></td>` : ''}</tr>`)}</tbody></table>`,
  );
  printPages([page], { className: 'paper' });
}
