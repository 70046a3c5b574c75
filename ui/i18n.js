// Every visible string comes from the core's catalogue for the app's language, fetched from the
// shell once per language and looked up here by key. Vocabulary labels are keyed by the entry
// field and the stored code (`mode.phone`), so stored data never depends on the language. Dates
// and times arrive from the core already worded; nothing here formats them.
import { api } from './api.js';

let current = {};
let language = 'en';

/** Loads the catalogue of `lang` from the core and makes it the one every lookup reads. */
export async function setLanguage(lang) {
  current = await api.catalogue(lang);
  language = lang;
  document.documentElement.lang = lang;
}

export function getLanguage() {
  return language;
}

/** True when the catalogue has `key`. */
export function has(key) {
  return key in current;
}

/** The string for `key`, with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = current[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/** The label of a vocabulary code, e.g. label('mode', 'phone'). */
export function label(field, code) {
  return t(`${field}.${code}`);
}

/** The sentence for an error from the shell: the core has already worded it for a peer worker. */
export function errorText(error) {
  return error.message || t('error.internal');
}
