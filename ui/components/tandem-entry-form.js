// Adding or editing an entry of any kind. Made for a phone: the few fields that matter most come
// first with sensible defaults (now; for a contact, the last contact's mode and setting), the
// vocabularies are chips, and everything else is folded under "More details". The core checks
// every value; its one-line error names the field, which is marked and focused here.
import { api } from '../api.js';
import { html, render, emit } from '../html.js';
import { t, label, errorText } from '../i18n.js';

// Which fields each kind shows up front and which are folded away. Field names are the entry's
// JSON fields; the vocabularies' codes come from the core.
const LAYOUT = {
  contact: {
    quick: ['occurred_at', 'person', 'mode', 'setting', 'duration_min', 'text'],
    more: ['format', 'group_size', 'domains', 'activities', 'referral', 'next_step', 'follow_up_on', 'collaborative', 'tags', 'agenda', 'share'],
  },
  moment: {
    quick: ['occurred_at', 'person', 'text', 'themes'],
    more: ['values', 'why_it_mattered', 'tags', 'agenda', 'share'],
  },
  boundary: {
    quick: ['occurred_at', 'category', 'intensity', 'text'],
    more: ['person', 'action', 'bring_to_supervision', 'resolved', 'tags', 'share'],
  },
  wellbeing: {
    quick: ['occurred_at', 'mood', 'energy', 'stress', 'text'],
    more: ['sleep_hours', 'triggered', 'triggered_by', 'self_care', 'support_used', 'tags', 'agenda', 'share'],
  },
};

const TYPE = {
  occurred_at: 'datetime', person: 'person', text: 'textarea', tags: 'tags', share: 'bool',
  mode: 'radio', setting: 'radio', format: 'radio', category: 'radio', referral: 'select',
  domains: 'checks', activities: 'checks', themes: 'checks', values: 'checks', self_care: 'checks',
  duration_min: 'number', group_size: 'number', intensity: 'scale', mood: 'scale', energy: 'scale', stress: 'scale',
  sleep_hours: 'decimal', next_step: 'line', why_it_mattered: 'textarea', action: 'textarea',
  triggered_by: 'line', support_used: 'line', follow_up_on: 'date',
  collaborative: 'bool', bring_to_supervision: 'bool', resolved: 'bool', triggered: 'bool', agenda: 'bool',
};

function pad(n) {
  return String(n).padStart(2, '0');
}

