//! Check-worthiness: a hashed logistic-regression model over word uni-, bi- and trigrams,
//! character n-grams, coarse word classes, public-policy topics and hand features (numbers, money,
//! percentages, years, comparatives, capitalised words, first-person opinion markers,
//! questions, length, values found by the rules).
//!
//! The weights are trained in Rust by `examples/train_checkworthy.rs` on the ClaimBuster English
//! sentences and embedded with `include_bytes!`; they are parsed once. The model speaks English;
//! French statements get a rule-based score (see `rule_score`).

use std::sync::OnceLock;

use super::date;
use super::number;
use super::token::{lower_same_len, tokenize, Tok};

/// Number of hash bits of the feature space (2^20 weights).
pub const BITS: u32 = 20;
const MAGIC: &[u8; 4] = b"CWM3";
/// Header bytes before the weights.
const HEADER: usize = 24;
/// `held_out` as stored when the model saw every labelled example.
const NO_HOLDOUT: u32 = u32::MAX;

/// A trained linear model: weights over the hashed feature space, a bias and the decision
/// threshold chosen by cross-validation.
#[derive(Clone, Debug)]
pub struct Model {
    /// One weight per hashed feature (2^BITS).
    pub weights: Vec<f32>,
    /// Intercept.
    pub bias: f32,
    /// Probability at or above which a sentence is check-worthy.
    pub threshold: f32,
    /// The seed of the hold-out (`in_holdout`) kept away from training, so that an evaluation
    /// can measure the model on ids it never saw; `None` when it was trained on every example.
    pub held_out: Option<u8>,
}

impl Model {
    /// Serializes the model: magic, bits, bias, threshold, scale, hold-out seed (all little
    /// endian; `u32::MAX` for none), then one signed byte per weight (`weight = byte * scale`).
    /// Linear weights survive 8-bit quantization with no measurable loss, and 2^20 weights fit
    /// in 1 MB.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let mut out = Vec::with_capacity(HEADER + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        let held_out = self.held_out.map_or(NO_HOLDOUT, u32::from);
        out.extend_from_slice(&held_out.to_le_bytes());
        for w in &self.weights {
            let q = (w / scale).round().clamp(-127.0, 127.0) as i8;
            out.push(q.to_le_bytes()[0]);
        }
        out
    }

    /// Parses bytes written by `to_bytes`; `None` if they are malformed or of another size.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let f32_at = |i: usize| -> Option<f32> {
            Some(f32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
        };
        if b.get(..4)? != MAGIC {
            return None;
        }
        let bits = u32::from_le_bytes(b.get(4..8)?.try_into().ok()?);
        if bits != BITS {
            return None;
        }
        let n = 1usize << BITS;
        let body = b.get(HEADER..)?;
        if body.len() != n {
            return None;
        }
        let scale = f32_at(16)?;
        let held_out = match u32::from_le_bytes(b.get(20..24)?.try_into().ok()?) {
            NO_HOLDOUT => None,
            seed => Some(u8::try_from(seed).ok()?),
        };
        let weights = body
            .iter()
            .map(|&q| f32::from(i8::from_le_bytes([q])) * scale)
            .collect();
        Some(Model {
            weights,
            bias: f32_at(8)?,
            threshold: f32_at(12)?,
            held_out,
        })
    }

    /// Probability that the features (from `features`) describe a check-worthy sentence.
    pub fn probability(&self, feats: &[(u32, f32)]) -> f32 {
        let z: f32 = self.bias
            + feats
                .iter()
                .map(|(i, v)| self.weights.get(*i as usize).copied().unwrap_or(0.0) * v)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

static EMBEDDED: &[u8] = include_bytes!("checkworthy_en.model");

/// The embedded English model, parsed on first use. An unusable file gives an all-zero model
/// (probability 0.5, threshold 0.5), so extraction degrades to the rules instead of failing.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(EMBEDDED).unwrap_or(Model {
            weights: vec![0.0; 1 << BITS],
            bias: 0.0,
            threshold: 0.5,
            held_out: None,
        })
    })
}

fn fnv(ns: u8, parts: &[&str]) -> u32 {
    fold_hash(fnv64(ns, parts))
}

