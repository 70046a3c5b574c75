// The supervisor's side, reached without a vault: open one or more summaries (JSON, or age
// files with their passphrase or key), read each one, and, with two or more open, a team
// overview. Everything is read-only; the shell reads and checks the files, and the core words
// each one as a report in the app's language.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, errorText } from '../i18n.js';

export class TandemSummaries extends HTMLElement {
  connectedCallback() {
    this.inbox = { files: [], team: null };
    this.addEventListener('click', (e) => this.onClick(e));
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.draw();
    this.querySelector('h1').focus();
  }

  disconnectedCallback() {
    this.inbox = null;
  }

  draw(message = '') {
    const { files, team } = this.inbox;
    render(this, html`<section class="supervisor" aria-labelledby="summaries-title">
      <h1 id="summaries-title" tabindex="-1">${t('received.title')}</h1>
      <p>${t('received.intro')}</p>
      <div class="actions">
        <button type="button" class="primary" data-action="open">${t('received.open')}</button>
        ${files.length ? html`<button type="button" data-action="close">${t('received.close')}</button>` : ''}
        <button type="button" data-action="back">${t('received.back')}</button>
      </div>
      <p class="error" role="alert">${message}</p>
      ${team ? html`<section class="card inset" aria-labelledby="team-title">
        <h2 id="team-title">${team.title}</h2>
        <div class="team-place"></div></section>` : ''}
      ${files.map((f, i) => html`<section class="card inset received" aria-labelledby="file-${i}">
        <h2 id="file-${i}">${f.name}</h2>
        ${f.state === 'open' ? html`<div class="file-place" data-index="${i}"></div>` : ''}
        ${f.state === 'needs_key' ? html`<form data-id="${f.id}" novalidate>
          <label for="key-${i}">${t('received.key')}</label>
          <input id="key-${i}" name="key" type="password" autocomplete="off" spellcheck="false" aria-describedby="key-hint-${i}">
          <p id="key-hint-${i}" class="hint">${t('received.key_hint')}</p>
          ${f.problem ? html`<p class="error" role="alert">${errorText(f.problem)}</p>` : ''}
          <button type="submit" class="primary">${t('received.unlock')}</button></form>` : ''}
        ${f.state === 'unreadable' ? html`<p class="error">${errorText(f.problem)}</p>` : ''}
      </section>`)}
    </section>`);
    if (team) {
      const view = document.createElement('tandem-summary-view');
      view.report = team;
      // The card's heading already names the overview.
      view.untitled = true;
      this.querySelector('.team-place').replaceChildren(view);
    }
    for (const place of this.querySelectorAll('.file-place')) {
      const f = files[Number(place.dataset.index)];
      const view = document.createElement('tandem-summary-view');
      view.report = f.report;
      view.heading = f.name;
      place.replaceChildren(view);
    }
  }

  async onClick(event) {
    const action = event.target.closest('button')?.dataset.action;
    if (!action) return;
    try {
      if (action === 'open') {
        this.inbox = await api.openSummaries();
        this.draw();
        (this.querySelector('input[name=key]') || this.querySelector('h1')).focus();
      } else if (action === 'close') {
        await api.closeSummaries();
        this.inbox = { files: [], team: null };
        this.draw();
        this.querySelector('h1').focus();
      } else if (action === 'back') {
        await api.closeSummaries();
        emit(this, 'leave-summaries');
      }
    } catch (e) {
      this.draw(errorText(e));
    }
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const key = String(new FormData(form).get('key') || '');
    try {
      this.inbox = await api.openSummaryWithKey(form.dataset.id, key);
      this.draw();
      const index = this.inbox.files.findIndex((f) => f.id === form.dataset.id);
      this.querySelector(`#file-${index}`)?.setAttribute('tabindex', '-1');
      this.querySelector(`#file-${index}`)?.focus();
    } catch (e) {
      this.draw(errorText(e));
    }
  }
}