/** Now, as a datetime-local input wants it. */
function nowLocal() {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export class TandemEntryForm extends HTMLElement {
  connectedCallback() {
    const editing = Boolean(this.entry);
    // A new boundary issue is meant for supervision unless the worker says otherwise.
    const fresh = { occurred_at: nowLocal(), bring_to_supervision: this.kind === 'boundary', ...(this.defaults || {}) };
    this.values = editing ? { ...this.entry, occurred_at: this.entry.occurred_at.slice(0, 16) } : fresh;
    // The box says whether the entry is queued for supervision now; the core keeps its place
    // (and whether it was discussed) unless the worker changes the box.
    this.values.agenda = editing && this.entry.agenda_state === 'queued';
    this.initialAgenda = this.values.agenda;
    this.initialWhen = this.values.occurred_at;
    this.addEventListener('submit', (e) => this.onSubmit(e));
    this.addEventListener('click', (e) => {
      if (e.target.closest('[data-action=cancel]')) {
        emit(this, 'navigate', editing ? { screen: 'entry', id: this.entry.id } : { screen: 'timeline' });
      }
    });
    this.render();
    this.querySelector('h1').focus();
  }

  render() {
    const layout = LAYOUT[this.kind];
    const editing = Boolean(this.entry);
    const title = t(editing ? 'form.edit_title' : 'form.new_title', { kind: label('kind', this.kind) });
    render(this, html`<section aria-labelledby="form-title">
      <h1 id="form-title" tabindex="-1">${title}</h1>
      <form class="entry-form" data-kind="${this.kind}" novalidate>
        ${layout.quick.map((f) => this.field(f))}
        <details class="more">
          <summary>${t('form.more')}</summary>
          ${layout.more.map((f) => this.field(f))}
        </details>
        <p class="error" role="alert"></p>
        <div class="actions">
          <button type="submit" class="primary">${t(editing ? 'form.save' : 'form.add')}</button>
          <button type="button" data-action="cancel">${t('form.cancel')}</button>
        </div>
      </form>
    </section>`);
  }

  field(name) {
    const value = this.values[name];
    const id = `f-${name}`;
    const title = t(`field.${name}`);
    const hintKey = `hint.${name}`;
    const hint = t(hintKey) !== hintKey ? t(hintKey) : '';
    const described = hint ? `${id}-hint` : null;
    const hintTag = hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : '';
    switch (TYPE[name]) {
      case 'radio':
      case 'checks': {
        const multiple = TYPE[name] === 'checks';
        const chosen = multiple ? (value || []) : [value];
        return html`<fieldset class="chips" data-field="${name}" id="${id}">
          <legend>${title}</legend>${hintTag}
          ${this.vocab[name].map((code) => html`<label class="chip"><input type="${multiple ? 'checkbox' : 'radio'}" name="${name}" value="${code}" ${chosen.includes(code) ? 'checked' : ''}><span>${label(name, code)}</span></label>`)}
        </fieldset>`;
      }
      case 'scale':
        return html`<fieldset class="chips scale" data-field="${name}" id="${id}" aria-describedby="${id}-hint">
          <legend>${title}</legend><p class="hint" id="${id}-hint">${t(`scale.${name}`)}</p>
          ${[1, 2, 3, 4, 5].map((n) => html`<label class="chip"><input type="radio" name="${name}" value="${n}" ${value === n ? 'checked' : ''}><span>${n}</span></label>`)}
        </fieldset>`;
      case 'select':
        return html`<label for="${id}">${title}</label>${hintTag}
          <select id="${id}" name="${name}"><option value="">${t('form.none')}</option>
          ${this.vocab[name].map((code) => html`<option value="${code}" ${value === code ? 'selected' : ''}>${label(name, code)}</option>`)}</select>`;
      case 'bool':
        return html`<label class="check"><input type="checkbox" id="${id}" name="${name}" ${value ? 'checked' : ''} aria-describedby="${described}"> ${title}</label>${hintTag}`;
      case 'textarea':
        return html`<label for="${id}">${title}</label>${hintTag}<textarea id="${id}" name="${name}" rows="${name === 'text' ? 4 : 2}" aria-describedby="${described}">
${value || ''}</textarea>`;
      case 'person':
        return html`<label for="${id}">${title}</label>${hintTag}
          <input id="${id}" name="person" list="people-list" value="${value || ''}" autocomplete="off" aria-describedby="${described}">
          <datalist id="people-list">${this.people.map((p) => html`<option value="${p.alias}"></option>`)}</datalist>`;
      case 'tags':
        return html`<label for="${id}">${title}</label>${hintTag}<input id="${id}" name="tags" value="${(value || []).join(', ')}" autocomplete="off" aria-describedby="${described}">`;
      case 'datetime':
        return html`<label for="${id}">${title}</label><input id="${id}" name="occurred_at" type="datetime-local" value="${value || ''}" required>`;
      case 'date':
        return html`<label for="${id}">${title}</label><input id="${id}" name="${name}" type="date" value="${value || ''}">`;
      case 'number':
        return html`<label for="${id}">${title}</label>${hintTag}<input id="${id}" name="${name}" type="number" inputmode="numeric" min="0" step="1" value="${value ?? ''}" aria-describedby="${described}">`;
      case 'decimal':
        return html`<label for="${id}">${title}</label><input id="${id}" name="${name}" type="number" inputmode="decimal" min="0" max="24" step="0.5" value="${value ?? ''}">`;
      default:
        return html`<label for="${id}">${title}</label>${hintTag}<input id="${id}" name="${name}" value="${value || ''}" autocomplete="off" aria-describedby="${described}">`;
    }
  }

  /** The form's values as the core's entry JSON; empty fields are left out. */
  collect(form) {
    const data = new FormData(form);
    const entry = {};
    const layout = LAYOUT[this.kind];
    let agenda;
    for (const name of [...layout.quick, ...layout.more]) {
      const type = TYPE[name];
      if (name === 'agenda') {
        const on = data.get(name) === 'on';
        if (on !== this.initialAgenda) agenda = on;
      } else if (type === 'checks') {
        const all = data.getAll(name);
        if (all.length) entry[name] = all;
      } else if (type === 'bool') {
        entry[name] = data.get(name) === 'on';
      } else if (type === 'tags') {
        const tags = String(data.get(name) || '').split(',').map((s) => s.trim()).filter(Boolean);
        if (tags.length) entry.tags = tags;
      } else {
        const typed = String(data.get(name) ?? '');
        const raw = typed.trim();
        if (!raw) continue;
        // Free text is kept exactly as written; short fields and numbers are trimmed.
        if (type === 'textarea') { entry[name] = typed; continue; }
        if (type === 'scale' || type === 'number') entry[name] = Number.isInteger(Number(raw)) ? Number(raw) : raw;
        else if (type === 'decimal') entry[name] = Number.isNaN(Number(raw)) ? raw : Number(raw);
        else if (type === 'datetime') {
          // Unchanged on an edit: leave it out, so the entry keeps its time and its zone.
          if (this.entry && raw === this.initialWhen) continue;
          entry.occurred_at = raw.replace('T', ' ');
        } else entry[name] = raw;
      }
    }
    // False flags are the default; sending them only adds noise.
    for (const [k, v] of Object.entries(entry)) if (v === false) delete entry[k];
    // The agenda box is sent only when changed, unticked included.
    if (agenda !== undefined) entry.agenda = agenda;
    return entry;
  }

  disconnectedCallback() {
    this.entry = null;
    this.values = null;
    this.people = [];
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const error = form.querySelector('.error');
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const entry = this.collect(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      if (this.entry) {
        await api.updateEntry(this.entry.id, this.kind, entry);
        emit(this, 'entry-saved', { id: this.entry.id, created: false });
      } else {
        const id = await api.addEntry(this.kind, entry);
        emit(this, 'entry-saved', { id, created: true });
      }
    } catch (e) {
      button.disabled = false;
      if (e.kind === 'locked') return emit(this, 'lock-now');
      error.textContent = errorText(e);
      this.markField(form, e.message || '');
    }
  }

  /** The core names the field first ("mood: 9 is out of range"); mark and focus it. */
  markField(form, message) {
    const name = message.split(':')[0].trim();
    const target = form.querySelector(`#f-${CSS.escape(name)}`);
    if (!target) return;
    const details = target.closest('details');
    if (details) details.open = true;
    target.setAttribute('aria-invalid', 'true');
    const focusable = target.matches('fieldset') ? target.querySelector('input') : target;
    focusable.focus();
  }
}
