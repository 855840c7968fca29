//! Owns the app's updates as a service, without a window: whether this copy can be updated in
//! the app (built with an update server and installed from a package), whether and when to
//! look for a newer version, where an update under way is (offered, downloading, installed,
//! refused), and what Settings and the offer say of it in the person's language. Asking the
//! server, downloading, checking the signature and installing are the shell's (the updater
//! plugin); it tells this service each outcome.

pub(crate) mod state;

use crate::core::*;
use chrono::{DateTime, Duration, Utc};
use l10n::Arg;
use serde::Serialize;
use std::collections::BTreeMap;

/// How long after the server last answered the app looks again by itself.
pub const CHECK_EVERY: Duration = Duration::hours(24);

/// The updates: looking for one, the offer, the download and the install.
/// Reached through `Core::updates`: a view of the core that carries its own part.
#[derive(Clone, Copy)]
pub struct Updates<'c> {
    core: &'c Core,
    own: &'c state::UpdatesState,
}

impl<'c> Updates<'c> {
    pub(crate) fn new(core: &'c Core, own: &'c state::UpdatesState) -> Self {
        Updates { core, own }
    }
}

impl Core {
    /// The updates: looking for one, the offer, the download and the install.
    pub fn updates(&self) -> Updates<'_> {
        Updates::new(self, &self.updates)
    }
}

/// This copy, as it was built and installed.
#[derive(Debug, Clone, Default)]
pub struct Build {
    /// The version running now.
    pub version: String,
    /// Built with an update server and its public key (a release); a build without them never
    /// looks for updates.
    pub has_update_server: bool,
    /// Installed from the .deb or the .rpm: only then can the app install an update itself.
    pub from_package: bool,
}

/// A newer version the server offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub version: String,
    pub date: Option<DateTime<Utc>>,
    /// "What's new", by language code (`en`, `sq`), from the manifest's `notes_by_language`.
    pub notes: BTreeMap<String, String>,
    /// The manifest's plain `notes`, for a language the manifest does not have.
    pub plain_notes: Option<String>,
}

