import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS, barRuns, calibrationTransform, editionText, layout, pageCount, preset, shortTitle } from '../lib/labels.js';

test('every preset fits on an A4 page', () => {
  for (const p of PRESETS) {
    const right = p.left + p.cols * p.width + (p.cols - 1) * p.gapX;
    const bottom = p.top + p.rows * p.height + (p.rows - 1) * p.gapY;
    assert.ok(right <= 210.01, `${p.id} is ${right} mm wide`);
    assert.ok(bottom <= 297.01, `${p.id} is ${bottom} mm high`);
  }
});

test('labels fill a sheet row by row and go on to the next page', () => {
  const p = preset('a4-3x8');
  const spots = layout(p, 26);
  assert.deepEqual(spots[0], { page: 0, index: 0, x: 0, y: 0.5 });
  assert.deepEqual(spots[1], { page: 0, index: 1, x: 70, y: 0.5 });
  assert.deepEqual(spots[3], { page: 0, index: 3, x: 0, y: 37.5 });
  assert.equal(spots[24].page, 1);
  assert.equal(pageCount(p, 26), 2);
  assert.equal(pageCount(p, 0), 0);
});

test('a partly used sheet starts at the first free position', () => {
  const p = preset('a4-4x10');
  const spots = layout(p, 2, 5);
  assert.deepEqual(spots.map((s) => [s.x, s.y]), [[56.5, 46.9], [105, 46.9]]);
  assert.equal(pageCount(p, 36, 5), 2);
});

test('bars become runs to draw', () => {
  assert.deepEqual(barRuns('11010010000'), [[0, 2], [3, 1], [6, 1]]);
  assert.deepEqual(barRuns('000'), []);
});

test('long titles are cut, calibration becomes a transform', () => {
  assert.equal(shortTitle('中华人民共和国全国人民代表大会组织法释义', 8), '中华人民共和国…');
  assert.equal(shortTitle('长征', 8), '长征');
  assert.equal(calibrationTransform({ offset_x_mm: 1.5, offset_y_mm: -2, scale_percent: 98 }), 'translate(1.5mm, -2mm) scale(0.98)');
});

test('editions of one title are told apart where they are picked', () => {
  const a = { title: '万历十五年', publisher: '中华书局', year: '1982', call_number: 'K248.3/1', copies: 2 };
  const b = { title: '万历十五年', publisher: '生活·读书·新知三联书店', year: '2008', call_number: null, copies: 1 };
  assert.equal(editionText(a), '中华书局 · 1982 · K248.3/1 · 2 册');
  assert.equal(editionText(b), '生活·读书·新知三联书店 · 2008 · 1 册');
  assert.notEqual(editionText(a), editionText(b));
});
