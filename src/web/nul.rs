//! NUL characters are refused everywhere with a 400 before any handler runs: PostgreSQL cannot
//! store them in text (it answered 500, even at login) and SQLite would store them silently.
//! A JSON body must also be an object, the only shape the API takes.
//! The query string is checked as sent (`%00`), and form and JSON bodies as received (a raw NUL,
//! `%00`, or JSON's `\u0000`).

use super::api::JSON_LIMIT;
use crate::error::AppError;
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut};
use futures_util::StreamExt;

const MESSAGE: &str = "text may not contain NUL characters (\\u0000)";

/// The middleware: 400 when the request carries a NUL character, else the request unchanged.
pub async fn refuse_nul(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if has_encoded_nul(req.query_string().as_bytes()) {
        return Err(AppError::validation(MESSAGE).into());
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let scanned = content_type.starts_with("application/json")
        || content_type.starts_with("application/x-www-form-urlencoded");
    if scanned {
        let mut payload = req.parts_mut().1.take();
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk?;
            if body.len() + chunk.len() > JSON_LIMIT {
                return Err(AppError::TooLarge(format!(
                    "the request body exceeds {} MB",
                    JSON_LIMIT / (1024 * 1024)
                ))
                .into());
            }
            body.extend_from_slice(&chunk);
        }
        if has_encoded_nul(&body) || has_json_nul(&body) {
            return Err(AppError::validation(MESSAGE).into());
        }
        if content_type.starts_with("application/json") && !is_object_or_empty(&body) {
            // serde reads a struct from a JSON array too (`[null, null]` would be a valid
            // assignment); every body this API takes is an object.
            return Err(AppError::validation("the JSON body must be an object: {...}").into());
        }
        req.set_payload(Payload::from(Bytes::from(body)));
    }
    next.call(req).await
}

/// True when the first non-blank byte opens a JSON object (or there is none: serde says what
/// is missing).
fn is_object_or_empty(body: &[u8]) -> bool {
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_none_or(|&b| b == b'{')
}

/// A raw NUL byte, or `%00` as URL-encoded forms and query strings send it.
fn has_encoded_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0) || bytes.windows(3).any(|w| w == b"%00")
}

/// JSON's `\u0000` escape (any case), unless its backslash is itself escaped.
fn has_json_nul(bytes: &[u8]) -> bool {
    bytes.windows(6).enumerate().any(|(i, w)| {
        w[0] == b'\\'
            && w[1] == b'u'
            && w[2..].iter().all(|&b| b == b'0')
            && bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_characters_are_found_in_every_encoding() {
        assert!(has_encoded_nul(b"q=a%00b"));
        assert!(has_encoded_nul(b"raw\0byte"));
        assert!(has_json_nul(br#"{"note": "a\u0000b"}"#));
        assert!(
            !has_json_nul(br#"{"note": "a\\u0000b"}"#),
            "an escaped backslash"
        );
        assert!(!has_encoded_nul(b"q=100%25"));
        assert!(!has_json_nul(br#"{"note": "\u00e9t\u00e9"}"#));
    }
}
