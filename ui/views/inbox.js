// 待处理: what readers asked from their browser, waiting for staff — sign-ups
// waiting for a place, offers to share, leave, reading notes, purchase
// suggestions — one section per kind, those the operator's role decides
// first. Every decision is one button (a refusal with its reason), the
// core's answer said beside the entry; the sidebar's badge and the home
// page show the counts.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { badgeCount, catalogueCheck, decisionFor, doneText, namesakes, oldestFirst, queuePlaces, sectionsFor, suggestionState } from '../lib/inbox.js';
import { operatorRole } from '../lib/operator.js';
import { officeToday } from '../lib/vocabulary.js';
import { itemId, reasonForm, requestItem, suggestionFollowUp } from '../components/inbox-items.js';
import { toast } from '../components/toast.js';

/** The sidebar's badge: what waits for this operator's role. */
export function updateInboxBadge(counts) {
  const badge = document.getElementById('nav-inbox');
  if (!badge) return;
  const { count, own } = badgeCount(counts, operatorRole());
  badge.textContent = count ? String(count) : '';
  badge.hidden = !count;
  badge.classList.toggle('muted', !own);
  badge.title = own ? `${count} 件待你处理` : `共 ${count} 件待处理`;
}

/** Asks the core for the counts and shows them in the badge. */
export function refreshInboxBadge() {
  return api.inboxCounts().then(updateInboxBadge, () => {});
}

const NOTE_FILTERS = [
  ['pending', '待审核'],
  ['published', '已发表'],
  ['hidden', '已隐藏'],
];

async function loadAll(notesStatus) {
  const [counts, signups, offers, leave, notes, submitted, accepted, arrived] = await Promise.all([
    api.inboxCounts(),
    api.waitingSignups(),
    api.listOffers('pending'),
    api.listLeave('pending'),
    api.listNotes(notesStatus),
    api.listSuggestions('submitted'),
    api.listSuggestions('accepted'),
    api.listSuggestions('arrived'),
  ]);
  return {
    counts,
    lists: {
      signups: oldestFirst(signups, 'queued_at'),
      offers: oldestFirst(offers),
      leave: oldestFirst(leave),
      notes: notesStatus === 'pending' ? oldestFirst(notes) : notes,
      suggestions: oldestFirst(submitted),
    },
    follow: suggestionState(accepted, arrived, officeToday()),
  };
}