fn fold_hash(h: u64) -> u32 {
    ((h >> 20) ^ h) as u32 & ((1 << BITS) - 1)
}

fn fnv64(ns: u8, parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(ns);
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            h = (h ^ 0x20).wrapping_mul(0x100_0000_01b3);
        }
        for b in p.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

fn bucket(n: usize, edges: &[usize]) -> usize {
    edges.iter().position(|e| n <= *e).unwrap_or(edges.len())
}

const B_CMP: u8 = 1;
const B_OPINION: u8 = 2;
const B_FIRST: u8 = 4;
const B_WE: u8 = 8;
const B_FUTURE: u8 = 16;
const B_YOU: u8 = 32;

/// Lexical classes of a lowercased word for the hand features, as bits: comparatives and
/// quantity words, opinion and intention words, first person singular and plural, future and
/// modal, second person. One `match` per word instead of a scan of several lists.
fn word_bits(w: &str) -> u8 {
    match w {
        "more" | "less" | "than" | "most" | "least" | "fewer" | "increase" | "increased"
        | "decrease" | "decreased" | "cut" | "cuts" | "raise" | "raised" | "higher" | "lower"
        | "double" | "doubled" | "tripled" | "largest" | "biggest" | "percent" | "only"
        | "never" | "every" | "all" | "none" | "first" | "record" | "average" | "rate" | "tax"
        | "taxes" | "million" | "billion" => B_CMP,
        "think" | "believe" | "feel" | "hope" | "want" | "wish" | "need" | "let" | "thank"
        | "ought" => B_OPINION,
        "should" | "must" | "going" | "will" => B_OPINION | B_FUTURE,
        "would" => B_FUTURE,
        "i" | "i'm" | "i've" | "i'd" | "my" | "me" | "myself" => B_FIRST,
        "i'll" => B_FIRST | B_FUTURE,
        "we" | "we're" | "we've" | "our" | "us" => B_WE,
        "we'll" => B_WE | B_FUTURE,
        "you" | "your" | "you're" | "you've" => B_YOU,
        _ => 0,
    }
}

/// Weights of the feature groups (0 drops a group); `FEATURES` is what the model uses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FeatureConfig {
    /// Word unigrams.
    pub words: f32,
    /// Word bigrams.
    pub bigrams: f32,
    /// Word trigrams.
    pub trigrams: f32,
    /// Word-class uni/bi/trigrams.
    pub tags: f32,
    /// Character n-grams.
    pub chars: f32,
    /// Smallest and largest character n-gram length.
    pub char_min: usize,
    /// Largest character n-gram length.
    pub char_max: usize,
    /// Hand features.
    pub hand: f32,
    /// More hand features when > 0 (first person with future or past, superlatives, number
    /// words, the first word, second person); weighted like `hand`.
    pub extra: f32,
}

/// The feature configuration of the embedded model.
pub const FEATURES: FeatureConfig = FeatureConfig {
    words: 1.0,
    bigrams: 1.0,
    trigrams: 1.0,
    tags: 0.5,
    chars: 0.3,
    char_min: 3,
    char_max: 5,
    hand: 2.0,
    extra: 1.0,
};

/// Hashed feature vector of one sentence: (index, value) pairs, L2-normalized. Training and
/// inference both call this, so they cannot drift apart.
pub fn features(sentence: &str) -> Vec<(u32, f32)> {
    features_with(sentence, &FEATURES)
}

/// `features` under another configuration (for training experiments).
pub fn features_with(sentence: &str, cfg: &FeatureConfig) -> Vec<(u32, f32)> {
    features_counted(sentence, cfg, None)
}

