// 导入节假日: next year's holidays and make-up workdays from a file — the
// State Council's notice as text, a list (.txt, .csv) or an .ics — or the
// notice pasted in. The core reads it first (a dry run) and the preview
// shows each day against those listed; 导入 lists them in one action.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { dayKindLabel, holidayPreview } from '../lib/circulation.js';
import { modal } from './modal.js';
import { toast } from './toast.js';

const CHANGE = { new: '新增', changed: '改动', same: '已登记' };

function previewView(report, listed) {
  const p = holidayPreview(report.days, listed);
  return html`<p class="counts" id="hi-counts">文件中有 <b>${report.days.length}</b> 天（${p.from} 至 ${p.to}）：放假 <b>${report.holidays}</b> 天，调休上班 <b>${report.workdays}</b> 天。
      其中新增 <b>${p.added}</b>，改动 <b>${p.changed}</b>，已登记 <b>${p.same}</b>。</p>
    <div class="report-rows"><table class="grid compact" id="hi-days" aria-label="将登记的日期">
      <thead><tr><th>日期</th><th>星期</th><th>开馆</th><th>名称</th><th></th></tr></thead>
      <tbody>${p.rows.map(
        (r) => html`<tr class="${r.change === 'same' ? 'muted' : ''}"><td class="mono">${r.day}</td><td>${r.weekday}</td>
          <td>${r.kind === 'workday' ? html`<span class="tone-ok">${dayKindLabel(r.kind)}</span>` : dayKindLabel(r.kind)}</td><td>${r.name}</td>
          <td>${CHANGE[r.change]}${r.was ? html` <span class="hint">（原为${dayKindLabel(r.was.kind)}${r.was.name ? ` ${r.was.name}` : ''}）</span>` : ''}</td></tr>`,
      )}</tbody></table></div>`;
}

/**
 * Opens the dialog; `listed` are the days listed now (to compare), and
 * `onImported(report)` runs after the days were listed.
 */
export function openHolidayImport({ listed, onImported }) {
  const { dialog, close } = modal('form-dialog wide holiday-import', { labelledBy: 'hi-title' });
  render(
    dialog,
    html`<h2 id="hi-title">导入节假日</h2>
      <p class="hint">国务院每年公布下一年的放假安排后导入：通知原文（复制到记事本，存为 .txt）、每行一个日期的清单（如“2027-10-01 至 2027-10-07 国庆节 休”，.txt 或 Excel 另存的 .csv），或节假日 .ics 日历。先预览，确认后才登记；应还日期和活动排期都会避开放假的日子。</p>
      <label class="drop file-pick">
        <input type="file" id="hi-file" accept=".txt,.csv,.ics,text/plain,text/csv,text/calendar">
        <span class="pick-button">选择文件…</span>
        <span class="drop-name">或把文件拖到这里</span>
      </label>
      <details class="paste-box"><summary>或粘贴通知原文</summary>
        <textarea id="hi-paste" rows="5" aria-label="通知原文" placeholder="一、元旦：1月1日（周五）放假，与周末连休。&#10;二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月20日（周六）上班。"></textarea>
        <div class="dialog-actions"><button type="button" data-act="check-paste">预览</button></div>
      </details>
      <div id="hi-preview" aria-live="polite"></div>
      <div class="dialog-actions">
        <button type="button" class="primary" data-act="import" disabled>导入</button>
        <button type="button" data-act="close">关闭</button>
      </div>`,
  );
  const out = dialog.querySelector('#hi-preview');
  const importButton = dialog.querySelector('[data-act=import]');
  const name = dialog.querySelector('.drop-name');
  let source = null; // { name, bytes } of the file previewed
  let latest = 0;

  async function preview(next) {
    source = next;
    const mine = ++latest;
    importButton.disabled = true;
    render(out, html`<p class="hint">正在读取 ${next.name}…</p>`);
    try {
      const report = await api.importHolidays(next.name, next.bytes, { dryRun: true });
      if (mine !== latest) return;
      render(out, previewView(report, listed));
      importButton.disabled = report.days.length === 0;
    } catch (e) {
      if (mine === latest) render(out, html`<p class="tone-error" role="alert">${e.message}</p>`);
    }
  }

  const choose = async (file) => {
    if (!file) return;
    name.textContent = file.name;
    preview({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  };
  const input = dialog.querySelector('#hi-file');
  input.addEventListener('change', () => choose(input.files[0] ?? null));
  const drop = dialog.querySelector('.drop');
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    choose(e.dataTransfer.files[0] ?? null);
  });
  dialog.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'close') close();
    else if (act === 'check-paste') {
      const text = dialog.querySelector('#hi-paste').value.trim();
      if (!text) return;
      name.textContent = '粘贴的通知原文';
      preview({ name: '粘贴的通知.txt', bytes: new TextEncoder().encode(text) });
    } else if (act === 'import' && source) {
      importButton.disabled = true;
      try {
        const report = await api.importHolidays(source.name, source.bytes, { dryRun: false });
        toast(`已导入节假日：放假 ${report.holidays} 天，调休上班 ${report.workdays} 天。`);
        close();
        onImported(report);
      } catch (err) {
        render(out, html`<p class="tone-error" role="alert">${err.message}</p>`);
      }
    }
  });
  dialog.showModal();
  input.focus();
}
