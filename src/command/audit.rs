//! `claimdesk audit verify`: walks the hash chain from the first event to the head.

use crate::service::audit::{seq_of_hash, verify_chain};
use crate::storage::seal::Checkpoint;
use crate::storage::Database;

pub use crate::service::audit::Verification;

/// Verifies the whole chain (and, when given, that the checkpoint's event is still there).
pub fn verify(db: &Database, checkpoint: Option<&Checkpoint>) -> anyhow::Result<Verification> {
    Ok(db.read(|conn| verify_chain(conn, checkpoint))?)
}

/// The signed checkpoint in a file: a checkpoint as JSON, or a report (JSON, HTML or Markdown)
/// that carries one.
pub fn checkpoint_in(text: &str) -> Option<Checkpoint> {
    if let Ok(c) = serde_json::from_str::<Checkpoint>(text) {
        return Some(c);
    }
    text.match_indices('{').find_map(|(i, _)| {
        serde_json::Deserializer::from_str(&text[i..])
            .into_iter::<Checkpoint>()
            .next()
            .and_then(Result::ok)
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
    let found = db.read(|conn| seq_of_hash(conn, &head.hash))?;
    Ok(match found {
        None => Err(format!(
            "the report's chain head {} is not in this audit trail",
            head.hash
        )),
        Some(seq) if head.seq.is_some_and(|s| s != seq) => Err(format!(
            "the report names event {} but hash {} belongs to event {seq}",
            head.seq.unwrap_or_default(),
            head.hash,
        )),
        Some(seq) => Ok(seq),
    })
}

/// `claimdesk audit verify [--report FILE]`: exit 0 when intact (and the report's head is in
/// the trail), 1 naming the first problem.
pub fn run_verify(
    database: &str,
    report: Option<&str>,
    checkpoint: Option<&str>,
) -> anyhow::Result<std::process::ExitCode> {
    use std::process::ExitCode;
    let db = super::open_database(database)?;
    let checkpoint = match checkpoint {
        Some(path) => Some(
            checkpoint_in(&super::extract::read_text(path)?)
                .ok_or_else(|| anyhow::anyhow!("{path} holds no signed checkpoint"))?,
        ),
        None => None,
    };
    let reported = match report {
        Some(path) => {
            let text = super::extract::read_text(path)?;
            Some(reported_head(&text).ok_or_else(|| {
                anyhow::anyhow!("{path} names no audit chain head (is it a claimdesk report?)")
            })?)
        }
        None => None,
    };
    match verify(&db, checkpoint.as_ref())? {
        Verification::Intact { events, head } => {
            println!(
                "audit trail intact: {events} events, head {}",
                head.as_deref().unwrap_or("(empty)")
            );
            if let Some(c) = &checkpoint {
                println!(
                    "the checkpoint of event {} ({}) is genuine and its event is in the trail",
                    c.seq, c.at
                );
            }
            if let Some(reported) = reported {
                match check_report_head(&db, &reported)? {
                    Ok(seq) => println!("the report's chain head is event {seq} of this trail"),
                    Err(reason) => {
                        eprintln!("report NOT verified: {reason}");
                        return Ok(ExitCode::from(1));
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Verification::Broken { seq, reason } => {
            eprintln!("audit trail BROKEN at event {seq}: {reason}");
            Ok(ExitCode::from(1))
        }
    }
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
