//! The fact base: reference facts editors keep (a subject with its other names, an attribute,
//! a value or a date, a source), and the pre-check of statements against them. A check is a
//! suggestion with its arithmetic, never a verdict.

use super::{event, in_transaction, record, Actor};
use crate::domain::{FactId, Role, SourceUrl, StatementId};
use crate::error::AppError;
use crate::i18n::Language;
use crate::matching::fold_words;
use crate::storage::article;
use crate::storage::fact::{self, FactRow};
use crate::storage::statement;
use crate::storage::{self as db, DbConnection};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value as Json};

/// A fact as submitted (`POST /api/v1/facts`).
#[derive(Debug, Clone, Deserialize)]
pub struct NewFact {
    /// What the fact is about ("Baath party").
    pub subject: String,
    /// Other names the subject goes by in articles ("Baas", "baasiste").
    #[serde(default)]
    pub aliases: Option<Vec<String>>,
    /// What is stated of it ("in power since", "population").
    pub attribute: String,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    pub source_url: String,
}

/// A stored fact.
#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    pub id: FactId,
    pub subject: String,
    pub aliases: Vec<String>,
    pub attribute: String,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub date: Option<NaiveDate>,
    pub source_url: String,
    pub created_at: NaiveDateTime,
}

impl From<FactRow> for FactView {
    fn from(row: FactRow) -> Self {
        Self {
            aliases: serde_json::from_str(&row.aliases_json).unwrap_or_default(),
            id: row.id,
            subject: row.subject,
            attribute: row.attribute,
            value: row.value,
            unit: row.unit,
            date: row.date,
            source_url: row.source_url,
            created_at: row.created_at,
        }
    }
}

fn short_text(what: &str, raw: &str, at_most: usize) -> Result<String, AppError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(AppError::rule(format!("a fact needs a {what}")));
    }
    if t.chars().count() > at_most {
        return Err(AppError::rule(format!(
            "a fact's {what} may not exceed {at_most} characters"
        )));
    }
    Ok(t.to_string())
}

/// Adds a reference fact. Editors only; 422 when it has neither value nor date, or a field
/// breaks its limits.
pub fn create_fact(
    conn: &mut DbConnection,
    actor: &Actor,
    new: NewFact,
) -> Result<FactView, AppError> {
    actor.require(Role::Editor, "keep the fact base")?;
    let created_by = actor
        .id
        .ok_or_else(|| AppError::rule("a fact is added by a user"))?;
    let subject = short_text("subject", &new.subject, 200)?;
    let attribute = short_text("attribute", &new.attribute, 200)?;
    let aliases = new.aliases.unwrap_or_default();
    if aliases.len() > 20 {
        return Err(AppError::rule("a fact may have at most 20 aliases"));
    }
    let aliases = aliases
        .iter()
        .map(|a| short_text("alias", a, 200))
        .collect::<Result<Vec<_>, _>>()?;
    if new.value.is_none() && new.date.is_none() {
        return Err(AppError::rule("a fact needs a value or a date"));
    }
    if new.value.is_some_and(|v| !v.is_finite()) {
        return Err(AppError::rule("a fact's value must be a finite number"));
    }
    let unit = match new.unit.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(u) => Some(short_text("unit", u, 50)?),
    };
    let source_url = SourceUrl::parse(&new.source_url)?.as_str().to_string();
    let row = FactRow {
        id: FactId::new(),
        subject,
        aliases_json: serde_json::to_string(&aliases).unwrap_or_else(|_| "[]".into()),
        attribute,
        value: new.value,
        unit,
        date: new.date,
        source_url,
        created_by,
        created_at: db::now(),
    };
    in_transaction(conn, |conn| {
        fact::insert(conn, &row)?;
        let mut e = event(actor, "fact.create", "fact", row.id, None);
        e.after = Some(fact_snapshot(&row));
        record(conn, e)
    })?;
    Ok(row.into())
}

/// Deletes a fact; the audit trail keeps it. Editors only; 404 when missing.
pub fn delete_fact(conn: &mut DbConnection, actor: &Actor, id: FactId) -> Result<(), AppError> {
    actor.require(Role::Editor, "keep the fact base")?;
    in_transaction(conn, |conn| {
        let row = fact::find(conn, id)?.ok_or_else(|| AppError::not_found("fact"))?;
        fact::delete(conn, id)?;
        let mut e = event(actor, "fact.delete", "fact", id, None);
        e.before = Some(fact_snapshot(&row));
        record(conn, e)
    })
}

