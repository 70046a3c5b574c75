// The root element: owns the app's state (locked, unlocked, first run) and shows the screen for
// it. Screens send events up; this element decides what happens next.
import { api } from '../api.js';
import { html } from '../html.js';

export class TandemApp extends HTMLElement {
  async connectedCallback() {
    this.addEventListener('submit', (e) => this.onSubmit(e));
    await this.refresh();
  }

  async refresh(message = '') {
    const status = await api.status();
    if (!status.exists) this.show(this.createForm(message));
    else if (!status.unlocked) this.show(this.unlockForm(message));
    else await this.showTimeline();
  }

  show(content) {
    this.innerHTML = String(content);
    const first = this.querySelector('input');
    if (first) first.focus();
  }

  createForm(message) {
    return html`<main class="card">
      <h1>Welcome to Tandem</h1>
      <p>Your journal stays on this device, locked with a passphrase only you know.</p>
      <form data-action="create">
        <label>Choose a passphrase <input name="passphrase" type="password" minlength="8" required autocomplete="new-password"></label>
        <label>Type it again <input name="again" type="password" required autocomplete="new-password"></label>
        <p class="error" role="alert">${message}</p>
        <button type="submit">Create my journal</button>
      </form>
    </main>`;
  }

  unlockForm(message) {
    return html`<main class="card">
      <h1>Tandem</h1>
      <form data-action="unlock">
        <label>Passphrase <input name="passphrase" type="password" required autocomplete="current-password"></label>
        <p class="error" role="alert">${message}</p>
        <button type="submit">Unlock</button>
      </form>
    </main>`;
  }

  async showTimeline() {
    const page = await api.listEntries({}, 0, 50);
    this.show(html`<main>
      <header><h1>Tandem</h1><form data-action="lock"><button type="submit">Lock</button></form></header>
      <ul class="timeline">
        ${page.entries.map((e) => html`<li><span class="kind">${e.kind}</span> <time>${e.occurred_at}</time> ${e.text}</li>`)}
      </ul>
      ${page.entries.length === 0 ? html`<p>No entries yet.</p>` : ''}
    </main>`);
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    try {
      switch (form.dataset.action) {
        case 'create': {
          if (data.get('passphrase') !== data.get('again')) {
            this.show(this.createForm('The two passphrases differ.'));
            return;
          }
          const key = await api.createVault(data.get('passphrase'));
          this.show(html`<main class="card">
            <h1>Your recovery key</h1>
            <p>Write it down and keep it away from this device. It opens your journal if you forget your passphrase. If you lose both, nobody can open it.</p>
            <p class="recovery-key">${key}</p>
            <form data-action="continue"><button type="submit">I have written it down</button></form>
          </main>`);
          return;
        }
        case 'unlock':
          await api.unlock(data.get('passphrase'));
          break;
        case 'lock':
          await api.lock();
          break;
        default:
          break;
      }
      await this.refresh();
    } catch (e) {
      await this.refresh(e.message);
    }
  }
}
