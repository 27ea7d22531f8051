// 备份与恢复: the automatic backups (daily, before imports and upgrades,
// rotated), a backup now or to a chosen file, the backup folder (another
// drive), and restoring — from the list, or a file chosen or dropped (its
// bytes staged in the data folder); the file is verified first and the
// current data kept before anything is replaced. What the restore did is
// said after the window reloads on the restored data.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { restoredLines, size } from '../lib/backup.js';
import { confirmDialog } from '../components/confirm.js';
import { toast } from '../components/toast.js';

const KIND = { daily: '每日自动', before: '操作前', manual: '手动' };

// What the last restore did, carried over the reload it ends with, and
// shown on this screen until the librarian has read it.
const RESTORED_KEY = 'shuxiang.restored';
let restored = null;

function takeRestored() {
  try {
    const kept = sessionStorage.getItem(RESTORED_KEY);
    if (kept) {
      sessionStorage.removeItem(RESTORED_KEY);
      restored = JSON.parse(kept);
    }
  } catch {
    // no storage: the toast before the reload said it
  }
  return restored;
}

export function mountBackup(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'backup';
  host.replaceChildren(root);
  const $ = (sel) => root.querySelector(sel);

  async function load() {
    try {
      const [list, folder, sealed] = await Promise.all([api.backups(), api.backupFolder(), api.backupPasswordSet()]);
      draw(list, folder, sealed);
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  takeRestored();
  const draw = (list, folder, sealed) => {
    render(root, backupPage(list, folder, sealed));
    bindFilePick(root);
  };

  root.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      if (e.target.id === 'backup-folder') {
        toast(`备份文件夹：${await api.setBackupFolder($('#bk-folder').value)}`);
        await load();
      } else if (e.target.id === 'backup-to') {
        const b = await api.backupToFile($('#bk-to').value);
        toast(`已备份到 ${b.path}（${size(b.bytes)}）`);
      } else if (e.target.id === 'backup-password') {
        const on = await api.setBackupPassword($('#bk-password').value);
        toast(on ? '已设置备份密码：以后的备份都会加密。' : '已取消备份密码。');
        await load();
      }
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  root.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'now') {
      try {
        const b = await api.backupNow();
        toast(b ? `已备份（${size(b.bytes)}）` : '内存数据库无需备份。');
        await load();
      } catch (err) {
        toast(err.message, 'error');
      }
    } else if (act === 'restore') restore(e.target.closest('[data-path]').dataset.path);
    else if (act === 'clear-all') clearAll();
    else if (act === 'restored-seen') {
      restored = null;
      root.querySelector('#restored')?.remove();
    }
    else if (act === 'clear-password') {
      try {
        await api.setBackupPassword('');
        toast('已取消备份密码。');
        await load();
      } catch (err) {
        toast(err.message, 'error');
      }
    }
  });
  load();
  return {};
}

/** The file chooser and the drop area of 从文件恢复: the chosen file is staged, then restored. */
function bindFilePick(root) {
  const input = root.querySelector('#bk-file');
  const name = root.querySelector('#restore-from .drop-name');
  const restoreFile = async (file) => {
    if (!file) return;
    name.textContent = `正在读取 ${file.name}…`;
    try {
      const path = await api.stageBackupFile(file.name, new Uint8Array(await file.arrayBuffer()));
      name.textContent = file.name;
      await restore(path);
    } catch (e) {
      name.textContent = file.name;
      toast(e.message, 'error');
    } finally {
      input.value = '';
    }
  };
  input.addEventListener('change', () => restoreFile(input.files[0] ?? null));
  const drop = root.querySelector('#restore-from .drop');
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    restoreFile(e.dataTransfer.files[0] ?? null);
  });
}

