//! Owns the demo's random tokens (session ids, CSRF tokens, order numbers, captcha answers).

use rand::Rng;

/// `len` characters drawn from `alphabet`.
pub(crate) fn token(len: usize, alphabet: &[u8]) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char)
        .collect()
}
