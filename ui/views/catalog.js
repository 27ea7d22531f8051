// 书目: the catalogue — search as you type by Chinese, pinyin, initials, ISBN,
// call number or barcode; filter by class, copy status and location; sort;
// page; open a title; add, import (and undo an import from 导入记录) and export.

import * as api from '../api.js';
import { html } from '../lib/html.js';
import { SORTS, availability } from '../lib/catalog.js';
import { statuses } from '../lib/vocabulary.js';
import { openBarcodeSettings } from '../components/barcode-settings.js';
import { openImportDialog } from '../components/import-dialog.js';
import { openImportRuns } from '../components/import-runs.js';
import { openTitleDetail } from '../components/title-detail.js';
import { openTitleForm } from '../components/title-form.js';
import { mountPagedList, noneFound } from '../components/paged-list.js';
import { toast } from '../components/toast.js';
import { demoSummary } from '../lib/demo.js';

const BOOK_IMPORT = {
  title: '导入书目',
  help: '支持 Excel（.xlsx、.xls）、CSV（UTF-8 或 GBK）和 MARC（ISO 2709 的 MARC21/CNMARC，或 MARC XML）。表格第一行为列名，如书名、作者、出版社、出版年、ISBN、分类号、索书号、价格、册数、条码、馆藏位置，顺序不限。',
  accept: '.xlsx,.xls,.et,.csv,.txt,.mrc,.iso,.marc,.dat,.xml,.mrk,.json',
  run: api.importBooks,
  runPath: api.importBooksPath,
  // A row of a title already held adds its copies; the record stays as it is.
  updatedLabel: '并入已有书目',
};

export function mountCatalog(host) {
  const list = mountPagedList(host, {
    name: 'catalog',
    title: '书目',
    label: '书目列表',
    actions: html`
      <button type="button" class="primary" data-act="new" title="Ctrl+N">新增书目</button>
      <button type="button" data-act="import">导入</button>
      <button type="button" data-act="runs" title="查看和撤销以前的导入">导入记录</button>
      <button type="button" data-act="export">导出 Excel</button>
      <button type="button" data-act="barcodes" title="新册条码的前缀和编号">条码规则</button>`,
    search: { placeholder: '书名、作者、拼音、首字母、ISBN、索书号或条码（按 / 键）', label: '检索书目' },
    filters: html`
      <input id="catalog-clc" data-filter="clc" type="text" class="narrow-input" autocomplete="off" placeholder="分类号，如 D6" aria-label="按分类号筛选">
      <select id="catalog-status" data-filter="status" aria-label="按状态筛选">
        <option value="">全部状态</option>
        ${statuses('copy').map((s) => html`<option value="${s.code}">有${s.label}的册</option>`)}
      </select>
      <input id="catalog-location" data-filter="location" type="text" class="narrow-input" autocomplete="off" placeholder="馆藏位置" aria-label="按馆藏位置筛选">
      <select id="catalog-sort" data-filter="sort" aria-label="排序">
        ${SORTS.map((s) => html`<option value="${s.code}">${s.label}</option>`)}
      </select>`,
    initial: { clc: '', status: '', location: '', sort: 'call_number' },
    fetch: api.listTitles,
    query: (state) => ({
      text: state.text || null,
      clc: state.clc || null,
      status: state.status || null,
      location: state.location || null,
      sort: state.sort,
    }),
    head: html`<tr><th>索书号</th><th>书名</th><th>作者</th><th>出版社</th><th class="narrow">出版年</th><th>ISBN</th><th>馆藏</th></tr>`,
    row: (t) => html`<tr tabindex="0" data-id="${t.id}">
      <td class="mono">${t.call_number ?? ''}</td>
      <td class="name">${t.title}${t.subtitle ? html`<span class="sub">：${t.subtitle}</span>` : ''}</td>
      <td>${t.authors ?? ''}</td>
      <td>${t.publisher ?? ''}</td>
      <td>${t.year ?? ''}</td>
      <td class="mono">${t.isbn ?? ''}</td>
      <td class="${t.available ? '' : 'muted'}">${availability(t)}</td>
    </tr>`,
    empty: {
      first: () => html`
        <h2>馆藏还是空的</h2>
        <p>可以从 Excel 表格或 MARC 文件批量导入，也可以扫描 ISBN 逐本录入；想先看看效果，就装入一套演示数据（书目、人员都有）。</p>
        <div class="actions">
          <button type="button" class="primary" data-act="import">导入书目</button>
          <button type="button" data-act="new">新增书目</button>
          <button type="button" data-act="demo">装入演示数据</button>
        </div>`,
      none: (state) => noneFound(state, '书目', '可以用拼音首字母检索，例如 wlswn 查《万历十五年》；也可以扫描 ISBN 或条码。'),
    },
    open: (t) => open(t.id),
    onNew: () => add(),
    onAction: (act) => {
      if (act === 'import') openImportDialog(BOOK_IMPORT, () => list.load());
      else if (act === 'runs') openImportRuns({ onUndone: () => list.load() });
      else if (act === 'export') exportAll();
      else if (act === 'barcodes') openBarcodeSettings();
      else if (act === 'demo') demo();
    },
  });

  const open = (id) => openTitleDetail(id, { onChanged: list.load });
  const add = () =>
    openTitleForm(null, {
      onSaved: (t) => {
        toast(`已新增：《${t.title}》，${t.copies} 册`);
        list.load();
        open(t.id);
      },
      onOpenExisting: open,
    });

  async function demo() {
    try {
      toast(demoSummary(await api.loadDemo()));
      await list.load();
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

  return { unmount: list.unmount };
}
