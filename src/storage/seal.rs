//! The secrets that seal the audit trail, kept outside the database: whoever can write to the
//! database but not read this file cannot rewrite history unnoticed.
//!
//! - A 256-bit HMAC key: from `keyed_from_seq` on, each event's hash is
//!   `HMAC-SHA256(key, prev_hash || canonical JSON)`, so an edited event cannot be given a
//!   matching hash (events written before the key existed keep their plain SHA-256 chain).
//! - An ed25519 key pair signs checkpoints of the chain head (sequence number and hash). Each
//!   report carries one and each is appended to the checkpoint log beside the key file, so
//!   events removed from the end of the trail are noticed, and anyone with the public key can
//!   check a checkpoint.
//!
//! The key file is created at first start (`<database>.keys` beside a SQLite file, else
//! `claimdesk-<database id>.keys` in the working directory, or `CLAIMDESK_AUDIT_KEY_FILE`), with
//! owner-only permissions. Back it up with the database; instances sharing a PostgreSQL database
//! must share it.

use super::connection::DatabaseUrl;
use super::Backend;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why the key file could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("audit key file {path}: {reason}")]
    File { path: String, reason: String },
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    version: u32,
    hmac_key: String,
    signing_key: String,
    keyed_from_seq: i64,
}

/// The loaded keys.
pub struct Seal {
    hmac_key: [u8; 32],
    signing: SigningKey,
    keyed_from: i64,
    path: PathBuf,
}

/// A signed statement that the audit trail had event `seq` with hash `hash` at `at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    /// When it was signed (RFC 3339, UTC).
    pub at: String,
    /// The ed25519 public key that signed it (hex).
    pub public_key: String,
    /// The ed25519 signature of `claimdesk-checkpoint:{seq}:{hash}:{at}` (hex).
    pub signature: String,
}

fn message(seq: i64, hash: &str, at: &str) -> String {
    format!("claimdesk-checkpoint:{seq}:{hash}:{at}")
}

impl Seal {
    /// Where the key file of this database lives.
    pub fn default_path(url: &DatabaseUrl) -> PathBuf {
        if let Some(file) = std::env::var_os("CLAIMDESK_AUDIT_KEY_FILE").filter(|v| !v.is_empty()) {
            return PathBuf::from(file);
        }
        match url.backend() {
            Backend::Sqlite => PathBuf::from(format!("{}.keys", url.target())),
            Backend::Postgres => {
                let id = hex::encode(Sha256::digest(url.redacted().as_bytes()));
                PathBuf::from(format!("claimdesk-{}.keys", &id[..12]))
            }
        }
    }

