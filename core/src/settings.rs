//! The app's preferences: language, theme and when to lock.
//!
//! They are not secret and must be readable before the vault is unlocked (the unlock screen
//! speaks the chosen language), so they live in a small JSON file beside the vault rather than
//! inside it. Nothing about entries or people is ever put here.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::i18n::Language;

/// The themes the app offers; `system` follows the device.
pub const THEMES: &[&str] = &["system", "light", "dark"];
/// The idle times, in minutes, after which the app may lock itself.
pub const AUTO_LOCK_MINUTES: &[u32] = &[1, 5, 15];

/// The worker's preferences for the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub language: String,
    pub theme: String,
    /// Lock after this many minutes without a key press, click or touch.
    pub auto_lock_minutes: u32,
    /// Lock as soon as the window is hidden or minimised.
    pub lock_when_hidden: bool,
}

/// The values each setting may take, and the defaults, for the settings screen to offer; and
/// the shortest passphrase a vault takes, which the first-run and settings screens say in their
/// hint and measure their strength feedback against (the vault still checks it).
#[derive(Debug, Clone, Serialize)]
pub struct Choices {
    pub languages: Vec<&'static str>,
    pub themes: Vec<&'static str>,
    pub auto_lock_minutes: Vec<u32>,
    pub defaults: Settings,
    pub min_passphrase_chars: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: "en".into(),
            theme: "system".into(),
            auto_lock_minutes: 5,
            lock_when_hidden: true,
        }
    }
}

impl Settings {
    /// Where the settings for the vault at `vault` are kept: `settings.json` in its folder.
    pub fn path_for(vault: &Path) -> PathBuf {
        vault
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join("settings.json")
    }

    /// What the settings screen offers: every language, theme and idle time, the defaults, and
    /// the passphrase's minimum length.
    pub fn choices() -> Choices {
        Choices {
            languages: Language::ALL.iter().map(|l| l.code()).collect(),
            themes: THEMES.to_vec(),
            auto_lock_minutes: AUTO_LOCK_MINUTES.to_vec(),
            defaults: Settings::default(),
            min_passphrase_chars: crate::vault::MIN_PASSPHRASE_CHARS,
        }
    }

    /// Reads the settings at `path`; defaults when there is no file yet.
    pub fn load(path: &Path) -> Result<Settings> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
            Err(source) => {
                return Err(Error::Io {
                    context: format!("cannot read the settings in {}", path.display()),
                    source,
                });
            }
        };
        let settings: Settings = serde_json::from_str(&text).map_err(|e| {
            Error::invalid("settings", "settings_unreadable")
                .with("path", path.display())
                .with("line", e.line())
                .with("column", e.column())
                .with("detail", crate::entry::strip_serde_position(&e.to_string()))
        })?;
        settings.check()?;
        Ok(settings)
    }

    /// Checks each value against what the app offers.
    pub fn check(&self) -> Result<()> {
        Language::parse("language", &self.language)?;
        if !THEMES.contains(&self.theme.as_str()) {
            return Err(Error::invalid("theme", "unknown_value").with("allowed", THEMES.join(", ")));
        }
        if !AUTO_LOCK_MINUTES.contains(&self.auto_lock_minutes) {
            let allowed: Vec<String> = AUTO_LOCK_MINUTES.iter().map(u32::to_string).collect();
            return Err(Error::invalid("auto_lock_minutes", "unknown_value")
                .with("allowed", allowed.join(", ")));
        }
        Ok(())
    }

    /// The language these settings choose (English if the file names none Tandem has).
    pub fn language(&self) -> Language {
        Language::parse("language", &self.language).unwrap_or_default()
    }

    /// Checks and saves the settings at `path`: written to a temporary file, flushed, then
    /// renamed over the old one, so a crash leaves either the old or the new file whole.
    pub fn save(&self, path: &Path) -> Result<()> {
        self.check()?;
        let io = |source| Error::Io {
            context: format!("cannot save the settings in {}", path.display()),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).expect("settings always serialize");
        let mut file = std::fs::File::create(&tmp).map_err(io)?;
        file.write_all(text.as_bytes())
            .and_then(|_| file.sync_all())
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                match e.raw_os_error() {
                    Some(28) => Error::DiskFull, // ENOSPC
                    _ => io(e),
                }
            })?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_settings_are_the_defaults_and_saved_ones_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = Settings::path_for(&dir.path().join("vault.tandem"));
        assert_eq!(Settings::load(&path).unwrap(), Settings::default());
        let mine = Settings {
            language: "fr".into(),
            theme: "dark".into(),
            auto_lock_minutes: 1,
            lock_when_hidden: false,
        };
        mine.save(&path).unwrap();
        assert_eq!(Settings::load(&path).unwrap(), mine);
        assert!(!path.with_extension("json.tmp").exists());
    }

    #[test]
    fn settings_outside_the_offered_values_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let bad = Settings {
            auto_lock_minutes: 7,
            ..Settings::default()
        };
        let e = bad.save(&path).unwrap_err().to_string();
        assert!(
            e.contains("auto_lock_minutes") && e.contains("1, 5, 15"),
            "{e}"
        );
        assert!(!path.exists());
        let e = Settings {
            language: "de".into(),
            ..Settings::default()
        }
        .check()
        .unwrap_err()
        .to_string();
        assert!(e.contains("language") && e.contains("en, fr"), "{e}");
    }

    #[test]
    fn a_malformed_or_unknown_settings_file_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "{\"language\": \"en\", \"colour\": \"red\"}").unwrap();
        let e = Settings::load(&path).unwrap_err().to_string();
        assert!(e.contains("settings.json") && e.contains("colour"), "{e}");
        std::fs::write(&path, "{not json").unwrap();
        let e = Settings::load(&path).unwrap_err().to_string();
        assert!(e.contains("settings.json") && e.contains("line 1"), "{e}");
    }
}
