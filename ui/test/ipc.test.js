import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asciiJson } from '../lib/ipc.js';

test('choices with Chinese names travel as ASCII JSON and read back the same', () => {
  const choices = { fileName: '图书清单（2026年）😀.xlsx', dryRun: true, columns: [['书名', 'title'], ['序号', '']] };
  const text = asciiJson(choices);
  assert.match(text, /^[\x20-\x7e]*$/, 'nothing but printable ASCII');
  assert.deepEqual(JSON.parse(text), choices);
});
