// Charts as SVG built element by element from data (never from markup):
// vertical bars, horizontal bars and a line, each with axis ticks, labels
// and one `.mark` per data point carrying its value for tests and tooltips.

import { barLayout, countAxis, hbarLayout, lineLayout } from '../lib/charts.js';

const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, text = null) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== null) e.textContent = text;
  return e;
}

function frame(name, width, height, title) {
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title, 'data-chart': name });
  svg.append(el('title', {}, title));
  return svg;
}

function yAxis(svg, { max, ticks }, { left, top, height, width }) {
  for (const t of ticks) {
    const y = top + height - (t / max) * height;
    svg.append(el('line', { x1: left, x2: left + width, y1: y, y2: y, class: 'grid-line' }));
    svg.append(el('text', { x: left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, String(t)));
  }
}

/** Vertical bars: `items` [{ label, value, title? }]. */
export function barChart(name, items, { title, width = 520, height = 220, unit = '' } = {}) {
  const box = { left: 40, top: 12, width: width - 52, height: height - 52 };
  const axis = countAxis(Math.max(0, ...items.map((i) => i.value)));
  const { max } = axis;
  const svg = frame(name, width, height, title);
  yAxis(svg, axis, box);
  const bars = barLayout(items.map((i) => i.value), { width: box.width, height: box.height, max });
  const every = Math.ceil(items.length / 12);
  bars.forEach((b, i) => {
    const rect = el('rect', { x: box.left + b.x, y: box.top + b.y, width: b.w, height: b.h, class: 'mark', 'data-value': b.value });
    rect.append(el('title', {}, `${items[i].title ?? items[i].label}：${b.value}${unit}`));
    svg.append(rect);
    if (i % every === 0) svg.append(el('text', { x: box.left + b.x + b.w / 2, y: box.top + box.height + 16, class: 'label', 'text-anchor': 'middle' }, items[i].label));
  });
  return svg;
}

/** Horizontal bars, one row per item, labels on the left. */
export function hbarChart(name, items, { title, width = 520, rowHeight = 22, labelWidth = 180, unit = '' } = {}) {
  const height = Math.max(1, items.length) * rowHeight + 8;
  const plot = width - labelWidth - 40;
  const svg = frame(name, width, height, title);
  const bars = hbarLayout(items.map((i) => i.value), { width: plot, rowHeight });
  bars.forEach((b, i) => {
    const y = 4 + b.y;
    svg.append(el('text', { x: labelWidth - 8, y: y + b.h - 3, class: 'label', 'text-anchor': 'end' }, items[i].label.length > 14 ? `${items[i].label.slice(0, 13)}…` : items[i].label));
    const rect = el('rect', { x: labelWidth, y, width: Math.max(b.w, 1), height: b.h, class: 'mark', 'data-value': b.value });
    rect.append(el('title', {}, `${items[i].label}：${b.value}${unit}`));
    svg.append(rect);
    svg.append(el('text', { x: labelWidth + b.w + 6, y: y + b.h - 3, class: 'value' }, `${b.value}${unit}`));
  });
  return svg;
}

/** A line with a dot per item. */
export function lineChart(name, items, { title, width = 520, height = 220, unit = '' } = {}) {
  const box = { left: 40, top: 12, width: width - 60, height: height - 52 };
  const axis = countAxis(Math.max(0, ...items.map((i) => i.value)));
  const { max } = axis;
  const svg = frame(name, width, height, title);
  yAxis(svg, axis, box);
  const { points, path } = lineLayout(items.map((i) => i.value), { width: box.width, height: box.height, max });
  svg.append(el('path', { d: path, transform: `translate(${box.left},${box.top})`, class: 'line' }));
  const every = Math.ceil(items.length / 12);
  points.forEach((p, i) => {
    const dot = el('circle', { cx: box.left + p.x, cy: box.top + p.y, r: 4, class: 'mark', 'data-value': p.value });
    dot.append(el('title', {}, `${items[i].title ?? items[i].label}：${p.value}${unit}`));
    svg.append(dot);
    if (i % every === 0) svg.append(el('text', { x: box.left + p.x, y: box.top + box.height + 16, class: 'label', 'text-anchor': 'middle' }, items[i].label));
  });
  return svg;
}

/** A chart in a titled figure, or what to do when there is no data yet. */
export function chartFigure(title, svg, empty) {
  const fig = document.createElement('figure');
  fig.className = 'chart-figure';
  const cap = document.createElement('figcaption');
  cap.textContent = title;
  fig.append(cap);
  if (svg) fig.append(svg);
  else {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = empty;
    fig.append(p);
  }
  return fig;
}
