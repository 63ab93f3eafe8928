//! Calendar dates and date ranges in French and English news ("le 27 novembre", "Nov. 27, 2024",
//! "Entre le 30 novembre et le 7 décembre", "9/12/2024"), resolved against a reference date when
//! the text gives no year, and the reference date itself read from an article's dateline.

use chrono::{Datelike, Duration, NaiveDate};

use super::lexicon;
use super::number::Found;
use super::token::{Class, Tok};
use super::{Kind, Value};

/// The date against which an article's incomplete and relative dates are read: its publication
/// date, or its dateline's. `day_known` is false for a dateline that gives only the month
/// ("date 2024-12"): enough to supply a missing year, not to resolve "dimanche" or "hier".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The date (the first of the month when only the month is known).
    pub date: NaiveDate,
    /// Whether the day of `date` is the article's own.
    pub day_known: bool,
}

impl Reference {
    /// A reference known to the day.
    pub fn day(date: NaiveDate) -> Self {
        Reference {
            date,
            day_known: true,
        }
    }
}

/// A date as written: the year may be missing ("le 7 décembre"), the day too ("en mars 2020").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Partial {
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
}

fn num_at(toks: &[Tok], text: &str, i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i).filter(|t| t.class == Class::Num)?;
    let s = text.get(t.start..t.end)?;
    if !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 4 {
        return None;
    }
    Some((s.parse().ok()?, s.len()))
}

fn year_at(toks: &[Tok], text: &str, i: usize) -> Option<i32> {
    match num_at(toks, text, i)? {
        (y, 4) if (1000..=2200).contains(&y) => i32::try_from(y).ok(),
        _ => None,
    }
}

fn day_at(toks: &[Tok], lower: &str, text: &str, i: usize) -> Option<(u32, usize)> {
    if toks.get(i).is_some_and(|t| t.low(lower) == "premier") {
        return Some((1, i + 1));
    }
    let (d, len) = num_at(toks, text, i)?;
    if len > 2 || !(1..=31).contains(&d) {
        return None;
    }
    let mut j = i + 1;
    // "1er", "27th"
    if toks.get(j).is_some_and(|t| {
        matches!(t.low(lower), "er" | "st" | "nd" | "rd" | "th") && t.start == toks[i].end
    }) {
        j += 1;
    }
    Some((d, j))
}

fn month_at(toks: &[Tok], lower: &str, i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i).filter(|t| t.is_word())?;
    let m = lexicon::month(t.low(lower))?;
    let mut j = i + 1;
    let abbreviated = matches!(
        t.low(lower),
        "jan"
            | "janv"
            | "feb"
            | "fév"
            | "févr"
            | "mar"
            | "apr"
            | "avr"
            | "jun"
            | "jul"
            | "juil"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "déc"
    );
    if abbreviated && toks.get(j).is_some_and(|t| t.is('.')) {
        j += 1;
    }
    Some((m, j))
}

/// A single date at token `i` in any supported form; returns it and the index after it.
fn date_at(toks: &[Tok], lower: &str, text: &str, i: usize, fr: bool) -> Option<(Partial, usize)> {
    // Numeric forms: 27/11/2024 (11/27/2024 in English), 2024-11-27.
    if let Some((a, alen)) = num_at(toks, text, i) {
        let sep = toks.get(i + 1).map(|t| t.class);
        if let (Some(Class::Punct(c @ ('/' | '-' | '.'))), Some((b, _))) =
            (sep, num_at(toks, text, i + 2))
        {
            if toks.get(i + 3).is_some_and(|t| t.is(c)) {
                if let Some((y, ylen)) = num_at(toks, text, i + 4) {
                    let (y, m, d) = if alen == 4 {
                        (a, b, y)
                    } else if fr || c != '/' {
                        (y, b, a)
                    } else {
                        (y, a, b)
                    };
                    let y = if ylen == 2 { y + 2000 } else { y };
                    if NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d).is_some()
                        && (alen == 4 || ylen >= 2)
                    {
                        let p = Partial {
                            year: i32::try_from(y).ok(),
                            month: m,
                            day: Some(d),
                        };
                        return Some((p, i + 5));
                    }
                }
            }
        }
    }
    // Day month [year]: "27 novembre", "1er décembre 2024", "7 December".
    if let Some((d, j)) = day_at(toks, lower, text, i) {
        if let Some((m, k)) = month_at(toks, lower, j) {
            let year = year_at(toks, text, k);
            let end = if year.is_some() { k + 1 } else { k };
            return Some((
                Partial {
                    year,
                    month: m,
                    day: Some(d),
                },
                end,
            ));
        }
    }
    // Month day[, year] (English) or month year: "November 27, 2024", "en mars 2020".
    if let Some((m, j)) = month_at(toks, lower, i) {
        // "mai"/"may"/"mars" are also ordinary words: require a number after them.
        if let Some((d, k)) = day_at(toks, lower, text, j) {
            if !fr || toks.get(k).is_none_or(|t| !t.is_word()) {
                let k2 = if toks.get(k).is_some_and(|t| t.is(',')) {
                    k + 1
                } else {
                    k
                };
                let year = year_at(toks, text, k2);
                let end = if year.is_some() { k2 + 1 } else { k };
                return Some((
                    Partial {
                        year,
                        month: m,
                        day: Some(d),
                    },
                    end,
                ));
            }
        }
        if let Some(y) = year_at(toks, text, j) {
            return Some((
                Partial {
                    year: Some(y),
                    month: m,
                    day: None,
                },
                j + 1,
            ));
        }
    }
    None
}

