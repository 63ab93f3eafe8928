//! What is not a claim: hashtags, photo credits, datelines and metadata lines, navigation and
//! "À lire également"/"Read also" lines, URLs, questions and first-person opinion; and the
//! metadata prefixes and decorations trimmed from the edges of a sentence.

use super::lexicon;
use super::token::{Class, Tok};

/// Byte length of a leading metadata prefix or decoration to skip: "date 2024-12 ",
/// "PARIS (AFP) - ", "+ ", "• ". 0 when there is none.
pub fn prefix_len(s: &str) -> usize {
    let mut skip = 0;
    if s.len() > 5 && s.as_bytes()[..5].eq_ignore_ascii_case(b"date ") {
        // "date 2024-12" / "date: 2024-12-09"
        let rest = &s[5..];
        let digits = rest.trim_start_matches([':', ' ']);
        let len = digits
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'-' || *b == b'/')
            .count();
        if len >= 4 {
            skip = s.len() - digits.len() + len;
        }
    }
    let rest = &s[skip..];
    let trimmed = rest.trim_start_matches(['+', '•', '*', '-', '–', '—', '>', ' ', '\u{a0}']);
    skip += rest.len() - trimmed.len();
    // Wire dateline: an uppercase place (and agency) ending in " - " or " — " within 60 bytes.
    let mut rest = &s[skip..];
    // Only the first 64 bytes can hold a dateline.
    let head = &rest.as_bytes()[..rest.len().min(64)];
    if !head
        .windows(2)
        .any(|w| w[0] == b' ' && (w[1] == b'-' || w[1] == 0xE2))
    {
        return skip.min(s.len());
    }
    if let Some((cut, _)) = rest.char_indices().find(|(i, _)| *i >= 64) {
        rest = &rest[..cut];
    }
    for sep in [" - ", " — ", " – ", " -- "] {
        if let Some(p) = rest.find(sep).filter(|p| *p <= 60) {
            let head = &rest[..p];
            let letters: Vec<char> = head.chars().filter(|c| c.is_alphabetic()).collect();
            let upper = letters.iter().filter(|c| c.is_uppercase()).count();
            // "PARIS (AFP)", or any place and date followed by an agency in parentheses.
            let agency = head.trim_end().ends_with(')') && head.contains('(');
            if letters.len() >= 3 && (upper * 10 >= letters.len() * 6 || agency) {
                skip += p + sep.len();
                break;
            }
        }
    }
    skip.min(s.len())
}

/// Byte length of trailing decoration to drop (" +", " *").
pub fn suffix_len(s: &str) -> usize {
    let t = s.trim_end_matches(['+', '*', '#', ' ', '\u{a0}']);
    s.len() - t.len()
}

