// The summary wizard: period → what to include → review the words that looked like names →
// preview exactly what will leave → confirm how to save it, then the native save dialog. The
// shell builds every preview from the vault; this element only keeps the worker's choices.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, errorText, getLanguage } from '../i18n.js';

const STEPS = ['period', 'include', 'review', 'preview', 'confirm'];

function isoDay(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export class TandemExportWizard extends HTMLElement {
  connectedCallback() {
    const today = new Date();
    const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 27);
    this.choices = {
      from: isoDay(start), to: isoDay(today), k: 5,
      include: { words: true, agenda: true, wellbeing: true },
      keep: [], format: 'html', protect: 'nobody',
    };
    this.flagged = [];
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-step]');
      if (b) this.step(b.dataset.step);
      if (e.target.closest('[data-action=finish]')) emit(this, 'wizard-done', { saved: true });
      if (e.target.closest('[data-action=cancel]')) emit(this, 'wizard-done', { saved: false });
    });
    this.addEventListener('change', (e) => {
      if (e.target.name === 'protect') this.showProtect(e.target.value);
    });
    this.step('period');
  }

  disconnectedCallback() {
    this.preview = null;
    this.flagged = [];
  }

  request() {
    const c = this.choices;
    return { from: c.from, to: c.to, k: Number(c.k), include: c.include, keep: c.keep };
  }

  /** Shows a step; its heading takes the focus so screen readers announce where they are. */
  step(name, message = '') {
    this.current = name;
    const n = STEPS.indexOf(name) + 1;
    const back = STEPS[n - 2];
    const c = this.choices;
    const nav = (next) => html`<p class="error" role="alert">${message}</p><div class="actions">
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
          <input id="w-k" name="k" type="number" min="2" step="1" value="${c.k}" inputmode="numeric" aria-describedby="w-k-hint">
          <p id="w-k-hint" class="hint">${t('wizard.k_hint')}</p>
          ${nav(t('wizard.next'))}</form>`;
        break;
      case 'include':
        body = html`<form data-step-form="include" novalidate>
          <p>${t('wizard.include_intro')}</p>
          ${['words', 'agenda', 'wellbeing'].map((part) => html`<label class="check">
            <input type="checkbox" name="${part}" ${c.include[part] ? 'checked' : ''}> ${t(`wizard.include_${part}`)}</label>`)}
          ${nav(t('wizard.next'))}</form>`;
        break;
      case 'review':
        body = html`<form data-step-form="review" novalidate>
          <p>${t(this.flagged.length ? 'wizard.review_intro' : 'wizard.review_none')}</p>
          ${this.flagged.length ? html`<fieldset><legend>${t('wizard.review_legend')}</legend>
            ${this.flagged.map((w, i) => html`<label class="check" for="keep-${i}">
              <input type="checkbox" id="keep-${i}" name="keep" value="${w}" ${c.keep.includes(w) ? 'checked' : ''}>
              ${t('wizard.keep_word', { word: w })}</label>`)}</fieldset>` : ''}
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
            ${['html', 'json'].map((f) => html`<label class="check"><input type="radio" name="format" value="${f}" ${c.format === f ? 'checked' : ''}>
              ${t(`wizard.format_${f}`)}</label>`)}</fieldset>
          <fieldset><legend>${t('wizard.protect')}</legend>
            ${['nobody', 'passphrase', 'recipient'].map((p) => html`<label class="check"><input type="radio" name="protect" value="${p}" ${c.protect === p ? 'checked' : ''}>
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
    view.summary = this.preview;
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
    button.disabled = true;
    try {
      switch (form.dataset.stepForm) {
        case 'period':
          c.from = String(data.get('from') || '');
          c.to = String(data.get('to') || '');
          c.k = String(data.get('k') || '').trim();
          if (!c.from || !c.to) return this.step('period', t('wizard.period_missing'));
          if (!/^\d+$/.test(c.k)) return this.step('period', t('wizard.k_whole'));
          // The core checks the period and k; its answer is shown here if they are wrong.
          await api.previewSummary(this.request());
          return this.step('include');
        case 'include':
          for (const part of ['words', 'agenda', 'wellbeing']) c.include[part] = data.get(part) === 'on';
          this.flagged = (await api.previewSummary({ ...this.request(), keep: [] })).flagged;
          c.keep = c.keep.filter((w) => this.flagged.includes(w));
          return this.step('review');
        case 'review':
          c.keep = data.getAll('keep').map(String);
          this.preview = (await api.previewSummary(this.request())).summary;
          return this.step('preview');
        case 'preview':
          return this.step('confirm');
        case 'confirm':
          return await this.save(form, data);
        default:
          return undefined;
      }
    } catch (e) {
      if (e.kind === 'locked') return emit(this, 'lock-now');
      return this.step(this.current, this.explain(e));
    } finally {
      if (button.isConnected) button.disabled = false;
    }
  }

  /** The core names the field it refused; the two the worker types here get plain sentences. */
  explain(error) {
    const field = (error.message || '').split(':')[0];
    if (field === 'age_passphrase') return t('wizard.passphrase_short');
    if (field === 'age_recipient') return t('wizard.recipient_bad');
    return errorText(error);
  }

  async save(form, data) {
    const c = this.choices;
    c.format = String(data.get('format') || 'html');
    c.protect = String(data.get('protect') || 'nobody');
    let protect = { to: 'nobody' };
    const error = form.querySelector('.error');
    if (c.protect === 'passphrase') {
      const passphrase = String(data.get('passphrase') || '');
      if (passphrase !== String(data.get('again') || '')) {
        error.textContent = t('wizard.passphrase_mismatch');
        return;
      }
      protect = { to: 'passphrase', passphrase };
    } else if (c.protect === 'recipient') {
      protect = { to: 'recipient', key: String(data.get('key') || '').trim() };
    }
    // A report is written in the language the worker reads the app in.
    const record = await api.saveSummary(this.request(), c.format, getLanguage(), protect);
    if (!record) {
      form.querySelector('.error').textContent = t('wizard.not_saved');
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
