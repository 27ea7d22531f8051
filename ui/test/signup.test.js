import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signupState, signupTerms } from '../lib/signup.js';

test('the sign-up state reads as the organizer needs it', () => {
  assert.equal(signupState({ signup: 'open', until: '2026-05-20', places_left: 3 }).text, '正在报名，2026-05-20 截止，还有 3 个名额。');
  assert.equal(signupState({ signup: 'open', until: null, places_left: null }).text, '正在报名，不限人数。');
  const full = signupState({ signup: 'full', until: null, places_left: 0 });
  assert.equal(full.tone, 'warn');
  assert.match(full.text, /名额已满：新报名的读者进入候补/);
  assert.equal(signupState({ signup: 'closed', until: '2026-05-01' }).text, '报名已截止（2026-05-01），读者不能再报名或候补。');
  assert.equal(signupState({ signup: 'none' }).code, 'none');
  assert.equal(signupState(null).code, 'past', 'an event no longer listed cannot be opened');
});

test('blank terms are none; a capacity is a number', () => {
  assert.deepEqual(signupTerms('', ''), { until: null, capacity: null });
  assert.deepEqual(signupTerms('2026-05-20', ' 30 '), { until: '2026-05-20', capacity: 30 });
});
