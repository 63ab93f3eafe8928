//! Domain types that validate on construction. No web or database code here: handlers and
//! storage convert to and from these.

mod approval;
pub mod article;
mod id;
mod kind;
mod source;
mod user;
mod verdict;

/// What a statement asserts: the extractor's own kind type.
pub use crate::extract::Kind;
pub use approval::{Approval, Decision, Origin};
pub use article::{ArticleStatus, Language, NewArticle, PublicationDate};
pub use id::{ArticleId, CommentId, FactId, SourceId, StatementId, TokenId, UserId};
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

/// Stored as text: each state enum reads back from its name (an unknown name is a
/// [`ValidationError`], which the storage layer reports as a corrupt row) and is written as it.
macro_rules! stored_as_text {
    ($($ty:ty),*) => {$(
        impl TryFrom<String> for $ty {
            type Error = ValidationError;
            fn try_from(s: String) -> Result<Self, ValidationError> {
                s.parse::<$ty>().map_err(|e| ValidationError::new(e.to_string()))
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.as_str().to_string()
            }
        }
    )*};
}

stored_as_text!(Verdict, Role, ArticleStatus, Approval, Origin, Kind);
