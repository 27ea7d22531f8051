import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  arrivalText,
  defaultPattern,
  draftFromForm,
  formatPairs,
  formatSkips,
  formatWeekdays,
  groupBySupplier,
  legState,
  matchingSerials,
  parseNumbers,
  parsePairs,
  parseRange,
  parseSkips,
  parseWeekdays,
  presetFields,
  scanKind,
  serialCode,
  stopName,
} from '../lib/periodicals.js';

test('each 刊期 asks for the pattern fields it uses, and says what an empty one means', () => {
  for (const f of ['日报', '周六刊', '周五刊', '周三刊', '周二刊', '周刊']) {
    assert.deepEqual([presetFields(f).weekdays, presetFields(f).days, presetFields(f).months], [true, false, false], `${f} is by weekday`);
  }
  for (const f of ['旬刊', '半月刊', '月刊']) assert.deepEqual([presetFields(f).weekdays, presetFields(f).days, presetFields(f).months], [false, true, false], f);
  for (const f of ['双月刊', '季刊', '半年刊', '年刊']) assert.deepEqual([presetFields(f).days, presetFields(f).months], [true, true], f);
  const irregular = presetFields('不定期');
  assert.deepEqual([irregular.weekdays, irregular.days, irregular.months], [false, false, false], '不定期 predicts nothing');
  assert.match(irregular.hint, /手工添加/);
  assert.match(presetFields('半月刊').hint, /1、16 日/);
  assert.match(presetFields('周刊').hint, /周五/);
  assert.equal(defaultPattern('周三刊'), '周一、三、五');
  assert.equal(defaultPattern('不定期'), '', 'nothing predicted');
});

test('weekdays are read in Chinese or as numbers, Monday 1', () => {
  assert.deepEqual(parseWeekdays('一,三,五').value, [1, 3, 5]);
  assert.deepEqual(parseWeekdays('周二 周五').value, [2, 5]);
  assert.deepEqual(parseWeekdays('星期日').value, [7]);
  assert.deepEqual(parseWeekdays('1-5').value, [1, 2, 3, 4, 5], 'a range');
  assert.deepEqual(parseWeekdays('').value, [], 'empty: the preset’s');
  assert.ok(parseWeekdays('8').error, 'there is no eighth day');
  assert.equal(formatWeekdays([1, 3, 5]), '一、三、五');
});

test('days of the month and months are whole numbers in range', () => {
  assert.deepEqual(parseNumbers('15，5、25 5', 1, 31, '日期').value, [5, 15, 25], 'Chinese separators, sorted and unique');
  assert.match(parseNumbers('32', 1, 31, '日期').error, /1 到 31/);
  assert.match(parseNumbers('十', 1, 31, '日期').error, /不是数字/);
});

test('合刊 pairs read and written as 7-8', () => {
  assert.deepEqual(parsePairs('7-8, 11-12').value, [[7, 8], [11, 12]]);
  assert.deepEqual(parsePairs('1至2').value, [[1, 2]]);
  assert.match(parsePairs('8-7').error, /前小后大/);
  assert.match(parsePairs('7').error, /如 7-8/);
  assert.equal(formatPairs([[7, 8], [11, 12]]), '7-8, 11-12');
  assert.deepEqual(parsePairs(formatPairs([[1, 2]])).value, [[1, 2]], 'what is shown reads back');
});

test('休刊 are days or ranges of real dates', () => {
  assert.deepEqual(parseSkips('2027-02-10..2027-02-17, 2027-10-01').value, [
    ['2027-02-10', '2027-02-17'],
    ['2027-10-01', '2027-10-01'],
  ]);
  assert.deepEqual(parseSkips('2027-02-10至2027-02-12').value, [['2027-02-10', '2027-02-12']]);
  assert.ok(parseSkips('2027-02-30').error, 'no 30 February');
  assert.match(parseSkips('2027-03-01..2027-02-01').error, /早于/);
  assert.equal(formatSkips([['2027-02-10', '2027-02-17'], ['2027-10-01', '2027-10-01']]), '2027-02-10..2027-02-17, 2027-10-01');
});

test('a binding range is 1-12 or one number', () => {
  assert.deepEqual(parseRange('1-12'), { from: 1, to: 12 });
  assert.deepEqual(parseRange(' 7 '), { from: 7, to: 7 });
  assert.ok(parseRange('12-1').error);
  assert.ok(parseRange('全年').error);
});

