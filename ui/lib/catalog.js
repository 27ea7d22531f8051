// The catalogue's pure logic: labels, availability, the title form's own
// checks (a title given, a count in range), form → record. Whether an ISBN
// is right is the core's to say (its check digit, the forms Chinese
// catalogues write): the form asks it as the ISBN is entered.

// The copies' statuses in the core's words: received once at start (the
// window's app_info), not stated again here.
let statuses = [];

/** Takes the core's statuses, [{code, label}], as app_info gives them. */
export function setCopyStatuses(list) {
  statuses = Array.isArray(list) ? list : [];
}

/** The statuses, in the order lists offer them. */
export function copyStatuses() {
  return statuses;
}

export const SORTS = [
  { code: 'call_number', label: '按索书号' },
  { code: 'title', label: '按书名' },
  { code: 'year', label: '按出版年' },
  { code: 'added', label: '按入藏先后' },
];

export function statusLabel(code) {
  return statuses.find((s) => s.code === code)?.label ?? code;
}

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

/** Every wrong field, as {field: message}; empty when the title may be saved. */
export function validateTitle(t, copies = null) {
  const errors = {};
  if (!t.title) errors.title = '请填写书名。';
  else if ([...t.title].length > 500) errors.title = '书名过长（最多 500 个字）。';
  if (t.clc && !/^[A-Z][A-Z0-9.\-=:()"<>/+]*$/.test(t.clc)) errors.clc = `“${t.clc}”不是中图法分类号，应以大写字母开头，例如 D62。`;
  if (copies) {
    const n = Number(copies.count);
    if (!Number.isInteger(n) || n < 0 || n > 500) errors.count = '册数应为 0 到 500 之间的整数。';
  }
  return errors;
}
