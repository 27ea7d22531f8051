// A Code 128 barcode drawn as SVG from the core's bars ('1' bar, '0' space),
// with quiet zones, built element by element (never from markup).

import { barRuns } from '../lib/labels.js';

const SVG = 'http://www.w3.org/2000/svg';
const QUIET = 10;

export function barcodeSvg(bars, { label = '' } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  const width = bars.length + QUIET * 2;
  svg.setAttribute('viewBox', `0 0 ${width} 40`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'barcode');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label ? `条码 ${label}` : '条码');
  svg.dataset.bars = bars;
  for (const [x, w] of barRuns(bars)) {
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(x + QUIET));
    rect.setAttribute('y', '0');
    rect.setAttribute('width', String(w));
    rect.setAttribute('height', '40');
    svg.append(rect);
  }
  return svg;
}
