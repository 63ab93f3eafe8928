//! Turning uploaded files into article text.

pub mod feed;
pub mod html;

/// What kind of document an upload is, from its file name and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    Text,
    Markdown,
    Html,
}

impl DocumentFormat {
    /// Guesses from the file extension, then from the first bytes (an HTML tag).
    pub fn detect(file_name: &str, content: &str) -> Self {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            return DocumentFormat::Html;
        }
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            return DocumentFormat::Markdown;
        }
        let head = content
            .trim_start()
            .get(..15)
            .unwrap_or("")
            .to_ascii_lowercase();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            DocumentFormat::Html
        } else {
            DocumentFormat::Text
        }
    }
}

/// An uploaded document reduced to an article: its title (if the document names one) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: Option<String>,
    pub body: String,
}

/// Reads an uploaded document. Bytes must be UTF-8 (a BOM is dropped); HTML is reduced to its
/// article text; Markdown and plain text are kept byte-exact.
pub fn read_document(file_name: &str, bytes: &[u8]) -> Result<Document, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "{file_name} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.valid_up_to()
        )
    })?;
    match DocumentFormat::detect(file_name, text) {
        DocumentFormat::Html => Ok(html::article_text(text)),
        DocumentFormat::Text | DocumentFormat::Markdown => {
            let title = text
                .lines()
                .map(|l| l.trim().trim_start_matches('#').trim())
                .find(|l| !l.is_empty())
                .map(|l| l.chars().take(200).collect());
            Ok(Document {
                title,
                body: text.to_string(),
            })
        }
    }
}
