//! Group commit for SQLite's one writer connection.
//!
//! Writes still run one at a time on the writer, their own transactions becoming savepoints
//! (a failing one undoes only itself), but they share one transaction: a writer that finishes while
//! others are queued for the connection leaves the commit to the last of them, and waits for
//! it. Every caller is answered only after the transaction holding its write has committed, so
//! what a caller was told is stored is stored; meanwhile a burst of 64 verdicts costs one commit
//! (one write of each page they touched to the WAL) instead of 64.

use super::connection::Pooled;
use super::{DatabaseError, DbConnection};
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Most writes in one transaction: bounds how long the first of them waits for its commit.
const MAX_GROUP: usize = 64;

/// The writer connection and the transaction its writes share.
pub struct GroupWriter {
    state: Mutex<State>,
    committed: Condvar,
    /// Writers waiting for the connection: while there are any, a commit can wait for them.
    queued: AtomicUsize,
}

struct State {
    conn: r2d2::PooledConnection<super::connection::ConnectionManager>,
    /// Whether a group transaction is open, and how many writes it holds.
    open: bool,
    members: usize,
    /// The number of the open (or next) group; groups before it have ended.
    group: u64,
    /// Why recent groups failed to commit, by number (rare; pruned as groups pass).
    failures: Vec<(u64, String)>,
}

impl GroupWriter {
    pub fn new(conn: r2d2::PooledConnection<super::connection::ConnectionManager>) -> Self {
        Self {
            state: Mutex::new(State {
                conn,
                open: false,
                members: 0,
                group: 0,
                failures: Vec::new(),
            }),
            committed: Condvar::new(),
            queued: AtomicUsize::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `work` in the shared transaction; returns once that transaction has committed (or
    /// failed to, which the caller then hears as an error).
    pub fn write<T, E>(&self, work: impl FnOnce(&mut DbConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DatabaseError>,
    {
        self.queued.fetch_add(1, Ordering::SeqCst);
        let mut state = self.lock();
        self.queued.fetch_sub(1, Ordering::SeqCst);
        if !state.open {
            begin(&mut state.conn)?;
            state.open = true;
            state.members = 0;
        }
        let group = state.group;
        // As on a connection of its own, the work decides its transactions (they become
        // savepoints of the group's); what it writes outside them stays, even when it then
        // fails (a failed login is counted and refused).
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&mut state.conn.conn)));
        let result = match outcome {
            Ok(result) => result,
            Err(panic) => {
                // A bug in the middle of a write: nothing of the group can be vouched for; undo
                // it all, answer its writers with an error, and let the panic go on.
                self.end_group(&mut state, Err("a write failed in the middle".into()));
                drop(state);
                std::panic::resume_unwind(panic);
            }
        };
        if !still_in_group(&mut state.conn) {
            // The work ended the shared transaction itself: nothing of the group can be vouched
            // for any more.
            let reason = "a write ended the shared transaction".to_string();
            self.end_group(&mut state, Err(reason));
            drop(state);
            return Err(DatabaseError::Url("a write ended the shared transaction".into()).into());
        }
        state.members += 1;
        if self.queued.load(Ordering::SeqCst) == 0 || state.members >= MAX_GROUP {
            let outcome = commit(&mut state.conn);
            self.end_group(&mut state, outcome);
        } else {
            state = self
                .committed
                .wait_while(state, |s| s.group == group)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let failed = state
            .failures
            .iter()
            .find(|(g, _)| *g == group)
            .map(|(_, why)| why.clone());
        drop(state);
        match (result, failed) {
            (Ok(value), None) => Ok(value),
            (Ok(_), Some(why)) => Err(DatabaseError::Url(format!("commit failed: {why}")).into()),
            (Err(e), _) => Err(e),
        }
    }

    /// Ends the open group (committed, or rolled back with the reason) and wakes its writers.
    fn end_group(&self, state: &mut State, outcome: Result<(), String>) {
        if let Err(why) = outcome {
            // Whatever savepoints a failed write left open, the whole transaction goes.
            let _ = state.conn.conn.batch_execute("ROLLBACK");
            reset_depth(&mut state.conn.conn);
            state.failures.push((state.group, why));
        }
        let group = state.group;
        state.failures.retain(|(g, _)| *g + 1_000 > group);
        state.open = false;
        state.members = 0;
        state.group += 1;
        self.committed.notify_all();
    }
}

fn sqlite(conn: &mut Pooled) -> Result<&mut diesel::SqliteConnection, DatabaseError> {
    match &mut conn.conn {
        DbConnection::Sqlite(c) => Ok(c),
        DbConnection::Postgresql(_) => Err(DatabaseError::Url(
            "group commit is for SQLite's writer".into(),
        )),
    }
}

/// `BEGIN IMMEDIATE`: the write lock from the start, as every write needs it.
fn begin(conn: &mut Pooled) -> Result<(), DatabaseError> {
    let c = sqlite(conn)?;
    AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
        .map_err(|e| DatabaseError::Url(format!("starting a write: {e}")))
}

fn commit(conn: &mut Pooled) -> Result<(), String> {
    let c = sqlite(conn).map_err(|e| e.to_string())?;
    AnsiTransactionManager::commit_transaction(c).map_err(|e| e.to_string())
}

/// Whether the group's transaction is still the one open, at depth 1.
fn still_in_group(conn: &mut Pooled) -> bool {
    sqlite(conn).is_ok_and(|c| {
        AnsiTransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()
            .is_ok_and(|d| d.map(u32::from) == Some(1))
    })
}

/// After a raw `ROLLBACK`, tells diesel no transaction is open any more.
fn reset_depth(conn: &mut DbConnection) {
    if let DbConnection::Sqlite(c) = conn {
        let status = AnsiTransactionManager::transaction_manager_status_mut(c);
        *status = diesel::connection::TransactionManagerStatus::default();
    }
}
