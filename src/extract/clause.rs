//! Splits a sentence into atomic clauses: coordinated independent clauses, contrastive and
//! relative subordinates ("alors que", "tandis que", "où", "dont"), new main clauses after a
//! fronted adverbial, and participial phrases that carry a value ("mettant fin à ses 24 ans de
//! pouvoir"). Descriptive add-ons without a value (", qui semblaient choquées", ", certaines
//! prenant des selfies") stay with the clause they describe, and attribution tails
//! (", a indiqué une source", ", selon Sky News") stay with the claim they attribute.

use super::lexicon;
use super::token::{Class, Tok};

/// One clause: tokens `[first, last)` of the sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clause {
    /// Index of the first token.
    pub first: usize,
    /// Index just past the last token.
    pub last: usize,
    /// Carries an attribution ("selon X", "a indiqué X", "X rapporte que").
    pub attribution: bool,
    /// Contains a finite verb.
    pub has_verb: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    /// Always a clause of its own.
    Hard,
    /// A relative or participial phrase: its own clause only when it carries a value.
    IfValue,
    /// A relative clause (", qui ...", ", which ..."): its own clause when it carries a value or
    /// names someone or somewhere ("qui se trouvent désormais à Moscou").
    Relative,
}

/// Marks tokens that are finite verbs (lexicon, or the word after a subject pronoun and clitics,
/// or after a reflexive/negative clitic).
pub fn mark_verbs(toks: &[Tok], lower: &str, out: &mut Vec<bool>) {
    out.clear();
    out.resize(toks.len(), false);
    for (i, t) in toks.iter().enumerate() {
        if !t.is_word() {
            continue;
        }
        let known = if t.flags & super::token::flag::ANNOTATED != 0 {
            t.flags & super::token::flag::VERB != 0
        } else {
            lexicon::finite_verb(t.low(lower))
        };
        if known {
            out[i] = true;
            continue;
        }
        // Walk back over clitics and apostrophes to a subject pronoun.
        let mut k = i;
        let mut saw_clitic = false;
        while k > 0 {
            let p = &toks[k - 1];
            if p.is('\'') || p.is('’') {
                k -= 1;
                continue;
            }
            if !p.is_word() {
                break;
            }
            // Most words are neither pronouns nor clitics: the flags say so without a lookup.
            if p.lacks(super::token::flag::PRONOUN | super::token::flag::CLITIC) {
                break;
            }
            let pw = p.low(lower);
            if lexicon::subject_pronoun(pw) {
                out[i] = !saw_clitic || t.end - t.start > 2;
                break;
            }
            if matches!(pw, "se" | "s" | "ne" | "n") {
                let w = t.low(lower);
                out[i] = w.len() > 2 && !matches!(w, "pas" | "plus" | "que");
                break;
            }
            if lexicon::clitic(pw) {
                saw_clitic = true;
                k -= 1;
                continue;
            }
            break;
        }
    }
}

fn is_participle(w: &str) -> bool {
    w.len() > 5
        && (w.ends_with("ant") || (w.ends_with("ing") && w.is_ascii()))
        && !lexicon::not_participle(w)
}

fn any(v: &[bool], a: usize, b: usize) -> bool {
    v.get(a..b.min(v.len()))
        .is_some_and(|s| s.iter().any(|x| *x))
}

/// Index of the next comma (or semicolon) at or after `from`, else `n`.
fn next_comma(toks: &[Tok], from: usize) -> usize {
    toks.iter()
        .skip(from)
        .position(|t| t.is(',') || t.is(';'))
        .map_or(toks.len(), |p| from + p)
}

/// Whether tokens `[a, b)` hold a verb after their last complementizer ("que", "qui", "that"),
/// i.e. whether the innermost clause there already has its verb.
fn inner_clause_has_verb(toks: &[Tok], lower: &str, verbs: &[bool], a: usize, b: usize) -> bool {
    let from = (a..b)
        .rev()
        .find(|&k| {
            matches!(
                toks[k].low(lower),
                "que" | "qu" | "qui" | "that" | "dont" | "où"
            )
        })
        .map_or(a, |k| k + 1);
    any(verbs, from, b)
}

