// 设置 → 局域网共享: runs the intranet host inside this window, so every
// office PC can open the readers' pages (查书、预约、我的借阅) in a browser.
// Shows the addresses to give readers, the certificate's fingerprint and
// who is connected, refreshed every few seconds while sharing is on.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { toast } from '../components/toast.js';

const REFRESH_MS = 5000;

function since(seconds) {
  if (seconds < 60) return '刚刚连接';
  if (seconds < 3600) return `已连接 ${Math.floor(seconds / 60)} 分钟`;
  return `已连接 ${Math.floor(seconds / 3600)} 小时`;
}

export function intranetPanel(panel) {
  let status = null;
  let timer = null;
  let busy = false;
  // What changes (state, addresses, connections) is drawn again on each
  // refresh; the form for the office's certificate is drawn once, so what
  // is typed there stays.
  const box = document.createElement('div');
  const ownCert = document.createElement('div');
  panel.replaceChildren(box, ownCert);
  render(
    ownCert,
    html`<details class="own-cert">
            <summary>使用单位自己的证书</summary>
            <form id="intranet-cert-form" class="stack-form" novalidate>
              <label>证书文件（PEM）<input name="cert" type="text" class="wide-input" placeholder="例如 D:\\证书\\reading-room.crt" autocomplete="off"></label>
              <label>私钥文件（PEM）<input name="key" type="text" class="wide-input" placeholder="例如 D:\\证书\\reading-room.key" autocomplete="off"></label>
              <button type="submit">换用这张证书</button>
            </form>
            <p class="hint">由信息中心签发、已装到各台电脑上的证书，浏览器不会再提示“不受信任”。换用后指纹随之改变，已连接到本机的电脑需重新确认。</p>
          </details>`,
  );

  function draw() {
    if (!status) {
      render(box, html`<h2>局域网共享</h2><p class="hint">正在读取共享状态…</p>`);
      return;
    }
    if (!status.running) {
      render(
        box,
        html`<h2>局域网共享</h2>
          <p>开启后，同一内网的同事和代表用浏览器打开本机地址，就能查书、预约、查看自己的借阅和学习档案，不用安装任何软件。</p>
          <form id="intranet-form" class="inline-form" novalidate>
            <label for="intranet-port">端口</label>
            <input id="intranet-port" name="port" type="number" min="1024" max="65535" value="${status.port}" class="tiny-input">
            <button type="submit" class="primary" ${busy ? 'disabled' : ''}>开启共享</button>
          </form>
          <p class="hint">本机需保持开机、书香保持打开。Windows 首次开启时如弹出防火墙提示，请选择“允许”（专用网络）。</p>`,
      );
      return;
    }
    render(
      box,
      html`<h2>局域网共享 <span class="tone-ok">已开启</span></h2>
        <p>请读者在浏览器中打开：</p>
        <ul class="plain-list">${status.urls.map((u) => html`<li class="mono" data-url>${u}</li>`)}</ul>
        <p class="hint">浏览器第一次打开时会提示证书“不受信任”（这是本机自己生成的证书）。请核对下面的证书指纹与浏览器中显示的一致，再选择继续访问。</p>
        <p>证书指纹（SHA-256）：<br><span class="mono small" id="intranet-fingerprint">${status.fingerprint}</span></p>
        <h3>正在连接的电脑（${status.clients.length}）</h3>
        ${status.clients.length
          ? html`<table class="grid compact" aria-label="正在连接的电脑"><tbody>${status.clients.map(
              (c) => html`<tr><td class="mono">${c.address}</td><td>${c.connections} 个连接</td><td>${since(c.connected_for)}</td></tr>`,
            )}</tbody></table>`
          : html`<p class="hint">还没有电脑连接。把上面的地址发给同事，在浏览器中打开即可。</p>`}
        <p>已登录的读者：${status.readers_signed_in} 人</p>
        <div class="dialog-actions"><button type="button" data-act="stop-intranet" ${busy ? 'disabled' : ''}>停止共享</button></div>`,
    );
  }

  async function refresh() {
    try {
      status = await api.intranetStatus();
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
    clearTimeout(timer);
    if (status?.running) timer = setTimeout(refresh, REFRESH_MS);
  }

  async function act(action) {
    busy = true;
    draw();
    try {
      status = await action();
    } catch (e) {
      toast(e.message, 'error');
    }
    busy = false;
    draw();
    clearTimeout(timer);
    if (status?.running) timer = setTimeout(refresh, REFRESH_MS);
  }

  panel.addEventListener('submit', (e) => {
    if (e.target.id === 'intranet-cert-form') {
      e.preventDefault();
      e.stopPropagation();
      const { cert, key } = e.target.elements;
      if (!cert.value.trim() || !key.value.trim()) {
        toast('请填写证书文件和私钥文件的位置。', 'error');
        return;
      }
      act(async () => {
        const s = await api.installIntranetCertificate(cert.value, key.value);
        toast('已换用单位的证书。');
        return s;
      });
      return;
    }
    if (e.target.id !== 'intranet-form') return;
    e.preventDefault();
    e.stopPropagation();
    const port = Number(e.target.elements.port.value);
    if (!Number.isInteger(port) || port < 1024 || port > 65535) {
      toast('端口应为 1024 至 65535 之间的数字。', 'error');
      return;
    }
    act(async () => {
      const s = await api.startIntranet(port);
      toast('局域网共享已开启。');
      return s;
    });
  });
  panel.addEventListener('click', (e) => {
    if (!e.target.closest('[data-act=stop-intranet]')) return;
    act(async () => {
      const s = await api.stopIntranet();
      toast('局域网共享已停止。');
      return s;
    });
  });

  draw();
  refresh();
  return { unmount: () => clearTimeout(timer) };
}
