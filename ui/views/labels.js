// 标签: barcode labels and spine labels for chosen copies (by title or by a
// barcode range), and borrower cards (借书证), laid out on A4 label sheets
// with the office printer's saved calibration, previewed here and printed
// through the system dialog (which also prints to PDF).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { KINDS, PRESETS, calibrationTransform, editionText, layout, preset, shortTitle } from '../lib/labels.js';
import { debounce, latestOnly } from '../lib/timing.js';
import { groups, personKinds } from '../lib/vocabulary.js';
import { barcodeSvg } from '../components/barcode-svg.js';
import { printPages } from '../components/print.js';
import { toast } from '../components/toast.js';

export function mountLabels(host, params = new URLSearchParams()) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'labels';
  host.replaceChildren(root);
  const state = {
    kind: params.get('kind') ?? 'barcode',
    titles: [], // [{id, title, copies}]
    copyIds: (params.get('copies') ?? '').split(',').filter(Boolean).map(Number),
    from: '',
    to: '',
    cardQuery: { kind: '', department: '', group: '' },
    items: [],
    setup: null,
    skip: 0,
  };
  render(root, labelsLayout());
  const v = { root, state, $: (sel) => root.querySelector(sel) };
  const fetchItems = latestOnly(() => itemsWanted(state));
  v.refresh = async () => {
    try {
      const answer = await fetchItems();
      if (!answer.current) return;
      state.items = answer.result;
      drawPreview(v);
    } catch (e) {
      state.items = [];
      drawPreview(v);
      toast(e.message, 'error');
    }
  };
  v.refreshSoon = debounce(v.refresh, 250);
  v.searchTitles = titleSearch(v);

  root.addEventListener('click', (e) => onClick(v, e));
  root.addEventListener('keydown', (e) => {
    const choose = e.target.closest('[data-choose]');
    if (choose && e.key === 'Enter') {
      e.preventDefault();
      choose.click();
    }
  });
  root.addEventListener('input', (e) => onInput(v, e));
  root.addEventListener('change', (e) => {
    const id = e.target.id;
    if (id === 'labels-pkind') state.cardQuery.kind = e.target.value;
    else if (id === 'labels-group') state.cardQuery.group = e.target.value;
    else if (id === 'labels-preset') return drawPreview(v);
    else return;
    v.refresh();
  });
  root.addEventListener('submit', (e) => e.preventDefault());
  const onKey = (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p' && !document.querySelector('dialog[open]')) {
      e.preventDefault();
      print(v);
    }
  };
  document.addEventListener('keydown', onKey);
  start(v, params);
  return { unmount: () => document.removeEventListener('keydown', onKey) };
}

function labelsLayout() {
  return html`
    <header class="view-head">
      <h1>标签与借书证</h1>
      <div class="actions">
        <button type="button" class="primary" data-act="print" title="Ctrl+P">打印…</button>
      </div>
    </header>
    <div class="labels-layout">
      <form id="labels-form" class="panel labels-form" novalidate>
        <div class="tabs" role="tablist">${KINDS.map(
          (k) => html`<button type="button" role="tab" data-kind="${k.id}">${k.name}</button>`,
        )}</div>
        <div id="labels-select"></div>
        <h3>标签纸</h3>
        <div class="field"><label for="labels-preset">规格</label>
          <select id="labels-preset">${PRESETS.map((p) => html`<option value="${p.id}">${p.name}</option>`)}</select></div>
        <div class="field"><label for="labels-skip">从第几张</label>
          <input id="labels-skip" type="number" min="1" value="1" class="tiny-input"><span class="hint">用过一部分的标签纸，从空白处开始</span></div>
        <h3>打印机校准 <span class="hint">（试打一张后调整并保存）</span></h3>
        <div class="field"><label for="labels-dx">右移</label><span><input id="labels-dx" type="number" step="0.5" class="tiny-input"> 毫米</span></div>
        <div class="field"><label for="labels-dy">下移</label><span><input id="labels-dy" type="number" step="0.5" class="tiny-input"> 毫米</span></div>
        <div class="field"><label for="labels-scale">缩放</label><span><input id="labels-scale" type="number" step="1" min="50" max="150" class="tiny-input"> %</span></div>
        <div class="dialog-actions"><button type="button" data-act="save-setup">保存校准</button></div>
      </form>
      <section class="panel labels-preview-wrap">
        <h3 id="labels-count">预览</h3>
        <div id="labels-preview" class="labels-preview"></div>
      </section>
    </div>`;
}

/** The labels or cards the current choice asks for ([] when nothing is chosen). */
function itemsWanted(state) {
  if (state.kind === 'card') {
    const q = state.cardQuery;
    return api.cardLabels({ kind: q.kind || null, department: q.department.trim() || null, professional_group: q.group || null });
  }
  const selection = {
    copy_ids: state.copyIds,
    title_ids: state.titles.map((t) => t.id),
    barcode_from: state.from.trim() || null,
    barcode_to: state.to.trim() || null,
  };
  if (!selection.copy_ids.length && !selection.title_ids.length && !(selection.barcode_from && selection.barcode_to)) return [];
  return api.copyLabels(selection);
}

