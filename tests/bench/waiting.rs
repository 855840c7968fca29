//! Waiting for a page's element, the same for the app and for Chromium.

use super::*;

/// Waits for an element, looking every 10 ms.
pub(crate) async fn appears(client: &Client, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.find(Locator::Css(css)).await.is_err() {
        assert!(Instant::now() < deadline, "{css} did not appear");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

pub(crate) async fn click(client: &Client, css: &str) {
    appears(client, css).await;
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}
