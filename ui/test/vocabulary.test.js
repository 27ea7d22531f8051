import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  areas,
  attendanceMarks,
  groups,
  kindLabel,
  limit,
  officeDate,
  officeDateTime,
  officeToday,
  personKinds,
  roleLabel,
  roles,
  setVocabulary,
  statusLabel,
  statuses,
} from '../lib/vocabulary.js';

const vocabulary = JSON.parse(fs.readFileSync(new URL('./vocabulary.gen.json', import.meta.url)));
setVocabulary(vocabulary);

test('the office date turns over at midnight in the office, not at UTC midnight', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-12-07T15:59:59Z') });
  assert.equal(officeToday(), '2026-12-07', '23:59:59 in the office is still the 7th');
  t.mock.timers.tick(1000);
  assert.equal(officeToday(), '2026-12-08', 'a window left open past midnight sees the new day');
  t.mock.timers.setTime(Date.parse('2026-12-08T23:30:00Z'));
  assert.equal(officeToday(), '2026-12-09', 'in UTC it is still the 8th; in the office it is 07:30 on the 9th');
  assert.equal(officeToday(Date.parse('2026-12-31T16:00:00Z')), '2027-01-01', 'a given instant is read the same way');
});

test('stored instants read as the office sees them', () => {
  assert.equal(officeDate('2026-11-26T17:30:00Z'), '2026-11-27');
  assert.equal(officeDate('2026-11-26T02:00:00Z'), '2026-11-26');
  assert.equal(officeDateTime('2026-11-26T17:30:05Z'), '2026-11-27 01:30:05');
  assert.equal(officeDate(null), '', 'nothing stored shows nothing');
  assert.equal(officeDateTime('不是时间'), '不是时间', 'what does not parse is shown as it is');
});

test('the office offset is the core\'s, not a constant of the UI', () => {
  setVocabulary({ ...vocabulary, office_offset_minutes: 0 });
  assert.equal(officeDate('2026-11-26T17:30:00Z'), '2026-11-26');
  setVocabulary(vocabulary);
  assert.equal(officeDate('2026-11-26T17:30:00Z'), '2026-11-27');
});

test('without the vocabulary the office time is refused rather than guessed', () => {
  setVocabulary(null);
  assert.throws(() => officeToday(), /时区/);
  assert.deepEqual(roles(), [], 'lists are empty, not invented');
  setVocabulary(vocabulary);
});

test('codes read in the core\'s words; a code it has not named shows as it is', () => {
  assert.equal(roleLabel('organizer'), '活动组织者');
  assert.match(roles().find((r) => r.code === 'viewer').hint, /看不到电话/, 'a role\'s hint says what it may see');
  assert.equal(kindLabel('deputy'), '人大代表');
  assert.deepEqual(personKinds().map((k) => k.code), ['staff', 'deputy']);
  assert.equal(groups().length, 8);
  assert.equal(statusLabel('copy', 'on_shelf'), '在架');
  assert.equal(statusLabel('hold', 'ready'), '已留书待取');
  assert.equal(statusLabel('outcome', 'damaged'), '损坏');
  assert.equal(statusLabel('session', 'held'), '已举行');
  assert.equal(statusLabel('enrol', 'waitlisted'), '候补');
  assert.equal(statusLabel('copy', 'in_transit'), 'in_transit');
  assert.equal(kindLabel(null), '', 'no code, no words');
  assert.deepEqual(statuses('copy').map((s) => s.code), ['on_shelf', 'on_loan', 'repair', 'lost', 'withdrawn']);
  assert.throws(() => statuses('loan'), /状态/, 'a kind of status the core does not have is a mistake in the UI');
  assert.deepEqual(attendanceMarks().map((a) => [a.code, a.hint]), [['present', '✓'], ['leave', '假'], ['absent', '✗']]);
});

test('the log\'s areas are the core\'s codes with their kinds of record', () => {
  assert.deepEqual(areas().map((a) => a.code), ['people', 'catalogue', 'circulation', 'sharing', 'training', 'periodicals', 'system']);
  const system = areas().find((a) => a.code === 'system');
  assert.equal(system.label, '设置与数据');
  assert.ok(system.entities.some((e) => e.code === 'audit_log'));
});

test('field limits are the core\'s; a field without one has none', () => {
  assert.equal(limit('person', 'name'), 50);
  assert.equal(limit('title', 'call_number'), 60);
  assert.equal(limit('copies'), 500);
  assert.equal(limit('person', 'phone'), null, 'the core checks a phone by its digits, not its length');
  assert.equal(limit('venue', 'name'), null);
});
