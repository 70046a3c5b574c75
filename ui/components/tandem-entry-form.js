// Adding or editing an entry of any kind, drawn from the core's form for the kind: its fields in
// order, how each is filled in, its choices and limits, and its defaults. Made for a phone: the
// fields that matter most come first, the choices that decide what reaches supervision are always
// in sight, the rest is folded under "More details", and Save stays at the bottom of the screen.
//
// Nothing typed is lost: every change is kept as a draft sealed in the vault (never in the
// page's storage) until the worker saves or discards it, so leaving the screen or locking brings
// it back. Enter in a one-line field moves on instead of saving. The core refuses what is wrong;
// its sentence appears next to the field it names, which takes the focus.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, has, label, errorText } from '../i18n.js';

/** How long after the last change the draft is sealed, so typing is not a write per key. */
const DRAFT_DELAY_MS = 500;

/** The day and time parts of an ISO date-time or "YYYY-MM-DD HH:MM", as written. */
function whenParts(text) {
  return text ? { day: text.slice(0, 10), time: text.slice(11, 16) } : { day: '', time: '' };
}

export class TandemEntryForm extends HTMLElement {
  async connectedCallback() {
    this.draftKey = this.entry ? `edit:${this.entry.id}` : `new:${this.kind}`;
    this.draftTimer = null;
    this.draftSaving = Promise.resolve();
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.addEventListener('keydown', (e) => this.onKey(e));
    this.addEventListener('input', () => this.changed());
    this.addEventListener('change', (e) => this.onChange(e));
    this.addEventListener('click', (e) => {
      if (e.target.closest('[data-action=discard]')) this.discard();
    });
    let form;
    let draft;
    try {
      [form, draft] = await Promise.all([api.entryForm(this.kind), api.getDraft(this.draftKey)]);
    } catch (e) {
      render(this, html`<p class="error" role="alert">${errorText(e)}</p>`);
      return;
    }
    if (!this.isConnected) return;
    this.fields = form.fields;
    this.days = form.days;
    const start = this.entry ? { ...this.entry } : { ...form.defaults };
    this.startsOn = new Set(Object.keys(form.defaults).filter((k) => form.defaults[k] === true));
    this.initialWhen = whenParts(start.occurred_at);
    // The box says whether the entry is queued for supervision now; the core keeps its place
    // (and whether it was discussed) unless the worker changes the box.
    this.initialAgenda = Boolean(this.entry && this.entry.agenda_state === 'queued');
    start.agenda = this.initialAgenda;
    this.restored = Boolean(draft);
    this.values = draft ? { ...draft } : start;
    if (draft && draft.agenda === undefined) this.values.agenda = this.initialAgenda;
    this.render();
    this.querySelector('h1').focus();
  }

  disconnectedCallback() {
    // Whatever was typed since the last pause is sealed too.
    this.flushDraft();
    this.entry = null;
    this.values = null;
    this.people = [];
  }

  render() {
    const editing = Boolean(this.entry);
    const title = t(editing ? 'form.edit_title' : 'form.new_title', { kind: label('kind', this.kind) });
    const at = (place) => this.fields.filter((f) => f.place === place).map((f) => this.field(f));
    const more = this.fields.some((f) => f.place === 'more' && this.hasValue(f.name));
    render(this, html`<section aria-labelledby="form-title">
      <h1 id="form-title" tabindex="-1">${title}</h1>
      ${this.restored ? html`<p class="notice" role="status">${t('form.draft_restored')}</p>` : ''}
      <form class="entry-form" data-kind="${this.kind}" novalidate>
        ${at('quick')}
        <fieldset class="supervision-choices"><legend>${t('form.supervision')}</legend>${at('supervision')}</fieldset>
        <details class="more" ${more ? 'open' : ''}>
          <summary>${t('form.more')}</summary>
          ${at('more')}
        </details>
        <p class="error form-error" role="alert"></p>
        <div class="actions sticky-actions">
          <button type="submit" class="primary">${t(editing ? 'form.save' : 'form.add')}</button>
          <button type="button" data-action="discard">${t(editing ? 'form.discard_changes' : 'form.discard')}</button>
        </div>
      </form>
    </section>`);
  }

