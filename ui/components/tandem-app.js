// The root element. It owns the app's state: the settings, whether the vault is locked, which
// screen shows, the people list and the timeline's place. Screens are child elements that get
// what they need as properties and send events up; this element decides what happens next.
//
// Locking: the shell keeps the idle clock and watches the window, and locks on its own even if
// this page stalls; the page only reports activity, and sends Lock, Ctrl/Cmd+L and a hidden page.
// However the vault locks, the page hears it once (`tandem-locked`), forgets everything it held
// and replaces itself with the unlock screen, so no decrypted text stays in the DOM.
import { api } from '../api.js';
import { html, render } from '../html.js';
import { t, setLanguage, errorText } from '../i18n.js';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'];
/** Activity is reported at most this often: the shell's shortest idle time is a minute. */
const ACTIVITY_EVERY_MS = 5000;

export class TandemApp extends HTMLElement {
  constructor() {
    super();
    this.settings = null;
    this.settingsError = '';
    this.vocab = null;
    this.forgetVaultState();
    this.lastReport = 0;
    this.toastTimer = null;
    this.navigation = 0;
  }

  /** True while anything secret is shown: the unlocked vault, summaries a supervisor opened, or a
   * new recovery key. */
  holdsSecrets() {
    // The first-run screen showing a new recovery key holds one, and the vault behind it is open.
    return this.unlocked || this.inSummaries || Boolean(this.querySelector('tandem-welcome')?.key);
  }

  /** Drops every decrypted thing this element holds. */
  forgetVaultState() {
    this.unlocked = false;
    this.inSummaries = false;
    this.people = [];
    this.timelineState = { filter: {}, offset: 0, query: '' };
    this.undo = null;
  }

  async connectedCallback() {
    this.addEventListener('unlocked', (e) => this.afterUnlock(e.detail));
    this.addEventListener('navigate', (e) => this.go(e.detail.screen, e.detail));
    this.addEventListener('lock-now', () => this.lockNow());
    this.addEventListener('settings-change', (e) => this.changeSettings(e.detail.settings));
    this.addEventListener('people-changed', () => this.loadPeople());
    this.addEventListener('timeline-state', (e) => { this.timelineState = e.detail; });
    this.addEventListener('entry-saved', (e) => this.entrySaved(e.detail));
    this.addEventListener('entry-deleted', (e) => this.entryDeleted(e.detail.id));
    this.addEventListener('toast', (e) => this.toast(e.detail.message));
    this.addEventListener('toast-clear', () => this.clearToast());
    this.addEventListener('leave-summaries', () => this.leaveSummaries());
    // Once a vault is made, the first-run screen shows its recovery key: nothing may take the
    // worker away from it before they have confirmed it, so the supervisor's link goes.
    this.addEventListener('vault-created', () => this.querySelector('.locked-footer')?.remove());
    this.addEventListener('click', (e) => this.onClick(e));
    window.addEventListener('keydown', (e) => this.onKey(e), true);
    window.addEventListener('tandem-locked', () => this.locked());
    for (const name of ACTIVITY) window.addEventListener(name, () => this.reportActivity(), { passive: true, capture: true });
    document.addEventListener('visibilitychange', () => {
      if (document.hidden && this.holdsSecrets() && this.settings.lock_when_hidden) this.lockNow();
    });

    try {
      this.settings = await api.getSettings();
    } catch (e) {
      this.settingsError = errorText(e);
      this.settings = (await api.settingsChoices()).defaults;
    }
    await this.applySettings();
    this.vocab = await api.vocabularies();
    const status = await api.status();
    if (status.unlocked) await this.afterUnlock();
    else this.showLocked(status.exists);
  }

  async applySettings() {
    await setLanguage(this.settings.language);
    document.documentElement.dataset.theme = this.settings.theme;
    document.title = t('app.name');
  }

  /** Tells the shell the worker is here, which holds off its idle lock. */
  reportActivity() {
    const now = Date.now();
    if (!this.holdsSecrets() || now - this.lastReport < ACTIVITY_EVERY_MS) return;
    this.lastReport = now;
    api.activity().catch(() => {});
  }