/// Resolves a partial date to ISO text: a missing year comes from `reference`, else
/// "--MM-DD". In a sentence about the future the date is the next one from the reference ("le 5
/// janvier" written on 28 December is next year's); otherwise the latest one, or the coming one
/// when it is less than a month away.
fn resolve(p: Partial, reference: Option<NaiveDate>, future: bool) -> Option<(NaiveDate, String)> {
    let year = match (p.year, reference) {
        (Some(y), _) => y,
        (None, Some(r)) => {
            let d = NaiveDate::from_ymd_opt(r.year(), p.month, p.day.unwrap_or(1))?;
            let month_end = if p.day.is_none() {
                // "en janvier": the month counts as coming while any of it is.
                NaiveDate::from_ymd_opt(r.year(), p.month, 28)?
            } else {
                d
            };
            if future && month_end < r {
                r.year() + 1
            } else if !future && d > r + Duration::days(31) {
                r.year() - 1
            } else {
                r.year()
            }
        }
        (None, None) => {
            let d = NaiveDate::from_ymd_opt(2000, p.month, p.day.unwrap_or(1))?;
            let text = match p.day {
                Some(day) => format!("--{:02}-{:02}", p.month, day),
                None => format!("--{:02}", p.month),
            };
            return Some((d, text));
        }
    };
    match p.day {
        Some(day) => {
            let d = NaiveDate::from_ymd_opt(year, p.month, day)?;
            Some((d, d.format("%Y-%m-%d").to_string()))
        }
        None => {
            let first = NaiveDate::from_ymd_opt(year, p.month, 1)?;
            let next = if p.month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, p.month + 1, 1)?
            };
            let last = next - Duration::days(1);
            Some((
                first,
                format!("{}/{}", first.format("%Y-%m-%d"), last.format("%Y-%m-%d")),
            ))
        }
    }
}

fn is_article(w: &str) -> bool {
    matches!(w, "le" | "l" | "the" | "on")
}