/// `features_with`, given the counts of dates and quantities the rules find in the sentence
/// (`rule_values`) when the caller already has them; `None` computes them.
fn features_counted(
    sentence: &str,
    cfg: &FeatureConfig,
    values: Option<(usize, usize)>,
) -> Vec<(u32, f32)> {
    let lower = sentence.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '$' || c == '%'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(words.len() * 12 + lower.len() * 3 + 64);
    // Word uni- and bigrams (numbers folded into "<num>"); no allocation per word.
    let fold = |w: &str| -> bool { w.bytes().any(|b| b.is_ascii_digit()) };
    let mut prev: &str = "<s>";
    let mut prev2: &str = "<s>";
    for w in &words {
        let n: &str = if fold(w) { "<num>" } else { w };
        out.push((fnv(1, &[n]), cfg.words));
        out.push((fnv(2, &[prev, n]), cfg.bigrams));
        if cfg.trigrams > 0.0 {
            out.push((fnv(13, &[prev2, prev, n]), cfg.trigrams));
        }
        prev2 = prev;
        prev = n;
    }
    out.push((fnv(2, &[prev, "</s>"]), cfg.bigrams));
    // Coarse word classes (a poor man's part-of-speech) and their bi- and trigrams.
    let originals: Vec<&str> = sentence.split_whitespace().collect();
    let tags: Vec<&str> = words.iter().map(|w| word_class(w)).collect();
    for k in 0..tags.len() {
        out.push((fnv(10, &[tags[k]]), cfg.tags));
        if k >= 1 {
            out.push((fnv(11, &[tags[k - 1], tags[k]]), cfg.tags));
        }
        if k >= 2 {
            out.push((fnv(12, &[tags[k - 2], tags[k - 1], tags[k]]), cfg.tags));
        }
    }
    // Topics of the words, and how many words have one.
    let mut topical = 0;
    for t in words.iter().filter_map(|w| topic(w)) {
        out.push((fnv(14, &[t]), cfg.tags));
        topical += 1;
    }
    // Character n-grams (3 to 5) over the lowercased, space-normalized text (digits as '0'),
    // hashed straight from slices of one buffer.
    let mut squashed = String::with_capacity(lower.len() + 2);
    squashed.push(' ');
    for w in &words {
        squashed.extend(w.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }));
        squashed.push(' ');
    }
    let bounds: Vec<usize> = squashed
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(squashed.len()))
        .collect();
    let chars = bounds.len() - 1;
    // One FNV pass per start position yields the 3-, 4- and 5-gram hashes (each a prefix of
    // the next), instead of hashing every n-gram from scratch.
    let sq = squashed.as_bytes();
    for k in 0..chars {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ 8;
        for n in 1..=cfg.char_max.min(chars - k) {
            for &b in &sq[bounds[k + n - 1]..bounds[k + n]] {
                h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
            if n >= cfg.char_min {
                out.push((fold_hash(h), cfg.chars));
            }
        }
    }
    // Hand features.
    let bits: Vec<u8> = words.iter().map(|w| word_bits(w)).collect();
    let any = bits.iter().fold(0u8, |a, b| a | b);
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    let mut hv: Vec<(&str, usize)> = Vec::with_capacity(24);
    let mut hand = |name: &'static str, v: usize| hv.push((name, v.min(9)));
    let nums = words
        .iter()
        .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
        .count();
    hand("nums", bucket(nums, &[0, 1, 2]));
    hand(
        "percent",
        usize::from(lower.contains('%') || lower.contains("percent")),
    );
    hand(
        "money",
        usize::from(lower.contains('$') || lower.contains("dollar") || lower.contains("billion")),
    );
    let years = words
        .iter()
        .filter(|w| {
            w.len() == 4
                && (w.starts_with("19") || w.starts_with("20"))
                && w.bytes().all(|b| b.is_ascii_digit())
        })
        .count();
    hand("year", usize::from(years > 0));
    hand(
        "cmp",
        bucket(bits.iter().filter(|b| *b & B_CMP != 0).count(), &[0, 1, 2]),
    );
    hand(
        "opinion",
        bucket(bits.iter().filter(|b| *b & B_OPINION != 0).count(), &[0, 1]),
    );
    hand(
        "first",
        bucket(bits.iter().filter(|b| *b & B_FIRST != 0).count(), &[0, 1]),
    );
    hand("question", usize::from(sentence.trim_end().ends_with('?')));
    hand("len", bucket(words.len(), &[5, 10, 15, 20, 30, 45]));
    let caps = originals
        .iter()
        .skip(1)
        .filter(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && **w != "I" && !w.starts_with("I'")
        })
        .count();
    hand("caps", bucket(caps, &[0, 1, 2, 4]));
    let past = tags.iter().filter(|t| **t == "VBD").count();
    hand("past", bucket(past, &[0, 1, 2]));
    let (dates, qty) = values.unwrap_or_else(|| rule_values(sentence));
    hand("rule_date", usize::from(dates > 0));
    hand("rule_qty", bucket(qty, &[0, 1]));
    if cfg.extra > 0.0 {
        let first = any & (B_FIRST | B_WE) != 0;
        let future = any & B_FUTURE != 0;
        hand("first_future", usize::from(first && future));
        hand("first_past", usize::from(first && past > 0));
        hand(
            "superlative",
            usize::from(words.iter().any(|w| {
                w.len() > 5 && w.ends_with("est") && !matches!(*w, "interest" | "request")
            })),
        );
        let numw = tags.iter().filter(|t| **t == "NUM").count();
        hand("numw", bucket(numw, &[0, 1, 2]));
        hand(
            "start",
            match words.first().copied() {
                Some("i" | "i'm" | "i've") => 1,
                Some("we" | "we're" | "we've") => 2,
                Some("and" | "but" | "so") => 3,
                Some("well" | "now" | "look" | "yes" | "no" | "oh") => 4,
                Some("you" | "your") => 5,
                Some("the" | "a" | "in" | "this") => 6,
                _ => 0,
            },
        );
        hand("you", usize::from(any & B_YOU != 0));
        hand("topical", bucket(topical, &[0, 1, 2, 3]));
    }
    for (name, v) in &hv {
        out.push((fnv(9, &[name, DIGITS[*v]]), cfg.hand));
    }
    // Groups are weighted before normalization (many char n-grams would otherwise drown the few
    // word and hand features); duplicates keep their largest weight.
    // A small open-addressing table (feature indices are already hashes, and u32::MAX is never
    // one) dedups in linear time; the order of the features does not matter to the model.
    let cap = (out.len() * 2).next_power_of_two().max(16);
    let shift = 32 - cap.trailing_zeros();
    let mut slots: Vec<(u32, u32)> = vec![(u32::MAX, 0); cap];
    let mut unique: Vec<(u32, f32)> = Vec::with_capacity(out.len());
    for (i, v) in out {
        let mut s = (i.wrapping_mul(0x9E37_79B1) >> shift) as usize;
        loop {
            let (key, at) = slots[s];
            if key == i {
                let u = &mut unique[at as usize].1;
                *u = u.max(v);
                break;
            }
            if key == u32::MAX {
                slots[s] = (i, unique.len() as u32);
                unique.push((i, v));
                break;
            }
            s = (s + 1) & (cap - 1);
        }
    }
    let mut out = unique;
    out.retain(|x| x.1 > 0.0);
    let norm = out.iter().map(|(_, v)| v * v).sum::<f32>().sqrt().max(1e-6);
    for x in &mut out {
        x.1 /= norm;
    }
    out
}