function drawTabs({ root, state }) {
  for (const b of root.querySelectorAll('[data-kind]')) b.setAttribute('aria-selected', String(b.dataset.kind === state.kind));
}

/** What to print: people for cards; titles or a barcode range for labels. */
function drawSelect(v) {
  const { state, $ } = v;
  const box = $('#labels-select');
  if (state.kind === 'card') {
    render(
      box,
      html`<h3>为谁制证</h3>
        <div class="field"><label for="labels-pkind">类别</label><select id="labels-pkind"><option value="">全部</option>${personKinds().map((k) => html`<option value="${k.code}">${k.label}</option>`)}</select></div>
        <div class="field"><label for="labels-dept">部门</label><input id="labels-dept" type="text" autocomplete="off" placeholder="如：办公厅（可不填）"></div>
        <div class="field"><label for="labels-group">专业小组</label><select id="labels-group"><option value="">全部</option>${groups().map((g) => html`<option value="${g}">${g}</option>`)}</select></div>
        <p class="hint">只为有借书证号的在册人员制证。</p>`,
    );
    $('#labels-pkind').value = state.cardQuery.kind;
    $('#labels-dept').value = state.cardQuery.department;
    $('#labels-group').value = state.cardQuery.group;
    return;
  }
  render(
    box,
    html`<h3>选择图书</h3>
      <div class="field"><label for="labels-title-search">按书目</label>
        <input id="labels-title-search" type="search" autocomplete="off" placeholder="书名、拼音首字母或 ISBN"></div>
      <ul id="labels-title-hits" class="pick-list"></ul>
      <div id="labels-chosen" class="chosen"></div>
      <div class="field"><label for="labels-from">条码范围</label>
        <span class="range"><input id="labels-from" type="text" autocomplete="off" class="narrow-input" placeholder="SX000001" value="${state.from}"> 至
        <input id="labels-to" type="text" autocomplete="off" class="narrow-input" placeholder="SX000100" value="${state.to}"></span></div>`,
  );
  drawChosen(v);
}

function drawChosen({ state, $ }) {
  const box = $('#labels-chosen');
  if (!box) return;
  render(
    box,
    html`${state.titles.map(
      (t) => html`<span class="chip" title="${t.edition ?? ''}">《${shortTitle(t.title, 14)}》${t.edition ? html`<span class="hint">${t.edition}</span> ` : ''}${t.copies} 册 <button type="button" class="link" data-unchoose="${t.id}" aria-label="移除《${t.title}》">×</button></span>`,
    )}${state.copyIds.length ? html`<span class="chip">指定的 ${state.copyIds.length} 册 <button type="button" class="link" data-unchoose="copies" aria-label="移除指定的册">×</button></span>` : ''}`,
  );
}

/** The titles found as the search box is typed in, to add to the labels. */
function titleSearch({ $ }) {
  const searchTitles = latestOnly(api.listTitles);
  return debounce(async () => {
    const text = $('#labels-title-search')?.value.trim();
    const hits = $('#labels-title-hits');
    if (!hits) return;
    if (!text) return render(hits, html``);
    const answer = await searchTitles({ text, limit: 8 });
    if (!answer.current) return;
    render(
      hits,
      html`${answer.result.items.map(
        (t) => html`<li tabindex="0" data-choose="${t.id}" data-title="${t.title}" data-copies="${t.copies}" data-edition="${[t.publisher, t.year].filter(Boolean).join(' ')}">《${t.title}》<span class="hint">${editionText(t)}</span></li>`,
      )}`,
    );
  }, 150);
}

function labelElement(kind, item) {
  const el = document.createElement('div');
  el.className = `sheet-label sheet-label-${kind}`;
  if (kind === 'barcode') {
    render(el, html`<div class="l-title">${shortTitle(item.title, 18)}</div><div class="l-bars"></div><div class="l-code">${item.barcode}${item.call_number ? `　${item.call_number}` : ''}</div>`);
    el.querySelector('.l-bars').append(barcodeSvg(item.bars, { label: item.barcode }));
  } else if (kind === 'spine') {
    render(el, html`${item.spine_lines.map((l) => html`<div class="l-call">${l}</div>`)}${item.spine_lines.length ? '' : html`<div class="l-call">${item.barcode}</div>`}<div class="l-loc">${item.location ?? ''}</div>`);
  } else {
    render(
      el,
      html`<div class="l-head">阅览室借书证</div><div class="l-name">${item.name}</div><div class="l-unit">${item.kind_label}${item.unit ? ` · ${item.unit}` : ''}</div><div class="l-bars"></div><div class="l-code">${item.card_barcode}</div>`,
    );
    el.querySelector('.l-bars').append(barcodeSvg(item.bars, { label: item.card_barcode }));
  }
  el.dataset.code = item.barcode ?? item.card_barcode;
  return el;
}

