//! Words for matching: tokens, accent folding, stop words and stems.

use crate::extract::lexicon::{reporting_aux, reporting_verb};
use crate::extract::Lang;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// One word of a statement, as written and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written (letters, digits, inner apostrophes and hyphens removed by splitting).
    pub raw: &'a str,
    /// Whether it opens a sentence (a capital there says nothing about a name).
    pub sentence_start: bool,
}

/// The words of `text`: runs of letters and digits. Elisions ("l'asile", "qu'Assad") and
/// hyphens ("al-Assad") split words, so the article or particle falls away as its own word.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut sentence_start = true;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Word {
                raw: &text[s..i],
                sentence_start,
            });
            sentence_start = false;
        }
        if matches!(c, '.' | '!' | '?' | '«' | '"' | '“' | ':') {
            sentence_start = true;
        }
    }
    if let Some(s) = start {
        out.push(Word {
            raw: &text[s..],
            sentence_start,
        });
    }
    out
}

/// The claim inside a statement, without its attribution frame: a leading "X rapporte que",
/// "La dépêche précise qu'", "officials said that", "Selon X,", and a trailing ", a indiqué
/// une source ...", ", selon X", ", officials said". Who said it matters to a reader, not to
/// whether two statements make the same claim: the same fact reported by two agencies is one
/// claim. Returns `text` itself when no frame is found.
pub fn without_attribution(text: &str) -> &str {
    let spans = word_spans(text);
    let lower: Vec<String> = spans
        .iter()
        .map(|&(s, e)| text[s..e].to_lowercase())
        .collect();
    let mut start = 0;
    let opens_with_source = lower
        .first()
        .is_some_and(|w| w == "selon" || w == "according");
    if opens_with_source {
        if let Some(comma) = text.find(',') {
            start = comma + 1;
        }
    } else {
        for i in 0..lower.len() {
            let joins = |j: usize| {
                lower
                    .get(j)
                    .is_some_and(|w| matches!(w.as_str(), "que" | "qu" | "that"))
            };
            if reporting_verb(&lower[i]) && (joins(i + 1) || joins(i + 2)) {
                let j = if joins(i + 1) { i + 1 } else { i + 2 };
                start = spans[j].1;
                break;
            }
        }
    }
    let mut end = text.len();
    for (at, _) in text.match_indices(',') {
        if at < start {
            continue;
        }
        let after: Vec<&String> = spans
            .iter()
            .zip(&lower)
            .filter(|((s, _), _)| *s > at)
            .map(|(_, w)| w)
            .take(3)
            .collect();
        // ", a indiqué ...", ", selon ...", ", the ministry said", ", officials said".
        let tail = after.iter().any(|w| reporting_verb(w))
            && after.first().is_some_and(|w| {
                reporting_verb(w) || reporting_aux(w) || !matches!(w.as_str(), "qui" | "which")
            });
        if tail {
            end = at;
            break;
        }
    }
    let claim = text[start..end].trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '«' | '»' | '"' | '\'' | '’')
    });
    if claim.split_whitespace().count() < 2 {
        text
    } else {
        claim
    }
}

fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The words of `text`, folded (for finding a name in a text).
pub fn fold_words(text: &str) -> Vec<String> {
    words(text).iter().map(|w| fold(w.raw)).collect()
}

/// Lower case without accents ("Élysée" -> "elysee"), for comparing names and keys.
pub fn fold(word: &str) -> String {
    deunicode::deunicode(&word.to_lowercase())
}

/// Whether `word` opens with a capital letter.
pub fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The stem of a lower-case word in `lang`, folded ("accordé" -> "accord", "granted" -> "grant").
pub fn stem(lang: Lang, lower: &str) -> String {
    static FRENCH: OnceLock<Stemmer> = OnceLock::new();
    static ENGLISH: OnceLock<Stemmer> = OnceLock::new();
    let stemmer = match lang {
        Lang::Fr => FRENCH.get_or_init(|| Stemmer::create(Algorithm::French)),
        Lang::En => ENGLISH.get_or_init(|| Stemmer::create(Algorithm::English)),
    };
    deunicode::deunicode(&stemmer.stem(lower))
}

