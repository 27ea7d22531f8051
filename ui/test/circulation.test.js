import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { countsByUnit, deskMessage, dueText, holdText, longDate, overdueBand, slipsByPerson, stillOut } from '../lib/circulation.js';
import { setVocabulary } from '../lib/vocabulary.js';

setVocabulary(JSON.parse(fs.readFileSync(new URL('./vocabulary.gen.json', import.meta.url))));

const loan = (over) => ({ id: 1, person_id: 1, person_name: '张伟', person_unit: '办公厅', title: '万历十五年', barcode: 'SX000001', due_on: '2026-12-28', overdue_days: 0, returned_at: null, ...over });

test('dates are written out as a letter writes them', () => {
  assert.equal(longDate('2026-01-05'), '2026年1月5日');
});

test('a loan says when it is due, or how late it is', () => {
  assert.equal(dueText(loan({}), '2026-11-26'), '应还 2026-12-28');
  assert.equal(dueText(loan({ due_on: '2026-11-26' }), '2026-11-26'), '今天到期');
  assert.equal(dueText(loan({ overdue_days: 8 }), '2027-01-05'), '逾期 8 天');
  assert.equal(dueText(loan({ returned_at: '2026-12-01T03:00:00Z' })), '已还 2026-12-01');
  assert.equal(dueText(loan({ returned_at: '2026-12-01T17:00:00Z' })), '已还 2026-12-02', 'returned after 01:00 in the office, on the office\'s date');
});

test('the desk tells the librarian to set aside a returned copy someone holds', () => {
  const m = deskMessage({ kind: 'returned', loan: loan({ overdue_days: 3 }), hold: { person_name: '李娜', expires_on: '2026-12-03' } });
  assert.equal(m.tone, 'warn');
  assert.match(m.text, /逾期 3 天/);
  assert.equal(m.notice, '请放到预约架：为 李娜 保留，2026-12-03 前取书');
  assert.equal(deskMessage({ kind: 'returned', loan: loan({}), hold: null }).notice, null);
});

test('a borrower at the limit is shown with the reason', () => {
  const m = deskMessage({
    kind: 'borrower',
    borrower: { person: { name: '王芳', department: '研究室', kind: 'staff' }, loans: [loan({}), loan({ overdue_days: 2 })], holds: [], overdue: 1, blocked: '王芳 已借 2 册，达到借阅上限' },
  });
  assert.equal(m.tone, 'warn');
  assert.match(m.text, /在借 2 册，其中 1 册逾期/);
  assert.match(m.notice, /上限/);
});

test('a borrower with overdue books is shown as a warning, one in good standing as ok', () => {
  const person = { name: '徐红', department: '研究室', kind: 'staff' };
  const late = deskMessage({ kind: 'borrower', borrower: { person, loans: [loan({ overdue_days: 50 })], holds: [], overdue: 1, blocked: null } });
  assert.equal(late.tone, 'warn', 'overdue books are something to raise with the reader');
  assert.equal(late.notice, null);
  const fine = deskMessage({ kind: 'borrower', borrower: { person, loans: [loan({})], holds: [], overdue: 0, blocked: null } });
  assert.equal(fine.tone, 'ok');
});

test('holds read as their queue place or pickup day', () => {
  assert.equal(holdText({ status: 'waiting', position: 2 }), '排队第 2 位');
  assert.equal(holdText({ status: 'ready', copy_barcode: 'SX1', expires_on: '2026-12-03' }), '已留书 SX1，2026-12-03 前取');
  assert.equal(holdText({ status: 'expired' }), '过期未取', 'a closed hold reads in the core\'s words');
});

test('a borrower with no unit is named by their kind, in the core\'s words', () => {
  const m = deskMessage({ kind: 'borrower', borrower: { person: { name: '赵敏', kind: 'deputy' }, loans: [], holds: [], overdue: 0, blocked: null } });
  assert.match(m.text, /^读者：赵敏（人大代表）/);
});

test('reminder slips group loans by person, the longest overdue first', () => {
  const loans = [
    loan({ id: 1, person_id: 1, overdue_days: 3 }),
    loan({ id: 2, person_id: 2, person_name: '李娜', person_unit: '研究室', overdue_days: 40 }),
    loan({ id: 3, person_id: 1, overdue_days: 10 }),
  ];
  const slips = slipsByPerson(loans);
  assert.deepEqual(slips.map((s) => s.name), ['李娜', '张伟']);
  assert.deepEqual(slips[1].loans.map((l) => l.id), [3, 1]);
  assert.deepEqual(countsByUnit(loans), [
    { unit: '办公厅', loans: 2, people: 1 },
    { unit: '研究室', loans: 1, people: 1 },
  ]);
  assert.equal(overdueBand(40), '逾期一至两个月');
  assert.equal(overdueBand(3), '逾期一周内');
});

test('a borrower with a book set aside hears of it', () => {
  const m = deskMessage({
    kind: 'borrower',
    borrower: { person: { name: '李娜', delegation: '东城区代表团', kind: 'deputy' }, loans: [], overdue: 0, blocked: null, holds: [{ status: 'ready', title: '长征', copy_barcode: 'SX9' }, { status: 'waiting', title: '重庆谈判' }] },
  });
  assert.equal(m.tone, 'warn');
  assert.equal(m.notice, '有预约书待取：《长征》SX9，请从预约架取出扫描借出');
});

test('a book still out says it is overdue once its due date has passed', () => {
  assert.deepEqual(stillOut('2026-10-08', '2026-11-27'), { text: '逾期未还（应还 2026-10-08）', late: true });
  assert.deepEqual(stillOut('2026-11-27', '2026-11-27'), { text: '在借，应还 2026-11-27', late: false }, 'due today is not late yet');
  assert.deepEqual(stillOut('2026-12-28', '2026-11-27'), { text: '在借，应还 2026-12-28', late: false });
});
