//! Domain types that validate on construction. No web or database code here: handlers and
//! storage convert to and from these.

mod article;
mod kind;
mod source;
mod user;
mod verdict;

pub use article::{ArticleStatus, Language, NewArticle, PublicationDate};
pub use source::{Source, SourceInput, SourceUrl};
pub use user::{Password, Role, Username};
pub use verdict::Verdict;

/// A value that failed validation, with a message fit to show the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ValidationError(pub String);

impl ValidationError {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}
