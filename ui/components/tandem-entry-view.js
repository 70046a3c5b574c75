// One entry, every field it has, with edit and delete. Delete moves it to the bin; the root
// offers an undo.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, label, errorText } from '../i18n.js';
import { dayHeading, dayOf, timeOf } from '../entry-text.js';

// The order fields are shown in; vocabulary fields show labels, flags show yes.
const SHOWN = ['person', 'mode', 'setting', 'duration_min', 'format', 'group_size', 'domains', 'activities',
  'referral', 'next_step', 'follow_up_on', 'collaborative', 'themes', 'values', 'why_it_mattered', 'category',
  'intensity', 'action', 'bring_to_supervision', 'resolved', 'mood', 'energy', 'stress', 'sleep_hours',
  'triggered', 'triggered_by', 'self_care', 'support_used', 'share'];
const VOCAB = new Set(['mode', 'setting', 'format', 'referral', 'category', 'domains', 'activities', 'themes', 'values', 'self_care']);

function shown(name, value) {
  if (value === true) return t('view.yes');
  if (Array.isArray(value)) return value.map((v) => (VOCAB.has(name) ? label(name, v) : v)).join(', ');
  if (VOCAB.has(name)) return label(name, value);
  if (['mood', 'energy', 'stress', 'intensity'].includes(name)) return `${value} / 5`;
  return String(value);
}

export class TandemEntryView extends HTMLElement {
  async connectedCallback() {
    this.addEventListener('click', (e) => this.onClick(e));
    try {
      this.entry = await api.getEntry(this.entryId);
    } catch (e) {
      if (e.kind === 'locked') return emit(this, 'lock-now');
      render(this, html`<p class="error" role="alert">${errorText(e)}</p>
        <button type="button" data-action="back">${t('view.back')}</button>`);
      return;
    }
    const e = this.entry;
    const rows = SHOWN.filter((n) => e[n] !== undefined && e[n] !== null && e[n] !== false && !(Array.isArray(e[n]) && !e[n].length));
    render(this, html`<article aria-labelledby="entry-title">
      <h1 id="entry-title" tabindex="-1">${label('kind', e.kind)}</h1>
      <p class="when"><time datetime="${e.occurred_at}">${dayHeading(dayOf(e))}, ${timeOf(e)}</time></p>
      ${e.deleted_at ? html`<p class="warning">${t('view.in_bin')}</p>` : ''}
      ${e.agenda_state ? html`<p class="badge-line"><span class="badge">${t(`agenda.state_${e.agenda_state}`)}</span></p>` : ''}
      ${e.text ? html`<p class="entry-text">${e.text}</p>` : ''}
      ${e.tags.length ? html`<p class="tags">${e.tags.map((tag) => html`<span class="tag">#${tag}</span> `)}</p>` : ''}
      <dl class="fields">${rows.map((n) => html`<div><dt>${t(`field.${n}`)}</dt><dd>${shown(n, e[n])}</dd></div>`)}</dl>
      <div class="actions">
        ${e.deleted_at
          ? html`<button type="button" data-action="restore">${t('view.restore')}</button>`
          : html`<button type="button" class="primary" data-action="edit">${t('view.edit')}</button>
            ${e.agenda_state === 'queued'
              ? html`<button type="button" data-agenda="discussed">${t('agenda.mark_discussed')}</button>
                <button type="button" data-agenda="">${t('agenda.remove')}</button>`
              : html`<button type="button" data-agenda="queued">${t(e.agenda_state === 'discussed' ? 'agenda.bring_back' : 'agenda.add')}</button>`}
            <button type="button" class="danger" data-action="delete">${t('view.delete')}</button>`}
        <button type="button" data-action="back">${t('view.back')}</button>
      </div>
      <p class="error" role="alert"></p>
    </article>`);
    this.querySelector('h1').focus();
  }

  disconnectedCallback() {
    this.entry = null;
  }

  async setAgenda(state) {
    try {
      await api.setAgenda(this.entry.id, state);
      emit(this, 'toast', { message: t(state === 'queued' ? 'agenda.added' : state === 'discussed' ? 'agenda.marked' : 'agenda.removed') });
      emit(this, 'navigate', { screen: 'entry', id: this.entry.id });
    } catch (e) {
      if (e.kind === 'locked') return emit(this, 'lock-now');
      this.querySelector('.error').textContent = errorText(e);
    }
    return undefined;
  }

  async onClick(event) {
    const button = event.target.closest('button');
    if (button && button.dataset.agenda !== undefined) return this.setAgenda(button.dataset.agenda || null);
    const action = button?.dataset.action;
    if (!action) return;
    try {
      if (action === 'back') emit(this, 'navigate', { screen: 'timeline' });
      else if (action === 'edit') emit(this, 'navigate', { screen: 'edit', kind: this.entry.kind, entry: this.entry });
      else if (action === 'delete') {
        await api.deleteEntry(this.entry.id);
        emit(this, 'entry-deleted', { id: this.entry.id });
      } else if (action === 'restore') {
        await api.restoreEntry(this.entry.id);
        emit(this, 'toast', { message: t('entry.restored') });
        emit(this, 'navigate', { screen: 'entry', id: this.entry.id });
      }
    } catch (e) {
      if (e.kind === 'locked') return emit(this, 'lock-now');
      this.querySelector('.error').textContent = errorText(e);
    }
  }
}
