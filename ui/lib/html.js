// Markup only through the `html` tag: every interpolated value is escaped
// unless it is itself html``. Text from the database can never become markup.

class SafeHtml {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for use inside markup or a quoted attribute. */
export function escape(value) {
  return String(value).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

function part(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(part).join('');
  return escape(value);
}

/** Tagged template: `html\`<td>${name}</td>\`` with `name` escaped. */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => {
    out += part(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

/** Replaces the children of `element` with markup made by `html`. */
export function render(element, markup) {
  if (!(markup instanceof SafeHtml)) throw new TypeError('render() takes html`` markup only');
  element.innerHTML = markup.text;
}
