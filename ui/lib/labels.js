// Label sheets: the A4 layouts offered, where each label sits on a page
// (with the printer's calibration), and bars as runs to draw.

/** A4 sheets in mm: columns × rows of width × height, first label at left/top, gaps between. */
export const PRESETS = [
  { id: 'a4-3x8', name: 'A4 3×8（70×37 mm，24 张）', cols: 3, rows: 8, width: 70, height: 37, left: 0, top: 0.5, gapX: 0, gapY: 0 },
  { id: 'a4-3x7', name: 'A4 3×7（70×42.3 mm，21 张）', cols: 3, rows: 7, width: 70, height: 42.3, left: 0, top: 0.4, gapX: 0, gapY: 0 },
  { id: 'a4-4x10', name: 'A4 4×10（48.5×25.4 mm，40 张）', cols: 4, rows: 10, width: 48.5, height: 25.4, left: 8, top: 21.5, gapX: 0, gapY: 0 },
  { id: 'a4-5x13', name: 'A4 5×13（38.1×21.2 mm，65 张）', cols: 5, rows: 13, width: 38.1, height: 21.2, left: 4.75, top: 10.7, gapX: 2.5, gapY: 0 },
  { id: 'a4-2x7', name: 'A4 2×7（99.1×38.1 mm，14 张）', cols: 2, rows: 7, width: 99.1, height: 38.1, left: 4.65, top: 15.15, gapX: 2.5, gapY: 0 },
  { id: 'a4-2x5-card', name: 'A4 2×5 卡片（85.6×54 mm，10 张，借书证）', cols: 2, rows: 5, width: 85.6, height: 54, left: 14.4, top: 13.5, gapX: 10, gapY: 0 },
];

export const KINDS = [
  { id: 'barcode', name: '条码标签', preset: 'a4-4x10' },
  { id: 'spine', name: '书脊标签', preset: 'a4-5x13' },
  { id: 'card', name: '借书证', preset: 'a4-2x5-card' },
];

export function preset(id) {
  return PRESETS.find((p) => p.id === id) ?? PRESETS[0];
}

/**
 * Places `count` labels on pages of sheet `p`, leaving the first `skip`
 * positions of the first page empty (a sheet already partly used).
 * Returns [{ page, index, x, y }] in mm from the page's top left.
 */
export function layout(p, count, skip = 0) {
  const perPage = p.cols * p.rows;
  const start = Math.max(0, Math.min(skip, perPage - 1));
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const slot = start + i;
    const page = Math.floor(slot / perPage);
    const pos = slot % perPage;
    const col = pos % p.cols;
    const row = Math.floor(pos / p.cols);
    out.push({
      page,
      index: i,
      x: round(p.left + col * (p.width + p.gapX)),
      y: round(p.top + row * (p.height + p.gapY)),
    });
  }
  return out;
}

function round(mm) {
  return Math.round(mm * 100) / 100;
}

/** How many pages `count` labels take. */
export function pageCount(p, count, skip = 0) {
  if (count === 0) return 0;
  return layout(p, count, skip).at(-1).page + 1;
}

/** '11010010000…' → [[start, width], …] of the bars (1 runs). */
export function barRuns(bars) {
  const runs = [];
  let i = 0;
  while (i < bars.length) {
    if (bars[i] === '1') {
      let j = i;
      while (j < bars.length && bars[j] === '1') j += 1;
      runs.push([i, j - i]);
      i = j;
    } else {
      i += 1;
    }
  }
  return runs;
}

/** Cuts a long title for a small label: at most `max` characters, with an ellipsis. */
export function shortTitle(title, max = 16) {
  const chars = [...(title ?? '')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/**
 * What tells one edition of a title from another where titles are picked:
 * publisher, year and call number (as the catalogue list shows them), and
 * how many copies it has. “人民出版社 · 2008 · K248.3/12 · 3 册”.
 */
export function editionText(t) {
  return [t.publisher, t.year, t.call_number, `${t.copies ?? 0} 册`].filter(Boolean).join(' · ');
}

/** The calibration as a CSS transform: shift in mm, then scale. */
export function calibrationTransform({ offset_x_mm: x = 0, offset_y_mm: y = 0, scale_percent: s = 100 }) {
  return `translate(${x}mm, ${y}mm) scale(${s / 100})`;
}
