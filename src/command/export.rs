//! `claimdesk export ARTICLE_ID --format FORMAT`: a report on standard output.

use crate::domain::ArticleId;
use crate::error::AppError;
use crate::report::{self, Format};
use crate::service::report::{load_report, Publisher};
use crate::storage::Database;

/// Renders the report of one article.
pub fn run(
    db: &Database,
    article_id: &str,
    format: Format,
    publisher: &Publisher,
) -> anyhow::Result<Vec<u8>> {
    let id: ArticleId = article_id
        .parse()
        .map_err(|_| anyhow::anyhow!("{article_id:?} is not an article id (a UUID)"))?;
    let view = db
        .read(|conn| load_report(conn, id, publisher))
        .map_err(|e| match e {
            AppError::NotFound(_) => anyhow::anyhow!("no article with id {id}"),
            other => anyhow::anyhow!(other.public_message()),
        })?;
    Ok(report::render(&view, format)?)
}

/// Renders every article loaded from `from` to `to` (inclusive) as one CSV or JSON export.
pub fn range(
    db: &Database,
    from: &str,
    to: &str,
    format: Format,
    publisher: &Publisher,
) -> anyhow::Result<Vec<u8>> {
    let day = |raw: &str| {
        chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .map_err(|_| anyhow::anyhow!("{raw:?} is not a date: use YYYY-MM-DD"))
    };
    let (from, to) = (day(from)?, day(to)?);
    let views = db
        .read(|conn| crate::service::report::load_reports_between(conn, from, to, publisher))
        .map_err(|e| anyhow::anyhow!(e.public_message()))?;
    Ok(report::render_many(&views, format)?)
}

/// `claimdesk export ARTICLE_ID --format F [--lang]`, or `--from DAY --to DAY`: the report on
/// standard output.
pub fn run_command(
    database: &str,
    article_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
    lang: Option<String>,
    format: &str,
) -> anyhow::Result<std::process::ExitCode> {
    use std::io::Write;
    let format: Format = format.parse()?;
    let db = super::open_database(database)?;
    let settings = crate::config::Settings::new(
        String::new(),
        crate::storage::DatabaseUrl::parse(database).map_err(anyhow::Error::msg)?,
    );
    let publisher = Publisher {
        newsroom_url: settings.newsroom_url,
        language: lang
            .as_deref()
            .map(|l| {
                l.parse()
                    .map_err(|_| anyhow::anyhow!("unknown language {l:?}: use fr or en"))
            })
            .transpose()?,
        newsroom: settings.newsroom_name,
        base_url: settings
            .public_url
            .unwrap_or_else(|| DEFAULT_BASE_URL.into()),
    };
    let body = match (article_id, from, to) {
        (Some(id), _, _) => run(&db, &id, format, &publisher)?,
        (None, Some(from), Some(to)) => range(&db, &from, &to, format, &publisher)?,
        _ => anyhow::bail!("name an article id, or --from and --to"),
    };
    std::io::stdout().lock().write_all(&body)?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// The base of report links when `CLAIMDESK_PUBLIC_URL` is not set: the default address of
/// `claimdesk serve`.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080";