  hasValue(name) {
    const v = this.values[name];
    return !(v === undefined || v === null || v === false || v === '' || (Array.isArray(v) && !v.length));
  }

  field(f) {
    const name = f.name;
    const value = this.values[name];
    const id = `f-${name}`;
    const title = t(`field.${name}`);
    const hint = has(`hint.${name}`) ? html`<p class="hint" id="${id}-hint">${t(`hint.${name}`)}</p>` : '';
    const described = has(`hint.${name}`) ? `${id}-hint` : null;
    const max = f.max_chars ? html` maxlength="${f.max_chars}"` : '';
    let body;
    switch (f.input) {
      case 'when':
        return this.whenField();
      case 'choice':
      case 'choices': {
        const multiple = f.input === 'choices';
        const chosen = multiple ? (value || []) : [value];
        return html`<fieldset class="chips field" data-field="${name}" id="${id}">
          <legend>${title}${f.required ? html` <span class="required">${t('form.required')}</span>` : ''}</legend>${hint}
          ${f.choices.map((code) => html`<label class="chip"><input type="${multiple ? 'checkbox' : 'radio'}" name="${name}" value="${code}" ${chosen.includes(code) ? 'checked' : ''}><span>${label(name, code)}</span></label>`)}
        </fieldset>`;
      }
      case 'scale': {
        const points = [];
        for (let n = f.min; n <= f.max; n += f.step) points.push(n);
        return html`<fieldset class="chips scale field" data-field="${name}" id="${id}" aria-describedby="${id}-scale">
          <legend>${title}</legend><p class="hint" id="${id}-scale">${t(`scale.${name}`)}</p>
          ${points.map((n) => html`<label class="chip"><input type="radio" name="${name}" value="${n}" ${value === n ? 'checked' : ''}><span>${n}</span></label>`)}
        </fieldset>`;
      }
      case 'select':
        body = html`<label for="${id}">${title}</label>${hint}
          <select id="${id}" name="${name}"><option value="">${t('form.none')}</option>
          ${f.choices.map((code) => html`<option value="${code}" ${value === code ? 'selected' : ''}>${label(name, code)}</option>`)}</select>`;
        break;
      case 'flag':
        body = html`<label class="check"><input type="checkbox" id="${id}" name="${name}" ${value ? 'checked' : ''} aria-describedby="${described}"> ${title}</label>${hint}`;
        break;
      case 'text':
        body = html`<label for="${id}">${title}</label>${hint}<textarea id="${id}" name="${name}" rows="${name === 'text' ? 4 : 2}"${max} aria-describedby="${described}">
${value || ''}</textarea>`;
        break;
      case 'person':
        body = html`<label for="${id}">${title}</label>${hint}
          <input id="${id}" name="person" list="people-list" value="${value || ''}"${max} autocomplete="off" autocorrect="off" spellcheck="false" enterkeyhint="next" aria-describedby="${described}">
          <datalist id="people-list">${(this.people || []).map((p) => html`<option value="${p.alias}"></option>`)}</datalist>`;
        break;
      case 'tags':
        body = html`<label for="${id}">${title}</label>${hint}<input id="${id}" name="tags" value="${(value || []).join(', ')}" autocomplete="off" enterkeyhint="next" aria-describedby="${described}">`;
        break;
      case 'date':
        body = html`<label for="${id}">${title}</label><input id="${id}" name="${name}" type="date" value="${value || ''}">`;
        break;
      case 'whole':
      case 'decimal':
        body = html`<label for="${id}">${title}</label>${hint}<input id="${id}" name="${name}" type="number"
          inputmode="${f.input === 'whole' ? 'numeric' : 'decimal'}" min="${f.min}" max="${f.max}" step="${f.step}"
          value="${value ?? ''}" enterkeyhint="next" aria-describedby="${described}">`;
        break;
      default:
        body = html`<label for="${id}">${title}</label>${hint}<input id="${id}" name="${name}" value="${value || ''}"${max} autocomplete="off" enterkeyhint="next" aria-describedby="${described}">`;
    }
    return html`<div class="field" data-field="${name}">${body}</div>`;
  }

