import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fieldLabel, groupIssues, rowList, runKindLabel, runText, undoneText } from '../lib/imports.js';
import { setVocabulary } from '../lib/vocabulary.js';

setVocabulary(JSON.parse(fs.readFileSync(new URL('./vocabulary.gen.json', import.meta.url))));

const fields = [
  { key: 'title', label: '书名' },
  { key: 'year', label: '出版年' },
  { key: 'price', label: '价格' },
  { key: 'barcode', label: '条码' },
];
const yearHint = (row, y) => ({ row, field: 'year', message: `出版年“${y}”不是“2021”或“2021-05”这样的写法，已按原文保存。` });

test('a field reads by its Chinese name, as the column choices name it', () => {
  assert.equal(fieldLabel(fields, 'price'), '价格');
  assert.equal(fieldLabel(fields, 'row'), 'row', 'a key the report does not name shows as it is');
  assert.equal(fieldLabel(fields, ''), '');
});

test('the same hint on many rows is one line with its count, the rows behind it', () => {
  const report = { fields, errors: [], warnings: [yearHint(3, '2021年'), { row: 4, field: 'price', message: '价格“约20元”不是人民币金额，已按原文保存。' }, yearHint(7, '一九九九'), yearHint(9, '2021年')] };
  const groups = groupIssues(report);
  assert.equal(groups.length, 2);
  const [years, price] = groups;
  assert.equal(years.label, '出版年');
  assert.equal(years.text, '出版年“…”不是“2021”或“2021-05”这样的写法，已按原文保存。', 'what differs is elided, what all share stays');
  assert.deepEqual(years.rows.map((r) => r.row), [3, 7, 9]);
  assert.equal(years.rows[1].message, yearHint(7, '一九九九').message, 'each row keeps its own message');
  assert.equal(years.summary, '出版年“…”不是“2021”或“2021-05”这样的写法，已按原文保存：3 行');
  assert.equal(years.same, false, 'each row says its own value');
  assert.equal(price.text, '价格“约20元”不是人民币金额，已按原文保存。', 'a hint on one row reads in full');
  assert.equal(price.label, '价格');
});

test('errors come before hints, and the same words on another field are another group', () => {
  const report = {
    fields,
    errors: [{ row: 5, field: 'barcode', message: '条码 SX1 与第 2 行重复。' }, { row: 6, field: 'barcode', message: '条码 SX2 与第 3 行重复。' }],
    warnings: [{ row: 1, field: 'title', message: '已按原文保存。' }, { row: 2, field: 'year', message: '已按原文保存。' }],
  };
  const groups = groupIssues(report);
  assert.deepEqual(groups.map((g) => [g.kind, g.field, g.rows.length]), [['error', 'barcode', 2], ['warning', 'title', 1], ['warning', 'year', 1]]);
  assert.equal(groups[0].text, '条码 … 与第 … 行重复。');
});

test('an import is named by what it brought, in the core\'s words, with its file, time and operator', () => {
  assert.equal(runKindLabel('books'), '书目');
  assert.equal(runKindLabel('people'), '人员');
  const run = { file_name: '新书.xlsx', at: '2026-12-07T01:30:00Z', actor_name: '管理员', inserted: 120, updated: 3 };
  assert.equal(runText(run), '“新书.xlsx”（2026-12-07 09:30:00，管理员）：新增 120，更新 3');
});

test('undoing says what went and what came back', () => {
  assert.equal(undoneText({ titles: 2, copies: 3, people_removed: 0, people_restored: 0 }), '已撤销这次导入：删除了书目 2 种、3 册。');
  assert.equal(undoneText({ titles: 0, copies: 0, people_removed: 4, people_restored: 1 }), '已撤销这次导入：删除了人员 4 人；1 人的资料恢复为导入前的样子。');
  assert.equal(undoneText({ titles: 0, copies: 0, people_removed: 0, people_restored: 0 }), '已撤销这次导入（它带来的记录都已不在）。');
});

test('rows saying exactly the same are one line, their numbers all that differs', () => {
  const hint = (row) => ({ row, field: 'year', message: '出版年不是“2021”“2021-05”“2021年5月”这样的写法，已按原文保存。' });
  const [g] = groupIssues({ fields, errors: [], warnings: [hint(1), hint(2), hint(40)] });
  assert.equal(g.summary, '出版年不是“2021”“2021-05”“2021年5月”这样的写法，已按原文保存：3 行');
  assert.equal(g.same, true);
  assert.equal(rowList(g.rows), '第 1、2、40 行');
});

test('a row is shown by its line in the file when the core knows it, else by its number', () => {
  const report = { fields, errors: [{ row: 3, line: 7, field: 'isbn', message: 'ISBN 校验位不对。' }], warnings: [{ row: 2, field: 'year', message: '已按原文保存。' }] };
  const groups = groupIssues(report);
  assert.equal(groups[0].rows[0].row, 7, 'the sheet\'s row, as Excel numbers it');
  assert.equal(groups[1].rows[0].row, 2, 'a MARC record keeps its number');
});
