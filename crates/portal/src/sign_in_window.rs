//! Owns the rules of the sign-in window: the portal's own sign-in page, opened in a window of
//! the app when the portal asks for a captcha only a person can answer. The window may show the
//! portal and its captcha provider and nothing else; once the person is signed in there, the
//! app takes over the portal's session from it (see `Session::adopt_cookies`).

use crate::pages::CAPTCHA_PROVIDER_HOSTS;
use crate::session::PortalAddress;
use url::Url;

/// Whether the sign-in window may load `url`, as its page or as a frame of it: the portal's
/// own origin, a captcha provider over https, and the blank page frames start from.
pub fn may_load(portal: &PortalAddress, url: &Url) -> bool {
    if portal.owns(url) {
        return true;
    }
    if url.as_str() == "about:blank" || url.as_str() == "about:srcdoc" {
        return true;
    }
    url.scheme() == "https"
        && url.port().is_none()
        && url.username().is_empty()
        && url
            .host_str()
            .is_some_and(|host| CAPTCHA_PROVIDER_HOSTS.contains(&host))
}

/// The page the sign-in window opens: the client area, which a signed-out visitor is shown
/// the sign-in form of (with whatever captcha the portal has set up).
pub fn start_page(portal: &PortalAddress) -> Url {
    portal.page("clientarea.php")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_portal_and_captcha_providers() {
        let portal = PortalAddress::parse("https://portal.jitops.example/billing/").unwrap();
        let ok = |u: &str| may_load(&portal, &Url::parse(u).unwrap());
        assert!(ok(
            "https://portal.jitops.example/billing/index.php?rp=/login"
        ));
        assert!(ok("https://portal.jitops.example/clientarea.php"));
        assert!(ok("https://www.google.com/recaptcha/api2/anchor?k=x"));
        assert!(ok(
            "https://www.gstatic.com/recaptcha/releases/x/recaptcha__en.js"
        ));
        assert!(ok("https://hcaptcha.com/checkbox"));
        assert!(ok("about:blank"));
        assert!(!ok("http://www.google.com/recaptcha/api2/anchor"));
        assert!(!ok("https://www.google.com:8443/recaptcha/"));
        assert!(!ok("https://evil.example/phish"));
        assert!(!ok("https://portal.jitops.example.evil.example/"));
        assert!(!ok("http://portal.jitops.example/clientarea.php"));
        assert!(!ok("https://checkout.2checkout.com/"));
        assert!(!ok("file:///etc/passwd"));
        assert!(!ok("javascript:alert(1)"));
        let demo = PortalAddress::parse("http://127.0.0.1:4000/").unwrap();
        assert!(may_load(
            &demo,
            &Url::parse("http://127.0.0.1:4000/demo/recaptcha/api.js").unwrap()
        ));
        assert!(!may_load(
            &demo,
            &Url::parse("http://127.0.0.1:4001/").unwrap()
        ));
    }
}