export function mountInbox(host, params) {
  const root = document.createElement('div');
  root.className = 'view inbox';
  root.dataset.view = 'inbox';
  host.replaceChildren(root);
  const state = { counts: null, lists: null, follow: null, notesStatus: 'pending', checks: new Map(), sections: [] };
  const $ = (sel) => root.querySelector(sel);

  async function load(focusKind = null) {
    try {
      Object.assign(state, await loadAll(state.notesStatus));
      state.checks.clear();
      updateInboxBadge(state.counts);
      draw();
      checkSuggestions();
      if (focusKind) jump(focusKind);
    } catch (e) {
      render(root, html`<header class="view-head"><h1>待处理</h1></header><p class="tone-error">${e.message}</p>`);
    }
  }

  function draw() {
    const role = operatorRole();
    state.sections = sectionsFor(role);
    const all = Object.values(state.lists).flat();
    const twins = namesakes(all);
    const places = queuePlaces(state.lists.signups);
    const waiting = state.sections.reduce((n, s) => n + (state.counts[s.key] ?? 0), 0);
    render(
      root,
      html`<header class="view-head"><h1>待处理 <span class="sub" id="inbox-total">${totalText()}</span></h1>
          <div class="actions"><button type="button" data-act="reload">刷新</button></div></header>
        <nav class="chips inbox-jump" aria-label="分类">${state.sections.map(
          (s) => html`<button type="button" class="chip ${s.decides && state.counts[s.key] ? 'chip-warn' : ''}" data-jump="${s.key}">${s.label} <b>${state.counts[s.key] ?? 0}</b></button>`,
        )}</nav>
        ${waiting ? '' : html`<p class="notice inbox-calm">眼下没有读者的申请在等待。读者在局域网读者页面上报名、请假、报名分享、写心得和荐购后，会出现在这里；读者页面在“设置 → 局域网共享”中开启。</p>`}
        <div class="inbox-sections">${state.sections.map((s) => section(s, twins, places))}</div>`,
    );
  }

  // 共 N 件, and how many of them are this operator's to decide.
  function totalText() {
    const all = Object.values(state.counts).reduce((n, c) => n + c, 0);
    const mine = badgeCount(state.counts, operatorRole());
    if (!all) return '没有待处理的事项';
    return `共 ${all} 件${mine.own && mine.count !== all ? `，${mine.count} 件由你处理` : ''}`;
  }

  function section(s, twins, places) {
    const items = state.lists[s.key];
    const ctx = { decides: s.decides, twins, places, decider: s.decider };
    const filter =
      s.key === 'notes'
        ? html`<label class="hint">显示 <select id="inbox-notes-status">${NOTE_FILTERS.map(([code, label]) => html`<option value="${code}" ${code === state.notesStatus ? 'selected' : ''}>${label}</option>`)}</select></label>`
        : '';
    const count = s.key === 'notes' && state.notesStatus !== 'pending' ? items.length : (state.counts[s.key] ?? 0);
    const empty = s.key === 'notes' && state.notesStatus !== 'pending' ? '没有这样的心得。' : s.empty;
    return html`<section class="panel inbox-section ${s.decides ? '' : 'read-only'}" id="inbox-${s.key}" aria-labelledby="inbox-h-${s.key}">
      <div class="head-row"><h2 id="inbox-h-${s.key}" tabindex="-1">${s.label} <span class="count">${count}</span></h2>
        ${s.decides ? '' : html`<span class="hint">只能查看：由${s.decider}处理</span>`}${filter}</div>
      ${items.length ? html`<div class="requests">${items.map((it) => requestItem(s.key, it, ctx))}</div>` : html`<p class="hint inbox-empty">${empty}</p>`}
      ${s.key === 'suggestions' ? suggestionFollowUp(state.follow) : ''}
    </section>`;
  }

  // What the catalogue holds of each suggested book, filled in after the
  // entries are drawn.
  async function checkSuggestions() {
    for (const s of state.lists.suggestions.slice(0, 60)) {
      try {
        let check = state.checks.get(s.id);
        if (!check) {
          let hits = [];
          if (s.isbn) hits = (await api.listTitles({ text: s.isbn, limit: 3 })).items;
          if (!hits.length) hits = (await api.listTitles({ text: s.title, limit: 5 })).items;
          check = catalogueCheck(s, hits);
          state.checks.set(s.id, check);
        }
        const line = root.querySelector(`[data-check="${s.id}"]`);
        if (line) {
          line.textContent = check.text;
          line.className = `req-check ${check.held ? 'tone-warn' : 'hint'}`;
        }
      } catch {
        root.querySelector(`[data-check="${s.id}"]`)?.replaceChildren();
      }
    }
  }

  function jump(key) {
    const head = $(`#inbox-h-${key}`);
    if (!head) return;
    head.scrollIntoView({ block: 'start' });
    head.focus();
  }

  const entryOf = (el) => el.closest('article.request');
  const itemOf = (article) => state.lists[article.dataset.key].find((it) => itemId(article.dataset.key, it) === article.dataset.id);

  function say(article, text, tone) {
    const msg = article.querySelector('.req-msg');
    msg.textContent = text;
    msg.className = `req-msg tone-${tone}`;
  }

  function askReason(article) {
    if (article.querySelector('.req-reason')) return article.querySelector('.req-reason input').focus();
    const key = article.dataset.key;
    const holder = document.createElement('div');
    render(holder, reasonForm(key, article.dataset.id));
    const form = holder.firstElementChild;
    article.querySelector('.req-msg').before(form);
    const check = key === 'suggestions' ? state.checks.get(Number(article.dataset.id)) : null;
    if (check?.held) form.reason.value = `${check.text.replace('馆内已有：', '阅览室已有')}，可直接借阅或预约。`;
    form.reason.focus();
  }

  async function decide(article, act, reason = null) {
    const key = article.dataset.key;
    const item = itemOf(article);
    if (!item) return;
    if (act === 'refuse' && !reason?.trim()) {
      say(article, '请写明理由，读者会看到。', 'error');
      const input = article.querySelector('.req-reason input');
      input?.setAttribute('aria-invalid', 'true');
      input?.focus();
      return;
    }
    const decision = decisionFor(key, act, reason?.trim() ?? null);
    const buttons = article.querySelectorAll('button');
    for (const b of buttons) b.disabled = true;
    try {
      if (key === 'signups') {
        const run = item.kind === 'training' ? api.decideBatchWaitlist : api.decideShareWaitlist;
        await run(item.event_id, item.person_id, decision.admit);
      } else if (key === 'offers') await api.decideOffer(item.id, decision.accept, decision.reason);
      else if (key === 'leave') await api.decideLeave(item.id, decision.approve, decision.answer);
      else if (key === 'notes') await api.decideNote(item.id, decision);
      else await api.decideSuggestion(item.id, decision.accept, decision.reason);
    } catch (e) {
      for (const b of buttons) b.disabled = false;
      say(article, e.message, 'error');
      return;
    }
    settled(article, key, item, doneText(key, decision, item));
  }

  // The entry becomes a line saying what was done; the counts are asked
  // afresh; focus goes on to the next entry of the section.
  async function settled(article, key, item, text) {
    state.lists[key] = state.lists[key].filter((it) => it !== item);
    const next = article.nextElementSibling;
    render(article, html`<p class="req-done tone-ok">✓ ${text}</p>`);
    article.classList.add('decided');
    article.removeAttribute('data-id');
    (next?.querySelector('.req-actions button') ?? $(`#inbox-h-${key}`))?.focus();
    try {
      state.counts = await api.inboxCounts();
      updateInboxBadge(state.counts);
      $('#inbox-total').textContent = totalText();
      for (const s of state.sections) {
        const chip = root.querySelector(`[data-jump="${s.key}"]`);
        if (chip) {
          chip.querySelector('b').textContent = state.counts[s.key] ?? 0;
          chip.classList.toggle('chip-warn', Boolean(s.decides && state.counts[s.key]));
        }
        const count = root.querySelector(`#inbox-h-${s.key} .count`);
        if (count && !(s.key === 'notes' && state.notesStatus !== 'pending')) count.textContent = state.counts[s.key] ?? 0;
      }
    } catch {
      // the counts stay as they were; 刷新 asks again
    }
  }

  root.addEventListener('click', (e) => {
    const jumpTo = e.target.closest('[data-jump]')?.dataset.jump;
    if (jumpTo) return jump(jumpTo);
    if (e.target.closest('[data-act=reload]')) return load();
    const article = entryOf(e.target);
    if (!article) return;
    if (e.target.closest('[data-cancel-reason]')) {
      e.target.closest('.req-reason').remove();
      article.querySelector('[data-decide=refuse]')?.focus();
      return;
    }
    const act = e.target.closest('[data-decide]')?.dataset.decide;
    if (!act) return;
    if (act === 'refuse') askReason(article);
    else decide(article, act);
  });
  root.addEventListener('submit', (e) => {
    e.preventDefault();
    const article = entryOf(e.target);
    if (article) decide(article, 'refuse', e.target.reason.value);
  });
  root.addEventListener('keydown', (e) => {
    const form = e.target.closest('.req-reason');
    if (e.key === 'Escape' && form) {
      e.preventDefault();
      const article = entryOf(form);
      form.remove();
      article.querySelector('[data-decide=refuse]')?.focus();
    }
  });
  root.addEventListener('change', (e) => {
    if (e.target.id !== 'inbox-notes-status') return;
    state.notesStatus = e.target.value;
    api
      .listNotes(state.notesStatus)
      .then((notes) => {
        state.lists.notes = state.notesStatus === 'pending' ? oldestFirst(notes) : notes;
        draw();
        checkSuggestions();
        $('#inbox-notes-status')?.focus();
      })
      .catch((err) => toast(err.message, 'error'));
  });

  load(params?.get('kind'));
  return {};
}
