//! The statement-extraction engine: text in, checkable statements out.
//!
//! Pure and self-contained: no I/O, no network, no global mutable state (the embedded
//! check-worthiness model is parsed once into a `OnceLock`). The pipeline, one module per step:
//! `lang` (French or English) -> `segment` (sentences) -> `filter` (what is not a claim) ->
//! `date` and `number` (typed values) -> `clause` (atomic statements) -> `score`
//! (check-worthiness), with word lists in `lexicon`. Offsets are UTF-8 byte offsets into the
//! input and always fall on char boundaries.

pub mod clause;
pub mod date;
mod figure;
pub mod filter;
pub mod lang;
pub mod lexicon;
mod list;
pub mod number;
#[cfg(test)]
mod proptest;
pub mod score;
pub mod segment;
pub mod token;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use date::{reference_from_dateline, Reference};
pub use lang::{detect_language, unsupported_language, Unsupported};

use number::Found;
use token::{lower_same_len, tokenize, Tok};

/// A language the extractor knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// "fr" or "en".
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

/// A language name that is neither French nor English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseLangError(pub String);

impl fmt::Display for ParseLangError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown language {:?} (expected \"fr\" or \"en\")",
            self.0
        )
    }
}

impl std::error::Error for ParseLangError {}

impl FromStr for Lang {
    type Err = ParseLangError;
    /// Accepts "fr"/"en" and "french"/"english"/"français", any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Ok(Lang::Fr),
            "en" | "eng" | "english" => Ok(Lang::En),
            _ => Err(ParseLangError(s.to_string())),
        }
    }
}

/// Which language to read a text in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LangChoice {
    /// Detect it (`detect_language`).
    #[default]
    Auto,
    /// Use this one.
    Fixed(Lang),
}

/// Extraction options. `Default` detects the language and reads the reference date (used to
/// give a year to "le 27 novembre") from the text's dateline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The language to read the text in, or `Auto`.
    pub lang: LangChoice,
    /// The article's publication date, when known; else `reference_from_dateline`.
    pub reference_date: Option<NaiveDate>,
}

/// What a statement asserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A measured or approximate amount: money, percentage, "des milliers de personnes".
    Quantity,
    /// A span of time: "24 ans de pouvoir".
    Duration,
    /// Something dated: "le 27 novembre", a range.
    Date,
    /// An exact count of people or things: "deux enfants".
    Count,
    /// Something that happened or is the case, with no typed value.
    Event,
    /// A claim carried by a source: "selon Sky News", "rapporte que ...".
    Attribution,
    /// Where someone or something is: "Bachar al-Assad est à Moscou".
    Location,
    /// A quotation in guillemets or curly quotes.
    Quote,
}

