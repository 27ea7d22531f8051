import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setVocabulary, mayChange } from '../lib/vocabulary.js';
import {
  badgeCount,
  catalogueCheck,
  decides,
  decisionFor,
  doneText,
  excerpt,
  namesakes,
  oldestFirst,
  queuePlaces,
  sectionsFor,
  signupEntity,
  suggestionState,
  whenText,
  whoTag,
} from '../lib/inbox.js';

setVocabulary(JSON.parse(fs.readFileSync(new URL('./vocabulary.gen.json', import.meta.url))));

test('each kind is decided by the roles the core lets change it', () => {
  assert.equal(decides('organizer', 'leave'), true);
  assert.equal(decides('organizer', 'suggestions'), false, 'purchases are the librarian’s');
  assert.equal(decides('librarian', 'suggestions'), true);
  assert.equal(decides('librarian', 'signups'), false);
  for (const role of ['organizer', 'librarian', 'admin']) assert.equal(decides(role, 'notes'), true, `${role} reviews notes`);
  for (const key of ['signups', 'offers', 'leave', 'notes', 'suggestions']) {
    assert.equal(decides('viewer', key), false, 'the viewer only reads');
    assert.equal(decides(null, key), true, 'without login everyone decides everything');
  }
  assert.equal(mayChange('viewer', 'reading_note'), false);
});

test('the sections a role decides come first, the rest after to read', () => {
  const librarian = sectionsFor('librarian');
  assert.deepEqual(librarian.map((s) => s.key), ['notes', 'suggestions', 'signups', 'offers', 'leave']);
  assert.deepEqual(librarian.map((s) => s.decides), [true, true, false, false, false]);
  assert.deepEqual(sectionsFor('organizer').filter((s) => s.decides).map((s) => s.key), ['signups', 'offers', 'leave', 'notes']);
  assert.equal(sectionsFor('viewer').every((s) => !s.decides), true);
});

test('the badge counts what the role decides; a reader-only role sees the total as a figure', () => {
  const counts = { signups: 2, offers: 1, leave: 3, notes: 4, suggestions: 5 };
  assert.deepEqual(badgeCount(counts, 'librarian'), { count: 9, own: true });
  assert.deepEqual(badgeCount(counts, 'organizer'), { count: 10, own: true });
  assert.deepEqual(badgeCount(counts, null), { count: 15, own: true });
  assert.deepEqual(badgeCount(counts, 'viewer'), { count: 15, own: false });
  assert.deepEqual(badgeCount(null, 'admin'), { count: 0, own: true });
});

test('a sign-up is decided on its session or its batch', () => {
  assert.equal(signupEntity({ kind: 'sharing' }), 'share_session');
  assert.equal(signupEntity({ kind: 'training' }), 'training_batch');
});

test('two people of one name are marked; one person twice is not', () => {
  const items = [
    { person_id: 1, person_name: '王伟' },
    { person_id: 2, person_name: '王伟' },
    { person_id: 3, person_name: '李娜' },
    { person_id: 3, person_name: '李娜' },
  ];
  assert.deepEqual([...namesakes(items)], ['王伟']);
  assert.equal(whoTag({ card_barcode: 'J00012', unit: '办公厅' }), '借书证 J00012 · 办公厅');
  assert.equal(whoTag({ card_barcode: null, unit: '东城区代表团' }), '东城区代表团');
});

test('requests are answered oldest first, and each waiting reader has a place in their own queue', () => {
  const rows = [
    { id: 2, created_at: '2026-05-02T01:00:00Z' },
    { id: 1, created_at: '2026-05-01T01:00:00Z' },
  ];
  assert.deepEqual(oldestFirst(rows).map((r) => r.id), [1, 2]);
  const places = queuePlaces([
    { kind: 'sharing', event_id: 5, person_id: 9, queued_at: '2026-05-03' },
    { kind: 'sharing', event_id: 5, person_id: 8, queued_at: '2026-05-01' },
    { kind: 'training', event_id: 5, person_id: 7, queued_at: '2026-05-02' },
  ]);
  assert.equal(places.get('sharing:5:8'), 1);
  assert.equal(places.get('sharing:5:9'), 2);
  assert.equal(places.get('training:5:7'), 1, 'a batch and a session of one id are two queues');
});

test('a long note is folded after its first lines; a short one is whole', () => {
  assert.deepEqual(excerpt('短短一段'), { head: '短短一段', rest: '' });
  const long = '字'.repeat(500);
  const { head, rest } = excerpt(long, 160);
  assert.equal(head.length, 160);
  assert.equal(head + rest, long);
});

