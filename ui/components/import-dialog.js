// Importing a file (a people list, a catalogue): pick or drop it, check it
// first (a dry run shows every bad row with its reason, the same hint on
// many rows as one line), then import — all rows, or the good ones when the
// user chose to skip the bad. A kept import can be undone from 导入记录.

import { html, render } from '../lib/html.js';
import { groupIssues, rowList } from '../lib/imports.js';
import { importProgress } from '../lib/progress.js';
import { openImportRuns } from './import-runs.js';

/** The file's columns and what each is read as; each can be changed. */
function columnsView(report) {
  if (!report.columns?.length) return '';
  return html`<details class="columns" ${report.ignored_columns.length ? html`open` : ''}>
    <summary>列的对应关系（${report.columns.length} 列${report.ignored_columns.length ? `，${report.ignored_columns.length} 列未导入` : ''}）— 可以修改</summary>
    <table class="grid compact"><thead><tr><th>文件中的列</th><th>导入为</th></tr></thead><tbody>
      ${report.columns.map(
        (c) => html`<tr><td>${c.header}</td><td><select data-header="${c.header}" aria-label="${c.header} 导入为">
          <option value="" ${c.field ? '' : html`selected`}>（不导入）</option>
          ${report.fields.map((f) => html`<option value="${f.key}" ${f.key === c.field ? html`selected` : ''}>${f.label}</option>`)}
        </select></td></tr>`,
      )}
    </tbody></table>
  </details>`;
}

/**
 * What a row matched to an existing record did: people are brought up to
 * date (更新); a book row becomes copies of the title already held, its
 * title, CLC and the rest left as they are — not an update of the record.
 */
function updatedLabel(kind) {
  return kind?.updatedLabel ?? '更新';
}

function reportView(report, dryRun, kind) {
  const counts = html`<p class="counts">
    ${dryRun ? '检查结果：' : ''}新增 <b>${report.inserted}</b>，${updatedLabel(kind)} <b>${report.updated}</b>，跳过 <b>${report.skipped}</b>，
    错误 <b class="${report.errors.length ? 'bad' : ''}">${report.errors.length}</b>，提示 <b>${report.warnings.length}</b>
  </p>`;
  // A workbook: which of its sheets was read as the list.
  const sheet = report.sheet ? html`<p class="hint">读取的是工作表“${report.sheet}”。</p>` : '';
  const ignored = report.ignored_columns.length
    ? html`<p class="hint">以下列未识别，不会导入：${report.ignored_columns.join('、')}</p>`
    : '';
  const issues = groupIssues(report);
  const table = issues.length
    ? html`<table class="grid compact" id="import-issues"><thead><tr><th>行</th><th>类型</th><th>字段</th><th>说明</th></tr></thead><tbody>
        ${issues.map((g, i) => issueRow(g, i))}
      </tbody></table>`
    : '';
  return html`${counts}${sheet}${ignored}${columnsView(report)}<div class="report-rows">${table}</div>`;
}

/** One row's problem, or the same problem on many rows: their count, the rows behind a click. */
function issueRow(g, index) {
  const kind = g.kind === 'error' ? '错误' : '提示';
  const one = g.rows.length === 1;
  return html`<tr class="${g.kind === 'error' ? 'error-row' : ''}">
    <td class="nowrap">${one ? g.rows[0].row || '全表' : `${g.rows.length} 行`}</td><td>${kind}</td><td class="nowrap">${g.label}</td>
    <td>${one ? g.text : html`<details class="issue-group" data-group="${index}"><summary>${g.summary}</summary>${g.same ? html`<p class="issue-rows"></p>` : html`<ol class="issue-rows"></ol>`}</details>`}</td></tr>`;
}

/** The rows of an opened group, listed when first opened (a large file may have thousands). */
function fillGroup(details, issues) {
  const list = details.querySelector('.issue-rows');
  if (list.textContent) return;
  const g = issues[Number(details.dataset.group)];
  if (g.same) list.textContent = rowList(g.rows);
  else render(list, html`${g.rows.map((r) => html`<li><span class="row-no">第 ${r.row} 行</span>${r.message}</li>`)}`);
}

