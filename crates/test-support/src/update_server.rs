//! Owns the tests' update server: throwaway signing keys as `tauri signer generate` makes them
//! (the public key is the minisign key file, in base64), signatures as a release carries them,
//! and a manifest offering version 9.9.9 (made by `update-manifest`, as a release's) served on
//! loopback with the package it points at.

use base64::Engine;

/// The version the server offers.
pub const OFFERED: &str = "9.9.9";

/// A throwaway signing key; `public` is what an app built to trust it is given.
pub struct Key {
    pub public: String,
    pair: minisign::KeyPair,
}

impl Key {
    pub fn new() -> Key {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair");
        let file = pair.pk.to_box().expect("the public key file").into_string();
        Key {
            public: base64(file.as_bytes()),
            pair,
        }
    }

    /// The signature of `bytes` made for `version`, as the manifest carries it: the minisign
    /// signature file in base64, its trusted comment naming the version (as `make release`'s).
    pub fn sign(&self, bytes: &[u8], version: &str) -> String {
        let comment = format!("timestamp:1765000000\tfile:jitops-billing.deb\tversion:{version}");
        let signature = minisign::sign(
            Some(&self.pair.pk),
            &self.pair.sk,
            std::io::Cursor::new(bytes),
            Some(&comment),
            Some("signature from the tests"),
        )
        .expect("a signature");
        base64(signature.into_string().as_bytes())
    }
}

impl Default for Key {
    fn default() -> Self {
        Key::new()
    }
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The update server's addresses: `manifest` offers `OFFERED` with the signature given;
/// `none` answers 204 (no update).
pub struct UpdateServer {
    pub manifest: url::Url,
    pub none: url::Url,
}

/// Serves on loopback a manifest offering `OFFERED` (notes in English and Albanian) at
/// `/latest.json`, with `signature` and the package `served` at `/package.deb`.
pub async fn serve(signature: String, served: impl Into<Vec<u8>>) -> UpdateServer {
    let served: Vec<u8> = served.into();
    use axum::routing::get;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("its address"));
    // Made as `make release` makes one; the platform is the one a copy not installed from a
    // package looks for (the tests' debug build).
    let manifest = update_manifest::Manifest::new(
        OFFERED,
        chrono::DateTime::from_timestamp(1_764_579_600, 0).expect("a date"),
        "Payments are confirmed sooner.",
        "Pagesat konfirmohen më shpejt.",
    )
    .expect("notes in both languages")
    .with_package("linux-x86_64", &format!("{base}/package.deb"), &signature)
    .to_json();
    let app = axum::Router::new()
        .route(
            "/latest.json",
            get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    manifest,
                )
            }),
        )
        .route("/package.deb", get(move || async move { served }))
        .route(
            "/none",
            get(|| async { axum::http::StatusCode::NO_CONTENT }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await });
    UpdateServer {
        manifest: url::Url::parse(&format!("{base}/latest.json")).expect("an address"),
        none: url::Url::parse(&format!("{base}/none")).expect("an address"),
    }
}