function backupPage(list, folder, sealed) {
  return html`<header class="view-head"><h1>备份与恢复</h1>
      <div class="actions"><button type="button" class="primary" data-act="now">立即备份</button></div></header>
    ${restored
      ? html`<div class="notice restored" id="restored" role="status">${restoredLines(restored).map((l) => html`<p>${l}</p>`)}
          <button type="button" data-act="restored-seen">知道了</button></div>`
      : ''}
    <p class="hint">每天第一次打开书香时自动备份一次（一直开着也会每天备份），导入和升级前也会先备份；保留最近 7 天、4 周、12 个月的每日备份。换电脑时：在旧电脑上“备份到文件”，在新电脑上“从文件恢复”。</p>
    <form id="backup-folder" class="inline-form" novalidate>
      <label for="bk-folder">备份文件夹</label>
      <input id="bk-folder" type="text" value="${folder ?? ''}" autocomplete="off" class="wide-input" aria-label="备份文件夹">
      <button type="submit">保存</button>
      <span class="hint">建议放在另一块硬盘，例如 D:\\书香备份</span>
    </form>
    <form id="backup-password" class="inline-form" novalidate>
      <label for="bk-password">备份密码</label>
      <input id="bk-password" type="password" autocomplete="new-password" placeholder="${sealed ? '已设置；填写新密码可更换' : '未设置'}" aria-label="备份密码">
      <button type="submit">${sealed ? '更换密码' : '设置密码'}</button>
      ${sealed ? html`<button type="button" data-act="clear-password">取消密码</button>` : ''}
      <span class="hint">备份含有人员电话等信息，设置密码后备份文件会加密（恢复时需要这个密码，请妥善保管）。</span>
    </form>
    <div class="list-body"><table class="grid" id="backup-list" aria-label="备份">
      <thead><tr><th>时间</th><th>类型</th><th class="num">大小</th><th>文件</th><th></th></tr></thead>
      <tbody>${list.map(
        (b) => html`<tr data-path="${b.path}"><td class="nowrap">${b.made_at}</td><td>${KIND[b.kind] ?? b.kind}</td><td class="num">${size(b.bytes)}</td><td class="mono">${b.name}</td>
          <td class="row-actions"><button type="button" class="link" data-act="restore">恢复…</button></td></tr>`,
      )}</tbody></table>
      ${list.length ? '' : html`<p class="empty">还没有备份。点“立即备份”做第一份。</p>`}</div>
    <div class="two-cols backup-files">
      <form id="backup-to" class="panel" novalidate><h3>备份到文件</h3>
        <input id="bk-to" type="text" placeholder="例如 /media/U盘/书香备份.db 或 E:\\书香备份.db" autocomplete="off" aria-label="备份文件路径">
        <button type="submit">备份</button></form>
      <section id="restore-from" class="panel"><h3>从文件恢复</h3>
        <label class="drop file-pick">
          <input type="file" id="bk-file" aria-label="选择备份文件">
          <span class="pick-button">选择文件…</span>
          <span class="drop-name">或把备份文件拖到这里</span>
        </label>
        <p class="hint">选择另一台电脑上“备份到文件”得到的文件（如 U 盘里的 书香备份.db）。先校验，确认后才替换当前数据。</p></section>
    </div>
    <section class="panel start-afresh"><h3>清空数据，重新开始</h3>
      <p class="hint">试用过演示数据、要开始正式使用时用它：删除全部书目、馆藏、人员、借阅、盘点、场地、读书分享和培训记录；保留设置、借阅规则、开馆日、操作员和操作日志。删除前先自动备份一份，需要时可从上面的列表恢复。</p>
      <button type="button" class="outline-danger" data-act="clear-all">清空数据…</button></section>`;
}

async function restore(path) {
  try {
    let password = null;
    let version;
    try {
      version = await api.verifyBackup(path);
    } catch (e) {
      if (e.field !== 'password') throw e;
      password = prompt('这份备份设有密码，请输入备份密码：');
      if (!password) return;
      version = await api.verifyBackup(path, password);
    }
    const ok = await confirmDialog({
      title: '从备份恢复',
      message: `备份文件校验通过（数据版本 ${version}）。恢复后，当前的数据将被这份备份替换；当前数据会先另存一份，可随时找回。`,
      confirmLabel: '恢复',
      danger: true,
    });
    if (!ok) return;
    const r = await api.restoreBackup(path, password);
    const lines = restoredLines(r);
    toast(lines.join(''));
    try {
      sessionStorage.setItem(RESTORED_KEY, JSON.stringify(r));
    } catch {
      // no storage: the toast says it
    }
    setTimeout(() => location.reload(), 800);
  } catch (e) {
    toast(e.message, 'error');
  }
}

async function clearAll() {
  const answer = await confirmDialog({
    title: '清空数据，重新开始',
    message: '将删除全部书目、馆藏、人员、借阅、盘点、场地、读书分享和培训记录，设置与操作员保留。删除前会先自动备份。',
    note: { label: '输入“清空”确认' },
    confirmLabel: '清空',
    danger: true,
  });
  if (!answer) return;
  if (answer.note.trim() !== '清空') {
    toast('没有清空：请在确认框中输入“清空”两个字。', 'error');
    return;
  }
  try {
    const r = await api.clearAllData();
    // From another PC the host keeps where its backup went to itself: it is in the host's backup folder.
    const kept = r.saved_to ? `原数据备份在 ${r.saved_to}` : '原数据已先备份在数据所在电脑的备份文件夹中（见本页的备份列表）';
    toast(`已清空：书目 ${r.titles} 种、${r.copies} 册，人员 ${r.people} 人。${kept}。`);
    // The welcome page shows again, as on the first day.
    setTimeout(() => {
      location.hash = '';
      location.reload();
    }, 800);
  } catch (err) {
    toast(err.message, 'error');
  }
}