/// A coarse English word class: numbers, pronouns by person, modals, past tense, negation,
/// comparatives, determiners, conjunctions, else the word's suffix class.
fn word_class(w: &str) -> &'static str {
    if w.bytes().any(|b| b.is_ascii_digit()) || w.contains('%') || w.starts_with('$') {
        return "NUM";
    }
    match w {
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
        | "hundred" | "thousand" | "million" | "billion" | "trillion" | "percent" | "half"
        | "dozen" => "NUM",
        "i" | "me" | "my" | "i'm" | "i've" | "i'll" | "i'd" | "myself" => "P1S",
        "we" | "us" | "our" | "we're" | "we've" | "we'll" | "ourselves" => "P1P",
        "you" | "your" | "you're" | "you've" => "P2",
        "he" | "she" | "they" | "it" | "his" | "her" | "their" | "its" | "them" | "him"
        | "he's" | "it's" | "they're" => "P3",
        "will" | "would" | "can" | "could" | "should" | "must" | "may" | "might" | "shall"
        | "going" | "won't" => "MD",
        "was" | "were" | "had" | "did" | "said" | "went" | "made" | "got" | "gave" | "took"
        | "came" | "lost" | "won" | "cut" | "passed" | "became" | "left" | "spent" | "paid"
        | "sent" | "led" | "built" | "brought" | "fell" | "rose" | "grew" | "sold" | "told"
        | "wrote" | "put" | "set" | "kept" => "VBD",
        "is" | "are" | "has" | "have" | "does" | "do" | "am" | "be" | "been" => "VBZ",
        "not" | "no" | "never" | "don't" | "didn't" | "doesn't" | "isn't" | "wasn't" | "can't"
        | "nothing" => "NEG",
        "more" | "less" | "fewer" | "most" | "least" | "than" | "higher" | "lower" | "larger"
        | "bigger" => "CMP",
        "the" | "a" | "an" | "this" | "that" | "these" | "those" | "every" | "all" | "any"
        | "some" => "DT",
        "and" | "but" | "or" | "because" | "if" | "so" => "CC",
        "think" | "believe" | "feel" | "hope" | "want" | "wish" | "know" | "need" => "OPN",
        _ if w.len() > 4 && w.ends_with("ed") => "VBD",
        _ if w.len() > 5 && w.ends_with("ing") => "VBG",
        _ if w.len() > 4 && w.ends_with("ly") => "RB",
        _ if w.len() > 4
            && (w.ends_with("tion")
                || w.ends_with("ment")
                || w.ends_with("ness")
                || w.ends_with("ity")) =>
        {
            "NNX"
        }
        _ if w.len() > 3 && w.ends_with('s') => "NNS",
        _ => "W",
    }
}

