// 征订单: next year's subscription list drawn from this year's (less those
// stopped, plus the periodicals readers suggested and the librarian
// accepted), by 订阅渠道 with subtotals, its total held against next year's
// 报刊订阅费; exported as .xlsx for the post office and the finance office,
// and confirmed (behind a dialog saying what it makes) into next year's
// subscriptions and issues. Beside it, this year's arrival and binding
// figures, the worst first: what to think about before renewing.

import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { mayChange, officeToday } from '../../lib/vocabulary.js';
import { operatorRole } from '../../lib/operator.js';
import { arrivalRows, rateText, renewalAgainstBudget, renewalConfirmText, renewalGroups, yuan } from '../../lib/purchases.js';
import { confirmDialog } from '../../components/confirm.js';
import { toast } from '../../components/toast.js';

/** Mounts the 征订单 tab into `el`; `params` may name the year (`year`). */
export function mountRenewal(el, params = new URLSearchParams()) {
  const root = document.createElement('div');
  root.className = 'renewal-tab';
  root.dataset.tab = 'renewal';
  el.replaceChildren(root);
  const current = Number(officeToday().slice(0, 4));
  const asked = Number(params?.get?.('year'));
  const state = {
    year: asked >= current && asked <= current + 1 ? asked : current + 1,
    list: null,
    budget: null,
    taken: 0,
    figures: null,
    busy: false,
  };
  const may = mayChange(operatorRole(), 'serial');
  const mayBudget = mayChange(operatorRole(), 'order');
  const $ = (sel) => root.querySelector(sel);

  render(
    root,
    html`<div class="toolbar">
        <label for="renewal-year">征订年度</label>
        <select id="renewal-year">${[current, current + 1].map(
          (y) => html`<option value="${y}" ${y === state.year ? 'selected' : ''}>${y} 年（据 ${y - 1} 年订阅）</option>`,
        )}</select>
        <button type="button" class="push" data-act="export">导出 Excel</button>
        ${may ? html`<button type="button" class="primary" data-act="confirm">确认征订…</button>` : ''}
      </div>
      <div class="split renewal-layout">
        <section class="renewal-main" aria-label="征订单">
          <div id="renewal-summary"></div>
          <div id="renewal-body" class="list-body"></div>
        </section>
        <aside class="panel side-counts" id="renewal-figures" aria-labelledby="figures-title"></aside>
      </div>`,
  );

  async function load() {
    try {
      const [list, budgets, taken] = await Promise.all([api.renewalList(state.year), api.budgets(state.year), api.subscriptions(state.year)]);
      state.list = list;
      state.budget = budgets.find((b) => b.kind === 'periodicals') ?? null;
      state.taken = taken.length;
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  async function loadFigures() {
    try {
      state.figures = await api.serialFigures(current);
      drawFigures();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw() {
    const { list } = state;
    const money = renewalAgainstBudget(list, state.budget);
    const renewing = list.lines.filter((l) => !l.suggestion_id);
    const copies = renewing.reduce((n, l) => n + l.copies, 0);
    const suggested = list.lines.length - renewing.length;
    render(
      $('#renewal-summary'),
      html`<div class="stat-row" id="renewal-totals">
          <div class="stat"><b data-total="titles">${renewing.length}</b><span>续订（种）</span></div>
          <div class="stat"><b data-total="copies">${copies}</b><span>份数</span></div>
          <div class="stat"><b data-total="suggested">${suggested}</b><span>荐购新订（种）</span></div>
          <div class="stat ${money.tone === 'error' ? 'warn' : ''}"><b data-total="total">${yuan(money.totalFen)}</b><span>征订合计（元）</span></div>
          <div class="stat"><b data-total="budget">${money.amountFen === null ? '未设' : yuan(money.amountFen)}</b><span>${state.year}年报刊订阅费（元）</span></div>
        </div>
        <p id="renewal-budget" class="${money.tone === 'ok' ? 'hint' : 'notice'} tone-${money.tone}" role="status">${money.message}${
          mayBudget && money.tone !== 'ok' ? html` <button type="button" class="link" data-act="budget">${money.amountFen === null ? '设置' : '修改'}${state.year}年报刊订阅费…</button>` : ''
        }</p>
        ${list.unpriced ? html`<p class="hint">${list.unpriced} 种没有可读的定价，未计入合计${suggested ? '（荐购新订的刊期、定价待定）' : ''}。</p>` : ''}
        ${state.taken ? html`<p class="hint" id="renewal-taken">${state.year}年已建订阅 ${state.taken} 种；再次确认只补建还没有的，已有的保持不变。</p>` : ''}`,
    );
    if (!list.lines.length) {
      render(
        $('#renewal-body'),
        html`<p class="hint record-body">${state.year - 1}年没有在订的报刊，也没有采纳的报刊荐购。请先在“订阅”中添加${state.year - 1}年的订阅（或导入邮局的订阅清单）。</p>`,
      );
      return;
    }
    let n = 0;
    render(
      $('#renewal-body'),
      html`<table class="grid compact" id="renewal-lines" aria-label="${state.year}年征订单">
        <thead><tr><th class="num">序号</th><th>邮发代号</th><th>报刊名称</th><th>刊期</th><th class="num">份数</th><th class="num">全年定价</th><th class="num">金额（元）</th><th>说明</th></tr></thead>
        ${renewalGroups(list.lines).map(
          (g) => html`<tbody>
            <tr class="band"><th colspan="8">${g.name} <span class="sub">· ${g.lines.length} 种 ${g.copies} 份${g.amountFen ? ` · 小计 ${yuan(g.amountFen)} 元` : ''}</span></th></tr>
            ${g.lines.map(
              (l) => html`<tr data-title="${l.title}">
                <td class="num">${++n}</td><td class="mono">${l.postal_code ?? ''}</td><td class="name">${l.title}</td>
                <td>${l.frequency || '待定'}</td><td class="num">${l.copies}</td><td class="num">${l.price ?? '—'}</td>
                <td class="num">${l.amount === null ? '—' : yuan(Math.round(l.amount * 100))}</td>
                <td>${l.suggestion_id ? html`<span class="tag tone-warn">${l.suggested_by} 荐购</span> 新订，请在“订阅”中按刊期添加` : ''}</td></tr>`,
            )}</tbody>`,
        )}
        <tfoot><tr><th></th><th></th><th>合计</th><th></th><th class="num">${list.lines.reduce((s, l) => s + l.copies, 0)}</th><th></th><th class="num">${yuan(Math.round(list.total * 100))}</th><th></th></tr></tfoot>
      </table>`,
    );
  }

  function drawFigures() {
    const f = state.figures;
    const table = (caption, rows) =>
      rows.length
        ? html`<table class="grid compact" aria-label="${caption}"><thead><tr><th>${caption}</th><th class="num">应到</th><th class="num">已到</th><th class="num">到刊率</th></tr></thead>
            <tbody>${arrivalRows(rows).map(
              (a) => html`<tr class="${a.rate !== null && a.rate < 90 ? 'overdue' : ''}"><td>${a.name}</td><td class="num">${a.due}</td><td class="num">${a.arrived}</td><td class="num">${rateText(a.rate)}</td></tr>`,
            )}</tbody></table>`
        : html`<p class="hint">${f.year}年还没有应到的期。</p>`;
    render(
      $('#renewal-figures'),
      html`<h3 id="figures-title">${f.year}年到刊与合订</h3>
        <p class="hint">截至今天应到的期数与已到的期数；到刊率低的续订前可与订阅渠道核对。</p>
        <h4>按订阅渠道</h4>
        ${table('订阅渠道', f.suppliers)}
        <h4>按报刊</h4>
        <div class="figures-titles">${table('报刊', f.titles)}</div>
        <p id="figures-bound">已合订 <b>${f.bound_volumes}</b> 册，共 ${f.bound_issues} 期。</p>`,
    );
  }

  async function exportList() {
    try {
      toast(`已导出到 ${await api.exportRenewalList(state.year)}`);
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  async function confirmList() {
    if (state.busy || !state.list) return;
    const renewing = state.list.lines.filter((l) => !l.suggestion_id).length;
    if (!renewing) {
      toast(`${state.year - 1}年没有可续订的报刊。`, 'error');
      return;
    }
    const money = renewalAgainstBudget(state.list, state.budget);
    const ok = await confirmDialog({
      title: `确认${state.year}年征订单`,
      message: `${renewalConfirmText(state.list)}${money.tone === 'ok' ? '' : ` 注意：${money.message}`}`,
      confirmLabel: '确认征订',
    });
    if (!ok) return;
    state.busy = true;
    try {
      const done = await api.confirmRenewal(state.year);
      const parts = [`已为${done.year}年续订 ${done.subscriptions} 种，预测 ${done.issues} 期`];
      if (done.already) parts.push(`${done.already} 种已有订阅，未变`);
      if (done.suggested) parts.push(`荐购新刊 ${done.suggested} 种请在“订阅”中添加`);
      toast(`${parts.join('；')}。`);
      await load();
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      state.busy = false;
    }
  }

  root.addEventListener('change', (e) => {
    if (e.target.id === 'renewal-year') {
      state.year = Number(e.target.value);
      load();
    }
  });
  root.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'export') exportList();
    else if (act === 'confirm') confirmList();
    // The budgets are set in 经费与订购, opened on the 征订单's year.
    else if (act === 'budget') location.hash = `#periodicals?tab=orders&year=${state.year}`;
  });
  load();
  loadFigures();
  return {};
}
