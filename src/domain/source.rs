use super::ValidationError;
use serde::{Deserialize, Serialize};

/// An absolute http(s) URL of a source, at most 2,048 bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceUrl(String);

impl SourceUrl {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let raw = raw.trim();
        if raw.len() > 2048 {
            return Err(ValidationError::new(
                "a source URL may not exceed 2048 bytes",
            ));
        }
        let url = url::Url::parse(raw)
            .map_err(|e| ValidationError::new(format!("source URL {raw:?} is not valid: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(ValidationError::new(format!(
                "source URL {raw:?} must be an absolute http or https address"
            )));
        }
        Ok(Self(url.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A source as submitted with a verdict: URL, optional title and excerpt.
#[derive(Debug, Clone, Deserialize)]
pub struct SourceInput {
    pub url: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub excerpt: Option<String>,
}

/// A validated source, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub url: SourceUrl,
    pub title: Option<String>,
    pub excerpt: Option<String>,
}

impl TryFrom<SourceInput> for Source {
    type Error = ValidationError;
    fn try_from(input: SourceInput) -> Result<Self, Self::Error> {
        let clean = |s: Option<String>, max: usize, what: &str| -> Result<_, ValidationError> {
            match s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
                Some(s) if s.chars().count() > max => Err(ValidationError::new(format!(
                    "a source {what} may not exceed {max} characters"
                ))),
                other => Ok(other),
            }
        };
        Ok(Self {
            url: SourceUrl::parse(&input.url)?,
            title: clean(input.title, 500, "title")?,
            excerpt: clean(input.excerpt, 5000, "excerpt")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_web_urls_are_sources() {
        assert!(SourceUrl::parse("https://tass.ru/x").is_ok());
        assert!(SourceUrl::parse("javascript:alert(1)").is_err());
        assert!(SourceUrl::parse("/relative").is_err());
        assert!(SourceUrl::parse("ftp://x.org/f").is_err());
    }
}
