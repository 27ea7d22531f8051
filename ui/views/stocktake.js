// 盘点: start a stocktake over all shelves or chosen locations, scan copies
// shelf by shelf (the scan field keeps focus), see what each scan found,
// return a loaned copy found on the shelf in one click, read the report,
// export it, finish (optionally marking missing copies 遗失). An open
// stocktake lives in the database: leave, restart, come back, go on.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { officeDate, statusLabel } from '../lib/vocabulary.js';
import { bindScanInput } from '../components/scan-input.js';
import { confirmDialog } from '../components/confirm.js';
import { toast } from '../components/toast.js';

const FINDINGS = {
  expected: { label: '已盘到', tone: 'ok' },
  already_seen: { label: '重复', tone: 'muted' },
  misplaced: { label: '错架', tone: 'warn' },
  unexpected: { label: '意外', tone: 'warn' },
  on_loan: { label: '借出在架', tone: 'warn' },
  unknown: { label: '未知条码', tone: 'error' },
};

const LISTS = [
  ['missing', '未找到', '应在架上却没有扫到的册。结束盘点时可以标为遗失。'],
  ['misplaced', '错架', '扫到了，但不在登记的书架上：请放回原位。'],
  ['unexpected', '意外出现', '不在本次盘点范围（别的书架），或记录为遗失/剔除却在架上。'],
  ['on_loan_on_shelf', '借出但在架', '记录显示借出，却在架上：可能还书时漏扫。'],
];

export function mountStocktake(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'stocktake';
  host.replaceChildren(root);
  const v = { root, state: { list: [], open: null, locations: [], scans: [], report: null, shelf: '' }, $: (sel) => root.querySelector(sel), scan: null };

  root.addEventListener('submit', (e) => {
    if (e.target.id !== 'stocktake-start') return;
    e.preventDefault();
    start(v);
  });
  root.addEventListener('change', (e) => {
    if (e.target.closest('#st-locations')) root.querySelector('input[name=scope][value=some]').checked = true;
  });
  root.addEventListener('click', (e) => {
    const ret = e.target.closest('[data-return]');
    const report = e.target.closest('[data-report]');
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (ret) returnFound(v, Number(ret.dataset.return));
    else if (report) showReport(v, Number(report.dataset.report));
    else if (act === 'report') showReport(v, v.state.open.id);
    else if (act === 'finish') finish(v);
    else if (act === 'export') exportReport(Number(e.target.closest('[data-id]').dataset.id));
    else if (act === 'cancel') cancel(v);
  });
  load(v);
  return {};
}

async function load(v) {
  const { state } = v;
  try {
    [state.list, state.locations] = await Promise.all([api.stocktakes(), api.shelfLocations()]);
    state.open = state.list.find((s) => s.status === 'open') ?? null;
    if (state.open) drawOpen(v);
    else drawStart(v);
  } catch (e) {
    toast(e.message, 'error');
  }
}

/** No stocktake open: the form to start one, and the past ones. */
function drawStart({ root, state, $ }) {
  render(
    root,
    html`<header class="view-head"><h1>盘点</h1></header>
      <div class="two-cols">
        <form id="stocktake-start" class="panel" novalidate>
          <h2>开始新的盘点</h2>
          <div class="field"><label for="st-name">名称</label><input id="st-name" type="text" autocomplete="off" maxlength="60" placeholder="如：2026年年终盘点（可不填）"></div>
          <div class="field" role="group" aria-labelledby="st-scope">
            <span class="label" id="st-scope">范围</span>
            <div class="scope-choices">
              <label class="check"><input type="radio" name="scope" value="all" checked> 全部书架</label>
              <label class="check"><input type="radio" name="scope" value="some"> 选定书架：</label>
              <div class="location-picks" id="st-locations">${state.locations.map(
                ([loc, n]) => html`<label class="check"><input type="checkbox" value="${loc}"> ${loc} <span class="hint">${n} 册</span></label>`,
              )}${state.locations.length ? '' : html`<p class="hint">馆藏还没有登记书架位置。</p>`}</div>
            </div>
          </div>
          <p class="hint">开始时会记下范围内应在的每一册；之后新入藏的书不计入。盘点可以随时离开，下次打开继续。</p>
          <div class="dialog-actions"><button type="submit" class="primary">开始盘点</button></div>
        </form>
        <section class="panel">
          <h2>以往盘点</h2>
          ${state.list.length ? pastStocktakes(state.list) : html`<p class="hint">还没有盘点过。</p>`}
        </section>
      </div>
      <section id="stocktake-report"></section>`,
  );
  $('#st-name').focus();
}

