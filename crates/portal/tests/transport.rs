//! Transport rules: the portal's certificate is checked against its name (a self-signed one is
//! refused with its own error), and plain http:// for any portal that is not on this machine is
//! refused before a single byte is sent.

use portal::{Credentials, PortalAddress, PortalError, Session, SessionOptions};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

const HOST: &str = "portal.jitops.test";

fn credentials() -> Credentials {
    Credentials {
        email: "demo@jitops.example".into(),
        password: "demo".into(),
    }
}

/// A TLS server on loopback presenting a self-signed certificate for `HOST`; answers a
/// WHMCS-looking page to whoever completes the handshake. Returns its address and the number
/// of requests it answered.
async fn self_signed_portal() -> (SocketAddr, Arc<AtomicUsize>) {
    let cert = rcgen::generate_simple_self_signed(vec![HOST.to_owned()]).unwrap();
    let chain = vec![cert.cert.der().clone()];
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(rustls::pki_types::PrivatePkcs8KeyDer::from(
        cert.key_pair.serialize_der(),
    ));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let answered = Arc::new(AtomicUsize::new(0));
    let count = answered.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let count = count.clone();
            tokio::spawn(async move {
                if let Ok(mut tls) = acceptor.accept(tcp).await {
                    count.fetch_add(1, Ordering::SeqCst);
                    let body = "<html><body><form class=\"login-form\"></form></body></html>";
                    let _ = tls
                        .write_all(
                            format!(
                                "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{body}",
                                body.len()
                            )
                            .as_bytes(),
                        )
                        .await;
                }
            });
        }
    });
    (addr, answered)
}

#[tokio::test]
async fn a_self_signed_certificate_is_refused_with_a_clear_error() {
    let (addr, answered) = self_signed_portal().await;
    let session = Session::with_options(
        PortalAddress::parse(&format!("https://{HOST}:{}/", addr.port())).unwrap(),
        SessionOptions {
            resolve: vec![(HOST.to_owned(), addr)],
            ..Default::default()
        },
    )
    .unwrap();
    let error = session.sign_in(credentials(), false).await.unwrap_err();
    assert!(
        matches!(error, PortalError::UntrustedCertificate(_)),
        "{error:?}"
    );
    assert_eq!(error.kind(), "untrusted-certificate");
    assert!(error.to_string().contains("certificate"), "{error}");
    assert_eq!(
        answered.load(Ordering::SeqCst),
        0,
        "no request went over the untrusted connection"
    );
}

#[tokio::test]
async fn plain_http_to_a_portal_elsewhere_is_refused_before_any_connection() {
    // Something listens where the name points, and counts who connects.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let count = connections.clone();
    tokio::spawn(async move {
        while listener.accept().await.is_ok() {
            count.fetch_add(1, Ordering::SeqCst);
        }
    });
    for address in [
        format!("http://{HOST}:{}/", addr.port()),
        "http://jitops.com/".to_owned(),
        "http://billing.example.com/clientarea.php".to_owned(),
    ] {
        let refused = PortalAddress::parse(&address).unwrap_err();
        assert!(
            matches!(refused, PortalError::InvalidPortalUrl(_)),
            "{address}: {refused:?}"
        );
    }
    // Even a redirect cannot downgrade: the client only speaks https to a non-loopback host.
    let session = Session::with_options(
        PortalAddress::parse(&format!("https://{HOST}:{}/", addr.port())).unwrap(),
        SessionOptions {
            resolve: vec![(HOST.to_owned(), addr)],
            timeout: std::time::Duration::from_secs(2),
            ..Default::default()
        },
    )
    .unwrap();
    let plain = url::Url::parse(&format!("http://{HOST}:{}/clientarea.php", addr.port())).unwrap();
    assert!(session.get_raw(plain).await.is_err());
    // A connection of our own, after: once it is counted, any earlier one would have been.
    let _barrier = tokio::net::TcpStream::connect(addr).await.unwrap();
    while connections.load(Ordering::SeqCst) == 0 {
        tokio::task::yield_now().await;
    }
    assert_eq!(
        connections.load(Ordering::SeqCst),
        1,
        "nothing was sent before"
    );
}