/// The public-policy topic of a lowercased English word, if any: what debate claims are about.
/// Shared classes let the model carry what it learns from frequent words ("unemployment") to
/// rare ones of the same topic ("joblessness").
fn topic(w: &str) -> Option<&'static str> {
    Some(match w {
        "economy" | "economic" | "jobs" | "job" | "unemployment" | "unemployed" | "employment"
        | "jobless" | "joblessness" | "wages" | "wage" | "income" | "incomes" | "inflation"
        | "recession" | "depression" | "growth" | "gdp" | "trade" | "tariff" | "tariffs"
        | "exports" | "imports" | "manufacturing" | "factories" | "businesses" | "business"
        | "poverty" | "poor" | "prices" | "price" | "interest" | "mortgage" | "mortgages"
        | "housing" | "farmers" | "farm" | "agriculture" | "workers" | "labor" | "salary"
        | "salaries" | "productivity" | "market" | "markets" | "stock" | "banks" | "bank" => {
            "economy"
        }
        "tax" | "taxes" | "taxed" | "taxpayers" | "taxpayer" | "irs" | "deficit" | "deficits"
        | "debt" | "budget" | "budgets" | "spending" | "spend" | "spent" | "surplus"
        | "revenue" | "revenues" | "dollars" | "funding" | "funds" | "subsidies" | "loans"
        | "bailout" | "stimulus" | "cost" | "costs" | "expenditures" => "fiscal",
        "health" | "healthcare" | "insurance" | "insured" | "uninsured" | "medicare"
        | "medicaid" | "obamacare" | "hospital" | "hospitals" | "doctors" | "doctor"
        | "patients" | "drugs" | "drug" | "prescription" | "disease" | "cancer" | "aids"
        | "abortion" | "abortions" | "premiums" | "coverage" => "health",
        "military" | "troops" | "soldiers" | "war" | "wars" | "army" | "navy" | "marines"
        | "nuclear" | "weapons" | "missile" | "missiles" | "bombs" | "defense" | "pentagon"
        | "terrorists" | "terrorist" | "terrorism" | "attack" | "attacked" | "invasion"
        | "invaded" | "treaty" | "sanctions" | "allies" | "nato" | "al" | "qaeda" | "isis"
        | "taliban" | "killed" | "veterans" | "intelligence" | "cia" | "arms" => "security",
        "congress" | "senate" | "senator" | "house" | "bill" | "bills" | "law" | "laws"
        | "legislation" | "voted" | "vote" | "votes" | "veto" | "vetoed" | "amendment"
        | "constitution" | "court" | "supreme" | "justices" | "federal" | "government"
        | "administration" | "governor" | "legislature" | "passed" | "signed" | "regulations"
        | "agency" | "department" | "program" | "programs" | "policy" | "policies" => "government",
        "oil" | "energy" | "gas" | "gasoline" | "coal" | "electricity" | "solar" | "wind"
        | "climate" | "pollution" | "emissions" | "environment" | "environmental" | "epa"
        | "drilling" | "pipeline" => "energy",
        "schools" | "school" | "education" | "teachers" | "students" | "college" | "colleges"
        | "university" | "tuition" | "graduates" => "education",
        "social" | "pension" | "pensions" | "retirement" | "retirees" | "welfare" | "seniors"
        | "elderly" | "benefits" | "children" | "families" | "childcare" => "welfare",
        "crime" | "crimes" | "police" | "guns" | "gun" | "firearms" | "prison" | "prisons"
        | "murder" | "murders" | "violence" | "immigrants" | "immigration" | "illegal"
        | "border" | "borders" | "deported" | "refugees" | "criminals" => "order",
        "percent" | "percentage" | "million" | "millions" | "billion" | "billions" | "trillion"
        | "thousand" | "thousands" | "hundred" | "hundreds" | "doubled" | "tripled"
        | "increased" | "decreased" | "rose" | "fell" | "grew" | "dropped" | "declined" => {
            "measure"
        }
        _ => return None,
    })
}

