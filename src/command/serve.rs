//! `claimdesk serve`: the web server, until stopped.

use crate::config::Settings;
use crate::startup::Application;
use crate::storage::DatabaseUrl;
use anyhow::Context;
use std::io::Write;
use std::process::ExitCode;

/// Starts the server on `bind` over `database`; prints the first admin's one-time password on
/// a fresh database.
pub fn run(bind: String, database: &str) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,actix_web=info".into()),
        )
        .init();
    let url = DatabaseUrl::parse(database).map_err(anyhow::Error::msg)?;
    let settings = Settings::new(bind, url.clone());
    let app = Application::build(settings).with_context(|| format!("starting on {url:?}"))?;
    let port = app.port();
    if let Some(password) = app.first_admin_password() {
        println!("claimdesk: created the first account. Log in as user `admin` with the one-time password:");
        println!("    {password}");
        println!("(shown only now; create your own accounts under Users, then disable this one if you like)");
    }
    println!("claimdesk: serving on http://127.0.0.1:{port} (database {url:?})");
    std::io::stdout().flush()?;
    actix_web::rt::System::new().block_on(app.run_until_stopped())?;
    Ok(ExitCode::SUCCESS)
}