  /** "When": a recent day by name (worded by the core, in the app's language) or another day
   * from a calendar, and the time typed as people type it. */
  whenField() {
    const { day, time } = whenParts(this.values.occurred_at);
    const named = this.days.some((d) => d.value === day);
    return html`<fieldset class="when field" data-field="occurred_at" id="f-occurred_at">
      <legend>${t('field.occurred_at')}</legend>
      <div class="when-parts">
        <span><label for="f-day">${t('form.day')}</label>
          <select id="f-day" name="day">
            ${this.days.map((d) => html`<option value="${d.value}" ${d.value === day ? 'selected' : ''}>${d.label}</option>`)}
            <option value="other" ${named ? '' : 'selected'}>${t('form.other_day')}</option>
          </select></span>
        <span><label for="f-time">${t('form.time')}</label>
          <input id="f-time" name="time" value="${time}" inputmode="numeric" autocomplete="off" enterkeyhint="next" maxlength="8" aria-describedby="f-time-hint"></span>
      </div>
      <p class="hint" id="f-time-hint">${t('form.time_hint')}</p>
      <span class="other-day" ${named ? 'hidden' : ''}><label for="f-other-day">${t('form.pick_day')}</label>
        <input id="f-other-day" name="other_day" type="date" value="${named ? '' : day}"></span>
    </fieldset>`;
  }

  /** The form's values as the core's entry JSON. Flags are always sent, so an edit can turn one
   * off; the agenda box only when changed, since the core keeps the entry's place otherwise. With
   * `asDraft`, the time is kept even if untouched, so the draft reads back as it was left. */
  collect(asDraft = false) {
    const form = this.querySelector('form');
    const data = new FormData(form);
    const entry = {};
    for (const f of this.fields) {
      const name = f.name;
      switch (f.input) {
        case 'when': {
          const picked = String(data.get('day') || '');
          const day = picked === 'other' ? String(data.get('other_day') || '') : picked;
          const time = String(data.get('time') || '').trim();
          const same = day === this.initialWhen.day && time === this.initialWhen.time;
          // Untouched, the time is left to the core: now to the second for a new entry, the
          // entry's own time and zone for an edit.
          if (asDraft || !same) entry.occurred_at = `${day} ${time}`.trim();
          break;
        }
        case 'choices': {
          const all = data.getAll(name).map(String);
          if (all.length) entry[name] = all;
          break;
        }
        case 'flag': {
          const on = data.get(name) === 'on';
          // An edit sends every flag, so one can be turned off; a new entry sends only those
          // ticked, leaving the rest to the core (which ticks "triggered" when what triggered
          // the worker is written), except one whose default is on.
          const sendOff = Boolean(this.entry) || asDraft || this.startsOn?.has(name);
          if (name !== 'agenda') { if (on || sendOff) entry[name] = on; }
          else if (asDraft || on !== this.initialAgenda) entry.agenda = on;
          break;
        }
        case 'tags': {
          const tags = String(data.get(name) || '').split(',').map((s) => s.trim()).filter(Boolean);
          if (tags.length) entry.tags = tags;
          break;
        }
        default: {
          const typed = String(data.get(name) ?? '');
          const raw = typed.trim();
          if (!raw) break;
          // Free text is kept exactly as written; short fields and numbers are trimmed, and a
          // number the core cannot read goes as typed so the core can say what is wrong.
          if (f.input === 'text') entry[name] = typed;
          else if (['scale', 'whole', 'decimal'].includes(f.input)) entry[name] = Number.isNaN(Number(raw)) ? raw : Number(raw);
          else entry[name] = raw;
        }
      }
    }
    return entry;
  }

  onChange(event) {
    if (event.target.name === 'day') {
      const other = this.querySelector('.other-day');
      other.hidden = event.target.value !== 'other';
      if (!other.hidden) other.querySelector('input').focus();
    }
    this.changed();
  }

