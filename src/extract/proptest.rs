//! Property tests: whatever the input, extraction and segmentation never panic, and every span
//! lies inside the text, on char boundaries, with `text` equal to the slice.

use proptest::prelude::*;

use super::{extract, sentences, Lang, LangChoice, Options};

fn check(text: &str, lang: LangChoice) -> Result<(), TestCaseError> {
    let opts = Options {
        lang,
        reference_date: None,
    };
    let mut last = 0;
    for s in extract(text, &opts) {
        prop_assert!(s.start < s.end && s.end <= text.len());
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        prop_assert_eq!(&text[s.start..s.end], s.text.as_str());
        prop_assert!((0.0..=1.0).contains(&s.score));
        prop_assert!(s.start >= last, "statements are in reading order");
        last = s.start;
    }
    for s in sentences(text, Lang::Fr) {
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end) && s.end <= text.len()
        );
        prop_assert_eq!(&text[s.start..s.end], s.text.as_str());
    }
    Ok(())
}

/// Text built from news-like pieces, so that the deeper code paths (dates, numbers, clauses)
/// are reached far more often than with uniform random strings.
fn newsy() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "le 27 novembre",
        "Entre le 30 novembre et le 7 décembre",
        "24 ans de pouvoir",
        "des milliers de personnes",
        ", qui",
        " et les rebelles ont",
        "« ",
        " »",
        ". ",
        "\n",
        "#tag",
        "M. ",
        "3,5 %",
        "$89 billion",
        "alors que",
        "vingt-quatre",
        "9/12/2024",
        "date 2024-12",
        "🙂",
        "É",
        "’",
        " a indiqué ",
        "mettant fin à",
        "1 000",
        "...",
        "?",
        "du 28 au",
        "le 1er",
        " 31 février 2024",
        "U.S.",
        "İ",
    ];
    let piece = prop_oneof![
        prop::sample::select(PIECES).prop_map(str::to_string),
        "[a-zA-Zéèà0-9 ,.;:'«»/-]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=N runs more.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn any_string_is_safe(text in any::<String>()) {
        check(&text, LangChoice::Auto)?;
        check(&text, LangChoice::Fixed(Lang::En))?;
    }

    #[test]
    fn news_like_text_is_safe(text in newsy()) {
        check(&text, LangChoice::Fixed(Lang::Fr))?;
        check(&text, LangChoice::Fixed(Lang::En))?;
    }
}