/// Finds dates and date ranges; marks their tokens in `used`.
pub fn find_dates(
    toks: &[Tok],
    lower: &str,
    text: &str,
    fr: bool,
    reference: Option<Reference>,
    used: &mut [bool],
    out: &mut Vec<Found>,
) {
    use super::token::flag;
    let day = reference.filter(|r| r.day_known).map(|r| r.date);
    let reference = reference.map(|r| r.date);
    // Read the tense only for a sentence that names a date (most do not).
    let mut future: Option<bool> = None;
    let mut i = 0;
    while i < toks.len() {
        if toks[i].is_word() && toks[i].lacks(flag::MONTH | flag::DATE_WORD) {
            i += 1;
            continue;
        }
        let future = *future
            .get_or_insert_with(|| reference.is_some() && speaks_of_future(toks, lower, text, fr));
        if let Some((found, end)) = range_at(toks, lower, text, fr, reference, future, i)
            .or_else(|| month_day_range_at(toks, lower, text, fr, reference, future, i))
            .or_else(|| single_at(toks, lower, text, fr, reference, future, i))
            .or_else(|| relative_at(toks, lower, text, fr, day, i))
        {
            for u in used.iter_mut().take(end).skip(i) {
                *u = true;
            }
            out.push(found);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
}

fn single_at(
    toks: &[Tok],
    lower: &str,
    text: &str,
    fr: bool,
    reference: Option<NaiveDate>,
    future: bool,
    i: usize,
) -> Option<(Found, usize)> {
    let (p, end) = date_at(toks, lower, text, i, fr).or_else(|| {
        // A bare year after "en"/"in"/"depuis"/"since": the whole year.
        let w = toks.get(i)?.low(lower);
        if !matches!(w, "en" | "in" | "depuis" | "since" | "année" | "year") {
            return None;
        }
        if let Some(y) = year_at(toks, text, i + 1) {
            let p = Partial {
                year: Some(y),
                month: 0,
                day: None,
            };
            return Some((p, i + 2));
        }
        // "en septembre", "in March": the month, its year from the reference date (but "en mars
        // 2020" is read from "mars" on).
        if date_at(toks, lower, text, i + 1, fr).is_some() {
            return None;
        }
        let (m, j) = month_at(toks, lower, i + 1)?;
        let capital_ok = fr
            || text
                .get(toks[i + 1].start..)
                .is_some_and(|s| s.starts_with(char::is_uppercase));
        let p = Partial {
            year: None,
            month: m,
            day: None,
        };
        (capital_ok && w != "année" && w != "year").then_some((p, j))
    })?;
    // "le 7 mars dernier" is past and "le 7 mars prochain" to come, whatever the verb.
    let future = match toks.get(end).filter(|t| t.is_word()).map(|t| t.low(lower)) {
        Some("dernier" | "dernière") => false,
        Some("prochain" | "prochaine") => true,
        _ => future,
    };
    let date = if p.month == 0 {
        let y = p.year?;
        format!("{y}-01-01/{y}-12-31")
    } else {
        resolve(p, reference, future)?.1
    };
    // "depuis 2011", "since March": from the start of that period to the reference date; with
    // no reference date the end is unknown and the phrase gives no value.
    let since = matches!(toks[i].low(lower), "depuis" | "since");
    let date = match (since, date.split('/').next()) {
        (true, Some(first)) if first.len() == 10 && !first.starts_with('-') => {
            let r = reference?;
            format!("{first}/{}", r.format("%Y-%m-%d"))
        }
        (true, _) => return None,
        (false, _) => date,
    };
    let start_tok = if i > 0 && is_article(toks[i - 1].low(lower)) {
        i - 1
    } else {
        i
    };
    let found = date_found(toks, start_tok, end, date);
    Some((found, end))
}

/// Whether a sentence speaks of the future: English "will", "shall", "'ll"; French "va"/"vont",
/// "prochain", "doit"/"devrait", or a lowercase word with a future-tense ending ("se rendra",
/// "auront", "partirons"; proper nouns such as "Ankara" and a few nouns in "-ra" excepted).
fn speaks_of_future(toks: &[Tok], lower: &str, text: &str, fr: bool) -> bool {
    toks.iter().filter(|t| t.is_word()).any(|t| {
        let w = t.low(lower);
        if !fr {
            return matches!(
                w,
                "will" | "shall" | "ll" | "won't" | "tomorrow" | "upcoming" | "scheduled"
            );
        }
        let capitalized = text
            .get(t.start..)
            .is_some_and(|s| s.starts_with(char::is_uppercase));
        matches!(
            w,
            "va" | "vont"
                | "prochain"
                | "prochaine"
                | "doit"
                | "doivent"
                | "devrait"
                | "devraient"
                | "sera"
                | "seront"
                | "aura"
                | "fera"
                | "ira"
        ) || (!capitalized
            && w.len() >= 5
            && (w.ends_with("ra") || w.ends_with("ront") || w.ends_with("rons"))
            && !matches!(
                w,
                "extra" | "ultra" | "opéra" | "caméra" | "choléra" | "cobra" | "mantra" | "tantra"
            ))
    })
}

/// A day named relative to the article's date, resolved against `reference` (no value without
/// one): "hier", "tomorrow", and weekdays: "dimanche dernier"/"last Sunday" is the one before the
/// reference date, "mardi prochain"/"next Tuesday" the one after, and a bare weekday the latest
/// one on or before the reference date, or the first on or after it when the sentence speaks of
/// the future ("Il se rendra jeudi à Ankara"). A weekday followed by a written date ("dimanche
/// 8 décembre") is left to the date itself.
fn relative_at(
    toks: &[Tok],
    lower: &str,
    text: &str,
    fr: bool,
    reference: Option<NaiveDate>,
    i: usize,
) -> Option<(Found, usize)> {
    let reference = reference?;
    let t = toks.get(i).filter(|t| t.is_word())?;
    let w = t.low(lower);
    let word_at = |k: usize| toks.get(k).filter(|t| t.is_word()).map(|t| t.low(lower));
    let before = i.checked_sub(1).and_then(word_at);
    let (date, start, end) = if let Some(days) = lexicon::relative_day(w) {
        (reference + Duration::days(days), i, i + 1)
    } else {
        let wanted = lexicon::weekday_from_monday(w)?;
        if date_at(toks, lower, text, i + 1, fr).is_some() {
            return None;
        }
        let after = word_at(i + 1);
        let last = matches!(after, Some("dernier")) || matches!(before, Some("last"));
        let next = matches!(after, Some("prochain")) || matches!(before, Some("next"));
        let today = reference.weekday().num_days_from_monday();
        let back = i64::from((today + 7 - wanted) % 7);
        let ahead = i64::from((wanted + 7 - today) % 7);
        let days = if last {
            -(if back == 0 { 7 } else { back })
        } else if next {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        } else if speaks_of_future(toks, lower, text, fr) {
            ahead
        } else {
            -back
        };
        // "last Friday", "ce dimanche": the word before belongs to the span.
        let start = i - usize::from(matches!(before, Some("last" | "next" | "ce" | "this")));
        let end = if matches!(after, Some("dernier" | "prochain")) {
            i + 2
        } else {
            i + 1
        };
        (reference + Duration::days(days), start, end)
    };
    let start = if start > 0 && is_article(toks[start - 1].low(lower)) {
        start - 1
    } else {
        start
    };
    let found = date_found(toks, start, end, date.format("%Y-%m-%d").to_string());
    Some((found, end))
}

fn range_at(
    toks: &[Tok],
    lower: &str,
    text: &str,
    fr: bool,
    reference: Option<NaiveDate>,
    future: bool,
    i: usize,
) -> Option<(Found, usize)> {
    let opener = toks.get(i)?.low(lower);
    let (mut j, closer): (usize, &[&str]) = match opener {
        "entre" | "between" => (i + 1, &["et", "and"]),
        "du" | "from" => (i + 1, &["au", "to", "until", "jusqu"]),
        _ if toks[i].class == Class::Num => (i, &["-", "–", "au", "à", "to"]),
        _ => return None,
    };
    if toks.get(j).is_some_and(|t| is_article(t.low(lower))) {
        j += 1;
    }
    // The first end may omit month and year ("du 25 au 28 août").
    let (first, first_day, mut k) = match date_at(toks, lower, text, j, fr) {
        Some((p, k)) => (Some(p), None, k),
        None => {
            let (d, k) = day_at(toks, lower, text, j)?;
            (None, Some(d), k)
        }
    };
    let c = toks.get(k)?;
    let cw = match c.class {
        Class::Punct(ch) => ch.to_string(),
        _ => c.low(lower).to_string(),
    };
    if !closer.contains(&cw.as_str()) {
        return None;
    }
    k += 1;
    if toks.get(k).is_some_and(|t| t.is('\'') || t.is('’')) {
        k += 1;
        if toks.get(k).is_some_and(|t| t.low(lower) == "au") {
            k += 1;
        }
    }
    if toks.get(k).is_some_and(|t| is_article(t.low(lower))) {
        k += 1;
    }
    let (second, end) = date_at(toks, lower, text, k, fr)?;
    second.day?;
    let first = match first {
        Some(f) => f,
        None => Partial {
            year: second.year,
            month: second.month,
            day: Some(first_day?),
        },
    };
    first.day?;
    let first = Partial {
        year: first.year.or(second.year),
        ..first
    };
    let (b, bs) = resolve(second, reference, future)?;
    let (a, mut as_) = resolve(first, reference, future)?;
    if a > b && first.year.is_none() {
        // "du 28 décembre au 3 janvier": the first end is in the year before.
        let p = Partial {
            year: Some(b.year() - 1),
            ..first
        };
        as_ = resolve(p, None, false)?.1;
    }
    let found = date_found(toks, i, end, format!("{as_}/{bs}"));
    Some((found, end))
}

/// A date value spanning tokens `first..end`.
fn date_found(toks: &[Tok], first: usize, end: usize, date: String) -> Found {
    Found {
        start: toks[first].start,
        end: toks[end - 1].end,
        value: Value::Date { date },
        kind: Kind::Date,
        gloss: None,
    }
}

/// An English range within one month: "Dec. 17-18", "March 3 to 5, 2025".
fn month_day_range_at(
    toks: &[Tok],
    lower: &str,
    text: &str,
    fr: bool,
    reference: Option<NaiveDate>,
    future: bool,
    i: usize,
) -> Option<(Found, usize)> {
    if fr || !toks.get(i)?.is_word() {
        return None;
    }
    let (first, k) = date_at(toks, lower, text, i, fr)?;
    first.day?;
    let c = toks.get(k)?;
    if !(c.is('-') || c.is('–') || matches!(c.low(lower), "to" | "through")) {
        return None;
    }
    let (day, mut end) = day_at(toks, lower, text, k + 1)?;
    if day <= first.day? {
        return None;
    }
    let mut year = first.year;
    if year.is_none() && toks.get(end).is_some_and(|t| t.is(',')) {
        if let Some(y) = year_at(toks, text, end + 1) {
            year = Some(y);
            end += 2;
        }
    }
    let (a, b) = (
        Partial { year, ..first },
        Partial {
            year,
            month: first.month,
            day: Some(day),
        },
    );
    let (_, from) = resolve(a, reference, future)?;
    let (_, to) = resolve(b, reference, future)?;
    Some((date_found(toks, i, end, format!("{from}/{to}")), end))
}

/// Reads an article's date from its first lines (the dateline): "9/12/2024", "09:379/12/2024"
/// (a time glued to the date), "2024-12-09", "date 2024-12" (the first of the month, with
/// `day_known` false), "9 décembre 2024", "December 9, 2024". Best effort: `None` when nothing
/// plausible is found.
pub fn reference_from_dateline(text: &str) -> Option<Reference> {
    let mut cut = text.len().min(1200);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    // A written-out date counts only on a short line near the top (a dateline), not in a
    // sentence of the body ("Il y a dix ans, le 11 janvier 2015, ...").
    numeric_dateline(head).or_else(|| {
        head.lines()
            .take(6)
            .find_map(|line| {
                if line.split_whitespace().count() <= 12 {
                    textual_dateline(line)
                } else {
                    agency_dateline(line)
                }
            })
            .map(Reference::day)
    })
}

/// An agency dateline opening a paragraph: "PARIS, 9 mars 2023 (AFP) -", "WASHINGTON, Dec 5,
/// 2013 (Reuters) -", "LONDRES, 3 janvier 2024 -": the place in capitals, a comma, the date,
/// the agency in brackets (or not), then a dash.
fn agency_dateline(line: &str) -> Option<NaiveDate> {
    static DATELINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^\s*\p{Lu}[\p{Lu} .'’-]{1,40},\s*([^()\-–—]{6,30}?)\s*(?:\([^)]{1,30}\))?\s*[-–—]",
        )
        .expect("a valid pattern")
    });
    let date = DATELINE.captures(line)?.get(1)?.as_str();
    textual_dateline(date)
}