/// ", the Office for National Statistics said Thursday" / ", a déclaré le ministre": a short
/// segment whose first verb is a reporting verb (English puts the subject first). Such a tail
/// attributes the clause before it and is not a statement of its own.
fn subject_then_reporting(toks: &[Tok], lower: &str, verbs: &[bool], i: usize) -> bool {
    let end = next_comma(toks, i).min(i + 8);
    for k in i..end {
        let t = &toks[k];
        if !t.is_word() {
            continue;
        }
        let reporting =
            !t.lacks(super::token::flag::REPORTING) && lexicon::reporting_verb(t.low(lower));
        if reporting {
            // The tail ends there, or after a time word ("said Thursday", "said on Tuesday").
            return toks[k + 1..end].iter().filter(|t| t.is_word()).count() <= 3;
        }
        if verbs.get(k).copied().unwrap_or(false) {
            return false;
        }
    }
    false
}

/// Whether tokens `[a, b)` hold a capitalised word after the first (a proper noun).
fn names_someone(toks: &[Tok], text: &str, a: usize, b: usize) -> bool {
    toks[a..b].iter().skip(1).any(|t| {
        t.is_word()
            && text
                .get(t.start..)
                .is_some_and(|s| s.starts_with(char::is_uppercase))
    })
}

/// Splits the tokens of one sentence into clauses. `value[i]` marks tokens inside a typed value.
pub fn split(toks: &[Tok], lower: &str, text: &str, verbs: &[bool], value: &[bool]) -> Vec<Clause> {
    let mut out = Vec::new();
    split_into(
        toks,
        lower,
        text,
        verbs,
        value,
        &mut Scratch::default(),
        &mut out,
    );
    out
}

/// Buffers for `split_into`, reused across sentences so the splitter does not allocate.
#[derive(Default)]
pub struct Scratch {
    cuts: Vec<(usize, Cut)>,
    attribution: Vec<bool>,
    segs: Vec<(usize, usize, Cut)>,
    merged: Vec<(usize, usize)>,
}

