// The app's commands (src/command_list.rs) are handed to Tauri so it generates an `allow-…`
// permission for each; the main window's capability (capabilities/main.json) grants them, and
// nothing else can call them.
include!("src/command_list.rs");

fn main() {
    // The UI is embedded at compile time; rebuild when any of it changes, new files included.
    println!("cargo:rerun-if-changed=../ui");
    println!("cargo:rerun-if-changed=src/command_list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step failed");
}
