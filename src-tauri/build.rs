// The app's commands, listed so Tauri generates an `allow-…` permission for each; the main
// window's capability (capabilities/main.json) grants them, and nothing else can call them.
fn main() {
    // The UI is embedded at compile time; rebuild when any of it changes, new files included.
    println!("cargo:rerun-if-changed=../ui");
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "vault_status",
            "create_vault",
            "unlock",
            "unlock_with_recovery",
            "lock",
            "list_entries",
            "search_entries",
            "add_entry",
            "delete_entry",
            "restore_entry",
            "get_entry",
            "update_entry",
            "list_people",
            "add_person",
            "update_person",
            "change_passphrase",
            "new_recovery_key",
            "vocabularies",
            "get_settings",
            "save_settings",
            "set_agenda",
            "preview_summary",
            "save_summary",
            "list_exports",
            "open_summaries",
            "open_summary_with_key",
            "close_summaries",
        ]),
    ))
    .expect("the Tauri build step failed");
}
