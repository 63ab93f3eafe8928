//! `claimdesk migrate-data --from SQLITE --to POSTGRES`: moves a newsroom from the embedded
//! database to a shared one (or back), everything included and the audit chain intact, then
//! verifies the chain where it landed.
//!
//! The audit chain's hashes are keyed (see `storage::seal`): the copy can only be verified with
//! the same key, so the source's key file (and its checkpoint log) is copied to where the
//! target looks for its own. Sessions, failed-login counters and presence are not copied: they
//! are moments, not records (people log in again).

use super::audit::{verify, Verification};
use crate::service::matching;
use crate::storage::article::ArticleRow;
use crate::storage::audit::AuditRow;
use crate::storage::comment::CommentRow;
use crate::storage::fact::FactRow;
use crate::storage::matching::{MatchRow, MeaningRow};
use crate::storage::notification::NotificationRow;
use crate::storage::schema;
use crate::storage::seal::Seal;
use crate::storage::source::SourceRow;
use crate::storage::statement::StatementRow;
use crate::storage::token::TokenRow;
use crate::storage::user::UserRow;
use crate::storage::{Database, DatabaseError, DatabaseUrl, DbConnection};
use anyhow::{bail, Context};
use diesel::prelude::*;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Rows per INSERT: under both backends' limits on bound parameters for the widest table.
const CHUNK: usize = 200;

/// Copies every table of `from` into the empty database `to`, then verifies the audit chain
/// there. Exit 0 when the copy verifies; 1 when it was copied but does not verify.
pub fn run(from: &str, to: &str) -> anyhow::Result<ExitCode> {
    let from_url = DatabaseUrl::parse(from).map_err(anyhow::Error::msg)?;
    let to_url = DatabaseUrl::parse(to).map_err(anyhow::Error::msg)?;
    if from_url.redacted() == to_url.redacted() {
        bail!("--from and --to name the same database");
    }
    if from_url.backend() == crate::storage::Backend::Sqlite
        && !Path::new(from_url.target()).exists()
    {
        bail!("there is no database at {}", from_url.target());
    }
    let started = Instant::now();
    let source = Database::open(&from_url).context("opening --from")?;
    carry_audit_key(&from_url, &to_url)?;
    let target = Database::open(&to_url).context("opening --to")?;
    target.read(ensure_empty)?;

    let reader = source.clone();
    let copied = target
        .write(move |dst| {
            let source = reader;
            dst.transaction(|dst| -> Result<Vec<(&'static str, usize)>, CopyError> {
                let mut copied = Vec::new();
                macro_rules! copy {
                    ($name:literal, $table:ident, $row:ty, $order:expr) => {{
                        let rows: Vec<$row> = source.read(|src| {
                            schema::$table::table
                                .select(<$row>::as_select())
                                .order($order)
                                .load(src)
                                .map_err(DatabaseError::from)
                        })?;
                        for chunk in rows.chunks(CHUNK) {
                            match dst {
                                DbConnection::Sqlite(c) => {
                                    diesel::insert_into(schema::$table::table)
                                        .values(chunk)
                                        .execute(c)?
                                }
                                DbConnection::Postgresql(c) => {
                                    diesel::insert_into(schema::$table::table)
                                        .values(chunk)
                                        .execute(c)?
                                }
                            };
                        }
                        copied.push(($name, rows.len()));
                    }};
                }
                copy!("users", users, UserRow, schema::users::id);
                copy_settings(&source, dst)?;
                copy!("API tokens", api_tokens, TokenRow, schema::api_tokens::id);
                copy!("articles", articles, ArticleRow, schema::articles::id);
                copy!(
                    "statements",
                    statements,
                    StatementRow,
                    schema::statements::id
                );
                copy!("sources", sources, SourceRow, schema::sources::id);
                copy!("comments", comments, CommentRow, schema::comments::id);
                copy!(
                    "notifications",
                    notifications,
                    NotificationRow,
                    schema::notifications::id
                );
                copy!("facts", facts, FactRow, schema::facts::id);
                copy!(
                    "meaning vectors",
                    statement_meaning,
                    MeaningRow,
                    schema::statement_meaning::statement_id
                );
                copy!(
                    "matches",
                    statement_matches,
                    MatchRow,
                    (
                        schema::statement_matches::statement_id,
                        schema::statement_matches::match_id
                    )
                );
                copy!(
                    "audit events",
                    audit_events,
                    AuditRow,
                    schema::audit_events::seq
                );
                let indexed =
                    matching::index_missing(dst).map_err(|e| CopyError::Other(e.to_string()))?;
                copied.push(("statements indexed for matching", indexed));
                Ok(copied)
            })
        })
        .map_err(|e| anyhow::anyhow!("copying failed, nothing was kept: {e}"))?;
    for (what, n) in &copied {
        println!("copied {n} {what}");
    }
    println!(
        "in {:.1} s; verifying the audit trail there",
        started.elapsed().as_secs_f64()
    );
    drop(target);
    let target = Database::open(&to_url)?;
    match verify(&target, None)? {
        Verification::Intact { events, head } => {
            println!(
                "audit trail intact in the new database: {events} events, head {}",
                head.as_deref().unwrap_or("(empty)")
            );
            Ok(ExitCode::SUCCESS)
        }
        Verification::Broken { seq, reason } => {
            eprintln!("audit trail BROKEN in the new database at event {seq}: {reason}");
            Ok(ExitCode::from(1))
        }
    }
}

