// The pieces of every record form: a labelled field with its hint and its
// error slot, a text input tied to that slot, and the drawing of the
// errors — each wrong field marked with its Chinese reason and the first
// one focused; a refusal from the core lands on the field it names, or
// under the form when it names none. `showErrors` draws the whole error
// state each time (an empty object clears it).

import { html } from '../lib/html.js';

/** A field `name` of the form whose ids start with `prefix`. */
export function formField(prefix, name, label, control, hint = '') {
  return html`<div class="field" data-field="${name}">
    <label for="${prefix}-${name}">${label}</label>
    ${control}
    ${hint}
    <small class="field-error" id="${prefix}-${name}-error" role="alert"></small>
  </div>`;
}

/** A text input for field `name`, described by its error slot. */
export function textInput(prefix, name, value, { maxlength = null, required = false } = {}) {
  return html`<input id="${prefix}-${name}" name="${name}" type="text" value="${value ?? ''}" autocomplete="off"
    ${maxlength ? html`maxlength="${maxlength}"` : ''} aria-describedby="${prefix}-${name}-error" ${required ? html`required` : ''}>`;
}

/** A text field: label, input and error slot, with an optional hint below. */
export function textField(prefix, name, label, value, options = {}) {
  const hint = options.hint ? html`<small class="hint">${options.hint}</small>` : (options.extra ?? '');
  return formField(prefix, name, label, textInput(prefix, name, value, options), hint);
}

/** The end of a record form: the form-wide message, 保存 and 取消 (data-act=cancel). */
export function saveOrCancel() {
  return html`<p class="form-error" role="alert"></p>
    <div class="dialog-actions">
      <button type="submit" class="primary">保存</button>
      <button type="button" data-act="cancel">取消</button>
    </div>`;
}

/**
 * Marks every field of `root` by `errors` ({ field: reason }); clears the
 * form-wide message; focuses the first wrong field.
 */
export function showErrors(root, errors) {
  for (const box of root.querySelectorAll('.field[data-field]')) {
    const message = errors[box.dataset.field] ?? '';
    box.classList.toggle('invalid', Boolean(message));
    const slot = box.querySelector('.field-error');
    if (slot) slot.textContent = message;
  }
  const formError = root.querySelector('.form-error');
  if (formError) formError.textContent = '';
  const first = Object.keys(errors)[0];
  if (first) root.querySelector(`[data-field="${first}"] :is(input, select, textarea)`)?.focus();
}

/** A refusal from the core: on the field it names when the form has it, else under the form. */
export function showRefusal(root, err) {
  if (err.field && root.querySelector(`[data-field="${err.field}"]`)) {
    showErrors(root, { [err.field]: err.message });
  } else {
    showErrors(root, {});
    const formError = root.querySelector('.form-error');
    if (formError) formError.textContent = err.message;
  }
}

/**
 * Saves `form` as one record when it is submitted: `check(values)` gives
 * { save, errors? }, `errors` only for what the form cannot even send (the
 * core judges the rest); then `save()` runs and `saved(result)` gets what
 * it returned; a refusal from the core lands on its field. One save at a time.
 */
export function onRecordSubmit(root, form, check, saved) {
  let saving = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (saving) return;
    const { errors = {}, save } = check(Object.fromEntries(new FormData(form)));
    showErrors(root, errors);
    if (Object.keys(errors).length) return;
    saving = true;
    try {
      saved(await save());
    } catch (err) {
      showRefusal(root, err);
    } finally {
      saving = false;
    }
  });
}
