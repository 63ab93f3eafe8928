//! Numbers in digits and in words (French and English), and the quantity phrases built on them:
//! counts ("deux enfants"), approximate quantities ("des milliers de personnes", "dozens of"),
//! durations ("24 ans de pouvoir"), percentages and money.

use super::lexicon::{self, UnitClass};
use super::token::{parse_digits, Class, Tok};
use super::{Bound, Kind, Value};

/// A typed value found in a sentence, with its byte span relative to the sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Byte offset of the phrase in the sentence.
    pub start: usize,
    /// Byte offset just past the phrase.
    pub end: usize,
    /// The normalized value.
    pub value: Value,
    /// The statement kind this value suggests.
    pub kind: Kind,
    /// English gloss of the phrase ("24 years in power"), when one can be built.
    pub gloss: Option<String>,
}

/// Value of one number word (or one hyphen-separated part of a compound).
fn word_value(w: &str) -> Option<f64> {
    Some(match w {
        "zéro" | "zero" => 0.0,
        "un" | "une" | "one" => 1.0,
        "deux" | "two" => 2.0,
        "trois" | "three" => 3.0,
        "quatre" | "four" => 4.0,
        "cinq" | "five" => 5.0,
        "six" => 6.0,
        "sept" | "seven" => 7.0,
        "huit" | "eight" => 8.0,
        "neuf" | "nine" => 9.0,
        "dix" | "ten" => 10.0,
        "onze" | "eleven" => 11.0,
        "douze" | "twelve" => 12.0,
        "treize" | "thirteen" => 13.0,
        "quatorze" | "fourteen" => 14.0,
        "quinze" | "fifteen" => 15.0,
        "seize" | "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "vingt" | "vingts" | "twenty" => 20.0,
        "trente" | "thirty" => 30.0,
        "quarante" | "forty" => 40.0,
        "cinquante" | "fifty" => 50.0,
        "soixante" | "sixty" => 60.0,
        "septante" | "seventy" => 70.0,
        "huitante" | "octante" | "eighty" => 80.0,
        "nonante" | "ninety" => 90.0,
        "cent" | "cents" | "hundred" => 100.0,
        "mille" | "thousand" => 1e3,
        "million" | "millions" => 1e6,
        "milliard" | "milliards" | "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Whether a lowercased word is (or starts) a number in words or a collective ("milliers").
pub fn is_number_word(w: &str) -> bool {
    lexicon::collective(w).is_some()
        || w == "tens"
        || w.split('-')
            .all(|p| p == "et" || p == "and" || word_value(p).is_some())
}

/// Accumulates number-word parts left to right ("quatre-vingt-dix-sept", "two hundred and five").
#[derive(Default)]
struct WordNumber {
    total: f64,
    current: f64,
    parts: usize,
}

impl WordNumber {
    fn push(&mut self, part: &str) -> bool {
        let Some(v) = word_value(part) else {
            return false;
        };
        match v {
            // "quatre-vingt(s)" multiplies: 4 x 20.
            20.0 if self.current == 4.0 && part.starts_with("vingt") => self.current = 80.0,
            100.0 => self.current = self.current.max(1.0) * 100.0,
            v if v >= 1000.0 => {
                self.total += self.current.max(1.0) * v;
                self.current = 0.0;
            }
            v => self.current += v,
        }
        self.parts += 1;
        true
    }
    fn value(&self) -> f64 {
        self.total + self.current
    }
}

/// Parses number words starting at token `i`; returns the value and the index after the last
/// number token. Only words, optionally joined by "et"/"and" ("vingt et un", "hundred and five").
pub fn parse_words(toks: &[Tok], lower: &str, i: usize) -> Option<(f64, usize)> {
    let mut n = WordNumber::default();
    let mut j = i;
    while let Some(t) = toks.get(j) {
        if !t.is_word() {
            break;
        }
        let w = t.low(lower);
        if (w == "et" || w == "and") && n.parts > 0 {
            let next_ok = toks.get(j + 1).is_some_and(|t| {
                t.is_word() && word_value(t.low(lower)).is_some_and(|v| v < 100.0)
            });
            if next_ok {
                j += 1;
                continue;
            }
            break;
        }
        let mut ok = true;
        let mark = (n.total, n.current, n.parts);
        for part in w.split('-') {
            if part == "et" || part == "and" {
                continue;
            }
            if !n.push(part) {
                ok = false;
                break;
            }
        }
        if !ok {
            (n.total, n.current, n.parts) = mark;
            break;
        }
        j += 1;
    }
    (n.parts > 0).then(|| (n.value(), j))
}

/// Formats a number for a gloss: integers without decimals.
pub fn fmt_num(v: f64) -> String {
    // "2.5 billion" reads better than "2500000000" in a gloss.
    for (scale, name) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if v.abs() >= scale && ((v / scale) * 100.0).fract() == 0.0 {
            return format!("{} {name}", v / scale);
        }
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

pub(super) fn is_de(w: &str) -> bool {
    matches!(w, "de" | "d" | "of" | "des")
}

/// Skips an elision apostrophe after "d"/"l".
pub(super) fn skip_apostrophe(toks: &[Tok], j: usize) -> usize {
    match toks.get(j) {
        Some(t) if t.is('\'') || t.is('’') => j + 1,
        _ => j,
    }
}

/// The unit after a number at token `j`: returns (unit, class, english gloss noun, next index).
fn unit_at(
    toks: &[Tok],
    lower: &str,
    text: &str,
    j: usize,
    allow_de: bool,
) -> Option<(&'static str, UnitClass, String, usize)> {
    let mut k = j;
    let first = toks.get(k)?;
    if allow_de && first.is_word() && is_de(first.low(lower)) {
        k = skip_apostrophe(toks, k + 1);
    }
    let t = toks.get(k)?;
    if !t.is_word() {
        return None;
    }
    let w = t.low(lower);
    if let Some((u, class)) = lexicon::unit(w) {
        let noun = match (u, class) {
            ("person", _) if w.starts_with("prisonni") => "prisoners".to_string(),
            ("person", _) if w.contains("mort") || w == "tués" || w == "décès" => "dead".into(),
            ("person", _) if w.starts_with("bless") => "injured".into(),
            _ => lexicon::unit_plural(u),
        };
        return Some((u, class, noun, k + 1));
    }
    // A capitalised plural after "de" is a demonym ("des milliers de Syriens"): people.
    let orig = text.get(t.start..t.end).unwrap_or("");
    if orig.chars().next().is_some_and(char::is_uppercase) && w.ends_with('s') && w.len() > 4 {
        let gloss = demonym_gloss(orig);
        return Some(("person", UnitClass::People, gloss, k + 1));
    }
    None
}

/// Words after a number that are not what it counts.
fn not_a_counted_noun(w: &str) -> bool {
    matches!(
        w,
        "les"
            | "des"
            | "ses"
            | "mes"
            | "tes"
            | "nos"
            | "vos"
            | "leurs"
            | "aux"
            | "dans"
            | "sous"
            | "sans"
            | "vers"
            | "chez"
            | "depuis"
            | "pas"
            | "plus"
            | "moins"
            | "fois"
            | "après"
            | "alors"
            | "jamais"
            | "toujours"
            | "tous"
            | "toutes"
            | "ils"
            | "elles"
            | "nous"
            | "vous"
            | "is"
            | "was"
            | "has"
            | "does"
            | "as"
            | "thus"
            | "its"
            | "his"
            | "hers"
            | "this"
            | "times"
            | "less"
            | "always"
            | "across"
            | "us"
            | "yes"
            | "ours"
            | "yours"
            | "theirs"
            | "whereas"
            | "perhaps"
            | "lors"
    ) || lexicon::month(w).is_some()
        || lexicon::weekday(w)
}

/// `word` in the singular, without accents ("arrondissements" -> "arrondissement", "régions"
/// -> "region", "stations" -> "station", "cities" -> "city").
pub(super) fn singular(word: &str, fr: bool) -> String {
    let plain: String = word
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        })
        .collect();
    if !fr {
        if let Some(stem) = plain.strip_suffix("ies") {
            return format!("{stem}y");
        }
        for suffix in ["ches", "shes", "sses", "xes"] {
            if plain.ends_with(suffix) {
                return plain[..plain.len() - 2].to_string();
            }
        }
    }
    plain
        .strip_suffix(['s', 'x'])
        .filter(|s| !s.ends_with('s'))
        .map_or(plain.clone(), str::to_string)
}

/// What a number counts when it is no unit the lexicon knows: the plural noun after it
/// ("36 interpellations", "12 sniffer dogs", "229 square miles"), as (unit, the words, index
/// past them). English takes up to two words (adjective or noun before the head); French takes
/// the head noun, its adjectives coming after it.
fn open_unit(
    toks: &[Tok],
    lower: &str,
    text: &str,
    j: usize,
    fr: bool,
) -> Option<(String, String, usize)> {
    let plural_noun = |k: usize| {
        toks.get(k).filter(|t| {
            let w = t.low(lower);
            t.is_word()
                && w.len() >= 3
                && (w.ends_with('s') || w.ends_with('x'))
                && !w.ends_with("ss")
                && !not_a_counted_noun(w)
                && text
                    .get(t.start..t.end)
                    .is_some_and(|o| o.starts_with(|c: char| c.is_lowercase()))
        })
    };
    let lowercase_word = |k: usize| {
        toks.get(k).filter(|t| {
            t.is_word()
                && t.end - t.start >= 3
                && !not_a_counted_noun(t.low(lower))
                && text
                    .get(t.start..t.end)
                    .is_some_and(|o| o.starts_with(|c: char| c.is_lowercase()))
        })
    };
    if !fr && lowercase_word(j).is_some() && plural_noun(j + 1).is_some() {
        let (a, b) = (toks[j].low(lower), toks[j + 1].low(lower));
        // "rescue workers", "police officers": the lexicon knows what the head counts.
        let unit = match lexicon::unit(b) {
            Some((u, _)) => u.to_string(),
            None => format!("{a} {}", singular(b, false)),
        };
        return Some((unit, format!("{a} {b}"), j + 2));
    }
    let t = plural_noun(j)?;
    let w = t.low(lower);
    // "13 others", "19 autres": more of the people just counted.
    if matches!(w, "others" | "autres") {
        return Some(("person".into(), w.to_string(), j + 1));
    }
    let one = singular(w, fr);
    // A French noun with an English unit is glossed in English ("36 arrests").
    match lexicon::english_counted_noun(&one).filter(|_| fr) {
        Some(en) => Some((en.to_string(), english_plural(en), j + 1)),
        None => Some((one, w.to_string(), j + 1)),
    }
}

/// The English plural of a singular noun ("city" -> "cities", "bus" -> "buses").
fn english_plural(noun: &str) -> String {
    let consonant_y =
        noun.ends_with('y') && !noun[..noun.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with(['s', 'x']) || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// English form of a French demonym plural ("Syriens" -> "Syrians"), else the word itself.
fn demonym_gloss(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("iens") {
        format!("{stem}ians")
    } else if let Some(stem) = w.strip_suffix("ains") {
        format!("{stem}ans")
    } else {
        w.to_string()
    }
}

/// The English gloss of the complement after a unit ("de pouvoir" -> "in power"), sharpened by
/// a regime adjective elsewhere in the sentence ("régime baasiste" -> "of Baath rule").
fn complement(toks: &[Tok], lower: &str, j: usize) -> Option<String> {
    let t = toks.get(j)?;
    let w = t.low(lower);
    if !matches!(w, "de" | "d" | "du" | "au" | "of" | "in" | "en") {
        return None;
    }
    let mut k = skip_apostrophe(toks, j + 1);
    if toks
        .get(k)
        .is_some_and(|t| matches!(t.low(lower), "la" | "l" | "le" | "the"))
    {
        k = skip_apostrophe(toks, k + 1);
    }
    let noun = toks.get(k).filter(|t| t.is_word())?.low(lower);
    let gloss = lexicon::complement_gloss(noun)?;
    if gloss == "of rule" || gloss == "of regime rule" {
        if let Some(adj) = toks
            .iter()
            .find_map(|t| lexicon::regime_adjective(t.low(lower)))
        {
            return Some(format!("of {adj} rule"));
        }
    }
    Some(gloss.to_string())
}

fn approx_gloss(v: f64) -> Option<&'static str> {
    Some(match v {
        12.0 => "dozens of",
        100.0 => "hundreds of",
        1000.0 => "thousands of",
        1e6 => "millions of",
        1e9 => "billions of",
        _ => return None,
    })
}

/// A number without a unit that is still a quantity: "plus de 40 000", "more than 500", or a
/// large number written with separators; not "article 49", "Ligue 1" or a year.
fn bare_quantity(toks: &[Tok], lower: &str, text: &str, i: usize, value: f64) -> bool {
    let t = toks[i];
    if t.class != Class::Num {
        return false;
    }
    let raw = text.get(t.start..t.end).unwrap_or("");
    let separated = raw.bytes().any(|b| !b.is_ascii_digit());
    let prev = |k: usize| {
        i.checked_sub(k)
            .and_then(|p| toks.get(p))
            .map_or("", |p| p.low(lower))
    };
    let bound = matches!(
        (prev(2), prev(1)),
        (
            "plus" | "moins" | "more" | "less" | "fewer",
            "de" | "d" | "than"
        ) | (_, "over" | "environ" | "about" | "nearly" | "près")
    );
    // "2.500" in French is 2,500 (a dot before exactly three digits groups thousands).
    let dot_grouped = raw
        .split('.')
        .skip(1)
        .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        && raw.contains('.');
    // Four digits read as a year only where a year can be: 9500 is a figure.
    let not_a_year = raw.len() == 4 && !separated && !(1000.0..=2100.0).contains(&value);
    (bound && value >= 10.0)
        || (separated && value >= 1000.0 && (!raw.contains('.') || dot_grouped))
        || value >= 10_000.0 && raw.len() > 4
        || not_a_year
}

/// Finds quantity phrases in a tokenized sentence. `used[i]` marks tokens already claimed (dates);
/// found tokens are marked too.
pub fn find_quantities(
    toks: &[Tok],
    lower: &str,
    text: &str,
    fr: bool,
    used: &mut [bool],
    out: &mut Vec<Found>,
) {
    let mut i = 0;
    while i < toks.len() {
        let skip = match toks[i].class {
            Class::Word => toks[i].lacks(super::token::flag::NUMBER),
            Class::Num => false,
            Class::Punct(_) => true,
        };
        if used.get(i).copied().unwrap_or(true) {
            i += 1;
            continue;
        }
        // "la moitié des", "the third of": a share starts at its article, not a number.
        let found = if skip {
            // Only an article or a hyphenated word can open a share: the rest are skipped
            // without a look (this loop sees every word of the text).
            let w = toks[i].low(lower);
            if toks[i].is_word()
                && (matches!(
                    w,
                    "un" | "une" | "le" | "la" | "l" | "a" | "one" | "the" | "half"
                ) || w.contains('-'))
            {
                super::figure::share(toks, lower, i)
            } else {
                None
            }
        } else {
            quantity_at(toks, lower, text, fr, i)
        };
        match found {
            Some((found, end)) => {
                for u in used.iter_mut().take(end).skip(i) {
                    *u = true;
                }
                out.push(found);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    join_compound_durations(text, out);
}

fn quantity_at(
    toks: &[Tok],
    lower: &str,
    text: &str,
    fr: bool,
    i: usize,
) -> Option<(Found, usize)> {
    use super::figure;
    if let Some(found) = figure::clock_time(toks, lower, text, i)
        .or_else(|| figure::ordinal(toks, lower, text, fr, i))
        .or_else(|| figure::ratio(toks, lower, text, fr, i))
        .or_else(|| figure::share(toks, lower, i))
    {
        return Some(found);
    }
    let t = toks[i];
    let prev = |k: usize| i.checked_sub(k).and_then(|p| toks.get(p));
    let prev_low = |k: usize| {
        prev(k)
            .filter(|t| t.is_word())
            .map(|t| t.low(lower))
            .unwrap_or("")
    };
    let mut approx = lexicon::approximator(prev_low(1))
        || (prev_low(1) == "de" && prev_low(2) == "près")
        || (prev_low(1) == "of" && prev_low(2) == "tens");
    let bound = bound_before(prev_low(3), prev_low(2), prev_low(1));
    let mut start_tok = i;
    let (mut value, mut j, from_words) = match t.class {
        Class::Num => {
            // Products ("4×4"), times ("09:37") and slashed dates are not quantities.
            let next = toks.get(i + 1);
            if next.is_some_and(|n| n.is('×') || n.is(':') || n.is('/') || n.is('h'))
                || prev(1).is_some_and(|p| p.is('×') || p.is(':') || p.is('/'))
            {
                return None;
            }
            let mut v = parse_digits(text.get(t.start..t.end)?, fr)?;
            let mut j = i + 1;
            // "6½ years", "2¼ miles": a vulgar fraction glued to the figure.
            if let Some(part) =
                toks.get(j)
                    .filter(|n| n.start == t.end)
                    .and_then(|n| match n.class {
                        Class::Punct('½') => Some(0.5),
                        Class::Punct('¼') => Some(0.25),
                        Class::Punct('¾') => Some(0.75),
                        _ => None,
                    })
            {
                v += part;
                j += 1;
            }
            (v * sign_before(toks, i), j, false)
        }
        Class::Word => {
            let w = t.low(lower);
            if let Some(v) = lexicon::collective(w) {
                // "des milliers", "une dizaine", "thousands of": approximate by nature.
                let det = prev_low(1);
                if matches!(
                    det,
                    "des" | "une" | "un" | "plusieurs" | "quelques" | "de" | "d"
                ) {
                    start_tok = i - 1;
                } else if fr {
                    return None;
                }
                approx = true;
                let mut v = v;
                let mut j = i + 1;
                // "des dizaines de milliers", "tens of thousands"
                if let Some(n) = toks.get(j).filter(|n| is_de(n.low(lower))) {
                    let k = skip_apostrophe(toks, j + 1);
                    if let Some(m) = toks.get(k).and_then(|m| lexicon::collective(m.low(lower))) {
                        if m >= 1000.0 && n.is_word() {
                            v *= m;
                            j = k + 1;
                        }
                    }
                }
                (v, j, true)
            } else if w == "tens" && toks.get(i + 1).is_some_and(|n| n.low(lower) == "of") {
                return None; // "tens of thousands" is read from "thousands" with approx set
            } else {
                let (v, j) = parse_words(toks, lower, i)?;
                (v, j, true)
            }
        }
        Class::Punct(_) => return None,
    };
    // Money symbol before the number: "$5 billion", "€ 20".
    let mut currency = prev(1).and_then(|p| match p.class {
        Class::Punct(c) => lexicon::currency(&c.to_string()),
        _ => None,
    });
    if currency.is_some() {
        start_tok = i - 1;
    }
    if let Some(s) = toks.get(j).and_then(|n| lexicon::scale(n.low(lower))) {
        if !(from_words && s >= 1e3 && value >= 1e3) {
            value *= s;
            j += 1;
        }
    }
    let mut unit: Option<(&'static str, UnitClass, String)> = None;
    let mut percent = false;
    // Percentage points: "0,3 point", "3 points de pourcentage", "0.3 percentage point". A
    // whole number of "points" without "pourcentage" is left alone (a score, an index).
    let mut points = false;
    if let Some(n) = toks.get(j) {
        let w = n.low(lower);
        let word = |k: usize| toks.get(k).map_or("", |t| t.low(lower));
        if matches!(w, "point" | "points")
            && (value.fract() != 0.0 || (is_de(word(j + 1)) && word(j + 2) == "pourcentage"))
        {
            points = true;
            j += if value.fract() != 0.0 && !(is_de(word(j + 1)) && word(j + 2) == "pourcentage") {
                1
            } else {
                3
            };
        } else if w == "percentage" && matches!(word(j + 1), "point" | "points") {
            points = true;
            j += 2;
        }
    }
    if points {
        percent = true;
    } else if let Some(n) = toks.get(j) {
        let w = n.low(lower);
        if n.is('%') {
            percent = true;
            j += 1;
        } else if (w == "pour" || w == "per")
            && toks.get(j + 1).is_some_and(|c| c.low(lower) == "cent")
        {
            percent = true;
            j += 2;
        } else if w == "percent" || w == "pourcent" {
            percent = true;
            j += 1;
        } else if currency.is_none() {
            let sym = match n.class {
                Class::Punct(c) => lexicon::currency(&c.to_string()),
                _ => None,
            };
            let k = if w == "de" || w == "d" {
                skip_apostrophe(toks, j + 1)
            } else {
                j
            };
            if let Some(c) =
                sym.or_else(|| toks.get(k).and_then(|m| lexicon::currency(m.low(lower))))
            {
                currency = Some(c);
                j = if sym.is_some() { j + 1 } else { k + 1 };
            }
        }
    }
    let mut open: Option<(String, String)> = None;
    // Earthquakes: "magnitude 7,2", "de magnitude 7,8", "a 6.1-magnitude quake".
    let magnitude_before =
        prev_low(1) == "magnitude" || (prev_low(1) == "of" && prev_low(2) == "magnitude");
    let magnitude_after = toks.get(j).is_some_and(|t| t.is('-'))
        && toks.get(j + 1).is_some_and(|t| t.low(lower) == "magnitude");
    if !percent && currency.is_none() && (magnitude_before || magnitude_after) {
        if magnitude_after {
            j += 2;
        }
        open = Some(("magnitude".into(), "magnitude".into()));
    } else if !percent && currency.is_none() {
        let allow_de = from_words || value >= 1e6 || approx;
        if let Some((u, class, noun, k)) = unit_at(toks, lower, text, j, allow_de) {
            // A speed: "124 km/h", "60 mph".
            let per_hour = toks.get(k).is_some_and(|t| t.is('/'))
                && toks.get(k + 1).is_some_and(|t| t.low(lower) == "h");
            if per_hour && matches!(u, "kilometre" | "mile" | "metre") {
                open = Some((format!("{u} per hour"), format!("{}s per hour", u)));
                j = k + 2;
            } else {
                unit = Some((u, class, noun));
                j = k;
            }
        } else if value != 1.0 {
            if let Some((u, phrase, k)) = open_unit(toks, lower, text, j, fr) {
                open = Some((u, phrase));
                j = k;
            }
        }
    }
    let is_one = value == 1.0 && from_words;
    if is_one && unit.is_none() {
        return None;
    }
    let start = toks[start_tok].start;
    let end = toks[j - 1].end;
    let num = fmt_num(value);
    let (v, kind, gloss) = if points {
        let v = Value::Percent {
            value,
            unit: "percentage point".into(),
            approx,
            bound: None,
        };
        let plural = if value <= 1.0 { "point" } else { "points" };
        (
            v,
            Kind::Quantity,
            Some(format!("{num} percentage {plural}")),
        )
    } else if percent {
        let v = Value::Percent {
            value,
            unit: "percent".into(),
            approx,
            bound: None,
        };
        (v, Kind::Quantity, Some(format!("{num} percent")))
    } else if let Some(name) = currency {
        let v = Value::Money {
            value,
            unit: name.into(),
            approx,
            bound: None,
        };
        let plural = if value == 1.0 || name == "yen" {
            name.to_string()
        } else {
            format!("{name}s")
        };
        (v, Kind::Quantity, Some(format!("{num} {plural}")))
    } else if let Some((u, class, noun)) = unit {
        let plural = if value == 1.0 {
            u.to_string()
        } else {
            lexicon::unit_plural(u)
        };
        match class {
            UnitClass::Time => {
                let tail = complement(toks, lower, j)
                    .map(|c| format!(" {c}"))
                    .unwrap_or_default();
                let gloss = format!("{num} {plural}{tail}");
                (
                    Value::Duration {
                        value,
                        unit: u.into(),
                        approx,
                        bound: None,
                    },
                    Kind::Duration,
                    Some(gloss),
                )
            }
            _ if approx => {
                let head = approx_gloss(value)
                    .map(str::to_string)
                    .unwrap_or(format!("about {num}"));
                let gloss = format!("{head} {noun}");
                (
                    Value::Quantity {
                        value,
                        unit: u.into(),
                        approx,
                        bound: None,
                    },
                    Kind::Quantity,
                    Some(gloss),
                )
            }
            UnitClass::People => {
                let noun = if value == 1.0 { u.to_string() } else { noun };
                (
                    Value::Count {
                        value,
                        unit: u.into(),
                        approx,
                        bound: None,
                    },
                    Kind::Count,
                    Some(format!("{num} {noun}")),
                )
            }
            UnitClass::Thing => {
                let gloss = format!("{num} {plural}");
                (
                    Value::Quantity {
                        value,
                        unit: u.into(),
                        approx,
                        bound: None,
                    },
                    Kind::Quantity,
                    Some(gloss),
                )
            }
        }
    } else if let Some((u, phrase)) = open {
        (
            Value::Quantity {
                value,
                unit: u,
                approx,
                bound: None,
            },
            Kind::Quantity,
            Some(format!("{num} {phrase}")),
        )
    } else if approx && from_words && lexicon::collective(toks[i].low(lower)).is_some() {
        let head = approx_gloss(value).unwrap_or("many");
        (
            Value::Quantity {
                value,
                unit: String::new(),
                approx,
                bound: None,
            },
            Kind::Quantity,
            Some(head.trim_end_matches(" of").to_string()),
        )
    } else if !is_one && (value >= 1e6 || bare_quantity(toks, lower, text, i, value)) {
        (
            Value::Quantity {
                value,
                unit: String::new(),
                approx,
                bound: None,
            },
            Kind::Quantity,
            Some(num),
        )
    } else {
        return None; // a bare number ("article 49", "Ligue 1", a year) is not a checkable value
    };
    let mut v = v;
    let mut gloss = gloss;
    if let Some((side, words)) = bound {
        set_bound(&mut v, side);
        gloss = gloss.map(|g| format!("{words} {g}"));
    }
    Some((
        Found {
            start,
            end,
            value: v,
            kind,
            gloss,
        },
        j,
    ))
}

/// The values `find_quantities` finds in a whole text (for tests).
#[cfg(test)]
pub(super) fn quantities_in(s: &str, fr: bool) -> Vec<Found> {
    let mut toks = Vec::new();
    super::token::tokenize(s, &mut toks);
    let mut lower = String::new();
    super::token::lower_same_len(s, &mut lower);
    let mut used = vec![false; toks.len()];
    let mut out = Vec::new();
    find_quantities(&toks, &lower, s, fr, &mut used, &mut out);
    out
}

/// Joins a duration and the smaller one that completes it ("four years and three months", "2
/// ans et 6 mois", "1 hour 30 minutes") into one value in the smaller unit (51 months, 30
/// months, 90 minutes): a sentence of four years and three months is not a claim about four
/// years.
fn join_compound_durations(text: &str, out: &mut Vec<Found>) {
    let in_smaller = |big: &str, small: &str| -> Option<f64> {
        Some(match (big, small) {
            ("year", "month") => 12.0,
            ("year", "week") => 52.0,
            ("year", "day") => 365.0,
            ("month", "week") => 4.0,
            ("month", "day") => 30.0,
            ("week", "day") => 7.0,
            ("day", "hour") => 24.0,
            ("hour", "minute") => 60.0,
            ("minute", "second") => 60.0,
            _ => return None,
        })
    };
    let mut k = 1;
    while k < out.len() {
        let (first, second) = (&out[k - 1], &out[k]);
        let joined = match (&first.value, &second.value) {
            (
                Value::Duration {
                    value: a,
                    unit: big,
                    approx: false,
                    bound,
                },
                Value::Duration {
                    value: b,
                    unit: small,
                    approx: false,
                    bound: None,
                },
            ) => {
                let between = text.get(first.end..second.start).unwrap_or("x").trim();
                let linked = matches!(between, "" | "and" | "et" | ",");
                in_smaller(big, small).filter(|_| linked).map(|factor| {
                    let value = a * factor + b;
                    let gloss = format!(
                        "{} {}",
                        fmt_num(value),
                        if value == 1.0 {
                            small.clone()
                        } else {
                            lexicon::unit_plural(small)
                        }
                    );
                    Found {
                        start: first.start,
                        end: second.end,
                        value: Value::Duration {
                            value,
                            unit: small.clone(),
                            approx: false,
                            bound: *bound,
                        },
                        kind: Kind::Duration,
                        gloss: Some(gloss),
                    }
                })
            }
            _ => None,
        };
        match joined {
            Some(found) => {
                out[k - 1] = found;
                out.remove(k);
            }
            None => k += 1,
        }
    }
}

/// -1 for a figure written with a minus sign glued to it ("recule (-0,8 %)", "après -0,1 %"),
/// else 1. A dash between two figures is a range ("17-18"), and one inside a word a hyphen.
fn sign_before(toks: &[Tok], i: usize) -> f64 {
    let Some(dash) = i.checked_sub(1).and_then(|p| toks.get(p)) else {
        return 1.0;
    };
    let minus = (dash.is('-') || dash.is('−') || dash.is('–')) && dash.end == toks[i].start;
    let before = i.checked_sub(2).and_then(|p| toks.get(p));
    let apart = before.is_none_or(|b| {
        b.end < dash.start && b.class != Class::Num || b.is('(') || b.is(':') || b.is(',')
    });
    if minus && apart {
        -1.0
    } else {
        1.0
    }
}

/// A floor or ceiling put on the figure by the words just before it, with its English words
/// for the gloss: "plus de 1 000" (more than), "au moins 11" (at least), "moins de 5" (less
/// than), "jusqu'à 40" (up to), "more than", "at least", "over", "fewer than", "up to",
/// "under", "at most".
fn bound_before(p3: &str, p2: &str, p1: &str) -> Option<(Bound, &'static str)> {
    Some(match (p2, p1) {
        ("plus", "de" | "d") => (Bound::Min, "more than"),
        ("au", "moins") => (Bound::Min, "at least"),
        ("moins", "de" | "d") if p3 != "au" => (Bound::Max, "less than"),
        ("au", "plus") => (Bound::Max, "at most"),
        // "jusqu'à": the apostrophe between them is no word.
        ("jusqu" | "", "à") if p2 == "jusqu" || p3 == "jusqu" => (Bound::Max, "up to"),
        ("more", "than") => (Bound::Min, "more than"),
        ("at", "least") => (Bound::Min, "at least"),
        ("less" | "fewer", "than") => (Bound::Max, "less than"),
        ("at", "most") => (Bound::Max, "at most"),
        ("up", "to") => (Bound::Max, "up to"),
        (_, "over") => (Bound::Min, "over"),
        (_, "under") => (Bound::Max, "under"),
        _ => return None,
    })
}

fn set_bound(value: &mut Value, side: Bound) {
    match value {
        Value::Duration { bound, .. }
        | Value::Quantity { bound, .. }
        | Value::Count { bound, .. }
        | Value::Percent { bound, .. }
        | Value::Money { bound, .. } => *bound = Some(side),
        Value::Date { .. } | Value::Time { .. } | Value::Ordinal { .. } => {}
    }
}

/// Gives a bare figure ("contre 806 000 le 5 décembre", "et 25 000 à Marseille") the unit of
/// the figure before it in the text, which it is compared or listed with; `carry` holds that
/// unit across sentences. A figure followed by a noun of its own ("2 490 out of 3 508 polling
/// stations") counts something else and is left alone.
pub fn carry_units(found: &mut [Found], toks: &[Tok], lower: &str, carry: &mut Option<String>) {
    for f in found.iter_mut() {
        match &mut f.value {
            Value::Quantity { unit, .. } | Value::Count { unit, .. } if unit.is_empty() => {
                let next = toks.get(toks.partition_point(|t| t.start < f.end));
                let elliptic = match next {
                    None => true,
                    Some(t) if t.class != Class::Word => true,
                    Some(t) => {
                        let w = t.low(lower);
                        lexicon::weekday(w)
                            || lexicon::month(w).is_some()
                            || matches!(
                                w,
                                "le" | "la"
                                    | "les"
                                    | "l"
                                    | "à"
                                    | "au"
                                    | "aux"
                                    | "en"
                                    | "dans"
                                    | "pour"
                                    | "selon"
                                    | "contre"
                                    | "et"
                                    | "ou"
                                    | "sur"
                                    | "par"
                                    | "mais"
                                    | "soit"
                                    | "dont"
                                    | "in"
                                    | "on"
                                    | "at"
                                    | "for"
                                    | "the"
                                    | "by"
                                    | "according"
                                    | "and"
                                    | "or"
                                    | "than"
                                    | "against"
                                    | "compared"
                                    | "last"
                                    | "this"
                            )
                    }
                };
                if let (true, Some(u)) = (elliptic, carry.as_ref()) {
                    unit.clone_from(u);
                }
            }
            // A magnitude measures one earthquake: the next bare figure ("316 000 morts") is
            // something else.
            Value::Quantity { unit, .. } if unit == "magnitude" => *carry = None,
            Value::Quantity { unit, .. }
            | Value::Count { unit, .. }
            | Value::Percent { unit, .. }
            | Value::Money { unit, .. } => *carry = Some(unit.clone()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::token::{lower_same_len, tokenize};
    use super::*;

    #[test]
    fn a_number_counts_the_plural_noun_after_it_even_outside_the_lexicon() {
        let units = |s: &str, fr: bool| -> Vec<String> {
            find(s, fr)
                .into_iter()
                .filter_map(|f| match f.value {
                    Value::Quantity { unit, .. } | Value::Count { unit, .. } => Some(unit),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            units("Rescuers brought 12 sniffer dogs and 57 bodies", false),
            ["sniffer dog", "body"]
        );
        assert_eq!(
            units("Le vote n'a pas eu lieu dans 16 arrondissements", true),
            ["district"]
        );
        assert_eq!(units("Ils remontent des 31 régions", true), ["region"]);
        assert_eq!(units("un séisme de magnitude 7,8", true), ["magnitude"]);
        assert_eq!(units("a 6.1-magnitude quake", false), ["magnitude"]);
        let glosses: Vec<String> = find("La police a procédé à 36 interpellations", true)
            .into_iter()
            .filter_map(|f| f.gloss)
            .collect();
        assert_eq!(glosses, ["36 arrests"]);
        // A verb or a preposition after the number is not what it counts.
        assert!(units("37 003 728 ont voté", true)
            .iter()
            .all(|u| u.is_empty()));
    }

    fn find(s: &str, fr: bool) -> Vec<Found> {
        super::quantities_in(s, fr)
    }

    #[test]
    fn floors_and_ceilings_are_marked_and_glossed() {
        let bound = |s: &str, fr: bool| -> Vec<(Option<Bound>, String)> {
            find(s, fr)
                .into_iter()
                .map(|f| {
                    let b = match f.value {
                        Value::Quantity { bound, .. }
                        | Value::Count { bound, .. }
                        | Value::Duration { bound, .. }
                        | Value::Percent { bound, .. }
                        | Value::Money { bound, .. } => bound,
                        Value::Date { .. } | Value::Time { .. } | Value::Ordinal { .. } => None,
                    };
                    (b, f.gloss.unwrap_or_default())
                })
                .collect()
        };
        assert_eq!(
            bound("plus de 1 000 personnes et au moins 11 morts", true),
            [
                (Some(Bound::Min), "more than 1000 people".to_string()),
                (Some(Bound::Min), "at least 11 dead".to_string())
            ]
        );
        assert_eq!(bound("moins de 5 % des voix", true)[0].0, Some(Bound::Max));
        assert_eq!(
            bound("jusqu'à 40 ans de prison", true)[0].0,
            Some(Bound::Max)
        );
        assert_eq!(
            bound("more than 2,000 people and up to 30 years", false)[0].0,
            Some(Bound::Min)
        );
        assert_eq!(
            bound("more than 2,000 people and up to 30 years", false)[1].0,
            Some(Bound::Max)
        );
        assert_eq!(bound("fewer than 300 troops", false)[0].0, Some(Bound::Max));
        assert_eq!(bound("12 000 manifestants", true)[0].0, None);
    }

    #[test]
    fn word_numbers() {
        let v = |s: &str| {
            let mut toks = Vec::new();
            tokenize(s, &mut toks);
            let mut lower = String::new();
            lower_same_len(s, &mut lower);
            parse_words(&toks, &lower, 0).map(|x| x.0)
        };
        assert_eq!(v("vingt-quatre"), Some(24.0));
        assert_eq!(v("quatre-vingt-dix-sept"), Some(97.0));
        assert_eq!(v("soixante et onze"), Some(71.0));
        assert_eq!(v("deux mille vingt"), Some(2020.0));
        assert_eq!(v("two hundred and five"), Some(205.0));
        assert_eq!(v("twenty-one"), Some(21.0));
        assert_eq!(v("maison"), None);
    }

    #[test]
    fn durations_with_gloss() {
        let f = find("mettant fin à ses 24 ans de pouvoir", true);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].value,
            Value::Duration {
                value: 24.0,
                unit: "year".into(),
                approx: false,
                bound: None,
            }
        );
        assert_eq!(f[0].gloss.as_deref(), Some("24 years in power"));
        let f = find("le régime baasiste, après 61 ans de règne", true);
        assert_eq!(f[0].gloss.as_deref(), Some("61 years of Baath rule"));
        let f = find("après seulement une journée de combats", true);
        assert_eq!(
            f[0].value,
            Value::Duration {
                value: 1.0,
                unit: "day".into(),
                approx: false,
                bound: None,
            }
        );
    }

    #[test]
    fn counts_and_approximate_quantities() {
        let f = find("leurs deux enfants", true);
        assert_eq!(
            f[0].value,
            Value::Count {
                value: 2.0,
                unit: "child".into(),
                approx: false,
                bound: None,
            }
        );
        let f = find("des milliers de personnes célébraient", true);
        assert_eq!(
            f[0].value,
            Value::Quantity {
                value: 1000.0,
                unit: "person".into(),
                approx: true,
                bound: None,
            }
        );
        assert_eq!(f[0].gloss.as_deref(), Some("thousands of people"));
        let f = find("Des milliers de Syriens", true);
        assert_eq!(f[0].gloss.as_deref(), Some("thousands of Syrians"));
        let f = find("libérer des dizaines de prisonnières", true);
        assert_eq!(
            f[0].value,
            Value::Quantity {
                value: 12.0,
                unit: "person".into(),
                approx: true,
                bound: None,
            }
        );
        let f = find("dozens of people were killed", false);
        assert_eq!(
            f[0].value,
            Value::Quantity {
                value: 12.0,
                unit: "person".into(),
                approx: true,
                bound: None,
            }
        );
    }

    #[test]
    fn percent_money_and_non_quantities() {
        let f = find("le chômage à 7,5 % et 3 milliards d'euros", true);
        assert_eq!(
            f[0].value,
            Value::Percent {
                value: 7.5,
                unit: "percent".into(),
                approx: false,
                bound: None,
            }
        );
        assert_eq!(
            f[1].value,
            Value::Money {
                value: 3e9,
                unit: "euro".into(),
                approx: false,
                bound: None,
            }
        );
        let f = find("$89 billion last year", false);
        assert_eq!(
            f[0].value,
            Value::Money {
                value: 89e9,
                unit: "dollar".into(),
                approx: false,
                bound: None,
            }
        );
        assert!(find("des voitures de 4×4 imposants", true).is_empty());
        assert!(find("un petit enfant", true).is_empty());
        // A time of day is a time, never an amount.
        let times = find("en 2024 et à 09:37", true);
        assert_eq!(times.len(), 1);
        assert_eq!(
            times[0].value,
            Value::Time {
                time: "09:37".into()
            }
        );
    }
}
