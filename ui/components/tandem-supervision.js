// The worker's supervision screen: the agenda for the next supervision (boundary issues marked
// for it and anything added), each item marked discussed afterwards; the way into the summary
// wizard; and the record of every summary saved.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, label, errorText, formatDay } from '../i18n.js';
import { dayOf, dayHeading, summary } from '../entry-text.js';

export class TandemSupervision extends HTMLElement {
  async connectedCallback() {
    this.addEventListener('click', (e) => this.onClick(e));
    this.addEventListener('wizard-done', () => this.show());
    await this.show();
  }

  disconnectedCallback() {
    this.queued = null;
    this.discussed = null;
  }

  async show(focus = 'h1') {
    try {
      const [queued, discussed, exports] = await Promise.all([
        api.listEntries({ agenda: 'queued' }, 0, 500),
        api.listEntries({ agenda: 'discussed' }, 0, 20),
        api.listExports(),
      ]);
      // An agenda reads in the order things happened.
      this.queued = queued.entries.reverse();
      this.discussed = discussed.entries;
      this.exports = exports;
    } catch (e) {
      if (e.kind === 'locked') return emit(this, 'lock-now');
      render(this, html`<p class="error" role="alert">${errorText(e)}</p>`);
      return;
    }
    const item = (e, done) => html`<li class="agenda-item">
      <button type="button" class="entry-row kind-${e.kind}" data-id="${e.id}">
        <span class="meta"><span class="kind">${e.category ? label('category', e.category) : label('kind', e.kind)}</span>
          <time datetime="${e.occurred_at}">${dayHeading(dayOf(e))}</time></span>
        <span class="summary">${summary(e)}</span></button>
      <button type="button" data-agenda="${done ? 'queued' : 'discussed'}" data-entry="${e.id}">
        ${t(done ? 'agenda.bring_back' : 'agenda.mark_discussed')}</button></li>`;
    render(this, html`<section aria-labelledby="supervision-title">
      <h1 id="supervision-title" tabindex="-1">${t('supervision.title')}</h1>
      <h2>${t('agenda.title')}</h2>
      <p class="hint">${t('agenda.hint')}</p>
      ${this.queued.length
        ? html`<ul class="agenda-list">${this.queued.map((e) => item(e, false))}</ul>`
        : html`<p class="empty">${t('agenda.empty')}</p>`}
      ${this.discussed.length ? html`<details class="more"><summary>${t('agenda.discussed', { n: this.discussed.length })}</summary>
        <ul class="agenda-list">${this.discussed.map((e) => item(e, true))}</ul></details>` : ''}
      <h2>${t('supervision.summary_title')}</h2>
      <p class="hint">${t('supervision.summary_hint')}</p>
      <div class="actions"><button type="button" class="primary" data-action="wizard">${t('supervision.prepare')}</button></div>
      <div class="wizard-place"></div>
      <h2>${t('exports.title')}</h2>
      ${this.exports.length ? html`<ul class="exports">${this.exports.map((r) => html`<li>
        <strong>${formatDay(new Date(r.saved_at))}</strong>: ${t('exports.period', { from: r.from, to: r.to })},
        ${t(`exports.format.${r.format}`)}, ${t(`exports.encryption.${r.encryption.to}`)}
        <br><span class="mono path">${r.path}</span>
        <br><span class="mono">SHA-256 ${r.sha256}</span></li>`)}</ul>`
        : html`<p class="empty">${t('exports.empty')}</p>`}
      <p class="status" role="status"></p>
    </section>`);
    this.querySelector(focus)?.focus();
  }

  async onClick(event) {
    const b = event.target.closest('button');
    if (!b) return;
    try {
      if (b.dataset.id) emit(this, 'navigate', { screen: 'entry', id: b.dataset.id });
      else if (b.dataset.agenda) {
        await api.setAgenda(b.dataset.entry, b.dataset.agenda);
        await this.show('h2');
        this.querySelector('.status').textContent = t(b.dataset.agenda === 'discussed' ? 'agenda.marked' : 'agenda.back');
      } else if (b.dataset.action === 'wizard') {
        const wizard = document.createElement('tandem-export-wizard');
        this.querySelector('.wizard-place').replaceChildren(wizard);
        b.hidden = true;
      }
    } catch (e) {
      if (e.kind === 'locked') return emit(this, 'lock-now');
      this.querySelector('.status').textContent = errorText(e);
    }
  }
}
