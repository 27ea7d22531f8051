// Importing a file (a people list, a catalogue): pick or drop it, check it
// first (a dry run shows every bad row with its reason), then import — all
// rows, or the good ones when the user chose to skip the bad.

import { html, render } from '../lib/html.js';
import { toast } from './toast.js';

function reportView(report, dryRun) {
  const counts = html`<p class="counts">
    ${dryRun ? '检查结果：' : ''}新增 <b>${report.inserted}</b>，更新 <b>${report.updated}</b>，跳过 <b>${report.skipped}</b>，
    错误 <b class="${report.errors.length ? 'bad' : ''}">${report.errors.length}</b>，提示 <b>${report.warnings.length}</b>
  </p>`;
  const ignored = report.ignored_columns.length
    ? html`<p class="hint">以下列未识别，不会导入：${report.ignored_columns.join('、')}</p>`
    : '';
  const rows = [...report.errors.map((i) => ({ ...i, kind: '错误' })), ...report.warnings.map((i) => ({ ...i, kind: '提示' }))];
  const table = rows.length
    ? html`<table class="grid compact"><thead><tr><th>行</th><th>类型</th><th>字段</th><th>说明</th></tr></thead><tbody>
        ${rows.map((r) => html`<tr class="${r.kind === '错误' ? 'error-row' : ''}"><td>${r.row}</td><td>${r.kind}</td><td>${r.field}</td><td>${r.message}</td></tr>`)}
      </tbody></table>`
    : '';
  return html`${counts}${ignored}<div class="report-rows">${table}</div>`;
}

/**
 * Opens the dialog. `kind` gives its `title`, `help`, `accept` and `run(name, bytes, options)`
 * (the api call); `onImported()` runs after rows were saved.
 */
export function openImportDialog(kind, onImported) {
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog wide';
  render(
    dialog,
    html`<form method="dialog">
      <h2>${kind.title}</h2>
      <p class="hint">${kind.help}</p>
      <label class="drop" tabindex="-1">
        <input type="file" id="import-file" accept="${kind.accept}">
        <span>选择文件，或把文件拖到这里</span>
      </label>
      <label class="check"><input type="checkbox" id="import-skip">跳过有错误的行，导入其余各行</label>
      <div id="import-report" aria-live="polite"></div>
      <div class="dialog-actions">
        <button type="button" data-act="check">检查</button>
        <button type="button" class="primary" data-act="import" disabled>导入</button>
        <button type="button" data-act="close">关闭</button>
      </div>
    </form>`,
  );
  document.body.append(dialog);
  const input = dialog.querySelector('#import-file');
  const out = dialog.querySelector('#import-report');
  const importButton = dialog.querySelector('[data-act=import]');
  let file = null;

  const close = () => {
    dialog.close();
    dialog.remove();
  };

  async function run(dryRun) {
    if (!file) {
      out.textContent = '请先选择要导入的文件。';
      return;
    }
    out.textContent = dryRun ? '正在检查……' : '正在导入……';
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const skipBadRows = dialog.querySelector('#import-skip').checked;
      const report = await kind.run(file.name, bytes, { dryRun, skipBadRows });
      render(out, reportView(report, dryRun));
      importButton.disabled = report.errors.length > 0;
      if (!dryRun && report.committed) {
        toast(`导入完成：新增 ${report.inserted}，更新 ${report.updated}，跳过 ${report.skipped}。`);
        onImported();
        close();
      }
    } catch (e) {
      out.textContent = e.message;
      importButton.disabled = true;
    }
  }

  const choose = (f) => {
    file = f;
    dialog.querySelector('.drop span').textContent = f ? f.name : '选择文件，或把文件拖到这里';
    if (f) run(true);
  };
  input.addEventListener('change', () => choose(input.files[0] ?? null));
  const drop = dialog.querySelector('.drop');
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    choose(e.dataTransfer.files[0] ?? null);
  });
  dialog.querySelector('#import-skip').addEventListener('change', () => file && run(true));
  dialog.querySelector('[data-act=check]').addEventListener('click', () => run(true));
  importButton.addEventListener('click', () => run(false));
  dialog.querySelector('[data-act=close]').addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  dialog.showModal();
  input.focus();
}