    /// Reads the key file, or creates it (keying events from `next_seq` on) when missing.
    pub fn open_or_create(path: &Path, next_seq: i64) -> Result<Self, SealError> {
        let fail = |reason: String| SealError::File {
            path: path.display().to_string(),
            reason,
        };
        if !path.exists() {
            let mut secret = [0u8; 64];
            getrandom::fill(&mut secret).map_err(|e| fail(format!("no randomness: {e}")))?;
            let file = KeyFile {
                version: 1,
                hmac_key: hex::encode(&secret[..32]),
                signing_key: hex::encode(&secret[32..]),
                keyed_from_seq: next_seq.max(1),
            };
            let text = serde_json::to_string_pretty(&file).map_err(|e| fail(e.to_string()))?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            match options.open(path) {
                Ok(mut f) => f
                    .write_all(text.as_bytes())
                    .and_then(|_| f.sync_all())
                    .map_err(|e| fail(e.to_string()))?,
                // Another instance created it first: read theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(fail(e.to_string())),
            }
        }
        let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
        let file: KeyFile =
            serde_json::from_str(&text).map_err(|e| fail(format!("not a key file: {e}")))?;
        let bytes = |hex_text: &str| -> Result<[u8; 32], SealError> {
            hex::decode(hex_text)
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| fail("a key is not 32 bytes of hex".into()))
        };
        Ok(Self {
            hmac_key: bytes(&file.hmac_key)?,
            signing: SigningKey::from_bytes(&bytes(&file.signing_key)?),
            keyed_from: file.keyed_from_seq,
            path: path.to_path_buf(),
        })
    }

    /// The first sequence number whose hash is keyed.
    pub fn keyed_from(&self) -> i64 {
        self.keyed_from
    }

    /// The hash event `seq` must carry, given its predecessor's hash and its canonical JSON.
    pub fn chain_hash(&self, seq: i64, prev_hash: &str, canonical: &str) -> String {
        if seq < self.keyed_from {
            let mut hasher = Sha256::new();
            hasher.update(prev_hash.as_bytes());
            hasher.update(canonical.as_bytes());
            return hex::encode(hasher.finalize());
        }
        // A key of any length is accepted by HMAC; this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.hmac_key) else {
            return String::new();
        };
        mac.update(prev_hash.as_bytes());
        mac.update(canonical.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The public key that checks this seal's checkpoints (hex).
    pub fn public_key(&self) -> String {
        hex::encode(self.signing.verifying_key().to_bytes())
    }

    /// A signed checkpoint of event `seq` with `hash`, also appended to the checkpoint log (a
    /// failure to append is logged: the report still carries it).
    pub fn checkpoint(&self, seq: i64, hash: &str) -> Checkpoint {
        let at = chrono::Utc::now()
            .format("%Y-%m-%dT%H:%M:%S%.6fZ")
            .to_string();
        let signature = self.signing.sign(message(seq, hash, &at).as_bytes());
        let checkpoint = Checkpoint {
            seq,
            hash: hash.to_string(),
            at,
            public_key: self.public_key(),
            signature: hex::encode(signature.to_bytes()),
        };
        if let Err(e) = self.append_to_log(&checkpoint) {
            tracing::error!(error = %e, "could not append to the checkpoint log");
        }
        checkpoint
    }

    /// The checkpoint log: one JSON checkpoint a line, beside the key file.
    pub fn log_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".checkpoints");
        PathBuf::from(name)
    }

    fn append_to_log(&self, checkpoint: &Checkpoint) -> std::io::Result<()> {
        let mut line = serde_json::to_string(checkpoint)?;
        line.push('\n');
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())?
            .write_all(line.as_bytes())
    }

    /// Every checkpoint in the log that this seal signed (others are skipped).
    pub fn logged_checkpoints(&self) -> Vec<Checkpoint> {
        std::fs::read_to_string(self.log_path())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<Checkpoint>(l).ok())
            .filter(|c| self.is_genuine(c))
            .collect()
    }

    /// True when the checkpoint was signed by this seal's key.
    pub fn is_genuine(&self, checkpoint: &Checkpoint) -> bool {
        if checkpoint.public_key != self.public_key() {
            return false;
        }
        let Some(signature) = hex::decode(&checkpoint.signature)
            .ok()
            .and_then(|b| <[u8; 64]>::try_from(b).ok())
            .map(|b| Signature::from_bytes(&b))
        else {
            return false;
        };
        let key: VerifyingKey = self.signing.verifying_key();
        key.verify(
            message(checkpoint.seq, &checkpoint.hash, &checkpoint.at).as_bytes(),
            &signature,
        )
        .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_made_once_and_checkpoints_verify_only_unaltered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.keys");
        let seal = Seal::open_or_create(&path, 5).unwrap();
        let again = Seal::open_or_create(&path, 99).unwrap();
        assert_eq!(again.keyed_from(), 5, "the first start decides");
        assert_eq!(
            seal.chain_hash(7, "ab", "{}"),
            again.chain_hash(7, "ab", "{}")
        );
        assert_ne!(
            seal.chain_hash(7, "ab", "{}"),
            seal.chain_hash(4, "ab", "{}")
        );
        let cp = seal.checkpoint(12, "cafe");
        assert!(again.is_genuine(&cp));
        assert_eq!(again.logged_checkpoints(), vec![cp.clone()]);
        let forged = Checkpoint { seq: 13, ..cp };
        assert!(!seal.is_genuine(&forged));
    }
}
