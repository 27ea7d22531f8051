// A searchable, filtered, paged list — the catalogue and the people share
// it: a head with the view's actions, a search box and filters that search
// as each key is typed, the rows, a pager, and the empty states (nothing
// yet, nothing found). The list's keys are those of every list screen
// (list-keys.js). `draw()` renders the whole list from its state and can be
// called any time.

import { html, render } from '../lib/html.js';
import { pageMoves, pageSummary } from '../lib/people.js';
import { latestOnly } from '../lib/timing.js';
import { bindListKeys } from './list-keys.js';
import { toast } from './toast.js';

const PAGE = 50;

/**
 * Mounts the list into a fresh element of `host` and loads the first page.
 *
 * spec:
 *  - name: the id prefix (`#<name>-search`, `#<name>-body`, `#<name>-summary`)
 *  - title, label: the heading and the table's accessible name
 *  - actions: the head's buttons (each with data-act)
 *  - search: { placeholder, label }
 *  - filters: the toolbar's filters; each control names its state key in
 *    `data-filter` (text inputs filter as typed, selects and checkboxes on change)
 *  - initial: the filters' starting values
 *  - fetch(query): one page; query(state) → its arguments without offset/limit
 *  - head: the table's header row; row(item): one `<tr data-id>`
 *  - empty: { first(): nothing stored yet, none(state): nothing matches }
 *  - open(item), onNew(), onAction(act, item, event): what the rows and
 *    buttons do (`item` is the row's, when the button is in a row);
 *    openOn: 'click' (default) or 'dblclick' opens a row with the mouse
 * Returns { load, state, unmount }.
 */
export function mountPagedList(host, spec) {
  // The view owns a fresh element: its listeners go away with it.
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = spec.name;
  host.replaceChildren(root);
  const state = { text: '', offset: 0, page: null, ...spec.initial };

  render(
    root,
    html`
      <header class="view-head">
        <h1>${spec.title}</h1>
        <div class="actions">${spec.actions}</div>
      </header>
      <div class="toolbar" role="search">
        <input id="${spec.name}-search" type="search" autocomplete="off" spellcheck="false"
          placeholder="${spec.search.placeholder}" aria-label="${spec.search.label}">
        ${spec.filters}
      </div>
      <div id="${spec.name}-body" class="list-body"></div>
      <footer class="pager">
        <span id="${spec.name}-summary"></span>
        <button type="button" data-act="prev">上一页</button>
        <button type="button" data-act="next">下一页</button>
      </footer>
    `,
  );

  const $ = (sel) => root.querySelector(sel);
  const search = $(`#${spec.name}-search`);
  const body = $(`#${spec.name}-body`);
  const fetchLatest = latestOnly(spec.fetch);
  const openOn = spec.openOn ?? 'click';

  async function load() {
    try {
      const { current, result } = await fetchLatest({ ...spec.query(state), offset: state.offset, limit: PAGE });
      if (!current) return;
      state.page = result;
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }
  // Searches as each key is typed: the store answers in milliseconds and
  // latestOnly keeps a burst of keys to one search in flight.
  const loadFirst = () => {
    state.offset = 0;
    load();
  };
  // Whether the list is narrowed (so an empty page means “nothing found”,
  // not “nothing yet”); the sort order narrows nothing.
  const filtered = () =>
    Boolean(state.text) || Object.keys(spec.initial).some((k) => k !== 'sort' && state[k] !== spec.initial[k]);

  function draw() {
    const page = state.page;
    if (!page) return;
    $(`#${spec.name}-summary`).textContent = pageSummary(page);
    const moves = pageMoves(page);
    $('[data-act=prev]').disabled = moves.previous === null;
    $('[data-act=next]').disabled = moves.next === null;
    if (page.total === 0) {
      render(body, filtered() ? html`<div class="empty">${spec.empty.none(state)}</div>` : html`<div class="empty">${spec.empty.first()}</div>`);
      return;
    }
    render(
      body,
      html`<table class="grid" aria-label="${spec.label}">
        <thead>${spec.head}</thead>
        <tbody>${page.items.map(spec.row)}</tbody>
      </table>`,
    );
  }

  const itemOf = (target) => {
    const id = Number(target.closest('tr[data-id]')?.dataset.id);
    return state.page?.items.find((item) => item.id === id);
  };

  root.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'prev' || act === 'next') {
      const moves = pageMoves(state.page);
      state.offset = act === 'prev' ? moves.previous : moves.next;
      load();
    } else if (act === 'new') spec.onNew();
    else if (act) spec.onAction(act, itemOf(e.target), e);
    else if (openOn === 'click' && e.target.closest('tr[data-id]')) spec.open(itemOf(e.target));
  });
  body.addEventListener('dblclick', (e) => {
    if (openOn === 'dblclick' && !e.target.closest('[data-act]') && e.target.closest('tr[data-id]')) {
      spec.open(itemOf(e.target));
    }
  });
  search.addEventListener('input', () => {
    state.text = search.value.trim();
    loadFirst();
  });
  for (const control of root.querySelectorAll('[data-filter]')) {
    const key = control.dataset.filter;
    const value = () => (control.type === 'checkbox' ? control.checked : control.value.trim());
    control.addEventListener(control.tagName === 'INPUT' && control.type !== 'checkbox' ? 'input' : 'change', () => {
      state[key] = value();
      loadFirst();
    });
  }

  const unbindKeys = bindListKeys({
    search,
    body,
    open: (row) => spec.open(itemOf(row)),
    onNew: () => spec.onNew(),
    onClear: () => {
      state.text = '';
      loadFirst();
    },
  });
  search.focus();
  load();
  return { load, state, search, unmount: unbindKeys };
}

/** The “nothing found” words of a list: what was searched, and a hint. */
export function noneFound(state, what, hint) {
  return html`<p>没有找到${state.text ? html`“${state.text}”` : `符合条件的${what}`}。</p><p class="hint">${hint}</p>`;
}
