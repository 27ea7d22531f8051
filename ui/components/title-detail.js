// A title in a dialog: its record, class path and copies, with adding copies
// (scan barcodes or let the app number them), editing the record, moving
// chosen copies to another shelf (调架), and deleting a copy or the title
// entered by mistake (the core refuses what has been used, saying why).

import * as api from '../api.js';
import { render } from '../lib/html.js';
import { statusLabel } from '../lib/vocabulary.js';
import { confirmDialog } from './confirm.js';
import { pickPerson } from './person-picker.js';
import { openTitleForm } from './title-form.js';
import { MARKS, titleRecord } from './title-record.js';
import { modal } from './modal.js';
import { toast } from './toast.js';

/** Opens title `id`; `onChanged()` runs after it or its copies changed. */
export async function openTitleDetail(id, { onChanged }) {
  // history: { copy, loans } when a copy's history is open; chosen: copy ids for 调架.
  const s = { detail: null, holds: [], history: null, chosen: new Set(), locations: [], message: null };
  try {
    [s.detail, s.holds, s.locations] = await Promise.all([api.titleDetail(id), api.titleHolds(id), api.shelfLocations().catch(() => [])]);
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  const { dialog, close } = modal('form-dialog wide', { labelledBy: 'td-title' });
  const t = {
    s,
    dialog,
    close,
    onChanged,
    draw: () => render(dialog, titleRecord(s)),
    // Says the outcome where the copies are, in full.
    say(tone, text) {
      s.message = { tone, text };
      t.draw();
      dialog.querySelector('#td-message').scrollIntoView({ block: 'nearest' });
      (dialog.querySelector('#td-all:not(:disabled)') ?? dialog.querySelector('[data-act=close]')).focus({ preventScroll: true });
    },
    async reload() {
      [s.detail, s.holds] = await Promise.all([api.titleDetail(s.detail.title.id), api.titleHolds(s.detail.title.id)]);
      const ids = new Set(s.detail.copies.map((c) => c.id));
      for (const c of [...s.chosen]) if (!ids.has(c)) s.chosen.delete(c);
      t.draw();
      onChanged();
    },
  };
  t.draw();
  dialog.addEventListener('change', (e) => {
    if (e.target.dataset.act === 'mark' && e.target.value) markCopy(t, e.target);
    else if (e.target.dataset.act === 'choose' || e.target.id === 'td-all') choose(t, e.target);
  });
  dialog.addEventListener('click', (e) => onClick(t, e));
  dialog.addEventListener('submit', (e) => {
    e.preventDefault();
    if (e.target.id === 'td-move') moveChosen(t, e.target);
    else addCopies(t, e.target);
  });
  dialog.showModal();
  dialog.querySelector('[data-act=close]').focus();
}

const copyOf = (t, target) => {
  const copyId = Number(target.closest('[data-copy]').dataset.copy);
  return t.s.detail.copies.find((c) => c.id === copyId);
};

async function onClick(t, e) {
  const act = e.target.closest('[data-act]')?.dataset.act;
  const { s } = t;
  if (act === 'hold') placeHold(t);
  else if (act === 'labels') {
    t.close();
    location.hash = `#labels?title=${s.detail.title.id}`;
  } else if (act === 'history') {
    const copy = copyOf(t, e.target);
    try {
      s.history = { copy, loans: await api.copyLoans(copy.id) };
      t.draw();
    } catch (err) {
      toast(err.message, 'error');
    }
  } else if (act === 'delete-copy') deleteCopy(t, copyOf(t, e.target));
  else if (act === 'delete-title') deleteTitle(t);
  else if (act === 'close') t.close();
  else if (act === 'edit') {
    t.close();
    openTitleForm(s.detail.title, {
      onSaved: (saved) => {
        toast(`已保存：《${saved.title}》`);
        t.onChanged();
        openTitleDetail(saved.id, { onChanged: t.onChanged });
      },
    });
  }
}

async function placeHold(t) {
  const title = t.s.detail.title;
  const person = await pickPerson({ title: `预约《${title.title}》`, hint: '有在架的册会立即留书；都借出时排队，还回后按顺序留书。' });
  if (!person) return;
  try {
    const h = await api.placeHold(title.id, person.id);
    toast(h.status === 'ready' ? `已为 ${h.person_name} 留书 ${h.copy_barcode}，请在 ${h.expires_on} 前取书。` : `${h.person_name} 已预约，排队第 ${h.position} 位。`);
    await t.reload();
  } catch (err) {
    toast(err.message, 'error');
  }
}

async function markCopy(t, select) {
  const copy = copyOf(t, select);
  const mark = MARKS.find((m) => m.status === select.value);
  select.value = '';
  const answer = await confirmDialog({
    title: `${copy.barcode}：${mark.label}`,
    message: copy.status === 'on_loan' ? '这一册正借出，借阅将随之结束。' : `状态将由“${statusLabel('copy', copy.status)}”改为“${statusLabel('copy', mark.status)}”。`,
    note: { label: '说明', value: mark.note },
    confirmLabel: mark.label,
    danger: mark.status !== 'on_shelf',
  });
  if (!answer) return;
  try {
    await api.markCopy(copy.id, mark.status, answer.note);
    toast(`${copy.barcode} 已${mark.label}。`);
    await t.reload();
  } catch (err) {
    toast(err.message, 'error');
  }
}

/** A copy's box or 全选 changed: the chosen set, the boxes and the move form follow. */
function choose(t, box) {
  const { s, dialog } = t;
  if (box.id === 'td-all') {
    for (const c of s.detail.copies) box.checked ? s.chosen.add(c.id) : s.chosen.delete(c.id);
    for (const b of dialog.querySelectorAll('[data-act=choose]')) b.checked = box.checked;
  } else {
    const id = copyOf(t, box).id;
    box.checked ? s.chosen.add(id) : s.chosen.delete(id);
    dialog.querySelector('#td-all').checked = s.detail.copies.every((c) => s.chosen.has(c.id));
  }
  dialog.querySelector('#td-chosen').textContent = s.chosen.size ? `已选 ${s.chosen.size} 册` : '勾选要调架的册';
  dialog.querySelector('#td-move [type=submit]').disabled = s.chosen.size === 0;
}

/** 调架: the chosen copies to the shelf typed (or chosen from those in use). */
async function moveChosen(t, form) {
  const { s } = t;
  const where = form.elements.location.value.trim();
  const barcodes = s.detail.copies.filter((c) => s.chosen.has(c.id)).map((c) => c.barcode);
  try {
    const moved = await api.moveCopies([...s.chosen], where);
    s.chosen.clear();
    await t.reload();
    if (where && !s.locations.some(([name]) => name === where)) s.locations = await api.shelfLocations().catch(() => s.locations);
    t.say('ok', where ? `已将 ${moved} 册调到 ${where}：${barcodes.join('、')}` : `已清空 ${moved} 册的馆藏位置：${barcodes.join('、')}`);
  } catch (err) {
    t.say('error', err.message);
  }
}

async function deleteCopy(t, copy) {
  const ok = await confirmDialog({
    title: `删除 ${copy.barcode}`,
    message: `这一册（${copy.barcode}${copy.location ? `，${copy.location}` : ''}）将从馆藏中删除。只用于录错了的册；借出过的册不能删除，不再用的请标为“剔除”。`,
    confirmLabel: '删除这一册',
    danger: true,
  });
  if (!ok) return;
  try {
    await api.deleteCopy(copy.id);
    t.s.chosen.delete(copy.id);
    if (t.s.history?.copy.id === copy.id) t.s.history = null;
    await t.reload();
    t.say('ok', `已删除 ${copy.barcode}。`);
  } catch (err) {
    t.say('error', err.message);
  }
}

async function deleteTitle(t) {
  const { detail } = t.s;
  const title = detail.title;
  const ok = await confirmDialog({
    title: `删除书目《${title.title}》`,
    message: `这个书目连同它的 ${detail.copies.length} 册将被删除。只用于录错了的书目；有册借出过、有人预约过的不能删除，不再用的书请把各册标为“剔除”。`,
    confirmLabel: '删除书目',
    danger: true,
  });
  if (!ok) return;
  try {
    await api.deleteTitle(title.id);
    t.close();
    toast(`已删除书目《${title.title}》。`);
    t.onChanged();
  } catch (err) {
    t.say('error', err.message);
  }
}

async function addCopies(t, form) {
  const { s } = t;
  const barcodes = form.elements.barcodes.value.split(/[\s,，;；、]+/).filter(Boolean);
  const typed = Number(form.elements.count.value);
  const count = Math.max(0, (Number.isInteger(typed) ? typed : 1) - barcodes.length);
  try {
    const added = await api.addCopies(s.detail.title.id, { count, barcodes, location: form.elements.location.value || null });
    toast(`已添加 ${added.length} 册：${added.map((c) => c.barcode).join('、')}`);
    s.detail = await api.titleDetail(s.detail.title.id);
    t.draw();
    t.onChanged();
  } catch (err) {
    toast(err.message, 'error');
  }
}
