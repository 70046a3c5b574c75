// The only module that talks to the Rust shell. Every call goes through `call`, and every failure
// arrives as { kind, message } from Rust.

function invoke(cmd, args) {
  return window.__TAURI_INTERNALS__.invoke(cmd, args);
}

async function call(cmd, args = {}) {
  try {
    return await invoke(cmd, args);
  } catch (e) {
    throw (e && e.kind) ? e : { kind: 'internal', message: String(e) };
  }
}

export const api = {
  status: () => call('vault_status'),
  createVault: (passphrase) => call('create_vault', { passphrase }),
  unlock: (passphrase) => call('unlock', { passphrase }),
  unlockWithRecovery: (recoveryKey) => call('unlock_with_recovery', { recoveryKey }),
  lock: () => call('lock'),
  listEntries: (filter, offset, limit) => call('list_entries', { filter, offset, limit }),
  searchEntries: (query, filter, limit) => call('search_entries', { query, filter, limit }),
  addEntry: (kind, entry) => call('add_entry', { kind, entry }),
  deleteEntry: (id) => call('delete_entry', { id }),
  restoreEntry: (id) => call('restore_entry', { id }),
};
