use super::ValidationError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The language of an article's text: the extractor's own language type.
pub use crate::extract::Lang as Language;

/// Largest article body accepted, in bytes.
/// (Checked where an article is prepared, which answers 413.)
pub const MAX_BODY_BYTES: usize = 5 * 1024 * 1024;

/// Where an article is in the review process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Open,
    InReview,
    SignedOff,
}

impl ArticleStatus {
    pub const ALL: [ArticleStatus; 3] = [
        ArticleStatus::Open,
        ArticleStatus::InReview,
        ArticleStatus::SignedOff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Open => "open",
            ArticleStatus::InReview => "in_review",
            ArticleStatus::SignedOff => "signed_off",
        }
    }
}

impl fmt::Display for ArticleStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ArticleStatus {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "open" => Ok(ArticleStatus::Open),
            "in_review" => Ok(ArticleStatus::InReview),
            "signed_off" => Ok(ArticleStatus::SignedOff),
            other => Err(ValidationError::new(format!(
                "unknown article status {other:?}"
            ))),
        }
    }
}

/// A publication date given as `YYYY-MM-DD` or as an RFC 3339 / RFC 2822 timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicationDate(pub NaiveDate);

impl PublicationDate {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let raw = raw.trim();
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .or_else(|_| chrono::DateTime::parse_from_rfc3339(raw).map(|d| d.date_naive()))
            .or_else(|_| chrono::DateTime::parse_from_rfc2822(raw).map(|d| d.date_naive()))
            .map(PublicationDate)
            .map_err(|_| {
                ValidationError::new(format!(
                    "publication date {raw:?} is not a date: use YYYY-MM-DD"
                ))
            })
    }
}

/// A validated article ready to be stored: everything but the id and the statements.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub title: String,
    /// Stored byte-exact: statement offsets point into it.
    pub body: String,
    /// `None` when the language is to be detected from the body.
    pub language: Option<Language>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<NaiveDate>,
}

impl NewArticle {
    /// Validates raw fields. An empty title is taken from the body's first non-empty line.
    pub fn parse(
        title: Option<&str>,
        body: String,
        language: Option<&str>,
        outlet: Option<&str>,
        url: Option<&str>,
        published_at: Option<&str>,
    ) -> Result<Self, ValidationError> {
        if body.trim().is_empty() {
            return Err(ValidationError::new("the article body is empty"));
        }
        let title = match non_empty(title) {
            Some(t) => t.to_string(),
            None => body
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect(),
        };
        if title.chars().count() > 500 {
            return Err(ValidationError::new(
                "a title may not exceed 500 characters",
            ));
        }
        let language = match non_empty(language) {
            None | Some("auto") => None,
            Some(l) => Some(l.parse::<Language>().map_err(|_| {
                ValidationError::new(format!("unknown language {l:?}: use fr, en or auto"))
            })?),
        };
        let outlet = non_empty(outlet).map(str::to_string);
        if outlet.as_ref().is_some_and(|o| o.chars().count() > 200) {
            return Err(ValidationError::new(
                "an outlet name may not exceed 200 characters",
            ));
        }
        let url = match non_empty(url) {
            None => None,
            Some(u) => Some(super::SourceUrl::parse(u).map_err(|_| {
                ValidationError::new(format!(
                    "article URL {u:?} must be an absolute http(s) address"
                ))
            })?),
        };
        let published_at = non_empty(published_at)
            .map(PublicationDate::parse)
            .transpose()?
            .map(|d| d.0);
        Ok(Self {
            title,
            body,
            language,
            outlet,
            url: url.map(|u| u.as_str().to_string()),
            published_at,
        })
    }
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_needs_a_body_and_gets_a_title_from_it() {
        let a = NewArticle::parse(None, "\n  Titre ici\nCorps.".into(), None, None, None, None)
            .unwrap();
        assert_eq!(a.title, "Titre ici");
        assert!(NewArticle::parse(Some("t"), "  ".into(), None, None, None, None).is_err());
    }

    #[test]
    fn bad_metadata_is_refused() {
        let body = || "Corps.".to_string();
        assert!(NewArticle::parse(None, body(), Some("de"), None, None, None).is_err());
        assert!(NewArticle::parse(None, body(), None, None, Some("notaurl"), None).is_err());
        assert!(NewArticle::parse(None, body(), None, None, None, Some("9 déc")).is_err());
        let ok =
            NewArticle::parse(None, body(), Some("fr"), None, None, Some("2024-12-09")).unwrap();
        assert_eq!(ok.published_at, NaiveDate::from_ymd_opt(2024, 12, 9));
    }
}
