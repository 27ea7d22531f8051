// 经费、订购与征订单's pure logic: money in fen shown as yuan, how a budget
// stands (its tone and words, the core's warning first), the 征订单's
// groups and its total against next year's 报刊订阅费, an order's lines as
// the form sends them and their running total, a received line's title
// form filled from the line, and the periodicals figures in rows.

/** Fen as yuan with thousands marked: 123456 → "1,234.56". */
export function yuan(fen) {
  if (fen === null || fen === undefined || !Number.isFinite(Number(fen))) return '—';
  const n = Math.round(Number(fen));
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Yuan as people type them (45, 45.5, ¥45, 45元, full-width digits) in fen,
 * or null when it does not read as an amount. Only for showing a running
 * total: the core reads the amount itself and says what is wrong.
 */
export function fenOf(text) {
  if (text === null || text === undefined) return null;
  const t = String(text)
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim()
    .replace(/^CNY/, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
    .replace(/,/g, '')
    .trim();
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? Math.round(v * 100) : null;
}

/** The two budget kinds, in the order they are shown. */
export const BUDGET_KINDS = [
  { code: 'books', label: '图书购置费', hint: '购书订单：已订未到计入“已订”，验收后计入“已支出”。' },
  { code: 'periodicals', label: '报刊订阅费', hint: '当年各报刊订阅：份数 × 全年定价计入“已订”。' },
];

export const kindLabel = (code) => BUDGET_KINDS.find((k) => k.code === code)?.label ?? code;

/**
 * How a budget (the core's BudgetStatus) reads: used (committed + spent),
 * what is left, percent, a tone ('ok', 'warn' at 90 %, 'error' over), the
 * warning in words (the core's when it gave one), and the bar's width.
 */
export function budgetView(b) {
  const used = (b.committed_fen ?? 0) + (b.spent_fen ?? 0);
  const amount = b.amount_fen ?? null;
  const left = amount === null ? null : amount - used;
  const percent = b.percent ?? null;
  let tone = 'ok';
  if (amount !== null && used > amount) tone = 'error';
  else if (percent !== null && percent >= 90) tone = 'warn';
  const warning = b.warning ?? (amount === null ? `${b.year}年${kindLabel(b.kind)}预算还未设置。` : null);
  const bar = percent === null ? 0 : Math.max(0, Math.min(100, percent));
  return { used, amount, left, percent, tone: amount === null ? 'muted' : tone, warning, bar, set: amount !== null };
}

/**
 * The 征订单's total against next year's 报刊订阅费 (the core's
 * BudgetStatus for that year, or null): { totalFen, amountFen, leftFen,
 * percent, tone, message }. Over the budget is 'error', at 90 % 'warn'.
 */
export function renewalAgainstBudget(list, budget) {
  const totalFen = Math.round((list?.total ?? 0) * 100);
  const amountFen = budget?.amount_fen ?? null;
  const year = list?.year ?? budget?.year;
  if (amountFen === null) {
    return { totalFen, amountFen, leftFen: null, percent: null, tone: 'warn', message: `${year}年报刊订阅费预算还未设置，请在“经费与订购”中设置后再核对。` };
  }
  const leftFen = amountFen - totalFen;
  const percent = amountFen > 0 ? Math.round((totalFen * 1000) / amountFen) / 10 : null;
  if (totalFen > amountFen) {
    return { totalFen, amountFen, leftFen, percent, tone: 'error', message: `征订合计超出${year}年报刊订阅费预算 ${yuan(-leftFen)} 元，请删减或追加预算。` };
  }
  if (percent !== null && percent >= 90) {
    return { totalFen, amountFen, leftFen, percent, tone: 'warn', message: `征订合计已占${year}年报刊订阅费预算的 ${percent}%，接近预算。` };
  }
  return { totalFen, amountFen, leftFen, percent, tone: 'ok', message: `征订合计在预算之内，尚余 ${yuan(leftFen)} 元。` };
}

/**
 * The 征订单's lines in groups: each 订阅渠道 (supplier) with its lines,
 * copies and amount, then the readers' periodical suggestions to be newly
 * subscribed (no supplier yet). Lines keep the list's order.
 */
export function renewalGroups(lines) {
  const groups = new Map();
  for (const l of lines ?? []) {
    const key = l.suggestion_id ? '\u0000suggested' : l.supplier || '未填订阅渠道';
    if (!groups.has(key)) {
      groups.set(key, { name: l.suggestion_id ? '读者荐购（新订）' : key, suggested: Boolean(l.suggestion_id), lines: [], copies: 0, amountFen: 0, unpriced: 0 });
    }
    const g = groups.get(key);
    g.lines.push(l);
    g.copies += l.copies ?? 0;
    if (l.amount === null || l.amount === undefined) g.unpriced += 1;
    else g.amountFen += Math.round(l.amount * 100);
  }
  return [...groups.values()].sort((a, b) => Number(a.suggested) - Number(b.suggested));
}

/** What confirming the 征订单 will make, in words for its dialog. */
export function renewalConfirmText(list) {
  const renewing = (list?.lines ?? []).filter((l) => !l.suggestion_id);
  const suggested = (list?.lines ?? []).length - renewing.length;
  const copies = renewing.reduce((n, l) => n + (l.copies ?? 0), 0);
  let text = `将为${list.year}年续订 ${renewing.length} 种报刊（共 ${copies} 份）：每种按今年的刊期、份数、定价和订阅渠道新建${list.year}年的订阅，连同每年的合刊和休刊，并预测全年各期。已有${list.year}年订阅的报刊保持不变。`;
  if (suggested) text += `读者荐购的 ${suggested} 种新刊不会自动订阅，请在“订阅”中按刊期添加。`;
  return text;
}

/** A row of the order form as the core's LineDraft, or null when the row is empty. */
export function lineDraft(row) {
  const text = (v) => {
    const t = (v ?? '').toString().trim();
    return t === '' ? null : t;
  };
  const draft = {
    suggestion_id: row.suggestion_id ? Number(row.suggestion_id) : null,
    title: text(row.title),
    authors: text(row.authors),
    publisher: text(row.publisher),
    isbn: text(row.isbn) ? text(row.isbn).replace(/[\s-]/g, '') : null,
    copies: text(row.copies) === null ? null : Number(text(row.copies)),
    price: text(row.price),
  };
  if (!draft.suggestion_id && !draft.title && !draft.isbn && !draft.authors && !draft.publisher && !draft.price) return null;
  return draft;
}

/** The order form's rows as the core's OrderDraft (empty rows left out). */
export function orderDraft({ year, supplier, note, rows }) {
  return {
    year: Number(year),
    supplier: (supplier ?? '').trim(),
    note: (note ?? '').trim() || null,
    lines: rows.map(lineDraft).filter(Boolean),
  };
}

/** The running total of an order form's rows, in fen; rows without a readable price count 0 and are counted apart. */
export function draftTotal(rows) {
  let fen = 0;
  let unpriced = 0;
  let copies = 0;
  for (const row of rows) {
    const d = lineDraft(row);
    if (!d) continue;
    const n = Number.isInteger(d.copies) && d.copies > 0 ? d.copies : 1;
    copies += n;
    const p = fenOf(d.price);
    if (p === null) unpriced += 1;
    else fen += p * n;
  }
  return { fen, unpriced, copies };
}

/** An order's lines counted by status, and the amount still open (ordered) and received. */
export function orderSummary(lines) {
  const out = { ordered: 0, received: 0, cancelled: 0, openFen: 0, receivedFen: 0 };
  for (const l of lines ?? []) {
    out[l.status] = (out[l.status] ?? 0) + 1;
    if (l.status === 'ordered') out.openFen += l.price_fen * l.copies;
    if (l.status === 'received') out.receivedFen += l.price_fen * l.copies;
  }
  return out;
}

export const LINE_STATUS = {
  ordered: { label: '已订', tone: 'warn' },
  received: { label: '已验收', tone: 'ok' },
  cancelled: { label: '已取消', tone: 'muted' },
};

/**
 * The title form's values for receiving `line`: its title, authors,
 * publisher and ISBN, its price per copy, 采购 as the source; CLC and call
 * number empty for the librarian (or from the catalogue's existing title).
 */
export function receiptValues(line, existing = null) {
  return {
    title: existing?.title ?? line.title,
    authors: existing?.authors ?? line.authors ?? '',
    publisher: existing?.publisher ?? line.publisher ?? '',
    isbn: line.isbn ?? '',
    year: existing?.year ?? '',
    clc: existing?.clc ?? '',
    call_number: existing?.call_number ?? '',
    price: line.price_fen ? (line.price_fen / 100).toFixed(2) : '',
    source: '采购',
    copies: line.copies,
  };
}


/** A rate in percent as shown, or — when nothing was due. */
export const rateText = (rate) => (rate === null || rate === undefined ? '—' : `${rate}%`);

/** Arrival rows, the worst first (nothing due last), for the figures panel. */
export function arrivalRows(list) {
  return [...(list ?? [])].sort((a, b) => (a.rate ?? 101) - (b.rate ?? 101) || a.name.localeCompare(b.name, 'zh'));
}
