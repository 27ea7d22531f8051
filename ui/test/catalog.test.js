import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availability, classPathText, compactIsbn, setCopyStatuses, statusLabel, toNewTitle, validateTitle } from '../lib/catalog.js';

test('ISBNs are folded as scanned or typed (the core checks their digits)', () => {
  assert.equal(compactIsbn(' ISBN 978-7-01-022485-5 '), '9787010224855');
  assert.equal(compactIsbn('９７８７０１０２２４８５５'), '9787010224855');
});

test('a title form becomes the core record with empty fields as null', () => {
  const t = toNewTitle({ title: ' 长征 ', isbn: '7-02-005383-1', clc: 'i25', call_number: '', price: ' ' });
  assert.equal(t.title, '长征');
  assert.equal(t.isbn, '7020053831');
  assert.equal(t.clc, 'I25');
  assert.equal(t.call_number, null);
  assert.equal(t.price, null);
});

test('the form names each wrong field in Chinese', () => {
  assert.deepEqual(Object.keys(validateTitle(toNewTitle({ title: '' }))), ['title']);
  const errors = validateTitle(toNewTitle({ title: '书', isbn: '123', clc: '1D' }), { count: -1 });
  assert.deepEqual(Object.keys(errors).sort(), ['clc', 'count'], 'the ISBN is the core\'s to judge');
  assert.deepEqual(validateTitle(toNewTitle({ title: '书', isbn: '9787010224855', clc: 'D62' }), { count: 2 }), {});
});

test('availability and class paths read as a librarian says them', () => {
  assert.equal(availability({ available: 2, copies: 3 }), '在架 2 / 共 3');
  assert.equal(availability({ available: 0, copies: 2 }), '全部借出（共 2 册）');
  assert.equal(availability({ available: 0, copies: 0 }), '无馆藏');
  assert.equal(classPathText([{ code: 'D', name: '政治、法律' }, { code: 'D6', name: '中国政治' }]), 'D 政治、法律 › D6 中国政治');
  // The words come from the core at start; a code it has not given shows as is.
  setCopyStatuses([{ code: 'on_loan', label: '借出' }]);
  assert.equal(statusLabel('on_loan'), '借出');
  assert.equal(statusLabel('in_transit'), 'in_transit');
});
