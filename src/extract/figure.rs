//! Figures that are not plain amounts: times of day ("à 23h", "8 p.m."), ranks ("44e jour",
//! "the 3rd round"), fractions ("un quart des électeurs", "two-thirds of") and ratios ("deux
//! Français sur dix", "one in five"), the last two as percentages as DESIGN.md's value contract
//! asks. Each reader looks at the token where a number starts and returns what it found with
//! the index just past it.

use super::lexicon;
use super::number::{fmt_num, is_de, parse_words, singular, skip_apostrophe, Found};
use super::token::{parse_digits, Class, Tok};
use super::{Kind, Value};

/// Words before a number that make it a time of day ("à 23h", "vers 8 heures", "at 9").
fn time_preposition(w: &str) -> bool {
    matches!(
        w,
        "à" | "a"
            | "vers"
            | "dès"
            | "avant"
            | "après"
            | "at"
            | "by"
            | "before"
            | "after"
            | "until"
            | "till"
    )
}

/// A time of day starting at token `i`: "à 23h", "à 23h30", "vers 8 heures", "à 09:37", "8
/// p.m.", "8pm", "at 10:30 a.m.". Without a preposition or a.m./p.m., "23h" stays a duration
/// ("une grève de 48h").
pub fn clock_time(toks: &[Tok], lower: &str, text: &str, i: usize) -> Option<(Found, usize)> {
    let t = toks.get(i).filter(|t| t.class == Class::Num)?;
    let digits = text.get(t.start..t.end)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 2 {
        return None;
    }
    let mut hour: u32 = digits.parse().ok()?;
    let mut minute = 0u32;
    let mut j = i + 1;
    let word = |k: usize| toks.get(k).filter(|t| t.is_word()).map(|t| t.low(lower));
    let number = |k: usize| {
        toks.get(k)
            .filter(|t| t.class == Class::Num)
            .and_then(|t| text.get(t.start..t.end))
            .filter(|d| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|d| d.parse::<u32>().ok())
    };
    let prev = i.checked_sub(1).and_then(word).unwrap_or("");
    let mut marked = false; // "h", ":" or a.m./p.m. after the figure
    if toks.get(j).is_some_and(|n| n.is(':')) {
        minute = number(j + 1)?;
        j += 2;
        marked = true;
    } else if let Some(m) = word(j)
        .and_then(|w| w.strip_prefix('h'))
        .filter(|m| m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()))
    {
        // "23h30" in one word
        minute = m.parse().ok()?;
        j += 1;
        marked = true;
    } else if matches!(word(j), Some("h" | "heure" | "heures")) {
        // "23h", "23 h 30", "23h30", "8 heures"
        j += 1;
        if let Some(m) = number(j) {
            minute = m;
            j += 1;
        }
        marked = true;
    }
    // a.m. / p.m. / am / pm
    let meridiem = match word(j) {
        Some("am" | "pm") => Some((word(j) == Some("pm"), j + 1)),
        Some("a" | "p")
            if toks.get(j + 1).is_some_and(|t| t.is('.')) && word(j + 2) == Some("m") =>
        {
            let after = if toks.get(j + 3).is_some_and(|t| t.is('.')) {
                j + 4
            } else {
                j + 3
            };
            Some((word(j) == Some("p"), after))
        }
        _ => None,
    };
    if let Some((pm, after)) = meridiem {
        if hour == 0 || hour > 12 {
            return None;
        }
        hour = match (pm, hour) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        j = after;
    } else if !(marked && time_preposition(prev)) {
        return None;
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    let time = format!("{hour:02}:{minute:02}");
    let start = if meridiem.is_none() {
        toks[i - 1].start
    } else {
        t.start
    };
    Some((
        Found {
            start,
            end: toks[j - 1].end,
            value: Value::Time { time: time.clone() },
            kind: Kind::Date,
            gloss: Some(format!("at {time}")),
        },
        j,
    ))
}

