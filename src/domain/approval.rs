//! Where a verdict stands under the two-person rule, and where a statement came from.

use super::ValidationError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The second-person check of a statement's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    /// No verdict recorded yet.
    None,
    /// A verdict awaits someone else's approval.
    Pending,
    Approved,
    /// Sent back to its reviewer with a reason.
    Rejected,
    /// Recorded while the two-person rule was off, or as a correction: final at once.
    NotRequired,
}

impl Approval {
    pub const ALL: [Approval; 5] = [
        Approval::None,
        Approval::Pending,
        Approval::Approved,
        Approval::Rejected,
        Approval::NotRequired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Approval::None => "none",
            Approval::Pending => "pending",
            Approval::Approved => "approved",
            Approval::Rejected => "rejected",
            Approval::NotRequired => "not_required",
        }
    }

    /// True when the verdict is final: approved, or not needing approval.
    pub fn is_final(self) -> bool {
        matches!(self, Approval::Approved | Approval::NotRequired)
    }
}

/// A second person's decision on a pending verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

impl FromStr for Decision {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, ValidationError> {
        match s.trim() {
            "approve" => Ok(Decision::Approve),
            "reject" => Ok(Decision::Reject),
            other => Err(ValidationError::new(format!(
                "unknown decision {other:?}: use approve or reject"
            ))),
        }
    }
}

/// How a statement came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Found by the extractor when the article was loaded.
    Extracted,
    /// Marked by an editor from a selection.
    Manual,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Extracted => "extracted",
            Origin::Manual => "manual",
        }
    }
}

impl FromStr for Origin {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, ValidationError> {
        match s.trim() {
            "extracted" => Ok(Origin::Extracted),
            "manual" => Ok(Origin::Manual),
            other => Err(ValidationError::new(format!("unknown origin {other:?}"))),
        }
    }
}

impl FromStr for Approval {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, ValidationError> {
        Approval::ALL
            .into_iter()
            .find(|a| a.as_str() == s.trim())
            .ok_or_else(|| {
                ValidationError::new(format!(
                    "unknown approval {s:?}: use none, pending, approved, rejected or not_required"
                ))
            })
    }
}

impl fmt::Display for Approval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_approved_and_not_required_verdicts_are_final() {
        let finals: Vec<_> = Approval::ALL.into_iter().filter(|a| a.is_final()).collect();
        assert_eq!(finals, [Approval::Approved, Approval::NotRequired]);
        for a in Approval::ALL {
            assert_eq!(a.as_str().parse::<Approval>().unwrap(), a);
        }
        assert!("maybe".parse::<Approval>().is_err());
        assert_eq!("reject".parse::<Decision>().unwrap(), Decision::Reject);
    }
}
