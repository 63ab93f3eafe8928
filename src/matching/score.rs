//! The precise comparison of two statements' keys.

use super::keys::{measure, Key, KeyKind};
use std::collections::HashSet;

/// The lowest score at which an earlier statement is offered as a match.
pub const MIN_SCORE: f64 = 0.35;

/// How rare each key is among the stored statements: rare keys say more.
pub trait Rarity {
    /// Inverse document frequency of `key` (1.0 for a key of every statement, more for rarer).
    fn idf(&self, key: &str) -> f64;
}

/// Two statements found to make the same claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// 0 to 1; at least [`MIN_SCORE`].
    pub score: f64,
    /// Why, for people: "same duration 24 year; same names Assad, Moscou; same words asile".
    pub reason: String,
}

/// How much each kind of key counts, before its rarity: a figure with its unit identifies a
/// claim better than a name, a name better than a common word.
fn weight(kind: KeyKind) -> f64 {
    match kind {
        KeyKind::Value => 2.0,
        KeyKind::Entity => 1.5,
        KeyKind::Word => 1.0,
        // Polarity is a rule below; meaning counts through the vectors' cosine.
        KeyKind::Negation | KeyKind::Meaning => 0.0,
    }
}

/// Two statements' meaning vectors compared: their cosine, and whether the statements are in
/// two languages (the encoder places translations less close than paraphrases in one language).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Meaning {
    pub cosine: f64,
    pub across_languages: bool,
}

impl Meaning {
    /// How surely the two say the same thing, 0 to 1, from cosines measured on French and
    /// English news. In one language, sentences of one story about different facts reach
    /// 0.6-0.75 (the encoder sees the topic strongly) and the same claim in other words
    /// 0.8-0.9. Across languages everything sits lower: a translation 0.66-0.89 (mean 0.79 on
    /// `tests/fixtures/translation_pairs.jsonl`), different facts at most 0.53.
    fn sameness(self) -> f64 {
        let (topic_only, same) = if self.across_languages {
            (0.58, 0.78)
        } else {
            (0.75, 0.9)
        };
        ((self.cosine - topic_only) / (same - topic_only)).clamp(0.0, 1.0)
    }
}

/// Compares a statement's keys (`ours`, with labels for the reason) with an earlier
/// statement's key ids, and their meaning vectors' cosine when both have one; `None` when they
/// do not make the same claim.
///
/// The score is the cosine of the two key sets, each key weighted by its kind and its rarity.
/// With meaning vectors it can only rise: to the mean of that and how surely the vectors say
/// the same thing ([`Meaning::sameness`]), so that a translation matches with few words in
/// common, while sentences that merely share a topic gain nothing.
/// Then the rules that make values and polarity decisive, which the encoder does not see: the
/// same measure with no figure in common ("24 years" / "14 years") or a negation on one side
/// only divide the score by four; a figure or date on one side only halves it.
pub fn score(
    ours: &[Key],
    theirs: &[String],
    rarity: &impl Rarity,
    meaning: Option<Meaning>,
) -> Option<Match> {
    let theirs_set: HashSet<&str> = theirs.iter().map(String::as_str).collect();
    let w = |id: &str| weight(KeyKind::of(id)) * rarity.idf(id);
    let norm_ours: f64 = ours.iter().map(|k| w(&k.id).powi(2)).sum::<f64>().sqrt();
    let norm_theirs: f64 = theirs.iter().map(|k| w(k).powi(2)).sum::<f64>().sqrt();
    if (norm_ours == 0.0 || norm_theirs == 0.0) && meaning.is_none() {
        return None;
    }
    let shared: Vec<&Key> = ours
        .iter()
        .filter(|k| theirs_set.contains(k.id.as_str()))
        .collect();
    let dot: f64 = shared.iter().map(|k| w(&k.id).powi(2)).sum();
    let mut score = if norm_ours == 0.0 || norm_theirs == 0.0 {
        0.0
    } else {
        dot / (norm_ours * norm_theirs)
    };
    if let Some(m) = meaning {
        score = score.max((score + m.sameness()) / 2.0);
    }

    let negated_ours = ours.iter().any(|k| k.kind == KeyKind::Negation);
    let negated_theirs = theirs.iter().any(|k| KeyKind::of(k) == KeyKind::Negation);
    let mut caveat = None;
    if negated_ours != negated_theirs {
        score /= 4.0;
        caveat = Some("one says the opposite");
    }
    if figures_disagree(ours, &theirs_set) {
        score /= 4.0;
        caveat = Some("different figures");
    } else if figure_unshared(ours, theirs) {
        // A statement that gives a figure or a date is a claim about it: one that does not
        // give it cannot be the same claim, only a related one.
        score /= 2.0;
        caveat = Some("only one gives the figure");
    }
    if score < MIN_SCORE {
        return None;
    }
    Some(Match {
        score: (score * 1000.0).round() / 1000.0,
        reason: reason(
            &shared,
            meaning.filter(|m| m.sameness() >= 0.5).map(|m| m.cosine),
            caveat,
        ),
    })
}