/// Why a copy failed (it is rolled back).
#[derive(Debug, thiserror::Error)]
enum CopyError {
    #[error(transparent)]
    Database(#[from] DatabaseError),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    #[error("{0}")]
    Other(String),
}

fn copy_settings(source: &Database, dst: &mut DbConnection) -> Result<(), CopyError> {
    use schema::settings::dsl::{key, settings, value};
    let rows: Vec<(String, String)> = source.read(|src| {
        settings
            .select((key, value))
            .load(src)
            .map_err(DatabaseError::from)
    })?;
    for (k, v) in rows {
        // A fresh database may hold settings of its own (made when it was opened): the
        // newsroom's win.
        diesel::delete(settings.filter(key.eq(&k))).execute(dst)?;
        diesel::insert_into(settings)
            .values((key.eq(k), value.eq(v)))
            .execute(dst)?;
    }
    Ok(())
}

/// Refuses a target that already holds a newsroom: the copy would mix two audit chains.
fn ensure_empty(conn: &mut DbConnection) -> anyhow::Result<()> {
    let users: i64 = schema::users::table.count().get_result(conn)?;
    let events: i64 = schema::audit_events::table.count().get_result(conn)?;
    if users > 0 || events > 0 {
        bail!(
            "the --to database is not empty ({users} users, {events} audit events): \
             migrate-data copies into a fresh database only"
        );
    }
    Ok(())
}

/// Puts the source's audit key file (and checkpoint log) where the target will look for its
/// key, so that the copied chain verifies there.
fn carry_audit_key(from: &DatabaseUrl, to: &DatabaseUrl) -> anyhow::Result<()> {
    let source_key = Seal::default_path(from);
    let target_key = Seal::default_path(to);
    if !source_key.exists() {
        bail!(
            "the audit key file of --from is missing ({}): without it the copied trail cannot be \
             verified; set CLAIMDESK_AUDIT_KEY_FILE if it lives elsewhere",
            source_key.display()
        );
    }
    if source_key == target_key {
        return Ok(());
    }
    let key = std::fs::read(&source_key).context("reading the audit key file")?;
    if target_key.exists() {
        if std::fs::read(&target_key)? == key {
            return Ok(());
        }
        bail!(
            "{} already holds another audit key: move it away (or point CLAIMDESK_AUDIT_KEY_FILE \
             at {}) and run again",
            target_key.display(),
            source_key.display()
        );
    }
    write_private(&target_key, &key)?;
    let log = |p: &Path| {
        let mut s = p.as_os_str().to_owned();
        s.push(".checkpoints");
        std::path::PathBuf::from(s)
    };
    if log(&source_key).exists() {
        std::fs::copy(log(&source_key), log(&target_key)).context("copying the checkpoint log")?;
    }
    println!(
        "copied the audit key file to {} (instances of the new database must use it)",
        target_key.display()
    );
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}
