// The add/edit form for a person, in a modal dialog. The core judges the
// record: its refusal (a missing name, a card held by someone else) is
// shown on the field it names; the inputs take no more than its limits.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { toNewPerson } from '../lib/people.js';
import { groups, limit, personKinds } from '../lib/vocabulary.js';
import { formField, onRecordSubmit, saveOrCancel, textField } from './form.js';
import { modal } from './modal.js';

const text = (name, label, value, options = {}) => textField('pf', name, label, value, { maxlength: limit('person', name), ...options });

/** Opens the form; `onSaved(person)` runs after a successful save. */
export function openPersonForm(person, onSaved) {
  const { dialog, close } = modal('form-dialog', { labelledBy: 'pf-title' });
  const kind = person?.kind ?? 'staff';
  render(
    dialog,
    html`<form method="dialog" novalidate>
      <h2 id="pf-title">${person ? `编辑人员：${person.name}` : '新增人员'}</h2>
      <div class="field" data-field="kind">
        <span class="label">类别</span>
        <div class="radios" role="radiogroup" aria-label="类别">
          ${personKinds().map(
            (k) => html`<label class="check"><input type="radio" name="kind" value="${k.code}" ${k.code === kind ? html`checked` : ''}>${k.label}</label>`,
          )}
        </div>
        <small class="field-error" id="pf-kind-error" role="alert"></small>
      </div>
      ${text('name', '姓名', person?.name, { required: true })}
      <div class="only-staff">${text('department', '部门', person?.department)}</div>
      <div class="only-deputy">
        ${text('delegation', '代表团', person?.delegation)}
        ${formField(
          'pf',
          'professional_group',
          '专业小组',
          html`<select id="pf-professional_group" name="professional_group" aria-describedby="pf-professional_group-error">
            <option value="">（未分组）</option>
            ${groups().map((g) => html`<option value="${g}" ${g === person?.professional_group ? html`selected` : ''}>${g}</option>`)}
          </select>`,
        )}
      </div>
      ${text('card_barcode', '借书证号', person?.card_barcode, { hint: '可直接用扫码枪扫描读者证' })}
      ${text('phone', '电话', person?.phone)}
      ${text('note', '备注', person?.note)}
      ${saveOrCancel()}
    </form>`,
  );
  const form = dialog.querySelector('form');

  const syncKind = () => {
    const deputy = form.elements.kind.value === 'deputy';
    dialog.querySelector('.only-staff').hidden = deputy;
    dialog.querySelector('.only-deputy').hidden = !deputy;
  };
  syncKind();
  form.addEventListener('change', (e) => e.target.name === 'kind' && syncKind());

  dialog.querySelector('[data-act=cancel]').addEventListener('click', close);
  onRecordSubmit(
    dialog,
    form,
    (values) => {
      const record = toNewPerson(values);
      // The revision shown goes back: if someone else saved in between, the core refuses.
      const save = () => (person ? api.updatePerson(person.id, { ...record, revision: person.revision }) : api.createPerson(record));
      return { save };
    },
    (saved) => {
      close();
      onSaved(saved);
    },
  );

  dialog.showModal();
  form.elements.name.focus();
}
