// 书目: the catalogue — search as you type by Chinese, pinyin, initials, ISBN,
// call number or barcode; filter by class, copy status and location; sort;
// page; open a title; add, import and export.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { SORTS, availability, copyStatuses } from '../lib/catalog.js';
import { pageMoves, pageSummary } from '../lib/people.js';
import { latestOnly } from '../lib/timing.js';
import { openBarcodeSettings } from '../components/barcode-settings.js';
import { openImportDialog } from '../components/import-dialog.js';
import { openTitleDetail } from '../components/title-detail.js';
import { openTitleForm } from '../components/title-form.js';
import { bindListKeys } from '../components/list-keys.js';
import { toast } from '../components/toast.js';
import { demoSummary } from '../lib/demo.js';

const PAGE = 50;

const BOOK_IMPORT = {
  title: '导入书目',
  help: '支持 Excel（.xlsx、.xls）、CSV（UTF-8 或 GBK）和 MARC（ISO 2709 的 MARC21/CNMARC，或 MARC XML）。表格第一行为列名，如书名、作者、出版社、出版年、ISBN、分类号、索书号、价格、册数、条码、馆藏位置，顺序不限。',
  accept: '.xlsx,.xls,.csv,.txt,.mrc,.iso,.marc,.dat,.xml',
  run: api.importBooks,
  runPath: api.importBooksPath,
};

