use super::ValidationError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A reviewer's finding on one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Unreviewed,
    Verified,
    Disputed,
    #[serde(alias = "needs-source")]
    NeedsSource,
}

impl Verdict {
    /// Every verdict, in the order reports list them.
    pub const ALL: [Verdict; 4] = [
        Verdict::Verified,
        Verdict::Disputed,
        Verdict::NeedsSource,
        Verdict::Unreviewed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Unreviewed => "unreviewed",
            Verdict::Verified => "verified",
            Verdict::Disputed => "disputed",
            Verdict::NeedsSource => "needs_source",
        }
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Unreviewed => "Unreviewed",
            Verdict::Verified => "Verified",
            Verdict::Disputed => "Disputed",
            Verdict::NeedsSource => "Needs source",
        }
    }

    /// What the verdict means, as printed in the report's verdict scale.
    pub fn definition(self) -> &'static str {
        match self {
            Verdict::Verified => {
                "The statement matches the evidence found in reliable, cited sources."
            }
            Verdict::Disputed => {
                "Reliable evidence contradicts the statement, or it is misleading as worded."
            }
            Verdict::NeedsSource => {
                "No reliable source could confirm or refute the statement yet; it needs attribution."
            }
            Verdict::Unreviewed => "No reviewer has recorded a finding on this statement yet.",
        }
    }

    /// Parses a verdict a reviewer may record (anything but `unreviewed`).
    pub fn parse_recordable(raw: &str) -> Result<Self, ValidationError> {
        match raw.parse()? {
            Verdict::Unreviewed => Err(ValidationError::new(
                "a verdict is one of verified, disputed or needs_source",
            )),
            v => Ok(v),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Verdict {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "unreviewed" => Ok(Verdict::Unreviewed),
            "verified" => Ok(Verdict::Verified),
            "disputed" => Ok(Verdict::Disputed),
            "needs_source" | "needs-source" => Ok(Verdict::NeedsSource),
            other => Err(ValidationError::new(format!(
                "unknown verdict {other:?}: use verified, disputed or needs_source"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_round_trip_and_unreviewed_cannot_be_recorded() {
        for v in Verdict::ALL {
            assert_eq!(v.as_str().parse::<Verdict>().unwrap(), v);
        }
        assert_eq!(
            Verdict::parse_recordable("needs-source").unwrap(),
            Verdict::NeedsSource
        );
        assert!(Verdict::parse_recordable("unreviewed").is_err());
        assert!(Verdict::parse_recordable("true").is_err());
    }
}
