import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSummary } from '../lib/demo.js';

const base = { titles: 10, volumes: 20, staff: 1, deputies: 2, lending: {}, sharing: {}, training: {} };

test('the demo summary names the periodicals room when the demo made one', () => {
  const said = demoSummary({
    ...base,
    periodicals: { serials: 12, late: 4, routing_overdue: 1, bound: 2, order_lines: 4 },
  });
  assert.match(said, /报刊 12 种（逾期未到 4 期，传阅超期 1 站，合订本 2 册），图书订单 4 种/);
  assert.ok(said.endsWith('明年征订单已草拟。'), said);
});

test('a small demo without periodicals says nothing of them', () => {
  assert.ok(!demoSummary({ ...base, periodicals: { serials: 0 } }).includes('报刊'));
  assert.ok(!demoSummary(base).includes('报刊'));
});
