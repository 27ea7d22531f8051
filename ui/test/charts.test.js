import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barLayout, hbarLayout, lineLayout, niceMax, ticks } from '../lib/charts.js';

test('axes end on round numbers', () => {
  assert.equal(niceMax(7), 8);
  assert.equal(niceMax(23), 25);
  assert.equal(niceMax(140), 150);
  assert.equal(niceMax(0), 1);
  assert.deepEqual(ticks(8), [0, 2, 4, 6, 8]);
});

test('bars are one per value, as tall as their share of the axis', () => {
  const bars = barLayout([0, 5, 10], { width: 300, height: 100, gap: 0 });
  assert.equal(bars.length, 3);
  assert.deepEqual(bars.map((b) => [b.x, b.h, b.y]), [[0, 0, 100], [100, 50, 50], [200, 100, 0]]);
  const rows = hbarLayout([4, 2], { width: 100, rowHeight: 20, gap: 0, max: 4 });
  assert.deepEqual(rows.map((r) => [r.y, r.w]), [[0, 100], [20, 50]]);
});

test('a line has a point per value and a path through them', () => {
  const { points, path } = lineLayout([0, 4, 2], { width: 100, height: 40, max: 4 });
  assert.deepEqual(points.map((p) => [p.x, p.y]), [[0, 40], [50, 0], [100, 20]]);
  assert.equal(path, 'M0,40 L50,0 L100,20');
  assert.equal(lineLayout([3], { width: 100, height: 40 }).points[0].x, 50);
});
