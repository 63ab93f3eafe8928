//! Group commit for SQLite's one writer connection, on a thread of its own.
//!
//! Writes are sent to the writer thread, which owns the connection and runs them one after
//! another, back to back (no handing a lock from thread to thread between two writes). Writes
//! that arrive while others run share their transaction: each write's own transactions become
//! savepoints of it (a failing write undoes only itself), and the thread commits when no write is
//! waiting any more, or after [`MAX_GROUP`] writes. Every caller is answered only after the
//! transaction holding its write has committed, so what a caller was told is stored is stored;
//! meanwhile a burst of 64 verdicts costs one commit instead of 64.

use super::connection::ConnectionManager;
use super::seal::Seal;
use super::{audit, live, DatabaseError, DbConnection};
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc};

/// Most writes in one transaction: bounds how long the first of them waits for its commit.
const MAX_GROUP: usize = 64;

/// The name of the writer thread (a write started from it could never be answered).
const THREAD_NAME: &str = "claimdesk-writer";

/// How one group ended: committed, or why not.
type Committed = Result<(), String>;

/// What a write leaves to do once its group has ended: answer its caller.
type Finish = Box<dyn FnOnce(&Committed) + Send>;

/// A write as the writer thread runs it: given the connection (or why the group could not
/// start), it does its work and returns how to answer its caller.
type Job = Box<dyn FnOnce(Result<&mut DbConnection, String>) -> Finish + Send>;

/// The queue to the writer thread. Dropping the last handle lets the thread finish the writes
/// already queued and close the connection.
pub struct GroupWriter {
    jobs: mpsc::Sender<Job>,
    feed: Arc<live::Feed>,
}

impl GroupWriter {
    /// Starts the writer thread on `conn`; its writes append to the audit trail under `seal`
    /// and announce their live signals on `feed` once committed.
    pub fn start(
        conn: r2d2::PooledConnection<ConnectionManager>,
        seal: Arc<Seal>,
        feed: Arc<live::Feed>,
    ) -> Result<Self, DatabaseError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .spawn(move || audit::with_seal(&seal, || run(conn, &queue)))
            .map_err(|e| DatabaseError::Url(format!("cannot start the writer thread: {e}")))?;
        Ok(Self { jobs, feed })
    }

    /// Runs `work` on the writer and waits until the transaction holding it has committed (a
    /// commit that fails is the caller's error). A write that panics is rolled back with its
    /// whole group, and the panic is raised again here.
    pub fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DatabaseError> + Send + 'static,
    {
        assert!(
            std::thread::current().name() != Some(THREAD_NAME),
            "a write started from inside another write would wait for itself"
        );
        let (reply, answer) = mpsc::sync_channel(1);
        self.submit(work, move |result| {
            let _ = reply.send(result);
        })?;
        match answer.recv() {
            Ok(result) => result,
            Err(_) => panic!("a write panicked on the writer thread (its group was rolled back)"),
        }
    }

    /// [`GroupWriter::write`] for async callers: waits without holding a thread.
    pub async fn write_async<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DatabaseError> + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.submit(work, move |result| {
            let _ = reply.send(result);
        })?;
        match answer.await {
            Ok(result) => result,
            Err(_) => Err(DatabaseError::Url(
                "the write failed in the middle and was rolled back".into(),
            )
            .into()),
        }
    }

    /// Queues `work`; `answer` receives its result once its group has ended.
    fn submit<T, E, F>(
        &self,
        work: F,
        answer: impl FnOnce(Result<T, E>) + Send + 'static,
    ) -> Result<(), DatabaseError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DatabaseError> + Send + 'static,
    {
        let feed = Arc::clone(&self.feed);
        let job: Job = Box::new(move |conn| {
            let conn = match conn {
                Ok(conn) => conn,
                Err(why) => {
                    return Box::new(move |_: &Committed| {
                        answer(Err(DatabaseError::Url(why).into()));
                    })
                }
            };
            let (result, signals) = feed.collect(|| work(conn));
            Box::new(move |committed: &Committed| match (result, committed) {
                (Ok(value), Ok(())) => {
                    feed.publish_all(signals);
                    answer(Ok(value));
                }
                (Ok(_), Err(why)) => answer(Err(DatabaseError::Url(format!(
                    "commit failed: {why}"
                ))
                .into())),
                (Err(e), _) => answer(Err(e)),
            })
        });
        self.jobs
            .send(job)
            .map_err(|_| DatabaseError::Url("the writer thread has stopped".into()))
    }
}

/// The writer thread: takes the next write, opens a group for it, runs the writes queued behind
/// it in the same transaction, commits, answers them all; until every handle is gone.
fn run(mut conn: r2d2::PooledConnection<ConnectionManager>, queue: &mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        if let Err(why) = begin(&mut conn.conn) {
            first(Err(why))(&Ok(()));
            continue;
        }
        let mut finishes: Vec<Finish> = Vec::new();
        let mut next = Some(first);
        let mut broken = None;
        while let Some(job) = next.take() {
            // As on a connection of its own, the work decides its transactions (they become
            // savepoints of the group's); what it writes outside them stays, even when it then
            // fails (a failed login is counted and refused).
            match catch_unwind(AssertUnwindSafe(|| job(Ok(&mut conn.conn)))) {
                // A bug in the middle of a write: nothing of the group can be vouched for. Its
                // caller hears of it when its answer is dropped unsent.
                Err(_) => broken = Some("a write failed in the middle".to_string()),
                Ok(finish) => finishes.push(finish),
            }
            if broken.is_none() && !still_in_group(&mut conn.conn) {
                broken = Some("a write ended the shared transaction".to_string());
            }
            if broken.is_none() && finishes.len() < MAX_GROUP {
                next = queue.try_recv().ok();
            }
        }
        let committed = match broken {
            Some(why) => Err(why),
            None => commit(&mut conn.conn),
        };
        if committed.is_err() {
            // Whatever savepoints a failed write left open, the whole transaction goes.
            let _ = conn.conn.batch_execute("ROLLBACK");
            reset_depth(&mut conn.conn);
        }
        for finish in finishes {
            finish(&committed);
        }
    }
}

fn sqlite(conn: &mut DbConnection) -> Result<&mut diesel::SqliteConnection, String> {
    match conn {
        DbConnection::Sqlite(c) => Ok(c),
        DbConnection::Postgresql(_) => Err("group commit is for SQLite's writer".into()),
    }
}

/// `BEGIN IMMEDIATE`: the write lock from the start, as every write needs it.
fn begin(conn: &mut DbConnection) -> Result<(), String> {
    AnsiTransactionManager::begin_transaction_sql(sqlite(conn)?, "BEGIN IMMEDIATE")
        .map_err(|e| format!("starting a write: {e}"))
}

fn commit(conn: &mut DbConnection) -> Committed {
    AnsiTransactionManager::commit_transaction(sqlite(conn)?).map_err(|e| e.to_string())
}

/// Whether the group's transaction is still the one open, at depth 1.
fn still_in_group(conn: &mut DbConnection) -> bool {
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
