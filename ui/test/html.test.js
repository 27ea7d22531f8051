import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escape, html } from '../lib/html.js';

test('interpolated text is escaped, so a hostile name stays text', () => {
  const name = `<img src=x onerror="document.title='pwned'">`;
  const out = String(html`<td>${name}</td>`);
  assert.equal(out, '<td>&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;</td>');
});

test('quotes are escaped so a value cannot leave its attribute', () => {
  assert.equal(String(html`<i title="${'" onmouseover="x'}"></i>`), '<i title="&quot; onmouseover=&quot;x"></i>');
});

test('nested html`` is kept as markup and arrays are joined', () => {
  const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
  assert.equal(String(html`<ul>${items}</ul>`), '<ul><li>a&lt;b</li><li>c</li></ul>');
});

test('null, undefined and false render as nothing, zero as 0', () => {
  assert.equal(String(html`${null}${undefined}${false}${0}`), '0');
});

test('escape covers every character that can open markup', () => {
  assert.equal(escape('&<>"\'`'), '&amp;&lt;&gt;&quot;&#39;&#96;');
});
