import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availability, linkValue, listDraft, listFor, moveItem } from '../lib/reading-lists.js';

test('a list is for a training topic, a reading-share series, or neither', () => {
  assert.equal(linkValue({ topic_id: 3, series_id: null }), 'topic:3');
  assert.equal(linkValue({ topic_id: null, series_id: 2 }), 'series:2');
  assert.equal(linkValue(null), '', 'a new list');
  assert.equal(listFor({ topic_name: '预算审查监督' }), '履职培训专题：预算审查监督');
  assert.equal(listFor({ series_name: '书香润初心' }), '读书分享系列：书香润初心');
  assert.equal(listFor({}), '');
});

test('the form becomes the core’s draft: trimmed, blank as none, titles in order with their notes', () => {
  const draft = listDraft({
    name: ' 预算书单 ',
    description: '  ',
    link: 'series:2',
    published: false,
    items: [{ title_id: 9, note: ' 入门 ' }, { title_id: 4, note: '' }],
    revision: 5,
  });
  assert.deepEqual(draft, {
    name: '预算书单',
    description: null,
    topic_id: null,
    series_id: 2,
    published: false,
    titles: [{ title_id: 9, note: '入门' }, { title_id: 4, note: null }],
    revision: 5,
  });
  assert.equal(listDraft({ name: 'x', link: 'topic:7', items: [], revision: null }).topic_id, 7);
});

test('a title’s availability says what is on the shelf', () => {
  assert.deepEqual(availability({ copies: 3, available: 2 }), { text: '在架 2 册（共 3 册）', tone: 'ok' });
  assert.deepEqual(availability({ copies: 1, available: 1 }), { text: '在架 1 册', tone: 'ok' });
  assert.deepEqual(availability({ copies: 2, available: 0 }), { text: '全部借出（共 2 册）', tone: 'warn' });
  assert.deepEqual(availability({ copies: 0, available: 0 }), { text: '无可借复本', tone: 'muted' });
});

test('a title moves up or down, never off the ends', () => {
  const items = ['甲', '乙', '丙'];
  assert.deepEqual(moveItem(items, 1, -1), ['乙', '甲', '丙']);
  assert.deepEqual(moveItem(items, 2, 1), ['乙', '甲', '丙']);
  assert.deepEqual(moveItem(items, 0, 1), ['甲', '乙', '丙']);
});
