// The periodicals room's pure logic: what a 刊期 preset asks for, the
// subscription form's short notations read and written (星期 一,三,五; 日期
// 5,15,25; 合刊 7-8; 休刊 2027-02-10..2027-02-17), a scan told apart, the
// check-in answer's words, and the late list grouped per supplier.

const WEEKLY = ['日报', '周六刊', '周五刊', '周三刊', '周二刊', '周刊'];
const MONTHLY = ['旬刊', '半月刊', '月刊'];
const RARER = ['双月刊', '季刊', '半年刊', '年刊'];

// What the engine takes when a field is left empty, said in the form's hint.
const DEFAULTS = {
  日报: '每天',
  周六刊: '周一至周六',
  周五刊: '周一至周五',
  周三刊: '周一、三、五',
  周二刊: '周二、五',
  周刊: '周五',
  旬刊: '每月 5、15、25 日',
  半月刊: '每月 1、16 日',
  月刊: '每月 10 日',
  双月刊: '单月 10 日',
  季刊: '1、4、7、10 月 10 日',
  半年刊: '1、7 月 10 日',
  年刊: '1 月 10 日',
};

/**
 * Which pattern fields a 刊期 asks for: `weekdays` (the weekly kinds),
 * `days` of the month, `months` (the rarer kinds), and the hint saying what
 * an empty field means. 不定期 asks for none: its issues are added by hand.
 */
export function presetFields(frequency) {
  const weekly = WEEKLY.includes(frequency);
  const monthly = MONTHLY.includes(frequency);
  const rarer = RARER.includes(frequency);
  return {
    weekdays: weekly,
    days: monthly || rarer,
    months: rarer,
    hint: DEFAULTS[frequency]
      ? `留空按刊期：${DEFAULTS[frequency]}出版。`
      : frequency === '不定期'
        ? '不定期刊物不预测期次：每到一期，在期次列表中手工添加。'
        : '',
  };
}

/** What a 刊期 comes out on when its pattern fields are left empty: 周一、三、五 … ('' for 不定期). */
export function defaultPattern(frequency) {
  return DEFAULTS[frequency] ?? '';
}

const SEPARATORS = /[\s,，、;；]+/;
const WEEKDAY_NAMES = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/**
 * Whole numbers from `1,3,5`, `1、3、5` or `1-5` between `min` and `max`:
 * { value: [sorted, unique] } or { error } naming what is wrong.
 */
export function parseNumbers(text, min, max, what) {
  const value = new Set();
  for (const part of String(text ?? '').split(SEPARATORS).filter(Boolean)) {
    const m = /^(\d+)(?:[-–~至](\d+))?$/.exec(part);
    if (!m) return { error: `${what}“${part}”不是数字。` };
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a > b || a < min || b > max) return { error: `${what}应为 ${min} 到 ${max}（“${part}”不对）。` };
    for (let n = a; n <= b; n += 1) value.add(n);
  }
  return { value: [...value].sort((x, y) => x - y) };
}

/** Weekdays from `一,三,五`, `周一 周五` or `1,3,5` (Monday 1 … Sunday 7). */
export function parseWeekdays(text) {
  const named = String(text ?? '').replace(/(?:周|星期)?([一二三四五六日天])/g, (_, d) => ` ${WEEKDAY_NAMES[d]} `);
  return parseNumbers(named, 1, 7, '星期');
}

/** [1, 3, 5] → 一、三、五. */
export function formatWeekdays(days) {
  const names = ['', '一', '二', '三', '四', '五', '六', '日'];
  return (days ?? []).map((d) => names[d] ?? String(d)).join('、');
}

/** [5, 15, 25] → 5,15,25. */
export function formatNumbers(list) {
  return (list ?? []).join(',');
}

/**
 * 合刊 pairs from `7-8, 11-12` (当年期号, first smaller): { value: [[7, 8], …] }
 * or { error }.
 */
export function parsePairs(text) {
  const value = [];
  for (const part of String(text ?? '').split(SEPARATORS).filter(Boolean)) {
    const m = /^(\d+)[-–~至](\d+)$/.exec(part);
    if (!m) return { error: `合刊“${part}”应写成两个期号，如 7-8。` };
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a < 1 || a >= b) return { error: `合刊“${part}”应为前小后大的两个期号，如 7-8。` };
    value.push([a, b]);
  }
  return { value };
}

/** [[7, 8]] → 7-8. */
export function formatPairs(pairs) {
  return (pairs ?? []).map(([a, b]) => `${a}-${b}`).join(', ');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (d) => DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/**
 * 休刊 from `2027-02-10..2027-02-17, 2027-10-01` (a day or a range, also
 * written with 至 or ~): { value: [[from, to], …] } or { error }.
 */
export function parseSkips(text) {
  const value = [];
  for (const part of String(text ?? '').split(/[\s,，、;；]+/).filter(Boolean)) {
    const [a, b = a, extra] = part.split(/\.\.|至|~/);
    if (extra !== undefined || !realDate(a) || !realDate(b)) return { error: `休刊“${part}”应写成日期或日期范围，如 2027-02-10..2027-02-17。` };
    if (a > b) return { error: `休刊“${part}”的结束日期早于开始日期。` };
    value.push([a, b]);
  }
  return { value };
}

/** [['2027-02-10', '2027-02-17'], ['2027-10-01', '2027-10-01']] → 2027-02-10..2027-02-17, 2027-10-01. */
export function formatSkips(skips) {
  return (skips ?? []).map(([a, b]) => (a === b ? a : `${a}..${b}`)).join(', ');
}

/** A binding range, `1-12` or `12` (当年期号): { from, to } or { error }. */
export function parseRange(text) {
  const m = /^\s*(\d+)\s*(?:[-–~至]\s*(\d+))?\s*$/.exec(String(text ?? ''));
  if (!m) return { error: '请写期号范围，如 1-12。' };
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1 || to < from) return { error: '期号范围应为前小后大，如 1-12。' };
  return { from, to };
}

