//! RSS and Atom feed files: each entry becomes an article (via `feed-rs`).

use super::html;
use crate::domain::NewArticle;

/// The articles of a feed file, one result per entry (an entry without text is an error).
pub fn articles(bytes: &[u8]) -> Result<Vec<Result<NewArticle, String>>, String> {
    let feed =
        feed_rs::parser::parse(bytes).map_err(|e| format!("not a valid RSS/Atom feed: {e}"))?;
    let outlet = feed.title.as_ref().map(|t| t.content.trim().to_string());
    Ok(feed
        .entries
        .into_iter()
        .map(|entry| {
            let raw = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            // Feed bodies are HTML fragments more often than not.
            let body = if raw.contains('<') {
                html::article_text(&format!("<html><body>{raw}</body></html>")).body
            } else {
                raw.trim().to_string()
            };
            let title = entry.title.as_ref().map(|t| t.content.trim().to_string());
            let url = entry.links.first().map(|l| l.href.clone());
            let published = entry
                .published
                .or(entry.updated)
                .map(|d| d.format("%Y-%m-%d").to_string());
            NewArticle::parse(
                title.as_deref(),
                body,
                None,
                outlet.as_deref(),
                url.as_deref(),
                published.as_deref(),
            )
            .map_err(|e| {
                format!(
                    "entry {:?}: {e}",
                    title.as_deref().unwrap_or(entry.id.as_str())
                )
            })
        })
        .collect())
}
