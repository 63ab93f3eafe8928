//! A statement as a set of keys: what the index stores and the scorer compares.

use super::gazetteer::place_at;
use super::text::{
    capitalized, fold, name_particle, negation, stem, stop_word, without_attribution, words,
};
use crate::extract::Lang;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// What a key stands for; each kind weighs differently in a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyKind {
    /// A normalized value: type, unit and figure ("v:duration:year:24").
    Value,
    /// A named entity, language-independent ("e:assad", "e:moscow").
    Entity,
    /// The stem of a content word, in its language ("w:fr:asil", "w:en:power").
    Word,
    /// The statement is negated ("n:not").
    Negation,
    /// A band of its meaning vector's locality-sensitive hash ("m:3:2f1"): finds statements of
    /// similar meaning, in any language, when the sentence encoder is installed.
    Meaning,
}

impl KeyKind {
    /// The kind of an indexed key, from its prefix.
    pub fn of(id: &str) -> KeyKind {
        match id.as_bytes().first() {
            Some(b'v') => KeyKind::Value,
            Some(b'e') => KeyKind::Entity,
            Some(b'n') => KeyKind::Negation,
            Some(b'm') => KeyKind::Meaning,
            _ => KeyKind::Word,
        }
    }
}

/// One key of a statement: the indexed form and what a person reads in a match's reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub kind: KeyKind,
    /// The indexed form, prefixed by its kind; at most 200 bytes.
    pub id: String,
    /// The words it came from, as written ("Moscou", "24 years").
    pub label: String,
}

/// What matching needs of a statement.
#[derive(Debug, Clone, Copy)]
pub struct StatementText<'a> {
    pub text: &'a str,
    pub gloss_en: Option<&'a str>,
    /// The statement's values, as stored (`values_json`: an array of value objects).
    pub values: &'a Json,
    /// The language of its article.
    pub lang: Lang,
}

/// The keys of a statement, each once, in a stable order (values, entities, words, negation).
pub fn keys_of(statement: StatementText<'_>) -> Vec<Key> {
    let mut keys: BTreeMap<String, Key> = BTreeMap::new();
    let mut add = |kind: KeyKind, id: String, label: &str| {
        if id.len() <= 200 {
            keys.entry(id.clone()).or_insert_with(|| Key {
                kind,
                id,
                label: label.to_string(),
            });
        }
    };
    for value in statement.values.as_array().into_iter().flatten() {
        if let Some((id, label)) = value_key(value) {
            add(KeyKind::Value, id, &label);
        }
    }
    text_keys(
        without_attribution(statement.text),
        statement.lang,
        &mut add,
    );
    if let Some(gloss) = statement.gloss_en {
        // The gloss carries the claim's figure and noun in English: the bridge between a
        // French statement and an English one.
        text_keys(gloss, Lang::En, &mut add);
    }
    let mut out: Vec<Key> = keys.into_values().collect();
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.id.cmp(&b.id)));
    out
}