impl Kind {
    /// The snake_case name used in JSON.
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

fn is_false(b: &bool) -> bool {
    !*b
}

/// A normalized value. Units are English singular words ("year", "person", "child") or ISO 4217
/// codes for money; `approx` marks "des milliers", "dozens", "environ". Dates are
/// "YYYY-MM-DD", a range "A/B", or "--MM-DD" when no year could be inferred.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    /// A span of time; `unit` is "year", "month", "week", "day", "hour", ...
    Duration {
        /// The number.
        value: f64,
        /// English singular unit, or "" when none was recognised.
        unit: String,
        /// The text gives an order of magnitude, not a figure.
        #[serde(skip_serializing_if = "is_false", default)]
        approx: bool,
        /// The figure is a floor ("plus de", "at least") or a ceiling ("moins de", "up to").
        #[serde(skip_serializing_if = "Option::is_none", default)]
        bound: Option<Bound>,
    },
    /// An amount of people or things, often approximate ("des milliers de personnes").
    Quantity {
        /// The number.
        value: f64,
        /// English singular unit, or "" when none was recognised.
        unit: String,
        /// The text gives an order of magnitude, not a figure.
        #[serde(skip_serializing_if = "is_false", default)]
        approx: bool,
        /// The figure is a floor ("plus de", "at least") or a ceiling ("moins de", "up to").
        #[serde(skip_serializing_if = "Option::is_none", default)]
        bound: Option<Bound>,
    },
    /// An exact count ("deux enfants": 2 "child").
    Count {
        /// The number.
        value: f64,
        /// English singular unit, or "" when none was recognised.
        unit: String,
        /// The text gives an order of magnitude, not a figure.
        #[serde(skip_serializing_if = "is_false", default)]
        approx: bool,
        /// The figure is a floor ("plus de", "at least") or a ceiling ("moins de", "up to").
        #[serde(skip_serializing_if = "Option::is_none", default)]
        bound: Option<Bound>,
    },
    /// A percentage; `unit` is "percent".
    Percent {
        /// The number.
        value: f64,
        /// English singular unit, or "" when none was recognised.
        unit: String,
        /// The text gives an order of magnitude, not a figure.
        #[serde(skip_serializing_if = "is_false", default)]
        approx: bool,
        /// The figure is a floor ("plus de", "at least") or a ceiling ("moins de", "up to").
        #[serde(skip_serializing_if = "Option::is_none", default)]
        bound: Option<Bound>,
    },
    /// An amount of money; `unit` is the currency's English singular name ("euro", "dollar"),
    /// as DESIGN.md's value contract wants units.
    Money {
        /// The number.
        value: f64,
        /// English singular unit, or "" when none was recognised.
        unit: String,
        /// The text gives an order of magnitude, not a figure.
        #[serde(skip_serializing_if = "is_false", default)]
        approx: bool,
        /// The figure is a floor ("plus de", "at least") or a ceiling ("moins de", "up to").
        #[serde(skip_serializing_if = "Option::is_none", default)]
        bound: Option<Bound>,
    },
    /// A rank: "44e jour" is 44 "day", "the 3rd round" 3 "round".
    Ordinal {
        /// The rank.
        value: f64,
        /// What is ranked: English singular where known, else the noun as written.
        unit: String,
    },
    /// A time of day, "HH:MM" ("à 23h" is 23:00, "8 p.m." 20:00): never a duration.
    Time { time: String },
    /// A date or date range.
    Date {
        /// "YYYY-MM-DD", "A/B" for a range, "--MM-DD" / "--MM" without a year.
        date: String,
    },
}

/// Which side of its figure a bounded amount lies on.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// At least the figure: "plus de", "au moins", "more than", "at least", "over".
    Min,
    /// At most the figure: "moins de", "au plus", "jusqu'à", "less than", "up to", "under".
    Max,
}

/// One checkable statement: `text == input[start..end]` (UTF-8 byte offsets on char
/// boundaries), its kind, normalized values, an English gloss for quantities and durations,
/// a check-worthiness score in [0, 1] and the rule that produced it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Statement {
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// `input[start..end]`.
    pub text: String,
    /// What the statement asserts.
    pub kind: Kind,
    /// Normalized values found in the span, in reading order.
    pub values: Vec<Value>,
    /// English gloss of the main value ("24 years in power"), when one can be built.
    pub gloss_en: Option<String>,
    /// Check-worthiness in [0, 1].
    pub score: f32,
    /// The rule that produced it: "duration.fr", "clause.event", "model.checkworthy", ...
    pub rule: String,
}

/// One sentence of the segmentation: `text == input[start..end]`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// `input[start..end]`.
    pub text: String,
}

/// The sentences (and standalone lines: headings, captions, list items) of `text`, in order.
/// The segmentation rules are shared by both languages; `lang` is accepted for the contract.
pub fn sentences(text: &str, _lang: Lang) -> Vec<Sentence> {
    segment::Units::new(text)
        .map(|u| Sentence {
            start: u.start,
            end: u.end,
            text: text[u.start..u.end].to_string(),
        })
        .collect()
}

/// The statements of `text`, in reading order. Never panics; see `extract_each` for a
/// streaming variant that does not collect.
pub fn extract(text: &str, opts: &Options) -> Vec<Statement> {
    let mut out = Vec::new();
    extract_each(text, opts, |s| out.push(s));
    out
}

/// Like `extract`, but hands each statement to `sink` as soon as it is found, so that memory
/// stays flat whatever the input size (only a few recent sentence hashes are kept, to skip a
/// photo caption repeated under the photo).
pub fn extract_each(text: &str, opts: &Options, sink: impl FnMut(Statement)) {
    Extractor::new(text, opts).feed(text, 0, sink);
}

/// Incremental extraction over a document read piece by piece (a large file, a stream): the
/// language, reference date and layout are decided once from the document's beginning, then
/// each chunk is processed as it arrives.
pub struct Extractor {
    lang: Lang,
    /// Detected (with `--lang auto`) as a language the extractor does not read: no statements.
    unsupported: Option<Unsupported>,
    reference: Option<Reference>,
    multi_line: bool,
    work: Work,
    recent: [u64; 8],
    recent_at: usize,
}

