// The unlock screen: the passphrase, or the recovery key for someone who forgot it. A refusal
// is the core's sentence, shown by the field, with what was typed selected to type over.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, errorText } from '../i18n.js';
import { showError } from '../field-error.js';

export class TandemUnlock extends HTMLElement {
  connectedCallback() {
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.addEventListener('click', (e) => {
      const b = e.target.closest('[data-mode]');
      if (b) this.show(b.dataset.mode);
    });
    this.show('passphrase');
  }

  show(mode) {
    this.mode = mode;
    const recovery = mode === 'recovery';
    render(this, html`<section class="card" aria-labelledby="unlock-title">
      <h1 id="unlock-title">${t('unlock.title')}</h1>
      <p>${t(recovery ? 'unlock.recovery_intro' : 'unlock.intro')}</p>
      <form data-action="unlock" novalidate>
        ${recovery
          ? html`<label for="recovery-input">${t('unlock.recovery_key')}</label>
            <input id="recovery-input" name="secret" class="mono" autocomplete="off" autocapitalize="characters" spellcheck="false" required>`
          : html`<label for="unlock-passphrase">${t('unlock.passphrase')}</label>
            <input id="unlock-passphrase" name="secret" type="password" autocomplete="current-password" required>`}
        <p class="error" role="alert"></p>
        <p class="status" role="status"></p>
        <button type="submit" class="primary">${t('unlock.button')}</button>
      </form>
      <button type="button" class="link" data-mode="${recovery ? 'passphrase' : 'recovery'}">
        ${t(recovery ? 'unlock.use_passphrase' : 'unlock.use_recovery')}</button>
    </section>`);
    this.querySelector('input').focus();
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const secret = new FormData(form).get('secret');
    if (!secret) return showError(form, 'secret', t('unlock.empty'));
    const button = form.querySelector('button');
    if (button.disabled) return undefined;
    button.disabled = true;
    performance.mark('tandem:unlock');
    form.setAttribute('aria-busy', 'true');
    const status = form.querySelector('.status');
    status.textContent = t('unlock.working');
    try {
      if (this.mode === 'recovery') await api.unlockWithRecovery(secret);
      else await api.unlock(secret);
      emit(this, 'unlocked', { viaRecovery: this.mode === 'recovery' });
    } catch (e) {
      button.disabled = false;
      form.removeAttribute('aria-busy');
      status.textContent = '';
      // Whatever went wrong, the one field is where the worker tries again. It is emptied
      // first: the page keeps no passphrase or recovery key once the call has answered.
      form.querySelector('[name=secret]').value = '';
      showError(form, 'secret', errorText(e));
    }
    return undefined;
  }
}
