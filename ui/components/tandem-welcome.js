// First run: choose a passphrase (with strength feedback), create the vault, then show the
// recovery key once and ask for one group of it back, so nobody moves on without having it.
// The core decides whether a passphrase will do and whether the group typed is right; this
// screen only shows what it says, next to the field it names.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, errorText } from '../i18n.js';
import { strength } from '../strength.js';
import { showError, clearErrors } from '../field-error.js';

export class TandemWelcome extends HTMLElement {
  async connectedCallback() {
    this.key = null;
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.addEventListener('input', (e) => this.onInput(e));
    // The minimum length, for the hint and the strength feedback, is the core's.
    this.choices = await api.settingsChoices();
    if (!this.isConnected) return;
    this.showForm();
  }

  disconnectedCallback() {
    this.key = null;
  }

  showForm() {
    render(this, html`<section class="card" aria-labelledby="welcome-title">
      <h1 id="welcome-title" tabindex="-1">${t('welcome.title')}</h1>
      <p>${t('welcome.intro')}</p>
      <form data-action="create" novalidate>
        <label for="new-passphrase">${t('welcome.passphrase')}</label>
        <input id="new-passphrase" name="passphrase" type="password" autocomplete="new-password"
          aria-describedby="strength passphrase-hint" required>
        <p id="passphrase-hint" class="hint">${t('welcome.passphrase_hint', { min: this.choices.min_passphrase_chars })}</p>
        <p id="strength" class="strength" data-level="" aria-live="polite"></p>
        <label for="again-passphrase">${t('welcome.again')}</label>
        <input id="again-passphrase" name="again" type="password" autocomplete="new-password" required>
        <p class="error" role="alert"></p>
        <p class="status" role="status"></p>
        <button type="submit" class="primary">${t('welcome.create')}</button>
      </form>
    </section>`);
    this.querySelector('#new-passphrase').focus();
  }

  onInput(event) {
    if (event.target.name !== 'passphrase' || !event.target.closest('[data-action=create]')) return;
    const out = this.querySelector('#strength');
    const value = event.target.value;
    const level = value ? strength(value, this.choices.min_passphrase_chars) : '';
    out.dataset.level = level;
    out.textContent = level ? t(`strength.${level}`) : '';
  }

  showKey() {
    const groups = this.key.split('-');
    // Ask for one group other than the last (the checksum), chosen at random; the groups are
    // counted from 1, as the worker reads them and as the shell checks them.
    this.asked = 1 + Math.floor(Math.random() * (groups.length - 1));
    render(this, html`<section class="card" aria-labelledby="key-title">
      <h1 id="key-title" tabindex="-1">${t('recovery.title')}</h1>
      <p>${t('recovery.explain')}</p>
      <p class="recovery-key" id="recovery-key" aria-label="${t('recovery.key_label')}">${groups.map((g) => html`<span>${g}</span> `)}</p>
      <p class="warning"><strong>${t('recovery.lose_both')}</strong></p>
      <form data-action="confirm-key" novalidate>
        <label for="key-part">${t('recovery.type_group', { n: this.asked })}</label>
        <input id="key-part" name="part" data-group="${this.asked}" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
        <p class="error" role="alert"></p>
        <button type="submit" class="primary">${t('recovery.confirm')}</button>
      </form>
    </section>`);
    this.querySelector('h1').focus();
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    const button = form.querySelector('button[type=submit]');
    if (button.disabled) return;
    if (form.dataset.action === 'create') {
      const passphrase = data.get('passphrase');
      clearErrors(form);
      // Two fields the worker typed, compared: not a rule, so it is checked here.
      if (passphrase !== data.get('again')) return showError(form, 'again', t('welcome.differ'));
      button.disabled = true;
      const status = form.querySelector('.status');
      status.textContent = t('welcome.creating');
      try {
        this.key = await api.createVault(passphrase);
        emit(this, 'vault-created');
        this.showKey();
      } catch (e) {
        button.disabled = false;
        status.textContent = '';
        // The core refuses a passphrase it will not take, and names the field.
        showError(form, e.field === 'passphrase' ? 'passphrase' : null, errorText(e));
      }
    } else if (form.dataset.action === 'confirm-key') {
      button.disabled = true;
      try {
        if (!(await api.confirmRecoveryGroup(this.asked, String(data.get('part') || '')))) {
          showError(form, 'part', t('recovery.mismatch'));
          return;
        }
        this.key = null;
        emit(this, 'unlocked', { created: true });
      } catch (e) {
        if (e.kind === 'locked') return;
        showError(form, 'part', errorText(e));
      } finally {
        if (button.isConnected) button.disabled = false;
      }
    }
  }
}