impl Extractor {
    /// Prepares extraction of a document that begins with `head` (a few kilobytes are enough:
    /// language detection and the dateline look no further).
    pub fn new(head: &str, opts: &Options) -> Self {
        let (lang, unsupported) = match opts.lang {
            LangChoice::Auto => (detect_language(head), unsupported_language(head)),
            LangChoice::Fixed(l) => (l, None),
        };
        let reference = opts
            .reference_date
            .map(Reference::day)
            .or_else(|| reference_from_dateline(head));
        Extractor {
            lang,
            unsupported,
            reference,
            multi_line: head.trim().contains('\n'),
            work: Work::default(),
            recent: [0; 8],
            recent_at: 0,
        }
    }

    /// The language the document is read in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The document's language when it is neither French nor English (then nothing is
    /// extracted: reading Spanish as French gave statements for almost every tweet).
    pub fn unsupported(&self) -> Option<Unsupported> {
        self.unsupported
    }

    /// Extracts the statements of `chunk`, which starts at byte `offset` of the document; their
    /// offsets are document offsets. Chunks must be cut at paragraph boundaries (an empty line):
    /// no sentence spans two chunks then, and the result equals `extract` on the whole document.
    pub fn feed(&mut self, chunk: &str, offset: usize, mut sink: impl FnMut(Statement)) {
        if self.unsupported.is_some() {
            return;
        }
        let mut shifted = |mut s: Statement| {
            s.start += offset;
            s.end += offset;
            sink(s);
        };
        for unit in segment::Units::new(chunk) {
            let sentence = &chunk[unit.start..unit.end];
            if sentence.len() >= 40 {
                let h = hash(sentence);
                if self.recent.contains(&h) {
                    continue;
                }
                self.recent[self.recent_at % self.recent.len()] = h;
                self.recent_at += 1;
            }
            let heading = unit.bare_line && self.multi_line;
            self.work.sentence(
                chunk,
                unit.start,
                unit.end,
                self.lang,
                self.reference,
                heading,
                &mut shifted,
            );
        }
    }
}

/// A fast hash of a sentence, to recognise one repeated a little later (a caption under its
/// photo): FNV-style, eight bytes at a time.
fn hash(s: &str) -> u64 {
    const PRIME: u64 = 0x100_0000_01b3;
    let bytes = s.as_bytes();
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(PRIME)
            .rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    h
}

/// Buffers reused from sentence to sentence, so the hot loop does not allocate them again.
#[derive(Default)]
struct Work {
    toks: Vec<Tok>,
    lower: String,
    used: Vec<bool>,
    verbs: Vec<bool>,
    value_tok: Vec<bool>,
    /// Tokens that may be a figure of a list: outside every date.
    figure_tok: Vec<bool>,
    pieces: Vec<(usize, usize)>,
    /// The unit of the last figure that had one ("339 000 manifestants ... contre 806 000"):
    /// a bare figure after it counts the same thing.
    carry_unit: Option<String>,
    found: Vec<Found>,
    flags: token::FlagCache,
    scratch: clause::Scratch,
    clauses: Vec<clause::Clause>,
}

