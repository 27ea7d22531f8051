// A field a barcode scanner types into. A scan is fast keystrokes ended by
// Enter; each is handed to `onScan` in order (a second scan never overtakes
// a first still being handled) and the field empties at once for the next.
// An input method that is on (拼音) composes the keystrokes: Enter during
// composition commits them, and the scan goes through when composition ends.

/** Makes `input` a scan field; `onScan(text)` may be async. Returns `{ focus, busy }`. */
export function bindScanInput(input, onScan) {
  input.setAttribute('autocomplete', 'off');
  input.setAttribute('autocapitalize', 'off');
  input.setAttribute('spellcheck', 'false');
  input.setAttribute('lang', 'en');
  input.setAttribute('inputmode', 'latin');
  let composing = false;
  let submitAfterComposition = false;
  let queue = Promise.resolve();
  let pending = 0;

  function submit() {
    const text = input.value.trim();
    input.value = '';
    if (!text) return;
    pending += 1;
    queue = queue
      .then(() => onScan(text))
      .catch(() => {})
      .finally(() => {
        pending -= 1;
      });
  }

  input.addEventListener('compositionstart', () => {
    composing = true;
  });
  input.addEventListener('compositionend', () => {
    composing = false;
    if (submitAfterComposition) {
      submitAfterComposition = false;
      // The committed text lands after this event.
      setTimeout(submit, 0);
    }
  });
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (composing || e.isComposing || e.keyCode === 229) {
      submitAfterComposition = true;
      return;
    }
    submit();
  });
  return {
    focus: () => input.focus(),
    busy: () => pending > 0,
  };
}
