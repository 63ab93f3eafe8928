//! Building and running the server.

use crate::config::Settings;
use crate::service::account;
use crate::storage::{Database, DatabaseError};
use crate::web::{self, AppState};
use actix_web::dev::Server;
use actix_web::middleware::DefaultHeaders;
use actix_web::{App, HttpServer};
use std::net::TcpListener;

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
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let state = actix_web::web::Data::new(AppState {
            db,
            settings,
            metrics: Default::default(),
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