/// Words that carry no claim of their own in either language: articles, pronouns,
/// prepositions, auxiliaries, reporting verbs and the like. Compared folded.
pub fn stop_word(folded: &str) -> bool {
    const WORDS: &[&str] = &[
        // French
        "a",
        "afin",
        "ai",
        "ainsi",
        "alors",
        "apres",
        "au",
        "aucun",
        "aupres",
        "aussi",
        "autre",
        "autres",
        "aux",
        "avaient",
        "avait",
        "avant",
        "avec",
        "avoir",
        "c",
        "ce",
        "ceci",
        "cela",
        "celle",
        "celles",
        "celui",
        "ces",
        "cet",
        "cette",
        "ceux",
        "chez",
        "comme",
        "comment",
        "d",
        "dans",
        "de",
        "depuis",
        "des",
        "desormais",
        "deja",
        "donc",
        "dont",
        "du",
        "elle",
        "elles",
        "en",
        "encore",
        "entre",
        "est",
        "et",
        "etaient",
        "etait",
        "ete",
        "etre",
        "eu",
        "eux",
        "fait",
        "faire",
        "ici",
        "il",
        "ils",
        "j",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lors",
        "lui",
        "m",
        "mais",
        "me",
        "meme",
        "mes",
        "mon",
        "n",
        "ne",
        "ni",
        "nos",
        "notre",
        "nous",
        "on",
        "ont",
        "ou",
        "par",
        "parmi",
        "pas",
        "pendant",
        "peu",
        "plus",
        "pour",
        "pourtant",
        "qu",
        "quand",
        "que",
        "quel",
        "quelle",
        "quelles",
        "quels",
        "qui",
        "s",
        "sa",
        "sans",
        "se",
        "selon",
        "ses",
        "si",
        "son",
        "sont",
        "sous",
        "soit",
        "sur",
        "t",
        "ta",
        "tandis",
        "tant",
        "te",
        "tes",
        "toi",
        "ton",
        "tous",
        "tout",
        "toute",
        "toutes",
        "tres",
        "tu",
        "un",
        "une",
        "unes",
        "uns",
        "vers",
        "via",
        "vos",
        "votre",
        "vous",
        "y",
        "egalement",
        "indique",
        "precise",
        "rapporte",
        "affirme",
        "declare",
        "selon",
        "ete",
        "sera",
        "seront",
        "serait",
        "avaient",
        "avons",
        "avez",
        "etes",
        "ainsi",
        "alors",
        "cependant",
        "toutefois",
        "notamment",
        "environ",
        // English
        "about",
        "after",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "during",
        "each",
        "for",
        "from",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "said",
        "says",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "according",
        "told",
        "reported",
        "stated",
        "added",
    ];
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| WORDS.iter().copied().collect())
        .contains(folded)
}

/// Words that turn a claim into its opposite. A statement with one and a statement without
/// are not the same claim, whatever else they share.
pub fn negation(folded: &str) -> bool {
    matches!(
        folded,
        "pas"
            | "jamais"
            | "aucun"
            | "aucune"
            | "nullement"
            | "guere"
            | "not"
            | "never"
            | "no"
            | "nor"
            | "none"
            | "nobody"
            | "nothing"
            | "cannot"
            | "didn"
            | "doesn"
            | "isn"
            | "wasn"
            | "weren"
            | "hasn"
            | "haven"
            | "hadn"
            | "won"
            | "denied"
            | "denies"
            | "dementi"
            | "dement"
            | "false"
            | "faux"
    )
}

/// Name particles that are not a name on their own ("al" in "al-Assad", "de" in "de Gaulle").
pub fn name_particle(folded: &str) -> bool {
    matches!(
        folded,
        "al" | "el"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "von"
            | "van"
            | "der"
            | "bin"
            | "ben"
            | "ibn"
            | "abu"
            | "di"
            | "da"
            | "d"
            | "l"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elisions_and_hyphens_split_words() {
        let raw: Vec<&str> = words("qu'Assad et l’asile, al-Assad")
            .iter()
            .map(|w| w.raw)
            .collect();
        assert_eq!(raw, ["qu", "Assad", "et", "l", "asile", "al", "Assad"]);
    }

    #[test]
    fn a_quote_opens_a_sentence() {
        let w = words("a dit « Bachar est parti");
        assert!(!w[1].sentence_start);
        assert!(w[2].sentence_start);
    }

    #[test]
    fn attribution_frames_fall_away() {
        assert_eq!(
            without_attribution(
                "L'agence TASS, citant une source, rapporte que la Russie a accordé l'asile"
            ),
            "la Russie a accordé l'asile"
        );
        assert_eq!(
            without_attribution("La dépêche précise qu'Assad et sa famille sont arrivés"),
            "Assad et sa famille sont arrivés"
        );
        assert_eq!(
            without_attribution(
                "Lui et sa famille sont arrivés dimanche, a indiqué une source du Kremlin"
            ),
            "Lui et sa famille sont arrivés dimanche"
        );
        assert_eq!(
            without_attribution("Selon Sky News, des Syriens ont célébré dans les rues"),
            "des Syriens ont célébré dans les rues"
        );
        assert_eq!(
            without_attribution("Prices rose 3%, officials said"),
            "Prices rose 3%"
        );
        assert_eq!(without_attribution("Il a dit"), "Il a dit");
    }

    #[test]
    fn stems_fold_accents_and_inflections() {
        assert_eq!(stem(Lang::Fr, "accordé"), stem(Lang::Fr, "accorde"));
        assert_eq!(stem(Lang::Fr, "arrivés"), stem(Lang::Fr, "arrivé"));
        assert_eq!(stem(Lang::En, "granted"), stem(Lang::En, "grant"));
        assert_eq!(fold("Élysée"), "elysee");
    }
}
