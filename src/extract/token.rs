//! Word, number and punctuation tokens with byte offsets, over one sentence.
//!
//! Tokens point into both the original text and a lowercased copy of identical byte layout, so
//! that lexicon lookups need no per-token allocation and offsets stay valid in the original.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Letters (with inner hyphens): "vingt-quatre", "al-Assad".
    Word,
    /// Digits, with inner decimal or thousands separators: "1 000", "3,5", "1,000.25".
    Num,
    /// Any other visible character.
    Punct(char),
}

/// One token: byte range `[start, end)` relative to the tokenized string, and lexical flags
/// (see `annotate`; 0 until then).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// Word, number or punctuation.
    pub class: Class,
    /// Lexical flags (`flag::*`).
    pub flags: u32,
}

/// Flag bits set by `annotate`. A scanner may skip a word whose flags lack what it looks for,
/// but only when `ANNOTATED` is set.
pub mod flag {
    /// `annotate` has set the flags.
    pub const ANNOTATED: u32 = 1 << 31;
    /// A month name.
    pub const MONTH: u32 = 1;
    /// A word that may open a date ("entre", "du", "en", "premier").
    pub const DATE_WORD: u32 = 1 << 1;
    /// A number word or collective ("vingt-quatre", "milliers").
    pub const NUMBER: u32 = 1 << 2;
    /// A finite verb from the lexicon.
    pub const VERB: u32 = 1 << 3;
    /// Reporting verbs and "selon"/"according" (attribution).
    pub const REPORTING: u32 = 1 << 4;
    /// Words that can open a subordinate clause ("alors", "dont", "which").
    pub const SUBORD: u32 = 1 << 5;
    /// Subject pronouns ("il", "they", "qui").
    pub const PRONOUN: u32 = 1 << 6;
    /// Object clitics and "se"/"ne" ("le", "lui", "s", "n").
    pub const CLITIC: u32 = 1 << 7;
}

/// Lexical flags of lowercased words, memoized: one hash lookup per token instead of a dozen
/// word-list scans. Bounded, so memory stays flat on any input.
pub struct FlagCache {
    /// Direct-mapped front for words of at most 8 bytes (most words), keyed by the word's
    /// bytes packed into a u64 (words hold no zero byte, so the packing is unique).
    short: Vec<(u64, u32)>,
    map: std::collections::HashMap<Box<str>, u32, std::hash::BuildHasherDefault<FxHasher>>,
}

const SHORT_SLOTS: usize = 4096;

impl Default for FlagCache {
    fn default() -> Self {
        FlagCache {
            short: vec![(0, 0); SHORT_SLOTS],
            map: Default::default(),
        }
    }
}

impl FlagCache {
    fn get(&mut self, w: &str) -> u32 {
        let b = w.as_bytes();
        if (1..=8).contains(&b.len()) {
            let mut key = [0u8; 8];
            key[..b.len()].copy_from_slice(b);
            let key = u64::from_le_bytes(key);
            let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize % SHORT_SLOTS;
            let (k, f) = self.short[slot];
            if k == key {
                return f;
            }
            let f = self.lookup(w);
            self.short[slot] = (key, f);
            return f;
        }
        self.lookup(w)
    }

    fn lookup(&mut self, w: &str) -> u32 {
        // Long "words" (URLs, garbage) are not worth keeping: memory stays bounded.
        if w.len() > 40 {
            return word_flags(w);
        }
        if let Some(f) = self.map.get(w) {
            return *f;
        }
        let f = word_flags(w);
        if self.map.len() < CACHE_LIMIT {
            self.map.insert(w.into(), f);
        }
        f
    }
}

const CACHE_LIMIT: usize = 100_000;

/// A small, fast non-cryptographic hasher for short words (the Fx hash of rustc).
#[derive(Default)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

fn word_flags(w: &str) -> u32 {
    let mut f = flag::ANNOTATED;
    if super::lexicon::month(w).is_some() {
        f |= flag::MONTH;
    }
    if matches!(
        w,
        "entre"
            | "between"
            | "du"
            | "from"
            | "premier"
            | "en"
            | "in"
            | "depuis"
            | "since"
            | "année"
            | "year"
    ) || super::lexicon::weekday(w)
        || super::lexicon::relative_day(w).is_some()
    {
        f |= flag::DATE_WORD;
    }
    if super::number::is_number_word(w) {
        f |= flag::NUMBER;
    }
    if super::lexicon::finite_verb(w) {
        f |= flag::VERB;
    }
    if super::lexicon::reporting_verb(w) || matches!(w, "selon" | "according") {
        f |= flag::REPORTING;
    }
    if super::lexicon::subordinator(w, "que") > 0 {
        f |= flag::SUBORD;
    }
    if super::lexicon::subject_pronoun(w) {
        f |= flag::PRONOUN;
    }
    if super::lexicon::clitic(w) || matches!(w, "se" | "s" | "ne" | "n") {
        f |= flag::CLITIC;
    }
    f
}

