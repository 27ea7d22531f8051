import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importProgress } from '../lib/progress.js';

test('an import says what it is doing and how far it has got', () => {
  assert.deepEqual(importProgress(null, true), { text: '正在读取文件……', percent: 0 });
  assert.deepEqual(importProgress({ stage: 'rows', done: 12000, total: 60000 }, true), {
    text: '正在检查：12,000 / 60,000 行',
    percent: 20,
  });
  assert.deepEqual(importProgress({ stage: 'rows', done: 60000, total: 60000 }, false), {
    text: '正在导入：60,000 / 60,000 行',
    percent: 100,
  });
  assert.deepEqual(importProgress({ stage: 'finishing', done: 60000, total: 60000 }, false), {
    text: '已处理 60,000 行，正在保存……',
    percent: 100,
  });
  assert.equal(importProgress({ stage: 'rows', done: 0, total: 0 }, false).percent, 100, 'an empty file is not stuck at nothing');
});
