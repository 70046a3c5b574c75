// The summary wizard: period → what to include → review the words that looked like names →
// preview exactly what will leave → confirm how to save it, then the native save dialog. The
// shell builds every preview from the vault; this element only keeps the worker's choices.
// What it starts with and offers (the period, k and its minimum, the parts, the formats and
// protections) is the core's (`wizard_defaults`); what it refuses, the core says, and the
// sentence sits by the field it names.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, errorText } from '../i18n.js';
import { showError, clearErrors } from '../field-error.js';

const STEPS = ['period', 'include', 'review', 'preview', 'confirm'];

// The core names the age passphrase and public key by what they are; here they are the
// fields `passphrase` and `key`. Every other field it names has its own name on the form.
const INPUTS = { age_passphrase: 'passphrase', age_recipient: 'key' };

export class TandemExportWizard extends HTMLElement {
  async connectedCallback() {
    this.flags = [];
    this.removed = [];
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-step]');
      if (b) this.step(b.dataset.step);
      if (e.target.closest('[data-action=finish]')) emit(this, 'wizard-done', { saved: true });
      if (e.target.closest('[data-action=cancel]')) emit(this, 'wizard-done', { saved: false });
      if (e.target.closest('[data-action=remove-word]')) this.changeRemoved('remember');
      const forget = e.target.closest('[data-forget]');
      if (forget) this.changeRemoved('forget', forget.dataset.forget);
    });
    // Enter in the "word we missed" field adds it rather than moving on to the preview.
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.isComposing && e.target.name === 'remove') {
        e.preventDefault();
        this.changeRemoved('remember');
      }
    });
    this.addEventListener('change', (e) => {
      if (e.target.name === 'protect') this.showProtect(e.target.value);
    });
    try {
      this.defaults = await api.wizardDefaults();
    } catch (e) {
      if (e.kind !== 'locked') emit(this, 'toast', { message: errorText(e) });
      return;
    }
    if (!this.isConnected) return;
    const d = this.defaults;
    // The core lists the usual format and protection first.
    this.choices = {
      from: d.from, to: d.to, k: String(d.k), include: { ...d.include },
      keep: [], format: d.formats[0], protect: d.protections[0],
    };
    this.step('period');
  }

  disconnectedCallback() {
    this.preview = null;
    this.flags = [];
    this.removed = [];
  }

  /** Asks the flagged words again, as they stand with the worker's remembered words. */
  async loadFlags() {
    const c = this.choices;
    this.flags = (await api.previewSummary({ ...this.request(), keep: [] })).flags;
    const words = this.flags.map((f) => f.word);
    c.keep = c.keep.filter((w) => words.includes(w));
  }

  /** Remembers the word typed as one to remove always, or forgets one; then shows the review
   * again with what changed. */
  async changeRemoved(how, word) {
    const form = this.querySelector('form[data-step-form=review]');
    if (!form) return;
    const c = this.choices;
    c.keep = new FormData(form).getAll('keep').map(String);
    clearErrors(form);
    try {
      if (how === 'remember') {
        const typed = String(this.querySelector('input[name=remove]')?.value || '');
        this.removed = await api.rememberRemovedWord(typed);
      } else {
        this.removed = await api.forgetRemovedWord(word);
      }
      await this.loadFlags();
      this.step('review');
      this.querySelector('input[name=remove]')?.focus();
    } catch (e) {
      // The core names the field `word`; on this form it is the "remove" field.
      showError(form, e.field === 'word' ? 'remove' : null, errorText(e));
    }
  }

  /** The worker's choices as the shell takes them; k goes as typed, for the core to read. */
  request() {
    const c = this.choices;
    return { from: c.from, to: c.to, k: c.k, include: c.include, keep: c.keep };
  }

  /** Shows a step; its heading takes the focus so screen readers announce where they are. */
  step(name) {
    this.current = name;
    const n = STEPS.indexOf(name) + 1;
    const back = STEPS[n - 2];
    const c = this.choices;
    const d = this.defaults;
    const nav = (next) => html`<p class="error" role="alert"></p><div class="actions">
      ${back ? html`<button type="button" data-step="${back}">${t('wizard.back')}</button>` : ''}
      <button type="submit" class="primary">${next}</button>
      <button type="button" data-action="cancel">${t('wizard.cancel')}</button></div>`;
    let body;
    switch (name) {
      case 'period':
        body = html`<form data-step-form="period" novalidate>
          <p>${t('wizard.period_intro')}</p>
          <label for="w-from">${t('filter.from')}</label><input id="w-from" name="from" type="date" value="${c.from}" required>
          <label for="w-to">${t('filter.to')}</label><input id="w-to" name="to" type="date" value="${c.to}" required>
          <label for="w-k">${t('wizard.k')}</label>
          <input id="w-k" name="k" type="number" min="${d.min_k}" step="1" value="${c.k}" inputmode="numeric" aria-describedby="w-k-hint">
          <p id="w-k-hint" class="hint">${t('wizard.k_hint', { min: d.min_k, usual: d.k })}</p>
          ${nav(t('wizard.next'))}</form>`;
        break;
      case 'include':
        body = html`<form data-step-form="include" novalidate>
          <p>${t('wizard.include_intro')}</p>
          ${Object.keys(d.include).map((part) => html`<label class="check">
            <input type="checkbox" name="${part}" ${c.include[part] ? 'checked' : ''}> ${t(`wizard.include_${part}`)}</label>`)}
          ${nav(t('wizard.next'))}</form>`;
        break;
      case 'review':
        // Each flagged word in the words around it, with why it was taken for a name; a word
        // the scrubber missed can be added, and stays removed in every summary after.
        body = html`<form data-step-form="review" novalidate>
          <p>${t(this.flags.length ? 'wizard.review_intro' : 'wizard.review_none')}</p>
          <p class="notice">${t('wizard.review_promise')}</p>
          ${this.flags.length ? html`<fieldset><legend>${t('wizard.review_legend')}</legend>
            ${this.flags.map((f, i) => html`<div class="flag">
              <label class="check" for="keep-${i}">
                <input type="checkbox" id="keep-${i}" name="keep" value="${f.word}" ${c.keep.includes(f.word) ? 'checked' : ''}
                  aria-describedby="flag-${i}">
                ${t('wizard.keep_word', { word: f.found })}</label>
              <p class="flag-context entry-text" id="flag-${i}">${f.before}<mark>${f.found}</mark>${f.after}
                <span class="hint">(${f.why})</span></p></div>`)}</fieldset>` : ''}
          <div class="remove-word">
            <label for="w-remove">${t('wizard.remove_label')}</label>
            <input id="w-remove" name="remove" autocomplete="off" autocapitalize="off" spellcheck="false"
              aria-describedby="w-remove-hint">
            <p id="w-remove-hint" class="hint">${t('wizard.remove_hint')}</p>
            <button type="button" data-action="remove-word">${t('wizard.remove_add')}</button>
          </div>
          ${this.removed.length ? html`<fieldset><legend>${t('wizard.removed_legend')}</legend>
            <ul class="removed-words">${this.removed.map((w) => html`<li>
              <button type="button" data-forget="${w}">${t('wizard.remove_forget', { word: w })}</button></li>`)}</ul>
          </fieldset>` : ''}
          ${nav(t('wizard.show_preview'))}</form>`;
        break;
      case 'preview':
        body = html`<form data-step-form="preview" novalidate>
          <p>${t('wizard.preview_intro')}</p>
          <div class="preview-place"></div>
          ${nav(t('wizard.looks_right'))}</form>`;
        break;
      case 'confirm':
        body = html`<form data-step-form="confirm" novalidate>
          <fieldset><legend>${t('wizard.format')}</legend>
            ${d.formats.map((f) => html`<label class="check"><input type="radio" name="format" value="${f}" ${c.format === f ? 'checked' : ''}>
              ${t(`wizard.format_${f}`)}</label>`)}</fieldset>
          <fieldset><legend>${t('wizard.protect')}</legend>
            ${d.protections.map((p) => html`<label class="check"><input type="radio" name="protect" value="${p}" ${c.protect === p ? 'checked' : ''}>
              ${t(`wizard.protect_${p}`)}</label>`)}</fieldset>
          <div class="protect-fields"></div>
          ${nav(t('wizard.save'))}</form>`;
        break;
      default:
        return;
    }
    render(this, html`<section class="card inset wizard" aria-labelledby="wizard-title">
      <h2 id="wizard-title" tabindex="-1">${t(`wizard.title_${name}`)}</h2>
      <p class="step-count">${t('wizard.step', { n, of: STEPS.length })}</p>
      ${body}
    </section>`);
    if (name === 'preview') this.showPreview();
    if (name === 'confirm') this.showProtect(c.protect);
    this.querySelector('h2').focus();
  }

  showPreview() {
    const view = document.createElement('tandem-summary-view');
    view.report = this.preview;
    view.heading = t('wizard.title_preview');
    this.querySelector('.preview-place').replaceChildren(view);
  }

  showProtect(how) {
    const place = this.querySelector('.protect-fields');
    if (!place) return;
    render(place, how === 'passphrase'
      ? html`<label for="w-pass">${t('wizard.passphrase')}</label>
        <input id="w-pass" name="passphrase" type="password" autocomplete="new-password" aria-describedby="w-pass-hint">
        <p id="w-pass-hint" class="hint">${t('wizard.passphrase_hint')}</p>
        <label for="w-pass-again">${t('wizard.passphrase_again')}</label>
        <input id="w-pass-again" name="again" type="password" autocomplete="new-password">`
      : how === 'recipient'
        ? html`<label for="w-key">${t('wizard.recipient')}</label>
          <input id="w-key" name="key" class="mono" autocomplete="off" spellcheck="false" placeholder="age1…" aria-describedby="w-key-hint">
          <p id="w-key-hint" class="hint">${t('wizard.recipient_hint')}</p>`
        : html``);
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    const c = this.choices;
    const button = form.querySelector('button[type=submit]');
    if (button.disabled) return undefined;
    clearErrors(form);
    button.disabled = true;
    try {
      switch (form.dataset.stepForm) {
        case 'period':
          c.from = String(data.get('from') || '');
          c.to = String(data.get('to') || '');
          c.k = String(data.get('k') || '');
          // The core checks the period and k; its answer is shown here if they are wrong.
          await api.previewSummary(this.request());
          return this.step('include');
        case 'include':
          for (const part of Object.keys(c.include)) c.include[part] = data.get(part) === 'on';
          [this.removed] = await Promise.all([api.removedWords(), this.loadFlags()]);
          return this.step('review');
        case 'review':
          c.keep = data.getAll('keep').map(String);
          ({ report: this.preview } = await api.previewSummary(this.request()));
          return this.step('preview');
        case 'preview':
          return this.step('confirm');
        case 'confirm':
          return await this.save(form, data);
        default:
          return undefined;
      }
    } catch (e) {
      if (e.kind === 'locked') return undefined;
      // The step stays as the worker left it; the core's sentence goes by its field.
      return showError(form, e.field && (INPUTS[e.field] || e.field), errorText(e));
    } finally {
      if (button.isConnected) button.disabled = false;
    }
  }

  async save(form, data) {
    const c = this.choices;
    c.format = String(data.get('format'));
    c.protect = String(data.get('protect'));
    let protect = { to: c.protect };
    if (c.protect === 'passphrase') {
      const passphrase = String(data.get('passphrase') || '');
      // Two fields the worker typed, compared: not a rule, so it is checked here.
      if (passphrase !== String(data.get('again') || '')) {
        showError(form, 'again', t('wizard.passphrase_mismatch'));
        return;
      }
      protect = { to: 'passphrase', passphrase };
    } else if (c.protect === 'recipient') {
      protect = { to: 'recipient', key: String(data.get('key') || '').trim() };
    }
    // The shell writes the report in the app's language, as the preview was shown.
    const record = await api.saveSummary(this.request(), c.format, protect);
    if (!record) {
      showError(form, null, t('wizard.not_saved'));
      return;
    }
    this.preview = null;
    render(this, html`<section class="card inset wizard" aria-labelledby="wizard-title">
      <h2 id="wizard-title" tabindex="-1">${t('wizard.saved_title')}</h2>
      <p role="status">${t('wizard.saved', { path: record.path })}</p>
      <p class="hint">${t('wizard.saved_hash')} <span class="mono">${record.sha256}</span></p>
      <div class="actions"><button type="button" class="primary" data-action="finish">${t('wizard.done')}</button></div>
    </section>`);
    this.querySelector('h2').focus();
  }
}
