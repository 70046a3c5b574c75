// The people the worker supports: an alias for everyday use and optional private details that
// never leave the vault. Add and edit happen in place; the core says what it refuses, and its
// sentence sits by the field it names.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, errorText } from '../i18n.js';
import { showError, clearErrors } from '../field-error.js';

export class TandemPeople extends HTMLElement {
  connectedCallback() {
    this.editing = null; // a person's id, 'new', or null
    this.addEventListener('click', (e) => this.onClick(e));
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.render();
    this.querySelector('h1').focus();
  }

  render() {
    const person = this.people.find((p) => p.id === this.editing) || {};
    render(this, html`<section aria-labelledby="people-title">
      <h1 id="people-title" tabindex="-1">${t('people.title')}</h1>
      <p>${t('people.intro')}</p>
      ${this.editing ? html`<form class="person-form" novalidate>
          <h2>${t(this.editing === 'new' ? 'people.add_title' : 'people.edit_title')}</h2>
          <label for="p-alias">${t('people.alias')}</label>
          <input id="p-alias" name="alias" value="${person.alias || ''}" required autocomplete="off" aria-describedby="p-alias-hint">
          <p class="hint" id="p-alias-hint">${t('people.alias_hint')}</p>
          <label for="p-name">${t('people.name')}</label>
          <input id="p-name" name="name" value="${person.name || ''}" autocomplete="off">
          <label for="p-details">${t('people.details')}</label>
          <textarea id="p-details" name="details" rows="3">${person.details || ''}</textarea>
          <p class="hint">${t('people.private_hint')}</p>
          <p class="error" role="alert"></p>
          <div class="actions"><button type="submit" class="primary">${t('form.save')}</button>
          <button type="button" data-action="cancel">${t('form.cancel')}</button></div>
        </form>`
        : html`<button type="button" class="primary" data-action="add">${t('people.add')}</button>`}
      ${this.people.length === 0 ? html`<p class="empty">${t('people.empty')}</p>` : html`<ul class="people">
        ${this.people.map((p) => html`<li><span class="alias">${p.alias}</span>${p.name ? html` <span class="muted">${p.name}</span>` : ''}
          <button type="button" data-edit="${p.id}" aria-label="${t('people.edit_named', { alias: p.alias })}">${t('view.edit')}</button></li>`)}
      </ul>`}
    </section>`);
  }

  disconnectedCallback() {
    this.people = [];
  }

  onClick(event) {
    const b = event.target.closest('button');
    if (!b) return;
    if (b.dataset.action === 'add') this.editing = 'new';
    else if (b.dataset.edit) this.editing = b.dataset.edit;
    else if (b.dataset.action === 'cancel') this.editing = null;
    else return;
    this.render();
    (this.querySelector('#p-alias') || this.querySelector('[data-action=add]')).focus();
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    const text = (k) => String(data.get(k) || '').trim() || null;
    const person = { alias: text('alias') || '', name: text('name'), details: text('details') };
    const button = form.querySelector('button[type=submit]');
    if (button.disabled) return;
    clearErrors(form);
    button.disabled = true;
    try {
      if (this.editing === 'new') await api.addPerson(person);
      else await api.updatePerson(this.editing, person);
      this.people = await api.listPeople();
      this.editing = null;
      emit(this, 'people-changed');
      emit(this, 'toast', { message: t('people.saved') });
      this.render();
      this.querySelector('[data-action=add]').focus();
    } catch (e) {
      button.disabled = false;
      if (e.kind === 'locked') return;
      // The form stays as typed; the message goes by the field the core names.
      showError(form, e.field, errorText(e));
    }
  }
}