fn fact_snapshot(row: &FactRow) -> Json {
    json!({
        "subject": row.subject,
        "aliases": serde_json::from_str::<Json>(&row.aliases_json).unwrap_or(Json::Null),
        "attribute": row.attribute,
        "value": row.value,
        "unit": row.unit,
        "date": row.date,
        "source_url": row.source_url,
    })
}

/// Every fact, by subject.
pub fn list_facts(conn: &mut DbConnection) -> Result<Vec<FactView>, AppError> {
    Ok(fact::list(conn)?.into_iter().map(FactView::from).collect())
}

/// What a fact says of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Consistent,
    Inconsistent,
}

/// A statement checked against one fact: a suggestion with its arithmetic.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub fact_id: FactId,
    pub subject: String,
    pub attribute: String,
    pub outcome: Outcome,
    /// The arithmetic, for people: "from 1963-03-08 to 2024-12-09 is 61.75 years; the
    /// statement says 61 years: consistent".
    pub explanation: String,
    pub source_url: String,
}

/// The checks of one statement against the fact base (404 when the statement is missing).
///
/// Explanations are written in `lang`, the reader's language.
pub fn checks_of(
    conn: &mut DbConnection,
    id: StatementId,
    lang: Language,
) -> Result<Vec<Check>, AppError> {
    let row = statement::find(conn, id)?.ok_or_else(|| AppError::not_found("statement"))?;
    let article =
        article::find(conn, row.article_id)?.ok_or_else(|| AppError::not_found("article"))?;
    let facts = fact::list(conn)?;
    let reference = article
        .published_at
        .unwrap_or_else(|| article.created_at.date());
    let values: Vec<Json> = serde_json::from_str(&row.values_json).unwrap_or_default();
    let span = Span {
        start: usize::try_from(row.span_start).unwrap_or(0),
        end: usize::try_from(row.span_end).unwrap_or(0),
        values: &values,
        gloss_en: row.gloss_en.as_deref(),
    };
    Ok(check_statement(
        &span,
        &article.body,
        reference,
        &facts,
        lang,
    ))
}

/// The checks of every statement of an article that the fact base says something about.
pub fn checks_for_article(
    conn: &mut DbConnection,
    article: &crate::view::ArticleView,
    lang: Language,
) -> Result<std::collections::HashMap<StatementId, Vec<Check>>, AppError> {
    let facts = fact::list(conn)?;
    let mut out = std::collections::HashMap::new();
    if facts.is_empty() {
        return Ok(out);
    }
    let reference = article
        .published_at
        .unwrap_or_else(|| article.created_at.date());
    for s in &article.statements {
        let values: Vec<Json> = s
            .values
            .iter()
            .filter_map(|v| serde_json::to_value(v).ok())
            .collect();
        let span = Span {
            start: s.start,
            end: s.end,
            values: &values,
            gloss_en: s.gloss_en.as_deref(),
        };
        let checks = check_statement(&span, &article.body, reference, &facts, lang);
        if !checks.is_empty() {
            out.insert(s.id, checks);
        }
    }
    Ok(out)
}

/// What a check needs of a statement: where it stands in its article and what it says.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    pub start: usize,
    pub end: usize,
    /// Its values, as stored (value objects).
    pub values: &'a [Json],
    pub gloss_en: Option<&'a str>,
}

/// The checks of a statement against `facts`: those whose subject (or an alias) the statement,
/// its gloss or its sentence names, and whose value or date the statement's values can be
/// compared with. `reference` is the day the article speaks from (its publication date).
pub fn check_statement(
    statement: &Span<'_>,
    body: &str,
    reference: NaiveDate,
    facts: &[FactRow],
    lang: Language,
) -> Vec<Check> {
    if statement.values.is_empty() || facts.is_empty() {
        return Vec::new();
    }
    let mut context = sentence_around(body, statement.start, statement.end).to_string();
    if let Some(gloss) = statement.gloss_en {
        context.push(' ');
        context.push_str(gloss);
    }
    let words = fold_words(&context);
    let mut out = Vec::new();
    for f in facts {
        let aliases: Vec<String> = serde_json::from_str(&f.aliases_json).unwrap_or_default();
        let named = std::iter::once(&f.subject)
            .chain(&aliases)
            .any(|name| names(&words, &fold_words(name)));
        if !named {
            continue;
        }
        for value in statement.values {
            if let Some((outcome, explanation)) = compare(value, f, reference, lang) {
                out.push(Check {
                    fact_id: f.id,
                    subject: f.subject.clone(),
                    attribute: f.attribute.clone(),
                    outcome,
                    explanation,
                    source_url: f.source_url.clone(),
                });
            }
        }
    }
    out
}

