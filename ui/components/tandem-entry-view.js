// One entry, every field it has, with edit and delete. Delete moves it to the bin; the root
// offers an undo.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, label, errorText } from '../i18n.js';

/** A field's value as words: vocabulary labels, "Yes" for a flag, "3 / 5" on a scale. */
function shown(field, value) {
  if (value === true) return t('view.yes');
  if (field.choices) {
    return (Array.isArray(value) ? value : [value]).map((code) => label(field.name, code)).join(', ');
  }
  if (Array.isArray(value)) return value.join(', ');
  if (field.input === 'scale') return `${value} / ${field.max}`;
  return String(value);
}

export class TandemEntryView extends HTMLElement {
  async connectedCallback() {
    this.addEventListener('click', (e) => this.onClick(e));
    let form;
    try {
      this.entry = await api.getEntry(this.entryId);
      // The core's form for the kind says which fields there are, in which order.
      form = await api.entryForm(this.entry.kind);
    } catch (e) {
      if (e.kind === 'locked') return;
      render(this, html`<p class="error" role="alert">${errorText(e)}</p>
        <button type="button" data-action="back">${t('view.back')}</button>`);
      return;
    }
    const e = this.entry;
    const skip = new Set(['occurred_at', 'text', 'tags', 'agenda']);
    const rows = form.fields.filter((f) => !skip.has(f.name)).filter((f) => {
      const v = e[f.name];
      return v !== undefined && v !== null && v !== false && !(Array.isArray(v) && !v.length);
    });
    render(this, html`<article aria-labelledby="entry-title">
      <h1 id="entry-title" tabindex="-1">${label('kind', e.kind)}</h1>
      <p class="when"><time datetime="${e.occurred_at}">${e.when.label}</time></p>
      ${e.deleted_at ? html`<p class="warning">${t('view.in_bin')}</p>` : ''}
      ${e.agenda_state ? html`<p class="badge-line"><span class="badge">${t(`agenda.state_${e.agenda_state}`)}</span></p>` : ''}
      ${e.text ? html`<p class="entry-text">${e.text}</p>` : ''}
      ${e.tags.length ? html`<p class="tags">${e.tags.map((tag) => html`<span class="tag">#${tag}</span> `)}</p>` : ''}
      <dl class="fields">${rows.map((f) => html`<div><dt>${t(`field.${f.name}`)}</dt><dd>${shown(f, e[f.name])}</dd></div>`)}</dl>
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
      if (e.kind === 'locked') return undefined;
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
      if (e.kind === 'locked') return undefined;
      this.querySelector('.error').textContent = errorText(e);
    }
  }
}