export function mountCatalog(host) {
  // The view owns a fresh element: its listeners go away with it.
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'catalog';
  host.replaceChildren(root);
  const state = { text: '', clc: '', status: '', location: '', sort: 'call_number', offset: 0, page: null };

  render(
    root,
    html`
      <header class="view-head">
        <h1>书目</h1>
        <div class="actions">
          <button type="button" class="primary" data-act="new" title="Ctrl+N">新增书目</button>
          <button type="button" data-act="import">导入</button>
          <button type="button" data-act="export">导出 Excel</button>
          <button type="button" data-act="barcodes" title="新册条码的前缀和编号">条码规则</button>
        </div>
      </header>
      <div class="toolbar" role="search">
        <input id="catalog-search" type="search" autocomplete="off" spellcheck="false"
          placeholder="书名、作者、拼音、首字母、ISBN、索书号或条码（按 / 键）" aria-label="检索书目">
        <input id="catalog-clc" type="text" class="narrow-input" autocomplete="off" placeholder="分类号，如 D6" aria-label="按分类号筛选">
        <select id="catalog-status" aria-label="按状态筛选">
          <option value="">全部状态</option>
          ${copyStatuses().map((s) => html`<option value="${s.code}">有${s.label}的册</option>`)}
        </select>
        <input id="catalog-location" type="text" class="narrow-input" autocomplete="off" placeholder="馆藏位置" aria-label="按馆藏位置筛选">
        <select id="catalog-sort" aria-label="排序">
          ${SORTS.map((s) => html`<option value="${s.code}">${s.label}</option>`)}
        </select>
      </div>
      <div id="catalog-body" class="list-body"></div>
      <footer class="pager">
        <span id="catalog-summary"></span>
        <button type="button" data-act="prev">上一页</button>
        <button type="button" data-act="next">下一页</button>
      </footer>
    `,
  );

  const $ = (sel) => root.querySelector(sel);
  const search = $('#catalog-search');
  const body = $('#catalog-body');
  const fetchLatest = latestOnly(api.listTitles);

  async function load() {
    const query = {
      text: state.text || null,
      clc: state.clc || null,
      status: state.status || null,
      location: state.location || null,
      sort: state.sort,
      offset: state.offset,
      limit: PAGE,
    };
    try {
      const { current, result } = await fetchLatest(query);
      if (!current) return;
      state.page = result;
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }
  // Searches as each key is typed: the store answers in milliseconds and
  // latestOnly keeps a burst of keys to one search in flight.
  const loadSoon = () => {
    state.offset = 0;
    load();
  };

  const filtered = () => state.text || state.clc || state.status || state.location;

  function draw() {
    const page = state.page;
    $('#catalog-summary').textContent = pageSummary(page);
    const moves = pageMoves(page);
    $('[data-act=prev]').disabled = moves.previous === null;
    $('[data-act=next]').disabled = moves.next === null;
    if (page.total === 0 && !filtered()) {
      render(
        body,
        html`<div class="empty">
          <h2>馆藏还是空的</h2>
          <p>可以从 Excel 表格或 MARC 文件批量导入，也可以扫描 ISBN 逐本录入；想先看看效果，就装入一套演示数据（书目、人员都有）。</p>
          <div class="actions">
            <button type="button" class="primary" data-act="import">导入书目</button>
            <button type="button" data-act="new">新增书目</button>
            <button type="button" data-act="demo">装入演示数据</button>
          </div>
        </div>`,
      );
      return;
    }
    if (page.total === 0) {
      render(
        body,
        html`<div class="empty"><p>没有找到${state.text ? html`“${state.text}”` : '符合条件的书目'}。</p>
          <p class="hint">可以用拼音首字母检索，例如 wlswn 查《万历十五年》；也可以扫描 ISBN 或条码。</p></div>`,
      );
      return;
    }
    render(
      body,
      html`<table class="grid" aria-label="书目列表">
        <thead><tr><th>索书号</th><th>书名</th><th>作者</th><th>出版社</th><th class="narrow">出版年</th><th>ISBN</th><th>馆藏</th></tr></thead>
        <tbody>
          ${page.items.map(
            (t) => html`<tr tabindex="0" data-id="${t.id}">
              <td class="mono">${t.call_number ?? ''}</td>
              <td class="name">${t.title}${t.subtitle ? html`<span class="sub">：${t.subtitle}</span>` : ''}</td>
              <td>${t.authors ?? ''}</td>
              <td>${t.publisher ?? ''}</td>
              <td>${t.year ?? ''}</td>
              <td class="mono">${t.isbn ?? ''}</td>
              <td class="${t.available ? '' : 'muted'}">${availability(t)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`,
    );
  }

  const idOf = (el) => Number(el.closest('tr[data-id]')?.dataset.id);
  const open = (id) => openTitleDetail(id, { onChanged: load });
  const add = () =>
    openTitleForm(null, {
      onSaved: (t) => {
        toast(`已新增：《${t.title}》，${t.copies} 册`);
        load();
        open(t.id);
      },
      onOpenExisting: open,
    });

  async function demo() {
    try {
      const r = await api.loadDemo();
      toast(demoSummary(r));
      await load();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  async function exportAll() {
    try {
      const r = await api.exportBooks('xlsx');
      toast(`已导出 ${r.titles} 种 ${r.copies} 册到 ${r.path}`);
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  root.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'new') add();
    else if (act === 'import') openImportDialog(BOOK_IMPORT, () => load());
    else if (act === 'export') exportAll();
    else if (act === 'barcodes') openBarcodeSettings();
    else if (act === 'demo') demo();
    else if (act === 'prev' || act === 'next') {
      const moves = pageMoves(state.page);
      state.offset = act === 'prev' ? moves.previous : moves.next;
      load();
    } else if (!act && e.target.closest('tr[data-id]')) open(idOf(e.target));
  });
  search.addEventListener('input', () => {
    state.text = search.value.trim();
    loadSoon();
  });
  for (const [sel, key] of [['#catalog-clc', 'clc'], ['#catalog-location', 'location']]) {
    $(sel).addEventListener('input', (e) => {
      state[key] = e.target.value.trim();
      loadSoon();
    });
  }
  for (const [sel, key] of [['#catalog-status', 'status'], ['#catalog-sort', 'sort']]) {
    $(sel).addEventListener('change', (e) => {
      state[key] = e.target.value;
      loadSoon();
    });
  }

  const unbindKeys = bindListKeys({
    search,
    body,
    open: (row) => open(idOf(row)),
    onNew: () => add(),
    onClear: () => {
      state.text = '';
      loadSoon();
    },
  });
  search.focus();
  load();
  return { unmount: unbindKeys };
}
