// 操作员: accounts and roles. With no administrator, login is off; the
// first account must be an administrator, and from then on everyone logs in.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { toast } from '../components/toast.js';
import { roles } from '../lib/vocabulary.js';

export function mountOperators(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'operators';
  host.replaceChildren(root);
  const $ = (sel) => root.querySelector(sel);

  async function load() {
    try {
      draw(await api.operators());
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw(list) {
    render(
      root,
      html`<header class="view-head"><h1>操作员</h1></header>
        <p class="hint">${list.some((o) => o.role === 'admin' && o.active) ? '已启用登录：每个人用自己的账号登录，只能做角色允许的事，所有修改都记入操作日志。' : '目前未启用登录，这台电脑上的人都可以使用全部功能。新建第一个管理员账号后，就需要登录。'}</p>
        <table class="grid" id="operators-table"><thead><tr><th>用户名</th><th>角色</th><th>状态</th><th></th></tr></thead>
          <tbody>${list.map(
            (o) => html`<tr data-id="${o.id}" data-name="${o.name}"><td class="name">${o.name}</td>
              <td><select data-f="role" aria-label="角色">${roles().map((r) => html`<option value="${r.code}" title="${r.hint}" ${r.code === o.role ? 'selected' : ''}>${r.label}</option>`)}</select></td>
              <td><label class="check"><input type="checkbox" data-f="active" ${o.active ? 'checked' : ''}> 启用</label></td>
              <td class="row-actions"><button type="button" class="link" data-act="save">保存</button><button type="button" class="link" data-act="reset">重设密码…</button></td></tr>`,
          )}</tbody></table>
        <form id="operator-new" class="inline-form" novalidate>
          <input id="op-name" type="text" maxlength="40" placeholder="用户名" autocomplete="off" aria-label="用户名">
          <select id="op-role" aria-label="角色">${roles().map((r) => html`<option value="${r.code}" title="${r.hint}">${r.label}</option>`)}</select>
          <input id="op-password" type="password" placeholder="密码（至少 8 位）" autocomplete="new-password" aria-label="密码">
          <button type="submit">新建操作员</button>
        </form>
        <h3>各角色能做什么</h3>
        <dl class="record roles" id="operator-roles">${roles().map((r) => html`<dt>${r.label}</dt><dd>${r.hint}</dd>`)}</dl>`,
    );
  }

  root.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const o = await api.createOperator({ name: $('#op-name').value, role: $('#op-role').value, password: $('#op-password').value });
      toast(`已新建操作员 ${o.name}。`);
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  root.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    const row = e.target.closest('tr[data-id]');
    if (!act || !row) return;
    try {
      if (act === 'save') {
        await api.editOperator(Number(row.dataset.id), row.querySelector('[data-f=role]').value, row.querySelector('[data-f=active]').checked);
        toast('已保存。');
        await load();
      } else if (act === 'reset') {
        const password = prompt(`为 ${row.dataset.name} 设置新密码（至少 8 位）：`);
        if (!password) return;
        await api.resetOperatorPassword(row.dataset.name, password);
        toast('密码已重设；这个账号在各台电脑上的登录都已结束。');
        await load();
      }
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  load();
  return {};
}
