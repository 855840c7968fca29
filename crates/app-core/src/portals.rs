//! Owns where portals and processors are: JitOps's address, the embedded demo portal's (it
//! listens on a new port at each start) and its processors' origins, and the processors' hosts
//! a payment may visit.

use portal::checkout::DEFAULT_PROCESSOR_DOMAINS;
use std::sync::Mutex;

pub(crate) struct Portals {
    processor_domains: Vec<String>,
    demo: Mutex<Option<Demo>>,
}

struct Demo {
    portal: String,
    processor_origins: Vec<String>,
}

impl Default for Portals {
    fn default() -> Self {
        Portals {
            processor_domains: DEFAULT_PROCESSOR_DOMAINS
                .iter()
                .map(|d| d.to_string())
                .collect(),
            demo: Mutex::new(None),
        }
    }
}

impl Portals {
    pub(crate) fn set_demo(&self, portal: &str, processor_origins: Vec<String>) {
        *self.demo.lock().unwrap_or_else(|e| e.into_inner()) = Some(Demo {
            portal: portal.to_owned(),
            processor_origins,
        });
    }

    pub(crate) fn demo_portal(&self) -> Option<String> {
        let demo = self.demo.lock().unwrap_or_else(|e| e.into_inner());
        demo.as_ref().map(|d| d.portal.clone())
    }

    /// The hosts a payment may visit: the processors', and the demo's when it runs.
    pub(crate) fn processor_domains(&self) -> Vec<String> {
        let mut domains = self.processor_domains.clone();
        let demo = self.demo.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(demo) = demo.as_ref() {
            domains.extend(demo.processor_origins.iter().cloned());
        }
        domains
    }
}
