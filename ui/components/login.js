// The login screen, shown over everything when operator accounts are in use
// and nobody is logged in (at start, after logging out, after being idle).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';

/** Shows the login form; resolves with (name, role) once logged in. */
export function showLogin(reason = '') {
  return new Promise((resolve) => {
    document.getElementById('login-overlay')?.remove();
    const overlay = document.createElement('div');
    overlay.id = 'login-overlay';
    overlay.className = 'login-overlay';
    render(
      overlay,
      html`<form class="login-box" novalidate>
        <div class="brand"><img src="assets/icon.png" alt="" width="36" height="36"><span>书香</span></div>
        <h2>登录</h2>
        ${reason ? html`<p class="hint">${reason}</p>` : ''}
        <div class="field"><label for="login-name">用户名</label><input id="login-name" type="text" autocomplete="username" autocapitalize="off" spellcheck="false"></div>
        <div class="field"><label for="login-password">密码</label><input id="login-password" type="password" autocomplete="current-password"></div>
        <p id="login-error" class="form-error" role="alert"></p>
        <div class="dialog-actions"><button type="submit" class="primary">登录</button></div>
        <p class="hint">忘记密码请联系管理员；管理员忘记密码，可由信息中心用命令 shuxiang operators reset-password 重设。</p>
      </form>`,
    );
    document.body.append(overlay);
    const form = overlay.querySelector('form');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const who = await api.login(form.querySelector('#login-name').value, form.querySelector('#login-password').value);
        overlay.remove();
        resolve(who);
      } catch (err) {
        form.querySelector('#login-error').textContent = err.message;
        form.querySelector('#login-password').select();
      }
    });
    overlay.querySelector('#login-name').focus();
  });
}
