// First run: choose a passphrase (with strength feedback), create the vault, then show the
// recovery key once and ask for one group of it back, so nobody moves on without having it.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, errorText } from '../i18n.js';
import { strength } from '../strength.js';

/** Compares typed key text the way the core reads keys: case, spaces and dashes do not matter. */
function sameGroup(typed, group) {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1') === group;
}

export class TandemWelcome extends HTMLElement {
  connectedCallback() {
    this.key = null;
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.addEventListener('input', (e) => this.onInput(e));
    this.addEventListener('click', (e) => {
      if (e.target.closest('[data-action=show-key]')) this.showKey();
    });
    this.showForm('');
  }

  showForm(message) {
    render(this, html`<section class="card" aria-labelledby="welcome-title">
      <h1 id="welcome-title" tabindex="-1">${t('welcome.title')}</h1>
      <p>${t('welcome.intro')}</p>
      <form data-action="create" novalidate>
        <label for="new-passphrase">${t('welcome.passphrase')}</label>
        <input id="new-passphrase" name="passphrase" type="password" autocomplete="new-password"
          aria-describedby="strength passphrase-hint" required>
        <p id="passphrase-hint" class="hint">${t('welcome.passphrase_hint')}</p>
        <p id="strength" class="strength" data-level="" aria-live="polite"></p>
        <label for="again-passphrase">${t('welcome.again')}</label>
        <input id="again-passphrase" name="again" type="password" autocomplete="new-password" required>
        <p class="error" role="alert">${message}</p>
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
    const level = value ? strength(value) : '';
    out.dataset.level = level;
    out.textContent = level ? t(`strength.${level}`) : '';
  }

  showKey() {
    const groups = this.key.split('-');
    // Ask for one group other than the last (the checksum), chosen at random.
    this.asked = Math.floor(Math.random() * (groups.length - 1));
    render(this, html`<section class="card" aria-labelledby="key-title">
      <h1 id="key-title" tabindex="-1">${t('recovery.title')}</h1>
      <p>${t('recovery.explain')}</p>
      <p class="recovery-key" id="recovery-key" aria-label="${t('recovery.key_label')}">${groups.map((g) => html`<span>${g}</span> `)}</p>
      <p class="warning"><strong>${t('recovery.lose_both')}</strong></p>
      <form data-action="confirm-key" novalidate>
        <label for="key-part">${t('recovery.type_group', { n: this.asked + 1 })}</label>
        <input id="key-part" name="part" data-group="${this.asked + 1}" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
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
    const error = form.querySelector('.error');
    if (form.dataset.action === 'create') {
      const passphrase = data.get('passphrase');
      if (Array.from(passphrase).length < 8) return this.showForm(t('welcome.too_short'));
      if (passphrase !== data.get('again')) return this.showForm(t('welcome.differ'));
      form.querySelector('button').disabled = true;
      form.querySelector('.status').textContent = t('welcome.creating');
      try {
        this.key = await api.createVault(passphrase);
        emit(this, 'vault-created');
        this.showKey();
      } catch (e) {
        this.showForm(errorText(e));
      }
    } else if (form.dataset.action === 'confirm-key') {
      const group = this.key.split('-')[this.asked];
      if (!sameGroup(data.get('part'), group)) {
        render(error, html`${t('recovery.mismatch')}`);
        form.querySelector('input').select();
        return;
      }
      this.key = null;
      emit(this, 'unlocked', { created: true });
    }
  }
}
