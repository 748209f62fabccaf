//! What the browser tests share: one way to wait for a condition.

use std::future::Future;

use kiubi_panel::api::sleep_ms;

/// Waits until `condition` holds, looking every 20 ms, for 10 s at most: effects, re-renders and
/// replies come on later ticks, never at a set time.
pub async fn wait_until<F: Future<Output = bool>>(what: &str, mut condition: impl FnMut() -> F) {
    for _ in 0..500 {
        if condition().await {
            return;
        }
        sleep_ms(20).await;
    }
    panic!("never: {what}");
}
