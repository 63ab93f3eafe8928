//! Language of a text: French or English, the two languages the extractor knows.

use super::Lang;

/// A language the extractor does not read, as `whatlang` names it ("spa", "Spanish").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported {
    /// ISO 639-3 code.
    pub code: &'static str,
    /// English name.
    pub name: &'static str,
}

/// The language of a text when it is clearly neither French nor English (Spanish tweets were
/// read as French before): function words of Spanish outnumbering French and English ones, or
/// `whatlang` reliably naming another language. `None` for French, English, or too little text.
pub fn unsupported_language(text: &str) -> Option<Unsupported> {
    let head = head(text);
    if head.chars().filter(|c| c.is_alphabetic()).count() < 12 {
        return None;
    }
    let (fr, en) = function_words(head);
    let es = head
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(400)
        .filter(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "el" | "los"
                    | "las"
                    | "del"
                    | "y"
                    | "es"
                    | "por"
                    | "con"
                    | "para"
                    | "una"
                    | "su"
                    | "al"
                    | "lo"
                    | "como"
                    | "más"
                    | "pero"
                    | "sus"
                    | "fue"
                    | "está"
                    | "muy"
                    | "también"
                    | "hay"
                    | "ya"
                    | "esta"
                    | "este"
                    | "han"
                    | "ha"
                    | "hoy"
                    | "cuando"
                    | "porque"
                    | "nos"
                    | "todo"
                    | "todos"
            )
        })
        .count();
    let spanish = Unsupported {
        code: "spa",
        name: "Spanish",
    };
    if es >= 2 && es > fr && es > en {
        return Some(spanish);
    }
    if fr > 2 * en.max(1) || en > 2 * fr.max(1) {
        return None;
    }
    let info = whatlang::detect(head)?;
    match info.lang() {
        whatlang::Lang::Eng | whatlang::Lang::Fra => None,
        other if info.is_reliable() => Some(Unsupported {
            code: other.code(),
            name: other.eng_name(),
        }),
        _ => None,
    }
}

/// The first few kilobytes of a text (an article does not change language half-way, and this
/// keeps a 10 MB input cheap), cut on a character boundary.
fn head(text: &str) -> &str {
    let mut cut = text.len().min(4096);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// Counts of French and English function words among the first 400 words.
fn function_words(head: &str) -> (usize, usize) {
    let (mut fr, mut en) = (0usize, 0usize);
    for w in head
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(400)
    {
        let w = w.to_lowercase();
        match w.as_str() {
            "le" | "la" | "les" | "des" | "du" | "est" | "et" | "une" | "un" | "que" | "qui"
            | "dans" | "pour" | "pas" | "sur" | "au" | "avec" | "sont" | "ont" | "il" | "elle"
            | "nous" | "vous" | "ce" | "cette" => fr += 1,
            "the" | "and" | "of" | "to" | "is" | "that" | "it" | "we" | "you" | "for" | "was"
            | "are" | "have" | "this" | "not" | "with" | "they" | "be" | "he" | "what" | "i"
            | "our" | "will" | "has" | "there" | "it's" | "that's" | "let's" | "let" | "i'm"
            | "i've" | "you've" | "we've" | "you're" | "we're" | "they're" | "don't" | "didn't"
            | "doesn't" | "isn't" | "can't" | "won't" | "my" | "been" | "just" | "up" | "about"
            | "by" | "from" | "said" | "says" | "would" | "who" | "which" | "than" | "their"
            | "them" | "his" | "her" | "people" | "percent" | "at" | "in" | "new" | "can"
            | "one" | "all" => en += 1,
            _ => {}
        }
    }
    (fr, en)
}

/// Detects French or English with `whatlang`, looking at the first few kilobytes only (an article
/// does not change language half-way, and this keeps a 10 MB input cheap). Defaults to French
/// when the text is too short or the detector is unsure.
pub fn detect_language(text: &str) -> Lang {
    let head = head(text);
    if head.chars().filter(|c| c.is_alphabetic()).count() < 8 {
        return Lang::Fr;
    }
    // Function words settle short sentences, where trigram statistics are unreliable.
    let (fr, en) = function_words(head);
    if en > 2 * fr {
        return Lang::En;
    }
    if fr > 2 * en {
        return Lang::Fr;
    }
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Fra]);
    match detector.detect(head) {
        Some(info) if info.lang() == whatlang::Lang::Eng && info.confidence() > 0.05 => Lang::En,
        _ => Lang::Fr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_both_languages() {
        assert_eq!(
            detect_language("La Russie a accordé l'asile à Bachar al-Assad et à sa famille."),
            Lang::Fr
        );
        assert_eq!(
            detect_language("Over the last 30 months, we've seen 5 million jobs created."),
            Lang::En
        );
        assert_eq!(detect_language("Cocaine use up 160 percent."), Lang::En);
        assert_eq!(detect_language("Mr. Perot says it's a bad deal."), Lang::En);
        assert_eq!(detect_language("Le chômage a baissé de 2 %."), Lang::Fr);
        assert_eq!(detect_language(""), Lang::Fr);
        assert_eq!(detect_language("🙂🙂🙂"), Lang::Fr);
    }

    #[test]
    fn spanish_is_reported_as_unsupported_and_french_or_english_are_not() {
        let es = unsupported_language(
            "El gobierno anunció que el desempleo bajó al 12 por ciento en marzo, según el INE.",
        );
        assert_eq!(es.map(|u| u.code), Some("spa"));
        assert_eq!(
            unsupported_language(
                "Los precios de la luz subieron un 20% este año y la gente está harta"
            )
            .map(|u| u.name),
            Some("Spanish")
        );
        assert_eq!(
            unsupported_language("La Russie a accordé l'asile à Bachar al-Assad et à sa famille."),
            None
        );
        assert_eq!(
            unsupported_language("Over the last 30 months, we've seen 5 million jobs created."),
            None
        );
        assert_eq!(unsupported_language("Ok"), None);
    }
}
