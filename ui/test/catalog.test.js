import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availability, classPathText, compactIsbn, toNewTitle } from '../lib/catalog.js';

test('ISBNs are folded as scanned or typed (the core checks their digits)', () => {
  assert.equal(compactIsbn(' ISBN 978-7-01-022485-5 '), '9787010224855');
  assert.equal(compactIsbn('９７８７０１０２２４８５５'), '9787010224855');
});

test('a title form becomes the core record with empty fields as null', () => {
  assert.equal(toNewTitle({ title: '  ' }).title, '', 'a blank title goes to the core as empty, for it to refuse');
  const t = toNewTitle({ title: ' 长征 ', isbn: '7-02-005383-1', clc: 'i25', call_number: '', price: ' ' });
  assert.equal(t.title, '长征');
  assert.equal(t.isbn, '7020053831');
  assert.equal(t.clc, 'I25');
  assert.equal(t.call_number, null);
  assert.equal(t.price, null);
});

test('availability and class paths read as a librarian says them', () => {
  assert.equal(availability({ available: 2, copies: 3 }), '在架 2 / 共 3');
  assert.equal(availability({ available: 0, copies: 2 }), '全部借出（共 2 册）');
  assert.equal(availability({ available: 0, copies: 0 }), '无馆藏');
  assert.equal(classPathText([{ code: 'D', name: '政治、法律' }, { code: 'D6', name: '中国政治' }]), 'D 政治、法律 › D6 中国政治');
});