/** The sheets as they go to paper: A4 pages, labels placed in mm, calibrated. */
function buildPages({ state, $ }) {
  const p = preset($('#labels-preset').value);
  const spots = layout(p, state.items.length, state.skip);
  const pages = [];
  for (const spot of spots) {
    if (!pages[spot.page]) {
      const page = document.createElement('section');
      page.className = 'print-page sheet';
      const inner = document.createElement('div');
      inner.className = 'sheet-inner';
      inner.style.transform = calibrationTransform(currentSetup($));
      page.append(inner);
      pages[spot.page] = page;
    }
    const el = labelElement(state.kind, state.items[spot.index]);
    Object.assign(el.style, { left: `${spot.x}mm`, top: `${spot.y}mm`, width: `${p.width}mm`, height: `${p.height}mm` });
    pages[spot.page].firstChild.append(el);
  }
  return pages;
}

function drawPreview(v) {
  const { state, $ } = v;
  const pages = buildPages(v);
  const what = state.kind === 'card' ? '张借书证' : '张标签';
  $('#labels-count').textContent = state.items.length ? `预览：${state.items.length} ${what}，${pages.length} 页` : '预览';
  const box = $('#labels-preview');
  if (!state.items.length) {
    render(
      box,
      html`<div class="empty"><p>${state.kind === 'card' ? '选择类别、部门或专业小组，这里显示要打印的借书证。' : '搜索书目加入，或填写条码范围，这里显示要打印的标签。'}</p></div>`,
    );
    return;
  }
  box.replaceChildren(
    ...pages.map((page) => {
      const frame = document.createElement('div');
      frame.className = 'sheet-frame';
      frame.append(page);
      return frame;
    }),
  );
}

function currentSetup($) {
  return {
    preset: $('#labels-preset').value,
    offset_x_mm: Number($('#labels-dx').value) || 0,
    offset_y_mm: Number($('#labels-dy').value) || 0,
    scale_percent: Number($('#labels-scale').value) || 100,
  };
}

function print(v) {
  if (!v.state.items.length) {
    toast('还没有要打印的内容。', 'error');
    return;
  }
  printPages(buildPages(v), { className: 'labels' });
}

async function onClick(v, e) {
  const { state, $ } = v;
  const kind = e.target.closest('[data-kind]')?.dataset.kind;
  const choose = e.target.closest('[data-choose]');
  const un = e.target.closest('[data-unchoose]')?.dataset.unchoose;
  const act = e.target.closest('[data-act]')?.dataset.act;
  if (kind) {
    state.kind = kind;
    $('#labels-preset').value = KINDS.find((k) => k.id === kind).preset;
    drawTabs(v);
    drawSelect(v);
  } else if (choose) {
    const id = Number(choose.dataset.choose);
    if (!state.titles.some((t) => t.id === id)) state.titles.push({ id, title: choose.dataset.title, copies: Number(choose.dataset.copies), edition: choose.dataset.edition });
    drawChosen(v);
  } else if (un) {
    if (un === 'copies') state.copyIds = [];
    else state.titles = state.titles.filter((t) => t.id !== Number(un));
    drawChosen(v);
  } else if (act === 'print') {
    return print(v);
  } else if (act === 'save-setup') {
    try {
      state.setup = await api.savePrintSetup(currentSetup($));
      toast('已保存打印机校准。');
    } catch (err) {
      toast(err.message, 'error');
    }
    return;
  } else {
    return;
  }
  v.refresh();
}

function onInput(v, e) {
  const { state, $ } = v;
  const id = e.target.id;
  if (id === 'labels-title-search') v.searchTitles();
  else if (id === 'labels-from' || id === 'labels-to') {
    state.from = $('#labels-from').value;
    state.to = $('#labels-to').value;
    v.refreshSoon();
  } else if (id === 'labels-dept') {
    state.cardQuery.department = e.target.value;
    v.refreshSoon();
  } else if (id === 'labels-skip') {
    state.skip = Math.max(0, (Number(e.target.value) || 1) - 1);
    drawPreview(v);
  } else if (['labels-dx', 'labels-dy', 'labels-scale'].includes(id)) drawPreview(v);
}

/** The view as it opens: the saved calibration, and a title given in the address. */
async function start(v, params) {
  const { state, $ } = v;
  drawTabs(v);
  drawSelect(v);
  try {
    state.setup = await api.printSetup();
  } catch (e) {
    toast(e.message, 'error');
    state.setup = { preset: 'a4-4x10', offset_x_mm: 0, offset_y_mm: 0, scale_percent: 100 };
  }
  const kindPreset = KINDS.find((k) => k.id === state.kind).preset;
  $('#labels-preset').value = state.kind === 'barcode' && state.setup.preset ? state.setup.preset : kindPreset;
  $('#labels-dx').value = state.setup.offset_x_mm;
  $('#labels-dy').value = state.setup.offset_y_mm;
  $('#labels-scale').value = state.setup.scale_percent;
  const titleId = Number(params.get('title'));
  if (titleId) {
    try {
      const d = await api.titleDetail(titleId);
      state.titles.push({ id: titleId, title: d.title.title, copies: d.copies.length });
      drawChosen(v);
    } catch (e) {
      toast(e.message, 'error');
    }
  }
  v.refresh();
}