impl Offer {
    /// The offer as the updater read it: the announced version, date and notes, and the whole
    /// manifest (`raw`), which carries the notes in each language.
    pub fn from_manifest(
        version: &str,
        date: Option<DateTime<Utc>>,
        plain_notes: Option<&str>,
        raw: &serde_json::Value,
    ) -> Offer {
        let notes = raw
            .get("notes_by_language")
            .and_then(|n| n.as_object())
            .map(|by| {
                by.iter()
                    .filter_map(|(lang, text)| {
                        Some((lang.clone(), text.as_str()?.trim().to_owned()))
                    })
                    .filter(|(_, text)| !text.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Offer {
            version: version.to_owned(),
            date,
            notes,
            plain_notes: plain_notes
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
        }
    }

    fn notes_in(&self, lang: l10n::Lang) -> Option<String> {
        self.notes
            .get(lang.code())
            .or_else(|| self.notes.get("en"))
            .cloned()
            .or_else(|| self.plain_notes.clone())
    }
}

/// Why an update did not come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateFailure {
    /// The update server or the download could not be reached.
    Unreachable,
    /// The file's signature did not match the key this copy trusts (a changed file, another
    /// key, no signature): nothing was installed.
    Refused,
    /// The system's package manager did not install it (or the person cancelled its prompt).
    NotInstalled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Phase {
    Idle,
    Checking {
        asked: bool,
    },
    Offered(Offer),
    Downloading {
        offer: Offer,
        got: u64,
        total: Option<u64>,
    },
    Installing(Offer),
    /// Installed: the new version starts at the next start.
    Installed(Offer),
    Failed {
        offer: Option<Offer>,
        why: UpdateFailure,
    },
}

/// What Settings and the offer show.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    pub current_version: String,
    /// Whether this copy looks for updates at all (built with an update server).
    pub available: bool,
    pub checks_on: bool,
    /// `idle`, `checking`, `offered`, `downloading`, `installing`, `installed` or `failed`.
    pub phase: &'static str,
    /// One line: where the updates stand, in the person's language.
    pub status: String,
    pub offered_version: Option<String>,
    /// "What's new" in the person's language.
    pub notes: Option<String>,
    /// The download's progress in percent, when its size is known.
    pub percent: Option<u8>,
    /// Whether "Install" is offered (an offer, or one whose download or install failed).
    pub can_install: bool,
    /// Whether "Check for updates" can be pressed now.
    pub can_check: bool,
    /// Said before a restart while a payment is being confirmed: it will be followed again.
    pub restart_warning: Option<String>,
}

impl Updates<'_> {
    /// Set once at start by the shell: what this copy is.
    pub fn set_build(self, build: Build) {
        *self.own.build.lock().unwrap_or_else(|e| e.into_inner()) = build;
    }

    fn build(self) -> Build {
        self.own
            .build
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn phase(self) -> Phase {
        self.own
            .phase
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn set_phase(self, phase: Phase) {
        *self.own.phase.lock().unwrap_or_else(|e| e.into_inner()) = phase;
        self.core.changes.tell(crate::changes::Change::Update);
    }

    pub fn checks_on(self) -> bool {
        self.core.preferences.update_checks()
    }

    /// The person's choice to let the app look for updates by itself.
    pub fn set_checks(self, on: bool) -> Result<()> {
        self.core.preferences.set_update_checks(on)
    }

    /// Whether the app should look by itself now: built with an update server, allowed by the
    /// person, nothing under way, and the server not answered within `CHECK_EVERY`.
    pub fn check_due(self, now: DateTime<Utc>) -> bool {
        self.build().has_update_server
            && self.checks_on()
            && matches!(self.phase(), Phase::Idle)
            && self
                .core
                .preferences
                .last_update_check()
                .is_none_or(|last| now - last >= CHECK_EVERY || last > now)
    }

    /// A check begins (`asked`: the person pressed "Check for updates"). False when one cannot
    /// begin now: no update server, or a check, download or install under way, or an update
    /// installed already.
    pub fn begin_check(self, asked: bool) -> bool {
        if !self.build().has_update_server {
            return false;
        }
        let mut phase = self.own.phase.lock().unwrap_or_else(|e| e.into_inner());
        match &*phase {
            Phase::Idle | Phase::Offered(_) | Phase::Failed { .. } => {
                *phase = Phase::Checking { asked };
                drop(phase);
                self.core.changes.tell(crate::changes::Change::Update);
                true
            }
            _ => false,
        }
    }

    /// The server answered: `offer` when it has a newer version.
    pub fn check_answered(self, now: DateTime<Utc>, offer: Option<Offer>) {
        if let Err(e) = self.core.preferences.set_last_update_check(now) {
            tracing::warn!("the time of the update check was not kept: {e}");
        }
        self.set_phase(match offer {
            Some(offer) => Phase::Offered(offer),
            None => Phase::Idle,
        });
    }

    /// The check did not get an answer. A check the app made by itself says nothing (it is
    /// tried again within the hour); one the person asked for says why.
    pub fn check_failed(self, why: UpdateFailure) {
        let asked = matches!(self.phase(), Phase::Checking { asked: true });
        self.set_phase(if asked {
            Phase::Failed { offer: None, why }
        } else {
            Phase::Idle
        });
    }

    /// The person chose to install the offer: its download begins. None when there is no offer
    /// to install (or this copy cannot install one).
    pub fn begin_download(self) -> Option<Offer> {
        if !self.build().from_package {
            return None;
        }
        let offer = match self.phase() {
            Phase::Offered(offer) => offer,
            Phase::Failed {
                offer: Some(offer), ..
            } => offer,
            _ => return None,
        };
        self.set_phase(Phase::Downloading {
            offer: offer.clone(),
            got: 0,
            total: None,
        });
        Some(offer)
    }

    /// `got` bytes of `total` have come.
    pub fn downloaded(self, got: u64, total: Option<u64>) {
        let mut phase = self.own.phase.lock().unwrap_or_else(|e| e.into_inner());
        if let Phase::Downloading {
            got: g, total: t, ..
        } = &mut *phase
        {
            *g = got;
            *t = total;
        }
        drop(phase);
        self.core.changes.tell(crate::changes::Change::Update);
    }

    /// Downloaded and its signature verified: the package manager installs it now.
    pub fn installing(self) {
        if let Phase::Downloading { offer, .. } = self.phase() {
            self.set_phase(Phase::Installing(offer));
        }
    }

    pub fn installed(self) {
        if let Phase::Installing(offer) = self.phase() {
            self.set_phase(Phase::Installed(offer));
        }
    }

    /// The download or the install failed: nothing was installed; the offer stays, to try
    /// again.
    pub fn install_failed(self, why: UpdateFailure) {
        let offer = match self.phase() {
            Phase::Downloading { offer, .. } | Phase::Installing(offer) => Some(offer),
            _ => None,
        };
        self.set_phase(Phase::Failed { offer, why });
    }

    /// One line: where the updates stand, in the person's language.
    fn status(self, build: &Build, phase: &Phase, percent: Option<u8>) -> String {
        let lang = self.core.lang();
        let text = |id: &str, args: &[(&str, Arg)]| self.core.text(id, args);
        let version = |o: &Offer| Arg::from(o.version.clone());
        match phase {
            _ if !build.has_update_server => text("update-status-no-server", &[]),
            Phase::Idle => match self.core.preferences.last_update_check() {
                Some(at) => text(
                    "update-status-up-to-date",
                    &[(
                        "checked",
                        Arg::from(l10n::format_date_time(
                            lang,
                            at.with_timezone(&chrono::Local).naive_local(),
                        )),
                    )],
                ),
                None => text("update-status-never-checked", &[]),
            },
            Phase::Checking { .. } => text("update-status-checking", &[]),
            Phase::Offered(o) if !build.from_package => text(
                "update-status-offered-not-packaged",
                &[("version", version(o))],
            ),
            Phase::Offered(o) => text("update-status-offered", &[("version", version(o))]),
            Phase::Downloading { offer, .. } => match percent {
                Some(p) => text(
                    "update-status-downloading",
                    &[
                        ("version", version(offer)),
                        ("percent", Arg::from(p as usize)),
                    ],
                ),
                None => text(
                    "update-status-downloading-unknown",
                    &[("version", version(offer))],
                ),
            },
            Phase::Installing(o) => text("update-status-installing", &[("version", version(o))]),
            Phase::Installed(o) => text("update-status-installed", &[("version", version(o))]),
            Phase::Failed { why, .. } => text(
                match why {
                    UpdateFailure::Unreachable => "update-failed-unreachable",
                    UpdateFailure::Refused => "update-failed-refused",
                    UpdateFailure::NotInstalled => "update-failed-not-installed",
                },
                &[],
            ),
        }
    }

    /// What Settings and the offer show now.
    pub fn view(self) -> UpdateView {
        let build = self.build();
        let phase = self.phase();
        let lang = self.core.lang();
        let text = |id: &str, args: &[(&str, Arg)]| self.core.text(id, args);
        let offer = match &phase {
            Phase::Offered(o) | Phase::Installing(o) | Phase::Installed(o) => Some(o),
            Phase::Downloading { offer, .. } => Some(offer),
            Phase::Failed { offer, .. } => offer.as_ref(),
            Phase::Idle | Phase::Checking { .. } => None,
        };
        let percent = match &phase {
            Phase::Downloading {
                got,
                total: Some(total),
                ..
            } if *total > 0 => Some(((got.min(total) * 100) / total) as u8),
            _ => None,
        };
        let status = self.status(&build, &phase, percent);
        let restart_warning = matches!(phase, Phase::Installed(_))
            .then(|| !self.core.payments().open_attempts().is_empty())
            .filter(|following| *following)
            .map(|_| text("update-restart-payments", &[]));
        UpdateView {
            current_version: build.version.clone(),
            available: build.has_update_server,
            checks_on: self.checks_on(),
            phase: match phase {
                Phase::Idle => "idle",
                Phase::Checking { .. } => "checking",
                Phase::Offered(_) => "offered",
                Phase::Downloading { .. } => "downloading",
                Phase::Installing(_) => "installing",
                Phase::Installed(_) => "installed",
                Phase::Failed { .. } => "failed",
            },
            status,
            offered_version: offer.map(|o| o.version.clone()),
            notes: offer.and_then(|o| o.notes_in(lang)),
            percent,
            can_install: build.from_package
                && matches!(
                    phase,
                    Phase::Offered(_) | Phase::Failed { offer: Some(_), .. }
                ),
            can_check: build.has_update_server
                && matches!(
                    phase,
                    Phase::Idle | Phase::Offered(_) | Phase::Failed { .. }
                ),
            restart_warning,
        }
    }
}
