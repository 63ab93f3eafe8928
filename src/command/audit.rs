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
