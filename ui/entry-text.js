// How an entry reads in a list: its day, its time and a one-line summary. The day and time come
// worded by the core ("Today", "mardi 1er décembre 2026", "14 h 05"), in the app's language.
import { t, label } from './i18n.js';

/** The entry's day, as a heading. */
export function dayOf(entry) {
  return entry.when.day;
}

/** The entry's time of day. */
export function timeOf(entry) {
  return entry.when.time;
}

/** A day heading: the core's words for the day already. */
export function dayHeading(day) {
  return day;
}

/** What to show when an entry has no text of its own. */
export function summary(entry) {
  if (entry.text) return entry.text.length > 200 ? `${entry.text.slice(0, 200)}…` : entry.text;
  switch (entry.kind) {
    case 'boundary': return label('category', entry.category);
    case 'wellbeing': return entry.mood ? t('wellbeing.mood_value', { n: entry.mood }) : t('kind.wellbeing');
    case 'moment': return (entry.themes || []).map((c) => label('themes', c)).join(', ');
    default: return (entry.domains || []).map((c) => label('domains', c)).join(', ');
  }
}
