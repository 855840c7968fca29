//! Owns the person's choices as a service: the language (said to the shell's listener, which
//! redraws the tray) and what closing the window does. Their file is `settings`'; their values
//! in memory `preferences`'.

use crate::core::*;
use l10n::Lang;

/// The person's choices: the language and what closing the window does.
/// Reached through `Core::settings`: a view of the core that carries its own part.
#[derive(Clone, Copy)]
pub struct Settings<'c> {
    core: &'c Core,
}

impl<'c> Settings<'c> {
    pub(crate) fn new(core: &'c Core) -> Self {
        Settings { core }
    }
}

impl Settings<'_> {
    /// Switches the language and remembers it.
    pub fn set_language(self, lang: Lang) -> Result<()> {
        self.core.preferences.set_language(lang)?;
        self.core.changes.tell(crate::changes::Change::Language);
        Ok(())
    }

    /// Whether closing the window keeps the app in the tray; None until the person chose.
    pub fn close_to_tray(self) -> Option<bool> {
        self.core.preferences.close_to_tray()
    }

    /// Remembers what closing the window does.
    pub fn set_close_to_tray(self, keep: bool) -> Result<()> {
        self.core.preferences.set_close_to_tray(keep)
    }
}

impl Core {
    /// The person's choices.
    pub fn settings(&self) -> Settings<'_> {
        Settings::new(self)
    }
}