impl Work {
    #[allow(clippy::too_many_arguments)]
    fn sentence(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        lang: Lang,
        reference: Option<Reference>,
        heading: bool,
        sink: &mut impl FnMut(Statement),
    ) {
        let raw = &text[start..end];
        let skip = filter::prefix_len(raw);
        let body = &raw[skip..];
        let body = &body[..body.len() - filter::suffix_len(body)];
        let base = start + skip;
        if body.is_empty() {
            return;
        }
        tokenize(body, &mut self.toks);
        lower_same_len(body, &mut self.lower);
        token::annotate(&mut self.toks, &self.lower, &mut self.flags);
        let fr = lang == Lang::Fr;
        if filter::reject(body, &self.toks, &self.lower, fr).is_some() {
            return;
        }
        let toks = &self.toks;
        let lower = self.lower.as_str();
        self.used.clear();
        self.used.resize(toks.len(), false);
        self.found.clear();
        date::find_dates(
            toks,
            lower,
            body,
            fr,
            reference,
            &mut self.used,
            &mut self.found,
        );
        let n_dates = self.found.len();
        number::find_quantities(toks, lower, body, fr, &mut self.used, &mut self.found);
        let n_quantities = self.found.len() - n_dates;
        self.found.sort_by_key(|f| f.start);
        number::carry_units(&mut self.found, toks, lower, &mut self.carry_unit);
        // Tokens inside a value, by a linear merge of the two sorted lists.
        self.value_tok.clear();
        self.figure_tok.clear();
        let mut fi = 0;
        for t in toks {
            while fi < self.found.len() && self.found[fi].end <= t.start {
                fi += 1;
            }
            let inside = self
                .found
                .get(fi)
                .filter(|f| t.start >= f.start && t.end <= f.end);
            self.value_tok.push(inside.is_some());
            // Not a figure of a list: a date's numbers, and the second part of a compound
            // duration ("four years and three months" is one figure).
            let compound_part = inside.is_some_and(|f| {
                f.kind == Kind::Duration
                    && t.start > f.start
                    && body
                        .get(f.start..f.end)
                        .is_some_and(|s| s.contains(" and ") || s.contains(" et "))
            });
            self.figure_tok
                .push(!inside.is_some_and(|f| f.kind == Kind::Date) && !compound_part);
        }
        clause::mark_verbs(toks, lower, &mut self.verbs);
        let any_verb = self.verbs.iter().any(|v| *v);
        if heading && !any_verb && self.found.is_empty() {
            return; // a heading without a verb or value ("Les dernières évolutions en Syrie")
        }
        // English: the model decides whether the sentence is check-worthy at all. Its features
        // already include the values the rules find, and its threshold is chosen by
        // cross-validation on the model probability itself, so nothing is added to it here.
        // The score is rescaled so that the decision threshold reads as 0.5.
        // Without a reference date the finders above ran exactly as the model's own value
        // counts do, so their counts are reused.
        let model_p = (!fr).then(|| {
            let p = if reference.is_none() {
                score::checkworthy_probability_counted(body, n_dates, n_quantities)
            } else {
                score::checkworthy_probability(body)
            };
            score::calibrated(p, score::model().threshold)
        });
        // What a video or photo shows is what fact-checkers check most often in viral content,
        // whatever the model says of its wording.
        let model_p = match model_p {
            Some(p) if p < 0.5 && filter::viral_content(lower) => Some(0.5),
            other => other,
        };
        if model_p.is_some_and(|p| p < 0.5) {
            return;
        }
        clause::split_into(
            toks,
            lower,
            body,
            &self.verbs,
            &self.value_tok,
            &mut self.scratch,
            &mut self.clauses,
        );
        let mut emitted = 0;
        let mut pieces = std::mem::take(&mut self.pieces);
        for c in &self.clauses {
            let Some((a, b)) = trim_clause(toks, lower, c.first, c.last) else {
                continue;
            };
            list::split_figures(toks, lower, &self.figure_tok, a, b, &mut pieces);
            for (k, &(pa, pb)) in pieces.iter().enumerate() {
                let Some((mut a, b)) = trim_clause(toks, lower, pa, pb) else {
                    continue;
                };
                // A later item of a list keeps its joint word, as it is read: "et le RN 89".
                if k > 0 && a == pa + 1 && matches!(toks[pa].low(lower), "et" | "and") {
                    a = pa;
                }
                let words = toks[a..b].iter().filter(|t| t.is_word()).count();
                let lo = self.found.partition_point(|f| f.start < toks[a].start);
                let hi = self.found.partition_point(|f| f.start < toks[b - 1].end);
                let values: Vec<&Found> = self.found[lo..hi.max(lo)].iter().collect();
                // A piece of a list keeps its figure even without a typed value ("9500 à Lyon").
                let listed =
                    pieces.len() > 1 && list::has_figure(toks, lower, &self.figure_tok, a, b);
                if values.is_empty() && !listed && (words < 3 || (!c.has_verb && words < 4)) {
                    continue;
                }
                let s = base + toks[a].start;
                let e = base + toks[b - 1].end;
                let span = &text[s..e];
                let (kind, rule) = classify(span, c, &values, toks, lower, a, b, fr);
                let named = toks[a..b]
                    .iter()
                    .skip(1)
                    .any(|t| t.is_word() && body[t.start..].starts_with(char::is_uppercase));
                let score = match model_p {
                    Some(p) => p.clamp(0.0, 1.0),
                    None => score::rule_score(!values.is_empty(), c.has_verb, named, c.attribution),
                };
                let gloss_en = values
                    .iter()
                    .filter(|f| f.kind == kind)
                    .chain(values.iter())
                    .find_map(|f| f.gloss.clone());
                sink(Statement {
                    start: s,
                    end: e,
                    text: span.to_string(),
                    kind,
                    values: values.iter().map(|f| f.value.clone()).collect(),
                    gloss_en,
                    score,
                    rule: rule.to_string(),
                });
                emitted += 1;
            }
        }
        self.pieces = pieces;
        if emitted == 0 && model_p.is_some() {
            // The model found the sentence check-worthy though no clause qualified: keep it whole.
            if let (Some(f), Some(l)) = (toks.first(), toks.iter().rposition(|t| !t.is('.'))) {
                let (s, e) = (base + f.start, base + toks[l].end);
                sink(Statement {
                    start: s,
                    end: e,
                    text: text[s..e].to_string(),
                    kind: Kind::Event,
                    values: self.found.iter().map(|f| f.value.clone()).collect(),
                    gloss_en: self.found.iter().find_map(|f| f.gloss.clone()),
                    score: model_p.unwrap_or(0.5),
                    rule: "model.checkworthy".to_string(),
                });
            }
        }
    }
}

