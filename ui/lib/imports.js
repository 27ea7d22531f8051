// Imports' pure logic: a report's rows grouped where many say the same
// (出版年不是…，已按原文保存：312 行), fields by their Chinese names, and
// the words of the imports' list and of undoing one. What each import was
// is the core's to say; its kind is named as the log names the records.

import { areas, officeDateTime } from './vocabulary.js';

/** A field's Chinese name among the report's `fields` ({ key, label }), or the key when it has none. */
export function fieldLabel(fields, key) {
  if (!key) return '';
  return (fields ?? []).find((f) => f.key === key)?.label ?? key;
}

// The parts of a message that differ from row to row: a quoted value, or a
// code or number.
const SLOT = /“[^”]*”|[A-Za-z0-9][A-Za-z0-9\-_./]*/g;

function skeleton(message) {
  const slots = message.match(SLOT) ?? [];
  return { key: message.replace(SLOT, '\u0000'), slots };
}

// The group's message: the parts all its rows share as they are, the parts
// that differ as “…” (or …).
function pattern(key, members) {
  let i = -1;
  return key.replace(/\u0000/g, () => {
    i += 1;
    const first = members[0][i];
    if (members.every((m) => m[i] === first)) return first;
    return first.startsWith('“') ? '“…”' : '…';
  });
}

/**
 * A report's errors and warnings as the table lists them: rows saying the
 * same of the same field (but for the value quoted, or a code) grouped,
 * errors first, each in the order of its first row.
 * [{ kind: 'error'|'warning', field, label, text, summary, same, rows: [{ row, message }] }];
 * `text` is the message, or the group's with what differs as “…”; `summary`
 * the group's line (出版年不是…，已按原文保存：312 行); `same` whether every
 * row says exactly the same (so their numbers say it all).
 */
export function groupIssues(report) {
  const out = [];
  for (const [kind, issues] of [['error', report.errors ?? []], ['warning', report.warnings ?? []]]) {
    const groups = new Map();
    for (const issue of issues) {
      const { key, slots } = skeleton(issue.message);
      const id = `${issue.field}\u0001${key}`;
      if (!groups.has(id)) groups.set(id, { kind, field: issue.field, label: fieldLabel(report.fields, issue.field), key, rows: [], slots: [] });
      const g = groups.get(id);
      // The line in the file (as Excel numbers its rows) when the core knows it.
      g.rows.push({ row: issue.line ?? issue.row, message: issue.message });
      g.slots.push(slots);
    }
    for (const g of groups.values()) {
      const text = g.rows.length > 1 ? pattern(g.key, g.slots) : g.rows[0].message;
      out.push({
        kind: g.kind,
        field: g.field,
        label: g.label,
        text,
        summary: `${text.replace(/[。.]$/, '')}：${g.rows.length} 行`,
        same: g.rows.every((r) => r.message === g.rows[0].message),
        rows: g.rows,
      });
    }
  }
  return out;
}

// The kind of record each kind of import brings, as the log names it.
const RUN_ENTITY = { books: 'title', people: 'person' };

/** 书目 or 人员: what an import brought, in the core's words. */
export function runKindLabel(kind) {
  const entity = RUN_ENTITY[kind];
  for (const area of areas()) {
    const found = area.entities.find((e) => e.code === entity);
    if (found) return found.label;
  }
  return kind;
}

/** “新书目录.xlsx”（2026-12-07 09:30:00，管理员）：新增 120，更新 3 */
export function runText(run) {
  return `“${run.file_name}”（${officeDateTime(run.at)}，${run.actor_name}）：新增 ${run.inserted}，更新 ${run.updated}`;
}

/** What undoing an import did, as one sentence. */
export function undoneText(report) {
  const removed = [
    report.titles ? `书目 ${report.titles} 种` : null,
    report.copies ? `${report.copies} 册` : null,
    report.people_removed ? `人员 ${report.people_removed} 人` : null,
  ].filter(Boolean);
  const parts = [
    removed.length ? `删除了${removed.join('、')}` : null,
    report.people_restored ? `${report.people_restored} 人的资料恢复为导入前的样子` : null,
  ].filter(Boolean);
  return parts.length ? `已撤销这次导入：${parts.join('；')}。` : '已撤销这次导入（它带来的记录都已不在）。';
}

/** Row numbers as a list reads them: 第 3、5、9 行. */
export function rowList(rows) {
  return `第 ${rows.map((r) => r.row).join('、')} 行`;
}
