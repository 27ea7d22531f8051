import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attendanceMap,
  certificateState,
  completionSummary,
  heldCount,
  heldSpan,
  personTag,
  proposalByBatch,
  repeatedNames,
  resultsState,
} from '../lib/training.js';

test('a proposal reads batch by batch with names, and the unplaced with reasons', () => {
  const proposal = {
    batches: [{ id: 1, name: '司法班' }, { id: 2, name: '混合班' }],
    people: [{ id: 10, name: '甲', professional_group: '司法监督' }, { id: 11, name: '乙', professional_group: '教育文化' }, { id: 12, name: '丙' }],
    plan: {
      placements: [{ person_id: 10, batch_id: 1, fit: 0, pinned: false }, { person_id: 11, batch_id: 2, fit: 1, pinned: true }],
      unplaced: [{ person_id: 12, reason: '没有空位' }],
    },
  };
  const { rows, unplaced } = proposalByBatch(proposal);
  assert.deepEqual(rows.map((r) => r.people.map((p) => p.name)), [['甲'], ['乙']]);
  assert.equal(rows[1].people[0].pinned, true);
  assert.deepEqual(unplaced, [{ person_id: 12, reason: '没有空位', name: '丙', delegation: null }]);
});

test('attendance and completion figures', () => {
  const m = attendanceMap([[1, 10, 'present'], [2, 10, 'leave']]);
  assert.equal(m.get('2:10'), 'leave');
  assert.equal(m.get('3:10'), undefined);
  assert.deepEqual(completionSummary([{ completed: true }, { completed: false }, { completed: true }]), { trainees: 3, completed: 2, rate: 66.7 });
  assert.deepEqual(completionSummary([]), { trainees: 0, completed: 0, rate: null });
});

// A batch of two sessions, the first held, the second to come.
const session = (id, day, status, subject = `第${id}课`) => ({ id, subject, starts_at: `${day}T09:00`, ends_at: `${day}T11:00`, status });
function batchDetail({ sessions, closed = false, settled, completed = [] }) {
  const held = sessions.filter((s) => s.status === 'held').length;
  const live = sessions.filter((s) => s.status !== 'cancelled').length;
  return {
    batch: { name: '第1期', held, sessions: live, closed },
    sessions,
    settled,
    results: completed.map((c, i) => ({ person_id: i, name: `学员${i}`, completed: c })),
  };
}

test('results not final yet say how many sessions are unheld and what the organizer may do', () => {
  const d = batchDetail({ sessions: [session(1, '2026-12-07', 'held'), session(2, '2027-01-11', 'planned')], settled: false, completed: [false, false] });
  const st = resultsState(d);
  assert.equal(st.settled, false);
  assert.deepEqual(st.unheld.map((s) => s.id), [2], 'the planned session keeps the results open');
  assert.equal(st.text, '还有 1 次课未举行，结业名单在全部课次举行后确定；也可以“结束本批次”，按已举行的 1 次课确定结业。');
  const none = batchDetail({ sessions: [session(1, '2027-01-11', 'planned')], settled: false });
  assert.equal(resultsState(none).text, '还有 1 次课未举行，结业名单在全部课次举行后确定；也可以“结束本批次”，但还没有举行过课次，结束后没有人结业。');
  const cert = certificateState(d);
  assert.equal(cert.ok, false, 'no certificate before the results are final');
  assert.match(cert.why, /还有 1 次课未举行/);
});

test('a closed batch says what it left out; certificates print once someone completed', () => {
  const d = batchDetail({ sessions: [session(1, '2026-12-07', 'held'), session(2, '2027-01-11', 'planned'), session(3, '2026-12-01', 'cancelled')], closed: true, settled: true, completed: [true, false] });
  assert.equal(resultsState(d).text, '本批次已结束，1 次课未举行，不计入：结业按已举行的 1 次课确定。');
  assert.deepEqual(certificateState(d), { ok: true, why: '' });
  const none = batchDetail({ sessions: [session(1, '2026-12-07', 'held')], settled: true, completed: [false] });
  assert.equal(resultsState(none).text, '全部课次已举行，结业名单已确定。');
  assert.deepEqual(certificateState(none), { ok: false, why: '没有达到结业要求的学员。' });
});

test('the list and the dialog show one held count; certificates are dated the last held session', () => {
  const sessions = [session(2, '2026-11-20', 'held'), session(1, '2026-11-02', 'held'), session(3, '2026-12-20', 'planned'), session(4, '2026-10-01', 'cancelled')];
  assert.equal(heldCount(batchDetail({ sessions }).batch), '2/3', 'cancelled sessions are not counted');
  assert.deepEqual(heldSpan(sessions), { first: '2026-11-02', last: '2026-11-20' }, 'not today, nor a session still to come');
  assert.equal(heldSpan([session(1, '2026-12-20', 'planned')]), null);
});

test('people of one name are told apart by card and delegation or department', () => {
  const people = [{ name: '张伟' }, { name: '李娜' }, { name: '张伟' }];
  assert.deepEqual([...repeatedNames(people)], ['张伟']);
  assert.equal(personTag({ card_barcode: 'C001', delegation: '北京代表团' }), '借书证 C001 · 北京代表团');
  assert.equal(personTag({ card_barcode: null, department: '办公厅' }), '办公厅');
  assert.equal(personTag({}), '');
});
