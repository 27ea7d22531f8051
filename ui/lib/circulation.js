// Circulation's pure logic: what the desk says after a scan, due-date words,
// the overdue list grouped for reminder slips, the calendar's words. Status
// words and the office's date are the core's (ui/lib/vocabulary.js).

import { kindLabel, officeDate, statusLabel } from './vocabulary.js';

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** '2026-12-28' → '周一'. */
export function weekdayOf(day) {
  return WEEKDAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7];
}

/** What a listed day means for the reading room: a holiday closes it, a make-up workday opens it. */
export const DAY_KINDS = [
  { code: 'holiday', label: '闭馆', choice: '节假日（闭馆）' },
  { code: 'workday', label: '调休开馆', choice: '调休上班（开馆）' },
];

export function dayKindLabel(kind) {
  return DAY_KINDS.find((k) => k.code === kind)?.label ?? kind;
}

/**
 * A holiday file's days against those listed already: each with its weekday
 * and whether it is new, changes a listed day ('changed', with `was`) or is
 * listed as it is ('same'); the counts of each and the first and last day.
 */
export function holidayPreview(days, listed) {
  const before = new Map(listed.map((d) => [d.day, d]));
  const rows = days.map((d) => {
    const was = before.get(d.day);
    const change = !was ? 'new' : was.kind === d.kind && was.name === d.name ? 'same' : 'changed';
    return { ...d, weekday: weekdayOf(d.day), change, was: change === 'changed' ? was : null };
  });
  const count = (c) => rows.filter((r) => r.change === c).length;
  return { rows, added: count('new'), changed: count('changed'), same: count('same'), from: rows[0]?.day ?? null, to: rows.at(-1)?.day ?? null };
}

/** '2026-12-28' → '2026年12月28日'. */
export function longDate(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '';
}

/**
 * A book still out, in a learning record: { text, late } — past its due
 * date (`today`, the office date) it says so rather than only when it was due.
 */
export function stillOut(dueOn, today) {
  return dueOn < today ? { text: `逾期未还（应还 ${dueOn}）`, late: true } : { text: `在借，应还 ${dueOn}`, late: false };
}

/** How an open loan stands: '逾期 8 天', '今天到期', '应还 2026-12-28'. */
export function dueText(loan, today) {
  if (loan.returned_at) return `已还 ${officeDate(loan.returned_at)}`;
  if (loan.overdue_days > 0) return `逾期 ${loan.overdue_days} 天`;
  if (today && loan.due_on === today) return '今天到期';
  return `应还 ${loan.due_on}`;
}

/**
 * Which book a hold is for, to pick the right edition off the shelf:
 * '人民出版社 · 2020 · 索书号 D62/1'. `title` is the title's record, when known.
 */
export function holdEdition(hold, title = null) {
  return [title?.publisher, title?.year, hold.call_number ? `索书号 ${hold.call_number}` : null].filter(Boolean).join(' · ');
}

/** Where a hold stands: '排队第 2 位', '已留书 SX000001，2026-12-03 前取', or its status in words. */
export function holdText(hold) {
  if (hold.status === 'waiting') return `排队第 ${hold.position ?? '?'} 位`;
  if (hold.status === 'ready') return `已留书 ${hold.copy_barcode ?? ''}，${hold.expires_on} 前取`;
  return statusLabel('hold', hold.status);
}

/**
 * A returned copy the reader still on screen may borrow with one key: it
 * was someone else's, no one else's hold set it aside, and they may borrow.
 * { personId, copyId, name, title, barcode, held, text, note } or null.
 */
export function returnOffer(outcome) {
  const b = outcome.kind === 'returned' ? outcome.borrower : null;
  if (!b) return null;
  const l = outcome.loan;
  const h = outcome.hold;
  if (l.person_id === b.person.id || (h && h.person_id !== b.person.id) || b.blocked) return null;
  const name = b.person.name;
  return {
    personId: b.person.id,
    copyId: l.copy_id,
    name,
    title: l.title,
    barcode: l.barcode,
    held: Boolean(h),
    text: `按 Enter 借给 ${name}`,
    note: h ? `这本是 ${name} 预约的书，可以直接借给 ${name}。` : null,
  };
}