/// Sets the lexical flags of every word token (other tokens get `ANNOTATED` only).
pub fn annotate(toks: &mut [Tok], lower: &str, cache: &mut FlagCache) {
    for t in toks.iter_mut() {
        if t.class != Class::Word {
            t.flags = flag::ANNOTATED;
            continue;
        }
        let w = lower.get(t.start..t.end).unwrap_or("");
        t.flags = cache.get(w);
    }
}

impl Tok {
    /// The token's lowercased text.
    pub fn low<'a>(&self, lower: &'a str) -> &'a str {
        lower.get(self.start..self.end).unwrap_or("")
    }
    /// Whether the token is the given punctuation character.
    pub fn is(&self, c: char) -> bool {
        self.class == Class::Punct(c)
    }
    /// Whether the token is a word.
    pub fn is_word(&self) -> bool {
        self.class == Class::Word
    }
    /// Whether `annotate` has proved this token lacks all of `bits` (so a scanner may skip it).
    pub fn lacks(&self, bits: u32) -> bool {
        self.flags & flag::ANNOTATED != 0 && self.flags & bits == 0
    }
}

/// Lowercases `s` char by char, keeping any char whose lowercase has another UTF-8 length as it
/// is, so that byte offsets in the result are valid in `s`.
pub fn lower_same_len(s: &str, out: &mut String) {
    out.clear();
    out.push_str(s);
    out.make_ascii_lowercase();
    // Non-ASCII uppercase letters ("É", "À") are rare: find them from their lead bytes without
    // decoding the whole string, and fix them in place (same length only).
    let b = s.as_bytes();
    let mut fixes: Vec<(usize, char)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        if lead < 0xC0 {
            i += 1;
            continue;
        }
        if lead == 0xC3 {
            // Latin-1 letters: U+00C0..U+00DE are uppercase (U+00D7 is "×").
            if let Some(&n) = b.get(i + 1) {
                if (0x80..=0x9E).contains(&n) && n != 0x97 {
                    fixes.push((
                        i,
                        char::from_u32(0xC0 + u32::from(n - 0x80) + 0x20).unwrap_or('?'),
                    ));
                }
            }
            i += 2;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c.is_uppercase() {
            let mut it = c.to_lowercase();
            if let (Some(l), None) = (it.next(), it.next()) {
                if l.len_utf8() == c.len_utf8() {
                    fixes.push((i, l));
                }
            }
        }
        i += c.len_utf8();
    }
    let mut buf = [0u8; 4];
    for (i, l) in fixes {
        out.replace_range(i..i + l.len_utf8(), l.encode_utf8(&mut buf));
    }
}

