// The add/edit form for a person, in a modal dialog: every wrong field is
// marked with its Chinese reason before anything is sent; a reason from the
// core (a card held by someone else) is shown on its field the same way.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { GROUPS, KINDS, toNewPerson, validatePerson } from '../lib/people.js';

function field(name, label, input, hint = '') {
  return html`<div class="field" data-field="${name}">
    <label for="pf-${name}">${label}</label>
    ${input}
    ${hint ? html`<small class="hint">${hint}</small>` : ''}
    <small class="field-error" id="pf-${name}-error" role="alert"></small>
  </div>`;
}

function text(name, value, extra = {}) {
  return html`<input id="pf-${name}" name="${name}" type="text" value="${value ?? ''}" autocomplete="off"
    maxlength="${extra.maxlength ?? 100}" aria-describedby="pf-${name}-error" ${extra.required ? html`required` : ''}>`;
}

/** Opens the form; `onSaved(person)` runs after a successful save. */
export function openPersonForm(person, onSaved) {
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog';
  dialog.setAttribute('aria-labelledby', 'pf-title');
  const kind = person?.kind ?? 'staff';
  render(
    dialog,
    html`<form method="dialog" novalidate>
      <h2 id="pf-title">${person ? `编辑人员：${person.name}` : '新增人员'}</h2>
      <div class="field" data-field="kind">
        <span class="label">类别</span>
        <div class="radios" role="radiogroup" aria-label="类别">
          ${KINDS.map(
            (k) => html`<label class="check"><input type="radio" name="kind" value="${k.code}" ${k.code === kind ? html`checked` : ''}>${k.label}</label>`,
          )}
        </div>
        <small class="field-error" id="pf-kind-error" role="alert"></small>
      </div>
      ${field('name', '姓名', text('name', person?.name, { maxlength: 50, required: true }))}
      <div class="only-staff">${field('department', '部门', text('department', person?.department))}</div>
      <div class="only-deputy">
        ${field('delegation', '代表团', text('delegation', person?.delegation))}
        ${field(
          'professional_group',
          '专业小组',
          html`<select id="pf-professional_group" name="professional_group" aria-describedby="pf-professional_group-error">
            <option value="">（未分组）</option>
            ${GROUPS.map((g) => html`<option value="${g}" ${g === person?.professional_group ? html`selected` : ''}>${g}</option>`)}
          </select>`,
        )}
      </div>
      ${field('card_barcode', '借书证号', text('card_barcode', person?.card_barcode, { maxlength: 32 }), '可直接用扫码枪扫描读者证')}
      ${field('phone', '电话', text('phone', person?.phone, { maxlength: 30 }))}
      ${field('note', '备注', text('note', person?.note, { maxlength: 500 }))}
      <p class="form-error" role="alert"></p>
      <div class="dialog-actions">
        <button type="submit" class="primary" value="save">保存</button>
        <button type="button" data-act="cancel">取消</button>
      </div>
    </form>`,
  );
  document.body.append(dialog);
  const form = dialog.querySelector('form');

  const syncKind = () => {
    const deputy = form.elements.kind.value === 'deputy';
    dialog.querySelector('.only-staff').hidden = deputy;
    dialog.querySelector('.only-deputy').hidden = !deputy;
  };
  syncKind();
  form.addEventListener('change', (e) => e.target.name === 'kind' && syncKind());

  const showErrors = (errors) => {
    for (const box of dialog.querySelectorAll('.field')) {
      const message = errors[box.dataset.field] ?? '';
      box.classList.toggle('invalid', Boolean(message));
      box.querySelector('.field-error').textContent = message;
    }
    const first = Object.keys(errors)[0];
    if (first) (form.elements[first]?.focus ? form.elements[first] : dialog.querySelector(`[data-field=${first}] input`))?.focus();
  };

  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.querySelector('[data-act=cancel]').addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });

  let saving = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (saving) return;
    const values = Object.fromEntries(new FormData(form));
    const record = toNewPerson(values);
    const errors = validatePerson(record);
    showErrors(errors);
    dialog.querySelector('.form-error').textContent = '';
    if (Object.keys(errors).length) return;
    saving = true;
    try {
      // The revision shown goes back: if someone else saved in between, the core refuses.
      const saved = person ? await api.updatePerson(person.id, { ...record, revision: person.revision }) : await api.createPerson(record);
      close();
      onSaved(saved);
    } catch (err) {
      if (err.field && dialog.querySelector(`[data-field="${err.field}"]`)) showErrors({ [err.field]: err.message });
      else dialog.querySelector('.form-error').textContent = err.message;
    } finally {
      saving = false;
    }
  });

  dialog.showModal();
  form.elements.name.focus();
}