/// Why a sentence is not a claim, if it is not: a short reason used in logs and tests.
/// Questions and first-person opinion are only rejected when `judge_opinion` is set: for English
/// the check-worthiness model weighs them instead.
pub fn reject(s: &str, toks: &[Tok], lower: &str, judge_opinion: bool) -> Option<&'static str> {
    // One pass over the tokens gathers what the checks below need.
    let (mut n_words, mut first_word, mut tagged, mut credit, mut urls) =
        (0usize, None, 0usize, false, 0usize);
    for (i, t) in toks.iter().enumerate() {
        match t.class {
            Class::Word => {
                n_words += 1;
                first_word.get_or_insert(i);
                if t.end - t.start == 3 && t.low(lower) == "www" {
                    urls += 1;
                }
            }
            Class::Punct('#' | '@') => {
                tagged += usize::from(toks.get(i + 1).is_some_and(|n| n.start == t.end));
            }
            Class::Punct('©') => credit = true,
            // "VALERY SHARIFULIN / POOL / AFP" (a line opening with "Crédit photo" is boilerplate).
            Class::Punct('/') => {
                credit |= toks.get(i + 1).is_some_and(|n| {
                    n.end - n.start <= 7
                        && matches!(
                            n.low(lower),
                            "afp"
                                | "reuters"
                                | "ap"
                                | "pool"
                                | "getty"
                                | "epa"
                                | "anadolu"
                                | "sipa"
                                | "aa"
                        )
                });
            }
            Class::Punct(':') => {
                urls += usize::from(
                    toks.get(i + 1).is_some_and(|n| n.is('/'))
                        && toks.get(i + 2).is_some_and(|n| n.is('/')),
                );
            }
            _ => {}
        }
    }
    let Some(first_word) = first_word else {
        return Some("filter.empty");
    };
    // Hashtags and handles only.
    if tagged > 0 && tagged * 2 >= n_words {
        return Some("filter.tag");
    }
    let first = toks[first_word].low(lower);
    let second = toks[first_word + 1..]
        .iter()
        .find(|t| t.is_word() || t.is(':'))
        .map_or("", |t| match t.class {
            Class::Punct(_) => ":",
            _ => t.low(lower),
        });
    if lexicon::boilerplate_start(first, second) {
        return Some("filter.boilerplate");
    }
    // Credits and bare URLs are short lines.
    if s.len() < 300 && credit {
        return Some("filter.credit");
    }
    if s.len() < 300 && urls > 0 && n_words < 6 + 4 * urls {
        return Some("filter.url");
    }
    // Menus of the page ("[Favoris] [Imprimer] [Envoyer]") and metadata strips ("Xinhua |
    // 27.04.2017 08h32", "International 5 min. 11.08.2022"): short, bracketed or numeric-dated.
    let brackets = if s.contains('[') {
        toks.iter().filter(|t| t.is('[') || t.is(']')).count()
    } else {
        0
    };
    if brackets >= 4 && n_words < 20 {
        return Some("filter.menu");
    }
    if s.len() < 80 && n_words <= 6 && (s.contains(" | ") || has_numeric_date(s)) {
        return Some("filter.metadata");
    }
    // Datelines and bylines: nothing but dates, times, weekdays, months and short codes.
    let content = toks.iter().filter(|t| t.is_word()).any(|t| {
        let w = t.low(lower);
        w.len() >= 3
            && !lexicon::weekday(w)
            && lexicon::month(w).is_none()
            && !matches!(w, "updated" | "publié" | "mis" | "jour" | "gmt" | "utc")
    });
    if !content {
        return Some("filter.metadata");
    }
    if n_words <= 3
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return Some("filter.metadata");
    }
    if !judge_opinion {
        return None;
    }
    if s.trim_end()
        .trim_end_matches(['»', '"', '”', ')', ' '])
        .ends_with('?')
    {
        return Some("filter.question");
    }
    // Adjacent word pairs ("je pense", "à mon"), skipping the apostrophe of an elision.
    let mut prev = "";
    let mut opinion = false;
    for t in toks.iter().filter(|t| t.is_word()) {
        let w = t.low(lower);
        if matches!(prev, "je" | "j" | "à" | "il" | "i" | "in" | "we")
            && lexicon::opinion_marker(prev, w)
        {
            opinion = true;
            break;
        }
        prev = w;
    }
    if opinion {
        return Some("filter.opinion");
    }
    None
}

/// Whether a lowercased sentence says what a video, photo or recording shows: "Video shows X",
/// "the footage shows ...", "the image was taken in ...", "voices can be heard", "la vidéo
/// montre ...", "on y voit ...".
pub fn viral_content(lower: &str) -> bool {
    const MEDIA: [&str; 10] = [
        "video",
        "vidéo",
        "footage",
        "photo",
        "image",
        "clip",
        "picture",
        "recording",
        "séquence",
        "enregistrement",
    ];
    const SHOWING: [&str; 16] = [
        " shows",
        " show ",
        " showing",
        " depicts",
        " is of ",
        " was taken",
        " was filmed",
        " was shot",
        " can be heard",
        " can be seen",
        " montre",
        " montrant",
        " on voit",
        " on y voit",
        " on entend",
        " a été filmée",
    ];
    MEDIA.iter().any(|m| lower.contains(m)) && SHOWING.iter().any(|s| lower.contains(s))
}

