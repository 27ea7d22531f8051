import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageMoves, pageSummary, toNewPerson, unitOf } from '../lib/people.js';

const form = (values) => toNewPerson({ kind: 'staff', name: '', ...values });

test('a blank name goes to the core as empty, for it to refuse', () => {
  assert.equal(form({ name: '   ' }).name, '');
  assert.equal(toNewPerson({ name: '张三' }).kind, null, 'no kind chosen is sent as none');
});

test('a staff member keeps a department and drops deputy-only fields', () => {
  const p = toNewPerson({ kind: 'staff', name: ' 张三 ', department: '办公厅', delegation: 'x', professional_group: '经济发展' });
  assert.equal(p.name, '张三');
  assert.equal(p.department, '办公厅');
  assert.equal(p.delegation, null);
  assert.equal(p.professional_group, null);
});

test('a deputy keeps delegation and group; empty fields become null', () => {
  const p = toNewPerson({ kind: 'deputy', name: '李四', delegation: '', professional_group: '卫生健康', phone: ' ' });
  assert.deepEqual([p.delegation, p.professional_group, p.phone], [null, '卫生健康', null]);
});

test('full-width card numbers from an input method are folded', () => {
  assert.equal(form({ name: '王五', card_barcode: 'ｊ００１' }).card_barcode, 'j001');
});

test('a person\'s unit follows the kind', () => {
  assert.equal(unitOf({ kind: 'deputy', delegation: '海淀区代表团', department: 'x' }), '海淀区代表团');
  assert.equal(unitOf({ kind: 'staff', department: null }), '');
});

test('paging says where we are and where we can go', () => {
  const page = { offset: 50, limit: 50, total: 120, items: new Array(50) };
  assert.equal(pageSummary(page), '第 51–100 条，共 120 条');
  assert.deepEqual(pageMoves(page), { previous: 0, next: 100 });
  assert.deepEqual(pageMoves({ offset: 100, limit: 50, total: 120 }), { previous: 50, next: null });
  assert.equal(pageSummary({ offset: 0, limit: 50, total: 0, items: [] }), '共 0 条');
  assert.equal(pageSummary({ offset: 0, limit: 2, total: 10000, items: [1, 2], capped: true }), '第 1–2 条，共 10000+ 条');
});
