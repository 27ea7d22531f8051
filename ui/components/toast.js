// Short confirmations and reasons at the bottom right, gone after a while;
// an optional action (e.g. 撤销) is a real button, reachable by keyboard.

import { html, render } from '../lib/html.js';

export function toast(message, kind = 'info', action = null) {
  const box = document.getElementById('toasts');
  const item = document.createElement('div');
  item.className = `toast toast-${kind}`;
  item.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  render(item, html`<span>${message}</span>${action ? html`<button type="button" class="link">${action.label}</button>` : ''}`);
  if (action) {
    item.querySelector('button').addEventListener('click', () => {
      item.remove();
      action.run();
    });
  }
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 5000);
}