/// Whether both statements measure the same thing (type and unit) but share no figure for it.
fn figures_disagree(ours: &[Key], theirs: &HashSet<&str>) -> bool {
    let their_measures: HashSet<&str> = theirs.iter().filter_map(|k| measure(k)).collect();
    let ours_values: Vec<&Key> = ours.iter().filter(|k| k.kind == KeyKind::Value).collect();
    ours_values.iter().any(|k| {
        measure(&k.id).is_some_and(|m| their_measures.contains(m))
            && !ours_values
                .iter()
                .any(|o| measure(&o.id) == measure(&k.id) && theirs.contains(o.id.as_str()))
    })
}

/// Whether one side gives a figure or date and the two share none.
fn figure_unshared(ours: &[Key], theirs: &[String]) -> bool {
    let ours_values: Vec<&str> = ours
        .iter()
        .filter(|k| k.kind == KeyKind::Value)
        .map(|k| k.id.as_str())
        .collect();
    let theirs_values: Vec<&str> = theirs
        .iter()
        .filter(|k| KeyKind::of(k) == KeyKind::Value)
        .map(String::as_str)
        .collect();
    (!ours_values.is_empty() || !theirs_values.is_empty())
        && !ours_values.iter().any(|v| theirs_values.contains(v))
}

fn reason(shared: &[&Key], meaning: Option<f64>, caveat: Option<&str>) -> String {
    let labels = |kind: KeyKind, at_most: usize| -> Vec<&str> {
        shared
            .iter()
            .filter(|k| k.kind == kind)
            .take(at_most)
            .map(|k| k.label.as_str())
            .collect()
    };
    let mut parts = Vec::new();
    if let Some(cosine) = meaning {
        parts.push(format!("similar meaning {cosine:.2}"));
    }
    let values = labels(KeyKind::Value, 3);
    if !values.is_empty() {
        parts.push(format!("same figure {}", values.join(", ")));
    }
    let names = labels(KeyKind::Entity, 4);
    if !names.is_empty() {
        parts.push(format!("same names {}", names.join(", ")));
    }
    let words = labels(KeyKind::Word, 5);
    if !words.is_empty() {
        parts.push(format!("same words {}", words.join(", ")));
    }
    if let Some(c) = caveat {
        parts.push(c.to_string());
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::super::keys::{keys_of, StatementText};
    use super::*;
    use crate::extract::Lang;
    use serde_json::{json, Value as Json};

    struct Flat;
    impl Rarity for Flat {
        fn idf(&self, _: &str) -> f64 {
            1.0
        }
    }

    fn keys(text: &str, gloss: Option<&str>, values: Json, lang: Lang) -> Vec<Key> {
        keys_of(StatementText {
            text,
            gloss_en: gloss,
            values: &values,
            lang,
        })
    }

    fn across(cosine: f64) -> Meaning {
        Meaning {
            cosine,
            across_languages: true,
        }
    }

    fn within(cosine: f64) -> Meaning {
        Meaning {
            cosine,
            across_languages: false,
        }
    }

    fn ids(keys: &[Key]) -> Vec<String> {
        keys.iter().map(|k| k.id.clone()).collect()
    }

    #[test]
    fn the_same_duration_across_languages_matches_with_its_reason() {
        let fr = keys(
            "mettant ainsi fin à ses 24 ans de pouvoir",
            Some("24 years in power"),
            json!([{"type": "duration", "value": 24.0, "unit": "year"}]),
            Lang::Fr,
        );
        let en = keys(
            "24 years in power",
            Some("24 years in power"),
            json!([{"type": "duration", "value": 24, "unit": "year"}]),
            Lang::En,
        );
        let m = score(&en, &ids(&fr), &Flat, None).expect("a match");
        assert!(m.score > 0.5, "{m:?}");
        assert!(m.reason.contains("same figure 24 year"), "{}", m.reason);
    }

    #[test]
    fn another_figure_for_the_same_measure_is_no_match() {
        let a = keys(
            "après 61 ans de règne",
            Some("61 years of Baath rule"),
            json!([{"type": "duration", "value": 61, "unit": "year"}]),
            Lang::Fr,
        );
        let b = keys(
            "après 16 ans de règne",
            Some("16 years of Baath rule"),
            json!([{"type": "duration", "value": 16, "unit": "year"}]),
            Lang::Fr,
        );
        assert_eq!(score(&a, &ids(&b), &Flat, None), None);
    }

    #[test]
    fn a_negation_on_one_side_is_no_match() {
        let a = keys(
            "La Russie a accordé l'asile à Bachar al-Assad",
            None,
            json!([]),
            Lang::Fr,
        );
        let b = keys(
            "La Russie n'a pas accordé l'asile à Bachar al-Assad",
            None,
            json!([]),
            Lang::Fr,
        );
        assert_eq!(score(&a, &ids(&b), &Flat, None), None);
        assert!(score(&a, &ids(&a), &Flat, None).is_some());
    }

    #[test]
    fn unrelated_statements_do_not_match() {
        let a = keys(
            "L'aéroport international de Damas a été abandonné",
            None,
            json!([]),
            Lang::Fr,
        );
        let b = keys("Bachar al-Assad est à Moscou", None, json!([]), Lang::Fr);
        assert_eq!(score(&a, &ids(&b), &Flat, None), None);
    }

    #[test]
    fn meaning_raises_a_translation_and_leaves_a_shared_topic_alone() {
        let fr = keys("Bachar al-Assad est à Moscou", None, json!([]), Lang::Fr);
        let en = keys("Assad is in Moscow", None, json!([]), Lang::En);
        let m = score(&en, &ids(&fr), &Flat, Some(across(0.88))).expect("a translation matches");
        assert!(m.reason.starts_with("similar meaning 0.88"), "{}", m.reason);
        let plain = score(&en, &ids(&fr), &Flat, None).map_or(0.0, |m| m.score);
        assert!(m.score >= plain, "{} vs {plain}", m.score);
        let fr = keys(
            "Le gouvernement a fermé les écoles",
            None,
            json!([]),
            Lang::Fr,
        );
        let en = keys(
            "The government closed the schools",
            None,
            json!([]),
            Lang::En,
        );
        assert_eq!(score(&en, &ids(&fr), &Flat, None), None, "no key in common");
        assert!(score(&en, &ids(&fr), &Flat, Some(across(0.8))).is_some());
        // Same topic, another fact: the encoder's 0.7 in one language adds nothing.
        let other = keys(
            "Assad a rencontré Poutine à Moscou en juillet",
            None,
            json!([]),
            Lang::Fr,
        );
        let alone = score(&fr, &ids(&other), &Flat, None);
        assert_eq!(score(&fr, &ids(&other), &Flat, Some(within(0.7))), alone);
    }

    #[test]
    fn meaning_does_not_overrule_a_different_figure() {
        let a = keys(
            "après 61 ans de règne",
            Some("61 years of Baath rule"),
            json!([{"type": "duration", "value": 61, "unit": "year"}]),
            Lang::Fr,
        );
        let b = keys(
            "après 16 ans de règne",
            Some("16 years of Baath rule"),
            json!([{"type": "duration", "value": 16, "unit": "year"}]),
            Lang::Fr,
        );
        assert_eq!(score(&a, &ids(&b), &Flat, Some(within(0.97))), None);
    }
}
