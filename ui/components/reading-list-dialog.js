// A reading list (书单) in a dialog: its name and description, the training
// topic or reading-share series it is for, whether readers see it, and its
// titles — picked from the catalogue, each with a note, in order.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { debounce } from '../lib/timing.js';
import { moveItem, listDraft, linkValue } from '../lib/reading-lists.js';
import { modal } from './modal.js';

/**
 * Opens `detail` (a list with its titles) for editing, or an empty list
 * when null; resolves with the saved detail, or null when closed unsaved.
 */
export function openReadingListDialog(detail, { topics = [], series = [] } = {}) {
  return new Promise((resolve) => {
    let saved = null;
    const { dialog, close } = modal('form-dialog wide reading-list-dialog', { labelledBy: 'rl-title', onClose: () => resolve(saved) });
    const list = detail?.list ?? null;
    const items = (detail?.titles ?? []).map((t) => ({ ...t }));
    let hits = [];
    const $ = (sel) => dialog.querySelector(sel);

    render(
      dialog,
      html`<form id="rl-form" novalidate>
        <h2 id="rl-title">${list ? `编辑书单：${list.name}` : '新建书单'}</h2>
        <div class="field"><label for="rl-name">名称</label><input id="rl-name" type="text" maxlength="100" value="${list?.name ?? ''}" autocomplete="off" placeholder="如：预算审查监督专题书单"></div>
        <div class="field"><label for="rl-description">说明</label><textarea id="rl-description" rows="2" maxlength="2000" placeholder="为什么读这些书，给谁读">${list?.description ?? ''}</textarea></div>
        <div class="field"><label for="rl-link">用于</label><select id="rl-link"><option value="">（一般书单，不属于专题或系列）</option>
          ${topics.length ? html`<optgroup label="履职培训专题">${topics.map((t) => html`<option value="topic:${t.id}" ${linkValue(list) === `topic:${t.id}` ? 'selected' : ''}>${t.name}</option>`)}</optgroup>` : ''}
          ${series.length ? html`<optgroup label="读书分享系列">${series.map((s) => html`<option value="series:${s.id}" ${linkValue(list) === `series:${s.id}` ? 'selected' : ''}>${s.name}</option>`)}</optgroup>` : ''}
        </select></div>
        <div class="field"><span class="label">读者</span><label class="check"><input id="rl-published" type="checkbox" ${list?.published === false ? '' : 'checked'}> 在局域网读者页面上发表</label></div>
        <h3>书目 <span class="hint" id="rl-count"></span></h3>
        <div class="inline-form"><label>添加 <input id="rl-search" type="search" class="wide-input" autocomplete="off" placeholder="书名、作者、拼音首字母或 ISBN" aria-describedby="rl-search-hint"></label>
          <span class="hint" id="rl-search-hint">在结果上按回车或单击加入书单</span></div>
        <ul id="rl-book-hits" class="pick-list" aria-label="检索结果"></ul>
        <div id="rl-items"></div>
        <p class="form-error" id="rl-error" role="alert"></p>
        <div class="dialog-actions"><button type="button" data-act="cancel">取消</button><button type="submit" class="primary">${list ? '保存书单' : '创建书单'}</button></div>
      </form>`,
    );

    function drawItems() {
      $('#rl-count').textContent = items.length ? `${items.length} 种` : '';
      render(
        $('#rl-items'),
        items.length
          ? html`<table class="grid compact rl-items" id="rl-table"><thead><tr><th>序</th><th>书名</th><th>推荐语（读者会看到）</th><th></th></tr></thead><tbody>${items.map(
              (t, i) => html`<tr data-i="${i}"><td>${i + 1}</td><td>《${t.title}》<br><span class="hint">${[t.authors, t.publisher, t.year].filter(Boolean).join(' · ')}</span></td>
                <td><input type="text" data-note maxlength="500" value="${t.note ?? ''}" aria-label="《${t.title}》的推荐语" autocomplete="off"></td>
                <td class="row-actions"><button type="button" class="link" data-move="-1" ${i === 0 ? 'disabled' : ''} aria-label="上移《${t.title}》">上移</button><button type="button" class="link" data-move="1" ${i === items.length - 1 ? 'disabled' : ''} aria-label="下移《${t.title}》">下移</button><button type="button" class="link" data-remove aria-label="从书单移除《${t.title}》">移除</button></td></tr>`,
            )}</tbody></table>`
          : html`<p class="hint">还没有书。在上面检索馆藏，把要推荐的书加进来，每本可写一句推荐语。</p>`,
      );
    }
    // The notes typed so far, kept before the table is redrawn.
    const keepNotes = () => {
      for (const row of dialog.querySelectorAll('#rl-table tr[data-i]')) items[Number(row.dataset.i)].note = row.querySelector('[data-note]').value;
    };
    function add(t) {
      if (items.some((x) => x.title_id === t.id)) {
        $('#rl-error').textContent = `《${t.title}》已在书单中。`;
        return;
      }
      keepNotes();
      items.push({ title_id: t.id, title: t.title, authors: t.authors, publisher: t.publisher, year: t.year, note: '' });
      $('#rl-error').textContent = '';
      drawItems();
      $('#rl-search').focus();
    }
    drawItems();

    $('#rl-search').addEventListener(
      'input',
      debounce(async () => {
        const text = $('#rl-search').value.trim();
        hits = text ? (await api.listTitles({ text, limit: 8 }).catch(() => ({ items: [] }))).items : [];
        render(
          $('#rl-book-hits'),
          html`${hits.map(
            (t) => html`<li tabindex="0" data-book="${t.id}">《${t.title}》 <span class="hint">${[t.authors, t.publisher, t.year, t.available > 0 ? `在架 ${t.available} 册` : '全部借出'].filter(Boolean).join(' · ')}</span>${items.some((x) => x.title_id === t.id) ? html` <span class="tag">已在书单中</span>` : ''}</li>`,
          )}`,
        );
      }, 150),
    );
    dialog.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target.closest('[data-book]')) {
        e.preventDefault();
        e.target.closest('[data-book]').click();
      } else if (e.key === 'ArrowDown' && e.target.id === 'rl-search') {
        e.preventDefault();
        $('#rl-book-hits [data-book]')?.focus();
      } else if (e.key === 'Enter' && e.target.id === 'rl-search') {
        e.preventDefault();
        if (hits.length) add(hits[0]);
      }
    });
    dialog.addEventListener('click', (e) => {
      const book = hits.find((t) => t.id === Number(e.target.closest('[data-book]')?.dataset.book));
      if (book) return add(book);
      if (e.target.closest('[data-act=cancel]')) return close();
      const row = e.target.closest('tr[data-i]');
      if (!row) return;
      const i = Number(row.dataset.i);
      keepNotes();
      if (e.target.closest('[data-remove]')) items.splice(i, 1);
      else if (e.target.closest('[data-move]')) moveItem(items, i, Number(e.target.closest('[data-move]').dataset.move));
      else return;
      drawItems();
    });
    dialog.addEventListener('submit', async (e) => {
      e.preventDefault();
      keepNotes();
      const draft = listDraft({
        name: $('#rl-name').value,
        description: $('#rl-description').value,
        link: $('#rl-link').value,
        published: $('#rl-published').checked,
        items,
        revision: list?.revision ?? null,
      });
      try {
        saved = list ? await api.editReadingList(list.id, draft) : await api.createReadingList(draft);
        close();
      } catch (err) {
        $('#rl-error').textContent = err.message;
        if (err.field === 'name') $('#rl-name').focus();
      }
    });
    dialog.showModal();
    $('#rl-name').focus();
  });
}
