import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debounce, latestOnly } from '../lib/timing.js';

test('a slow answer to an older search does not overwrite the newer one', async () => {
  const delays = { a: 30, ab: 5 };
  const search = latestOnly((q) => new Promise((resolve) => setTimeout(() => resolve(q), delays[q])));
  const [first, second] = await Promise.all([search('a'), search('ab')]);
  assert.deepEqual(first, { current: false, result: undefined });
  assert.deepEqual(second, { current: true, result: 'ab' });
});

test('debounce runs once, with the last arguments, after typing pauses', async () => {
  const calls = [];
  const f = debounce((x) => calls.push(x), 10);
  f(1);
  f(2);
  f(3);
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(calls, [3]);
});

test('the first search runs at once, without waiting for a pause', async () => {
  const calls = [];
  const search = latestOnly(async (q) => {
    calls.push(q);
    return q;
  });
  const answer = search('w');
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(calls, ['w'], 'started within a couple of microtasks');
  assert.deepEqual(await answer, { current: true, result: 'w' });
});

test('keys typed while a search runs cost one more search, for the text as it stands', async () => {
  const calls = [];
  let inFlight = 0;
  let most = 0;
  const search = latestOnly(async (q) => {
    calls.push(q);
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 10));
    inFlight -= 1;
    return q;
  });
  const answers = await Promise.all(['w', 'wl', 'wls', 'wlsw', 'wlswn'].map((q) => search(q)));
  assert.deepEqual(calls, ['w', 'wlswn'], 'the keys in between are never searched');
  assert.equal(most, 1, 'never two searches at once');
  assert.deepEqual(answers.at(-1), { current: true, result: 'wlswn' });
  assert.ok(answers.slice(0, -1).every((a) => !a.current), 'older answers are not delivered');
});

test('a failed search reports its error only when it is the latest', async () => {
  const search = latestOnly(async (q) => {
    await new Promise((r) => setTimeout(r, 5));
    if (q.startsWith('bad')) throw new Error(q);
    return q;
  });
  const [stale, latest] = await Promise.all([search('bad-old'), search('good')]);
  assert.deepEqual(stale, { current: false, result: undefined }, 'a stale failure is dropped');
  assert.deepEqual(latest, { current: true, result: 'good' });
  await assert.rejects(search('bad-new'), /bad-new/);
  assert.deepEqual(await search('after'), { current: true, result: 'after' }, 'a failure does not jam it');
});