/// A rank at token `i`: "44e jour", "1er tour", "2ème", "the 3rd round", "21st century". A
/// rank before a month is a date's day, left to the dates.
pub fn ordinal(
    toks: &[Tok],
    lower: &str,
    text: &str,
    fr: bool,
    i: usize,
) -> Option<(Found, usize)> {
    let t = toks.get(i).filter(|t| t.class == Class::Num)?;
    let suffix = toks
        .get(i + 1)
        .filter(|s| s.is_word() && s.start == t.end)?;
    // "17th-minute lead": the suffix and the noun are one hyphenated word.
    let (s, glued_noun) = match suffix.low(lower).split_once('-') {
        Some((s, noun)) => (s, Some(noun)),
        None => (suffix.low(lower), None),
    };
    let is_rank = if fr {
        matches!(s, "e" | "ème" | "eme" | "er" | "ère" | "re" | "è")
    } else {
        matches!(s, "st" | "nd" | "rd" | "th")
    };
    if !is_rank {
        return None;
    }
    let value = parse_digits(text.get(t.start..t.end)?, fr)?;
    if value.fract() != 0.0 || value <= 0.0 {
        return None;
    }
    let (w, end, next) = match glued_noun {
        Some(noun) => (noun, suffix.end, i + 2),
        None => {
            let noun = toks.get(i + 2).filter(|n| n.is_word())?;
            (noun.low(lower), noun.end, i + 3)
        }
    };
    if lexicon::month(w).is_some() || w.len() < 3 {
        return None;
    }
    let unit = match lexicon::unit(w) {
        Some((u, _)) => u.to_string(),
        None => singular(w, fr),
    };
    let num = fmt_num(value);
    let ordinal = match (value as u64 % 100, value as u64 % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    Some((
        Found {
            start: t.start,
            end,
            value: Value::Ordinal {
                value,
                unit: unit.clone(),
            },
            kind: Kind::Quantity,
            gloss: Some(format!("{num}{ordinal} {unit}")),
        },
        next,
    ))
}

/// The share a fraction word names, in percent.
fn fraction(w: &str) -> Option<f64> {
    Some(match w {
        "moitié" | "half" => 50.0,
        "tiers" | "third" | "thirds" => 100.0 / 3.0,
        "quart" | "quarts" | "quarter" | "quarters" | "fourth" | "fourths" => 25.0,
        "cinquième" | "cinquièmes" | "fifth" | "fifths" => 20.0,
        "dixième" | "dixièmes" | "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

/// A fraction of something at token `i` (the count or article before the fraction word): "un
/// quart des électeurs" 25 %, "les deux tiers de", "la moitié des", "a third of", "two-thirds
/// of", "half of". It must be followed by "de"/"of" (a share of something): "un quart d'heure"
/// is a duration, "the third round" a rank.
pub fn share(toks: &[Tok], lower: &str, i: usize) -> Option<(Found, usize)> {
    let word = |k: usize| toks.get(k).filter(|t| t.is_word()).map(|t| t.low(lower));
    let first = word(i)?;
    // "two-thirds of", "one-quarter of": one hyphenated word.
    if let Some((n, f)) = first.split_once('-') {
        let count = match n {
            "one" | "a" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            _ => return None,
        };
        let part = fraction(f)?;
        let next = word(i + 1)?;
        if next != "of" {
            return None;
        }
        return Some(share_found(toks, i, i, count * part));
    }
    let (count, k) = match first {
        "un" | "une" | "le" | "la" | "l" | "a" | "one" | "the" => (1.0, i + 1),
        "half" => (1.0, i),
        _ => parse_words(toks, lower, i)?,
    };
    let k = if toks.get(k).is_some_and(|t| t.is('-') || t.is('\'')) {
        k + 1
    } else {
        k
    };
    let w = word(k)?;
    let part = fraction(w)?;
    if first == "half" && k != i {
        return None;
    }
    let after = k + 1;
    let next = word(after)?;
    let of = matches!(next, "of") || is_de(next);
    if !of {
        return None;
    }
    let beyond = skip_apostrophe(toks, after + 1);
    if word(beyond).is_some_and(|n| matches!(n, "heure" | "heures" | "siècle" | "hour" | "century"))
    {
        return None;
    }
    Some(share_found(toks, i, k, count * part)).filter(|(f, _)| match f.value {
        Value::Percent { value, .. } => value <= 100.0,
        _ => false,
    })
}

/// A share from token `first` to token `last`, as a percentage.
fn share_found(toks: &[Tok], first: usize, last: usize, percent: f64) -> (Found, usize) {
    let value = (percent * 100.0).round() / 100.0;
    let num = fmt_num((value * 10.0).round() / 10.0);
    (
        Found {
            start: toks[first].start,
            end: toks[last].end,
            value: Value::Percent {
                value,
                unit: "percent".into(),
                approx: false,
                bound: None,
            },
            kind: Kind::Quantity,
            gloss: Some(format!("{num} percent")),
        },
        last + 1,
    )
}

/// A ratio at token `i`: "deux Français sur dix" 20 %, "un sur cinq", "one in five", "one out
/// of four Americans"; at most two words between the first number and "sur"/"in"/"out of".
pub fn ratio(toks: &[Tok], lower: &str, text: &str, fr: bool, i: usize) -> Option<(Found, usize)> {
    let number_at = |k: usize| -> Option<(f64, usize)> {
        let t = toks.get(k)?;
        match t.class {
            Class::Num => Some((parse_digits(text.get(t.start..t.end)?, fr)?, k + 1)),
            Class::Word => parse_words(toks, lower, k),
            Class::Punct(_) => None,
        }
    };
    let (a, mut k) = number_at(i)?;
    let word = |k: usize| toks.get(k).filter(|t| t.is_word()).map(|t| t.low(lower));
    for _ in 0..3 {
        let w = word(k)?;
        let next = match w {
            "sur" if fr => Some(k + 1),
            "in" if !fr => Some(k + 1),
            "out" if !fr && word(k + 1) == Some("of") => Some(k + 2),
            _ => None,
        };
        if let Some(n) = next {
            let (b, end) = number_at(n)?;
            if b <= 0.0 || a > b || b > 1000.0 || a.fract() != 0.0 || b.fract() != 0.0 {
                return None;
            }
            let value = (a / b * 10_000.0).round() / 100.0;
            return Some((
                Found {
                    start: toks[i].start,
                    end: toks[end - 1].end,
                    value: Value::Percent {
                        value,
                        unit: "percent".into(),
                        approx: false,
                        bound: None,
                    },
                    kind: Kind::Quantity,
                    gloss: Some(format!(
                        "{} in {} ({} percent)",
                        fmt_num(a),
                        fmt_num(b),
                        fmt_num(value)
                    )),
                },
                end,
            ));
        }
        // Only nouns and adjectives between the two numbers.
        if w.len() < 2 || lexicon::unit(w).is_none() && !toks[k].is_word() {
            return None;
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::number::quantities_in;
    use super::*;

    fn values(s: &str, fr: bool) -> Vec<Value> {
        quantities_in(s, fr).into_iter().map(|f| f.value).collect()
    }

    fn time(t: &str) -> Value {
        Value::Time { time: t.into() }
    }

    fn percent(value: f64, unit: &str) -> Value {
        Value::Percent {
            value,
            unit: unit.into(),
            approx: false,
            bound: None,
        }
    }

    #[test]
    fn times_of_day_are_times_and_hours_without_them_durations() {
        assert_eq!(
            values("Le couvre-feu commence à 23h.", true),
            [time("23:00")]
        );
        assert_eq!(
            values("rendez-vous vers 7 h 45 devant la mairie", true),
            [time("07:45")]
        );
        assert_eq!(values("jusqu'à 23h30 ce soir", true), [time("23:30")]);
        assert_eq!(
            values("The vote closes at 8 p.m. on Friday", false),
            [time("20:00")]
        );
        assert_eq!(values("doors open at 9am", false), [time("09:00")]);
        assert_eq!(values("at 12:15 a.m. local time", false), [time("00:15")]);
        assert!(matches!(
            values("une grève de 48h", true)[..],
            [Value::Duration { value, .. }] if value == 48.0
        ));
        assert!(values("à 25h", true).iter().all(|v| *v != time("25:00")));
    }

    #[test]
    fn ranks_carry_what_they_rank_and_leave_dates_alone() {
        assert_eq!(
            values("C'est le 44e jour de grève.", true),
            [Value::Ordinal {
                value: 44.0,
                unit: "day".into()
            }]
        );
        assert_eq!(
            values("the 3rd round of talks", false),
            [Value::Ordinal {
                value: 3.0,
                unit: "round".into()
            }]
        );
        assert!(values("le 1er janvier", true)
            .iter()
            .all(|v| !matches!(v, Value::Ordinal { .. })));
    }

    #[test]
    fn shares_and_ratios_are_percentages() {
        assert_eq!(
            values("Un quart des électeurs", true),
            [percent(25.0, "percent")]
        );
        assert_eq!(
            values("les deux tiers des Français", true),
            [percent(66.67, "percent")]
        );
        assert_eq!(
            values("la moitié des écoles", true),
            [percent(50.0, "percent")]
        );
        assert_eq!(
            values("two-thirds of voters", false),
            [percent(66.67, "percent")]
        );
        assert_eq!(
            values("half of the respondents", false),
            [percent(50.0, "percent")]
        );
        assert_eq!(
            values("deux Français sur dix", true),
            [percent(20.0, "percent")]
        );
        assert_eq!(
            values("one in five Americans", false),
            [percent(20.0, "percent")]
        );
        assert_eq!(
            values("three out of four doctors", false),
            [percent(75.0, "percent")]
        );
        assert!(values("un quart d'heure", true).is_empty());
    }

    #[test]
    fn signs_speeds_and_magnitudes() {
        let amount = |v: &Value| match v {
            Value::Percent { value, .. } | Value::Quantity { value, .. } => *value,
            _ => f64::NAN,
        };
        let unit = |v: &Value| match v {
            Value::Percent { unit, .. } | Value::Quantity { unit, .. } => unit.clone(),
            _ => String::new(),
        };
        let v = values("l'investissement recule (-0,8 %)", true);
        assert_eq!(amount(&v[0]), -0.8);
        let v = values("après -0,1 % au deuxième trimestre", true);
        assert_eq!(amount(&v[0]), -0.1);
        // A range and a hyphen are no minus sign.
        assert!(values("du 17-18 mai, 12-15 % des voix", true)
            .iter()
            .all(|v| amount(v).is_nan() || amount(v) >= 0.0));
        let v = values("the quake had a magnitude of 6.4", false);
        assert_eq!((amount(&v[0]), unit(&v[0]).as_str()), (6.4, "magnitude"));
        assert!(matches!(
            values("at least 6½ years in prison", false)[..],
            [Value::Duration { value, .. }] if value == 6.5
        ));
        assert_eq!(
            values("a 17th-minute lead", false),
            [Value::Ordinal {
                value: 17.0,
                unit: "minute".into()
            }]
        );
        let v = values("des rafales à 124 km/h à Barfleur", true);
        assert_eq!(unit(&v[0]), "kilometre per hour");
        assert_eq!(amount(&v[0]), 124.0);
    }

    #[test]
    fn a_duration_and_the_smaller_one_completing_it_are_one_value() {
        let duration = |v: &Value| match v {
            Value::Duration { value, unit, .. } => (*value, unit.clone()),
            _ => (f64::NAN, String::new()),
        };
        let v = values("sentenced to four years and three months in prison", false);
        assert_eq!(v.len(), 1);
        assert_eq!(duration(&v[0]), (51.0, "month".into()));
        let v = values("condamné à 2 ans et 6 mois de prison", true);
        assert_eq!(duration(&v[0]), (30.0, "month".into()));
        let v = values("un vol de 1 heure 30 minutes", true);
        assert_eq!(duration(&v[0]), (90.0, "minute".into()));
        // Two durations of one kind, or far apart, stay two.
        assert_eq!(values("3 ans puis 2 ans", true).len(), 2);
        assert_eq!(values("2 mois de grève et 3 ans de procès", true).len(), 2);
    }

    #[test]
    fn percentage_points_are_their_own_unit() {
        assert_eq!(
            values("a baissé de 0,3 point", true),
            [percent(0.3, "percentage point")]
        );
        assert_eq!(
            values("2 points de pourcentage", true),
            [percent(2.0, "percentage point")]
        );
        assert_eq!(
            values("fell 0.3 percentage point", false),
            [percent(0.3, "percentage point")]
        );
        // A whole number of points is a score, not a rate.
        assert!(values("3 points d'avance", true)
            .iter()
            .all(|v| !matches!(v, Value::Percent { .. })));
    }
}