fn text_keys(text: &str, lang: Lang, add: &mut impl FnMut(KeyKind, String, &str)) {
    let all = words(text);
    let folded: Vec<String> = all.iter().map(|w| fold(w.raw)).collect();
    let joined = |from: usize, to: usize| {
        all[from..to]
            .iter()
            .map(|w| w.raw)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut i = 0;
    while i < all.len() {
        if let Some(place) = place_at(&folded[i..]) {
            add(
                KeyKind::Entity,
                format!("e:{}", place.key),
                &joined(i, i + place.len),
            );
            i += place.len;
            continue;
        }
        let (word, f) = (&all[i], &folded[i]);
        if negation(f) {
            add(KeyKind::Negation, "n:not".into(), word.raw);
            i += 1;
            continue;
        }
        if stop_word(f) || f.chars().all(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        if capitalized(word.raw) && !name_particle(f) {
            // A name of several words ("Bachar al-Assad", "Emmanuel Macron") is known by its
            // last word, the one every mention shares.
            let mut last = i;
            let mut j = i + 1;
            while j < all.len() {
                if capitalized(all[j].raw) && !all[j].sentence_start && !stop_word(&folded[j]) {
                    last = j;
                    j += 1;
                } else if name_particle(&folded[j])
                    && all.get(j + 1).is_some_and(|w| capitalized(w.raw))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            if folded[last].chars().count() > 1 {
                add(
                    KeyKind::Entity,
                    format!("e:{}", folded[last]),
                    &joined(i, last + 1),
                );
            }
            i = last + 1;
            continue;
        }
        i += 1;
        if f.chars().count() < 3 {
            continue;
        }
        let stem = stem(lang, &word.raw.to_lowercase());
        add(
            KeyKind::Word,
            format!("w:{}:{}", lang.as_str(), stem),
            word.raw,
        );
    }
}

/// The key of one stored value, with a label for people; `None` for a value that says only an
/// order of magnitude ("des milliers"), which any number of unrelated claims share.
fn value_key(value: &Json) -> Option<(String, String)> {
    if value.get("approx").and_then(Json::as_bool) == Some(true) {
        return None;
    }
    let kind = value.get("type")?.as_str()?;
    match kind {
        "date" => {
            let date = value.get("date")?.as_str()?;
            Some((format!("v:date::{date}"), date.to_string()))
        }
        "time" => {
            let time = value.get("time")?.as_str()?;
            Some((format!("v:time::{time}"), time.to_string()))
        }
        _ => {
            let figure = value.get("value")?.as_f64()?;
            let unit = value.get("unit").and_then(Json::as_str).unwrap_or("");
            let figure = plain_number(figure);
            let label = if unit.is_empty() {
                figure.clone()
            } else {
                format!("{figure} {unit}")
            };
            Some((format!("v:{kind}:{unit}:{figure}"), label))
        }
    }
}

/// A figure written the same way whatever its origin: no trailing ".0", at most six
/// significant decimals.
fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The part of a value key that says what is measured ("v:duration:year"), without the figure:
/// two statements measuring the same thing with different figures do not say the same.
pub(super) fn measure(id: &str) -> Option<&str> {
    id.strip_prefix("v:")?;
    id.rfind(':').map(|i| &id[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(text: &str, gloss: Option<&str>, values: Json, lang: Lang) -> Vec<String> {
        keys_of(StatementText {
            text,
            gloss_en: gloss,
            values: &values,
            lang,
        })
        .into_iter()
        .map(|k| k.id)
        .collect()
    }

    #[test]
    fn a_french_duration_and_its_english_gloss_share_keys_with_an_english_statement() {
        let fr = ids(
            "mettant ainsi fin à ses 24 ans de pouvoir",
            Some("24 years in power"),
            json!([{"type": "duration", "value": 24.0, "unit": "year"}]),
            Lang::Fr,
        );
        let en = ids(
            "Assad ended 24 years in power",
            Some("24 years in power"),
            json!([{"type": "duration", "value": 24, "unit": "year"}]),
            Lang::En,
        );
        for shared in ["v:duration:year:24", "w:en:power", "w:en:year"] {
            assert!(fr.contains(&shared.to_string()), "{shared} in {fr:?}");
            assert!(en.contains(&shared.to_string()), "{shared} in {en:?}");
        }
    }

    #[test]
    fn names_and_places_are_entities_whatever_the_language() {
        let fr = ids(
            "Bachar al-Assad est arrivé dans la capitale russe",
            None,
            json!([]),
            Lang::Fr,
        );
        let en = ids(
            "Bashar al-Assad arrived in Moscow",
            None,
            json!([]),
            Lang::En,
        );
        for shared in ["e:assad", "e:moscow"] {
            assert!(fr.contains(&shared.to_string()), "{shared} in {fr:?}");
            assert!(en.contains(&shared.to_string()), "{shared} in {en:?}");
        }
        assert!(!fr.contains(&"e:al".to_string()));
    }

    #[test]
    fn a_negation_is_a_key_and_vague_amounts_are_not() {
        let k = ids(
            "des milliers de personnes ne sont pas venues",
            None,
            json!([{"type": "quantity", "value": 1000.0, "unit": "person", "approx": true}]),
            Lang::Fr,
        );
        assert!(k.contains(&"n:not".to_string()));
        assert!(!k.iter().any(|k| k.starts_with("v:")), "{k:?}");
    }

    #[test]
    fn figures_are_written_one_way() {
        assert_eq!(plain_number(24.0), "24");
        assert_eq!(plain_number(4.70), "4.7");
        assert_eq!(measure("v:duration:year:24"), Some("v:duration:year"));
        assert_eq!(measure("e:assad"), None);
    }
}