  /** A change: the draft is sealed once the worker pauses. */
  changed() {
    if (!this.fields || this.saving) return;
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.flushDraft(), DRAFT_DELAY_MS);
  }

  /** Seals what is in the form now, if anything changed since the last time. */
  flushDraft() {
    if (this.draftTimer === null || !this.fields || !this.querySelector('form')) return this.draftSaving;
    clearTimeout(this.draftTimer);
    this.draftTimer = null;
    const fields = this.collect(true);
    this.draftSaving = this.draftSaving.then(() => api.saveDraft(this.draftKey, fields)).catch(() => {});
    return this.draftSaving;
  }

  async discard() {
    clearTimeout(this.draftTimer);
    this.draftTimer = null;
    try {
      await this.draftSaving;
      await api.discardDraft(this.draftKey);
    } catch (e) {
      if (e.kind === 'locked') return;
    }
    emit(this, 'navigate', this.entry ? { screen: 'entry', id: this.entry.id } : { screen: 'timeline' });
  }

  /** Enter in a one-line field moves to the next field: on a phone it is the keyboard's "next",
   * and a half-filled entry is never saved by accident. */
  onKey(event) {
    // Every control but a text area (where Enter is a new line) and a button: on a checkbox or a
    // chip, WebKit would otherwise press the form's Save.
    if (event.key !== 'Enter' || !event.target.matches('input, select')) return;
    event.preventDefault();
    const controls = [...this.querySelectorAll('input, select, textarea, button[type=submit]')]
      .filter((el) => !el.disabled && el.offsetParent !== null && el.type !== 'hidden');
    const next = controls[controls.indexOf(event.target) + 1];
    if (next) next.focus();
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const button = form.querySelector('button[type=submit]');
    if (button.disabled) return;
    this.clearErrors();
    const entry = this.collect();
    button.disabled = true;
    // While the save is on its way, changes wait: a draft sealed after the entry would offer
    // the saved entry again.
    this.saving = true;
    clearTimeout(this.draftTimer);
    this.draftTimer = null;
    try {
      // A draft save still on its way must not land after the entry and bring the draft back.
      await this.draftSaving;
      if (this.entry) {
        await api.updateEntry(this.entry.id, this.kind, entry);
        emit(this, 'entry-saved', { id: this.entry.id, created: false });
      } else {
        const id = await api.addEntry(this.kind, entry);
        emit(this, 'entry-saved', { id, created: true });
      }
    } catch (e) {
      button.disabled = false;
      this.saving = false;
      if (e.kind === 'locked') return;
      this.showError(e);
      // What was typed just before the refused save is kept as the draft.
      this.changed();
    }
  }

  clearErrors() {
    for (const el of this.querySelectorAll('.field-error')) el.remove();
    for (const el of this.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((i) => i && !i.startsWith('err-'));
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
    }
    this.querySelector('.form-error').textContent = '';
  }

  /** The core's sentence next to the field it names (opening "More details" if it is folded
   * there), read out by screen readers, with the focus on the field; any message about an
   * earlier save goes. */
  showError(error) {
    emit(this, 'toast-clear');
    const place = error.field && this.querySelector(`[data-field="${CSS.escape(error.field)}"]`);
    if (!place) {
      this.querySelector('.form-error').textContent = errorText(error);
      return;
    }
    const details = place.closest('details');
    if (details) details.open = true;
    const message = document.createElement('p');
    message.className = 'field-error';
    message.id = `err-${error.field}`;
    message.setAttribute('role', 'alert');
    message.textContent = errorText(error);
    const heading = place.querySelector(':scope > legend, :scope > label');
    if (heading) heading.after(message); else place.prepend(message);
    const control = place.matches('fieldset') ? place.querySelector('input, select') : place.querySelector('input, select, textarea');
    if (!control) return;
    control.setAttribute('aria-invalid', 'true');
    const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    control.setAttribute('aria-describedby', [message.id, ...ids].join(' '));
    control.focus();
  }
}