/// Spaces that may separate thousands groups in French numbers ("1 000", "1\u{202f}000").
fn thousands_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Splits `s` into tokens, appending them to `out` (cleared first). Scans bytes with an ASCII
/// fast path; non-ASCII chars are decoded only where they occur.
pub fn tokenize(s: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c0 = b[i];
        let (c, clen) = if c0 < 0x80 {
            (c0 as char, 1)
        } else {
            match s[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if c.is_whitespace() {
            i += clen;
        } else if c0.is_ascii_digit() {
            let end = number_end(s, i);
            out.push(Tok {
                start: i,
                end,
                class: Class::Num,
                flags: 0,
            });
            i = end;
        } else if c.is_alphabetic() {
            let end = word_end(s, i + clen);
            out.push(Tok {
                start: i,
                end,
                class: Class::Word,
                flags: 0,
            });
            i = end;
        } else {
            out.push(Tok {
                start: i,
                end: i + clen,
                class: Class::Punct(c),
                flags: 0,
            });
            i += clen;
        }
    }
}

/// End of a word whose first char ends at `j`: letters and digits, and hyphens between letters.
fn word_end(s: &str, mut j: usize) -> usize {
    let b = s.as_bytes();
    while j < b.len() {
        let d = b[j];
        if d.is_ascii_alphanumeric() {
            j += 1;
        } else if d == b'-' {
            match s[j + 1..].chars().next() {
                Some(x) if x.is_alphabetic() => j += 1,
                _ => break,
            }
        } else if d == 0xC3 && b.get(j + 1).is_some_and(|n| *n != 0x97 && *n != 0xB7) {
            j += 2; // a Latin-1 letter (é, à, ç, É): alphabetic without a table lookup
        } else if d >= 0x80 {
            match s[j..].chars().next() {
                Some(x) if x.is_alphanumeric() => j += x.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    j
}

/// End of a number starting at `i`: digits, inner separators followed by a digit, and French
/// thousands groups after a space ("1 000": exactly three digits, then no digit).
fn number_end(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    let mut end = i + 1;
    loop {
        match b.get(end) {
            Some(d) if d.is_ascii_digit() => end += 1,
            Some(b'.' | b',') if b.get(end + 1).is_some_and(|d| d.is_ascii_digit()) => end += 2,
            _ => {
                let rest = &s[end..];
                let Some(sp) = rest.chars().next().filter(|c| thousands_space(*c)) else {
                    break;
                };
                let after = &rest.as_bytes()[sp.len_utf8()..];
                let three = after.len() >= 3 && after[..3].iter().all(u8::is_ascii_digit);
                let stop = after.get(3).is_none_or(|d| !d.is_ascii_digit());
                let group_ok = s[i..end]
                    .bytes()
                    .rev()
                    .take_while(u8::is_ascii_digit)
                    .count()
                    <= 3;
                if three && stop && group_ok {
                    end += sp.len_utf8() + 3;
                } else {
                    break;
                }
            }
        }
    }
    end
}

/// Parses a digit token ("1 000", "3,5", "1,000.5", "12.000") as a number. `fr` chooses the
/// French reading of a lone separator followed by three digits.
pub fn parse_digits(t: &str, fr: bool) -> Option<f64> {
    let mut cleaned = String::with_capacity(t.len());
    let seps: Vec<(usize, char)> = t
        .char_indices()
        .filter(|(_, c)| *c == '.' || *c == ',')
        .collect();
    let last_sep = seps.last().map(|(i, c)| (*i, *c));
    let decimal_at = match last_sep {
        None => None,
        Some((i, c)) => {
            let tail = t.len() - i - 1;
            let same_kind = seps.iter().all(|(_, d)| *d == c);
            if seps.len() > 1 && same_kind {
                None // "1,000,000" or "1.000.000": thousands only
            } else if seps.len() > 1 {
                Some(i) // "1,000.5" / "1.000,5": the last one is the decimal point
            } else if tail == 3 && ((c == ',' && !fr) || (c == '.' && fr)) {
                None
            } else {
                Some(i)
            }
        }
    };
    for (i, c) in t.char_indices() {
        if c.is_ascii_digit() {
            cleaned.push(c);
        } else if Some(i) == decimal_at {
            cleaned.push('.');
        }
    }
    cleaned.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn splits_words_numbers_and_elisions() {
        assert_eq!(
            toks("l’asile de 1 000 personnes"),
            ["l", "’", "asile", "de", "1 000", "personnes"]
        );
        assert_eq!(
            toks("vingt-quatre, 3,5%"),
            ["vingt-quatre", ",", "3,5", "%"]
        );
        assert_eq!(toks("le 7 décembre 2024"), ["le", "7", "décembre", "2024"]);
        assert_eq!(toks("4×4 -x"), ["4", "×", "4", "-", "x"]);
    }

    #[test]
    fn lowercase_handles_latin1_and_beyond() {
        let mut out = String::new();
        lower_same_len("ÉTAT À ÇA Ω × Straße", &mut out);
        assert_eq!(out, "état à ça ω × straße");
    }

    #[test]
    fn lowercase_keeps_offsets() {
        let mut out = String::new();
        lower_same_len("Élysée İstanbul", &mut out);
        assert_eq!(out.len(), "Élysée İstanbul".len());
        assert!(out.starts_with("élysée"));
    }

    #[test]
    fn parses_separators_by_language() {
        assert_eq!(parse_digits("1 000", true), Some(1000.0));
        assert_eq!(parse_digits("3,5", true), Some(3.5));
        assert_eq!(parse_digits("1,000", false), Some(1000.0));
        assert_eq!(parse_digits("1,000.5", false), Some(1000.5));
        assert_eq!(parse_digits("12.000", true), Some(12000.0));
    }
}