/// Counts of dates and quantities the rules find in an English sentence.
fn rule_values(sentence: &str) -> (usize, usize) {
    let mut toks: Vec<Tok> = Vec::new();
    tokenize(sentence, &mut toks);
    let mut lower = String::new();
    lower_same_len(sentence, &mut lower);
    let mut used = vec![false; toks.len()];
    let mut found = Vec::new();
    date::find_dates(&toks, &lower, sentence, false, None, &mut used, &mut found);
    let dates = found.len();
    number::find_quantities(&toks, &lower, sentence, false, &mut used, &mut found);
    (dates, found.len() - dates)
}

/// Check-worthiness probability of an English sentence under the embedded model.
pub fn checkworthy_probability(sentence: &str) -> f32 {
    model().probability(&features(sentence))
}

/// `checkworthy_probability` for a caller that has already run the date and quantity finders
/// on the sentence exactly as `rule_values` does (no reference date, English): saves running
/// them twice. `dates` and `quantities` are the numbers of values each finder added.
pub fn checkworthy_probability_counted(sentence: &str, dates: usize, quantities: usize) -> f32 {
    model().probability(&features_counted(
        sentence,
        &FEATURES,
        Some((dates, quantities)),
    ))
}

/// Maps a model probability to a score in [0, 1] where the decision threshold becomes 0.5
/// (piecewise linear), so that scores of both languages read alike: >= 0.5 is check-worthy.
pub fn calibrated(p: f32, threshold: f32) -> f32 {
    let t = threshold.clamp(0.01, 0.99);
    let p = p.clamp(0.0, 1.0);
    if p < t {
        0.5 * p / t
    } else {
        0.5 + 0.5 * (p - t) / (1.0 - t)
    }
}

/// Rule-based score for a French statement, in [0, 1]: typed values, a finite verb, named
/// entities and attribution each raise it.
pub fn rule_score(has_value: bool, has_verb: bool, named: bool, attributed: bool) -> f32 {
    let mut s = 0.45;
    if has_value {
        s += 0.3;
    }
    if has_verb {
        s += 0.1;
    }
    if named {
        s += 0.08;
    }
    if attributed {
        s += 0.05;
    }
    f32::min(s, 0.98)
}

/// The hold-out seed of the project's standing test split: 15 % of ClaimBuster ids that the
/// published figures are measured on (`train_checkworthy --holdout 42`).
pub const TEST_SPLIT: u8 = 42;

