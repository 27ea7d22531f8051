// 设置 → 连接到局域网主机: this window works on the data of another PC (the
// reading room's, or the office server) instead of its own. First contact
// shows the host's certificate fingerprint, to compare with the one the
// host's 设置 → 局域网共享 shows; once confirmed it is pinned, and a host
// that later shows another certificate is refused.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { toast } from '../components/toast.js';

export function hostPanel(panel) {
  let link = null;
  let probed = null;
  let busy = false;

  function draw() {
    if (link) {
      render(
        panel,
        html`<h2>连接到局域网主机 <span class="tone-ok">已连接</span></h2>
          <p>本机正在使用主机 <span class="mono" id="host-address">${link.address}</span> 上的数据，用主机上的操作员账号登录。</p>
          <p>证书指纹（SHA-256）：<br><span class="mono small">${link.fingerprint}</span></p>
          <p class="hint">备份与恢复、数据文件夹和局域网共享请在主机电脑上操作；导入时选的文件和活动照片会传到主机，导出的文件保存在这台电脑的“文档/书香导出”里。</p>
          <div class="dialog-actions"><button type="button" data-act="disconnect-host" ${busy ? 'disabled' : ''}>断开连接，改用本机数据</button></div>`,
      );
      return;
    }
    render(
      panel,
      html`<h2>连接到局域网主机</h2>
        <p>阅览室的数据在另一台电脑（或单位服务器）上时，可以在这台电脑上直接使用它：借还、编目、读书分享、培训都和在主机上一样。主机需先在“设置 → 局域网共享”中开启共享，并设好操作员账号。</p>
        <form id="host-form" class="inline-form" novalidate>
          <label for="host-address-input">主机地址</label>
          <input id="host-address-input" name="address" type="text" class="wide-input" placeholder="例如 192.168.1.20:7443" autocomplete="off" value="${probed?.address ?? ''}">
          <button type="submit" ${busy ? 'disabled' : ''}>查看证书</button>
        </form>
        ${probed
          ? html`<div class="panel-note">
              <p>主机证书指纹（SHA-256）：<br><span class="mono small" id="host-fingerprint">${probed.fingerprint}</span></p>
              <p class="hint">请与主机“设置 → 局域网共享”中显示的证书指纹逐段核对，一致再连接。以后主机的证书如有变化，本机会拒绝连接并提示。</p>
              <div class="dialog-actions"><button type="button" class="primary" data-act="connect-host" ${busy ? 'disabled' : ''}>指纹一致，连接</button></div>
            </div>`
          : ''}`,
    );
  }

  async function load() {
    try {
      link = await api.hostLink();
    } catch (e) {
      toast(e.message, 'error');
    }
    draw();
  }

  async function act(action) {
    busy = true;
    draw();
    try {
      await action();
    } catch (e) {
      toast(e.message, 'error');
    }
    busy = false;
    draw();
  }

  panel.addEventListener('submit', (e) => {
    if (e.target.id !== 'host-form') return;
    e.preventDefault();
    e.stopPropagation();
    const address = e.target.elements.address.value.trim();
    if (!address) {
      toast('请填写主机地址，例如 192.168.1.20:7443。', 'error');
      return;
    }
    act(async () => {
      probed = await api.probeHost(address);
    });
  });
  panel.addEventListener('click', (e) => {
    const what = e.target.closest('[data-act]')?.dataset.act;
    if (what === 'connect-host') {
      act(async () => {
        link = await api.connectHost(probed.address, probed.fingerprint);
        toast(`已连接到主机 ${link.address}，请用主机上的操作员账号登录。`);
        // Start over on the host's data, from its login.
        setTimeout(() => location.replace(location.pathname + '#home'), 300);
        setTimeout(() => location.reload(), 350);
      });
    } else if (what === 'disconnect-host') {
      act(async () => {
        await api.disconnectHost();
        link = null;
        toast('已断开，改用本机数据。');
        setTimeout(() => location.reload(), 300);
      });
    }
  });

  draw();
  load();
  return {};
}