/// Drops leading connectors and punctuation and trailing punctuation from tokens `[a, b)`.
fn trim_clause(toks: &[Tok], lower: &str, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    while a < b {
        let t = &toks[a];
        let w = t.low(lower);
        let connector = matches!(w, "et" | "mais" | "and" | "but" | "whereas" | "while")
            || (matches!(w, "alors" | "tandis")
                && toks
                    .get(a + 1)
                    .is_some_and(|n| matches!(n.low(lower), "que" | "qu")));
        let punct = matches!(t.class, token::Class::Punct(c) if !matches!(c, '«' | '“' | '"' | '$' | '€' | '£' | '#'));
        if punct {
            a += 1;
        } else if connector && a > 0 && b - a > 3 {
            a += if matches!(w, "alors" | "tandis") {
                2
            } else {
                1
            };
            if toks.get(a).is_some_and(|t| t.is('\'') || t.is('’')) {
                a += 1;
            }
        } else {
            break;
        }
    }
    while b > a
        && matches!(toks[b - 1].class, token::Class::Punct(c) if matches!(c, '.' | ',' | ';' | ':' | '!' | '-' | '–' | '—' | '…' | '+' | '*' | '\'' | '’'))
    {
        b -= 1;
    }
    (b > a).then_some((a, b))
}

