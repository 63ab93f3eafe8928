//! Live signals: "this article changed" and "who has it open changed", from whichever instance
//! made the change to every open event stream.
//!
//! Writes announce a signal inside their transaction ([`announce`]). On PostgreSQL that is a
//! `NOTIFY` on this database's channel, delivered by the server at commit to every instance
//! listening (each runs one listener connection while it has event streams open); on SQLite,
//! where all writers are this process, the signal is held until the write's transaction has
//! committed and then broadcast in process. A signal carries only an article id: streams read
//! what changed from the audit trail, by sequence number, so a signal lost or doubled costs a
//! query, never an event.

use super::{Backend, DatabaseUrl, DbConnection};
use diesel::prelude::*;
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// What an event stream hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// The audit trail of this article (its statements, verdicts, assignment...) grew.
    Changed(String),
    /// Someone opened or closed this article.
    Presence(String),
    /// Signals may have been lost (the listener reconnected): every stream re-reads.
    Resync,
}

impl Signal {
    fn payload(&self) -> String {
        match self {
            Signal::Changed(id) => format!("c:{id}"),
            Signal::Presence(id) => format!("p:{id}"),
            Signal::Resync => "r:".into(),
        }
    }

    fn from_payload(raw: &str) -> Option<Self> {
        let (kind, id) = raw.split_once(':')?;
        match kind {
            "c" => Some(Signal::Changed(id.to_string())),
            "p" => Some(Signal::Presence(id.to_string())),
            "r" => Some(Signal::Resync),
            _ => None,
        }
    }

    /// True when a stream of `article` must act on this signal.
    pub fn concerns(&self, article: &str) -> bool {
        match self {
            Signal::Changed(id) | Signal::Presence(id) => id == article,
            Signal::Resync => true,
        }
    }
}

