//! Owns the demo's second factor: RFC 6238 TOTP codes (SHA-1, 30 s, 6 digits) from a base32
//! secret, as authenticator apps compute them.

use hmac::{Hmac, Mac};
use sha1::Sha1;

fn base32_decode(secret: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u64;
    let mut count = 0;
    let mut out = vec![];
    for ch in secret.bytes().filter(|c| *c != b'=' && *c != b' ') {
        let value = ALPHABET
            .iter()
            .position(|a| *a == ch.to_ascii_uppercase())? as u64;
        bits = (bits << 5) | value;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

/// The code for a Unix time.
pub fn code_at(secret: &str, unix_seconds: u64) -> String {
    let key = base32_decode(secret).unwrap_or_default();
    let counter = unix_seconds / 30;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).expect("any key length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", value % 1_000_000)
}

pub fn now_code(secret: &str) -> String {
    code_at(secret, unix_now())
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Accepts the current code and the ones just before and after (clock drift).
pub fn verify(secret: &str, code: &str) -> bool {
    let now = unix_now();
    let code = code.trim();
    [now.saturating_sub(30), now, now + 30]
        .iter()
        .any(|t| code_at(secret, *t) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_vector() {
        // RFC 6238's SHA-1 key "12345678901234567890" in base32, at T = 59 s: 94287082.
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assert_eq!(code_at(secret, 59), "287082");
        assert_eq!(code_at(secret, 1111111109), "081804");
    }

    #[test]
    fn verify_accepts_now_and_rejects_garbage() {
        let s = crate::people::TOTP_SECRET;
        assert!(verify(s, &now_code(s)));
        assert!(!verify(s, "000000x"));
    }
}
