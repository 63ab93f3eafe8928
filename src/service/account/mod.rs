//! Accounts: users, passwords, sessions (with login throttling), API tokens and the first
//! admin. One module per concern; their functions are re-exported here.

mod password;
mod session;
mod token;
mod user;

pub use password::{change_password, hash_password, reset_password, reset_password_of};
pub use session::{
    login, logout, resolve_session, OpenedSession, LOGIN_WINDOW, MAX_LOGIN_FAILURES,
    SESSION_LIFETIME,
};
pub use token::{
    create_token, list_tokens, resolve_api_token, revoke_token, revoke_token_by_secret,
    CreatedToken, API_TOKEN_PREFIX,
};
pub use user::{
    active_user_named, create_user, ensure_first_admin, list_users, set_disabled, set_language,
    NewUser,
};

use crate::error::AppError;
use sha2::{Digest, Sha256};

/// `n` random bytes from the operating system, hex-encoded.
pub fn random_hex(n: usize) -> Result<String, AppError> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| AppError::Unexpected(format!("no randomness: {e}")))?;
    Ok(hex::encode(buf))
}

/// SHA-256 of a secret token, hex: what is stored in place of the token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