/// The sentence of `body` holding the span (the span itself when the offsets are off).
fn sentence_around(body: &str, start: usize, end: usize) -> &str {
    if start > end
        || end > body.len()
        || !body.is_char_boundary(start)
        || !body.is_char_boundary(end)
    {
        return "";
    }
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let from = body[..start].rfind(ends).map_or(0, |i| i + 1);
    let to = body[end..].find(ends).map_or(body.len(), |i| end + i);
    &body[from..to]
}

/// Whether the folded words `name` occur in `words`, each name word opening a text word
/// ("baas" names "baasiste"); a name word of one or two letters must be the whole word.
fn names(words: &[String], name: &[String]) -> bool {
    if name.is_empty() || name.len() > words.len() {
        return false;
    }
    words.windows(name.len()).any(|w| {
        w.iter().zip(name).all(|(word, part)| {
            if part.chars().count() < 3 {
                word == part
            } else {
                word.starts_with(part.as_str())
            }
        })
    })
}

/// Compares one statement value with a fact: a duration with the time since the fact's date,
/// a date with its date, an amount with its value in the same unit.
fn compare(
    value: &Json,
    f: &FactRow,
    reference: NaiveDate,
    lang: Language,
) -> Option<(Outcome, String)> {
    let kind = value.get("type")?.as_str()?;
    let bound = value.get("bound").and_then(Json::as_str);
    let approx = value.get("approx").and_then(Json::as_bool) == Some(true);
    match (kind, f.date, f.value) {
        ("duration", Some(since), _) => {
            let claimed = value.get("value")?.as_f64()?;
            let unit = value.get("unit")?.as_str()?;
            let days = (reference - since).num_days() as f64;
            let elapsed = match unit {
                "year" => calendar_months(since, reference)? / 12.0,
                "month" => calendar_months(since, reference)?,
                "week" => days / 7.0,
                "day" => days,
                _ => return None,
            };
            let ok = match bound {
                Some("min") => elapsed >= claimed,
                Some("max") => elapsed <= claimed,
                _ if approx => (elapsed - claimed).abs() <= claimed * 0.1 + 1.0,
                // "61 years" is right for 61.75 years (whole years gone by) and for 60.6
                // (rounded); not for 59.
                _ => claimed == elapsed.floor() || claimed == elapsed.round(),
            };
            Some((
                verdict(ok),
                lang.message_with(
                    "fact-check-duration",
                    &[
                        ("subject", &f.subject),
                        ("attribute", &f.attribute),
                        ("since", &since.to_string()),
                        ("until", &reference.to_string()),
                        ("elapsed", &measure(elapsed, 2, unit, lang)),
                        ("claimed", &measure(claimed, 0, unit, lang)),
                        ("outcome", &outcome_word(ok, lang)),
                    ],
                ),
            ))
        }
        ("date", Some(date), _) => {
            let stated = value.get("date")?.as_str()?;
            let (a, b) = stated.split_once('/').unwrap_or((stated, stated));
            let (a, b): (NaiveDate, NaiveDate) = (a.parse().ok()?, b.parse().ok()?);
            let ok = a <= date && date <= b;
            Some((
                verdict(ok),
                lang.message_with(
                    "fact-check-date",
                    &[
                        ("subject", &f.subject),
                        ("attribute", &f.attribute),
                        ("known", &date.to_string()),
                        ("stated", stated),
                        ("outcome", &outcome_word(ok, lang)),
                    ],
                ),
            ))
        }
        ("quantity" | "count" | "percent" | "money", _, Some(known)) => {
            let claimed = value.get("value")?.as_f64()?;
            let unit = value.get("unit").and_then(Json::as_str).unwrap_or("");
            let fact_unit = f.unit.as_deref().unwrap_or("");
            let same_unit = unit == fact_unit
                || (kind == "percent" && matches!(fact_unit, "" | "%" | "percent"));
            if !same_unit {
                return None;
            }
            let tolerance = if approx {
                claimed.abs() * 0.1
            } else {
                (0.5 * 10f64.powi(trailing_zeros(claimed))).max(known.abs() * 0.005)
            };
            let ok = match bound {
                Some("min") => known >= claimed - tolerance,
                Some("max") => known <= claimed + tolerance,
                _ => (known - claimed).abs() <= tolerance,
            };
            Some((
                verdict(ok),
                lang.message_with(
                    "fact-check-amount",
                    &[
                        ("subject", &f.subject),
                        ("attribute", &f.attribute),
                        (
                            "known",
                            format!("{} {fact_unit}", plain(known, lang)).trim(),
                        ),
                        ("claimed", format!("{} {unit}", plain(claimed, lang)).trim()),
                        ("tolerance", &plain(tolerance, lang)),
                        ("outcome", &outcome_word(ok, lang)),
                    ],
                ),
            ))
        }
        _ => None,
    }
}