/// Whether an id falls in the 15 % hold-out of the given seed: a stable hash of the id, so that
/// training and evaluation agree on which examples were kept away. Different seeds give
/// independent hold-outs, for re-measuring the whole training procedure.
pub fn in_holdout(id: &str, seed: u8) -> bool {
    let h = fnv64(seed, &[id]);
    ((h >> 32) ^ h) % 20 >= 17
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_round_trips() {
        let mut m = Model {
            weights: vec![0.25; 1 << BITS],
            bias: -1.0,
            threshold: 0.4,
            held_out: Some(TEST_SPLIT),
        };
        m.weights[3] = -0.5;
        let back = Model::from_bytes(&m.to_bytes()).expect("parse");
        assert!((back.weights[3] + 0.5).abs() < 0.01 && (back.weights[0] - 0.25).abs() < 0.01);
        assert_eq!(back.bias, -1.0);
        assert_eq!(back.threshold, 0.4);
        assert_eq!(back.held_out, Some(TEST_SPLIT));
        m.held_out = None;
        assert_eq!(
            Model::from_bytes(&m.to_bytes()).expect("parse").held_out,
            None
        );
        assert!(Model::from_bytes(b"nope").is_none());
    }

    #[test]
    fn the_embedded_model_parses() {
        // A model file in an old format would silently fall back to the all-zero model.
        assert!(Model::from_bytes(EMBEDDED).is_some());
    }

    #[test]
    fn features_are_normalized_and_in_range() {
        let f = features("We have lost 700,000 jobs since 2008!");
        assert!(!f.is_empty());
        let norm: f32 = f.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-3);
        assert!(f.iter().all(|(i, _)| (*i as usize) < (1 << BITS)));
        assert!(!features("").is_empty());
    }

    #[test]
    fn word_bits_match_the_lists() {
        const COMPARATIVE: &[&str] = &[
            "more",
            "less",
            "than",
            "most",
            "least",
            "fewer",
            "increase",
            "increased",
            "decrease",
            "decreased",
            "cut",
            "cuts",
            "raise",
            "raised",
            "higher",
            "lower",
            "double",
            "doubled",
            "tripled",
            "largest",
            "biggest",
            "percent",
            "only",
            "never",
            "every",
            "all",
            "none",
            "first",
            "record",
            "average",
            "rate",
            "tax",
            "taxes",
            "million",
            "billion",
        ];
        const OPINION: &[&str] = &[
            "think", "believe", "feel", "hope", "want", "wish", "should", "must", "need", "going",
            "will", "let", "thank", "ought",
        ];
        const FIRST: &[&str] = &["i", "i'm", "i've", "i'll", "i'd", "my", "me", "myself"];
        const WE: &[&str] = &["we", "we're", "we'll", "we've", "our", "us"];
        const FUTURE: &[&str] = &["will", "going", "i'll", "we'll", "would", "should", "must"];
        const YOU: &[&str] = &["you", "your", "you're", "you've"];
        let lists = [
            (COMPARATIVE, B_CMP),
            (OPINION, B_OPINION),
            (FIRST, B_FIRST),
            (WE, B_WE),
            (FUTURE, B_FUTURE),
            (YOU, B_YOU),
        ];
        let all: Vec<&str> = lists.iter().flat_map(|(l, _)| l.iter().copied()).collect();
        for w in all.iter().copied().chain(["the", "house", "wills"]) {
            for (list, bit) in lists {
                assert_eq!(list.contains(&w), word_bits(w) & bit != 0, "{w}");
            }
        }
    }

    #[test]
    fn calibration_puts_the_threshold_at_one_half() {
        assert!((calibrated(0.3, 0.3) - 0.5).abs() < 1e-6);
        assert_eq!(calibrated(0.0, 0.3), 0.0);
        assert_eq!(calibrated(1.0, 0.3), 1.0);
        assert!(calibrated(0.2, 0.3) < 0.5 && calibrated(0.4, 0.3) > 0.5);
    }

    #[test]
    fn words_of_one_topic_share_a_feature() {
        let economy = fnv(14, &["economy"]);
        let has = |s: &str| features(s).iter().any(|(i, _)| *i == economy);
        assert!(has("Joblessness rose.") && has("Unemployment rose."));
        assert!(!has("Togetherness rose."));
    }

    #[test]
    fn probability_is_a_probability() {
        let p = checkworthy_probability("Unemployment rose to 10 percent in 2009.");
        assert!((0.0..=1.0).contains(&p));
    }
}
