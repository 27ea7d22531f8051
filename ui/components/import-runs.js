// 导入记录: every import of books or people, newest first, each undone as
// one action (撤销这次导入…, confirmed). The core answers what it removed, or
// refuses naming what blocks it; either is shown in full in the dialog.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { runKindLabel, runText, undoneText } from '../lib/imports.js';
import { mayChange, officeDateTime } from '../lib/vocabulary.js';
import { operatorRole } from '../lib/operator.js';
import { confirmDialog } from './confirm.js';
import { modal } from './modal.js';
import { toast } from './toast.js';

/** Whether the signed-in operator may undo `run`: a people list needs the right to change people, any other the right to change titles (the core's rule). */
function mayUndo(run) {
  return mayChange(operatorRole(), run.kind === 'people' ? 'person' : 'title');
}

function runsView(runs, message, marked) {
  return html`<h2 id="ir-title">导入记录</h2>
    <p class="hint">每次导入书目或人员名单都记在这里。导错了文件，可以整批撤销：删除它新增的记录，把它更新过的人员资料恢复原样。导入的记录此后借出过、预约过或修改过，就不能整批撤销了，届时会说明原因。</p>
    <div id="ir-message" class="${message ? `ir-message tone-${message.tone}` : 'ir-message'}" role="${message?.tone === 'error' ? 'alert' : 'status'}">${message?.text ?? ''}</div>
    ${runs.length
      ? html`<div class="report-rows"><table class="grid compact" id="ir-list" aria-label="导入记录">
          <thead><tr><th>时间</th><th>类别</th><th>文件</th><th>操作员</th><th class="num">新增</th><th class="num">更新</th><th></th></tr></thead>
          <tbody>${runs.map(
            (r) => html`<tr data-run="${r.id}" class="${r.undone_at ? 'muted' : ''} ${r.id === marked ? 'marked' : ''}">
              <td class="nowrap">${officeDateTime(r.at)}</td><td>${runKindLabel(r.kind)}</td><td>${r.file_name}</td><td>${r.actor_name}</td>
              <td class="num">${r.inserted}</td><td class="num">${r.updated}</td>
              <td class="row-actions">${r.undone_at
                ? html`<span class="hint">已于 ${officeDateTime(r.undone_at)} 撤销</span>`
                : mayUndo(r)
                  ? html`<button type="button" class="link" data-act="undo">撤销这次导入…</button>`
                  : html`<span class="hint">${r.kind === 'people' ? '撤销需能修改人员的操作员' : '撤销需图书管理员或管理员'}</span>`}</td></tr>`,
          )}</tbody></table></div>`
      : html`<p class="empty">还没有导入记录。在“书目”或“人员”中导入文件后，会列在这里。</p>`}
    <div class="dialog-actions"><button type="button" class="primary" data-act="close">关闭</button></div>`;
}

/**
 * Opens the list of imports; `marked` (a run's id) is shown as the one just
 * made; `onUndone()` runs after an import was undone.
 */
export async function openImportRuns({ marked = null, onUndone = () => {} } = {}) {
  let runs;
  try {
    runs = await api.importRuns();
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  let message = null;
  const { dialog, close } = modal('form-dialog wide import-runs', { labelledBy: 'ir-title' });
  const draw = () => render(dialog, runsView(runs, message, marked));

  async function undo(run) {
    const ok = await confirmDialog({
      title: '撤销这次导入',
      message: `${runKindLabel(run.kind)}导入 ${runText(run)}。撤销后，它新增的记录将被删除，它更新过的人员资料恢复为导入前的样子。`,
      confirmLabel: '撤销这次导入',
      danger: true,
    });
    if (!ok) {
      dialog.querySelector(`tr[data-run="${run.id}"] [data-act=undo]`)?.focus();
      return;
    }
    try {
      message = { tone: 'ok', text: undoneText(await api.undoImport(run.id)) };
      onUndone();
    } catch (e) {
      message = { tone: 'error', text: e.message };
    }
    try {
      runs = await api.importRuns();
    } catch (e) {
      toast(e.message, 'error');
    }
    draw();
    (dialog.querySelector(`tr[data-run="${run.id}"] [data-act=undo]`) ?? dialog.querySelector('[data-act=close]')).focus();
  }

  dialog.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'close') close();
    else if (act === 'undo') undo(runs.find((r) => r.id === Number(e.target.closest('[data-run]').dataset.run)));
  });
  draw();
  dialog.showModal();
  (dialog.querySelector('tr.marked [data-act=undo]') ?? dialog.querySelector('[data-act=close]')).focus();
}
