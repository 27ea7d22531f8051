// 关于: the version, where everything is (data, backups, log), a data check,
// and the diagnostics file office IT asks for.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { toast } from '../components/toast.js';

export function mountAbout(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'about';
  host.replaceChildren(root);

  async function draw() {
    const a = await api.about();
    render(
      root,
      html`<header class="view-head"><h1>关于书香</h1>
          <div class="actions"><button type="button" data-act="check">检查数据</button><button type="button" class="primary" data-act="diagnostics">导出诊断信息</button></div></header>
        <dl class="record about" id="about-facts">
          <dt>版本</dt><dd>${a.version}</dd>
          <dt>系统</dt><dd>${a.os}</dd>
          <dt>数据文件夹</dt><dd class="mono">${a.data_dir ?? ''}</dd>
          <dt>数据库</dt><dd class="mono">${a.database ?? ''}</dd>
          <dt>备份文件夹</dt><dd class="mono">${a.backup_dir ?? ''}</dd>
          <dt>日志</dt><dd class="mono">${a.log_file ?? ''}</dd>
        </dl>
        <p class="hint">书香不联网，不收集任何信息。遇到问题时，点“导出诊断信息”，把生成的文件交给信息中心。</p>
        <p id="about-check" role="status"></p>`,
    );
  }

  root.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    try {
      if (act === 'diagnostics') toast(`诊断信息已保存到 ${await api.exportDiagnostics()}`);
      else if (act === 'check') {
        const r = await api.checkDatabase();
        root.querySelector('#about-check').textContent = r.ok ? '数据检查：正常。' : `数据检查发现问题：${r.problems.join('；')}`;
      }
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  draw().catch((e) => toast(e.message, 'error'));
  return {};
}
