//! Claim matching: recognising that a statement says what an earlier one said, in other words
//! or another language.
//!
//! Pure and self-contained, like `extract`. A statement is reduced to a set of [`Key`]s (its
//! normalized values, the entities it names, the stems of its content words in its own
//! language, the stems of its English gloss, its polarity); the storage layer indexes the keys
//! so that candidates are found cheaply (`storage::matching`), and [`score`] then compares two
//! key sets precisely, weighting each key by how rare it is in the newsroom's statements.
//! Values are decisive: the same figure with the same unit is strong evidence, a different
//! figure for the same unit rules a match out, and so does a negation on one side only.
//!
//! With the optional sentence encoder (`crate::encoder`), each statement also has a meaning
//! vector: its hash bands are keys like the others (candidates of similar meaning in any
//! language), and the cosine of the two vectors is half of the score.

mod gazetteer;
mod keys;
mod meaning;
mod score;
mod text;

pub use keys::{keys_of, Key, KeyKind, StatementText};
pub use meaning::{cosine, meaning_keys, meaning_text, pack, unpack};
pub use score::{score, Match, Meaning, Rarity, MIN_SCORE};
pub use text::fold_words;
