// The numbering of new copies' barcodes: a prefix and the next number, set
// to follow on from labels already printed.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { toast } from './toast.js';

export async function openBarcodeSettings() {
  let current;
  try {
    current = await api.copyBarcodeNumbering();
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog';
  render(
    dialog,
    html`<form novalidate>
      <h2>新册条码的编号</h2>
      <p class="hint">添加复本时如不扫描条码，书香按此规则自动编号，例如 ${current.prefix}${String(current.next).padStart(6, '0')}。已被使用的号码会自动跳过。</p>
      <div class="field" data-field="prefix"><label for="bc-prefix">前缀</label>
        <input id="bc-prefix" name="prefix" type="text" maxlength="10" autocomplete="off" value="${current.prefix}">
        <small class="field-error" role="alert"></small></div>
      <div class="field" data-field="next"><label for="bc-next">下一个编号</label>
        <input id="bc-next" name="next" type="number" min="1" value="${current.next}">
        <small class="field-error" role="alert"></small></div>
      <div class="dialog-actions">
        <button type="submit" class="primary">保存</button>
        <button type="button" data-act="cancel">取消</button>
      </div>
    </form>`,
  );
  document.body.append(dialog);
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.querySelector('[data-act=cancel]').addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  dialog.querySelector('form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.target;
    for (const box of dialog.querySelectorAll('.field')) box.querySelector('.field-error').textContent = '';
    try {
      const saved = await api.changeCopyBarcodeNumbering({ prefix: form.elements.prefix.value, next: Number(form.elements.next.value) });
      close();
      toast(`新册条码将从 ${saved.prefix}${String(saved.next).padStart(6, '0')} 开始。`);
    } catch (err) {
      const box = dialog.querySelector(`[data-field="${err.field}"] .field-error`);
      if (box) box.textContent = err.message;
      else toast(err.message, 'error');
    }
  });
  dialog.showModal();
  dialog.querySelector('#bc-prefix').focus();
}