/**
 * What the desk shows after a scan: { tone: 'ok'|'warn', text, notice?, offer? }.
 * `notice` is the line the librarian must act on (a copy to set aside);
 * `offer` a returned copy to lend on to the reader on screen (returnOffer).
 */
export function deskMessage(outcome) {
  switch (outcome.kind) {
    case 'borrower': {
      const b = outcome.borrower;
      const p = b.person;
      const over = b.overdue ? `，其中 ${b.overdue} 册逾期` : '';
      const ready = b.holds.filter((h) => h.status === 'ready');
      const pickup = ready.length
        ? `有预约书待取：${ready.map((h) => `《${h.title}》${h.copy_barcode ?? ''}`).join('、')}，请从预约架取出扫描借出`
        : null;
      return {
        tone: b.blocked || ready.length || b.overdue ? 'warn' : 'ok',
        text: `读者：${p.name}（${p.department ?? p.delegation ?? kindLabel(p.kind)}），在借 ${b.loans.length} 册${over}`,
        notice: [b.blocked, pickup].filter(Boolean).join('；') || null,
      };
    }
    case 'candidates':
      return { tone: 'warn', text: `有 ${outcome.people.length} 位读者符合，请选择` };
    case 'lent':
      return { tone: 'ok', text: `借出《${outcome.loan.title}》${outcome.loan.barcode}，应还 ${outcome.loan.due_on}` };
    case 'returned': {
      const l = outcome.loan;
      const late = l.overdue_days > 0 ? `（逾期 ${l.overdue_days} 天）` : '';
      const h = outcome.hold;
      const b = outcome.borrower ?? null;
      const offer = returnOffer(outcome);
      // A copy set aside for the reader on screen is theirs to take now.
      const setAside = Boolean(h) && (!b || h.person_id !== b.person.id);
      const othersBook = b && l.person_id !== b.person.id;
      return {
        tone: setAside ? 'warn' : 'ok',
        text: `${l.person_name} 归还《${l.title}》${l.barcode}${late}`,
        notice: setAside
          ? `请放到预约架：为 ${h.person_name} 保留，${h.expires_on} 前取书`
          : othersBook && !offer && b.blocked
            ? b.blocked
            : null,
        offer,
      };
    }
    default:
      return { tone: 'warn', text: '' };
  }
}

/** Overdue loans as reminder slips: one per person, their loans, the longest overdue first. */
export function slipsByPerson(loans) {
  const byPerson = new Map();
  for (const l of loans) {
    if (!byPerson.has(l.person_id)) {
      byPerson.set(l.person_id, { person_id: l.person_id, name: l.person_name, unit: l.person_unit ?? '', card: l.card_barcode ?? '', loans: [] });
    }
    byPerson.get(l.person_id).loans.push(l);
  }
  const slips = [...byPerson.values()];
  for (const s of slips) s.loans.sort((a, b) => b.overdue_days - a.overdue_days);
  slips.sort((a, b) => b.loans[0].overdue_days - a.loans[0].overdue_days || a.unit.localeCompare(b.unit, 'zh-CN'));
  return slips;
}

/** Overdue counts per department or delegation, the most first. */
export function countsByUnit(loans) {
  const counts = new Map();
  for (const l of loans) {
    const unit = l.person_unit || '未填部门';
    const c = counts.get(unit) ?? { unit, loans: 0, people: new Set() };
    c.loans += 1;
    c.people.add(l.person_id);
    counts.set(unit, c);
  }
  return [...counts.values()]
    .map((c) => ({ unit: c.unit, loans: c.loans, people: c.people.size }))
    .sort((a, b) => b.loans - a.loans || a.unit.localeCompare(b.unit, 'zh-CN'));
}

/** Overdue bands for the list's grouping. */
export function overdueBand(days) {
  if (days > 60) return '逾期两个月以上';
  if (days > 30) return '逾期一至两个月';
  if (days > 7) return '逾期一周以上';
  return '逾期一周内';
}