/// The months from `since` to `until` on the calendar (1963-03-08 to 2024-12-09: 741 whole
/// months and 1 day of the next 31), so that years come out as people count them (61.75).
fn calendar_months(since: NaiveDate, until: NaiveDate) -> Option<f64> {
    use chrono::Months;
    if until < since {
        return None;
    }
    let mut whole = u32::try_from((until.year_ce().1 as i64 - since.year_ce().1 as i64) * 12)
        .ok()?
        .saturating_sub(12);
    while since.checked_add_months(Months::new(whole + 1))? <= until {
        whole += 1;
    }
    let at = since.checked_add_months(Months::new(whole))?;
    let next = since.checked_add_months(Months::new(whole + 1))?;
    let span = (next - at).num_days() as f64;
    Some(f64::from(whole) + (until - at).num_days() as f64 / span)
}

fn verdict(ok: bool) -> Outcome {
    if ok {
        Outcome::Consistent
    } else {
        Outcome::Inconsistent
    }
}

fn outcome_word(ok: bool, lang: Language) -> String {
    lang.message(if ok {
        "fact-consistent"
    } else {
        "fact-inconsistent"
    })
}

/// How many zeros end a whole number (187000 -> 3): the precision the writer gave it.
fn trailing_zeros(n: f64) -> i32 {
    if n.fract() != 0.0 || n == 0.0 {
        return 0;
    }
    let mut n = n.abs() as u64;
    let mut zeros = 0;
    while n.is_multiple_of(10) && zeros < 12 {
        n /= 10;
        zeros += 1;
    }
    zeros
}

/// A number as `lang` writes it: whole numbers as they are, others with two decimals
/// ("61.75", French "61,75").
fn plain(n: f64, lang: Language) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        with_decimals(n, 2, lang)
    }
}

/// `n` with `decimals` digits after the point, which French writes as a comma.
fn with_decimals(n: f64, decimals: usize, lang: Language) -> String {
    let text = format!("{n:.decimals$}");
    match lang {
        Language::Fr => text.replace('.', ","),
        Language::En => text,
    }
}

