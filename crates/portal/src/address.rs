//! Owns where a portal lives: its address as the person typed it, checked (https, or http on a
//! loopback host; no user name or password in it), the folder its pages resolve against, and
//! which URLs are the portal's own.

use crate::error::{PortalError, Result};
use url::Url;

/// Where a portal lives. Only `https`, or `http` on a loopback host (the demo portal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalAddress {
    base: Url,
}

impl PortalAddress {
    pub fn parse(text: &str) -> Result<PortalAddress> {
        let mut text = text.trim().to_owned();
        if !text.contains("://") {
            text = format!("https://{text}");
        }
        let mut base =
            Url::parse(&text).map_err(|e| PortalError::InvalidPortalUrl(e.to_string()))?;
        let host = base
            .host_str()
            .ok_or_else(|| PortalError::InvalidPortalUrl("no host".into()))?
            .to_owned();
        // `https://user:pass@host/`: a password in an address would end up in settings, the
        // saved copy and exports. Refused, never stored.
        if !base.username().is_empty() || base.password().is_some() {
            return Err(PortalError::InvalidPortalUrl(
                "an address with a user name or password".into(),
            ));
        }
        match base.scheme() {
            "https" => {}
            "http" if is_loopback(&host) => {}
            other => {
                return Err(PortalError::InvalidPortalUrl(format!(
                    "{other}:// is not allowed for {host}"
                )))
            }
        }
        // The client area lives in a folder; a link to a page in it resolves against the folder.
        let path = base.path().to_owned();
        if path.ends_with(".php") {
            let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            base.set_path(folder);
        } else if !path.ends_with('/') {
            base.set_path(&format!("{path}/"));
        }
        base.set_query(None);
        base.set_fragment(None);
        Ok(PortalAddress { base })
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    pub fn host(&self) -> &str {
        self.base.host_str().unwrap_or_default()
    }

    pub fn is_loopback(&self) -> bool {
        is_loopback(self.host())
    }

    /// One of WHMCS's classic entry points, which are stable whatever the URL settings.
    pub fn page(&self, entry: &str) -> Url {
        self.base.join(entry).expect("static entry point")
    }

    /// Whether `url` is this portal's site under its other usual name: `www.` added or taken
    /// away, over https on the same port (`jitops.com` sending to `www.jitops.com`).
    pub fn is_same_site(&self, url: &Url) -> bool {
        let (Some(ours), Some(theirs)) = (self.base.host_str(), url.host_str()) else {
            return false;
        };
        url.scheme() == "https"
            && url.port_or_known_default() == self.base.port_or_known_default()
            && url.username().is_empty()
            && (theirs.strip_prefix("www.") == Some(ours)
                || ours.strip_prefix("www.") == Some(theirs))
    }

    /// This address moved to `url`'s origin (its folder kept).
    pub(crate) fn moved_to(&self, url: &Url) -> PortalAddress {
        let mut base = self.base.clone();
        let _ = base.set_host(url.host_str());
        let _ = base.set_scheme(url.scheme());
        PortalAddress { base }
    }

    /// Whether a URL belongs to this portal (same scheme, host and port).
    pub fn owns(&self, url: &Url) -> bool {
        url.scheme() == self.base.scheme()
            && url.host_str() == self.base.host_str()
            && url.port_or_known_default() == self.base.port_or_known_default()
    }
}

pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_accept_https_and_loopback_http_only() {
        let a = PortalAddress::parse("https://jitops.com/clientarea.php").unwrap();
        assert_eq!(a.base().as_str(), "https://jitops.com/");
        assert_eq!(
            a.page("viewinvoice.php?id=3").as_str(),
            "https://jitops.com/viewinvoice.php?id=3"
        );
        let b = PortalAddress::parse("jitops.com/billing").unwrap();
        assert_eq!(b.base().as_str(), "https://jitops.com/billing/");
        assert!(PortalAddress::parse("http://127.0.0.1:8080/").is_ok());
        assert!(PortalAddress::parse("http://localhost:8080/").is_ok());
        assert!(matches!(
            PortalAddress::parse("http://jitops.com/"),
            Err(PortalError::InvalidPortalUrl(_))
        ));
        assert!(PortalAddress::parse("ftp://jitops.com/").is_err());
        for with_credentials in [
            "https://user:pass@jitops.com/",
            "https://user@jitops.com/",
            "user:secret@jitops.com",
        ] {
            let refused = PortalAddress::parse(with_credentials);
            assert!(
                matches!(&refused, Err(PortalError::InvalidPortalUrl(why)) if !why.contains("secret")),
                "{with_credentials}: {refused:?}"
            );
        }
        assert!(PortalAddress::parse("https://").is_err());
    }

    #[test]
    fn owns_compares_origin() {
        let a = PortalAddress::parse("http://127.0.0.1:8080/").unwrap();
        assert!(a.owns(&Url::parse("http://127.0.0.1:8080/x.php").unwrap()));
        assert!(!a.owns(&Url::parse("http://127.0.0.1:8081/x.php").unwrap()));
    }
}
