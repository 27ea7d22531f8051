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
