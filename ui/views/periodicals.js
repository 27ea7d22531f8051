// 报刊与采购: the periodicals room and the year's purchases in tabs — 记到
// (check-in, first), 订阅, 催缺, 传阅, 征订单, 经费与订购. The open tab is in
// the address (`#periodicals?tab=late`); arrow keys move along the tabs,
// Ctrl+PageUp / Ctrl+PageDown anywhere in the view switch them.

import { html, render } from '../lib/html.js';
import { mountCheckin } from './periodicals/checkin.js';
import { mountSubscriptions } from './periodicals/subscriptions.js';
import { mountLate } from './periodicals/late.js';
import { mountRouting } from './periodicals/routing.js';
import { mountRenewal } from './periodicals/renewal.js';
import { mountOrders } from './periodicals/orders.js';

const TABS = [
  { key: 'checkin', label: '记到', mount: mountCheckin },
  { key: 'subscriptions', label: '订阅', mount: mountSubscriptions },
  { key: 'late', label: '催缺', mount: mountLate },
  { key: 'routing', label: '传阅', mount: mountRouting },
  { key: 'renewal', label: '征订单', mount: mountRenewal },
  { key: 'orders', label: '经费与订购', mount: mountOrders },
];

export function mountPeriodicals(host, params) {
  const root = document.createElement('div');
  root.className = 'view periodicals';
  root.dataset.view = 'periodicals';
  host.replaceChildren(root);
  render(
    root,
    html`<header class="view-head"><h1>报刊与采购</h1>
        <div class="tabs" role="tablist" aria-label="报刊与采购">${TABS.map(
          (t) => html`<button type="button" role="tab" id="periodicals-tab-${t.key}" data-tab="${t.key}" aria-controls="periodicals-pane">${t.label}</button>`,
        )}</div></header>
      <div id="periodicals-pane" class="periodicals-pane" role="tabpanel"></div>`,
  );
  const pane = root.querySelector('#periodicals-pane');
  let open = null;
  let current = null;

  function show(key, { focusTab = false } = {}) {
    const tab = TABS.find((t) => t.key === key) ?? TABS[0];
    current?.unmount?.();
    open = tab.key;
    for (const b of root.querySelectorAll('[role=tab]')) {
      const on = b.dataset.tab === open;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    pane.setAttribute('aria-labelledby', `periodicals-tab-${open}`);
    // The address says which tab is open, without mounting the view again.
    const query = new URLSearchParams(params);
    query.set('tab', open);
    history.replaceState(null, '', `#periodicals?${query}`);
    const el = document.createElement('div');
    el.className = 'periodicals-tab';
    el.dataset.tab = open;
    pane.replaceChildren(el);
    current = tab.mount(el, query) ?? null;
    if (focusTab) root.querySelector(`[data-tab="${open}"]`).focus();
  }

  const step = (by) => {
    const i = TABS.findIndex((t) => t.key === open);
    return TABS[(i + by + TABS.length) % TABS.length].key;
  };

  root.querySelector('[role=tablist]').addEventListener('click', (e) => {
    const key = e.target.closest('[data-tab]')?.dataset.tab;
    if (key && key !== open) show(key, { focusTab: true });
  });
  root.querySelector('[role=tablist]').addEventListener('keydown', (e) => {
    const moves = { ArrowRight: 1, ArrowLeft: -1 };
    if (e.key in moves) show(step(moves[e.key]), { focusTab: true });
    else if (e.key === 'Home') show(TABS[0].key, { focusTab: true });
    else if (e.key === 'End') show(TABS[TABS.length - 1].key, { focusTab: true });
    else return;
    e.preventDefault();
  });
  const onKey = (e) => {
    if (!e.ctrlKey || !root.isConnected || document.querySelector('dialog[open]')) return;
    if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      show(step(e.key === 'PageDown' ? 1 : -1), { focusTab: true });
    }
  };
  document.addEventListener('keydown', onKey);
  show(params.get('tab'));
  return {
    unmount() {
      current?.unmount?.();
      document.removeEventListener('keydown', onKey);
    },
  };
}
