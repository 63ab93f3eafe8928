//! `claimdesk audit verify`: walks the hash chain from the first event to the head.

use crate::storage::audit::{self, chain_hash, GENESIS_HASH};
use crate::storage::Database;

/// The outcome of a walk over the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Every event links to its predecessor and hashes to its stored hash.
    Intact { events: i64, head: Option<String> },
    /// The first event that does not fit, and why.
    Broken { seq: i64, reason: String },
}

/// Verifies the whole chain, a page at a time (memory stays flat on long histories).
pub fn verify(db: &Database) -> anyhow::Result<Verification> {
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut count = 0;
    loop {
        let page = db.read(|conn| {
            audit::page(conn, expected_seq - 1, 1000).map_err(crate::storage::DatabaseError::from)
        })?;
        if page.is_empty() {
            break;
        }
        for event in page {
            if event.seq != expected_seq {
                return Ok(Verification::Broken {
                    seq: expected_seq,
                    reason: format!(
                        "event {expected_seq} is missing (the next stored event is {})",
                        event.seq
                    ),
                });
            }
            if event.prev_hash != prev_hash {
                return Ok(Verification::Broken {
                    seq: event.seq,
                    reason: "its prev_hash does not match the previous event's hash \
                             (an event before it was removed, altered or reordered)"
                        .into(),
                });
            }
            let recomputed = chain_hash(&prev_hash, &event);
            if recomputed != event.hash {
                return Ok(Verification::Broken {
                    seq: event.seq,
                    reason: "its content does not match its hash (the event was altered)".into(),
                });
            }
            prev_hash = event.hash;
            expected_seq += 1;
            count += 1;
        }
    }
    Ok(Verification::Intact {
        events: count,
        head: (count > 0).then_some(prev_hash),
    })
}

/// The chain head a report printed: its hash, and its sequence number when the report gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedHead {
    pub seq: Option<i64>,
    pub hash: String,
}

/// Finds the audit chain head in a report: the JSON report's `chain_head`, or the
/// "chain head at export: event N, hash H" line of the HTML and Markdown reports (in French,
/// "événement N, hash H").
pub fn reported_head(report: &str) -> Option<ReportedHead> {
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(report) {
        let head = json.get("chain_head")?;
        return Some(ReportedHead {
            seq: head.get("seq").and_then(serde_json::Value::as_i64),
            hash: head.get("hash")?.as_str()?.to_string(),
        });
    }
    // HTML and Markdown, in either language: "... event 42, hash <code>H</code>".
    let at = report.find(", hash ")?;
    let digits: String = report[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let seq = digits.parse().ok();
    let rest = &report[at..];
    let hash = rest
        .as_bytes()
        .windows(64)
        .position(|w| {
            w.iter()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        })
        .map(|i| rest[i..i + 64].to_string())?;
    Some(ReportedHead { seq, hash })
}

/// Checks that a report's chain head is an event of this database's chain (with the same
/// sequence number). `Ok(Err(reason))` when it is not.
pub fn check_report_head(
    db: &Database,
    head: &ReportedHead,
) -> anyhow::Result<Result<i64, String>> {
    let found = db.read(|conn| {
        audit::find_by_hash(conn, &head.hash).map_err(crate::storage::DatabaseError::from)
    })?;
    Ok(match found {
        None => Err(format!(
            "the report's chain head {} is not in this audit trail",
            head.hash
        )),
        Some(event) if head.seq.is_some_and(|s| s != event.seq) => Err(format!(
            "the report names event {} but hash {} belongs to event {}",
            head.seq.unwrap_or_default(),
            head.hash,
            event.seq
        )),
        Some(event) => Ok(event.seq),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_head_in_html_markdown_and_json_reports() {
        let hash = "ab".repeat(32);
        let html =
            format!("<p>Audit chain head at export: event 42, hash <code>{hash}</code>.</p>");
        assert_eq!(
            reported_head(&html),
            Some(ReportedHead {
                seq: Some(42),
                hash: hash.clone()
            })
        );
        let md = format!("Audit chain head at export: event 7, hash `{hash}`.");
        assert_eq!(reported_head(&md).map(|h| h.seq), Some(Some(7)));
        let fr = format!("Tête de la chaîne d'audit à l'export : événement 9, hash `{hash}`.");
        assert_eq!(reported_head(&fr).map(|h| h.seq), Some(Some(9)));
        let json = format!(r#"{{"chain_head": {{"seq": 3, "hash": "{hash}"}}}}"#);
        assert_eq!(
            reported_head(&json),
            Some(ReportedHead { seq: Some(3), hash })
        );
        assert_eq!(reported_head("no head here"), None);
    }
}
