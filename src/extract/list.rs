//! One statement per figure in lists and comparisons.
//!
//! A clause that reports several figures ("339 000 manifestants contre 806 000 le 5 décembre",
//! "36,2 % des conducteurs, 34,2 % des contrôleurs et 14,5 % des aiguilleurs", "Smith won 48%
//! ahead of Jones, 45%") is several claims, each checked on its own. Between two figures of a
//! clause it is cut at the list's joint nearest the second figure: a comma, "et"/"and", a
//! comparison ("contre", "devant", "au lieu de", "against", "compared", "versus"), "dont",
//! "soit", or, when nothing else separates them, the parenthesis around the second figure. A
//! figure in parentheses keeps the name before it ("Jean Lassalle (sans étiquette) (1,21 %)"),
//! and nothing is cut inside parentheses or quotation marks. Dates are not figures here:
//! "806 000 le 5 décembre" stays one claim.

use super::token::{Class, Tok};

/// Is word `w` a joint between two items of a list or comparison?
fn joint_word(w: &str) -> bool {
    matches!(
        w,
        "et" | "contre"
            | "devant"
            | "dont"
            | "soit"
            | "tandis"
            | "face"
            | "and"
            | "against"
            | "compared"
            | "versus"
            | "vs"
            | "ahead"
            | "while"
            | "whereas"
    )
}

/// Whether token `i` is a number: digits, or a number in words other than "un"/"one" (an
/// article as often as a number).
fn is_number(toks: &[Tok], lower: &str, i: usize) -> bool {
    let t = toks[i];
    match t.class {
        Class::Num => true,
        // Most words are no number: the tokenizer's flags say so without a string comparison.
        Class::Word if t.lacks(super::token::flag::NUMBER) => false,
        Class::Word => {
            let w = t.low(lower);
            !matches!(w, "un" | "une" | "one" | "et" | "and")
                && super::number::is_number_word(w)
                && super::lexicon::collective(w).is_none()
        }
        Class::Punct(_) => false,
    }
}

/// Where to cut between the figure ending at `prev_end` and the one starting at `next`: the
/// index of the first token of the second piece, if the two should be separate statements.
fn joint(toks: &[Tok], lower: &str, prev_end: usize, next: usize) -> Option<usize> {
    // A figure in parentheses or right after a comma names what comes before it ("Jean
    // Lassalle (1,21 %)", "Jean-Luc Mélenchon, 19,58 %"): cut there only when no earlier joint
    // separates the two figures.
    let mut paren_fallback = None;
    // An item's opening word ("with", "après"), used when no joint proper comes before it.
    let mut lead = None;
    // The parenthesis opening the second figure's phrase, if any.
    let mut opening_paren: Option<usize> = None;
    let mut depth = 0i32;
    let mut i = next;
    while i > prev_end {
        i -= 1;
        let t = toks[i];
        match t.class {
            Class::Punct(')') => depth += 1,
            Class::Punct('(') => {
                if depth == 0 {
                    paren_fallback.get_or_insert(i);
                    opening_paren.get_or_insert(i);
                } else {
                    depth -= 1;
                }
            }
            Class::Punct('«' | '»' | '"' | '“' | '”') => return lead.or(paren_fallback),
            Class::Punct(',') if depth == 0 && i + 1 == next => {
                paren_fallback.get_or_insert(i + 1);
            }
            Class::Punct(',' | ';') if depth == 0 => return Some(i + 1),
            Class::Word if depth == 0 => {
                let w = t.low(lower);
                if joint_word(w) {
                    return Some(i);
                }
                // Words that open an item only when its figure follows at once: "-0,8 % après
                // -0,1 %", "to 4.1 percent in June from 4.0 percent", "past 75 with 300 people
                // missing". "from" also needs the first figure close by ("from 60 to 62" alone
                // is one claim).
                let figure_follows = next - i <= 3;
                let close_before = i - prev_end <= 4;
                if figure_follows
                    && (matches!(w, "après" | "after" | "with" | "avec")
                        || (w == "from" && close_before))
                {
                    lead.get_or_insert(i);
                }
                // "au lieu de 10 000"
                if w == "lieu"
                    && i > prev_end
                    && toks[i - 1].low(lower) == "au"
                    && toks.get(i + 1).is_some_and(|n| n.low(lower) == "de")
                {
                    return Some(i - 1);
                }
            }
            _ => {}
        }
    }
    // "247 366 votes (39,15 %)", "10 kilometers (6 miles)": a figure in parentheses right after
    // another restates the same claim.
    let restates = paren_fallback.is_some_and(|p| Some(p) == opening_paren && p <= prev_end + 1);
    lead.or(paren_fallback.filter(|_| !restates))
}

