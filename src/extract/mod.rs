//! Statement extraction: article text in, checkable statements out. Pure: no web, no database.
//! (First version: sentence-level statements; the full engine replaces it.)

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language the extractor knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "fra" | "french" => Ok(Lang::Fr),
            "en" | "eng" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language {other:?}")),
        }
    }
}

/// Language to extract with: detected from the text, or fixed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LangChoice {
    #[default]
    Auto,
    Fixed(Lang),
}

/// Extraction settings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: LangChoice,
    /// The article's date, to resolve dates given without a year.
    pub reference_date: Option<NaiveDate>,
}

/// What a statement asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Quantity,
    Duration,
    Date,
    Count,
    Event,
    Attribution,
    Location,
    Quote,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quantity => "quantity",
            Kind::Duration => "duration",
            Kind::Date => "date",
            Kind::Count => "count",
            Kind::Event => "event",
            Kind::Attribution => "attribution",
            Kind::Location => "location",
            Kind::Quote => "quote",
        }
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        serde_json::from_value(serde_json::Value::String(s.to_string()))
            .map_err(|_| format!("unknown statement kind {s:?}"))
    }
}

fn is_false(b: &bool) -> bool {
    !b
}

/// A normalized value carried by a statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    Duration {
        value: f64,
        unit: String,
        #[serde(default, skip_serializing_if = "is_false")]
        approx: bool,
    },
    Quantity {
        value: f64,
        unit: String,
        #[serde(default, skip_serializing_if = "is_false")]
        approx: bool,
    },
    Count {
        value: f64,
        unit: String,
        #[serde(default, skip_serializing_if = "is_false")]
        approx: bool,
    },
    Percent {
        value: f64,
        unit: String,
        #[serde(default, skip_serializing_if = "is_false")]
        approx: bool,
    },
    Money {
        value: f64,
        unit: String,
        #[serde(default, skip_serializing_if = "is_false")]
        approx: bool,
    },
    Date {
        date: String,
    },
}

/// One checkable statement: a UTF-8 byte span `[start, end)` of the text, with `text` equal to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: Kind,
    pub values: Vec<Value>,
    pub gloss_en: Option<String>,
    pub score: f32,
    pub rule: String,
}

/// One sentence of the segmentation, as a byte span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Detects French or English; French when unsure.
pub fn detect_language(text: &str) -> Lang {
    match whatlang::detect_lang(text) {
        Some(whatlang::Lang::Eng) => Lang::En,
        _ => Lang::Fr,
    }
}

/// Splits text into sentences: at `.`, `!`, `?` followed by a space, and at line breaks.
pub fn sentences(text: &str, _lang: Lang) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |s: usize, e: usize, out: &mut Vec<Sentence>| {
        let slice = &text[s..e];
        let trimmed_start = s + (slice.len() - slice.trim_start().len());
        let trimmed_end = e - (slice.len() - slice.trim_end().len());
        if trimmed_end > trimmed_start {
            out.push(Sentence {
                start: trimmed_start,
                end: trimmed_end,
                text: text[trimmed_start..trimmed_end].to_string(),
            });
        }
    };
    for (i, &b) in bytes.iter().enumerate() {
        let boundary = b == b'\n'
            || (matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_some_and(|n| *n == b' '));
        if boundary {
            push(start, i + 1, &mut out);
            start = i + 1;
        }
    }
    push(start, text.len(), &mut out);
    out
}

/// Extracts statements in reading order.
pub fn extract(text: &str, opts: &Options) -> Vec<Statement> {
    let lang = match opts.lang {
        LangChoice::Fixed(l) => l,
        LangChoice::Auto => detect_language(text),
    };
    sentences(text, lang)
        .into_iter()
        .filter(|s| s.text.split_whitespace().count() >= 4 && !s.text.starts_with('#'))
        .map(|s| Statement {
            start: s.start,
            end: s.end,
            text: s.text,
            kind: Kind::Event,
            values: Vec::new(),
            gloss_en: None,
            score: 0.5,
            rule: "sentence".into(),
        })
        .collect()
}

/// Finds a date in the first lines of a text (a dateline), if any.
pub fn reference_date_from_dateline(_text: &str) -> Option<NaiveDate> {
    None
}
