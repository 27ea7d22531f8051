// The catalogue's pure logic: sort words, availability, ISBN folding, the
// title form → record. Whether a title may be saved (its ISBN's check digit,
// its class number, its lengths) is the core's to say; the copies'
// statuses are the core's words (ui/lib/vocabulary.js).

export const SORTS = [
  { code: 'call_number', label: '按索书号' },
  { code: 'title', label: '按书名' },
  { code: 'year', label: '按出版年' },
  { code: 'added', label: '按入藏先后' },
];

/** "在架 2 / 共 3" — or why none can be lent. */
export function availability({ available, copies }) {
  if (copies === 0) return '无馆藏';
  if (available === 0) return `全部借出（共 ${copies} 册）`;
  return `在架 ${available} / 共 ${copies}`;
}

/** "D 政治、法律 › D6 中国政治" */
export function classPathText(path) {
  return path.map((c) => `${c.code} ${c.name}`).join(' › ');
}

function foldWidth(text) {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The ISBN's digits as typed or scanned, hyphens, spaces and width folded; '' when none. */
export function compactIsbn(text) {
  return foldWidth(text ?? '')
    .toUpperCase()
    .trim()
    .replace(/^ISBN[:：]?\s*/, '')
    .replace(/[\s\-‐‑–—]/g, '');
}

const TEXT_FIELDS = ['title', 'subtitle', 'authors', 'publisher', 'year', 'edition', 'clc', 'call_number', 'subjects', 'summary', 'price', 'source', 'note'];

/** The form's values as the record the core takes (empty → null). */
export function toNewTitle(values) {
  const out = {};
  for (const f of TEXT_FIELDS) {
    const t = (values[f] ?? '').trim();
    out[f] = t === '' ? null : t;
  }
  out.title = out.title ?? '';
  out.isbn = compactIsbn(values.isbn) || null;
  if (out.clc) out.clc = foldWidth(out.clc).toUpperCase();
  if (out.call_number) out.call_number = foldWidth(out.call_number).toUpperCase();
  return out;
}
