//! Owns waiting for a condition: asked again every 100 ms until it holds, and a test that
//! fails naming what it waited for when it does not hold in time. Never a fixed sleep.

use std::future::Future;
use std::time::{Duration, Instant};

const EVERY: Duration = Duration::from_millis(100);

/// Asks `probe` until it answers `Some`, for at most `within`; fails naming `what`.
pub async fn until<T, F, Fut>(what: &str, within: Duration, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    until_or(within, probe, || format!("waited {within:?} for {what}")).await
}

/// `until`, failing with what `explain` says then (the state the test found, to read in the
/// failure).
pub async fn until_or<T, F, Fut>(within: Duration, mut probe: F, explain: impl Fn() -> String) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + within;
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(Instant::now() < deadline, "{}", explain());
        tokio::time::sleep(EVERY).await;
    }
}

/// `until` for a probe that does not wait on anything itself (a file, a process).
pub fn until_blocking<T>(what: &str, within: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + within;
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(Instant::now() < deadline, "waited {within:?} for {what}");
        std::thread::sleep(EVERY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[tokio::test]
    async fn answers_the_first_found_and_asks_until_then() {
        let asked = Cell::new(0);
        let found = until("the third ask", Duration::from_secs(5), || {
            asked.set(asked.get() + 1);
            let n = asked.get();
            async move { (n == 3).then_some(n) }
        })
        .await;
        assert_eq!(found, 3);
    }

    #[test]
    #[should_panic(expected = "waited 200ms for nothing at all")]
    fn fails_naming_what_it_waited_for() {
        until_blocking("nothing at all", Duration::from_millis(200), || None::<()>);
    }
}
