// The journal: quick-add buttons, search, filters, and entries newest first grouped by day. It
// shows one page at a time (never the whole vault in the page), and reports its place up so
// coming back from an entry lands where the worker was.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, label, errorText } from '../i18n.js';
import { highlight } from '../highlight.js';
import { dayOf, timeOf, summary } from '../entry-text.js';

const PAGE = 50;
const SEARCH_LIMIT = 200;

export class TandemTimeline extends HTMLElement {
  connectedCallback() {
    this.state = { filter: {}, offset: 0, query: '', ...(this.state || {}) };
    this.people = this.people || [];
    this.searchTimer = null;
    this.requests = 0;
    this.addEventListener('click', (e) => this.onClick(e));
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.addEventListener('input', (e) => {
      if (e.target.name !== 'q') return;
      clearTimeout(this.searchTimer);
      // Searching as the worker types, once they pause, keeps the shell from working per key.
      this.searchTimer = setTimeout(() => this.setState({ query: e.target.value.trim(), offset: 0 }), 250);
    });
    this.renderFrame();
    this.querySelector('h1').focus();
    this.load();
    this.loadDrafts();
  }

  /** Forms left unfinished, offered first so nothing half-written is forgotten. */
  async loadDrafts() {
    let drafts;
    try {
      drafts = await api.listDrafts();
    } catch {
      return;
    }
    const place = this.querySelector('.drafts');
    if (!place) return;
    const what = (d) => t(d.entry ? 'timeline.draft_edit' : 'timeline.draft_new', { kind: label('kind', d.kind) });
    render(place, drafts.length ? html`<section class="card inset drafts-card" aria-labelledby="drafts-title">
      <h2 id="drafts-title">${t('timeline.drafts_title')}</h2>
      <ul>${drafts.map((d) => html`<li><span>${what(d)}</span>
        <button type="button" data-draft="${d.key}" data-kind="${d.kind}" data-entry="${d.entry || ''}" aria-label="${t('timeline.continue_named', { what: what(d) })}">${t('timeline.continue')}</button>
        <button type="button" data-discard-draft="${d.key}" aria-label="${t('timeline.discard_named', { what: what(d) })}">${t('form.discard')}</button></li>`)}</ul>
    </section>` : html``);
  }

  disconnectedCallback() {
    clearTimeout(this.searchTimer);
    this.requests++;
    this.people = [];
  }

  setState(change) {
    this.state = { ...this.state, ...change };
    emit(this, 'timeline-state', this.state);
    this.load();
  }

  renderFrame() {
    const f = this.state.filter;
    const filtered = Object.values(f).some(Boolean);
    render(this, html`<section aria-labelledby="timeline-title">
      <h1 id="timeline-title" tabindex="-1">${t('timeline.title')}</h1>
      <div class="quick-add" role="group" aria-label="${t('timeline.new_entry')}">
        ${this.vocab.kind.map((k) => html`<button type="button" class="new" data-new="${k}">
          <span aria-hidden="true">+</span> ${label('kind', k)}</button>`)}
      </div>
      <form role="search" class="search" data-action="search">
        <label for="search-input" class="visually-hidden">${t('timeline.search')}</label>
        <input id="search-input" name="q" type="search" value="${this.state.query}" placeholder="${t('timeline.search_placeholder')}" autocomplete="off">
        <button type="submit">${t('timeline.search')}</button>
      </form>
      <details class="filters" ${filtered ? 'open' : ''}>
        <summary>${t('timeline.filters')}${filtered ? html` <span class="badge">${t('timeline.filters_on')}</span>` : ''}</summary>
        <form data-action="filter" class="filter-grid">
          <label>${t('filter.kind')}
            <select name="kind">
              <option value="">${t('filter.any_kind')}</option>
              ${this.vocab.kind.map((k) => html`<option value="${k}" ${f.kind === k ? 'selected' : ''}>${label('kind', k)}</option>`)}
            </select></label>
          <label>${t('filter.person')}
            <select name="person">
              <option value="">${t('filter.anyone')}</option>
              ${this.people.map((p) => html`<option value="${p.alias}" ${f.person === p.alias ? 'selected' : ''}>${p.alias}</option>`)}
            </select></label>
          <label>${t('filter.tag')} <input name="tag" value="${f.tag || ''}" autocomplete="off"></label>
          <label>${t('filter.from')} <input name="from" type="date" value="${f.from || ''}"></label>
          <label>${t('filter.to')} <input name="to" type="date" value="${f.to || ''}"></label>
          <label class="check"><input type="checkbox" name="deleted" ${f.deleted ? 'checked' : ''}> ${t('filter.bin')}</label>
          <div class="actions">
            <button type="submit">${t('filter.apply')}</button>
            <button type="button" data-action="clear-filters">${t('filter.clear')}</button>
          </div>
        </form>
      </details>
      <p class="error" role="alert"></p>
      <div class="drafts"></div>
      <div class="entries" aria-busy="true"></div>
      <nav class="pager" aria-label="${t('timeline.pages')}"></nav>
    </section>`);
  }

