// Training's pure logic: words for groups and fits, the attendance grid,
// and a proposal arranged by batch for the organizer to read. The
// attendance marks and enrolment statuses are the core's words
// (ui/lib/vocabulary.js).

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

/** The proposal by batch: [{ batch, people: [{ id, name, group, fit }] }], and the unplaced with names. */
export function proposalByBatch(proposal) {
  const names = new Map(proposal.people.map((p) => [p.id, p]));
  const rows = proposal.batches.map((b) => ({ batch: b, people: [] }));
  const byId = new Map(rows.map((r) => [r.batch.id, r]));
  for (const p of proposal.plan.placements) {
    const who = names.get(p.person_id);
    byId.get(p.batch_id)?.people.push({ id: p.person_id, name: who?.name ?? String(p.person_id), group: who?.professional_group ?? null, fit: p.fit, pinned: p.pinned });
  }
  const unplaced = proposal.plan.unplaced.map((u) => ({ ...u, name: names.get(u.person_id)?.name ?? String(u.person_id) }));
  return { rows, unplaced };
}

/** Completion figures of a batch's results. */
export function completionSummary(results) {
  const done = results.filter((r) => r.completed).length;
  return { trainees: results.length, completed: done, rate: results.length ? Math.round((done * 1000) / results.length) / 10 : null };
}