/// Chooses the statement kind and the rule name.
#[allow(clippy::too_many_arguments)]
fn classify(
    span: &str,
    c: &clause::Clause,
    values: &[&Found],
    toks: &[Tok],
    lower: &str,
    a: usize,
    b: usize,
    fr: bool,
) -> (Kind, &'static str) {
    // Measured quantities (money, percentages, crowds) are the most checkable, then durations.
    let priority = [Kind::Quantity, Kind::Duration, Kind::Count, Kind::Date];
    if let Some(k) = priority
        .iter()
        .find(|k| values.iter().any(|f| f.kind == **k))
    {
        let rule = match (k, fr) {
            (Kind::Quantity, true) => "quantity.fr",
            (Kind::Quantity, false) => "quantity.en",
            (Kind::Duration, true) => "duration.fr",
            (Kind::Duration, false) => "duration.en",
            (Kind::Count, true) => "count.fr",
            (Kind::Count, false) => "count.en",
            (_, true) => "date.fr",
            (_, false) => "date.en",
        };
        return (*k, rule);
    }
    // A quotation of more than a few words in guillemets or curly quotes.
    let opening = toks[a..b].iter().position(|t| t.is('«') || t.is('“'));
    if opening.is_some_and(|o| b - a - o > 4) {
        return (Kind::Quote, "clause.quote");
    }
    if c.attribution {
        return (Kind::Attribution, "clause.attribution");
    }
    // "est à Moscou", "se trouvent à Moscou", "is in Paris": a location statement.
    let located = toks[a..b].windows(3).any(|w| {
        if w[0].end - w[0].start > 9 || !w[2].is_word() {
            return false;
        }
        let (v, p) = (w[0].low(lower), w[1].low(lower));
        matches!(
            v,
            "est"
                | "sont"
                | "trouve"
                | "trouvent"
                | "réfugié"
                | "is"
                | "are"
                | "was"
                | "were"
                | "lives"
                | "vit"
        ) && matches!(p, "à" | "au" | "en" | "aux" | "in" | "at")
            && span
                .get(w[2].start - toks[a].start..)
                .is_some_and(|s| s.starts_with(char::is_uppercase))
    });
    if located {
        return (Kind::Location, "clause.location");
    }
    (Kind::Event, "clause.event")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr() -> Options {
        Options {
            lang: LangChoice::Fixed(Lang::Fr),
            reference_date: NaiveDate::from_ymd_opt(2024, 12, 9),
        }
    }

    #[test]
    fn a_compound_sentence_is_one_statement_with_one_duration() {
        let text = "Il a été condamné à 2 ans et 6 mois de prison ferme mardi par le tribunal.";
        let out = extract(text, &fr());
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].values.iter().any(|v| matches!(
            v,
            Value::Duration { value, unit, .. } if *value == 30.0 && unit == "month"
        )));
        let en = Options {
            lang: LangChoice::Fixed(Lang::En),
            reference_date: NaiveDate::from_ymd_opt(2018, 10, 24),
        };
        let out = extract(
            "The former mayor was sentenced to four years and three months in prison.",
            &en,
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].gloss_en.as_deref(), Some("51 months"));
    }

    #[test]
    fn duration_statement_has_value_and_gloss() {
        let t = "Bachar Al-Assad a quitté la capitale syrienne, Damas, après la chute de son gouvernement, mettant ainsi fin à ses 24 ans de pouvoir.";
        let st = extract(t, &fr());
        assert_eq!(st.len(), 2, "{st:#?}");
        assert!(st[0].text.contains("a quitté la capitale syrienne, Damas"));
        assert_eq!(st[1].kind, Kind::Duration);
        assert_eq!(st[1].gloss_en.as_deref(), Some("24 years in power"));
        assert_eq!(st[1].rule, "duration.fr");
        for s in &st {
            assert_eq!(&t[s.start..s.end], s.text);
        }
    }

    #[test]
    fn filters_boilerplate_lines() {
        let t = "Titre\n\n09:379/12/2024, lundi\nAA\nLes dernières évolution en Syrie\n\nLa Russie a accordé l'asile à Bachar al-Assad.\n\n#Russie\n#Syrie\nÀ lire également:";
        let st = extract(t, &fr());
        assert_eq!(st.len(), 1, "{st:#?}");
        assert_eq!(st[0].kind, Kind::Event);
    }

    #[test]
    fn dates_resolve_from_dateline() {
        let t = "Titre\n09:379/12/2024, lundi\nLes combats se sont intensifiés le 27 novembre.";
        let st = extract(t, &Options::default());
        assert_eq!(
            st[0].values,
            vec![Value::Date {
                date: "2024-11-27".into()
            }]
        );
    }

    #[test]
    fn json_shape_matches_the_contract() {
        let v = Value::Quantity {
            value: 1000.0,
            unit: "person".into(),
            approx: true,
            bound: None,
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"type":"quantity","value":1000.0,"unit":"person","approx":true}"#
        );
        let v = Value::Duration {
            value: 24.0,
            unit: "year".into(),
            approx: false,
            bound: None,
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"type":"duration","value":24.0,"unit":"year"}"#
        );
        assert_eq!(serde_json::to_string(&Lang::Fr).unwrap(), "\"fr\"");
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
        assert_eq!(
            serde_json::to_string(&Kind::Attribution).unwrap(),
            "\"attribution\""
        );
    }

    #[test]
    fn chunked_feeding_equals_whole_extraction() {
        let t = "Titre\n09:379/12/2024, lundi\n\nLes combats se sont intensifiés le 27 novembre.\n\nDes milliers de personnes ont manifesté, selon la police.\n\n#Tag\n";
        let whole = extract(t, &Options::default());
        let mut ex = Extractor::new(t, &Options::default());
        let mut parts = Vec::new();
        let mut offset = 0;
        for chunk in t.split_inclusive("\n\n") {
            ex.feed(chunk, offset, |s| parts.push(s));
            offset += chunk.len();
        }
        assert_eq!(whole, parts);
        assert_eq!(whole.len(), 2);
    }

    #[test]
    fn odd_inputs() {
        for t in [
            "",
            "   ",
            "🙂🙂",
            "https://x.y/z",
            "TOUT EN MAJUSCULES. ENCORE.",
            "a\u{0}b",
            "«««",
            "1/2/3/4/5",
            "le 31 février 2024",
        ] {
            for s in extract(t, &Options::default()) {
                assert_eq!(&t[s.start..s.end], s.text);
            }
        }
    }
}