fn digits_before(b: &[u8], end: usize) -> usize {
    let mut s = end;
    while s > 0 && b[s - 1].is_ascii_digit() {
        s -= 1;
    }
    s
}

fn parse_u32(b: &[u8]) -> Option<u32> {
    std::str::from_utf8(b).ok()?.parse().ok()
}

fn numeric_dateline(head: &str) -> Option<Reference> {
    let b = head.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'/' {
            // D/M/YYYY where D may be glued to preceding digits: try the last two, then one digit.
            let ds = digits_before(b, i);
            let me = i + 1 + b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            if me == i + 1 || me - i - 1 > 2 || b.get(me) != Some(&b'/') {
                continue;
            }
            let ye = me
                + 1
                + b[me + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_digit())
                    .count();
            if ye - me - 1 != 4 {
                continue;
            }
            let (Some(m), Some(y)) = (parse_u32(&b[i + 1..me]), parse_u32(&b[me + 1..ye])) else {
                continue;
            };
            for len in [2usize, 1] {
                if i - ds >= len {
                    if let Some(d) = parse_u32(&b[i - len..i]) {
                        if let Some(date) = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d) {
                            return Some(Reference::day(date));
                        }
                    }
                }
            }
        } else if c == b'-'
            && i >= 4
            && digits_before(b, i) == i - 4
            && (i < 5 || !b[i - 5].is_ascii_digit())
        {
            let y = parse_u32(&b[i - 4..i])?;
            let me = i + 1 + b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            if me - i - 1 != 2 {
                continue;
            }
            let m = parse_u32(&b[i + 1..me])?;
            let y = i32::try_from(y).ok()?;
            if b.get(me) == Some(&b'-') {
                let de = me
                    + 1
                    + b[me + 1..]
                        .iter()
                        .take_while(|d| d.is_ascii_digit())
                        .count();
                if de - me - 1 == 2 {
                    if let Some(date) = NaiveDate::from_ymd_opt(y, m, parse_u32(&b[me + 1..de])?) {
                        return Some(Reference::day(date));
                    }
                }
            }
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, 1) {
                return Some(Reference {
                    date,
                    day_known: false,
                });
            }
        }
    }
    None
}

