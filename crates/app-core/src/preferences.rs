//! Owns the person's choices: the language, and the settings file (the accounts known here,
//! most recent first, and what closing the window does). A change is written before it is
//! applied, one writer at a time, so writes land in the order made and a failed write changes
//! nothing.

use crate::error::CoreError;
use crate::settings::{AccountRecord, Settings, SettingsFile};
use l10n::Lang;
use std::sync::{Mutex, MutexGuard};

type Result<T> = std::result::Result<T, CoreError>;

pub(crate) struct Preferences {
    file: SettingsFile,
    now: Mutex<Now>,
    /// Held while the settings are changed and written.
    writer: Mutex<()>,
}

struct Now {
    lang: Lang,
    settings: Settings,
}

impl Preferences {
    /// The settings on disk; `system_locale` decides the language of a first start (Albanian
    /// for `sq*`).
    pub(crate) fn load(file: SettingsFile, system_locale: &str) -> Preferences {
        let settings = file.load();
        let lang = settings
            .language
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_else(|| Lang::from_system_locale(system_locale));
        Preferences {
            file,
            now: Mutex::new(Now { lang, settings }),
            writer: Mutex::new(()),
        }
    }

    fn now(&self) -> MutexGuard<'_, Now> {
        self.now.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn lang(&self) -> Lang {
        self.now().lang
    }

    /// Changes the settings on a copy, writes it, then applies it (the lock is not held over
    /// the disk).
    fn change(&self, change: impl FnOnce(&mut Settings)) -> Result<()> {
        let _writing = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let mut copy = self.now().settings.clone();
        change(&mut copy);
        self.file.save(&copy)?;
        let mut now = self.now();
        if let Some(lang) = copy.language.as_deref().and_then(Lang::from_code) {
            now.lang = lang;
        }
        now.settings = copy;
        Ok(())
    }

    pub(crate) fn set_language(&self, lang: Lang) -> Result<()> {
        self.change(|settings| settings.language = Some(lang.code().to_owned()))
    }

    pub(crate) fn close_to_tray(&self) -> Option<bool> {
        self.now().settings.close_to_tray
    }

    pub(crate) fn set_close_to_tray(&self, keep: bool) -> Result<()> {
        self.change(|settings| settings.close_to_tray = Some(keep))
    }

    /// Whether the app looks for updates by itself (yes until the person turns it off).
    pub(crate) fn update_checks(&self) -> bool {
        self.now().settings.update_checks.unwrap_or(true)
    }

    pub(crate) fn set_update_checks(&self, on: bool) -> Result<()> {
        self.change(|settings| settings.update_checks = Some(on))
    }

    pub(crate) fn last_update_check(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.now().settings.last_update_check
    }

    pub(crate) fn set_last_update_check(&self, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
        self.change(|settings| settings.last_update_check = Some(at))
    }

    /// Every account signed in to here, most recent first.
    pub(crate) fn known_accounts(&self) -> Vec<AccountRecord> {
        self.now().settings.accounts.clone()
    }

    pub(crate) fn known(&self, key: &str) -> Option<AccountRecord> {
        let now = self.now();
        now.settings
            .accounts
            .iter()
            .find(|a| a.key() == key)
            .cloned()
    }

    /// The most recent account, when its password was remembered (what a start restores).
    pub(crate) fn last_remembered(&self) -> Option<AccountRecord> {
        let now = self.now();
        now.settings
            .accounts
            .first()
            .filter(|r| r.remembered)
            .cloned()
    }

    /// Puts `record` first, as the most recent account.
    pub(crate) fn put_first(&self, record: AccountRecord) -> Result<()> {
        self.change(|settings| {
            settings.accounts.retain(|a| a.key() != record.key());
            settings.accounts.insert(0, record);
        })
    }

    /// The account `key`'s password is no longer remembered.
    pub(crate) fn forget_password_of(&self, key: &str) -> Result<()> {
        self.change(|settings| {
            for a in settings.accounts.iter_mut().filter(|a| a.key() == key) {
                a.remembered = false;
            }
        })
    }
}