const optionalInt = (text, min, max, what, errors, field) => {
  const t = String(text ?? '').trim();
  if (!t) return null;
  if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) {
    errors[field] = `${what}应为 ${min} 到 ${max} 的整数。`;
    return null;
  }
  return Number(t);
};

/**
 * The subscription form's values (text, as FormData gives them) as the
 * core's SubscriptionDraft, or { errors } for what cannot even be sent (the
 * core judges the rest). `holiday_pause` is 'on' when ticked.
 */
export function draftFromForm(v) {
  const errors = {};
  const fields = presetFields(v.frequency);
  const take = (result, field) => {
    if (result.error) errors[field] = result.error;
    return result.value ?? [];
  };
  const draft = {
    frequency: v.frequency ?? '',
    weekdays: fields.weekdays ? take(parseWeekdays(v.weekdays), 'weekdays') : [],
    days: fields.days ? take(parseNumbers(v.days, 1, 31, '日期'), 'days') : [],
    months: fields.months ? take(parseNumbers(v.months, 1, 12, '月份'), 'months') : [],
    copies: optionalInt(v.copies, 1, 1000, '份数', errors, 'copies'),
    price: String(v.price ?? '').trim() || null,
    first_issue: optionalInt(v.first_issue, 1, 100000, '起始当年期号', errors, 'first_issue'),
    first_total: optionalInt(v.first_total, 1, 10000000, '起始总期号', errors, 'first_total'),
    combine: take(parsePairs(v.combine), 'combine'),
    skip: take(parseSkips(v.skip), 'skip'),
    holiday_pause: v.holiday_pause === 'on',
    grace_days: optionalInt(v.grace_days, 0, 365, '宽限天数', errors, 'grace'),
    transit_days: optionalInt(v.transit_days, 0, 60, '在途天数', errors, 'transit_days'),
    supplier: String(v.supplier ?? '').trim() || null,
  };
  if (v.period === 'range') {
    if (!realDate(v.from)) errors.from = '请填写开始日期。';
    if (!realDate(v.to)) errors.to = '请填写结束日期。';
    else if (realDate(v.from) && v.to < v.from) errors.to = '结束日期早于开始日期。';
    draft.from = v.from;
    draft.to = v.to;
  } else {
    draft.year = optionalInt(v.year, 1900, 2200, '年份', errors, 'year');
    if (draft.year === null && !errors.year) errors.year = '请填写订阅年份。';
  }
  return Object.keys(errors).length ? { errors } : { draft };
}

/** What a check-in code looks like: 'ean' (977…), 'issn', 'postal' (邮发代号 2-25) or 'title'. */
export function scanKind(text) {
  const t = String(text ?? '').trim();
  if (/^977\d{10}$/.test(t)) return 'ean';
  if (/^\d{4}-?\d{3}[\dXx]$/.test(t)) return 'issn';
  if (/^\d{1,2}\s*-\s*\d{1,4}$/.test(t)) return 'postal';
  return 'title';
}

/** The code that names a serial at check-in: its ISSN, else its 邮发代号, else its title. */
export function serialCode(s) {
  return s.issn || s.postal_code || s.title;
}

/** Subscriptions whose title holds `text` (a search at check-in), not stopped, one per serial. */
export function matchingSerials(subscriptions, text) {
  const t = String(text ?? '').trim().toLowerCase();
  if (!t) return [];
  const seen = new Set();
  return subscriptions.filter((s) => {
    if (s.stopped || seen.has(s.title_id) || !s.title.toLowerCase().includes(t)) return false;
    seen.add(s.title_id);
    return true;
  });
}

/** A check-in's answer in words: 已到 2 份, or 部分到 with how many of how many. */
export function arrivalText(received) {
  const i = received.issue;
  if (received.status === 'partial') return `部分到：已到 ${i.copies_received} / ${i.copies_expected} 份，还差 ${i.copies_expected - i.copies_received} 份`;
  return `已到：${i.copies_expected} 份到齐`;
}

/**
 * The late list per supplier, in the order given: [{ supplier, rows,
 * copies }] — `copies` the copies missing in all.
 */
export function groupBySupplier(late) {
  const groups = new Map();
  for (const row of late) {
    const key = row.supplier || '（未填订阅渠道）';
    if (!groups.has(key)) groups.set(key, { supplier: key, rows: [], copies: 0 });
    const g = groups.get(key);
    g.rows.push(row);
    g.copies += row.copies_missing;
  }
  return [...groups.values()];
}

/** Who holds a routing leg or stop: the person's name or the department. */
export function stopName(stop) {
  return stop.name || stop.department || (stop.person_id ? `人员 ${stop.person_id}` : '');
}

/** Where an issue is on its way round: 'waiting', 'with' (given, not back) or 'back'. */
export function legState(leg) {
  if (leg.returned_on) return 'back';
  if (leg.given_on) return 'with';
  return 'waiting';
}
