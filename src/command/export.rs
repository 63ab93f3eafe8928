//! `claimdesk export ARTICLE_ID --format FORMAT`: a report on standard output.

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
    let id = uuid::Uuid::parse_str(article_id.trim())
        .map_err(|_| anyhow::anyhow!("{article_id:?} is not an article id (a UUID)"))?
        .to_string();
    let view = db
        .read(|conn| load_report(conn, &id, publisher))
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
    report::render_many(&views, format).map_err(|e| anyhow::anyhow!(e.public_message()))
}
