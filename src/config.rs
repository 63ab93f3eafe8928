//! Settings: built-in defaults, overridden by `CLAIMDESK_*` environment variables, overridden by
//! command-line flags. Secrets are never logged.

use crate::storage::DatabaseUrl;

/// The default database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE: &str = "./claimdesk.db";

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on; port 0 picks a free port (tests).
    pub bind: String,
    pub database: DatabaseUrl,
    /// Mark the session cookie `Secure` (serve behind TLS).
    pub cookie_secure: bool,
    /// Name of the newsroom, printed on reports.
    pub newsroom_name: String,
    /// The newsroom's public web page, named as ClaimReview's author.
    pub newsroom_url: Option<String>,
    /// Public base URL of this server, for absolute links in reports (e.g. https://factcheck.example.org).
    pub public_url: Option<String>,
    /// Where to POST a signed event when an article is signed off (`CLAIMDESK_WEBHOOK_URL` and
    /// `CLAIMDESK_WEBHOOK_SECRET`); none by default.
    pub webhook: Option<crate::webhook::Webhook>,
    /// Print the first admin's one-time password on stdout when the database has no user.
    pub create_first_admin: bool,
    /// Reverse proxies whose `X-Forwarded-For`, `-Host` and `-Proto` headers are believed
    /// (`CLAIMDESK_TRUSTED_PROXIES`, addresses separated by commas); none by default, so a
    /// client cannot choose the host of report links or the address it is throttled under.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// How much one article may hold (`CLAIMDESK_MAX_STATEMENTS`).
    pub limits: crate::service::article::Limits,
    /// Where the optional sentence encoder is installed ([`encoder_dir`]).
    pub encoder_dir: Option<std::path::PathBuf>,
}

/// The sentence encoder where [`encoder_dir`] says it is, loaded; `None` when not installed, an
/// error naming the folder when it is there but cannot be read.
pub fn load_encoder() -> anyhow::Result<Option<crate::encoder::SentenceEncoder>> {
    use anyhow::Context;
    encoder_dir()
        .map(|dir| {
            crate::encoder::SentenceEncoder::load(&dir)
                .with_context(|| format!("loading the sentence encoder from {}", dir.display()))
        })
        .transpose()
}

/// The folder `scripts/install-encoder` installs into by default.
pub const DEFAULT_ENCODER_DIR: &str = "./encoder";

/// Where the sentence encoder is: `CLAIMDESK_ENCODER`, else [`DEFAULT_ENCODER_DIR`] when it
/// holds one; `None` (matching without it) otherwise.
pub fn encoder_dir() -> Option<std::path::PathBuf> {
    match std::env::var("CLAIMDESK_ENCODER") {
        Ok(dir) if !dir.trim().is_empty() => Some(dir.into()),
        _ => {
            let default = std::path::Path::new(DEFAULT_ENCODER_DIR);
            default
                .join("weights.npz")
                .is_file()
                .then(|| default.to_path_buf())
        }
    }
}

impl Settings {
    /// Defaults with the given database and bind address, plus the environment's overrides.
    pub fn new(bind: String, database: DatabaseUrl) -> Self {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Self {
            bind,
            database,
            cookie_secure: env("CLAIMDESK_COOKIE_SECURE")
                .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes")),
            newsroom_name: env("CLAIMDESK_NEWSROOM_NAME").unwrap_or_else(|| "claimdesk".into()),
            newsroom_url: env("CLAIMDESK_NEWSROOM_URL"),
            public_url: env("CLAIMDESK_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_string()),
            webhook: env("CLAIMDESK_WEBHOOK_URL").map(|url| crate::webhook::Webhook {
                url,
                secret: env("CLAIMDESK_WEBHOOK_SECRET").unwrap_or_default(),
            }),
            create_first_admin: true,
            trusted_proxies: env("CLAIMDESK_TRUSTED_PROXIES")
                .map(|v| {
                    v.split([',', ' '])
                        .filter_map(|a| a.trim().parse().ok())
                        .collect()
                })
                .unwrap_or_default(),
            limits: crate::service::article::Limits::from_env(),
            encoder_dir: encoder_dir(),
        }
    }
}
