use crate::extract::Kind;
use std::str::FromStr;

impl Kind {
    /// Every kind, in the order forms list them.
    pub const ALL: [Kind; 8] = [
        Kind::Event,
        Kind::Quantity,
        Kind::Count,
        Kind::Duration,
        Kind::Date,
        Kind::Attribution,
        Kind::Location,
        Kind::Quote,
    ];
}

impl FromStr for Kind {
    type Err = String;

    /// Parses a kind's snake_case name, as the API and the forms send it.
    fn from_str(s: &str) -> Result<Self, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| format!("unknown statement kind {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_from_their_names() {
        assert_eq!("duration".parse::<Kind>(), Ok(Kind::Duration));
        assert!("opinion".parse::<Kind>().is_err());
    }
}
