// A supervision summary as it reads on screen: the worker's preview of exactly what will leave,
// and the supervisor's view of a received summary or of a team overview. It draws what it is
// given (the summary's JSON, or the shell's team overview, and the shell's words for each ISO
// week they name, `weeks`) and holds nothing else.
import { html, render } from '../html.js';
import { t, label } from '../i18n.js';

// Which vocabulary labels each distribution's codes. The paths are in double quotes: they are
// not catalogue keys.
const DISTRIBUTIONS = [
  ["entries_by_kind", "kind"],
  ["contacts.mode", "mode"],
  ["contacts.setting", "setting"],
  ["contacts.format", "format"],
  ["contacts.domains", "domains"],
  ["contacts.activities", "activities"],
  ["contacts.referral", "referral"],
  ["moment_themes", "themes"],
  ["moment_values", "values"],
  ["boundaries_open", "category"],
  ["boundaries_resolved", "category"],
];

function pick(summary, path) {
  return path.split('.').reduce((v, k) => (v ? v[k] : undefined), summary);
}

function count(n) {
  return n === null || n === undefined ? html`<span class="withheld">${t('summary.withheld_cell')}</span>` : String(n);
}

function average(n) {
  return n === null || n === undefined ? '—' : n.toFixed(1);
}

/** A distribution as a small table; nothing when every count is zero. */
function table(path, field, dist) {
  if (!dist || dist.total === 0) return '';
  const rows = dist.codes.map((code, i) => ({ code, n: dist.cells[i] })).filter((r) => r.n !== 0);
  return html`<table class="dist">
    <caption>${t(`summary.dist.${path}`)}</caption>
    <thead><tr><th scope="col">${t('summary.what')}</th><th scope="col">${t('summary.count')}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><th scope="row">${label(field, r.code)}</th><td>${count(r.n)}</td></tr>`)}</tbody>
    <tfoot><tr><th scope="row">${t('summary.total')}</th><td>${count(dist.total)}</td></tr></tfoot>
  </table>`;
}

export class TandemSummaryView extends HTMLElement {
  connectedCallback() {
    this.draw();
  }

  disconnectedCallback() {
    this.summary = null;
    this.weeks = null;
  }

  draw() {
    const s = this.summary;
    if (!s) return render(this, html``);
    const team = Boolean(this.team);
    // A week as people read it ("week of 2 March 2026"); its code only if the shell sent no words.
    const week = (code) => (this.weeks && this.weeks[code]) || code;
    const removed = team ? 0 : Object.values(s.withheld.removed).reduce((a, b) => a + b, 0);
    const sharedWords = team ? s.shared_entries : s.narratives.length + s.agenda.filter((a) => a.text).length;
    // What the worker chose to leave out is said, so an empty part is not read as "none". A
    // team overview adds up what was sent, and has no parts of its own.
    const parts = (!team && s.included) || {};
    const leftOut = Object.keys(parts).filter((p) => !parts[p]).map((p) => t(`summary.part.${p}`));
    render(this, html`<article class="summary-view" aria-label="${this.heading || t('summary.title')}">
      <p class="period">${t('summary.period_weeks', { first: week(s.first_week), last: week(s.last_week), k: s.k })}</p>
      ${team
        ? html`<p class="statement">${t('summary.team_statement', { n: s.summaries, k: s.k })}</p>`
        : html`<div class="statement"><h3>${t('summary.contains')}</h3><ul>
          <li>${t('summary.contains_counts', { n: s.withheld.suppressed_cells })}</li>
          <li>${t('summary.contains_words', { n: sharedWords, removed, unshared: s.withheld.unshared_entries })}</li>
          <li>${t('summary.contains_people')}</li>
          ${leftOut.length ? html`<li>${t('summary.left_out', { parts: leftOut.join(', ') })}</li>` : ''}</ul></div>`}
      ${team
        ? html`<p>${t('summary.team_agenda', { n: s.agenda_items, shared: s.shared_entries })}</p>`
        : s.agenda.length ? html`<h3>${t('summary.agenda')}</h3><ul class="agenda">${s.agenda.map((a) => html`<li>
          <strong>${a.category ? label('category', a.category) : label('kind', a.kind)}</strong>
          <span class="week">${week(a.week)}</span>${a.text ? html`<p class="entry-text">${a.text}</p>` : ''}</li>`)}</ul>` : ''}
      <h3>${t('summary.counts')}</h3>
      <p>${t('summary.contact_minutes')}: ${count(s.contact_minutes)}</p>
      <div class="dists">${DISTRIBUTIONS.map(([path, field]) => table(path, field, pick(s, path)))}</div>
      ${parts.wellbeing === false ? html`<h3>${t('summary.wellbeing')}</h3><p class="empty">${t('summary.wellbeing_left_out')}</p>` : ''}
      ${s.wellbeing.length ? html`<table class="dist wellbeing">
        <caption>${t('summary.wellbeing')}</caption>
        <thead><tr><th scope="col">${t('summary.week')}</th><th scope="col">${t('field.mood')}</th>
          <th scope="col">${t('field.energy')}</th><th scope="col">${t('field.stress')}</th>
          ${team ? html`<th scope="col">${t('summary.team_workers')}</th>` : ''}</tr></thead>
        <tbody>${s.wellbeing.map((w) => html`<tr><th scope="row">${week(w.week)}</th><td>${average(w.mood)}</td>
          <td>${average(w.energy)}</td><td>${average(w.stress)}</td>${team ? html`<td>${w.summaries}</td>` : ''}</tr>`)}</tbody>
      </table>` : ''}
      ${!team && s.narratives.length ? html`<h3>${t('summary.narratives')}</h3>
        ${s.narratives.map((n) => html`<blockquote class="narrative">
          <p class="meta">${label('kind', n.kind)} · ${week(n.week)}${n.person ? html` · ${n.person}` : ''}</p>
          <p class="entry-text">${n.text}</p></blockquote>`)}` : ''}
    </article>`);
  }
}