function pastStocktakes(list) {
  return html`<table class="grid compact"><thead><tr><th>名称</th><th>开始</th><th>结果</th><th class="num">应盘/扫到</th><th></th></tr></thead>
    <tbody>${list.map(
      (s) => html`<tr><td>${s.name}</td><td class="nowrap">${officeDate(s.started_at)}</td>
        <td>${s.status === 'finished' ? `${officeDate(s.finished_at)} 结束` : s.status === 'cancelled' ? '已放弃' : '进行中'}${s.marked_lost ? `，${s.marked_lost} 册标为遗失` : ''}</td>
        <td class="num">${s.expected} / ${s.seen}</td>
        <td class="row-actions"><button type="button" class="link" data-report="${s.id}">报告</button></td></tr>`,
    )}</tbody></table>`;
}

const percent = (s) => (s.expected ? Math.min(100, Math.round((s.seen / s.expected) * 100)) : 0);

/** A stocktake open: the shelf and scan fields, progress, and what each scan found. */
function drawOpen(v) {
  const { root, state, $ } = v;
  const s = state.open;
  const scope = s.locations ?? [];
  if (!state.shelf) state.shelf = scope[0] ?? '';
  render(
    root,
    html`<header class="view-head">
        <h1>盘点：${s.name}</h1>
        <div class="actions">
          <button type="button" data-act="report">查看报告</button>
          <button type="button" class="primary" data-act="finish">结束盘点…</button>
          <button type="button" data-act="cancel">放弃</button>
        </div>
      </header>
      <p class="hint">范围：${scope.length ? scope.join('、') : '全部书架'} · 开始于 ${officeDate(s.started_at)}</p>
      <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="${s.expected}" aria-valuenow="${s.seen}" aria-label="盘点进度">
        <div class="bar"></div><span id="stocktake-progress"></span>
      </div>
      <div class="scan-row">
        <label for="stocktake-shelf" class="scan-label">书架</label>
        <input id="stocktake-shelf" type="text" class="narrow-input" list="stocktake-shelves" autocomplete="off" value="${state.shelf}" placeholder="正在盘的书架">
        <datalist id="stocktake-shelves">${(scope.length ? scope : state.locations.map(([l]) => l)).map((l) => html`<option value="${l}"></option>`)}</datalist>
        <label for="stocktake-scan" class="scan-label">扫描</label>
        <input id="stocktake-scan" class="scan-input" type="text" placeholder="逐册扫描这一书架上的图书条码">
      </div>
      <div id="stocktake-last" class="desk-message" role="status" aria-live="polite"></div>
      <div class="list-body"><table class="grid compact" aria-label="本次扫描">
        <thead><tr><th>结果</th><th>条码</th><th>书名</th><th>登记位置</th><th>说明</th></tr></thead>
        <tbody id="stocktake-scans"></tbody>
      </table></div>
      <section id="stocktake-report"></section>`,
  );
  drawProgress(v);
  drawScans(v);
  v.scan = bindScanInput($('#stocktake-scan'), (code) => onScan(v, code));
  $('#stocktake-shelf').addEventListener('change', (e) => {
    state.shelf = e.target.value.trim();
    v.scan.focus();
  });
  v.scan.focus();
}

function drawProgress({ root, state, $ }) {
  const s = state.open;
  const pct = percent(s);
  $('#stocktake-progress').textContent = `已扫描 ${s.seen} / 应盘 ${s.expected} 册（${pct}%）`;
  root.querySelector('.progress .bar').style.width = `${pct}%`;
}

function drawScans({ state, $ }) {
  const body = $('#stocktake-scans');
  if (!body) return;
  render(
    body,
    html`${state.scans.map((r) => {
      const f = FINDINGS[r.finding];
      return html`<tr class="finding-${r.finding}" data-copy="${r.copy_id ?? ''}">
        <td><span class="tag tone-${f.tone}">${f.label}</span></td>
        <td class="mono">${r.barcode}</td>
        <td>${r.title ? `《${r.title}》` : ''}</td>
        <td>${r.location ?? ''}</td>
        <td>${r.message}${r.finding === 'on_loan' && !r.returned ? html` <button type="button" class="link" data-return="${r.copy_id}">一键还书</button>` : ''}</td>
      </tr>`;
    })}${state.scans.length ? '' : html`<tr><td colspan="5" class="hint">选好书架后逐册扫描。扫到的每一册会列在这里，最新的在最上面。</td></tr>`}`,
  );
}

async function onScan(v, code) {
  const { state, $ } = v;
  try {
    const r = await api.stocktakeScan(state.open.id, state.shelf || null, code);
    state.scans.unshift(r);
    state.scans.length = Math.min(state.scans.length, 200);
    state.open = r.progress;
    const f = FINDINGS[r.finding];
    render($('#stocktake-last'), html`<span class="tone-${f.tone}">${f.label}：${r.barcode}${r.title ? ` 《${r.title}》` : ''} — ${r.message}</span>`);
    drawProgress(v);
    drawScans(v);
  } catch (e) {
    render($('#stocktake-last'), html`<span class="tone-error">${e.message}</span>`);
  } finally {
    v.scan?.focus();
  }
}

