// Settings: language, theme and locking apply as soon as they change; the passphrase and the
// recovery key each need the current passphrase again, so nobody who finds the app unlocked can
// take the journal over. What each setting may be, and how long a passphrase must be, are the
// core's (`settings_choices`); the core refuses a passphrase it will not take, and its sentence
// is shown by the field it names.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, errorText } from '../i18n.js';
import { strength } from '../strength.js';
import { showError, clearErrors } from '../field-error.js';

export class TandemSettings extends HTMLElement {
  async connectedCallback() {
    this.key = null;
    this.addEventListener('change', (e) => this.onChange(e));
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.addEventListener('input', (e) => this.onInput(e));
    this.choices = await api.settingsChoices();
    if (!this.isConnected) return;
    this.render();
    this.querySelector('h1').focus();
  }

  disconnectedCallback() {
    this.key = null;
  }

  render() {
    const s = this.settings;
    const c = this.choices;
    const choice = (name, value, text) => html`<label class="chip"><input type="radio" name="${name}" value="${value}" ${String(s[name]) === String(value) ? 'checked' : ''}><span>${text}</span></label>`;
    render(this, html`<section aria-labelledby="settings-title">
      <h1 id="settings-title" tabindex="-1">${t('settings.title')}</h1>
      <form class="prefs" data-action="prefs">
        <label for="s-language">${t('settings.language')}</label>
        <select id="s-language" name="language">
          ${c.languages.map((l) => html`<option value="${l}" ${s.language === l ? 'selected' : ''}>${t(`lang.${l}`)}</option>`)}
        </select>
        <fieldset class="chips"><legend>${t('settings.theme')}</legend>
          ${c.themes.map((v) => choice('theme', v, t(`theme.${v}`)))}</fieldset>
        <fieldset class="chips"><legend>${t('settings.auto_lock')}</legend>
          ${c.auto_lock_minutes.map((v) => choice('auto_lock_minutes', v, t('settings.minutes', { n: v })))}</fieldset>
        <label class="check"><input type="checkbox" name="lock_when_hidden" ${s.lock_when_hidden ? 'checked' : ''}> ${t('settings.lock_when_hidden')}</label>
      </form>

      <h2>${t('settings.lock_title')}</h2>
      <p>${t('settings.lock_hint')}</p>
      <button type="button" data-action="lock">${t('nav.lock')}</button>

      <h2>${t('settings.passphrase_title')}</h2>
      <form data-action="passphrase" novalidate>
        <label for="s-current">${t('settings.current')}</label>
        <input id="s-current" name="current" type="password" autocomplete="current-password" required>
        <label for="s-new">${t('settings.new_passphrase')}</label>
        <input id="s-new" name="new" type="password" autocomplete="new-password" aria-describedby="s-new-hint s-strength" required>
        <p id="s-new-hint" class="hint">${t('welcome.passphrase_hint', { min: c.min_passphrase_chars })}</p>
        <p id="s-strength" class="strength" aria-live="polite"></p>
        <label for="s-again">${t('welcome.again')}</label>
        <input id="s-again" name="again" type="password" autocomplete="new-password" required>
        <p class="error" role="alert"></p>
        <p class="status" role="status"></p>
        <button type="submit">${t('settings.change_passphrase')}</button>
      </form>

      <h2>${t('settings.recovery_title')}</h2>
      <p>${t('settings.recovery_hint')}</p>
      <form data-action="recovery" novalidate>
        <label for="s-current-2">${t('settings.current')}</label>
        <input id="s-current-2" name="current" type="password" autocomplete="current-password" required>
        <p class="error" role="alert"></p>
        <p class="status" role="status"></p>
        <button type="submit">${t('settings.new_recovery_key')}</button>
      </form>
      <div class="new-key"></div>
    </section>`);
  }

  onInput(event) {
    if (event.target.name !== 'new') return;
    const out = this.querySelector('#s-strength');
    const level = event.target.value ? strength(event.target.value, this.choices.min_passphrase_chars) : '';
    out.dataset.level = level;
    out.textContent = level ? t(`strength.${level}`) : '';
  }

  onChange(event) {
    const form = event.target.closest('form[data-action=prefs]');
    if (!form) return;
    const data = new FormData(form);
    emit(this, 'settings-change', { settings: {
      language: data.get('language'),
      theme: data.get('theme'),
      auto_lock_minutes: Number(data.get('auto_lock_minutes')),
      lock_when_hidden: data.get('lock_when_hidden') === 'on',
    } });
  }

  /** Shows the new recovery key once, and asks for one group of it back, as at first run. */
  showKey(key) {
    this.key = key;
    const groups = key.split('-');
    // Any group but the last (the checksum), counted from 1 as the worker reads them.
    this.asked = 1 + Math.floor(Math.random() * (groups.length - 1));
    const box = this.querySelector('.new-key');
    render(box, html`<div class="card inset" role="group" aria-labelledby="new-key-title">
      <h3 id="new-key-title" tabindex="-1">${t('recovery.title')}</h3>
      <p>${t('recovery.replaced')}</p>
      <p class="recovery-key" id="recovery-key" aria-label="${t('recovery.key_label')}">${groups.map((g) => html`<span>${g}</span> `)}</p>
      <p class="warning"><strong>${t('recovery.lose_both')}</strong></p>
      <form data-action="confirm-key" novalidate>
        <label for="s-key-part">${t('recovery.type_group', { n: this.asked })}</label>
        <input id="s-key-part" name="part" data-group="${this.asked}" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
        <p class="error" role="alert"></p>
        <button type="submit">${t('recovery.written')}</button>
      </form></div>`);
    box.querySelector('h3').focus();
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    const status = form.querySelector('.status');
    const button = form.querySelector('button[type=submit]');
    if (!button || button.disabled) return;
    clearErrors(form);
    button.disabled = true;
    try {
      if (form.dataset.action === 'passphrase') {
        const next = data.get('new');
        // Two fields the worker typed, compared: not a rule, so it is checked here.
        if (next !== data.get('again')) return showError(form, 'again', t('welcome.differ'));
        status.textContent = t('settings.working');
        await api.changePassphrase(data.get('current'), next);
        form.reset();
        this.querySelector('#s-strength').textContent = '';
        emit(this, 'toast', { message: t('settings.passphrase_changed') });
      } else if (form.dataset.action === 'recovery') {
        status.textContent = t('settings.working');
        const key = await api.newRecoveryKey(data.get('current'));
        form.reset();
        this.showKey(key);
      } else if (form.dataset.action === 'confirm-key') {
        if (!(await api.confirmRecoveryGroup(this.asked, String(data.get('part') || '')))) {
          return showError(form, 'part', t('recovery.mismatch'));
        }
        this.key = null;
        render(this.querySelector('.new-key'), html``);
        this.querySelector('#s-current-2').focus();
      }
    } catch (e) {
      if (e.kind === 'locked') return undefined;
      showError(form, this.fieldOf(form, e), errorText(e));
    } finally {
      if (button.isConnected) button.disabled = false;
      if (status) status.textContent = '';
    }
    return undefined;
  }

  /** The input an error belongs to: the core names the new passphrase `passphrase`; a wrong
   * current passphrase names no field, and is the current passphrase's. */
  fieldOf(form, error) {
    if (form.dataset.action === 'confirm-key') return 'part';
    if (error.field === 'passphrase') return 'new';
    if (error.kind === 'wrong_passphrase') return 'current';
    return error.field || null;
  }
}