/// A date written in digits with dots or slashes: "27.04.2017", "2012/04/24", "11/08/22".
fn has_numeric_date(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || c == '|').any(|w| {
        let parts: Vec<&str> = w.split(['.', '/']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            && parts.iter().any(|p| p.len() == 4 || p.len() == 2)
    })
}

#[cfg(test)]
mod tests {
    use super::super::token::{lower_same_len, tokenize};
    use super::*;

    fn why(s: &str) -> Option<&'static str> {
        let mut toks = Vec::new();
        tokenize(s, &mut toks);
        let mut lower = String::new();
        lower_same_len(s, &mut lower);
        reject(s, &toks, &lower, true)
    }

    #[test]
    fn viral_content_claims_are_recognised_in_both_languages() {
        assert!(viral_content(
            "video shows a crowd lighting candles in brazil"
        ));
        assert!(viral_content("the footage shows people in switzerland"));
        assert!(viral_content("audible voices in the video can be heard"));
        assert!(viral_content("la vidéo montre des manifestants à paris"));
        assert!(!viral_content(
            "the minister said the economy shows signs of growth"
        ));
    }

    #[test]
    fn rejects_page_menus_metadata_strips_and_teasers() {
        assert_eq!(
            why("Favoris] [Imprimer] [Envoyer] [Commenter] [Corriger] [Caractère:A A A]"),
            Some("filter.menu")
        );
        assert_eq!(why("Xinhua | 27.04.2017 08h32"), Some("filter.metadata"));
        assert_eq!(
            why("Agence de presse Xinhua     2012/04/24"),
            Some("filter.metadata")
        );
        assert_eq!(
            why("Enquête: Comprendre pourquoi le car s'est embrasé"),
            Some("filter.boilerplate")
        );
        assert_eq!(
            why("Merci de nous avoir suivis et à samedi pour les suites de cette enquête"),
            Some("filter.boilerplate")
        );
        assert_eq!(
            why("Le PIB a augmenté de 0,4 % au troisième trimestre 2024."),
            None
        );
    }

    #[test]
    fn rejects_non_claims() {
        assert_eq!(why("#Russie"), Some("filter.tag"));
        assert_eq!(why("#Bachar el-Assad"), Some("filter.tag"));
        assert_eq!(why("À lire également:"), Some("filter.boilerplate"));
        assert_eq!(
            why("Cet article est réservé aux abonnés."),
            Some("filter.boilerplate")
        );
        assert_eq!(
            why("Publié le 09/12/2024 à 10h32"),
            Some("filter.boilerplate")
        );
        assert_eq!(
            why("Read also: the fall of Damascus"),
            Some("filter.boilerplate")
        );
        assert_eq!(
            why("Crédit Photo : VALERY SHARIFULIN / POOL / AFP"),
            Some("filter.boilerplate")
        );
        assert_eq!(why("09:379/12/2024, lundi"), Some("filter.metadata"));
        assert_eq!(why("AA"), Some("filter.metadata"));
        assert_eq!(why("Qui a gagné ?"), Some("filter.question"));
        assert_eq!(why("I think we should do better."), Some("filter.opinion"));
        assert_eq!(why("https://example.com/a/b"), Some("filter.url"));
    }

    #[test]
    fn keeps_claims() {
        assert_eq!(why("La Russie a accordé l'asile à Bachar al-Assad."), None);
        assert_eq!(why("Unemployment fell to 4 percent in 2019."), None);
    }

    #[test]
    fn trims_prefixes() {
        let s = "date 2024-12 Le président";
        assert_eq!(&s[prefix_len(s)..], "Le président");
        let s = "PARIS (AFP) - Le gouvernement a";
        assert_eq!(&s[prefix_len(s)..], "Le gouvernement a");
        let s = "Paris, le 14 mars 2025 (AFP) - Le gouvernement a";
        assert_eq!(&s[prefix_len(s)..], "Le gouvernement a");
        let s = "+ La foule a saccagé +";
        assert_eq!(
            &s[prefix_len(s)..s.len() - suffix_len(s)],
            "La foule a saccagé"
        );
        assert_eq!(prefix_len("Le 7 - 2 score"), 0);
    }
}