test('the form becomes the core’s draft, or the fields that cannot be sent', () => {
  const { draft } = draftFromForm({
    frequency: '月刊',
    period: 'year',
    year: '2027',
    days: '10',
    weekdays: '一',
    copies: '2',
    price: '180.00',
    first_issue: '',
    first_total: '301',
    combine: '7-8',
    skip: '',
    holiday_pause: 'on',
    grace_days: '20',
    transit_days: '',
    supplier: ' 邮局 ',
  });
  assert.deepEqual(draft, {
    frequency: '月刊',
    weekdays: [],
    days: [10],
    months: [],
    copies: 2,
    price: '180.00',
    first_issue: null,
    first_total: 301,
    combine: [[7, 8]],
    skip: [],
    holiday_pause: true,
    grace_days: 20,
    transit_days: null,
    supplier: '邮局',
    year: 2027,
  }, 'a monthly takes no weekdays; empty numbers are the core’s defaults');
  const range = draftFromForm({ frequency: '周刊', period: 'range', from: '2027-07-01', to: '2027-12-31' }).draft;
  assert.deepEqual([range.from, range.to, range.year], ['2027-07-01', '2027-12-31', undefined], 'part of a year');
  const { errors } = draftFromForm({ frequency: '周刊', period: 'year', year: '', copies: '0', combine: '8-7', weekdays: '九' });
  assert.deepEqual(Object.keys(errors).sort(), ['combine', 'copies', 'weekdays', 'year']);
});

test('a scan is told apart: the cover’s EAN-13, an ISSN, a 邮发代号 or a title', () => {
  assert.equal(scanKind('9770028083002'), 'ean');
  assert.equal(scanKind('0028-0836'), 'issn');
  assert.equal(scanKind('2-873'), 'postal');
  assert.equal(scanKind('1-1'), 'postal');
  assert.equal(scanKind('9787508617725'), 'title', 'a book’s ISBN is no serial code');
  assert.equal(scanKind('人民日报'), 'title');
  assert.equal(serialCode({ issn: null, postal_code: '1-1', title: '人民日报' }), '1-1');
  assert.equal(serialCode({ issn: '0028-0836', postal_code: '2-873', title: 'x' }), '0028-0836');
});

test('a title search finds each serial once, stopped subscriptions left out', () => {
  const subs = [
    { title_id: 1, title: '人民日报', stopped: false },
    { title_id: 1, title: '人民日报', stopped: false },
    { title_id: 2, title: '人民周刊', stopped: true },
    { title_id: 3, title: '求是', stopped: false },
  ];
  assert.deepEqual(matchingSerials(subs, '人民').map((s) => s.title_id), [1]);
  assert.deepEqual(matchingSerials(subs, ' '), []);
});

test('the check-in answer says 已到 or how much of a partial arrival is in', () => {
  assert.equal(arrivalText({ status: 'received', issue: { copies_expected: 2, copies_received: 2 } }), '已到：2 份到齐');
  assert.equal(arrivalText({ status: 'partial', issue: { copies_expected: 3, copies_received: 1 } }), '部分到：已到 1 / 3 份，还差 2 份');
});

test('the late list is grouped per supplier in the order given, copies added up', () => {
  const groups = groupBySupplier([
    { supplier: '邮局', copies_missing: 2 },
    { supplier: '邮局', copies_missing: 1 },
    { supplier: '杂志社', copies_missing: 1 },
    { supplier: '', copies_missing: 1 },
  ]);
  assert.deepEqual(
    groups.map((g) => [g.supplier, g.rows.length, g.copies]),
    [
      ['邮局', 2, 3],
      ['杂志社', 1, 1],
      ['（未填订阅渠道）', 1, 1],
    ],
  );
});

test('a routing stop is named by person or department, and a leg says where the issue is', () => {
  assert.equal(stopName({ name: '张伟', department: null }), '张伟');
  assert.equal(stopName({ name: null, department: '研究室' }), '研究室');
  assert.equal(legState({ given_on: null }), 'waiting');
  assert.equal(legState({ given_on: '2027-01-04', returned_on: null }), 'with');
  assert.equal(legState({ given_on: '2027-01-04', returned_on: '2027-01-06' }), 'back');
});
