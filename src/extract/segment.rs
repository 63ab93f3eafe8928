//! Sentence segmentation for French and English news.
//!
//! A line is a unit of its own (headings, list items, captions, datelines have no final
//! punctuation), except that a line without final punctuation followed by a line starting in
//! lowercase is a hard-wrapped paragraph and continues. Inside a line, a sentence ends at
//! `.`, `!`, `?` or an ellipsis followed by space and an uppercase letter, digit or opening quote,
//! unless the period closes an abbreviation (M., Mme, Dr., p., co., U.S., LL.AA.), an initial
//! or a decimal; a quotation in « » or “ ” is kept whole so that it stays with its attribution.

use super::lexicon;

/// Longest unit in bytes; longer runs without sentence punctuation are cut at a space.
const MAX_UNIT: usize = 4096;

/// One sentence-like unit found by the scanner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The unit is a whole line without final punctuation: a heading, caption or list item.
    pub bare_line: bool,
}

/// Iterator over the sentence units of a text, in order; allocation-free.
pub struct Units<'a> {
    text: &'a str,
    pos: usize,
    block_end: usize,
}

impl<'a> Units<'a> {
    /// Starts segmenting `text`.
    pub fn new(text: &'a str) -> Self {
        Units {
            text,
            pos: 0,
            block_end: 0,
        }
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '.' | '!' | '?' | '…'
    )
}

fn ends_with_final_punct(s: &str) -> bool {
    s.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| is_terminal(c) || matches!(c, ':' | '»' | '"' | '”' | ';'))
}

/// End of the line starting at `from` (index of '\n' or text end).
fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i)
}

impl Iterator for Units<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        let text = self.text;
        loop {
            // Skip whitespace to the next unit.
            let skip = text[self.pos..].find(|c: char| !c.is_whitespace())?;
            self.pos += skip;
            if self.pos >= self.block_end {
                self.block_end = block_end(text, self.pos);
            }
            let start = self.pos;
            // Bound every unit: per-sentence work downstream is then bounded too, whatever the
            // input (a 10 MB line without punctuation is cut into pieces at spaces).
            let mut limit = (start + MAX_UNIT).min(self.block_end);
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let mut end = sentence_end(text, start, limit);
            if end == limit && limit < self.block_end {
                if let Some(sp) = text[start..limit]
                    .rfind(char::is_whitespace)
                    .filter(|p| *p > MAX_UNIT / 2)
                {
                    end = start + sp;
                }
            }
            self.pos = end.max(start + 1);
            while !text.is_char_boundary(self.pos) {
                self.pos += 1;
            }
            let trimmed_end = start + text[start..end].trim_end().len();
            if trimmed_end <= start {
                continue;
            }
            let whole_block = end >= self.block_end;
            let line_start = start == 0
                || text[..start]
                    .trim_end_matches([' ', '\t', '\r'])
                    .ends_with('\n')
                || text[..start].trim().is_empty();
            let bare_line =
                whole_block && line_start && !ends_with_final_punct(&text[start..trimmed_end]);
            return Some(Unit {
                start,
                end: trimmed_end,
                bare_line,
            });
        }
    }
}

/// End of the block (line, or hard-wrapped paragraph) that starts at `from`.
fn block_end(text: &str, from: usize) -> usize {
    let mut end = line_end(text, from);
    while end < text.len() {
        let line = &text[from..end];
        if ends_with_final_punct(line) {
            break;
        }
        let next_start = end + 1;
        let next_end = line_end(text, next_start);
        let next = &text[next_start..next_end];
        match next.trim_start().chars().next() {
            Some(c) if c.is_lowercase() && !next.trim_start().starts_with(['#', '-', '*', '•']) => {
                end = next_end
            }
            _ => break,
        }
    }
    end
}

