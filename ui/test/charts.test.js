import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barLayout, countAxis, hbarLayout, lineLayout, niceMax } from '../lib/charts.js';

test('axes end on round numbers', () => {
  assert.equal(niceMax(7), 8);
  assert.equal(niceMax(23), 25);
  assert.equal(niceMax(140), 150);
  assert.equal(niceMax(0), 1);
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

test('count axes step by whole round numbers and end at or above the largest count', () => {
  assert.deepEqual(countAxis(45), { max: 50, ticks: [0, 10, 20, 30, 40, 50] }, 'not 0, 12.5, 25, 37.5, 50');
  assert.deepEqual(countAxis(100), { max: 100, ticks: [0, 20, 40, 60, 80, 100] });
  assert.deepEqual(countAxis(8), { max: 8, ticks: [0, 2, 4, 6, 8] });
  assert.deepEqual(countAxis(3), { max: 3, ticks: [0, 1, 2, 3] }, 'no half loans on a small axis');
  assert.deepEqual(countAxis(0), { max: 1, ticks: [0, 1] }, 'an empty chart still has an axis');
  assert.deepEqual(countAxis(120), { max: 125, ticks: [0, 25, 50, 75, 100, 125] });
  for (const v of [1, 7, 13, 29, 61, 99, 101, 333, 999, 4321]) {
    const { max, ticks } = countAxis(v);
    assert.ok(max >= v && ticks.at(-1) === max, `${v}: top ${max}`);
    assert.ok(ticks.length <= 6 && ticks.every(Number.isInteger), `${v}: ${ticks}`);
  }
});
