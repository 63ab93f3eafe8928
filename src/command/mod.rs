//! The command-line subcommands other than `serve`. They use `anyhow` for errors, which the
//! binary prints as one clear line before exiting non-zero.

pub mod audit;
pub mod export;
pub mod extract;
pub mod import;
pub mod user;

use crate::storage::{Database, DatabaseUrl};

/// Opens the database named on the command line (created if missing, migrations applied).
pub fn open_database(raw: &str) -> anyhow::Result<Database> {
    let url = DatabaseUrl::parse(raw).map_err(anyhow::Error::msg)?;
    Ok(Database::open(&url)?)
}
