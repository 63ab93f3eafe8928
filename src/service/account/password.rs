//! Password hashing (argon2id, PHC strings) and checking.

use super::random_hex;
use crate::domain::Password;
use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// An argon2id PHC string for the password, with a fresh random salt.
pub fn hash_password(password: &Password) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::Unexpected(format!("no randomness: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Unexpected(e.to_string()))?;
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Unexpected(format!("password hashing failed: {e}")))
}

/// True when `candidate` matches the PHC string.
pub(super) fn verify_password(phc: &str, candidate: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(candidate.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A real hash of a random password, checked against when the user does not exist.
pub(super) fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let password = random_hex(16).unwrap_or_else(|_| "claimdesk-dummy-password".into());
        Password::parse(&password)
            .ok()
            .and_then(|p| hash_password(&p).ok())
            .unwrap_or_default()
    })
}
