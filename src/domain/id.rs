//! Typed identifiers: a statement id cannot be passed where an article id is expected. Each
//! wraps a UUID, is stored as its lower-case hyphenated text, and serializes as that text.

use super::ValidationError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh random id (UUID v4).
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }

            /// What the id names, for messages ("article", "statement", ...).
            pub const WHAT: &'static str = $what;

            /// The UUID inside.
            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = ValidationError;
            fn from_str(s: &str) -> Result<Self, ValidationError> {
                Uuid::parse_str(s.trim())
                    .map(Self)
                    .map_err(|_| ValidationError::new(format!("{:?} is not {} id", s, $what)))
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValidationError;
            fn try_from(s: String) -> Result<Self, ValidationError> {
                s.parse()
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.to_string()
            }
        }
    };
}

typed_id!(
    /// An article's id.
    ArticleId,
    "an article"
);
typed_id!(
    /// A statement's id.
    StatementId,
    "a statement"
);
typed_id!(
    /// A reference fact's id.
    FactId,
    "a fact"
);
typed_id!(
    /// A user's id.
    UserId,
    "a user"
);
typed_id!(
    /// A verdict source's id.
    SourceId,
    "a source"
);
typed_id!(
    /// An API token's id.
    TokenId,
    "an API token"
);
typed_id!(
    /// A comment's id.
    CommentId,
    "a comment"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_refuse_anything_else() {
        let id = ArticleId::new();
        let text = String::from(id);
        assert_eq!(ArticleId::try_from(text.clone()).unwrap(), id);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{text}\""));
        assert!("not-an-id".parse::<StatementId>().is_err());
        assert_eq!(
            "8F14E45F-CEEA-467A-9575-BB7B3C0B4D2B"
                .parse::<UserId>()
                .unwrap()
                .to_string(),
            "8f14e45f-ceea-467a-9575-bb7b3c0b4d2b"
        );
    }
}