/// Where a phrase that measures something starts after a comma, just before the clause's
/// first figure at `first`: ", à 42 km", ", with 300 people", ", soit 12 %". At least three
/// words must come before the comma, so a fronted "En 2023, ..." stays whole.
fn measure_apposition(toks: &[Tok], lower: &str, a: usize, first: usize) -> Option<usize> {
    let opener = (first.saturating_sub(3)..first).find(|&k| {
        k > a
            && toks[k - 1].is(',')
            && matches!(
                toks[k].low(lower),
                "à" | "a" | "au" | "avec" | "soit" | "with" | "at" | "some" | "about"
            )
    })?;
    let words_before = toks[a..opener - 1].iter().filter(|t| t.is_word()).count();
    (words_before >= 3).then_some(opener)
}

/// Whether tokens `[a, b)` hold a figure.
pub fn has_figure(toks: &[Tok], lower: &str, figure: &[bool], a: usize, b: usize) -> bool {
    (a..b).any(|i| figure[i] && is_number(toks, lower, i))
}

/// The pieces of clause `[a, b)`, one per figure when it lists or compares several; `[a, b)`
/// itself otherwise. `figure[i]` marks tokens that may be a figure (a number outside dates).
pub fn split_figures(
    toks: &[Tok],
    lower: &str,
    figure: &[bool],
    a: usize,
    b: usize,
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    let mut start = a;
    // The end of the figure before, if any; figures are found in one pass, without a buffer.
    let mut prev_end: Option<usize> = None;
    let mut i = a;
    while i < b {
        if figure[i] && is_number(toks, lower, i) {
            let first = i;
            // "47 582 183", "vingt et un" and "1,5 million" are one figure.
            while i + 1 < b && figure[i + 1] && is_number(toks, lower, i + 1) {
                i += 1;
            }
            if let Some(end) = prev_end {
                if let Some(cut) = joint(toks, lower, end, first) {
                    if cut > start && cut >= end {
                        out.push((start, cut));
                        start = cut;
                    }
                }
            } else if let Some(cut) = measure_apposition(toks, lower, a, first) {
                // The first figure opens a phrase of its own after a comma: "L'accident s'est
                // produit à Mézières, à 42 km au nord-ouest de Paris".
                out.push((start, cut));
                start = cut;
            }
            prev_end = Some(i + 1);
        }
        i += 1;
    }
    out.push((start, b));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::token::{lower_same_len, tokenize};

    fn pieces(text: &str) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let mut lower = String::new();
        lower_same_len(text, &mut lower);
        // In these examples every token may be a figure except the dates' days.
        let figure: Vec<bool> = (0..toks.len())
            .map(|i| {
                !toks
                    .get(i + 1)
                    .is_some_and(|n| matches!(n.low(&lower), "décembre" | "avril" | "juin"))
            })
            .collect();
        let mut out = Vec::new();
        split_figures(&toks, &lower, &figure, 0, toks.len(), &mut out);
        out.iter()
            .map(|&(a, b)| text[toks[a].start..toks[b - 1].end].to_string())
            .collect()
    }

    #[test]
    fn a_comparison_is_two_claims() {
        assert_eq!(
            pieces("La préfecture a compté 31.000 personnes contre 65.000 le 5 décembre"),
            [
                "La préfecture a compté 31.000 personnes",
                "contre 65.000 le 5 décembre"
            ]
        );
    }

    #[test]
    fn a_list_of_results_is_one_claim_per_result() {
        assert_eq!(
            pieces("Il y avait 36,2% des conducteurs en grève, 34,2% des contrôleurs et 14,5% des aiguilleurs"),
            [
                "Il y avait 36,2% des conducteurs en grève,",
                "34,2% des contrôleurs",
                "et 14,5% des aiguilleurs"
            ]
        );
    }

    #[test]
    fn a_figure_in_parentheses_keeps_its_name_and_parentheses_are_not_cut_inside() {
        assert_eq!(
            pieces("Nathalie Arthaud (Lutte Ouvrière) (0,64%) et Jacques Cheminade (Solidarité et Progrès) (0,18%)"),
            [
                "Nathalie Arthaud (Lutte Ouvrière) (0,64%)",
                "et Jacques Cheminade (Solidarité et Progrès) (0,18%)"
            ]
        );
        assert_eq!(
            pieces("9 policiers ont été blessés (8 à Paris)"),
            ["9 policiers ont été blessés", "(8 à Paris)"]
        );
    }

    #[test]
    fn one_figure_or_a_date_and_a_figure_stay_whole() {
        assert_eq!(
            pieces("Le 5 décembre, 806.000 personnes ont manifesté"),
            ["Le 5 décembre, 806.000 personnes ont manifesté"]
        );
        assert_eq!(
            pieces("Sur 47 582 183 électeurs inscrits, 37 003 728 ont voté"),
            ["Sur 47 582 183 électeurs inscrits,", "37 003 728 ont voté"]
        );
    }

    #[test]
    fn a_figure_after_a_comma_keeps_the_name_before_it() {
        assert_eq!(
            pieces("Fillon a rassemblé 20,01% des suffrages, devant le leader Jean-Luc Mélenchon, 19,58%"),
            [
                "Fillon a rassemblé 20,01% des suffrages,",
                "devant le leader Jean-Luc Mélenchon, 19,58%"
            ]
        );
    }

    #[test]
    fn numbers_in_words_and_after_are_figures_too() {
        assert_eq!(
            pieces("une attaque a fait deux morts et trois blessés"),
            ["une attaque a fait deux morts", "et trois blessés"]
        );
        assert_eq!(
            pieces("quatre TGV sur cinq, trois TER sur cinq"),
            ["quatre TGV sur cinq,", "trois TER sur cinq"]
        );
        assert_eq!(
            pieces("l'investissement recule (-0,8% après -0,1% au deuxième trimestre)"),
            [
                "l'investissement recule (-0,8%",
                "après -0,1% au deuxième trimestre)"
            ]
        );
    }

    #[test]
    fn a_change_from_a_figure_is_two_figures_but_a_range_stays_one() {
        assert_eq!(
            pieces("the rate crept up to 4.1 percent in June from 4.0 percent in May"),
            [
                "the rate crept up to 4.1 percent in June",
                "from 4.0 percent in May"
            ]
        );
        assert_eq!(
            pieces("2 unions march in Paris as the age rises from 60 to 62"),
            ["2 unions march in Paris as the age rises from 60 to 62"]
        );
    }

    #[test]
    fn a_measure_after_a_comma_is_its_own_claim() {
        assert_eq!(
            pieces("L'accident s'est produit sur le territoire de Mézières-sur-Seine, à 42 km au nord-ouest de Paris"),
            [
                "L'accident s'est produit sur le territoire de Mézières-sur-Seine,",
                "à 42 km au nord-ouest de Paris"
            ]
        );
        assert_eq!(
            pieces("Hier, à 12 h, il a gagné"),
            ["Hier, à 12 h, il a gagné"]
        );
    }

    #[test]
    fn a_figure_restated_in_parentheses_stays_with_it() {
        assert_eq!(
            pieces("Smith leads with 247,366 votes (39.15%)"),
            ["Smith leads with 247,366 votes (39.15%)"]
        );
    }

    #[test]
    fn english_results_are_split_too() {
        assert_eq!(
            pieces("Smith won 48.2% of the vote, ahead of Jones with 45.1% and Lee with 3%"),
            [
                "Smith won 48.2% of the vote,",
                "ahead of Jones with 45.1%",
                "and Lee with 3%"
            ]
        );
    }
}
