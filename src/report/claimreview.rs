//! schema.org ClaimReview JSON-LD, one per reviewed statement.

use super::ReportView;
use crate::domain::Verdict;
use serde_json::{json, Value};

/// Longest `claimReviewed`, in characters (Google asks for under 75).
const MAX_CLAIM_CHARS: usize = 74;

/// The newsroom's published rating scale, 1 (worst) to 5: verified 5, needs source 3,
/// disputed 1; with the English name of each (`alternateName` uses the report's language).
pub fn rating(verdict: Verdict) -> Option<(u8, &'static str)> {
    match verdict {
        Verdict::Verified => Some((5, "Verified")),
        Verdict::NeedsSource => Some((3, "Needs source")),
        Verdict::Disputed => Some((1, "Disputed")),
        Verdict::Unreviewed => None,
    }
}

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX_CLAIM_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_CLAIM_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX_CLAIM_CHARS / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut}…")
}

fn organization(name: &str, url: Option<&str>) -> Value {
    let mut org = json!({"@type": "Organization", "name": name});
    if let Some(url) = url {
        org["url"] = json!(url);
    }
    org
}

/// One ClaimReview object per statement whose verdict is final, in reading order.
pub fn claim_reviews(view: &ReportView) -> Vec<Value> {
    let a = &view.article;
    let lang = view.t.lang.parse().unwrap_or(crate::extract::Lang::En);
    let date = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d").to_string();
    a.statements
        .iter()
        .filter_map(|s| {
            // Only final verdicts are published: one awaiting a second person's approval is not.
            if !s.is_final {
                return None;
            }
            let verdict: Verdict = s.verdict;
            let (value, _) = rating(verdict)?;
            let name = super::verdict_label(verdict, lang);
            let mut claim = json!({"@type": "Claim"});
            if let Some(outlet) = &a.outlet {
                claim["author"] = organization(outlet, None);
            }
            if let Some(url) = &a.url {
                claim["appearance"] = json!({"@type": "CreativeWork", "url": url});
            }
            if let Some(published) = a.published_at {
                claim["datePublished"] = json!(published.format("%Y-%m-%d").to_string());
            }
            Some(json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": format!("{}#statement-{}", view.report_url, s.id),
                "claimReviewed": shorten(&s.text),
                "datePublished": date(s.reviewed_at.unwrap_or(view.generated_at)),
                "author": organization(&view.newsroom, view.newsroom_url.as_deref()),
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": value,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": name,
                    "name": name,
                },
                "itemReviewed": claim,
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_claims_are_cut_under_75_characters_at_a_word() {
        let long = "La Russie a accordé l'asile pour des raisons humanitaires à Bachar al-Assad et à sa famille";
        let s = shorten(long);
        assert!(s.chars().count() < 75, "{s}");
        assert!(s.ends_with('…'));
        assert_eq!(shorten("court"), "court");
    }
}