// Signals queued by the SQLite write running on this thread (published after its commit), and
// the PostgreSQL channel of the database that write is on.
thread_local! {
    static PENDING: RefCell<Option<Vec<Signal>>> = const { RefCell::new(None) };
    static CHANNEL: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// How many signals a stream may fall behind before it is told to re-read (it loses nothing:
/// it then reads the trail from its last sequence number).
const BACKLOG: usize = 256;
/// How often the PostgreSQL listener looks for notifications (libpq has them buffered; this is
/// a non-blocking read of the socket).
const LISTEN_POLL: Duration = Duration::from_millis(50);
/// How long the listener stays connected with no stream open on this instance.
const LISTEN_IDLE: Duration = Duration::from_secs(10);

/// The broadcast of signals for one database.
pub struct Feed {
    tx: broadcast::Sender<Signal>,
    url: DatabaseUrl,
    /// The PostgreSQL channel, named after the schema so that databases sharing a server (or
    /// test schemas) do not hear each other.
    channel: Option<String>,
    listening: AtomicBool,
}

impl Feed {
    /// A feed for the database at `url`; `schema` is PostgreSQL's current schema.
    pub fn new(url: DatabaseUrl, schema: Option<&str>) -> Self {
        let channel = match url.backend() {
            Backend::Postgres => Some(channel_name(schema.unwrap_or("public"))),
            Backend::Sqlite => None,
        };
        Self {
            tx: broadcast::channel(BACKLOG).0,
            url,
            channel,
            listening: AtomicBool::new(false),
        }
    }

    /// Starts hearing signals. On PostgreSQL this (re)starts the instance's listener thread,
    /// which stops by itself once no stream has been open for a while.
    pub fn subscribe(self: &Arc<Self>) -> broadcast::Receiver<Signal> {
        let rx = self.tx.subscribe();
        if self.channel.is_some()
            && self
                .listening
                .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        {
            let feed = Arc::downgrade(self);
            let spawned = std::thread::Builder::new()
                .name("claimdesk-listen".into())
                .spawn(move || listen(feed));
            if spawned.is_err() {
                self.listening.store(false, Ordering::Release);
            }
        }
        rx
    }

    /// Broadcasts to this instance's streams.
    fn publish(&self, signal: Signal) {
        // No receiver is not an error: nobody has the article open.
        let _ = self.tx.send(signal);
    }

    /// Runs one write: signals announced during it are published if it succeeds (SQLite; on
    /// PostgreSQL the server delivers them at commit).
    pub fn collecting<T, E>(&self, work: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        let (result, signals) = self.collect(work);
        if result.is_ok() {
            self.publish_all(signals);
        }
        result
    }

    /// Runs one write and returns the signals announced during it, for [`Feed::publish_all`]
    /// once its transaction has committed.
    pub fn collect<T, E>(
        &self,
        work: impl FnOnce() -> Result<T, E>,
    ) -> (Result<T, E>, Vec<Signal>) {
        let outer = PENDING.with(|p| p.borrow_mut().replace(Vec::new()));
        let previous_channel = CHANNEL.with(|c| c.replace(self.channel.clone()));
        let result = work();
        let pending = PENDING.with(|p| std::mem::replace(&mut *p.borrow_mut(), outer));
        CHANNEL.with(|c| c.replace(previous_channel));
        (result, pending.unwrap_or_default())
    }

    /// Broadcasts signals of a committed write.
    pub fn publish_all(&self, signals: Vec<Signal>) {
        for signal in signals {
            self.publish(signal);
        }
    }
}

/// Announces a signal from inside a write. Call in the transaction of the change, so that it
/// is heard only if the change commits.
pub fn announce(conn: &mut DbConnection, signal: Signal) -> QueryResult<()> {
    match conn {
        DbConnection::Postgresql(pg) => {
            let Some(channel) = CHANNEL.with(|c| c.borrow().clone()) else {
                return Ok(());
            };
            diesel::sql_query("SELECT pg_notify($1, $2)")
                .bind::<diesel::sql_types::Text, _>(channel)
                .bind::<diesel::sql_types::Text, _>(signal.payload())
                .execute(pg)?;
        }
        DbConnection::Sqlite(_) => PENDING.with(|p| {
            if let Some(list) = p.borrow_mut().as_mut() {
                if !list.contains(&signal) {
                    list.push(signal);
                }
            }
        }),
    }
    Ok(())
}

/// A channel name PostgreSQL takes as an identifier: letters, digits and `_`, under 64 bytes.
fn channel_name(schema: &str) -> String {
    let clean: String = schema
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    format!("claimdesk_live_{clean}")
}

/// The PostgreSQL listener: one connection per instance, while streams are open.
fn listen(feed: Weak<Feed>) {
    let mut idle_since: Option<Instant> = None;
    let mut conn: Option<diesel::PgConnection> = None;
    loop {
        let Some(strong) = feed.upgrade() else { return };
        if strong.tx.receiver_count() == 0 {
            let since = *idle_since.get_or_insert_with(Instant::now);
            if since.elapsed() > LISTEN_IDLE {
                strong.listening.store(false, Ordering::Release);
                // A stream that subscribed meanwhile saw `listening` still true: keep serving it.
                if strong.tx.receiver_count() == 0
                    || strong
                        .listening
                        .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                        .is_err()
                {
                    return;
                }
            }
        } else {
            idle_since = None;
        }
        if conn.is_none() {
            match connect(&strong) {
                Ok(c) => {
                    conn = Some(c);
                    // Whatever was announced while no one listened is read again.
                    strong.publish(Signal::Resync);
                }
                Err(e) => {
                    tracing::warn!("live updates: cannot listen on PostgreSQL: {e}");
                    drop(strong);
                    std::thread::sleep(Duration::from_secs(1));
                    continue;
                }
            }
        }
        if let Some(c) = conn.as_mut() {
            let mut broken = false;
            for note in c.notifications_iter() {
                match note {
                    Ok(n) => {
                        if let Some(signal) = Signal::from_payload(&n.payload) {
                            strong.publish(signal);
                        }
                    }
                    Err(e) => {
                        tracing::warn!("live updates: the listener connection failed: {e}");
                        broken = true;
                        break;
                    }
                }
            }
            if broken {
                conn = None;
            }
        }
        drop(strong);
        std::thread::sleep(LISTEN_POLL);
    }
}

fn connect(feed: &Feed) -> Result<diesel::PgConnection, String> {
    let channel = feed.channel.as_deref().unwrap_or_default();
    let mut conn = match feed.url.connect().map_err(|e| e.to_string())? {
        DbConnection::Postgresql(pg) => pg,
        DbConnection::Sqlite(_) => return Err("not a PostgreSQL database".into()),
    };
    // The channel name is made of [a-z0-9_] only (see `channel_name`), so quoting is enough.
    diesel::sql_query(format!("LISTEN \"{channel}\""))
        .execute(&mut conn)
        .map_err(|e| e.to_string())?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_survive_the_notification_payload() {
        for s in [
            Signal::Changed("a-1".into()),
            Signal::Presence("b".into()),
            Signal::Resync,
        ] {
            assert_eq!(Signal::from_payload(&s.payload()), Some(s));
        }
        assert_eq!(Signal::from_payload("x:1"), None);
    }

    #[test]
    fn a_channel_name_is_a_plain_identifier() {
        assert_eq!(channel_name("T_x-Y"), "claimdesk_live_t_x_y");
        assert!(channel_name(&"é".repeat(100)).len() < 64);
    }

    #[test]
    fn an_sqlite_write_publishes_its_signals_only_when_it_succeeds() {
        let feed = Arc::new(Feed::new(
            DatabaseUrl::parse("sqlite://:memory:").unwrap(),
            None,
        ));
        let mut rx = feed.subscribe();
        let mut conn = feed.url.connect().unwrap();
        let failed: Result<(), ()> = feed.collecting(|| {
            announce(&mut conn, Signal::Changed("gone".into())).unwrap();
            Err(())
        });
        assert!(failed.is_err());
        let ok: Result<(), ()> = feed.collecting(|| {
            announce(&mut conn, Signal::Changed("kept".into())).unwrap();
            announce(&mut conn, Signal::Changed("kept".into())).unwrap();
            Ok(())
        });
        assert!(ok.is_ok());
        assert_eq!(rx.try_recv().unwrap(), Signal::Changed("kept".into()));
        assert!(rx.try_recv().is_err(), "one signal per article and write");
    }
}
