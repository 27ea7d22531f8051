import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { countsByUnit, dayKindLabel, deskMessage, dueText, holdEdition, holdText, holidayPreview, longDate, overdueBand, returnOffer, slipsByPerson, stillOut, weekdayOf } from '../lib/circulation.js';
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

const onScreen = (over = {}) => ({ person: { id: 2, name: '李娜', kind: 'staff' }, loans: [], holds: [], overdue: 0, blocked: null, ...over });

test('a book lent to another, returned while a reader is on screen, is offered to that reader with one key', () => {
  const m = deskMessage({ kind: 'returned', loan: loan({ copy_id: 7 }), hold: null, borrower: onScreen() });
  assert.equal(m.text, '张伟 归还《万历十五年》SX000001', 'the return is said as any return');
  assert.equal(m.tone, 'ok');
  assert.equal(m.notice, null);
  assert.deepEqual(
    { personId: m.offer.personId, copyId: m.offer.copyId, text: m.offer.text, note: m.offer.note },
    { personId: 2, copyId: 7, text: '按 Enter 借给 李娜', note: null },
  );
});

test('no offer when the book was the reader\'s own, or nobody is on screen', () => {
  const own = deskMessage({ kind: 'returned', loan: loan({ person_id: 2, person_name: '李娜' }), hold: null, borrower: onScreen() });
  assert.equal(own.offer, null, 'their own book came back: nothing to lend');
  assert.equal(own.text, '李娜 归还《万历十五年》SX000001');
  assert.equal(deskMessage({ kind: 'returned', loan: loan({}), hold: null, borrower: null }).offer, null);
  assert.equal(deskMessage({ kind: 'returned', loan: loan({}), hold: null }).offer, null, 'a return from the loans table has no borrower');
});

test('a returned book someone else holds goes to the hold shelf, not to the reader on screen', () => {
  const m = deskMessage({ kind: 'returned', loan: loan({}), hold: { person_id: 3, person_name: '王芳', expires_on: '2026-12-03' }, borrower: onScreen() });
  assert.equal(m.offer, null);
  assert.equal(m.tone, 'warn');
  assert.equal(m.notice, '请放到预约架：为 王芳 保留，2026-12-03 前取书');
});

test('a returned book the reader on screen holds is theirs to take now', () => {
  const m = deskMessage({ kind: 'returned', loan: loan({ copy_id: 7 }), hold: { person_id: 2, person_name: '李娜', expires_on: '2026-12-03' }, borrower: onScreen() });
  assert.equal(m.notice, null, 'no trip to the hold shelf for the reader standing there');
  assert.equal(m.offer.text, '按 Enter 借给 李娜');
  assert.equal(m.offer.note, '这本是 李娜 预约的书，可以直接借给 李娜。');
  assert.equal(returnOffer({ kind: 'lent', loan: loan({}), borrower: onScreen() }), null, 'only a return is offered on');
});

test('a reader on screen who may not borrow is told why instead of offered the book', () => {
  const blocked = '李娜 已借 2 册，达到借阅上限（机关干部 2 册），请先还书。';
  const m = deskMessage({ kind: 'returned', loan: loan({}), hold: null, borrower: onScreen({ blocked }) });
  assert.equal(m.offer, null);
  assert.equal(m.notice, blocked);
});

test('a hold names the edition to pick: publisher, year and call number', () => {
  assert.equal(holdEdition({ call_number: 'D62/1' }, { publisher: '人民出版社', year: '2020' }), '人民出版社 · 2020 · 索书号 D62/1');
  assert.equal(holdEdition({ call_number: null }, { publisher: '中华书局', year: null }), '中华书局');
  assert.equal(holdEdition({ call_number: 'K25/3' }), '索书号 K25/3', 'before the title\'s record has come');
});

test('a holiday file is previewed against the days listed already', () => {
  const listed = [
    { day: '2027-01-01', kind: 'holiday', name: '元旦' },
    { day: '2027-02-06', kind: 'holiday', name: '春节' },
  ];
  const days = [
    { day: '2027-01-01', kind: 'holiday', name: '元旦' },
    { day: '2027-02-06', kind: 'workday', name: '春节' },
    { day: '2027-02-07', kind: 'holiday', name: '春节' },
  ];
  const p = holidayPreview(days, listed);
  assert.deepEqual(p.rows.map((r) => [r.day, r.weekday, r.change]), [
    ['2027-01-01', '周五', 'same'],
    ['2027-02-06', '周六', 'changed'],
    ['2027-02-07', '周日', 'new'],
  ]);
  assert.equal(p.rows[1].was.kind, 'holiday', 'a changed day says what it was');
  assert.deepEqual([p.added, p.changed, p.same, p.from, p.to], [1, 1, 1, '2027-01-01', '2027-02-07']);
  assert.equal(dayKindLabel('workday'), '调休开馆');
  assert.equal(weekdayOf('2026-12-28'), '周一');
});
