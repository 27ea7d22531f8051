// Picks one person by name, pinyin, initials or card barcode: type, ↓/↑,
// Enter. Resolves to the person, or null when cancelled.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { latestOnly } from '../lib/timing.js';
import { unitOf } from '../lib/people.js';

export function pickPerson({ title = '选择读者', hint = '' } = {}) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'form-dialog';
    dialog.setAttribute('aria-labelledby', 'pp-title');
    render(
      dialog,
      html`<h2 id="pp-title">${title}</h2>
        ${hint ? html`<p class="hint">${hint}</p>` : ''}
        <input id="pp-search" type="search" autocomplete="off" spellcheck="false" placeholder="姓名、拼音、首字母或借书证号" aria-label="查找人员">
        <ul id="pp-list" class="pick-list" role="listbox" aria-label="人员"></ul>
        <div class="dialog-actions"><button type="button" data-act="cancel">取消</button></div>`,
    );
    document.body.append(dialog);
    const search = dialog.querySelector('#pp-search');
    const list = dialog.querySelector('#pp-list');
    const fetchLatest = latestOnly(api.listPeople);
    let people = [];
    const finish = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    async function load() {
      const answer = await fetchLatest({ text: search.value.trim() || null, limit: 12 });
      if (!answer.current) return;
      people = answer.result.items;
      render(
        list,
        html`${people.map(
          (p, i) => html`<li role="option" tabindex="-1" data-i="${i}"><b>${p.name}</b> <span class="hint">${unitOf(p)}${p.card_barcode ? ` · ${p.card_barcode}` : ''}</span></li>`,
        )}${people.length ? '' : html`<li class="hint">没有找到</li>`}`,
      );
    }
    search.addEventListener('input', load);
    search.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') {
        list.querySelector('[data-i]')?.focus();
        e.preventDefault();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (people.length === 1) finish(people[0]);
        else list.querySelector('[data-i]')?.focus();
      }
    });
    list.addEventListener('keydown', (e) => {
      const li = e.target.closest('[data-i]');
      if (!li) return;
      if (e.key === 'Enter') finish(people[Number(li.dataset.i)]);
      else if (e.key === 'ArrowDown') li.nextElementSibling?.focus();
      else if (e.key === 'ArrowUp') (li.previousElementSibling ?? search).focus();
    });
    list.addEventListener('click', (e) => {
      const li = e.target.closest('[data-i]');
      if (li) finish(people[Number(li.dataset.i)]);
    });
    dialog.querySelector('[data-act=cancel]').addEventListener('click', () => finish(null));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(null);
    });
    dialog.showModal();
    search.focus();
    load();
  });
}