/// The word (letters and inner periods) that ends just before byte `dot`.
fn word_before(text: &str, dot: usize) -> &str {
    let before = &text[..dot];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

/// Words that open a sentence far more often than they follow an abbreviation inside one:
/// "... and co. They should know", "I live in the U.S. How about you?".
fn opens_sentence(word: &str) -> bool {
    matches!(
        word,
        "They"
            | "It"
            | "He"
            | "She"
            | "We"
            | "You"
            | "How"
            | "What"
            | "Why"
            | "When"
            | "Where"
            | "Who"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "Here"
            | "But"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "Its"
            | "Did"
            | "Do"
            | "Does"
            | "Is"
            | "Are"
            | "Was"
            | "Were"
            | "Can"
            | "Will"
            | "Would"
            | "Should"
            | "Then"
            | "However"
            | "Il"
            | "Elle"
            | "Ils"
            | "Elles"
            | "Nous"
            | "Vous"
            | "Ce"
            | "Cette"
            | "Mais"
    )
}

/// The word that starts just after the dot at byte `dot` and its following spaces.
fn word_after(text: &str, dot: usize) -> &str {
    let rest = text[dot + 1..].trim_start();
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

fn is_abbreviation_dot(text: &str, dot: usize) -> bool {
    // "N°. 1026", "n°. 3": the number sign.
    if text[..dot].ends_with("N°") || text[..dot].ends_with("n°") {
        return true;
    }
    let w = word_before(text, dot);
    if w.is_empty() {
        return false;
    }
    // A number ("$100.00.", "1026.253.553."), an address ("example.com", "Jane.Doe@x.org") or
    // a file name ends a sentence like any word: dotted abbreviations are short pieces.
    let dotted_pieces_short = w
        .split('.')
        .filter(|p| !p.is_empty())
        .all(|p| p.chars().count() <= 3 && p.chars().all(char::is_alphabetic));
    let address = text[..dot]
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|t| t.contains('@') || t.contains("://"));
    if w.contains('.') && (!dotted_pieces_short || address) {
        return false;
    }
    if w.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return false;
    }
    if opens_sentence(word_after(text, dot)) {
        return false;
    }
    if ends_a_clause_with_a_time(text, dot, w) {
        return false;
    }
    // Initials ("J. Smith") and dotted acronyms ("U.S.", "LL.AA.").
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    if w.contains('.') {
        return true;
    }
    if w.chars().all(|c| c.is_ascii_lowercase() || !c.is_ascii())
        || w.chars().next().is_some_and(char::is_uppercase)
    {
        let mut low = String::with_capacity(w.len());
        super::token::lower_same_len(w, &mut low);
        return lexicon::abbreviation(&low);
    }
    false
}

/// Whether `w` ("p.m", "A.M") is a time of day closing a clause that began several words
/// earlier, before a capital: "He left the bank at 6 P.M. Mr. Smith then went" ends there, while
/// a sentence that opens on the time goes on ("At 5 a.m. Mr. Smith went to the bank").
fn ends_a_clause_with_a_time(text: &str, dot: usize, w: &str) -> bool {
    let low = w.to_ascii_lowercase();
    if low != "a.m" && low != "p.m" {
        return false;
    }
    if !word_after(text, dot).starts_with(char::is_uppercase) {
        return false;
    }
    let before = &text[..dot - w.len()];
    let mut from = before.len().saturating_sub(300);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    let clause = window
        .rfind(['.', '!', '?', '\n'])
        .map_or(window, |i| &window[i + 1..]);
    clause.split_whitespace().count() >= 4
}

/// How a list marks its items: a bullet or not, digits or one lowercase letter, and the
/// punctuation after them (".", ".)" or ")").
#[derive(Clone, Copy, PartialEq, Eq)]
struct MarkerKind {
    bullet: bool,
    digits: bool,
    close: &'static str,
}

/// The list marker that `s` starts with, if any ("1. ", "2.) ", "3) ", "a. ", "• 9. ", "⁃10. "),
/// as (its length with the spaces after it, its kind). An uppercase word must follow.
fn list_marker(s: &str) -> Option<(usize, MarkerKind)> {
    let mut i = 0;
    let bullet = s.starts_with(['•', '⁃', '-', '*']);
    if bullet {
        i += s.chars().next()?.len_utf8();
        i += s[i..].len() - s[i..].trim_start().len();
    }
    let body = &s[i..];
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (symbol, is_digits) = match digits {
        1 | 2 => (digits, true),
        0 if body.starts_with(|c: char| c.is_ascii_lowercase())
            && !body[1..].starts_with(|c: char| c.is_alphanumeric()) =>
        {
            (1, false)
        }
        _ => return None,
    };
    i += symbol;
    let close = [".)", ".", ")"]
        .into_iter()
        .find(|c| s[i..].starts_with(c))?;
    if !is_digits && close != "." {
        return None;
    }
    i += close.len();
    let spaces = s[i..].len() - s[i..].trim_start().len();
    if spaces == 0 || !s[i + spaces..].starts_with(char::is_uppercase) {
        return None;
    }
    Some((
        i + spaces,
        MarkerKind {
            bullet,
            digits: is_digits,
            close,
        },
    ))
}

