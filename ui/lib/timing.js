// Timing of work that follows typing: searches run at once and only the answer
// to the latest question gets through (an older, slower answer must not
// overwrite it); costlier checks (clashes of a form) wait for a pause.

/** Runs `fn` once typing has paused for `ms`, with the last arguments. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/**
 * Wraps an async function (a search) so that only the latest call's result
 * is delivered, and at most one call runs at a time: a call made while
 * another runs waits for it, and is dropped if a newer call came meanwhile.
 * Typing then searches at once on the first key, and a burst of keys (or a
 * scanner's) costs one more search, for the text as it stands, not one per
 * key. Stale calls resolve to `{ current: false }` and never throw.
 */
export function latestOnly(fn) {
  let serial = 0;
  let running = null;
  const stale = { current: false, result: undefined };
  return async (...args) => {
    const mine = ++serial;
    while (running) {
      await running;
      if (mine !== serial) return stale;
    }
    const call = Promise.resolve().then(() => fn(...args));
    running = call.then(
      () => {},
      () => {},
    );
    const settled = running;
    try {
      const result = await call;
      return mine === serial ? { current: true, result } : stale;
    } catch (e) {
      if (mine !== serial) return stale;
      throw e;
    } finally {
      if (running === settled) running = null;
    }
  };
}

/**
 * Marks the moment the first screen shows its data, once per start (a
 * performance mark named `first-screen`): what the window benchmark
 * measures start-up to.
 */
export function markFirstScreen() {
  if (!performance.getEntriesByName('first-screen').length) performance.mark('first-screen');
}
