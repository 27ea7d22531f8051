// Reading-share and calendar logic: the series form → the core's rule,
// words for rules and times, the coming twelve months (a new series' dates,
// the list of what is to come, sessions past and still planned, to settle),
// and the month and week grids of the calendar.

import { WEEKDAYS } from './circulation.js';

export const NTH = [
  { value: 1, label: '第一个' },
  { value: 2, label: '第二个' },
  { value: 3, label: '第三个' },
  { value: 4, label: '第四个' },
  { value: -1, label: '最后一个' },
];

/** The series form's values → the core's SeriesDraft. */
export function toSeriesDraft(v) {
  const every = Math.max(1, Number(v.every) || 1);
  let pattern;
  if (v.pattern === 'weekly') pattern = { kind: 'weekly', every, weekdays: (v.weekdays ?? []).map(Number) };
  else if (v.pattern === 'monthly_day') pattern = { kind: 'monthly_day', every, day: Number(v.day) };
  else pattern = { kind: 'monthly_weekday', every, nth: Number(v.nth), weekday: Number(v.weekday) };
  const end = v.endKind === 'count' ? { kind: 'count', count: Number(v.count) } : { kind: 'until', date: v.until };
  const text = (s) => (s ?? '').trim() || null;
  return {
    name: (v.name ?? '').trim(),
    theme: text(v.theme),
    recurrence: { pattern, start: v.start, end, skip_holidays: v.skipHolidays !== false, skip: [] },
    start_time: v.startTime,
    end_time: v.endTime,
    venue_id: v.venueId ? Number(v.venueId) : null,
    host_id: v.hostId ? Number(v.hostId) : null,
    capacity: v.capacity ? Number(v.capacity) : null,
    history: v.history === true,
  };
}

/** A rule in words: '每月最后一个周四', '每 2 周的周一、周三', '每月 15 日'. */
export function ruleText(pattern) {
  const every = (n, unit) => (n > 1 ? `每 ${n} ${unit}` : `每${unit === '周' ? '周' : '月'}`);
  if (pattern.kind === 'weekly') return `${every(pattern.every, '周')}的${pattern.weekdays.map((d) => WEEKDAYS[d - 1]).join('、')}`;
  if (pattern.kind === 'monthly_day') return `${every(pattern.every, '个月')} ${pattern.day} 日`;
  const nth = NTH.find((n) => n.value === pattern.nth)?.label ?? '';
  return `${every(pattern.every, '个月')}${nth}${WEEKDAYS[pattern.weekday - 1]}`;
}

/** '2026-11-26T15:00', '2026-11-26T17:00' → '2026-11-26（周四）15:00–17:00'. */
export function spanText(start, end) {
  const day = start.slice(0, 10);
  const wd = WEEKDAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7];
  const endText = end.slice(0, 10) === day ? end.slice(11, 16) : end.replace('T', ' ');
  return `${day}（${wd}）${start.slice(11, 16)}–${endText}`;
}

function iso(d) {
  return d.toISOString().slice(0, 10);
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** The Monday on or before `day`. */
export function mondayOf(day) {
  const d = new Date(`${day}T00:00:00Z`);
  return addDays(day, -((d.getUTCDay() + 6) % 7));
}

/** The month grid: whole weeks Monday–Sunday covering the month of `day`. */
export function monthGrid(day) {
  const first = `${day.slice(0, 7)}-01`;
  const start = mondayOf(first);
  const month = day.slice(0, 7);
  const weeks = [];
  let cur = start;
  do {
    const week = [];
    for (let i = 0; i < 7; i += 1) {
      week.push({ day: cur, inMonth: cur.slice(0, 7) === month });
      cur = addDays(cur, 1);
    }
    weeks.push(week);
  } while (cur.slice(0, 7) === month);
  return weeks;
}

/** The seven days of the week of `day`. */
export function weekDays(day) {
  const start = mondayOf(day);
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

/** The month before or after `day`'s month (its first day). */
export function shiftMonth(day, n) {
  const [y, m] = day.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return iso(d);
}

export function shiftDays(day, n) {
  return addDays(day, n);
}

/** Entries by their office-local day. */
export function byDay(entries) {
  const map = new Map();
  for (const e of entries) {
    const d = e.starts_at.slice(0, 10);
    if (!map.has(d)) map.set(d, []);
    map.get(d).push(e);
  }
  return map;
}

/** The last day of the twelve months from `day`: '2026-12-07' → '2027-12-06'. */
export function yearAhead(day) {
  const [y, m, d] = day.split('-').map(Number);
  return addDays(iso(new Date(Date.UTC(y + 1, m - 1, d))), -1);
}

/** A new series' dates by default: the coming twelve months, from today. */
export function seriesDefaults(today) {
  return { start: today, until: yearAhead(today) };
}

/** A session whose day has passed and is still planned: the organizer has yet to settle it. */
export function isPending(session, today) {
  return session.status === 'planned' && session.starts_at.slice(0, 10) < today;
}

/**
 * The list of what is to come, in three groups: { pending, coming, earlier }
 * — past sessions still planned (to settle), those from today on, and this
 * year's past sessions already settled.
 */
export function comingView(sessions, today) {
  const day = (s) => s.starts_at.slice(0, 10);
  return {
    pending: sessions.filter((s) => isPending(s, today)),
    coming: sessions.filter((s) => day(s) >= today),
    earlier: sessions.filter((s) => day(s) < today && !isPending(s, today) && day(s).slice(0, 4) === today.slice(0, 4)),
  };
}

/** The preview's count line: '每月最后一个周四，共 12 次，2 个日期有冲突，3 个日期已过'. */
export function previewSummary(rule, items) {
  const kept = items.filter((p) => !p.skipped);
  const clashes = kept.filter((p) => p.conflicts.length).length;
  const past = kept.filter((p) => p.past).length;
  return `预览：${rule}，共 ${kept.length} 次${clashes ? `，${clashes} 个日期有冲突` : ''}${past ? `，${past} 个日期已过` : ''}`;
}

/** Where a new series' sessions are: { first, last } days of `sessions`, or null. */
export function sessionsSpan(sessions) {
  const days = sessions.map((s) => s.starts_at.slice(0, 10)).sort();
  return days.length ? { first: days[0], last: days.at(-1) } : null;
}