/// `split`, writing into `out` (cleared first) with reusable buffers.
pub fn split_into(
    toks: &[Tok],
    lower: &str,
    text: &str,
    verbs: &[bool],
    value: &[bool],
    scratch: &mut Scratch,
    out: &mut Vec<Clause>,
) {
    let n = toks.len();
    out.clear();
    let Scratch {
        cuts,
        attribution,
        segs,
        merged,
    } = scratch;
    cuts.clear();
    attribution.clear();
    attribution.resize(n, false);
    segs.clear();
    merged.clear();
    let mut depth = 0i32;
    let mut clause_start = 0usize;
    for i in 0..n {
        let t = toks[i];
        match t.class {
            Class::Punct('«' | '“') => depth += 1,
            Class::Punct('»' | '”') => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth > 0 || i == 0 {
            continue;
        }
        if t.is(';') && i + 1 < n {
            cuts.push((i + 1, Cut::Hard));
            clause_start = i + 1;
            continue;
        }
        if !t.is_word() {
            continue;
        }
        let after_comma = toks[i - 1].is(',');
        // Most words open nothing: skip them before any string comparison.
        let len = t.end - t.start;
        if !after_comma
            && !(2..=3).contains(&len)
            && t.lacks(super::token::flag::SUBORD | super::token::flag::REPORTING)
        {
            continue;
        }
        let w = t.low(lower);
        let next = toks.get(i + 1).map_or("", |t| t.low(lower));
        let subord = if t.lacks(super::token::flag::SUBORD) {
            0
        } else {
            lexicon::subordinator(w, next)
        };
        let cut = if let Some(strength) = Some(subord).filter(|s| *s > 0) {
            match (strength, w) {
                (2, _) => Some(Cut::Hard),
                (_, "où" | "dont" | "where" | "whereas") if after_comma => Some(Cut::Hard),
                (_, _) if after_comma => Some(Cut::Relative),
                _ => None,
            }
        } else if matches!(w, "et" | "and") && !value.get(i).copied().unwrap_or(false) {
            // (An "et" inside a value, "2 ans et 6 mois", joins its parts, not two clauses.)
            let ce_qui = matches!(next, "ce")
                && toks
                    .get(i + 2)
                    .is_some_and(|t| matches!(t.low(lower), "qui" | "que"));
            let right_end = next_comma(toks, i + 1);
            let right_verb = any(verbs, i + 2, right_end);
            // "et 1 200 ont été tuées": a number as the new subject.
            let number_subject = toks.get(i + 1).is_some_and(|t| t.class == Class::Num);
            // "killed one man in Mykolaiv and injured 13 others", "et assurait la liaison": a
            // second predicate of the same subject (an adverb may come first: "and now lives").
            let second_predicate = verbs.get(i + 1).copied().unwrap_or(false)
                || (matches!(
                    next,
                    "now" | "also" | "then" | "later" | "still" | "aussi" | "ensuite" | "désormais"
                ) && verbs.get(i + 2).copied().unwrap_or(false));
            let new_subject =
                (lexicon::subject_opener(next) || number_subject) && !ce_qui && right_verb;
            ((new_subject || second_predicate)
                && inner_clause_has_verb(toks, lower, verbs, clause_start, i))
            .then_some(Cut::Hard)
        } else if after_comma {
            let second = toks
                .get(i + 1)
                .filter(|t| t.is_word())
                .map_or("", |t| t.low(lower));
            let reporting = lexicon::reporting_verb(w)
                || (lexicon::reporting_aux(w) && lexicon::reporting_verb(second))
                || (w == "d" && second == "après")
                || subject_then_reporting(toks, lower, verbs, i);
            if reporting {
                attribution[i] = true;
                None
            } else if is_participle(w) || (lexicon::subject_opener(w) && is_participle(second)) {
                Some(Cut::IfValue)
            } else {
                let right_end = next_comma(toks, i + 1);
                let left_verb = inner_clause_has_verb(toks, lower, verbs, clause_start, i);
                let orig_upper = text
                    .get(t.start..t.end)
                    .and_then(|s| s.chars().next())
                    .is_some_and(char::is_uppercase);
                // ", a poussé l'offensive": the predicate after an incise; or ", le régime a
                // perdu": a new subject and verb after a fronted adverbial.
                let predicate = verbs[i];
                let new_subject = (lexicon::subject_opener(w) || orig_upper)
                    && !matches!((w, next), ("ce", "qui" | "que"))
                    && any(verbs, i + 1, right_end);
                (left_verb && (predicate || new_subject)).then_some(Cut::Hard)
            }
        } else {
            if t.lacks(super::token::flag::REPORTING) {
                continue;
            }
            if lexicon::reporting_verb(w) && matches!(next, "que" | "qu" | "that")
                || w == "selon"
                || w == "according"
            {
                attribution[i] = true;
            }
            None
        };
        if let Some(c) = cut {
            cuts.push((i, c));
            clause_start = i;
        }
    }
    // Build segments, then merge: conditional ones without a value go back to their host; a
    // fronted subordinate or verbless, valueless fragment joins the clause after it.

    let mut start = 0;
    let mut kind = Cut::Hard;
    for &(c, k) in cuts.iter() {
        if c > start {
            segs.push((start, c, kind));
        }
        start = c;
        kind = k;
    }
    if start < n {
        segs.push((start, n, kind));
    }

    for &(a, b, k) in segs.iter() {
        let keep = match k {
            Cut::Hard => true,
            Cut::IfValue => any(value, a, b),
            Cut::Relative => {
                any(value, a, b) || (any(verbs, a, b) && names_someone(toks, text, a, b))
            }
        };
        if !keep {
            if let Some(last) = merged.last_mut() {
                last.1 = b;
                continue;
            }
        }
        merged.push((a, b));
    }
    // A leading fragment with no verb or value (a fronted adverbial or subordinate) joins the next.

    let mut pending: Option<usize> = None;
    let count = merged.len();
    for (idx, &(a, b)) in merged.iter().enumerate() {
        let a = pending.take().unwrap_or(a);
        let has_verb = any(verbs, a, b);
        let fronted = a == 0
            && matches!(
                toks[a].low(lower),
                "alors"
                    | "lorsque"
                    | "lorsqu"
                    | "quand"
                    | "si"
                    | "when"
                    | "while"
                    | "if"
                    | "as"
                    | "after"
                    | "although"
                    | "bien"
                    | "tandis"
            );
        if idx + 1 < count && ((!has_verb && !any(value, a, b)) || fronted) {
            pending = Some(a);
            continue;
        }
        let attribution = attribution[a..b].iter().any(|x| *x);
        out.push(Clause {
            first: a,
            last: b,
            attribution,
            has_verb,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::token::{lower_same_len, tokenize};
    use super::*;

    fn clauses(s: &str, value_words: &[&str]) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize(s, &mut toks);
        let mut lower = String::new();
        lower_same_len(s, &mut lower);
        let mut verbs = Vec::new();
        mark_verbs(&toks, &lower, &mut verbs);
        let value: Vec<bool> = toks
            .iter()
            .map(|t| value_words.contains(&&s[t.start..t.end]))
            .collect();
        split(&toks, &lower, s, &verbs, &value)
            .into_iter()
            .map(|c| s[toks[c.first].start..toks[c.last - 1].end].to_string())
            .collect()
    }

    #[test]
    fn participle_with_value_is_split() {
        let s = "Bachar Al-Assad a quitté la capitale syrienne, Damas, après la chute de son gouvernement, mettant ainsi fin à ses 24 ans de pouvoir.";
        let c = clauses(s, &["24", "ans"]);
        assert_eq!(c.len(), 2);
        assert!(c[0].ends_with("gouvernement,"));
        assert!(c[1].starts_with("mettant"));
    }

    #[test]
    fn descriptive_relative_stays() {
        let s = "Une vidéo montre des rebelles libérant des prisonnières, qui semblaient choquées.";
        assert_eq!(clauses(s, &[]).len(), 1);
    }

    #[test]
    fn coordination_and_relatives() {
        let s = "L’aéroport de Damas a été abandonné et les rebelles ont déclaré avoir pénétré dans la prison, au nord de la capitale, où des groupes affirment que des milliers de Syriens ont été tués.";
        assert_eq!(clauses(s, &[]).len(), 3);
        let s = "La dépêche précise qu'Assad et sa famille sont arrivés à Moscou.";
        assert_eq!(clauses(s, &[]).len(), 1);
    }

    #[test]
    fn fronted_subordinate_and_attribution_tail_stay() {
        let s =
            "Alors qu’il prenait la fuite, des Syriens ont célébré dans les rues, selon Sky News.";
        assert_eq!(clauses(s, &[]).len(), 1);
        let s = "Lui et sa famille sont arrivés dimanche, a indiqué une source du Kremlin.";
        assert_eq!(clauses(s, &[]).len(), 1);
    }

    #[test]
    fn coordinated_counts_are_split() {
        let s = "Selon l'ONU, 300 000 personnes ont été déplacées et 1 200 ont été tuées depuis octobre.";
        assert_eq!(clauses(s, &[]).len(), 2);
    }

    #[test]
    fn english_attribution_tail_stays() {
        let s =
            "The economy grew by 0.6% in the second quarter, the statistics office said Thursday.";
        assert_eq!(clauses(s, &[]).len(), 1);
    }

    #[test]
    fn new_main_clause_after_adverbial() {
        let s = "Avec le soutien des groupes qui ont commencé à entrer dans Damas le 7 décembre, le régime a perdu le contrôle de Damas et ce qui a précipité sa chute.";
        assert_eq!(clauses(s, &[]).len(), 2);
    }
}