test('a suggested book is held when the catalogue has its ISBN or its title and author', () => {
  const hits = [
    { id: 7, isbn: '9787108009821', title: '乡土中国', authors: '费孝通 著', publisher: '北京大学出版社', year: '2012', copies: 2, available: 1 },
  ];
  const byIsbn = catalogueCheck({ title: '乡土中国（新版）', isbn: '978-7-108-00982-1' }, hits);
  assert.equal(byIsbn.held, true);
  assert.equal(byIsbn.title_id, 7);
  assert.match(byIsbn.text, /馆内已有：《乡土中国》 北京大学出版社 · 2012 · 在架 1 册/);
  assert.equal(catalogueCheck({ title: '乡土 中国', author: '费孝通' }, hits).held, true, 'spaces and the 著 do not matter');
  assert.equal(catalogueCheck({ title: '乡土中国', author: '王某' }, hits).held, false, 'another author is another book');
  const alike = catalogueCheck({ title: '乡土中国与乡村振兴' }, hits);
  assert.equal(alike.held, false);
  assert.match(alike.text, /相近的有《乡土中国》/);
  assert.equal(catalogueCheck({ title: '枢纽' }, []).text, '馆内没有这本书');
});

test('accepted suggestions wait oldest first; arrived ones are listed for a month, newest first', () => {
  const { waiting, arrived } = suggestionState(
    [{ id: 1, decided_at: '2026-05-03' }, { id: 2, decided_at: '2026-05-01' }],
    [{ id: 3, arrived_at: '2026-04-01T02:00:00Z' }, { id: 4, arrived_at: '2026-05-20T02:00:00Z' }, { id: 5, arrived_at: '2026-05-25T02:00:00Z' }],
    '2026-06-01',
  );
  assert.deepEqual(waiting.map((s) => s.id), [2, 1]);
  assert.deepEqual(arrived.map((s) => s.id), [5, 4]);
});

test('a decided request leaves a line saying what was done to whose request', () => {
  assert.equal(doneText('leave', { approve: true }, { person_name: '王伟', subject: '政策解读' }), '已准假：王伟 · 政策解读');
  assert.equal(doneText('notes', { decision: 'publish', featured: true }, { person_name: '李娜', book_title: '乡土中国' }), '已发表为精选：李娜《乡土中国》的心得');
  assert.equal(doneText('notes', { decision: 'return', reason: '…' }, { person_name: '李娜', book_title: '乡土中国' }), '已退回：李娜《乡土中国》的心得');
  assert.equal(doneText('notes', { decision: 'publish', featured: false }, { status: 'published', person_name: '李娜', book_title: '乡土中国' }), '已取消精选：李娜《乡土中国》的心得');
  assert.equal(doneText('signups', { admit: false }, { person_name: '张三', event_title: '读书会' }), '已移出候补：张三 · 读书会');
  assert.equal(doneText('suggestions', { accept: true }, { person_name: '赵六', title: '枢纽' }), '已采纳：赵六 荐购的《枢纽》');
});

test('when a session begins, and the first day of a batch', () => {
  assert.equal(whenText('2026-11-26T15:00'), '2026-11-26（周四）15:00');
  assert.equal(whenText('2026-11-23'), '2026-11-23（周一）起');
  assert.equal(whenText(''), '');
});

test('each button is one decision in the core’s terms', () => {
  assert.deepEqual(decisionFor('signups', 'admit'), { admit: true });
  assert.deepEqual(decisionFor('signups', 'drop'), { admit: false });
  assert.deepEqual(decisionFor('offers', 'refuse', '已满'), { accept: false, reason: '已满' });
  assert.deepEqual(decisionFor('suggestions', 'accept', 'ignored'), { accept: true, reason: null });
  assert.deepEqual(decisionFor('leave', 'approve'), { approve: true, answer: null });
  assert.deepEqual(decisionFor('leave', 'refuse', '必修课'), { approve: false, answer: '必修课' });
  assert.deepEqual(decisionFor('notes', 'publish'), { decision: 'publish', featured: false });
  assert.deepEqual(decisionFor('notes', 'feature'), { decision: 'publish', featured: true });
  assert.deepEqual(decisionFor('notes', 'unfeature'), { decision: 'publish', featured: false });
  assert.deepEqual(decisionFor('notes', 'refuse', '请补充'), { decision: 'return', reason: '请补充' });
  assert.deepEqual(decisionFor('notes', 'hide'), { decision: 'hide' });
});
