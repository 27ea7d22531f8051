// 操作日志: every change — who, when, what, to which record — filtered by
// person, area, day and words, paged, and exported.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { pageMoves, pageSummary } from '../lib/people.js';
import { areas, officeDateTime } from '../lib/vocabulary.js';
import { toast } from '../components/toast.js';

export function mountAudit(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'audit';
  host.replaceChildren(root);
  const state = { actor: '', area: '', from: '', to: '', text: '', offset: 0, page: null };

  render(
    root,
    html`<header class="view-head"><h1>操作日志</h1><div class="actions"><button type="button" data-act="export">导出 Excel</button></div></header>
      <form class="toolbar" id="audit-filter" novalidate>
        <select id="audit-actor" aria-label="操作人"><option value="">全部操作人</option></select>
        <select id="audit-area" aria-label="范围"><option value="">全部范围</option>${areas().map((a) => html`<option value="${a.code}" title="${a.entities.map((e) => e.label).join('、')}">${a.label}</option>`)}</select>
        <label>从 <input id="audit-from" type="date"></label><label>到 <input id="audit-to" type="date"></label>
        <input id="audit-text" type="search" placeholder="内容包含…" autocomplete="off" aria-label="内容包含">
      </form>
      <div id="audit-body" class="list-body"></div>
      <footer class="pager"><span id="audit-summary"></span><button type="button" data-act="prev">上一页</button><button type="button" data-act="next">下一页</button></footer>`,
  );
  const $ = (sel) => root.querySelector(sel);

  function query() {
    return {
      actor: state.actor || null,
      area: state.area || null,
      from: state.from || null,
      to: state.to || null,
      text: state.text || null,
      offset: state.offset,
      limit: 100,
    };
  }

  async function load() {
    try {
      state.page = await api.auditLog(query());
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw() {
    const page = state.page;
    $('#audit-summary').textContent = pageSummary(page);
    const moves = pageMoves(page);
    $('[data-act=prev]').disabled = moves.previous === null;
    $('[data-act=next]').disabled = moves.next === null;
    render(
      $('#audit-body'),
      page.items.length
        ? html`<table class="grid compact" id="audit-table"><thead><tr><th>时间</th><th>操作人</th><th>对象</th><th>内容</th></tr></thead>
            <tbody>${page.items.map((e) => html`<tr><td class="nowrap mono">${officeDateTime(e.at)}</td><td class="nowrap">${e.actor_name}${e.client ? html` <span class="hint" title="来自这台电脑">（${e.client}）</span>` : ''}</td><td class="nowrap">${e.entity_label}${e.entity_id ? ` #${e.entity_id}` : ''}</td><td>${e.summary}</td></tr>`)}</tbody></table>`
        : html`<div class="empty"><p>没有符合条件的记录。</p></div>`,
    );
  }

  root.addEventListener('input', (e) => {
    if (e.target.id === 'audit-text') {
      state.text = e.target.value;
      state.offset = 0;
      load();
    }
  });
  root.addEventListener('change', (e) => {
    const map = { 'audit-actor': 'actor', 'audit-area': 'area', 'audit-from': 'from', 'audit-to': 'to' };
    if (!map[e.target.id]) return;
    state[map[e.target.id]] = e.target.value;
    state.offset = 0;
    load();
  });
  root.addEventListener('submit', (e) => e.preventDefault());
  root.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    const moves = state.page ? pageMoves(state.page) : {};
    if (act === 'prev' && moves.previous !== null) {
      state.offset = moves.previous;
      load();
    } else if (act === 'next' && moves.next !== null) {
      state.offset = moves.next;
      load();
    } else if (act === 'export') {
      try {
        toast(`已导出到 ${await api.exportAudit({ ...query(), offset: 0 })}`);
      } catch (err) {
        toast(err.message, 'error');
      }
    }
  });
  api.auditActors().then((actors) => {
    render($('#audit-actor'), html`<option value="">全部操作人</option>${actors.map((a) => html`<option value="${a}">${a}</option>`)}`);
  }, () => {});
  load();
  return {};
}
