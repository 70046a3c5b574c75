// The only module that talks to the Rust shell. Every call goes through `call`, and every failure
// arrives as { kind, field, message } from Rust, worded in the app's language. A locked vault
// reaches the page as one event, `tandem-locked`, whatever asked; the root handles it. Nothing
// here keeps a copy of what passes through.

function invoke(cmd, args) {
  return window.__TAURI_INTERNALS__.invoke(cmd, args);
}

async function call(cmd, args = {}) {
  try {
    return await invoke(cmd, args);
  } catch (e) {
    const error = (e && e.kind) ? e : { kind: 'internal', message: '' };
    if (error.kind === 'locked') window.dispatchEvent(new Event('tandem-locked'));
    throw error;
  }
}

export const api = {
  status: () => call('vault_status'),
  createVault: (passphrase) => call('create_vault', { passphrase }),
  unlock: (passphrase) => call('unlock', { passphrase }),
  unlockWithRecovery: (recoveryKey) => call('unlock_with_recovery', { recoveryKey }),
  lock: () => call('lock'),
  activity: () => call('activity'),
  listEntries: (filter, offset, limit) => call('list_entries', { filter, offset, limit }),
  searchEntries: (query, filter, limit) => call('search_entries', { query, filter, limit }),
  getEntry: (id) => call('get_entry', { id }),
  addEntry: (kind, entry) => call('add_entry', { kind, entry }),
  updateEntry: (id, kind, entry) => call('update_entry', { id, kind, entry }),
  deleteEntry: (id) => call('delete_entry', { id }),
  restoreEntry: (id) => call('restore_entry', { id }),
  entryForm: (kind) => call('entry_form', { kind }),
  listDrafts: () => call('list_drafts'),
  getDraft: (key) => call('get_draft', { key }),
  saveDraft: (key, fields) => call('save_draft', { key, fields }),
  discardDraft: (key) => call('discard_draft', { key }),
  listPeople: () => call('list_people'),
  addPerson: (person) => call('add_person', { person }),
  updatePerson: (id, person) => call('update_person', { id, person }),
  changePassphrase: (current, newPassphrase) => call('change_passphrase', { current, newPassphrase }),
  newRecoveryKey: (current) => call('new_recovery_key', { current }),
  confirmRecoveryGroup: (group, typed) => call('confirm_recovery_group', { group, typed }),
  vocabularies: () => call('vocabularies'),
  catalogue: (language) => call('catalogue', { language }),
  getSettings: () => call('get_settings'),
  settingsChoices: () => call('settings_choices'),
  saveSettings: (settings) => call('save_settings', { settings }),
  setAgenda: (id, agenda) => call('set_agenda', { id, agenda }),
  wizardDefaults: () => call('wizard_defaults'),
  previewSummary: (request) => call('preview_summary', { request }),
  removedWords: () => call('removed_words'),
  rememberRemovedWord: (word) => call('remember_removed_word', { word }),
  forgetRemovedWord: (word) => call('forget_removed_word', { word }),
  saveSummary: (request, format, protect) => call('save_summary', { request, format, protect }),
  listExports: () => call('list_exports'),
  openSummaries: () => call('open_summaries'),
  openSummaryWithKey: (id, key) => call('open_summary_with_key', { id, key }),
  closeSummaries: () => call('close_summaries'),
};
