import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attendanceMap, completionSummary, proposalByBatch } from '../lib/training.js';

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
  assert.deepEqual(unplaced, [{ person_id: 12, reason: '没有空位', name: '丙' }]);
});

test('attendance and completion figures', () => {
  const m = attendanceMap([[1, 10, 'present'], [2, 10, 'leave']]);
  assert.equal(m.get('2:10'), 'leave');
  assert.equal(m.get('3:10'), undefined);
  assert.deepEqual(completionSummary([{ completed: true }, { completed: false }, { completed: true }]), { trainees: 3, completed: 2, rate: 66.7 });
  assert.deepEqual(completionSummary([]), { trainees: 0, completed: 0, rate: null });
});