  async load() {
    const list = this.querySelector('.entries');
    const error = this.querySelector('.error');
    const { filter, offset, query } = this.state;
    list.setAttribute('aria-busy', 'true');
    // Only the latest request may draw: an older search answering late must not win.
    const ticket = ++this.requests;
    try {
      const page = query
        ? await api.searchEntries(query, filter, SEARCH_LIMIT)
        : await api.listEntries(filter, offset, PAGE);
      if (ticket !== this.requests) return;
      error.textContent = '';
      this.renderEntries(page);
      performance.mark('tandem:timeline');
    } catch (e) {
      if (e.kind === 'locked') return;
      render(list, html``);
      error.textContent = errorText(e);
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  }

  renderEntries(page) {
    const { offset, query } = this.state;
    const days = [];
    for (const entry of page.entries) {
      const day = dayOf(entry);
      if (!days.length || days[days.length - 1].day !== day) days.push({ day, entries: [] });
      days[days.length - 1].entries.push(entry);
    }
    const empty = query ? t('timeline.no_matches') : (Object.values(this.state.filter).some(Boolean) ? t('timeline.none_filtered') : t('timeline.empty'));
    render(this.querySelector('.entries'), html`
      ${query ? html`<p class="count" role="status">${t(page.more ? 'timeline.matches_more' : 'timeline.matches', { n: page.entries.length })}</p>` : ''}
      ${page.entries.length === 0 ? html`<p class="empty">${empty}</p>` : ''}
      ${days.map((d) => html`<section class="day" aria-label="${d.day}">
        <h2>${d.day}</h2>
        <ul>${d.entries.map((e) => html`<li>
          <button type="button" class="entry-row kind-${e.kind}" data-id="${e.id}">
            <span class="meta"><time datetime="${e.occurred_at}">${timeOf(e)}</time>
              <span class="kind">${label('kind', e.kind)}</span>
              ${e.person ? html`<span class="person">${highlight(e.person, e.marks?.person)}</span>` : ''}</span>
            <span class="summary">${highlight(summary(e), e.text ? e.marks?.text : null)}</span>
            ${e.tags.length ? html`<span class="tags">${e.tags.map((tag, i) => html`<span class="tag">#${highlight(tag, e.marks?.tags[i])}</span> `)}</span>` : ''}
          </button></li>`)}</ul>
      </section>`)}`);
    const pager = this.querySelector('.pager');
    const first = offset + 1;
    const last = offset + page.entries.length;
    render(pager, query || (offset === 0 && !page.more) ? html`` : html`
      <button type="button" data-page="newer" ${offset === 0 ? 'disabled' : ''}>${t('timeline.newer')}</button>
      <span>${t('timeline.range', { first, last })}</span>
      <button type="button" data-page="older" ${page.more ? '' : 'disabled'}>${t('timeline.older')}</button>`);
  }

  onClick(event) {
    const b = event.target.closest('button');
    if (!b) return;
    if (b.dataset.new) emit(this, 'navigate', { screen: 'new', kind: b.dataset.new });
    else if (b.dataset.draft) {
      emit(this, 'navigate', b.dataset.entry
        ? { screen: 'edit', kind: b.dataset.kind, id: b.dataset.entry }
        : { screen: 'new', kind: b.dataset.kind });
    } else if (b.dataset.discardDraft) {
      api.discardDraft(b.dataset.discardDraft).then(() => {
        emit(this, 'toast', { message: t('form.discarded') });
        this.loadDrafts();
        this.querySelector('h1').focus();
      }).catch(() => {});
    }
    else if (b.dataset.id) emit(this, 'navigate', { screen: 'entry', id: b.dataset.id });
    else if (b.dataset.page) {
      const offset = b.dataset.page === 'older' ? this.state.offset + PAGE : Math.max(0, this.state.offset - PAGE);
      this.setState({ offset });
      this.querySelector('h1').focus();
    } else if (b.dataset.action === 'clear-filters') {
      this.state = { ...this.state, filter: {}, offset: 0 };
      emit(this, 'timeline-state', this.state);
      this.renderFrame();
      this.querySelector('details.filters summary').focus();
      this.load();
    }
  }

  onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    if (form.dataset.action === 'search') {
      clearTimeout(this.searchTimer);
      this.setState({ query: String(data.get('q')).trim(), offset: 0 });
    } else if (form.dataset.action === 'filter') {
      const filter = {};
      for (const key of ['kind', 'person', 'tag', 'from', 'to']) {
        const v = String(data.get(key) || '').trim();
        if (v) filter[key] = v;
      }
      if (data.get('deleted') === 'on') filter.deleted = true;
      this.state = { ...this.state, filter, offset: 0 };
      emit(this, 'timeline-state', this.state);
      this.renderFrame();
      this.querySelector('details.filters summary').focus();
      this.load();
    }
  }
}
