// The venues (会议室、阅览室): name, capacity, note; added and edited in place.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { toast } from './toast.js';

export async function openVenuesDialog({ onChanged = () => {} } = {}) {
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog wide';
  dialog.setAttribute('aria-labelledby', 'vn-title');
  document.body.append(dialog);
  let venues = [];
  const close = () => {
    dialog.close();
    dialog.remove();
  };

  async function draw() {
    try {
      venues = await api.venues();
    } catch (e) {
      toast(e.message, 'error');
    }
    render(
      dialog,
      html`<h2 id="vn-title">场地</h2>
        <table class="grid compact"><thead><tr><th>名称</th><th>容纳人数</th><th>备注</th><th>启用</th><th></th></tr></thead>
          <tbody>${venues.map(
            (v) => html`<tr data-id="${v.id}" data-revision="${v.revision}"><td><input type="text" data-f="name" value="${v.name}" maxlength="60" aria-label="名称"></td>
              <td><input type="number" data-f="capacity" value="${v.capacity ?? ''}" min="1" class="tiny-input" aria-label="容纳人数"></td>
              <td><input type="text" data-f="note" value="${v.note ?? ''}" maxlength="200" aria-label="备注"></td>
              <td><input type="checkbox" data-f="active" ${v.active ? 'checked' : ''} aria-label="启用"></td>
              <td><button type="button" class="link" data-act="save">保存</button></td></tr>`,
          )}</tbody></table>
        <form id="vn-new" class="inline-form" novalidate>
          <input id="vn-name" type="text" maxlength="60" placeholder="新场地名称，如 三楼会议室" autocomplete="off" aria-label="新场地名称">
          <input id="vn-capacity" type="number" min="1" class="tiny-input" placeholder="人数" aria-label="容纳人数">
          <button type="submit">添加场地</button>
        </form>
        <div class="dialog-actions"><button type="button" class="primary" data-act="close">关闭</button></div>`,
    );
  }

  dialog.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = dialog.querySelector('#vn-name').value;
    const capacity = dialog.querySelector('#vn-capacity').value;
    try {
      await api.createVenue({ name, capacity: capacity ? Number(capacity) : null });
      toast(`已添加场地：${name}`);
      onChanged();
      await draw();
      dialog.querySelector('#vn-name').focus();
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  dialog.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'close') close();
    else if (act === 'save') {
      const row = e.target.closest('tr[data-id]');
      const f = (k) => row.querySelector(`[data-f=${k}]`);
      try {
        await api.updateVenue(Number(row.dataset.id), {
          name: f('name').value,
          capacity: f('capacity').value ? Number(f('capacity').value) : null,
          note: f('note').value || null,
          active: f('active').checked,
          revision: Number(row.dataset.revision),
        });
        toast('已保存。');
        onChanged();
      } catch (err) {
        toast(err.message, 'error');
      }
    }
  });
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  await draw();
  dialog.showModal();
  dialog.querySelector('#vn-name').focus();
}
