//! Owns a portal session signed in to the demo portal, as the portal crate's tests use it.

use demo_portal::DemoPortal;
use portal::{Credentials, PortalAddress, Session, SignIn};
use std::sync::Arc;

/// The demo accounts' password.
pub const PASSWORD: &str = "demo";

/// A session signed in to `demo` as `email` (no second factor asked).
pub async fn signed_in(demo: &DemoPortal, email: &str) -> Arc<Session> {
    let session = Session::new(PortalAddress::parse(demo.portal_url()).unwrap()).unwrap();
    let credentials = Credentials {
        email: email.into(),
        password: PASSWORD.into(),
    };
    assert_eq!(
        session.sign_in(credentials, false).await.unwrap(),
        SignIn::SignedIn
    );
    session
}
