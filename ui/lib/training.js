// Training's pure logic: words for groups and fits, the attendance grid,
// a proposal arranged by batch for the organizer to read, whether a batch's
// results are final (the core's `settled`, said in words) and what tells two
// people of one name apart. The attendance marks and enrolment statuses are
// the core's words (ui/lib/vocabulary.js).

export const FIT = ['本组', '混合班', '跨组'];

export function groupLabel(group) {
  return group ?? '混合';
}

/** (session, person) → status, from the detail's attendance triples. */
export function attendanceMap(attendance) {
  const map = new Map();
  for (const [session, person, status] of attendance) map.set(`${session}:${person}`, status);
  return map;
}

/** The proposal by batch: [{ batch, people: [{ id, name, group, delegation, fit, pinned }] }], and the unplaced with names and delegations. */
export function proposalByBatch(proposal) {
  const names = new Map(proposal.people.map((p) => [p.id, p]));
  const rows = proposal.batches.map((b) => ({ batch: b, people: [] }));
  const byId = new Map(rows.map((r) => [r.batch.id, r]));
  for (const p of proposal.plan.placements) {
    const who = names.get(p.person_id);
    byId.get(p.batch_id)?.people.push({ id: p.person_id, name: who?.name ?? String(p.person_id), group: who?.professional_group ?? null, delegation: who?.delegation ?? null, fit: p.fit, pinned: p.pinned });
  }
  const unplaced = proposal.plan.unplaced.map((u) => ({ ...u, name: names.get(u.person_id)?.name ?? String(u.person_id), delegation: names.get(u.person_id)?.delegation ?? null }));
  return { rows, unplaced };
}

/** Completion figures of a batch's results. */
export function completionSummary(results) {
  const done = results.filter((r) => r.completed).length;
  return { trainees: results.length, completed: done, rate: results.length ? Math.round((done * 1000) / results.length) / 10 : null };
}

/** A batch's held sessions of all not cancelled, as both its list row and its dialog show it: '1/2'. */
export function heldCount(batch) {
  return `${batch.held}/${batch.sessions}`;
}

/** The sessions still planned: while any is, the results are not final (unless the batch is closed). */
export function unheldSessions(sessions) {
  return sessions.filter((s) => s.status === 'planned');
}

/**
 * Whether the results are final, in the organizer's words:
 * { settled, closed, unheld, text }. The core decides (detail.settled);
 * this only says it.
 */
export function resultsState(detail) {
  const { batch, settled } = detail;
  const unheld = unheldSessions(detail.sessions);
  let text;
  if (!settled) {
    const close = batch.held ? `按已举行的 ${batch.held} 次课确定结业` : '但还没有举行过课次，结束后没有人结业';
    text = `还有 ${unheld.length} 次课未举行，结业名单在全部课次举行后确定；也可以“结束本批次”，${close}。`;
  } else if (batch.closed) {
    text = `本批次已结束${unheld.length ? `，${unheld.length} 次课未举行，不计入` : ''}：结业按已举行的 ${batch.held} 次课确定。`;
  } else if (batch.held) {
    text = '全部课次已举行，结业名单已确定。';
  } else {
    text = '还没有举行过课次。';
  }
  return { settled, closed: batch.closed, unheld, text };
}

/** Whether certificates may be printed: { ok, why } (why: the button's title when not). */
export function certificateState(detail) {
  if (!detail.settled) {
    const n = unheldSessions(detail.sessions).length;
    return { ok: false, why: `结业名单还没有确定（还有 ${n} 次课未举行）：全部课次举行后，或“结束本批次”后，才能打印结业证书。` };
  }
  if (!detail.results.some((r) => r.completed)) return { ok: false, why: '没有达到结业要求的学员。' };
  return { ok: true, why: '' };
}

/** The first and last days of the held sessions ({ first, last }), or null before any is held. */
export function heldSpan(sessions) {
  const days = sessions
    .filter((s) => s.status === 'held')
    .map((s) => s.starts_at.slice(0, 10))
    .sort();
  return days.length ? { first: days[0], last: days.at(-1) } : null;
}

/** The names that occur more than once in `people` (each with a `name`). */
export function repeatedNames(people) {
  const seen = new Set();
  const twice = new Set();
  for (const p of people) {
    if (seen.has(p.name)) twice.add(p.name);
    seen.add(p.name);
  }
  return twice;
}

/** What tells a person apart from another of the same name: '借书证 C001 · 北京代表团' (代表团, else 部门). */
export function personTag(p) {
  const unit = p.delegation ?? p.department ?? p.unit ?? null;
  return [p.card_barcode ? `借书证 ${p.card_barcode}` : null, unit].filter(Boolean).join(' · ');
}
