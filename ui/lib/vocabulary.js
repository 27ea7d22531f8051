// The core's words and rules, received once at start (app_info's
// `vocabulary`) and never restated in the UI: roles, person kinds, groups,
// every status and mark with its words, the log's areas, the forms' field
// limits, and the office's clock (its offset from UTC).

const EMPTY = {
  roles: [],
  person_kinds: [],
  groups: [],
  copy_statuses: [],
  hold_statuses: [],
  loan_outcomes: [],
  session_statuses: [],
  enrol_statuses: [],
  attendance: [],
  suggestion_statuses: [],
  note_statuses: [],
  offer_statuses: [],
  leave_statuses: [],
  issue_statuses: [],
  frequencies: [],
  may_change: {},
  areas: [],
  limits: {},
  today: null,
  office_offset_minutes: null,
};

// Which list each kind of status reads.
const STATUS_LISTS = {
  copy: 'copy_statuses',
  hold: 'hold_statuses',
  outcome: 'loan_outcomes',
  session: 'session_statuses',
  enrol: 'enrol_statuses',
  attendance: 'attendance',
  suggestion: 'suggestion_statuses',
  note: 'note_statuses',
  offer: 'offer_statuses',
  leave: 'leave_statuses',
  issue: 'issue_statuses',
};

let words = EMPTY;

/** Takes the core's vocabulary, as app_info gives it; called once at start. */
export function setVocabulary(v) {
  words = { ...EMPTY, ...(v ?? {}) };
}

// A code's words in `list`; a code the core has not named shows as it is.
function labelIn(list, code) {
  if (code === null || code === undefined || code === '') return '';
  return list.find((w) => w.code === code)?.label ?? String(code);
}

/** The operators' roles: [{ code, label, hint }], the hint saying what each may do. */
export function roles() {
  return words.roles;
}

export function roleLabel(code) {
  return labelIn(words.roles, code);
}

/** 机关干部, 人大代表: [{ code, label }]. */
export function personKinds() {
  return words.person_kinds;
}

export function kindLabel(code) {
  return labelIn(words.person_kinds, code);
}

/** The deputies' professional groups, in the core's order. */
export function groups() {
  return words.groups;
}

/**
 * A kind of status's codes and words, in the order lists offer them:
 * 'copy', 'hold', 'outcome' (of a loan), 'session', 'enrol', 'attendance',
 * the readers' requests: 'suggestion', 'note', 'offer', 'leave'; a periodical's 'issue'.
 */
export function statuses(kind) {
  const list = STATUS_LISTS[kind];
  if (!list) throw new Error(`没有“${kind}”这类状态。`);
  return words[list];
}

export function statusLabel(kind, code) {
  return labelIn(statuses(kind), code);
}

/**
 * Whether an operator of `role` may change records of `entity` (the core's
 * rule, e.g. 'leave_request'); with no role (login not in use) everything.
 */
export function mayChange(role, entity) {
  if (!role) return true;
  return (words.may_change[role] ?? []).includes(entity);
}

/** The 刊期 presets (日报 … 不定期), in the core's order. */
export function frequencies() {
  return words.frequencies;
}

/** Attendance marks: [{ code, label, hint }], the hint a short mark (✓). */
export function attendanceMarks() {
  return words.attendance;
}

/** The log's areas: [{ code, label, entities: [{ code, label }] }]. */
export function areas() {
  return words.areas;
}

/**
 * The most characters a form's field takes, e.g. limit('person', 'name');
 * limit('copies') is the most copies added at once. Null when the core sets none.
 */
export function limit(form, field = null) {
  const value = field === null ? words.limits[form] : words.limits[form]?.[field];
  return typeof value === 'number' ? value : null;
}

function offsetMs() {
  if (typeof words.office_offset_minutes !== 'number') throw new Error('还没有收到程序的基础信息（办公地时区）。');
  return words.office_offset_minutes * 60 * 1000;
}

// An instant as the office's wall clock, 'YYYY-MM-DDTHH:MM:SS.sssZ' (the Z
// is not UTC), or null when it does not parse.
function wallClock(instant) {
  const t = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(t.getTime())) return null;
  return new Date(t.getTime() + offsetMs()).toISOString();
}

/** Today's date in the office, 'YYYY-MM-DD', as of `now` (ms since the epoch). */
export function officeToday(now = Date.now()) {
  return wallClock(now).slice(0, 10);
}

/** '2026-11-26T17:30:00Z' (UTC) → '2026-11-27', the office's date; '' for none. */
export function officeDate(instant) {
  if (!instant) return '';
  return wallClock(instant)?.slice(0, 10) ?? String(instant).slice(0, 10);
}

/** '2026-11-26T17:30:05Z' (UTC) → '2026-11-27 01:30:05', the office's time; '' for none. */
export function officeDateTime(instant) {
  if (!instant) return '';
  return wallClock(instant)?.slice(0, 19).replace('T', ' ') ?? String(instant);
}