  async changeSettings(settings) {
    try {
      await api.saveSettings(settings);
      const languageChanged = settings.language !== this.settings.language;
      this.settings = settings;
      await this.applySettings();
      if (languageChanged && this.unlocked) {
        this.renderShell();
        this.go('settings');
      }
      this.toast(t('settings.saved'));
    } catch (e) {
      this.toast(errorText(e));
    }
  }

  showLocked(exists) {
    this.forgetVaultState();
    this.vaultExists = exists;
    const screen = document.createElement(exists ? 'tandem-unlock' : 'tandem-welcome');
    render(this, html`<main class="locked" id="main">
      ${this.settingsError ? html`<p class="error" role="alert">${this.settingsError}</p>` : ''}
    </main>
    <footer class="locked-footer"><button type="button" class="link" data-action="summaries">${t('received.entry')}</button></footer>`);
    this.querySelector('main').append(screen);
    // Timing marks carry no data; the app benchmark reads them (docs/benchmarks.md).
    performance.mark('tandem:first-screen');
  }

  /** Back from the supervisor's view to whichever screen the vault's state calls for. */
  async leaveSummaries() {
    this.inSummaries = false;
    try {
      const status = await api.status();
      if (status.unlocked) await this.afterUnlock();
      else this.showLocked(status.exists);
    } catch {
      this.showLocked(this.vaultExists);
    }
  }

  async afterUnlock(how = {}) {
    this.unlocked = true;
    this.renderShell();
    await this.loadPeople();
    if (how.viaRecovery) {
      // Someone who needed the recovery key has likely forgotten the passphrase: offer a new one.
      await this.go('settings');
      this.toast(t('unlock.after_recovery'));
    } else {
      this.go('timeline');
    }
  }

  /** The unlocked frame: header, navigation, the screen's place and the message area. */
  renderShell() {
    render(this, html`<div class="shell">
      <a class="skip" href="#main">${t('nav.skip')}</a>
      <header class="bar">
        <span class="brand">${t('app.name')}</span>
        <nav aria-label="${t('nav.label')}">
          <button type="button" data-go="timeline">${t('nav.journal')}</button>
          <button type="button" data-go="people">${t('nav.people')}</button>
          <button type="button" data-go="supervision">${t('nav.supervision')}</button>
          <button type="button" data-go="settings">${t('nav.settings')}</button>
        </nav>
        <button type="button" class="lock" data-action="lock" aria-keyshortcuts="Control+L Meta+L"
          title="${t('nav.lock_hint')}">${t('nav.lock')}</button>
      </header>
      <main id="main" tabindex="-1"></main>
      <div class="toast" role="status" aria-live="polite"></div>
    </div>`);
  }

  async loadPeople() {
    try {
      this.people = await api.listPeople();
    } catch (e) {
      if (e.kind === 'locked') return this.showLocked(true);
      this.toast(errorText(e));
    }
  }

  /** Shows a screen inside the unlocked shell. */
  async go(screen, detail = {}) {
    const main = this.querySelector('main');
    if (!this.unlocked || !main) return;
    // A later navigation wins over one still waiting for its data.
    const ticket = ++this.navigation;
    let element;
    switch (screen) {
      case 'timeline':
        element = document.createElement('tandem-timeline');
        element.vocab = this.vocab;
        element.state = this.timelineState;
        element.people = this.people;
        element.vocab = this.vocab;
        break;
      case 'entry':
        element = document.createElement('tandem-entry-view');
        element.entryId = detail.id;
        break;
      case 'new':
      case 'edit':
        element = document.createElement('tandem-entry-form');
        element.kind = detail.kind;
        element.people = this.people;
        element.entry = detail.entry || null;
        if (screen === 'edit' && !element.entry) {
          // Coming back to a draft of changes: the entry itself is read again.
          try {
            element.entry = await api.getEntry(detail.id);
          } catch (e) {
            if (e.kind !== 'locked') this.toast(errorText(e));
            return;
          }
        }
        break;
      case 'people':
        element = document.createElement('tandem-people');
        element.people = this.people;
        break;
      case 'supervision':
        element = document.createElement('tandem-supervision');
        break;
      case 'settings':
        element = document.createElement('tandem-settings');
        element.settings = this.settings;
        break;
      default:
        return;
    }
    for (const b of this.querySelectorAll('nav [data-go]')) {
      const current = b.dataset.go === screen || (b.dataset.go === 'timeline' && ['entry', 'new', 'edit'].includes(screen));
      if (current) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    }
    if (ticket !== this.navigation || !main.isConnected) return;
    main.replaceChildren(element);
  }

