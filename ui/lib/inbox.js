// 待处理's pure logic: the kinds of readers' request, which role decides
// each (the core's rule, from the vocabulary), the count a role is shown,
// the order of the sections, how one request's person reads beside a
// namesake, what a pending suggestion has in the catalogue already, and the
// line left in place of a request once it is decided.

import { mayChange } from './vocabulary.js';
import { personTag } from './training.js';
import { spanText } from './sharing.js';

/**
 * The kinds, in the inbox's order: what each is called, the records its
 * decisions change, who decides it (said to those who only read it), and
 * what its empty section says to do next.
 */
export const KINDS = [
  {
    key: 'signups',
    label: '报名候补',
    entities: ['share_session', 'training_batch'],
    decider: '活动组织者',
    empty: '没有等候名额的读者。活动开放报名且人数已满时，读者在局域网页面报名会排入候补，出现在这里；名额空出时候补会自动递补。',
  },
  {
    key: 'offers',
    label: '我要分享',
    entities: ['share_offer'],
    decider: '活动组织者',
    empty: '没有待回复的分享报名。读者可在局域网页面为即将举行的读书分享报名领读一本馆藏图书。',
  },
  {
    key: 'leave',
    label: '请假',
    entities: ['leave_request'],
    decider: '活动组织者',
    empty: '没有待批的请假。已报名培训的代表可在局域网页面为某次课请假，批准后考勤记为“请假”。',
  },
  {
    key: 'notes',
    label: '读书心得',
    entities: ['reading_note'],
    decider: '图书管理员或活动组织者',
    empty: '没有待审核的读书心得。读者写的心得审核发表后，会显示在书目页面并计入学习档案。',
  },
  {
    key: 'suggestions',
    label: '荐购',
    entities: ['suggestion'],
    decider: '图书管理员',
    empty: '没有待处理的荐购。采纳的荐购在图书编目入藏后会自动变为“已到馆”，并为荐购人预约。',
  },
];

/** Whether `role` decides requests of kind `key` (no role: login not in use, all). */
export function decides(role, key) {
  const kind = KINDS.find((k) => k.key === key);
  return Boolean(kind) && kind.entities.some((e) => mayChange(role, e));
}

/** The record a sign-up's decision changes: its session or its batch. */
export function signupEntity(item) {
  return item.kind === 'training' ? 'training_batch' : 'share_session';
}

/** The sections for `role`: those it decides first, then those it only reads; each { ...kind, decides }. */
export function sectionsFor(role) {
  const all = KINDS.map((k) => ({ ...k, decides: decides(role, k.key) }));
  return [...all.filter((k) => k.decides), ...all.filter((k) => !k.decides)];
}

/**
 * The badge's count for `role`: the requests it decides; a role that
 * decides none (只读) sees everything waiting, as a figure to read.
 * { count, own } — own false for the read-only figure.
 */
export function badgeCount(counts, role) {
  if (!counts) return { count: 0, own: true };
  const mine = KINDS.filter((k) => decides(role, k.key));
  const kinds = mine.length ? mine : KINDS;
  return { count: kinds.reduce((n, k) => n + (counts[k.key] ?? 0), 0), own: mine.length > 0 };
}

/** The names that stand for two or more people among `items` (each with person_id and a name). */
export function namesakes(items) {
  const ids = new Map();
  for (const it of items) {
    const name = it.person_name ?? it.name;
    if (!ids.has(name)) ids.set(name, new Set());
    ids.get(name).add(it.person_id);
  }
  return new Set([...ids].filter(([, set]) => set.size > 1).map(([name]) => name));
}

/** What tells a request's reader apart: '借书证 J00012 · 办公厅'. */
export function whoTag(item) {
  return personTag({ card_barcode: item.card_barcode, unit: item.unit });
}

/** When an event or a session begins: '2026-11-26（周四）15:00'; a batch's first day: '2026-11-26（周四）起'. */
export function whenText(start) {
  if (!start) return '';
  return start.length > 10 ? spanText(start, start).replace(/–.*$/, '') : `${spanText(`${start}T00:00`, `${start}T00:00`).slice(0, 14)}起`;
}

/** Oldest first: who asked first is answered first. */
export function oldestFirst(items, field = 'created_at') {
  return [...items].sort((a, b) => String(a[field]).localeCompare(String(b[field])) || a.id - b.id);
}

/** Each waiting reader's place in their event's queue (1 = next), keyed `kind:event:person`. */
export function queuePlaces(waiting) {
  const places = new Map();
  const counts = new Map();
  for (const w of oldestFirst(waiting, 'queued_at')) {
    const event = `${w.kind}:${w.event_id}`;
    const n = (counts.get(event) ?? 0) + 1;
    counts.set(event, n);
    places.set(`${event}:${w.person_id}`, n);
  }
  return places;
}

