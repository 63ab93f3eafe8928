//! Webhooks: a signed POST to the newsroom's configured URL when an article is signed off.
//!
//! The body is JSON; the `X-Claimdesk-Signature` header is `sha256=` followed by the hex
//! HMAC-SHA256 of the body under the shared secret, so the receiver can check who sent it.
//! Delivery is best effort after the sign-off has committed: three attempts, then a logged error.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::Duration;

/// Header carrying the body's signature.
pub const SIGNATURE_HEADER: &str = "X-Claimdesk-Signature";

/// Where and with which secret to send events.
#[derive(Clone)]
pub struct Webhook {
    pub url: String,
    pub secret: String,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// `sha256=HEX` of the HMAC-SHA256 of `body` under `secret`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length: the error case does not occur.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::from("sha256=");
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Sends `payload`, retrying twice on failure; returns the last error if all attempts fail.
pub async fn deliver(hook: &Webhook, payload: &serde_json::Value) -> Result<(), String> {
    let body = serde_json::to_vec(payload).map_err(|e| e.to_string())?;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| e.to_string())?;
    let mut last = String::new();
    for attempt in 0..3u32 {
        if attempt > 0 {
            tokio_sleep(Duration::from_millis(500 * 2u64.pow(attempt))).await;
        }
        let sent = client
            .post(&hook.url)
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, signature(&hook.secret, &body))
            .body(body.clone())
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => return Ok(()),
            Ok(r) => last = format!("the receiver answered {}", r.status()),
            Err(e) => last = e.to_string(),
        }
    }
    Err(last)
}

async fn tokio_sleep(d: Duration) {
    actix_web::rt::time::sleep(d).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_a_known_hmac() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
