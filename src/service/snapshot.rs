//! What the audit trail records of an article, a statement or a verdict: JSON snapshots taken
//! before and after each change.

use crate::storage::article::ArticleRow;
use crate::storage::source::SourceRow;
use crate::storage::statement::StatementRow;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// A statement as recorded in the audit trail.
pub fn statement(s: &StatementRow) -> Value {
    json!({
        "start": s.span_start, "end": s.span_end, "text": s.text, "kind": s.kind,
        "values": serde_json::from_str::<Value>(&s.values_json).unwrap_or_default(),
        "gloss_en": s.gloss_en, "score": s.score, "rule": s.rule, "origin": s.origin,
        "verdict": s.verdict, "note": s.note, "version": s.version,
        "assigned_to": s.assigned_to, "approval": s.approval,
    })
}

/// An article as recorded in the audit trail: its metadata and a hash of its body.
pub fn article(a: &ArticleRow) -> Value {
    json!({
        "title": a.title, "language": a.language, "outlet": a.outlet, "url": a.url,
        "published_at": a.published_at, "status": a.status,
        "body_sha256": content_hash(&a.body),
        "body_bytes": a.body.len(),
    })
}

/// A statement's verdict, note and sources as recorded in the audit trail.
pub fn verdict(row: &StatementRow, sources: &[SourceRow]) -> Value {
    json!({
        "verdict": row.verdict, "note": row.note, "sources": sources,
        "reviewed_by": row.reviewed_by, "approval": row.approval, "version": row.version,
    })
}

/// Adds the correction reason, if any, to a snapshot.
pub fn with_correction(mut snapshot: Value, reason: &Option<String>) -> Value {
    if let (Some(r), Some(obj)) = (reason, snapshot.as_object_mut()) {
        obj.insert("correction_reason".into(), json!(r));
    }
    snapshot
}

/// SHA-256 of an article body, hex.
pub fn content_hash(body: &str) -> String {
    hex::encode(Sha256::digest(body.as_bytes()))
}