fn textual_dateline(head: &str) -> Option<NaiveDate> {
    let mut toks = Vec::new();
    super::token::tokenize(head, &mut toks);
    let mut lower = String::new();
    super::token::lower_same_len(head, &mut lower);
    for i in 0..toks.len() {
        for fr in [true, false] {
            if let Some((p, _)) = date_at(&toks, &lower, head, i, fr) {
                if let (Some(y), Some(d)) = (p.year, p.day) {
                    return NaiveDate::from_ymd_opt(y, p.month, d);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::token::{lower_same_len, tokenize};
    use super::*;

    fn dates(s: &str, fr: bool, r: Option<NaiveDate>) -> Vec<String> {
        dates_against(s, fr, r.map(Reference::day))
    }

    fn dates_against(s: &str, fr: bool, r: Option<Reference>) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize(s, &mut toks);
        let mut lower = String::new();
        lower_same_len(s, &mut lower);
        let mut used = vec![false; toks.len()];
        let mut out = Vec::new();
        find_dates(&toks, &lower, s, fr, r, &mut used, &mut out);
        out.into_iter()
            .map(|f| match f.value {
                Value::Date { date } => date,
                _ => String::new(),
            })
            .collect()
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn french_dates_resolve_against_reference() {
        let r = d(2024, 12, 9);
        assert_eq!(
            dates("se sont intensifiés le 27 novembre.", true, r),
            ["2024-11-27"]
        );
        assert_eq!(
            dates("Entre le 30 novembre et le 7 décembre, les", true, r),
            ["2024-11-30/2024-12-07"]
        );
        assert_eq!(
            dates("à Moscou, le 24 juillet 2024.", true, r),
            ["2024-07-24"]
        );
        assert_eq!(dates("le 1er mars", true, r), ["2024-03-01"]);
        assert_eq!(
            dates("du 28 décembre au 3 janvier", true, d(2025, 1, 5)),
            ["2024-12-28/2025-01-03"]
        );
        assert_eq!(
            dates("Bac : 27-31 juillet 2020", true, None),
            ["2020-07-27/2020-07-31"]
        );
        assert_eq!(dates("en mars 2020", true, None), ["2020-03-01/2020-03-31"]);
        assert_eq!(dates("en 2019", true, None), ["2019-01-01/2019-12-31"]);
        assert_eq!(dates("en septembre", true, r), ["2024-09-01/2024-09-30"]);
        assert_eq!(dates("depuis 2011", true, r), ["2011-01-01/2024-12-09"]);
        assert!(dates("depuis 2011", true, None).is_empty());
    }

    #[test]
    fn weekdays_and_relative_days_resolve_against_reference() {
        // Monday 9 December 2024.
        let r = d(2024, 12, 9);
        let cases = [
            ("Il a quitté Damas dimanche.", true, "2024-12-08"),
            ("Il a parlé lundi.", true, "2024-12-09"),
            ("Le ministre se rendra jeudi à Ankara.", true, "2024-12-12"),
            ("mardi prochain", true, "2024-12-10"),
            ("lundi dernier", true, "2024-12-02"),
            ("hier soir", true, "2024-12-08"),
            ("avant-hier", true, "2024-12-07"),
            ("They met last Friday.", false, "2024-12-06"),
            ("He will speak on Wednesday.", false, "2024-12-11"),
            ("the vote tomorrow", false, "2024-12-10"),
        ];
        for (text, fr, want) in cases {
            assert_eq!(dates(text, fr, r), [want], "{text}");
        }
        // A written date after the weekday is the date; no reference date gives no value.
        assert_eq!(dates("dimanche 8 décembre", true, r), ["2024-12-08"]);
        assert!(dates("Il a quitté Damas dimanche.", true, None).is_empty());
        // A dateline that gives only the month supplies years, not weekdays.
        let month_only = reference_from_dateline(" date 2024-12 Le président");
        assert_eq!(month_only.map(|r| r.day_known), Some(false));
        assert!(dates_against("Il a quitté Damas dimanche.", true, month_only).is_empty());
    }

    #[test]
    fn english_dates() {
        assert_eq!(dates("on November 27, 2024", false, None), ["2024-11-27"]);
        assert_eq!(dates("on 11/27/2024", false, None), ["2024-11-27"]);
        assert_eq!(
            dates("between Nov. 30 and Dec. 7", false, d(2024, 12, 9)),
            ["2024-11-30/2024-12-07"]
        );
        assert!(dates("you may 5 times", false, None).len() <= 1);
    }

    #[test]
    fn datelines() {
        let dateline_date = |t: &str| reference_from_dateline(t).map(|r| r.date);
        assert_eq!(
            dateline_date("Titre\n\n09:379/12/2024, lundi\nAA"),
            d(2024, 12, 9)
        );
        assert_eq!(dateline_date(" date 2024-12 Le président"), d(2024, 12, 1));
        assert_eq!(
            dateline_date("PARIS, 9 décembre 2024 (AFP)"),
            d(2024, 12, 9)
        );
        assert_eq!(dateline_date("no date here"), None);
        let body =
            "Il y a dix ans, le 11 janvier 2015, près de 4 millions de personnes défilaient.";
        assert_eq!(dateline_date(body), None);
        let body = format!(
            "Titre\n\n{}Il y a dix ans, le 11 janvier 2015, ...",
            "x ".repeat(200)
        );
        assert_eq!(dateline_date(&body), None);
        assert_eq!(dateline_date(""), None);
        // Agency datelines opening the first paragraph, however long it is.
        assert_eq!(
            dateline_date(
                "LYON, 4 février 2025 (AFP) - Le conseil municipal a adopté mardi un budget \
                 de 12 millions d'euros pour rénover les écoles de la ville, selon la mairie."
            ),
            d(2025, 2, 4)
        );
        assert_eq!(
            dateline_date(
                "BOSTON, Oct 8, 2019 (Reuters) - City officials said on Monday that the \
                 harbor tunnel would close for repairs for at least three weeks."
            ),
            d(2019, 10, 8)
        );
        // A comma and a date inside an ordinary long sentence are no dateline.
        assert_eq!(
            dateline_date(
                "Le maire, 4 février 2025 en tête de son agenda, a annoncé un budget de \
                 12 millions d'euros pour les écoles - une première dans la région."
            ),
            None
        );
    }

    #[test]
    fn the_future_looks_forward_and_across_the_year_end() {
        let r = |y, m, d| Some(Reference::day(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(
            dates_against("Le rapport sera publié vendredi.", true, r(2024, 12, 9)),
            ["2024-12-13"]
        );
        assert_eq!(
            dates_against(
                "La loi entrera en vigueur le 5 janvier.",
                true,
                r(2024, 12, 28)
            ),
            ["2025-01-05"]
        );
        assert_eq!(
            dates_against(
                "La loi est entrée en vigueur le 5 janvier.",
                true,
                r(2024, 12, 28)
            ),
            ["2024-01-05"]
        );
        assert_eq!(
            dates_against("Les élections auront lieu le 19 juin.", true, r(2024, 3, 1)),
            ["2024-06-19"]
        );
        assert_eq!(
            dates_against(
                "The summit will be held Dec. 17-18 in Brussels.",
                false,
                r(2024, 12, 1)
            ),
            ["2024-12-17/2024-12-18"]
        );
        assert_eq!(
            dates_against("Talks ran March 3 to 5, 2025 in Geneva.", false, None),
            ["2025-03-03/2025-03-05"]
        );
        // "dernier" settles it, whatever else the sentence says.
        assert_eq!(
            dates_against(
                "La grève, entamée le 7 mars dernier, va se poursuivre.",
                true,
                r(2023, 3, 17)
            ),
            ["2023-03-07"]
        );
    }
}
