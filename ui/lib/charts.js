// Chart geometry from data, as plain numbers: the components turn it into
// SVG elements. One mark per data point, so a chart can be checked by
// counting its marks.

/** A round upper bound for an axis: 7 → 8, 23 → 25, 140 → 150, 0 → 1. */
export function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (value <= step * power) return step * power;
  }
  return 10 * power;
}

/**
 * An axis for counts (loans, people): ticks a whole, round step apart
 * (1, 2, 5, 10, 20, 25, 50 … — never 12.5 loans), at most `most` intervals,
 * the top at or above `value`. → { max, ticks }
 */
export function countAxis(value, most = 5) {
  const top = value > 0 ? value : 1;
  for (let power = 1; ; power *= 10) {
    for (const s of [1, 2, 2.5, 5]) {
      const step = s * power;
      const n = Math.ceil(top / step);
      if (Number.isInteger(step) && n <= most) {
        return { max: n * step, ticks: Array.from({ length: n + 1 }, (_, i) => i * step) };
      }
    }
  }
}

/**
 * Vertical bars: values → [{ x, y, w, h, value }] inside a plot box of
 * `width` × `height` (origin top left), with `gap` as a share of each slot.
 */
export function barLayout(values, { width, height, gap = 0.25, max = niceMax(Math.max(0, ...values)) }) {
  const slot = values.length ? width / values.length : width;
  const w = slot * (1 - gap);
  return values.map((value, i) => {
    const h = max > 0 ? (Math.max(0, value) / max) * height : 0;
    return { x: i * slot + (slot - w) / 2, y: height - h, w, h, value };
  });
}

/** Horizontal bars: values → [{ x, y, w, h, value }], one row each. */
export function hbarLayout(values, { width, rowHeight, gap = 0.3, max = niceMax(Math.max(0, ...values)) }) {
  const h = rowHeight * (1 - gap);
  return values.map((value, i) => ({ x: 0, y: i * rowHeight + (rowHeight - h) / 2, w: max > 0 ? (Math.max(0, value) / max) * width : 0, h, value }));
}

/** A line through the values: points and an SVG path. */
export function lineLayout(values, { width, height, max = niceMax(Math.max(0, ...values)) }) {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values.map((value, i) => ({ x: values.length > 1 ? i * step : width / 2, y: height - (max > 0 ? (Math.max(0, value) / max) * height : 0), value }));
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${round(p.x)},${round(p.y)}`).join(' ');
  return { points, path };
}

function round(n) {
  return Math.round(n * 10) / 10;
}