/** How far a run has got, in the bar in `out` (made on its first report). */
function drawProgress(out, progress, dryRun) {
  const { text, percent } = importProgress(progress, dryRun);
  let bar = out.querySelector('.progress');
  if (!bar) {
    render(out, html`<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-label="导入进度"><div class="bar"></div><span></span></div>`);
    bar = out.querySelector('.progress');
  }
  bar.setAttribute('aria-valuenow', String(percent));
  bar.querySelector('.bar').style.width = `${percent}%`;
  bar.querySelector('span').textContent = text;
}

/** What a kept import says first: done, and where to undo it. */
function doneView(report, kind) {
  return html`<div class="import-done" id="import-done" role="status">
    <b>导入完成：新增 ${report.inserted}，${updatedLabel(kind)} ${report.updated}，跳过 ${report.skipped}。</b>
    ${report.run
      ? html`<p>如果导错了文件，可以在“导入记录”中撤销这次导入。 <button type="button" data-act="runs" data-run="${report.run}">打开导入记录…</button></p>`
      : ''}
  </div>`;
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
      <label class="drop file-pick" tabindex="-1">
        <input type="file" id="import-file" accept="${kind.accept}">
        <span class="pick-button">选择文件…</span>
        <span class="drop-name">或把文件拖到这里</span>
      </label>
      ${kind.runPath
        ? html`<div class="path-row"><label for="import-path">或输入文件路径</label>
            <input id="import-path" type="text" autocomplete="off" spellcheck="false" placeholder="例如 D:\\编目\\新书.xlsx">
            <button type="button" data-act="use-path">使用</button></div>`
        : ''}
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
  let path = null;
  // The latest report's problems as the table groups them.
  let issues = [];
  // The user's corrections to the column mapping: header → field key ('' = leave out).
  const columns = new Map();

  const close = () => {
    dialog.close();
    dialog.remove();
  };

  // The bar of the latest run; a report from an earlier run, or one that
  // arrives after its result, is not shown.
  let latestRun = 0;
  const showProgress = (progress, dryRun) => drawProgress(out, progress, dryRun);

  async function run(dryRun) {
    if (!file && !path) {
      out.textContent = '请先选择要导入的文件。';
      return;
    }
    const thisRun = ++latestRun;
    let finished = false;
    // One import at a time: nothing to press until this one has answered.
    importButton.disabled = true;
    showProgress(null, dryRun);
    try {
      const skipBadRows = dialog.querySelector('#import-skip').checked;
      const onProgress = (p) => {
        if (thisRun === latestRun && !finished) showProgress(p, dryRun);
      };
      const options = { dryRun, skipBadRows, columns: [...columns], onProgress };
      const report = path
        ? await kind.runPath(path, options)
        : await kind.run(file.name, new Uint8Array(await file.arrayBuffer()), options);
      finished = true;
      if (thisRun !== latestRun) return;
      issues = groupIssues(report);
      render(out, html`${!dryRun && report.committed ? doneView(report, kind) : ''}${reportView(report, dryRun, kind)}`);
      importButton.disabled = report.errors.length > 0;
      if (!dryRun && report.committed) {
        // Kept: not to be imported twice; what to do if it was the wrong file.
        importButton.disabled = true;
        onImported();
        (out.querySelector('[data-act=runs]') ?? dialog.querySelector('[data-act=close]')).focus();
      }
    } catch (e) {
      finished = true;
      if (thisRun !== latestRun) return;
      out.textContent = e.message;
      importButton.disabled = true;
    }
  }

  out.addEventListener('toggle', (e) => e.target.matches?.('details.issue-group') && e.target.open && fillGroup(e.target, issues), true);
  out.addEventListener('click', (e) => {
    if (!e.target.closest('[data-act=runs]')) return;
    const run = Number(e.target.closest('[data-run]').dataset.run);
    close();
    openImportRuns({ marked: run, onUndone: onImported });
  });
  out.addEventListener('change', (e) => {
    const header = e.target.dataset?.header;
    if (header === undefined) return;
    columns.set(header, e.target.value);
    run(true);
  });

  dialog.querySelector('[data-act=use-path]')?.addEventListener('click', () => {
    const typed = dialog.querySelector('#import-path').value.trim();
    if (!typed) return;
    columns.clear();
    file = null;
    path = typed;
    dialog.querySelector('.drop-name').textContent = typed;
    run(true);
  });
  dialog.querySelector('#import-path')?.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      dialog.querySelector('[data-act=use-path]').click();
    }
  });

  const choose = (f) => {
    columns.clear();
    path = null;
    file = f;
    dialog.querySelector('.drop-name').textContent = f ? f.name : '或把文件拖到这里';
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