/// A duration with its unit in `lang` ("61.75 years", "61,75 ans", "1 year").
fn measure(n: f64, decimals: usize, unit: &str, lang: Language) -> String {
    let figure = if decimals == 0 {
        plain(n, lang)
    } else {
        with_decimals(n, decimals, lang)
    };
    let number = if n == 1.0 { "one" } else { "other" };
    let word = lang.message(&format!("fact-unit-{unit}-{number}"));
    format!("{figure} {word}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;

    fn statement<'a>(
        text: &str,
        body: &str,
        values: &'a [Json],
        gloss: Option<&'a str>,
    ) -> Span<'a> {
        let start = body.find(text).expect("in body");
        Span {
            start,
            end: start + text.len(),
            values,
            gloss_en: gloss,
        }
    }

    fn fact(subject: &str, aliases: &[&str], date: Option<&str>, value: Option<f64>) -> FactRow {
        FactRow {
            id: FactId::new(),
            subject: subject.into(),
            aliases_json: serde_json::to_string(aliases).unwrap(),
            attribute: "in power since".into(),
            value,
            unit: value.map(|_| "person".to_string()),
            date: date.map(|d| d.parse().unwrap()),
            source_url: "https://example.org/fact".into(),
            created_by: UserId::new(),
            created_at: db::now(),
        }
    }

    const BODY: &str = "Le parti unique a perdu le pouvoir. L'effondrement du régime baasiste, \
                        après 61 ans de règne, était acté.";

    fn sixty_one_years() -> Vec<Json> {
        vec![json!({"type": "duration", "value": 61, "unit": "year"})]
    }

    #[test]
    fn a_duration_since_a_known_date_is_consistent_with_its_arithmetic() {
        let day: NaiveDate = "2024-12-09".parse().unwrap();
        let facts = [fact("Baath party", &["Baas"], Some("1963-03-08"), None)];
        let checks = check_statement(
            &statement(
                "après 61 ans de règne",
                BODY,
                &sixty_one_years(),
                Some("61 years of rule"),
            ),
            BODY,
            day,
            &facts,
            Language::En,
        );
        assert_eq!(checks.len(), 1, "{checks:?}");
        assert_eq!(checks[0].outcome, Outcome::Consistent);
        assert!(
            checks[0].explanation.contains("61.75 years"),
            "{}",
            checks[0].explanation
        );
    }

    #[test]
    fn the_same_duration_against_a_later_date_is_inconsistent() {
        let day: NaiveDate = "2024-12-09".parse().unwrap();
        let facts = [fact("Baath party", &["Baas"], Some("2010-01-01"), None)];
        let checks = check_statement(
            &statement(
                "après 61 ans de règne",
                BODY,
                &sixty_one_years(),
                Some("61 years of rule"),
            ),
            BODY,
            day,
            &facts,
            Language::En,
        );
        assert_eq!(checks[0].outcome, Outcome::Inconsistent);
        assert!(
            checks[0].explanation.contains("14.94 years"),
            "{}",
            checks[0].explanation
        );
    }

    #[test]
    fn a_fact_about_another_subject_says_nothing() {
        let day: NaiveDate = "2024-12-09".parse().unwrap();
        let facts = [fact("Labour party", &[], Some("1963-03-08"), None)];
        assert!(check_statement(
            &statement(
                "après 61 ans de règne",
                BODY,
                &sixty_one_years(),
                Some("61 years of rule")
            ),
            BODY,
            day,
            &facts,
            Language::En,
        )
        .is_empty());
    }

    #[test]
    fn an_amount_is_compared_at_the_precision_it_was_written() {
        let body = "La CGT a compté 187 000 manifestants à Paris.";
        let values = [json!({"type": "quantity", "value": 187000, "unit": "person"})];
        let row = statement("187 000 manifestants", body, &values, None);
        let day: NaiveDate = "2023-03-07".parse().unwrap();
        let close = [fact("Paris", &[], None, Some(187_321.0))];
        assert_eq!(
            check_statement(&row, body, day, &close, Language::En)[0].outcome,
            Outcome::Consistent
        );
        let far = [fact("Paris", &[], None, Some(149_000.0))];
        assert_eq!(
            check_statement(&row, body, day, &far, Language::En)[0].outcome,
            Outcome::Inconsistent
        );
    }

    #[test]
    fn the_arithmetic_is_written_in_the_readers_language() {
        let day: NaiveDate = "2024-12-09".parse().unwrap();
        let facts = [fact("Baath party", &["Baas"], Some("1963-03-08"), None)];
        let values = sixty_one_years();
        let row = statement(
            "après 61 ans de règne",
            BODY,
            &values,
            Some("61 years of rule"),
        );
        let fr = check_statement(&row, BODY, day, &facts, Language::Fr);
        let text = &fr[0].explanation;
        assert!(text.contains("61,75 ans"), "{text}");
        assert!(
            text.contains("la déclaration dit 61 ans : cohérent"),
            "{text}"
        );
        let en = check_statement(&row, BODY, day, &facts, Language::En);
        assert!(
            en[0]
                .explanation
                .ends_with("the statement says 61 years: consistent"),
            "{}",
            en[0].explanation
        );
    }
}
