//! Language of a text: French or English, the two languages the extractor knows.

use super::Lang;

/// Detects French or English with `whatlang`, looking at the first few kilobytes only (an article
/// does not change language half-way, and this keeps a 10 MB input cheap). Defaults to French
/// when the text is too short or the detector is unsure.
pub fn detect_language(text: &str) -> Lang {
    let mut cut = text.len().min(4096);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    if head.chars().filter(|c| c.is_alphabetic()).count() < 8 {
        return Lang::Fr;
    }
    // Function words settle short sentences, where trigram statistics are unreliable.
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
}