/** A loaned copy found on the shelf, returned in one click. */
async function returnFound(v, copyId) {
  try {
    const r = await api.returnCopy(copyId);
    const row = v.state.scans.find((s) => s.copy_id === copyId);
    if (row) row.returned = true;
    toast(`已还书：${r.loan.person_name} 的《${r.loan.title}》${r.hold ? `，请为 ${r.hold.person_name} 留书` : ''}`);
    drawScans(v);
  } catch (err) {
    toast(err.message, 'error');
  }
  v.scan?.focus();
}

async function showReport(v, id) {
  try {
    const r = await api.stocktakeReport(id);
    v.state.report = r;
    render(v.$('#stocktake-report'), reportPanel(r));
    v.$('#stocktake-report').scrollIntoView({ block: 'start' });
  } catch (e) {
    toast(e.message, 'error');
  }
}

function reportPanel(r) {
  const st = r.stocktake;
  return html`<div class="panel report">
    <div class="view-head"><h2>盘点报告：${st.name}</h2>
      <div class="actions"><button type="button" data-act="export" data-id="${st.id}">导出 Excel</button></div></div>
    <p class="counts">应盘 <b>${st.expected}</b> · 扫到 <b>${st.seen}</b> · 未找到 <b class="${r.missing.length ? 'bad' : ''}">${r.missing.length}</b>
      · 错架 <b>${r.misplaced.length}</b> · 意外出现 <b>${r.unexpected.length}</b> · 借出但在架 <b>${r.on_loan_on_shelf.length}</b>
      · 借出未还 ${r.out_on_loan} · 未知条码 <b>${r.unknown.length}</b></p>
    ${LISTS.map(([key, label, help]) =>
      r[key].length
        ? html`<h3 id="report-${key}">${label}（${r[key].length}）</h3><p class="hint">${help}</p>
          <table class="grid compact" data-list="${key}"><thead><tr><th>条码</th><th>书名</th><th>索书号</th><th>登记位置</th><th>扫描位置</th><th>现状态</th></tr></thead>
          <tbody>${r[key].map(
            (i) => html`<tr><td class="mono">${i.barcode}</td><td>《${i.title}》</td><td class="mono">${i.call_number ?? ''}</td><td>${i.expected_location ?? ''}</td><td>${i.seen_location ?? ''}</td><td>${statusLabel('copy', i.status_now)}</td></tr>`,
          )}</tbody></table>`
        : '',
    )}
    ${r.unknown.length ? html`<h3>未知条码（${r.unknown.length}）</h3><p>${r.unknown.map((u) => `${u.barcode}${u.location ? `（${u.location}）` : ''}`).join('、')}</p>` : ''}
  </div>`;
}

async function exportReport(id) {
  try {
    toast(`盘点报告已导出到 ${await api.exportStocktake(id)}`);
  } catch (err) {
    toast(err.message, 'error');
  }
}

async function start(v) {
  const { root, state, $ } = v;
  const some = root.querySelector('input[name=scope][value=some]').checked;
  const locations = some ? [...root.querySelectorAll('#st-locations input:checked')].map((c) => c.value) : [];
  if (some && !locations.length) {
    toast('请勾选要盘点的书架，或选“全部书架”。', 'error');
    return;
  }
  try {
    state.open = await api.startStocktake($('#st-name').value, locations);
    state.scans = [];
    state.shelf = '';
    toast(`已开始“${state.open.name}”，应盘 ${state.open.expected} 册。`);
    await load(v);
  } catch (err) {
    toast(err.message, 'error');
  }
}

async function finish(v) {
  const { state } = v;
  try {
    const r = await api.stocktakeReport(state.open.id);
    const missing = r.missing.length;
    const answer = await confirmDialog({
      title: '结束盘点',
      message: `应盘 ${r.stocktake.expected} 册，扫到 ${r.stocktake.seen} 册，未找到 ${missing} 册，错架 ${r.misplaced.length} 册。结束后不能再扫描。`,
      checkbox: missing ? { label: `把未找到的 ${missing} 册标为“遗失”`, checked: false } : null,
      confirmLabel: '结束盘点',
    });
    if (!answer) return v.scan?.focus();
    const done = await api.finishStocktake(state.open.id, answer.checked);
    toast(`“${done.stocktake.name}”已结束${done.stocktake.marked_lost ? `，${done.stocktake.marked_lost} 册标为遗失` : ''}。`);
    state.scans = [];
    await load(v);
    showReport(v, done.stocktake.id);
  } catch (e) {
    toast(e.message, 'error');
  }
}

async function cancel(v) {
  const { state } = v;
  const ok = await confirmDialog({ title: '放弃盘点', message: `放弃“${state.open.name}”？扫描记录不会改变任何图书的状态。`, confirmLabel: '放弃盘点', danger: true });
  if (!ok) return v.scan?.focus();
  try {
    await api.cancelStocktake(state.open.id);
    state.scans = [];
    await load(v);
  } catch (err) {
    toast(err.message, 'error');
  }
}
