//! Building and running the server.

use crate::config::Settings;
use crate::encoder::SentenceEncoder;
use crate::service::account;
use crate::storage::{Database, DatabaseError};
use crate::web::{self, AppState};
use actix_web::dev::Server;
use actix_web::middleware::DefaultHeaders;
use actix_web::{App, HttpServer};
use anyhow::Context;
use std::net::TcpListener;
use std::sync::Arc;

/// Statements given a meaning vector per transaction when filling in earlier ones.
const MEANING_BATCH: i64 = 256;

/// Gives statements stored before the encoder was installed their meaning vectors, a batch at a
/// time (encoded outside the writer), on a thread of its own so that the server starts at once.
fn fill_meanings_in_background(db: crate::storage::Database, encoder: Arc<SentenceEncoder>) {
    use crate::service::matching;
    std::thread::spawn(move || {
        let mut done = 0;
        loop {
            let batch = db.read(|conn| matching::without_meaning(conn, MEANING_BATCH));
            let rows = match batch {
                Ok(rows) if !rows.is_empty() => rows,
                Ok(_) => break,
                Err(e) => {
                    tracing::warn!(error = %e, "reading statements without meaning vectors");
                    break;
                }
            };
            let found = matching::meanings(Some(&encoder), &rows);
            let count = rows.len();
            if let Err(e) = db.write(move |conn| matching::store_meanings(conn, &rows, &found)) {
                tracing::warn!(error = %e, "storing meaning vectors");
                break;
            }
            done += count;
        }
        if done > 0 {
            tracing::info!(
                statements = done,
                "gave earlier statements their meaning vectors"
            );
        }
    });
}

/// A bound, ready-to-run server.
pub struct Application {
    port: u16,
    server: Server,
    /// The first admin's one-time password when this start created that account.
    first_admin_password: Option<String>,
}

impl Application {
    /// Opens the database (running migrations), creates the first admin on an empty database
    /// when the settings ask for it, and binds the listener (port 0 picks a free port).
    pub fn build(settings: Settings) -> anyhow::Result<Self> {
        if let Some(hook) = &settings.webhook {
            let parsed = url::Url::parse(&hook.url)
                .map_err(|e| anyhow::anyhow!("CLAIMDESK_WEBHOOK_URL {:?}: {e}", hook.url))?;
            if !matches!(parsed.scheme(), "http" | "https") {
                anyhow::bail!("CLAIMDESK_WEBHOOK_URL must be an http or https address");
            }
            if hook.secret.len() < 16 {
                anyhow::bail!(
                    "CLAIMDESK_WEBHOOK_SECRET must be set (16 characters at least) to sign webhooks"
                );
            }
        }
        let db = Database::open(&settings.database)?;
        let first_admin_password = if settings.create_first_admin {
            db.write(|conn| {
                account::ensure_first_admin(conn)
                    .map_err(|e| DatabaseError::Url(format!("creating the first admin: {e}")))
            })?
        } else {
            None
        };
        // Statements stored before claim matching existed get their keys, so that new
        // articles are matched against them too.
        let indexed = db.write(|conn| {
            crate::service::matching::index_missing(conn)
                .map_err(|e| DatabaseError::Url(format!("indexing statements for matching: {e}")))
        })?;
        if indexed > 0 {
            tracing::info!(
                statements = indexed,
                "indexed earlier statements for claim matching"
            );
        }
        let encoder = match &settings.encoder_dir {
            Some(dir) => {
                let loaded = SentenceEncoder::load(dir).with_context(|| {
                    format!("loading the sentence encoder from {}", dir.display())
                })?;
                tracing::info!(dir = %dir.display(), "sentence encoder loaded: matching compares meaning");
                let encoder = Arc::new(loaded);
                fill_meanings_in_background(db.clone(), encoder.clone());
                Some(encoder)
            }
            None => {
                tracing::info!("no sentence encoder installed (scripts/install-encoder): matching by values, names and words");
                None
            }
        };
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let state = actix_web::web::Data::new(AppState {
            db,
            settings,
            metrics: Default::default(),
            encoder,
        });
        let server = HttpServer::new(move || {
            App::new()
                .wrap(actix_web::middleware::from_fn(web::language::negotiate))
                .wrap(actix_web::middleware::from_fn(web::nul::refuse_nul))
                .wrap(actix_web::middleware::from_fn(web::observe::observe))
                .wrap(
                    DefaultHeaders::new()
                        .add(("X-Content-Type-Options", "nosniff"))
                        .add(("X-Frame-Options", "DENY"))
                        .add(("Referrer-Policy", "same-origin"))
                        // Pages run only this server's own script; reports keep their inline
                        // style. Nothing may frame the pages or post forms elsewhere.
                        .add((
                            "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                             img-src 'self' data:; object-src 'none'; base-uri 'none'; \
                             frame-ancestors 'none'; form-action 'self'",
                        ))
                        // Pages and reports show unpublished work: no cache keeps a copy.
                        .add(("Cache-Control", "no-store")),
                )
                .app_data(state.clone())
                .configure(web::configure)
        })
        .listen(listener)?
        .run();
        Ok(Self {
            port,
            server,
            first_admin_password,
        })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The one-time password of the admin account created by this start, if any.
    pub fn first_admin_password(&self) -> Option<&str> {
        self.first_admin_password.as_deref()
    }

    /// Serves until the process is stopped.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
