// The worker's supervision screen: the agenda for the next supervision (boundary issues marked
// for it and anything added), each item marked discussed afterwards; the way into the summary
// wizard; and the record of every summary saved. Each part redraws on its own, so marking an
// item never disturbs a wizard in progress. Dates arrive worded by the core, in the app's
// language: an entry's day, and a saved summary's day and period.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, label, errorText } from '../i18n.js';
import { summary } from '../entry-text.js';

/** As many as the shell gives in one page: it caps the page, and `more` says if any were left. */
const ALL = Number.MAX_SAFE_INTEGER;

export class TandemSupervision extends HTMLElement {
  async connectedCallback() {
    this.addEventListener('click', (e) => this.onClick(e));
    this.addEventListener('wizard-done', (e) => this.closeWizard(e.detail));
    render(this, html`<section aria-labelledby="supervision-title">
      <h1 id="supervision-title" tabindex="-1">${t('supervision.title')}</h1>
      <h2 id="agenda-title" tabindex="-1">${t('agenda.title')}</h2>
      <p class="hint">${t('agenda.hint')}</p>
      <div class="agenda-place" aria-busy="true"></div>
      <h2 id="summary-title">${t('supervision.summary_title')}</h2>
      <p class="hint">${t('supervision.summary_hint')}</p>
      <div class="actions"><button type="button" class="primary" data-action="wizard">${t('supervision.prepare')}</button></div>
      <div class="wizard-place"></div>
      <h2 id="exports-title" tabindex="-1">${t('exports.title')}</h2>
      <div class="exports-place" aria-busy="true"></div>
      <p class="status" role="status"></p>
    </section>`);
    this.querySelector('h1').focus();
    await Promise.all([this.loadAgenda(), this.loadExports()]);
  }

  /** Fails quietly into the status line; a locked vault is the root's to show. */
  failed(e) {
    if (e.kind === 'locked') return undefined;
    const status = this.querySelector('.status');
    if (status) status.textContent = errorText(e);
    return undefined;
  }

  async loadAgenda() {
    const place = this.querySelector('.agenda-place');
    try {
      const [queued, discussed] = await Promise.all([
        api.listEntries({ agenda: 'queued' }, 0, ALL),
        api.listEntries({ agenda: 'discussed' }, 0, ALL),
      ]);
      // An agenda reads in the order things happened.
      const items = queued.entries.reverse();
      const done = discussed.entries;
      const count = `${done.length}${discussed.more ? '+' : ''}`;
      const item = (e, isDone) => html`<li class="agenda-item">
        <button type="button" class="entry-row kind-${e.kind}" data-id="${e.id}">
          <span class="meta"><span class="kind">${e.category ? label('category', e.category) : label('kind', e.kind)}</span>
            <time datetime="${e.occurred_at}">${e.when.day}</time></span>
          <span class="summary">${summary(e)}</span></button>
        <button type="button" data-agenda="${isDone ? 'queued' : 'discussed'}" data-entry="${e.id}">
          ${t(isDone ? 'agenda.bring_back' : 'agenda.mark_discussed')}</button></li>`;
      render(place, html`
        ${items.length
          ? html`<ul class="agenda-list queued">${items.map((e) => item(e, false))}</ul>`
          : html`<p class="empty">${t('agenda.empty')}</p>`}
        ${done.length ? html`<details class="more"><summary>${t('agenda.discussed', { n: count })}</summary>
          <ul class="agenda-list discussed">${done.map((e) => item(e, true))}</ul></details>` : ''}`);
    } catch (e) {
      this.failed(e);
    } finally {
      place.setAttribute('aria-busy', 'false');
    }
  }

  async loadExports() {
    const place = this.querySelector('.exports-place');
    try {
      const exports = await api.listExports();
      render(place, exports.length ? html`<ul class="exports">${exports.map((r) => html`<li>
        <strong>${r.saved_label}</strong>: ${t('exports.period', { from: r.from_label, to: r.to_label })},
        ${t(`exports.format.${r.format}`)}, ${t(`exports.encryption.${r.encryption.to}`)}
        <br><span class="mono path">${r.path}</span>
        <br><span class="mono">SHA-256 ${r.sha256}</span></li>`)}</ul>`
        : html`<p class="empty">${t('exports.empty')}</p>`);
    } catch (e) {
      this.failed(e);
    } finally {
      place.setAttribute('aria-busy', 'false');
    }
  }

  async closeWizard({ saved } = {}) {
    render(this.querySelector('.wizard-place'), html``);
    const button = this.querySelector('[data-action=wizard]');
    button.hidden = false;
    if (saved) {
      await this.loadExports();
      this.querySelector('#exports-title').focus();
    } else {
      button.focus();
    }
  }

  async onClick(event) {
    const b = event.target.closest('button');
    if (!b) return;
    try {
      if (b.dataset.id) emit(this, 'navigate', { screen: 'entry', id: b.dataset.id });
      else if (b.dataset.agenda) {
        await api.setAgenda(b.dataset.entry, b.dataset.agenda);
        await this.loadAgenda();
        // The button pressed is gone with the redraw; the agenda's heading takes the focus.
        this.querySelector('#agenda-title').focus();
        this.querySelector('.status').textContent = t(b.dataset.agenda === 'discussed' ? 'agenda.marked' : 'agenda.back');
      } else if (b.dataset.action === 'wizard') {
        const wizard = document.createElement('tandem-export-wizard');
        this.querySelector('.wizard-place').replaceChildren(wizard);
        b.hidden = true;
      }
    } catch (e) {
      this.failed(e);
    }
  }
}
