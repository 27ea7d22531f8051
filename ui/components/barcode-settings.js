// The numbering of new copies' barcodes: a prefix and the next number, set
// to follow on from labels already printed.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { formField, saveOrCancel, showErrors, showRefusal, textField } from './form.js';
import { modal } from './modal.js';
import { toast } from './toast.js';

export async function openBarcodeSettings() {
  let current;
  try {
    current = await api.copyBarcodeNumbering();
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  const { dialog, close } = modal('form-dialog');
  render(
    dialog,
    html`<form novalidate>
      <h2>新册条码的编号</h2>
      <p class="hint">添加复本时如不扫描条码，书香按此规则自动编号，例如 ${current.prefix}${String(current.next).padStart(6, '0')}。已被使用的号码会自动跳过。</p>
      ${textField('bc', 'prefix', '前缀', current.prefix, { maxlength: 10 })}
      ${formField('bc', 'next', '下一个编号', html`<input id="bc-next" name="next" type="number" min="1" value="${current.next}" aria-describedby="bc-next-error">`)}
      ${saveOrCancel()}
    </form>`,
  );
  dialog.querySelector('[data-act=cancel]').addEventListener('click', close);
  dialog.querySelector('form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.target;
    showErrors(dialog, {});
    try {
      const saved = await api.changeCopyBarcodeNumbering({ prefix: form.elements.prefix.value, next: Number(form.elements.next.value) });
      close();
      toast(`新册条码将从 ${saved.prefix}${String(saved.next).padStart(6, '0')} 开始。`);
    } catch (err) {
      showRefusal(dialog, err);
    }
  });
  dialog.showModal();
  dialog.querySelector('#bc-prefix').focus();
}
