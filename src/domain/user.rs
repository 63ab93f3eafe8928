use super::ValidationError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a user may do. Each role includes the powers of those below it:
/// `admin` (manages users) > `editor` (loads and edits articles and statements) > `reviewer`
/// (records verdicts, notes and sources).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Reviewer,
    Editor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Reviewer, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reviewer => "reviewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// True when this role has at least the powers of `needed`.
    pub fn includes(self, needed: Role) -> bool {
        self >= needed
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "reviewer" => Ok(Role::Reviewer),
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            other => Err(ValidationError::new(format!(
                "unknown role {other:?}: use admin, editor or reviewer"
            ))),
        }
    }
}

/// A login name: 1 to 64 characters of ASCII letters, digits, `.`, `_` or `-`, stored lower-case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim().to_ascii_lowercase();
        if name.is_empty() || name.len() > 64 {
            return Err(ValidationError::new("a username has 1 to 64 characters"));
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(ValidationError::new(
                "a username may hold only letters, digits, '.', '_' and '-'",
            ));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 10 to 256 characters (argon2 input stays bounded), at least five
/// different characters, not the account's username (with digits around it), not one of the most common
/// passwords (`common_passwords.txt`) with digits or punctuation around it (`Password12!`).
pub struct Password(String);

/// The list of common passwords and base words that are refused.
const COMMON: &str = include_str!("common_passwords.txt");

impl Password {
    pub const MIN_CHARS: usize = 10;
    /// At most 1,024 bytes of UTF-8, so argon2's input stays bounded.
    pub const MAX_CHARS: usize = 256;

    /// Checks a new password for the account named `username`.
    pub fn parse(raw: &str, username: &Username) -> Result<Self, ValidationError> {
        if raw.chars().count() < Self::MIN_CHARS {
            return Err(ValidationError::new(format!(
                "a password needs at least {} characters",
                Self::MIN_CHARS
            )));
        }
        if raw.chars().count() > Self::MAX_CHARS {
            return Err(ValidationError::new(format!(
                "a password may not exceed {} characters",
                Self::MAX_CHARS
            )));
        }
        let mut distinct: Vec<char> = raw.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 5 {
            return Err(ValidationError::new(
                "a password needs at least five different characters",
            ));
        }
        let lower = raw.to_lowercase();
        // The word under the digits and punctuation people add to meet a rule.
        let core: String = lower
            .trim_matches(|c: char| !c.is_alphabetic())
            .chars()
            .collect();
        if lower == username.as_str() || core == username.as_str() {
            return Err(ValidationError::new(
                "a password may not be the username (with or without digits)",
            ));
        }
        let common = |word: &str| {
            COMMON
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .any(|c| c == word)
        };
        if common(&lower) || common(&core) || core.is_empty() {
            return Err(ValidationError::new(
                "this password is one of the most common ones (or one with a few digits added): \
                 choose a passphrase of several words",
            ));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_include_lower_roles() {
        assert!(Role::Admin.includes(Role::Editor));
        assert!(Role::Editor.includes(Role::Reviewer));
        assert!(!Role::Reviewer.includes(Role::Editor));
        assert_eq!("editor".parse::<Role>().unwrap(), Role::Editor);
        assert!("boss".parse::<Role>().is_err());
    }

    #[test]
    fn usernames_are_normalized_and_checked() {
        assert_eq!(
            Username::parse(" Marie.Dupont ").unwrap().as_str(),
            "marie.dupont"
        );
        assert!(Username::parse("").is_err());
        assert!(Username::parse("a b").is_err());
        assert!(Username::parse("é").is_err());
    }

    #[test]
    fn weak_passwords_are_refused() {
        let user = Username::parse("marie").unwrap();
        for weak in [
            "short",
            "password12",
            "Password2024!",
            "aaaaaaaaaa",
            "1212121212",
            "marie2024!!",
            "azerty123456",
            "1234567890",
        ] {
            assert!(Password::parse(weak, &user).is_err(), "{weak}");
        }
        assert!(Password::parse("long enough pass", &user).is_ok());
        assert_eq!(
            format!("{:?}", Password::parse("long enough pass", &user).unwrap()),
            "Password(***)"
        );
    }
}