/// Where the next list marker of `kind` starts in `s` (after white space), if any.
fn next_marker(s: &str, kind: MarkerKind) -> Option<usize> {
    s.char_indices()
        .filter(|&(p, _)| p > 0 && s[..p].ends_with(char::is_whitespace))
        .find(|&(p, _)| list_marker(&s[p..]).is_some_and(|(_, k)| k == kind))
        .map(|(p, _)| p)
}

/// Bytes that may start a terminal mark or a quotation mark: '.', '!', '?', and the lead bytes
/// of "…", "«", "»", "“", "”".
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

/// Finds where the sentence starting at `start` ends, within `[start, limit)`. Scans bytes and
/// decodes only around the few that matter (terminal punctuation, quotation marks): this loop
/// sees every byte of the input.
fn sentence_end(text: &str, start: usize, limit: usize) -> usize {
    // An item of a numbered or lettered list ("1. The first item 2. The second item") runs to
    // the next marker of the same kind; its own marker's dot ends nothing.
    let lead = text[start..limit].len() - text[start..limit].trim_start().len();
    let (limit, mut i) = match list_marker(&text[start + lead..limit]) {
        Some((len, kind)) => {
            let from = start + lead + len;
            let next = next_marker(&text[from..limit], kind).map_or(limit, |p| from + p);
            (next, lead + len)
        }
        None => (limit, 0),
    };
    let seg = &text[start..limit];
    let b = seg.as_bytes();
    let mut depth = 0usize;
    while i < b.len() {
        if !INTERESTING[usize::from(b[i])] {
            i += 1;
            continue;
        }
        // Interesting bytes are ASCII or lead bytes, so `i` is a char boundary here.
        let Some(c) = seg[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        match c {
            '«' | '“' => {
                let close = if c == '«' { '»' } else { '”' };
                // Only a quotation that closes within the block is kept whole.
                let tail = &seg[i + clen..];
                if tail.len() < 2000 && tail.contains(close) {
                    depth += 1;
                }
                i += clen;
                continue;
            }
            '»' | '”' => {
                depth = depth.saturating_sub(1);
                i += clen;
                continue;
            }
            _ => {}
        }
        if !is_terminal(c) || depth > 0 {
            i += clen;
            continue;
        }
        let abs = start + i;
        if c == '.' {
            // Decimal or inner dot ("3.5", "example.com"): no space after. But a lowercase word
            // of three letters or more, a dot, then a capitalised word is two sentences whose
            // space a page lost ("were involved.The cabinet wants...").
            let mut after = seg[i + 1..].chars();
            let glued_sentences = after.next().is_some_and(char::is_uppercase)
                && after.next().is_some_and(char::is_lowercase)
                && {
                    let before: Vec<char> = seg[..i].chars().rev().take(4).collect();
                    before.len() >= 3
                        && before[..3].iter().all(|c| c.is_lowercase())
                        && before
                            .get(3)
                            .is_none_or(|c| !c.is_alphanumeric() || c.is_lowercase())
                };
            if glued_sentences {
                return abs + 1;
            }
            if seg[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphanumeric())
            {
                i += 1;
                continue;
            }
            let ellipsis = seg[..i].ends_with('.') || seg[i + 1..].starts_with('.');
            // "[...]" marks words left out of a quotation, not the end of a sentence.
            if ellipsis && seg[i..].trim_start_matches('.').starts_with(']') {
                i += 1;
                continue;
            }
            if !ellipsis && is_abbreviation_dot(text, abs) {
                i += 1;
                continue;
            }
        }
        // Include closing punctuation and quotes.
        let mut end = i + clen;
        for d in seg[end..].chars() {
            if !is_closer(d) {
                break;
            }
            if matches!(d, '»' | '”') {
                depth = depth.saturating_sub(1);
            }
            end += d.len_utf8();
        }
        let rest = &seg[end..];
        let Some(next) = rest.trim_start().chars().next() else {
            return start + end;
        };
        if rest.len() != rest.trim_start().len()
            && (next.is_uppercase()
                || next.is_ascii_digit()
                || matches!(
                    next,
                    '«' | '“' | '"' | '(' | '-' | '—' | '–' | '¿' | '¡' | '\''
                ))
        {
            return start + end;
        }
        // No space after ("3.5", "a.m.", URLs) or a lowercase continuation: keep scanning.
        i = end.max(i + 1);
    }
    limit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        Units::new(s).map(|u| &s[u.start..u.end]).collect()
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            split("M. Dupont est arrivé. Mme Durand aussi. Le Dr. House part."),
            [
                "M. Dupont est arrivé.",
                "Mme Durand aussi.",
                "Le Dr. House part."
            ]
        );
        assert_eq!(
            split("J. F. Kennedy visited the U.S. Army base. Then he left."),
            ["J. F. Kennedy visited the U.S. Army base.", "Then he left."]
        );
        assert_eq!(
            split("Voir p. 12 et LL.AA. Le roi vint."),
            ["Voir p. 12 et LL.AA. Le roi vint."]
        );
        // An abbreviation ends the sentence when a word that opens sentences follows it.
        assert_eq!(
            split("Apple Inc. Co. et al. It grew 3.5 percent. Done."),
            ["Apple Inc. Co. et al.", "It grew 3.5 percent.", "Done."]
        );
        assert_eq!(
            split("I live in the U.S. How about you? She has $100.00. It is in her bag."),
            [
                "I live in the U.S.",
                "How about you?",
                "She has $100.00.",
                "It is in her bag."
            ]
        );
    }

    #[test]
    fn a_time_of_day_ends_a_clause_but_not_an_opening_phrase() {
        assert_eq!(
            split("The council met until 11 p.m. Officials then left the hall."),
            [
                "The council met until 11 p.m.",
                "Officials then left the hall."
            ]
        );
        assert_eq!(
            split("By 7 A.M. Ms. Lee had already voted. Turnout was high."),
            ["By 7 A.M. Ms. Lee had already voted.", "Turnout was high."]
        );
        assert_eq!(
            split("Polls close at 8 p.m. on Sunday. Results follow."),
            ["Polls close at 8 p.m. on Sunday.", "Results follow."]
        );
    }

    #[test]
    fn quotes_ellipses_and_lines() {
        assert_eq!(
            split("« Ils sont arrivés. La Russie a accordé l’asile », a précisé la source. Fin."),
            [
                "« Ils sont arrivés. La Russie a accordé l’asile », a précisé la source.",
                "Fin."
            ]
        );
        assert_eq!(
            split("Simple... Élémentaire. Vraiment ?"),
            ["Simple...", "Élémentaire.", "Vraiment ?"]
        );
        let units: Vec<Unit> =
            Units::new("Titre sans point\n\nCorps du texte. Suite.\n#tag").collect();
        assert_eq!(units.len(), 4);
        assert!(units[0].bare_line && !units[1].bare_line && units[3].bare_line);
    }

    #[test]
    fn wrapped_lines_continue() {
        assert_eq!(
            split("Une phrase coupée\nen deux lignes. Puis une autre."),
            ["Une phrase coupée\nen deux lignes.", "Puis une autre."]
        );
    }

    #[test]
    fn endless_sentences_are_cut() {
        let s = "mot, ".repeat(5000);
        let units: Vec<Unit> = Units::new(&s).collect();
        assert!(units.len() > 4 && units.iter().all(|u| u.end - u.start <= MAX_UNIT));
        let s = "é".repeat(5000);
        assert!(Units::new(&s).all(|u| s.is_char_boundary(u.start) && s.is_char_boundary(u.end)));
    }

    #[test]
    fn sentences_glued_by_a_lost_space_are_two() {
        assert_eq!(
            split("Police said 1.2m people were involved.The cabinet wants to raise the age."),
            [
                "Police said 1.2m people were involved.",
                "The cabinet wants to raise the age."
            ]
        );
        // Abbreviations, domains and decimals stay inside their sentence.
        assert_eq!(
            split("Visit example.com today. The U.S.A. grew 3.5 percent."),
            ["Visit example.com today.", "The U.S.A. grew 3.5 percent."]
        );
    }

    #[test]
    fn list_items_are_sentences_and_their_markers_end_nothing() {
        assert_eq!(
            split("1. The first item 2. The second item"),
            ["1. The first item", "2. The second item"]
        );
        assert_eq!(
            split("a. The first item b. The second item"),
            ["a. The first item", "b. The second item"]
        );
        assert_eq!(
            split("1) The first item. 2) The second item."),
            ["1) The first item.", "2) The second item."]
        );
        assert_eq!(
            split("You can find it at N°. 1026.253.553. That is where it is."),
            [
                "You can find it at N°. 1026.253.553.",
                "That is where it is."
            ]
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for s in [
            "",
            " ",
            "...",
            "«",
            "» « .",
            "é.É",
            "\n\n.\n",
            "a.\u{202f}B",
            "🙂. 🙂? ¡Hola!",
        ] {
            let _ = split(s);
        }
    }
}
