// 书单: the reading lists staff make for a training topic, a reading-share
// series or a theme — each title with a note and what is on the shelf now;
// readers see the published ones on the intranet pages and hold from them.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { availability, listFor } from '../lib/reading-lists.js';
import { operatorRole } from '../lib/operator.js';
import { mayChange, officeDate } from '../lib/vocabulary.js';
import { confirmDialog } from '../components/confirm.js';
import { openReadingListDialog } from '../components/reading-list-dialog.js';
import { toast } from '../components/toast.js';

export function mountReadingLists(host, params) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'lists';
  host.replaceChildren(root);
  const may = mayChange(operatorRole(), 'reading_list');
  const state = { lists: [], chosen: Number(params?.get('list')) || null, detail: null };

  render(
    root,
    html`<header class="view-head"><h1>书单 <span class="sub" id="lists-summary"></span></h1>
        <div class="actions">${may ? html`<button type="button" class="primary" data-act="new">新建书单</button>` : ''}</div></header>
      <div class="lists-layout">
        <nav class="panel lists-index" aria-label="书单"><ul class="pick-list" id="lists-index"></ul></nav>
        <section class="panel list-detail" id="list-detail" aria-live="polite"></section>
      </div>`,
  );
  const $ = (sel) => root.querySelector(sel);

  async function load(chosen = state.chosen) {
    try {
      state.lists = await api.readingLists();
      state.chosen = state.lists.some((l) => l.id === chosen) ? chosen : (state.lists[0]?.id ?? null);
      drawIndex();
      await show(state.chosen);
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function drawIndex() {
    const published = state.lists.filter((l) => l.published).length;
    $('#lists-summary').textContent = state.lists.length ? `${state.lists.length} 份，读者可见 ${published} 份` : '';
    render(
      $('#lists-index'),
      html`${state.lists.map(
        (l) => html`<li tabindex="0" data-list="${l.id}" class="${l.id === state.chosen ? 'chosen' : ''}" aria-current="${l.id === state.chosen ? 'true' : 'false'}">
          <span>${l.name}</span><span class="hint">${l.items} 种${l.published ? '' : ' · 未发表'}${listFor(l) ? ` · ${listFor(l)}` : ''}</span></li>`,
      )}`,
    );
  }

  async function show(id) {
    const box = $('#list-detail');
    if (!id) {
      state.detail = null;
      render(
        box,
        html`<div class="empty"><h2>还没有书单</h2><p>书单把一组推荐的书配上推荐语，读者在局域网读者页面上浏览、查看在架情况并预约。可以为一个履职培训专题、一个读书分享系列或一个主题各开一份。</p>
          ${may ? html`<div class="actions"><button type="button" class="primary" data-act="new">新建书单</button></div>` : html`<p class="hint">书单由图书管理员或活动组织者建立。</p>`}</div>`,
      );
      return;
    }
    state.detail = await api.readingList(id);
    const { list, titles } = state.detail;
    render(
      box,
      html`<div class="head-row"><h2 id="list-name">${list.name}</h2>
          ${may ? html`<div class="actions"><button type="button" data-act="edit">编辑</button><button type="button" class="outline-danger" data-act="delete">删除</button></div>` : ''}</div>
        <p class="hint">${[listFor(list), list.published ? '读者可见' : '未发表（读者看不到）', `${titles.length} 种书`, `更新于 ${officeDate(list.updated_at)}`].filter(Boolean).join(' · ')}</p>
        ${list.description ? html`<p class="description">${list.description}</p>` : ''}
        ${titles.length
          ? html`<table class="grid compact" id="list-titles"><thead><tr><th>序</th><th>书名</th><th>索书号</th><th>可借</th><th>推荐语</th></tr></thead><tbody>${titles.map((t, i) => {
              const a = availability(t);
              return html`<tr><td>${i + 1}</td><td class="name">《${t.title}》<br><span class="hint">${[t.authors, t.publisher, t.year].filter(Boolean).join(' · ')}</span></td>
                <td class="mono">${t.call_number ?? ''}</td><td class="nowrap tone-${a.tone}">${a.text}</td><td class="item-note">${t.note ?? ''}</td></tr>`;
            })}</tbody></table>`
          : html`<p class="hint">书单里还没有书${may ? '，点“编辑”从馆藏中挑选' : ''}。</p>`}`,
    );
  }

  async function edit(detail) {
    const [topics, series] = await Promise.all([api.trainingTopics().catch(() => []), api.shareSeries().catch(() => [])]);
    const saved = await openReadingListDialog(detail, { topics, series });
    if (!saved) return;
    toast(`书单已保存：${saved.list.name}`);
    await load(saved.list.id);
  }

  root.addEventListener('click', async (e) => {
    const item = e.target.closest('[data-list]');
    if (item) {
      state.chosen = Number(item.dataset.list);
      drawIndex();
      await show(state.chosen).catch((err) => toast(err.message, 'error'));
      root.querySelector(`[data-list="${state.chosen}"]`)?.focus();
      return;
    }
    const act = e.target.closest('[data-act]')?.dataset.act;
    try {
      if (act === 'new') await edit(null);
      else if (act === 'edit' && state.detail) await edit(state.detail);
      else if (act === 'delete' && state.detail) {
        const { list } = state.detail;
        const ok = await confirmDialog({ title: '删除书单', message: `删除书单“${list.name}”？书单中的书仍留在馆藏中，读者页面上不再显示这份书单。`, confirmLabel: '删除', danger: true });
        if (!ok) return;
        await api.deleteReadingList(list.id);
        toast(`已删除书单：${list.name}`);
        await load(null);
      }
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target.closest('[data-list]')) e.target.click();
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && e.target.closest('[data-list]')) {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? e.target.nextElementSibling : e.target.previousElementSibling;
      next?.focus();
    }
  });

  load();
  return {};
}
