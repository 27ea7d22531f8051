// Automatic assignment: the proposal batch by batch (each deputy tagged
// 本组 / 混合班 / 跨组; a name that occurs twice shows its delegation),
// everyone left out with the reason, regenerate or confirm. Nothing is saved
// until 确认编班.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { FIT, groupLabel, proposalByBatch, repeatedNames } from '../lib/training.js';
import { groups } from '../lib/vocabulary.js';
import { toast } from './toast.js';

export async function openAssignDialog(topic, { onConfirmed = () => {} } = {}) {
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog wide assign-dialog';
  dialog.setAttribute('aria-labelledby', 'as-title');
  document.body.append(dialog);
  let proposal = null;
  // (person, batch) choices the organizer made: kept when regenerating.
  const pins = new Map();
  const close = () => {
    dialog.close();
    dialog.remove();
  };

  function frame() {
    render(
      dialog,
      html`<h2 id="as-title">自动编班：${topic.name}</h2>
        <p class="hint">为尚未参加本专题的代表生成编班方案：先保证人数上限和时间不冲突，再尽量多编入，尽量编入本专业小组的批次（其次混合班），最后使各批次人数均衡。</p>
        <div class="toolbar"><label>范围 <select id="as-group"><option value="">全部尚未参加本专题的代表</option>${groups().map((g) => html`<option value="${g}">仅${g}组</option>`)}</select></label>
          <button type="button" data-act="propose">生成方案</button></div>
        <div id="as-body"></div>
        <div class="dialog-actions"><button type="button" data-act="close">取消</button><button type="button" class="primary" data-act="confirm" disabled>确认编班</button></div>`,
    );
  }

  async function propose() {
    try {
      const group = dialog.querySelector('#as-group').value;
      let ids = null;
      if (group) {
        const page = await api.listPeople({ kind: 'deputy', professional_group: group, limit: 200 });
        ids = page.items.map((p) => p.id);
      }
      proposal = await api.proposeAssignment(topic.id, ids, [...pins.entries()]);
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw() {
    const { rows, unplaced } = proposalByBatch(proposal);
    const twins = repeatedNames(proposal.people);
    // Two deputies of one name: the delegation beside each.
    const who = (p) => html`${p.name}${twins.has(p.name) && p.delegation ? html`<span class="hint">（${p.delegation}）</span>` : ''}`;
    const placed = proposal.plan.placements.length;
    dialog.querySelector('[data-act=confirm]').disabled = placed === 0;
    render(
      dialog.querySelector('#as-body'),
      html`<p class="counts" id="as-summary">可编入 <b>${placed}</b> 人${unplaced.length ? html`，未能编入 <b class="bad">${unplaced.length}</b> 人` : ''}。</p>
        <div class="assign-grid">${rows.map(
          (r) => html`<section class="panel" data-batch="${r.batch.id}"><h3>${r.batch.name} <span class="hint">${groupLabel(r.batch.professional_group)} · ${r.batch.enrolled + r.people.length}/${r.batch.capacity}</span></h3>
            <p class="names">${r.people.length ? r.people.map((p) => html`<button type="button" class="chip fit-${p.fit} ${p.pinned ? 'pinned' : ''}" data-person="${p.id}" title="${[p.delegation, p.group, FIT[p.fit]].filter(Boolean).join(' · ')}${p.pinned ? ' · 已指定' : ''}（点击改到其他批次）">${p.pinned ? '📌 ' : ''}${who(p)}</button> `) : html`<span class="hint">无新编入</span>`}</p></section>`,
        )}</div>
        <div id="as-pin" class="inline-form" hidden></div>
        ${unplaced.length ? html`<h3>未能编入</h3><table class="grid compact" id="as-unplaced"><tbody>${unplaced.map((u) => html`<tr><td class="nowrap"><button type="button" class="link" data-person="${u.person_id}" title="指定批次">${who(u)}</button></td><td>${u.reason}</td></tr>`)}</tbody></table>` : ''}`,
    );
  }

  function askPin(personId) {
    const who = proposal.people.find((p) => p.id === personId);
    const box = dialog.querySelector('#as-pin');
    box.hidden = false;
    render(
      box,
      html`<span>指定 <b>${who?.name ?? ''}</b>${who?.delegation ? `（${who.delegation}）` : ''} 编入</span>
        <select id="as-pin-batch" aria-label="指定批次">${proposal.batches.map((b) => html`<option value="${b.id}" ${pins.get(personId) === b.id ? 'selected' : ''}>${b.name}（${groupLabel(b.professional_group)}）</option>`)}</select>
        <button type="button" data-act="pin" data-person="${personId}">指定并重新生成</button>
        ${pins.has(personId) ? html`<button type="button" data-act="unpin" data-person="${personId}">取消指定</button>` : ''}`,
    );
    dialog.querySelector('#as-pin-batch').focus();
  }

  dialog.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'pin' || act === 'unpin') {
      const person = Number(e.target.closest('[data-person]').dataset.person);
      if (act === 'pin') pins.set(person, Number(dialog.querySelector('#as-pin-batch').value));
      else pins.delete(person);
      return propose();
    }
    const chip = e.target.closest('[data-person]');
    if (chip && !act) return askPin(Number(chip.dataset.person));
    if (act === 'close') close();
    else if (act === 'propose') propose();
    else if (act === 'confirm' && proposal) {
      try {
        const r = await api.confirmAssignment(proposal.plan.placements);
        toast(`已编班：${r.enrolled.length} 人。`);
        close();
        onConfirmed();
      } catch (err) {
        toast(err.message, 'error');
      }
    }
  });
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  frame();
  dialog.showModal();
  await propose();
}
