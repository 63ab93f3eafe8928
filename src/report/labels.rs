//! The words of a report, in the article's language (French or English).

use crate::domain::{ArticleStatus, Verdict};
use crate::extract::Lang;
use serde::Serialize;

/// Fixed texts of a report.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub lang: &'static str,
    pub report: &'static str,
    pub fact_check: &'static str,
    pub language: &'static str,
    pub status: &'static str,
    pub summary: &'static str,
    pub total: &'static str,
    pub statements: &'static str,
    pub english: &'static str,
    pub reviewed_by: &'static str,
    pub verdict_scale: &'static str,
    pub methodology: &'static str,
    pub methodology_text: &'static str,
    pub corrections: &'static str,
    pub no_corrections: &'static str,
    pub when: &'static str,
    pub statement: &'static str,
    pub change: &'static str,
    pub by: &'static str,
    pub reason: &'static str,
    pub after_sign_off: &'static str,
    pub audit: &'static str,
    pub generated: &'static str,
    pub chain_head: &'static str,
    /// Introduces the signed checkpoint.
    pub signed: &'static str,
    pub event: &'static str,
    pub sources: &'static str,
}

const EN: Labels = Labels {
    lang: "en",
    report: "fact-check report",
    fact_check: "Fact-check",
    language: "language",
    status: "status",
    summary: "Summary",
    total: "Total",
    statements: "Statements",
    english: "English",
    reviewed_by: "reviewed by",
    verdict_scale: "Verdict scale",
    methodology: "Methodology",
    methodology_text: "The article was split into atomic checkable statements by claimdesk's \
        extractor (each statement is a span of the published text), and editors added or removed \
        statements by hand. Reviewers checked each statement against the sources cited with it and \
        recorded one verdict from the scale below, with a note; under the two-person rule a second \
        person approved each verdict before it became final. Every change was written to an \
        append-only, hash-chained audit trail; the chain head printed at the end of this report \
        lets anyone with access to the newsroom's trail verify that the history behind it was not \
        rewritten.",
    corrections: "Corrections",
    no_corrections: "No verdict was changed after it was first recorded.",
    when: "When",
    statement: "Statement",
    change: "Change",
    by: "By",
    reason: "Reason or note",
    after_sign_off: "correction after sign-off",
    audit: "Audit",
    generated: "Report generated",
    chain_head: "Audit chain head at export",
    signed: "Signed with the newsroom's ed25519 key",
    event: "event",
    sources: "Sources",
};

const FR: Labels = Labels {
    lang: "fr",
    report: "rapport de vérification",
    fact_check: "Vérification",
    language: "langue",
    status: "statut",
    summary: "Synthèse",
    total: "Total",
    statements: "Affirmations",
    english: "En anglais",
    reviewed_by: "vérifié par",
    verdict_scale: "Échelle des verdicts",
    methodology: "Méthode",
    methodology_text: "L'article a été découpé en affirmations vérifiables élémentaires par \
        l'extracteur de claimdesk (chaque affirmation est un passage du texte publié), puis des \
        éditeurs en ont ajouté ou retiré à la main. Les vérificateurs ont confronté chaque \
        affirmation aux sources citées avec elle et lui ont attribué un verdict de l'échelle \
        ci-dessous, avec une note ; selon la règle des quatre yeux, une seconde personne a approuvé \
        chaque verdict avant qu'il ne devienne définitif. Chaque modification a été inscrite dans un \
        journal d'audit chaîné par empreintes, en ajout seul ; l'empreinte de tête imprimée à la \
        fin de ce rapport permet de vérifier que l'historique n'a pas été réécrit.",
    corrections: "Rectificatifs",
    no_corrections: "Aucun verdict n'a été modifié après avoir été rendu.",
    when: "Date",
    statement: "Affirmation",
    change: "Modification",
    by: "Par",
    reason: "Motif ou note",
    after_sign_off: "rectificatif après validation",
    audit: "Audit",
    generated: "Rapport produit le",
    chain_head: "Tête de la chaîne d'audit à l'export",
    signed: "Signé avec la clé ed25519 de la rédaction",
    event: "événement",
    sources: "Sources",
};

/// The labels of a report in `lang`.
pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    }
}

/// A verdict's name in `lang`.
pub fn verdict_label(verdict: Verdict, lang: Lang) -> &'static str {
    match (lang, verdict) {
        (Lang::En, v) => v.label(),
        (Lang::Fr, Verdict::Verified) => "Vérifié",
        (Lang::Fr, Verdict::Disputed) => "Contesté",
        (Lang::Fr, Verdict::NeedsSource) => "Source manquante",
        (Lang::Fr, Verdict::Unreviewed) => "Non vérifié",
    }
}

/// What a verdict means, in `lang`.
pub fn verdict_definition(verdict: Verdict, lang: Lang) -> &'static str {
    match (lang, verdict) {
        (Lang::En, v) => v.definition(),
        (Lang::Fr, Verdict::Verified) => {
            "L'affirmation concorde avec les éléments trouvés dans des sources fiables citées."
        }
        (Lang::Fr, Verdict::Disputed) => {
            "Des éléments fiables contredisent l'affirmation, ou sa formulation est trompeuse."
        }
        (Lang::Fr, Verdict::NeedsSource) => {
            "Aucune source fiable n'a encore permis de confirmer ou d'infirmer l'affirmation."
        }
        (Lang::Fr, Verdict::Unreviewed) => {
            "Aucun verdict n'a encore été rendu sur cette affirmation."
        }
    }
}

/// A verdict code (`needs_source`) in `lang`; other text is returned with `_` as spaces.
pub fn verdict_code_label(code: &str, lang: Lang) -> String {
    match code.parse::<Verdict>() {
        Ok(v) => verdict_label(v, lang).to_string(),
        Err(_) => code.replace('_', " "),
    }
}

/// An article status in `lang`.
pub fn status_label(status: ArticleStatus, lang: Lang) -> &'static str {
    match (lang, status) {
        (Lang::Fr, ArticleStatus::Open) => "ouvert",
        (Lang::Fr, ArticleStatus::InReview) => "en vérification",
        (Lang::Fr, ArticleStatus::SignedOff) => "validé",
        (Lang::En, ArticleStatus::Open) => "open",
        (Lang::En, ArticleStatus::InReview) => "in review",
        (Lang::En, ArticleStatus::SignedOff) => "signed off",
    }
}