/** A long text as a first part shown and the rest folded away: { head, rest }. */
export function excerpt(text, max = 160) {
  const chars = [...(text ?? '')];
  if (chars.length <= max + 40) return { head: chars.join(''), rest: '' };
  return { head: chars.slice(0, max).join(''), rest: chars.slice(max).join('') };
}

// Titles compared as the catalogue folds them, roughly: no spaces or
// punctuation, width folded, case ignored.
function fold(text) {
  return String(text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * What the catalogue holds of a suggested book, from a search of its ISBN
 * or title (`hits`, list_titles' items): { held, tone, text, title_id }.
 * The same ISBN, or the same title (and author, when both are given), is
 * held; anything else found is only alike.
 */
export function catalogueCheck(s, hits) {
  const isbn = s.isbn ? String(s.isbn).replace(/-/g, '') : null;
  const same = hits.find((t) => isbn && t.isbn && t.isbn.replace(/-/g, '') === isbn) ??
    hits.find((t) => fold(t.title) === fold(s.title) && (!s.author || !t.authors || fold(t.authors).includes(fold(s.author).slice(0, 4))));
  const where = (t) => [t.publisher, t.year, t.available > 0 ? `在架 ${t.available} 册` : t.copies ? '全部借出' : '无在架复本'].filter(Boolean).join(' · ');
  if (same) return { held: true, tone: 'warn', text: `馆内已有：《${same.title}》 ${where(same)}`, title_id: same.id };
  if (hits.length) return { held: false, tone: 'muted', text: `馆内没有这本书；相近的有《${hits[0].title}》${hits.length > 1 ? ` 等 ${hits.length} 种` : ''}`, title_id: null };
  return { held: false, tone: 'muted', text: '馆内没有这本书', title_id: null };
}

/** Accepted suggestions still to arrive, and those that arrived within `days` of `today`, newest first. */
export function suggestionState(accepted, arrived, today, days = 30) {
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86400000).toISOString().slice(0, 10);
  return {
    waiting: oldestFirst(accepted, 'decided_at'),
    arrived: arrived.filter((s) => String(s.arrived_at ?? '').slice(0, 10) >= since).sort((a, b) => String(b.arrived_at).localeCompare(String(a.arrived_at))),
  };
}

/** The refusals that need a reason the reader sees: the button's words and the field's hint. */
export const REFUSALS = {
  offers: { act: '不接受…', label: '不接受的理由', hint: '如：本次领读人已满，欢迎报名下一期' },
  leave: { act: '不准假…', label: '不准假的理由', hint: '如：本次课为必修，请调整其他安排' },
  notes: { act: '退回…', label: '退回的理由', hint: '如：请补充结合工作的体会' },
  suggestions: { act: '不采纳…', label: '不采纳的理由', hint: '如：馆内已有同类图书' },
};

/**
 * What a button decides, as the core takes it: a sign-up { admit }, an
 * offer or a suggestion { accept, reason }, leave { approve, answer }, a
 * note the core's NoteDecision ({ decision: 'publish', featured } …).
 */
export function decisionFor(key, act, reason = null) {
  switch (key) {
    case 'signups':
      return { admit: act === 'admit' };
    case 'offers':
    case 'suggestions':
      return act === 'refuse' ? { accept: false, reason } : { accept: true, reason: null };
    case 'leave':
      return act === 'refuse' ? { approve: false, answer: reason } : { approve: true, answer: null };
    case 'notes':
      if (act === 'refuse') return { decision: 'return', reason };
      if (act === 'hide') return { decision: 'hide' };
      return { decision: 'publish', featured: act === 'feature' };
    default:
      throw new Error(`没有“${key}”这类申请。`);
  }
}

/** The line left in place of a decided request: '已准假：王伟 · 政策解读'. */
export function doneText(key, decision, item) {
  const who = item.person_name ?? item.name ?? '';
  switch (key) {
    case 'signups':
      return `${decision.admit ? '已准予参加' : '已移出候补'}：${who} · ${item.event_title}`;
    case 'offers':
      return `${decision.accept ? '已接受，成为领读人' : '已回复不接受'}：${who} · ${item.session_theme}`;
    case 'leave':
      return `${decision.approve ? '已准假' : '已回复不准假'}：${who} · ${item.subject}`;
    case 'notes': {
      const d = decision.decision;
      const again = { published: decision.featured ? '已设为精选' : '已取消精选', hidden: '已重新发表' }[item.status];
      const what = d === 'publish' ? (again ?? (decision.featured ? '已发表为精选' : '已发表')) : d === 'return' ? '已退回' : '已隐藏';
      return `${what}：${who}《${item.book_title}》的心得`;
    }
    case 'suggestions':
      return `${decision.accept ? '已采纳' : '已回复不采纳'}：${who} 荐购的《${item.title}》`;
    default:
      return '已处理';
  }
}
