//! The interface's language (French or English) and its messages.
//!
//! Messages live in Fluent files, one folder per language (`templates/locales/en/*.ftl`,
//! `templates/locales/fr/*.ftl`), compiled into the binary; pages print them with the tera
//! function `t(key=..., lang=lang, ...)`. A person's language is their saved choice, else the
//! `claimdesk_lang` cookie (set by the switch in the header), else the browser's
//! `Accept-Language`, else English. Article texts keep their own language: only the controls
//! around them follow the interface.

use fluent_templates::Loader;
use std::collections::HashMap;
use std::fmt;
use unic_langid::LanguageIdentifier;

// Every message of every language, loaded at compile time.
fluent_templates::static_loader! {
    pub static LOCALES = {
        locales: "./templates/locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would show up in titles and
        // attribute values copied by people.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Name of the cookie that keeps the language picked with the header's switch.
pub const COOKIE: &str = "claimdesk_lang";

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Fr,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Fr];

    /// The BCP 47 tag, as in `lang` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }

    /// `fr`, `en`, or a tag starting with either (`fr-CA`); anything else is `None`.
    pub fn parse(raw: &str) -> Option<Self> {
        let primary = raw.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Language::Fr),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The best of our languages for an `Accept-Language` header (English when none fits).
    pub fn negotiate(accept_language: Option<&str>) -> Self {
        let requested = fluent_langneg::accepted_languages::parse(accept_language.unwrap_or(""));
        let available: Vec<LanguageIdentifier> = Self::ALL.iter().map(|l| l.id()).collect();
        let default = Language::En.id();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .and_then(|id| Self::parse(id.language.as_str()))
            .unwrap_or_default()
    }

    fn id(self) -> LanguageIdentifier {
        self.as_str().parse().expect("a valid language tag")
    }

    /// The message `key` in this language.
    pub fn message(self, key: &str) -> String {
        LOCALES.lookup(&self.id(), key)
    }

    /// The message `key` with its arguments.
    pub fn message_with(self, key: &str, args: &[(&str, &str)]) -> String {
        let args: HashMap<
            std::borrow::Cow<'static, str>,
            fluent_templates::fluent_bundle::FluentValue,
        > = args
            .iter()
            .map(|(k, v)| (k.to_string().into(), v.to_string().into()))
            .collect();
        LOCALES.lookup_with_args(&self.id(), key, &args)
    }

    /// Several messages at once (for the page script), keyed by message key.
    pub fn messages(self, keys: &[&str]) -> HashMap<String, String> {
        keys.iter()
            .map(|k| (k.to_string(), self.message(k)))
            .collect()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// French month abbreviations, for dates on French pages ("9 déc. 2024").
const MOIS: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

/// A serialized timestamp (`2024-12-09T10:11:12.123456`) as people of `lang` read it:
/// `2024-12-09 10:11 UTC` in English, `9 déc. 2024 à 10:11 UTC` in French.
pub fn when(raw: &str, lang: Language) -> String {
    let (Some(day), Some(time)) = (raw.get(..10), raw.get(11..16)) else {
        return raw.to_string();
    };
    match lang {
        Language::En => format!("{day} {time} UTC"),
        Language::Fr => {
            let mut parts = day.split('-').map(|p| p.parse::<usize>().ok());
            match (
                parts.next().flatten(),
                parts.next().flatten(),
                parts.next().flatten(),
            ) {
                (Some(y), Some(m @ 1..=12), Some(d)) => {
                    format!("{d} {} {y} à {time} UTC", MOIS[m - 1])
                }
                _ => format!("{day} {time} UTC"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn keys_of(lang: &str) -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("templates/locales")
            .join(lang);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).expect("locale folder") {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let text = std::fs::read_to_string(&path).unwrap();
                for line in text.lines() {
                    if let Some((key, _)) = line.split_once(" =") {
                        if !key.starts_with(['#', ' ', '.', '[', '*']) && !key.is_empty() {
                            keys.insert(key.trim().to_string());
                        }
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let en = keys_of("en");
        let fr = keys_of("fr");
        assert!(en.len() > 50, "{} keys", en.len());
        let only_en: Vec<_> = en.difference(&fr).collect();
        let only_fr: Vec<_> = fr.difference(&en).collect();
        assert!(
            only_en.is_empty() && only_fr.is_empty(),
            "English only: {only_en:?}; French only: {only_fr:?}"
        );
    }

    #[test]
    fn every_key_a_template_names_exists() {
        let en = keys_of("en");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        // A key joined with a value (`key="kind-" ~ s.kind`) is checked below, value by value.
        let pattern = regex::Regex::new(r#"key="([a-z0-9_-]+)"(\s*~)?"#).unwrap();
        let mut missing = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        files.push(dir.join("static/app.js"));
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for cap in pattern.captures_iter(&text) {
                if cap.get(2).is_none() && !en.contains(&cap[1]) {
                    missing.push(format!("{}: {}", path.display(), &cap[1]));
                }
            }
        }
        // Keys built from a value (`"verdict-" ~ s.verdict`) exist for every value.
        use crate::domain::{Approval, ArticleStatus, Role, Verdict};
        let dynamic = Verdict::ALL
            .iter()
            .map(|v| format!("verdict-{v}"))
            .chain(
                crate::extract::Kind::ALL
                    .iter()
                    .map(|k| format!("kind-{}", k.as_str())),
            )
            .chain(ArticleStatus::ALL.iter().map(|s| format!("status-{s}")))
            .chain(Role::ALL.iter().map(|r| format!("role-{r}")))
            .chain(Approval::ALL.iter().map(|a| format!("approval-{a}")));
        for key in dynamic {
            if !en.contains(&key) {
                missing.push(key);
            }
        }
        assert!(missing.is_empty(), "no such message: {missing:?}");
    }

    #[test]
    fn accept_language_picks_french_or_english() {
        assert_eq!(
            Language::negotiate(Some("fr-FR,fr;q=0.9,en;q=0.8")),
            Language::Fr
        );
        assert_eq!(Language::negotiate(Some("en-GB,en;q=0.9")), Language::En);
        assert_eq!(Language::negotiate(Some("de-DE,fr;q=0.5")), Language::Fr);
        assert_eq!(Language::negotiate(Some("de-DE")), Language::En);
        assert_eq!(Language::negotiate(None), Language::En);
    }

    #[test]
    fn messages_and_dates_follow_the_language() {
        assert_eq!(Language::Fr.message("verdict-verified"), "vérifié");
        assert_eq!(Language::En.message("verdict-verified"), "verified");
        assert_eq!(
            Language::Fr.message_with("common-by", &[("name", "Rita")]),
            "par Rita"
        );
        assert_eq!(
            when("2024-12-09T10:11:12.5", Language::Fr),
            "9 déc. 2024 à 10:11 UTC"
        );
        assert_eq!(
            when("2024-12-09T10:11:12.5", Language::En),
            "2024-12-09 10:11 UTC"
        );
    }
}
