// Search-as-you-type: wait for a pause in typing, and let only the answer to
// the latest question through (an older, slower answer must not overwrite it).

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Wraps an async function so only the latest call's result is delivered. */
export function latestOnly(fn) {
  let serial = 0;
  return async (...args) => {
    const mine = ++serial;
    const result = await fn(...args);
    return mine === serial ? { current: true, result } : { current: false, result: undefined };
  };
}
