import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byDay, monthGrid, ruleText, shiftMonth, spanText, toSeriesDraft, weekDays } from '../lib/sharing.js';

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