/// A TLS server on loopback with a certificate for `names` (trusted by the test's sessions):
/// answers each request with `answer(host, path, its port)`, a whole HTTP response.
async fn named_portal(
    names: &[&str],
    answer: impl Fn(&str, &str, u16) -> String + Send + Sync + 'static,
) -> (SocketAddr, Vec<u8>) {
    use tokio::io::AsyncReadExt;
    let cert =
        rcgen::generate_simple_self_signed(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .unwrap();
    let der = cert.cert.der().to_vec();
    let chain = vec![cert.cert.der().clone()];
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(rustls::pki_types::PrivatePkcs8KeyDer::from(
        cert.key_pair.serialize_der(),
    ));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let answer = answer.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = vec![0u8; 8192];
                let n = tls.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).into_owned();
                let path = request
                    .lines()
                    .next()
                    .and_then(|l| l.split_whitespace().nth(1))
                    .unwrap_or("/")
                    .to_owned();
                let host = request
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("host")
                            .then(|| value.trim().to_owned())
                    })
                    .unwrap_or_default();
                let host = host.split(':').next().unwrap_or("").to_owned();
                let _ = tls
                    .write_all(answer(&host, &path, addr.port()).as_bytes())
                    .await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (addr, der)
}

fn redirect_to(location: &str) -> String {
    format!("HTTP/1.1 301 Moved Permanently\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
}

fn login_page() -> String {
    let body = "<html><body><form class=\"login-form\" method=\"post\" action=\"index.php?rp=/login\">\
                <input name=\"username\"><input name=\"password\" type=\"password\"></form></body></html>";
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

const NAMES: [&str; 3] = ["jitops.test", "www.jitops.test", "elsewhere.test"];

fn options(addr: SocketAddr, root: &[u8]) -> SessionOptions {
    SessionOptions {
        resolve: NAMES.iter().map(|n| (n.to_string(), addr)).collect(),
        root_certificates: vec![root.to_vec()],
        ..Default::default()
    }
}

#[tokio::test]
async fn a_redirect_to_the_same_sites_www_name_is_followed_and_becomes_the_portal() {
    let (addr, root) = named_portal(&NAMES, |host, path, port| match host {
        "jitops.test" => redirect_to(&format!("https://www.jitops.test:{port}{path}")),
        _ => login_page(),
    })
    .await;
    let asked =
        PortalAddress::parse(&format!("https://jitops.test:{}/billing/", addr.port())).unwrap();
    let settled = portal::session::settle(asked, &options(addr, &root))
        .await
        .unwrap();
    assert_eq!(
        settled.base().as_str(),
        format!("https://www.jitops.test:{}/billing/", addr.port())
    );
}

#[tokio::test]
async fn a_redirect_to_another_site_is_not_followed() {
    let (addr, root) = named_portal(&NAMES, |host, path, port| match host {
        "jitops.test" => redirect_to(&format!("https://elsewhere.test:{port}{path}")),
        _ => login_page(),
    })
    .await;
    let asked = PortalAddress::parse(&format!("https://jitops.test:{}/", addr.port())).unwrap();
    let settled = portal::session::settle(asked.clone(), &options(addr, &root))
        .await
        .unwrap();
    assert_eq!(settled, asked, "the portal stays where the person said");
    // And the session on it does not follow there either: its sign-in finds no sign-in page.
    let session = Session::with_options(settled, options(addr, &root)).unwrap();
    let refused = session.sign_in(credentials(), false).await;
    assert!(
        matches!(refused, Err(PortalError::UnexpectedPage { .. })),
        "{refused:?}"
    );
}

#[test]
fn only_the_www_name_of_the_same_site_over_https_counts() {
    let portal = PortalAddress::parse("https://jitops.com/").unwrap();
    let same = |u: &str| portal.is_same_site(&url::Url::parse(u).unwrap());
    assert!(same("https://www.jitops.com/clientarea.php"));
    assert!(!same("http://www.jitops.com/clientarea.php"));
    assert!(!same("https://www.jitops.com:8443/"));
    assert!(!same("https://evil.jitops.com/"));
    assert!(!same("https://www.jitops.com.evil.example/"));
    assert!(!same("https://wwwjitops.com/"));
    let www = PortalAddress::parse("https://www.jitops.com/").unwrap();
    assert!(www.is_same_site(&url::Url::parse("https://jitops.com/").unwrap()));
}
