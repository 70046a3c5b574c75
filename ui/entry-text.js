// How an entry reads in a list: its day, its time and a one-line summary, all from the entry's
// own wall-clock time (the zone it was written in), as the core's day filters use.
import { t, label, formatDay } from './i18n.js';

export function dayOf(entry) {
  return entry.occurred_at.slice(0, 10);
}

export function timeOf(entry) {
  return entry.occurred_at.slice(11, 16);
}

export function dayHeading(day) {
  const [y, m, d] = day.split('-').map(Number);
  return formatDay(new Date(y, m - 1, d));
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
