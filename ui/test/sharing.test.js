import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  byDay,
  comingView,
  isPending,
  monthGrid,
  previewSummary,
  ruleText,
  seriesDefaults,
  sessionsSpan,
  shiftMonth,
  spanText,
  toSeriesDraft,
  weekDays,
  yearAhead,
} from '../lib/sharing.js';

test('the series form becomes the core rule', () => {
  const d = toSeriesDraft({
    name: ' 书香润初心 ', pattern: 'monthly_weekday', every: '1', nth: '-1', weekday: '4',
    start: '2026-01-01', endKind: 'until', until: '2026-12-31', startTime: '15:00', endTime: '17:00', venueId: '3', hostId: '', capacity: '',
  });
  assert.equal(d.name, '书香润初心');
  assert.deepEqual(d.recurrence.pattern, { kind: 'monthly_weekday', every: 1, nth: -1, weekday: 4 });
  assert.deepEqual(d.recurrence.end, { kind: 'until', date: '2026-12-31' });
  assert.equal(d.venue_id, 3);
  assert.equal(d.host_id, null);
  assert.equal(d.history, false, 'a series plans what is to come unless told it records history');
  assert.equal(toSeriesDraft({ name: 'x', history: true }).history, true);
  const w = toSeriesDraft({ name: 'x', pattern: 'weekly', every: '2', weekdays: ['1', '3'], start: '2026-01-01', endKind: 'count', count: '10', startTime: '9:00', endTime: '10:00' });
  assert.deepEqual(w.recurrence.pattern, { kind: 'weekly', every: 2, weekdays: [1, 3] });
  assert.deepEqual(w.recurrence.end, { kind: 'count', count: 10 });
});

test('rules and times read as organizers say them', () => {
  assert.equal(ruleText({ kind: 'monthly_weekday', every: 1, nth: -1, weekday: 4 }), '每月最后一个周四');
  assert.equal(ruleText({ kind: 'weekly', every: 2, weekdays: [1, 3] }), '每 2 周的周一、周三');
  assert.equal(ruleText({ kind: 'monthly_day', every: 1, day: 15 }), '每月 15 日');
  assert.equal(spanText('2026-11-26T15:00', '2026-11-26T17:00'), '2026-11-26（周四）15:00–17:00');
});

test('the month grid is whole weeks from Monday', () => {
  const grid = monthGrid('2026-11-26');
  assert.equal(grid[0][0].day, '2026-10-26');
  assert.equal(grid[0][6].day, '2026-11-01');
  assert.ok(!grid[0][0].inMonth && grid[0][6].inMonth);
  assert.equal(grid.length, 6);
  assert.equal(grid.at(-1)[6].day, '2026-12-06');
  assert.deepEqual(weekDays('2026-11-26'), ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
  assert.equal(shiftMonth('2026-12-15', 1), '2027-01-01');
  assert.equal(shiftMonth('2026-01-15', -1), '2025-12-01');
  const m = byDay([{ starts_at: '2026-11-26T15:00' }, { starts_at: '2026-11-26T09:00' }]);
  assert.equal(m.get('2026-11-26').length, 2);
});

test('a new series plans the coming twelve months from today', () => {
  assert.deepEqual(seriesDefaults('2026-12-07'), { start: '2026-12-07', until: '2027-12-06' }, 'opened in December, it does not plan the year behind');
  assert.equal(yearAhead('2026-01-01'), '2026-12-31');
  assert.equal(yearAhead('2028-02-29'), '2029-02-28', 'a leap day has no twin next year');
});

test('the preview says how many dates have passed', () => {
  const item = (date, extra = {}) => ({ date, conflicts: [], skipped: null, past: false, ...extra });
  const items = [item('2026-11-26', { past: true }), item('2026-12-31'), item('2027-01-28', { conflicts: [{ message: 'x' }] }), item('2027-02-25', { skipped: '春节' })];
  assert.equal(previewSummary('每月最后一个周四', items), '预览：每月最后一个周四，共 3 次，1 个日期有冲突，1 个日期已过');
  assert.equal(previewSummary('每月 15 日', [item('2027-01-15')]), '预览：每月 15 日，共 1 次');
});

test('what is to come: past sessions still planned first, then the coming ones, then this year past', () => {
  const s = (id, day, status) => ({ id, starts_at: `${day}T15:00`, status });
  const sessions = [s(1, '2025-12-18', 'planned'), s(2, '2026-10-29', 'held'), s(3, '2026-11-26', 'planned'), s(4, '2026-12-07', 'planned'), s(5, '2027-01-28', 'planned'), s(6, '2025-11-27', 'held')];
  const today = '2026-12-07';
  assert.equal(isPending(s(9, '2026-12-06', 'planned'), today), true, 'yesterday, still planned');
  assert.equal(isPending(s(9, '2026-12-07', 'planned'), today), false, 'today may still be held');
  assert.equal(isPending(s(9, '2026-12-06', 'cancelled'), today), false);
  const v = comingView(sessions, today);
  assert.deepEqual(v.pending.map((x) => x.id), [1, 3]);
  assert.deepEqual(v.coming.map((x) => x.id), [4, 5]);
  assert.deepEqual(v.earlier.map((x) => x.id), [2], 'last year settled ones are in its year view');
  assert.deepEqual(sessionsSpan([s(5, '2027-01-28'), s(4, '2026-12-31')]), { first: '2026-12-31', last: '2027-01-28' });
  assert.equal(sessionsSpan([]), null);
});
