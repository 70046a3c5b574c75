// Every visible string comes from a catalogue in i18n/, looked up by key. Vocabulary labels are
// keyed by the entry field and the stored code (`mode.phone`), so stored data never depends on
// the language.
import en from './i18n/en.js';
import fr from './i18n/fr.js';

const catalogues = { en, fr };
let current = en;
let language = 'en';

export function setLanguage(lang) {
  language = catalogues[lang] ? lang : 'en';
  current = catalogues[language];
  document.documentElement.lang = language;
}

export function getLanguage() {
  return language;
}

/** The string for `key`, with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = current[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/** The label of a vocabulary code, e.g. label('mode', 'phone'). */
export function label(field, code) {
  return t(`${field}.${code}`);
}

/** A sentence for an error from the shell: translated by kind where the kind says it all. */
export function errorText(error) {
  const key = `error.${error.kind}`;
  if (error.kind === 'invalid' || !(key in current)) return error.message || t('error.internal');
  return t(key);
}

/** The day heading for a date, e.g. "Tuesday 24 November 2026". */
export function formatDay(date) {
  return new Intl.DateTimeFormat(language, {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
  }).format(date);
}

/** The time of day, e.g. "14:05". */
export function formatTime(date) {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(date);
}
