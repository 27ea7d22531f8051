// 经费与订购: the year's two budgets (图书购置费, 报刊订阅费) with what is
// committed and spent against each and the core's warning at 90 % and
// over — the year's spend by budget at a glance; the year's book orders to
// a supplier, one open beside the list with its lines, each received into
// the catalogue (a title form filled from the line: copies with barcodes,
// their labels to print, the reader's suggestion 已到馆) or cancelled.

import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { mayChange, officeDate, officeToday } from '../../lib/vocabulary.js';
import { operatorRole } from '../../lib/operator.js';
import { BUDGET_KINDS, LINE_STATUS, budgetView, kindLabel, orderSummary, yuan } from '../../lib/purchases.js';
import { formField, onRecordSubmit, saveOrCancel } from '../../components/form.js';
import { modal } from '../../components/modal.js';
import { confirmDialog } from '../../components/confirm.js';
import { toast } from '../../components/toast.js';
import { openOrderForm } from '../../components/order-form.js';
import { openReceiveForm } from '../../components/receive-form.js';

/** Mounts the 经费与订购 tab into `el`; `params` may name the year (`year`) and an order (`order`). */
export function mountOrders(el, params = new URLSearchParams()) {
  const root = document.createElement('div');
  root.className = 'orders-tab';
  root.dataset.tab = 'orders';
  el.replaceChildren(root);
  const current = Number(officeToday().slice(0, 4));
  const asked = Number(params?.get?.('year'));
  const state = {
    year: asked >= current - 2 && asked <= current + 1 ? asked : current,
    budgets: [],
    orders: [],
    selected: Number(params?.get?.('order')) || null,
    detail: null,
  };
  const may = mayChange(operatorRole(), 'order');
  const $ = (sel) => root.querySelector(sel);

  render(
    root,
    html`<div class="toolbar">
        <label for="orders-year">年度</label>
        <select id="orders-year">${[current - 2, current - 1, current, current + 1].map(
          (y) => html`<option value="${y}" ${y === state.year ? 'selected' : ''}>${y} 年</option>`,
        )}</select>
        ${may ? html`<button type="button" class="primary push" data-act="new-order">新建订单…</button>` : ''}
      </div>
      <section id="budgets" class="two-cols budgets" aria-label="经费"></section>
      <div class="orders-layout">
        <section class="panel" aria-labelledby="orders-title">
          <h3 id="orders-title">购书订单</h3>
          <div id="orders-list"></div>
        </section>
        <section class="panel" id="order-detail" aria-live="polite"></section>
      </div>`,
  );

  async function load() {
    try {
      [state.budgets, state.orders] = await Promise.all([api.budgets(state.year), api.orders(state.year)]);
      if (state.selected && !state.orders.some((o) => o.id === state.selected)) state.selected = null;
      state.selected ??= state.orders[0]?.id ?? null;
      drawBudgets();
      drawOrders();
      await loadDetail();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  async function loadDetail() {
    state.detail = state.selected ? await api.order(state.selected) : null;
    drawDetail();
  }

  function drawBudgets() {
    render(
      $('#budgets'),
      html`${BUDGET_KINDS.map((k) => {
        const b = state.budgets.find((x) => x.kind === k.code) ?? { year: state.year, kind: k.code, amount_fen: null, committed_fen: 0, spent_fen: 0, percent: null };
        const v = budgetView(b);
        return html`<div class="panel budget-card" data-kind="${k.code}" data-tone="${v.tone}">
          <div class="budget-head">
            <h3>${k.label}</h3>
            <span class="budget-amount">${v.set ? html`预算 <b>${yuan(v.amount)}</b> 元` : '未设预算'}</span>
            ${may ? html`<button type="button" class="link" data-budget="${k.code}">${v.set ? '修改预算…' : '设置预算…'}</button>` : ''}
          </div>
          <div class="progress" role="progressbar" aria-label="${state.year}年${k.label}已用" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${v.bar}">
            <div class="bar" data-width="${v.bar}"></div><span>${v.percent === null ? '—' : `已用 ${v.percent}%`}</span>
          </div>
          <p class="budget-figures">${k.code === 'books' ? '已订未到' : '已订阅'} <b>${yuan(b.committed_fen)}</b> 元${k.code === 'books' ? html` · 已支出 <b>${yuan(b.spent_fen)}</b> 元` : ''}${v.set ? html` · 尚余 <b class="${v.left < 0 ? 'tone-error' : ''}">${yuan(v.left)}</b> 元` : ''}</p>
          ${v.warning ? html`<p class="${v.set ? 'notice' : 'hint'} budget-warning" role="status">${v.warning}</p>` : html`<p class="hint">${k.hint}</p>`}
        </div>`;
      })}`,
    );
    for (const bar of root.querySelectorAll('.budget-card .bar')) bar.style.width = `${bar.dataset.width}%`;
  }

  function drawOrders() {
    render(
      $('#orders-list'),
      state.orders.length
        ? html`<table class="grid compact" id="orders-table"><thead><tr><th>供应商</th><th>下单</th><th class="num">验收/行</th><th class="num">金额（元）</th></tr></thead>
            <tbody>${state.orders.map(
              (o) => html`<tr data-order="${o.id}" tabindex="0" aria-current="${o.id === state.selected ? 'true' : 'false'}" class="${o.id === state.selected ? 'selected' : ''}">
                <td class="name">${o.supplier}${o.note ? html` <span class="sub">${o.note}</span>` : ''}</td><td class="nowrap">${officeDate(o.created_at)}</td>
                <td class="num">${o.received}/${o.lines}</td><td class="num">${yuan(o.total_fen)}</td></tr>`,
            )}</tbody></table>`
        : html`<p class="hint">${state.year}年还没有购书订单。${may ? '点“新建订单…”，从已采纳的读者荐购、按 ISBN 或手工录入订购。' : ''}</p>`,
    );
  }

  function drawDetail() {
    const d = state.detail;
    if (!d) {
      render($('#order-detail'), html`<h3>订单</h3><p class="hint">选择左侧的订单查看明细、验收到书。</p>`);
      return;
    }
    const sum = orderSummary(d.lines);
    render(
      $('#order-detail'),
      html`<h3 id="order-title">订单 ${d.order.id}：${d.order.supplier}</h3>
        <p class="hint">${officeDate(d.order.created_at)} 下单 · ${d.lines.length} 行：已验收 ${sum.received}、待到 ${sum.ordered}${sum.cancelled ? `、已取消 ${sum.cancelled}` : ''} · 待到 ${yuan(sum.openFen)} 元，已验收 ${yuan(sum.receivedFen)} 元${d.order.note ? ` · ${d.order.note}` : ''}</p>
        ${d.budget.warning ? html`<p class="notice" role="status">${d.budget.warning}</p>` : ''}
        <div class="order-lines"><table class="grid compact" id="order-lines" aria-labelledby="order-title">
          <thead><tr><th>书名</th><th class="num">册数</th><th class="num">单价</th><th class="num">金额</th><th>状态</th><th></th></tr></thead>
          <tbody>${d.lines.map((l) => lineRow(l))}</tbody>
        </table></div>`,
    );
  }

  function lineRow(l) {
    const s = LINE_STATUS[l.status] ?? { label: l.status, tone: 'muted' };
    const about = [l.authors, l.publisher, l.isbn ? `ISBN ${l.isbn}` : null].filter(Boolean).join(' · ');
    return html`<tr data-line="${l.id}" data-status="${l.status}" class="${l.status === 'cancelled' ? 'muted' : ''}">
      <td><span class="name">${l.title}</span>${l.suggestion_id ? html` <span class="tag">荐购</span>` : ''}${about ? html`<br><span class="sub">${about}</span>` : ''}</td>
      <td class="num">${l.copies}</td><td class="num">${yuan(l.price_fen)}</td><td class="num">${yuan(l.price_fen * l.copies)}</td>
      <td class="nowrap"><span class="tag tone-${s.tone}">${s.label}</span>${l.received_on ? html` <span class="sub">${l.received_on}</span>` : ''}</td>
      <td class="row-actions">${
        l.status === 'ordered' && may
          ? html`<button type="button" class="primary" data-receive="${l.id}">验收入藏…</button> <button type="button" class="link" data-cancel="${l.id}">取消</button>`
          : l.status === 'received' && l.title_id
            ? html`<button type="button" class="link" data-labels="${l.title_id}">打印书标</button>`
            : ''
      }</td></tr>`;
  }

  function select(id) {
    state.selected = id;
    drawOrders();
    loadDetail().catch((e) => toast(e.message, 'error'));
  }

  function editBudget(kind) {
    const b = state.budgets.find((x) => x.kind === kind);
    const { dialog, close } = modal('form-dialog', { labelledBy: 'bf-title' });
    render(
      dialog,
      html`<form novalidate>
        <h2 id="bf-title">${state.year}年${kindLabel(kind)}</h2>
        ${formField('bf', 'amount', '预算金额（元）', html`<input id="bf-amount" name="amount" type="text" inputmode="decimal" autocomplete="off" maxlength="20"
          value="${b?.amount_fen === null || b?.amount_fen === undefined ? '' : (b.amount_fen / 100).toFixed(2)}" aria-describedby="bf-amount-error" placeholder="如 20000">`)}
        ${formField('bf', 'note', '说明', html`<input id="bf-note" name="note" type="text" autocomplete="off" maxlength="200" aria-describedby="bf-note-error" placeholder="如：局办公会批准（可不填）" value="${b?.note ?? ''}">`)}
        ${saveOrCancel()}
      </form>`,
    );
    const form = dialog.querySelector('form');
    dialog.querySelector('[data-act=cancel]').addEventListener('click', close);
    onRecordSubmit(
      dialog,
      form,
      (values) => ({
        errors: values.amount.trim() ? {} : { amount: '请填写预算金额，例如 20000。' },
        save: () =>
          api.setBudget(state.year, kind, values.amount.trim(), values.note.trim() || null, b?.revision ?? 0).catch((err) => {
            // The core names the amount 'price' (how it reads yuan); this form calls it amount.
            if (err.field === 'price') err.field = 'amount';
            throw err;
          }),
      }),
      (saved) => {
        close();
        // The budget as saved (its new revision), before the page reloads.
        state.budgets = state.budgets.map((x) => (x.kind === saved.kind ? saved : x));
        toast(saved.warning ?? `${saved.year}年${kindLabel(saved.kind)}预算已设为 ${yuan(saved.amount_fen)} 元。`, budgetView(saved).tone === 'error' ? 'error' : 'info');
        load();
      },
    );
    dialog.showModal();
    dialog.querySelector('#bf-amount').focus();
  }

  async function cancelLine(id) {
    const line = state.detail?.lines.find((l) => l.id === id);
    if (!line) return;
    const ok = await confirmDialog({
      title: '取消订购',
      message: `取消订购《${line.title}》${line.copies} 册（${yuan(line.price_fen * line.copies)} 元）？这一行不再计入已订金额${line.suggestion_id ? '，它的荐购可再列入以后的订单' : ''}。`,
      confirmLabel: '取消这一行',
      danger: true,
    });
    if (!ok) return;
    try {
      state.detail = await api.cancelOrderLine(id);
      toast(`已取消订购《${line.title}》。`);
      await load();
      root.querySelector('tr[data-order][aria-current=true]')?.focus();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function receive(id) {
    const line = state.detail?.lines.find((l) => l.id === id);
    if (!line) return;
    openReceiveForm(line, {
      onSaved: (title, copies) => {
        const rest = line.copies - copies;
        toast(`《${title.title}》已入藏 ${copies} 册，条码已生成（现共 ${title.copies} 册）${rest > 0 ? `；余 ${rest} 册留在订单里待到` : ''}。`, 'info', {
          label: '打印书标',
          run: () => {
            location.hash = `#labels?title=${title.id}`;
          },
        });
        // The keyboard goes on to the next line still to receive.
        load().then(() => (root.querySelector('#order-lines [data-receive]') ?? root.querySelector('tr[data-order][aria-current=true]'))?.focus());
      },
    });
  }

  function newOrder() {
    const books = state.budgets.find((b) => b.kind === 'books') ?? null;
    openOrderForm({
      year: state.year,
      budget: books,
      suppliers: [...new Set(state.orders.map((o) => o.supplier))],
      onSaved: (detail) => {
        state.selected = detail.order.id;
        const total = detail.lines.reduce((s, l) => s + l.price_fen * l.copies, 0);
        const said = `已向 ${detail.order.supplier} 订购 ${detail.lines.length} 种，${yuan(total)} 元。`;
        toast(detail.budget.warning ? `${said}${detail.budget.warning}` : said, budgetView(detail.budget).tone === 'error' ? 'error' : 'info');
        load().then(() => root.querySelector('tr[data-order][aria-current=true]')?.focus());
      },
    });
  }

  root.addEventListener('change', (e) => {
    if (e.target.id === 'orders-year') {
      state.year = Number(e.target.value);
      state.selected = null;
      load();
    }
  });
  root.addEventListener('click', (e) => {
    const t = e.target;
    const act = t.closest('[data-act]')?.dataset.act;
    if (act === 'new-order') newOrder();
    else if (t.closest('[data-budget]')) editBudget(t.closest('[data-budget]').dataset.budget);
    else if (t.closest('[data-receive]')) receive(Number(t.closest('[data-receive]').dataset.receive));
    else if (t.closest('[data-cancel]')) cancelLine(Number(t.closest('[data-cancel]').dataset.cancel));
    else if (t.closest('[data-labels]')) location.hash = `#labels?title=${t.closest('[data-labels]').dataset.labels}`;
    else if (t.closest('tr[data-order]')) select(Number(t.closest('tr[data-order]').dataset.order));
  });
  root.addEventListener('keydown', (e) => {
    const row = e.target.closest?.('tr[data-order]');
    if (!row) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(Number(row.dataset.order));
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      (e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling)?.focus();
    }
  });
  load();
  return {};
}