  async entrySaved({ id, created }) {
    // Back to the newest entries, unfiltered, so the new one is in sight.
    if (created) this.timelineState = { filter: {}, offset: 0, query: '' };
    await this.loadPeople();
    if (created) await this.go('timeline'); else await this.go('entry', { id });
    this.toast(t(created ? 'entry.added' : 'entry.updated'));
  }

  entryDeleted(id) {
    this.go('timeline');
    this.toast(t('entry.deleted'), { label: t('entry.undo'), run: async () => {
      try {
        await api.restoreEntry(id);
        this.toast(t('entry.restored'));
        this.go('timeline');
      } catch (e) {
        this.toast(errorText(e));
      }
    } });
  }

  clearToast() {
    const box = this.querySelector('.toast');
    if (!box) return;
    clearTimeout(this.toastTimer);
    box.classList.remove('shown');
    render(box, html``);
    this.undo = null;
  }

  toast(message, action = null) {
    const box = this.querySelector('.toast');
    if (!box) return;
    this.undo = action;
    render(box, html`<span>${message}</span>${action ? html` <button type="button" data-action="toast-action">${action.label}</button>` : ''}`);
    box.classList.add('shown');
    clearTimeout(this.toastTimer);
    // An undo stays offered long enough to reach it by keyboard or screen reader.
    this.toastTimer = setTimeout(() => { box.classList.remove('shown'); render(box, html``); this.undo = null; }, action ? 12000 : 5000);
  }

  onClick(event) {
    const target = event.target.closest('button');
    if (!target) return;
    if (target.dataset.go) this.go(target.dataset.go);
    else if (target.dataset.action === 'lock') this.lockNow();
    else if (target.dataset.action === 'summaries' && !this.unlocked) {
      // The supervisor's side needs no vault: it replaces the locked screen until left, and
      // the idle timeout, a hidden window and Ctrl+L close it as they lock the vault.
      this.inSummaries = true;
      render(this, html`<main class="locked" id="main"></main>`);
      this.querySelector('main').append(document.createElement('tandem-summaries'));
    }
    else if (target.dataset.action === 'toast-action' && this.undo) {
      const { run } = this.undo;
      this.undo = null;
      run();
    }
  }

  onKey(event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'l' && this.holdsSecrets()) {
      event.preventDefault();
      this.lockNow();
    }
  }

  /** The shell locked on its own (idle, hidden window) or answered "locked": the page follows. */
  locked() {
    if (this.holdsSecrets()) this.lockNow();
  }

  async lockNow() {
    // The shell's event and a "locked" answer can both arrive while a lock is under way.
    if (this.locking) return;
    this.locking = true;
    clearTimeout(this.toastTimer);
    // A half-written entry is sealed in the vault before the vault is dropped.
    const form = this.querySelector('tandem-entry-form');
    if (form && this.unlocked) await form.flushDraft();
    // The page is cleared first, so nothing decrypted stays on screen even if the shell is slow.
    render(this, html``);
    const fromSummaries = this.inSummaries;
    this.inSummaries = false;
    try {
      await api.lock();
      await api.closeSummaries();
    } finally {
      // From the supervisor's view there may be no vault at all: ask which screen is right.
      if (fromSummaries) await this.leaveSummaries();
      else this.showLocked(true);
      this.locking = false;
    }
  }
}
