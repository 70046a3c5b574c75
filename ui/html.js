// The one rendering helper: a tagged template that escapes every interpolated value, so no entry
// text can ever become markup. Nested `html` results are trusted as already escaped.

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

class Safe {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

function escapeValue(value) {
  if (value instanceof Safe) return value.text;
  if (Array.isArray(value)) return value.map(escapeValue).join('');
  if (value === null || value === undefined || value === false) return '';
  return String(value).replace(/[&<>"']/g, (c) => escapes[c]);
}

export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((v, i) => { out += escapeValue(v) + strings[i + 1]; });
  return new Safe(out);
}

/** Replaces an element's content with a rendered template. */
export function render(element, template) {
  if (!(template instanceof Safe)) throw new TypeError('render() takes an html`` template');
  element.innerHTML = template.text;
}

/** Sends an event up to the element that owns the state. */
export function emit(element, name, detail = {}) {
  element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
