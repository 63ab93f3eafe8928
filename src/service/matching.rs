//! Claim matching against the newsroom's earlier statements: indexing statements as they are
//! stored, finding their matches, listing and dismissing them.

use super::{event, record, Actor};
use crate::domain::{ArticleId, Role, StatementId, Verdict};
use crate::encoder::SentenceEncoder;
use crate::error::AppError;
use crate::extract::Lang;
use crate::i18n::Language;
use crate::matching::{self, Key, Rarity, StatementText};
use crate::storage::article::{self, ArticleSummaryRow};
use crate::storage::matching::{self as index, KeyRow, MatchRow, MeaningRow};
use crate::storage::source::{self, SourceRow};
use crate::storage::statement::{self, StatementRow};
use crate::storage::user;
use crate::storage::{self as db, DbConnection};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// At most this many matches are kept for a statement.
const MATCHES_KEPT: usize = 5;
/// At most this many candidates per statement are scored precisely.
const CANDIDATES: usize = 30;
/// At most this many holders of one key are looked at.
const SAMPLE: i64 = 200;

/// The language an article's statements are matched in.
pub fn lang_of(language: &str) -> Lang {
    if language == "fr" {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// The matching keys of a stored (or about to be stored) statement.
pub fn keys_for(row: &StatementRow, lang: Lang) -> Vec<Key> {
    let values: serde_json::Value =
        serde_json::from_str(&row.values_json).unwrap_or(serde_json::Value::Null);
    matching::keys_of(StatementText {
        text: &row.text,
        gloss_en: row.gloss_en.as_deref(),
        values: &values,
        lang,
    })
}

/// Statements' meaning vectors, by statement (empty without the encoder).
pub type Meanings = HashMap<StatementId, Vec<f32>>;

/// The meaning vectors of statements, when the sentence encoder is installed. CPU work of a few
/// milliseconds a statement: done before a transaction is opened where it can be.
pub fn meanings(encoder: Option<&SentenceEncoder>, statements: &[StatementRow]) -> Meanings {
    let Some(encoder) = encoder else {
        return Meanings::new();
    };
    let texts: Vec<&str> = statements
        .iter()
        .map(|s| matching::meaning_text(&s.text))
        .collect();
    statements
        .iter()
        .map(|s| s.id)
        .zip(encoder.encode(&texts))
        .collect()
}

/// What storing new statements adds to the matching tables.
#[derive(Debug, Default)]
pub struct Indexed {
    pub keys: Vec<KeyRow>,
    pub meanings: Vec<MeaningRow>,
    pub matches: Vec<MatchRow>,
}

/// Keys and matches for statements of one article (with their meaning vectors, when the
/// encoder made them), compared with every statement stored in other articles.
pub fn index_new(
    conn: &mut DbConnection,
    article_id: ArticleId,
    lang: Lang,
    statements: &[StatementRow],
    meanings: &Meanings,
    now: NaiveDateTime,
) -> Result<Indexed, AppError> {
    let keyed: Vec<(StatementId, Vec<Key>)> = statements
        .iter()
        .map(|s| {
            let mut keys = keys_for(s, lang);
            if let Some(v) = meanings.get(&s.id) {
                keys.extend(matching::meaning_keys(v));
            }
            (s.id, keys)
        })
        .collect();
    let mut indexed = Indexed {
        meanings: meanings
            .iter()
            .map(|(id, v)| MeaningRow {
                statement_id: *id,
                vector: matching::pack(v),
            })
            .collect(),
        ..Indexed::default()
    };
    for (id, keys) in &keyed {
        indexed.keys.extend(keys.iter().map(|k| KeyRow {
            key: k.id.clone(),
            statement_id: *id,
            article_id,
        }));
    }
    indexed.matches = find_matches(conn, article_id, lang, &keyed, meanings, now)?;
    Ok(indexed)
}

/// Writes what [`index_new`] found (inside the caller's transaction).
pub fn store(conn: &mut DbConnection, indexed: &Indexed) -> Result<(), AppError> {
    index::insert_keys(conn, &indexed.keys)?;
    index::insert_meanings(conn, &indexed.meanings)?;
    index::insert_matches(conn, &indexed.matches)?;
    Ok(())
}

/// Indexes one statement again after its text changed: new keys, new matches (dismissed ones
/// stay dismissed). Inside the caller's transaction.
pub fn reindex(
    conn: &mut DbConnection,
    row: &StatementRow,
    language: &str,
    encoder: Option<&SentenceEncoder>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    index::delete_keys(conn, row.id)?;
    index::delete_meaning(conn, row.id)?;
    index::delete_open_matches(conn, row.id)?;
    let rows = std::slice::from_ref(row);
    let indexed = index_new(
        conn,
        row.article_id,
        lang_of(language),
        rows,
        &meanings(encoder, rows),
        now,
    )?;
    store(conn, &indexed)
}

/// Indexes statements stored before matching existed (keys only: their matches are found when
/// later statements arrive). Returns how many were indexed.
pub fn index_missing(conn: &mut DbConnection) -> Result<usize, AppError> {
    let mut done = 0;
    loop {
        let ids = index::unindexed_statements(conn, 1000)?;
        if ids.is_empty() {
            return Ok(done);
        }
        let rows = statement::find_many(conn, &ids)?;
        let article_ids: Vec<ArticleId> = rows.iter().map(|r| r.article_id).collect();
        let languages: HashMap<ArticleId, String> = article::summaries(conn, &article_ids)?
            .into_iter()
            .map(|a| (a.id, a.language))
            .collect();
        // Meaning vectors copied from another database (migrate-data) bring their keys back.
        let vectors = index::meanings_of(conn, &ids)?;
        let mut keys = Vec::new();
        for row in &rows {
            let lang = lang_of(languages.get(&row.article_id).map_or("en", String::as_str));
            let mut own = keys_for(row, lang);
            if let Some(v) = vectors.get(&row.id).and_then(|b| matching::unpack(b)) {
                own.extend(matching::meaning_keys(&v));
            }
            let mut ks: Vec<KeyRow> = own
                .into_iter()
                .map(|k| KeyRow {
                    key: k.id,
                    statement_id: row.id,
                    article_id: row.article_id,
                })
                .collect();
            if ks.is_empty() {
                // A statement with no key at all (only stop words) still counts as indexed.
                ks.push(KeyRow {
                    key: "x:none".into(),
                    statement_id: row.id,
                    article_id: row.article_id,
                });
            }
            keys.extend(ks);
        }
        index::insert_keys(conn, &keys)?;
        done += rows.len();
    }
}

/// Up to `at_most` statements stored without a meaning vector (before the encoder was
/// installed): read them, give them to [`meanings`] outside any transaction, then
/// [`store_meanings`].
pub fn without_meaning(
    conn: &mut DbConnection,
    at_most: i64,
) -> Result<Vec<StatementRow>, AppError> {
    let ids = index::without_meaning(conn, at_most)?;
    Ok(statement::find_many(conn, &ids)?)
}

/// Stores meaning vectors of statements stored earlier, with their keys (their matches are
/// found when later statements arrive). A statement deleted meanwhile is skipped.
pub fn store_meanings(
    conn: &mut DbConnection,
    rows: &[StatementRow],
    found: &Meanings,
) -> Result<(), AppError> {
    super::in_transaction(conn, |conn| {
        let ids: Vec<StatementId> = rows.iter().map(|r| r.id).collect();
        let still: HashSet<StatementId> = statement::find_many(conn, &ids)?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let mut keys = Vec::new();
        let mut vectors = Vec::new();
        for row in rows.iter().filter(|r| still.contains(&r.id)) {
            let Some(v) = found.get(&row.id) else {
                continue;
            };
            keys.extend(matching::meaning_keys(v).into_iter().map(|k| KeyRow {
                key: k.id,
                statement_id: row.id,
                article_id: row.article_id,
            }));
            vectors.push(MeaningRow {
                statement_id: row.id,
                vector: matching::pack(v),
            });
        }
        index::insert_keys(conn, &keys)?;
        index::insert_meanings(conn, &vectors)?;
        Ok(())
    })
}

/// Rarity of keys among the stored statements (smoothed inverse document frequency).
struct Idf {
    statements: f64,
    frequency: HashMap<String, i64>,
}

impl Rarity for Idf {
    fn idf(&self, key: &str) -> f64 {
        let df = self.frequency.get(key).copied().unwrap_or(0) as f64;
        ((self.statements + 1.0) / (df + 1.0)).ln() + 1.0
    }
}

fn find_matches(
    conn: &mut DbConnection,
    article_id: ArticleId,
    lang: Lang,
    keyed: &[(StatementId, Vec<Key>)],
    meanings: &Meanings,
    now: NaiveDateTime,
) -> Result<Vec<MatchRow>, AppError> {
    let all: HashSet<&str> = keyed
        .iter()
        .flat_map(|(_, ks)| ks.iter().map(|k| k.id.as_str()))
        .collect();
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let all: Vec<&str> = all.into_iter().collect();
    let mut idf = Idf {
        statements: statement::total(conn)? as f64,
        frequency: index::frequencies(conn, &all)?,
    };
    // Candidates come through keys that few statements share; a key half the newsroom's
    // statements carry would bring them all and say little.
    let common = (idf.statements / 20.0).max(200.0) as i64;
    let rare: Vec<&str> = all
        .iter()
        .copied()
        .filter(|k| {
            let df = idf.frequency.get(*k).copied().unwrap_or(0);
            df > 0 && df <= common && !k.starts_with("n:")
        })
        .collect();
    // Keys many statements share (a wire story republished a hundred times) bring a sample of
    // their holders, so that the work per article stays bounded however often a text recurs.
    let (few, many): (Vec<&str>, Vec<&str>) = rare
        .iter()
        .partition(|k| idf.frequency.get(**k).copied().unwrap_or(0) <= SAMPLE);
    let mut holders: HashMap<String, Vec<StatementId>> = HashMap::new();
    for (key, id) in index::postings(conn, &few, article_id)? {
        holders.entry(key).or_default().push(id);
    }
    for key in many {
        holders.insert(
            key.to_string(),
            index::postings_sample(conn, key, article_id, SAMPLE)?,
        );
    }

    let mut shortlists: Vec<(StatementId, &[Key], Vec<StatementId>)> = Vec::new();
    let mut wanted: HashSet<StatementId> = HashSet::new();
    for (id, keys) in keyed {
        let mut overlap: HashMap<StatementId, f64> = HashMap::new();
        for key in keys {
            let Some(ids) = holders.get(&key.id) else {
                continue;
            };
            let w = idf.idf(&key.id);
            for other in ids {
                *overlap.entry(*other).or_default() += w * w;
            }
        }
        let mut ranked: Vec<(StatementId, f64)> = overlap.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranked.truncate(CANDIDATES);
        let list: Vec<StatementId> = ranked.into_iter().map(|(s, _)| s).collect();
        wanted.extend(list.iter().copied());
        shortlists.push((*id, keys.as_slice(), list));
    }
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: Vec<StatementId> = wanted.into_iter().collect();
    let their_keys = index::keys_of(conn, &wanted)?;
    let unknown: Vec<&str> = their_keys
        .values()
        .flatten()
        .map(String::as_str)
        .filter(|k| !idf.frequency.contains_key(*k))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let more = index::frequencies(conn, &unknown)?;
    idf.frequency.extend(more);
    let (their_meanings, languages): (HashMap<StatementId, Vec<f32>>, HashMap<_, _>) =
        if meanings.is_empty() {
            (HashMap::new(), HashMap::new())
        } else {
            (
                index::meanings_of(conn, &wanted)?
                    .into_iter()
                    .filter_map(|(id, bytes)| Some((id, matching::unpack(&bytes)?)))
                    .collect(),
                index::languages_of(conn, &wanted)?,
            )
        };

    let mut out = Vec::new();
    for (id, keys, candidates) in shortlists {
        let mut found: Vec<(StatementId, matching::Match)> =
            candidates
                .iter()
                .filter_map(|c| {
                    let theirs = their_keys.get(c)?;
                    let meaning = meanings.get(&id).zip(their_meanings.get(c)).map(|(a, b)| {
                        matching::Meaning {
                            cosine: matching::cosine(a, b),
                            across_languages: languages.get(c).is_some_and(|l| lang_of(l) != lang),
                        }
                    });
                    matching::score(keys, theirs, &idf, meaning).map(|m| (*c, m))
                })
                .collect();
        found.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
        found.truncate(MATCHES_KEPT);
        out.extend(found.into_iter().map(|(other, m)| MatchRow {
            statement_id: id,
            match_id: other,
            score: m.score,
            reason: m.reason,
            created_at: now,
            dismissed_by: None,
            dismissed_at: None,
        }));
    }
    Ok(out)
}

/// An earlier statement that makes the same claim, with what a reviewer needs to reuse it.
#[derive(Debug, Clone, Serialize)]
pub struct MatchView {
    /// The earlier statement.
    pub statement_id: StatementId,
    pub article_id: ArticleId,
    pub article_title: String,
    pub article_published_at: Option<NaiveDate>,
    /// 0 to 1, best first.
    pub score: f64,
    /// Why it matches ("same figure 24 year; same names Assad").
    pub reason: String,
    pub text: String,
    pub gloss_en: Option<String>,
    pub verdict: Verdict,
    pub note: String,
    pub sources: Vec<SourceRow>,
    /// Display name of who recorded its verdict, and when.
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
}

/// The open matches of a statement, best first (404 when the statement does not exist).
pub fn matches_of(conn: &mut DbConnection, id: StatementId) -> Result<Vec<MatchView>, AppError> {
    if statement::find(conn, id)?.is_none() {
        return Err(AppError::not_found("statement"));
    }
    Ok(matches_of_many(conn, &[id])?
        .remove(&id)
        .unwrap_or_default())
}

/// The open matches of several statements (an article's), each list best first.
pub fn matches_of_many(
    conn: &mut DbConnection,
    ids: &[StatementId],
) -> Result<HashMap<StatementId, Vec<MatchView>>, AppError> {
    let rows = index::open_matches(conn, ids)?;
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let other_ids: Vec<StatementId> = rows.iter().map(|r| r.match_id).collect();
    let others: HashMap<StatementId, StatementRow> = statement::find_many(conn, &other_ids)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let article_ids: Vec<ArticleId> = others.values().map(|s| s.article_id).collect();
    let articles: HashMap<ArticleId, ArticleSummaryRow> = article::summaries(conn, &article_ids)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut sources: HashMap<StatementId, Vec<SourceRow>> = HashMap::new();
    for s in source::for_statements(conn, &other_ids)? {
        sources.entry(s.statement_id).or_default().push(s);
    }
    let reviewer_ids: Vec<_> = others.values().filter_map(|s| s.reviewed_by).collect();
    let names: HashMap<_, _> = user::names(conn, &reviewer_ids)?
        .into_iter()
        .map(|(id, _, display)| (id, display))
        .collect();
    let mut out: HashMap<StatementId, Vec<MatchView>> = HashMap::new();
    for row in rows {
        let Some(other) = others.get(&row.match_id) else {
            continue;
        };
        let Some(article) = articles.get(&other.article_id) else {
            continue;
        };
        out.entry(row.statement_id).or_default().push(MatchView {
            statement_id: other.id,
            article_id: article.id,
            article_title: article.title.clone(),
            article_published_at: article.published_at,
            score: row.score,
            reason: row.reason,
            text: other.text.clone(),
            gloss_en: other.gloss_en.clone(),
            verdict: other.verdict,
            note: other.note.clone(),
            sources: sources.get(&other.id).cloned().unwrap_or_default(),
            reviewed_by: other.reviewed_by.and_then(|u| names.get(&u).cloned()),
            reviewed_at: other.reviewed_at,
        });
    }
    Ok(out)
}

/// A match's reason, stored in English ("same figure 24 year; similar meaning 0.89"), worded
/// for a reader of `lang`: each known part is translated, the names and figures it quotes
/// kept as they are.
pub fn word_reason(reason: &str, lang: Language) -> String {
    if lang == Language::En {
        return reason.to_string();
    }
    reason
        .split("; ")
        .map(|part| {
            let with = |key: &str, what: &str| lang.message_with(key, &[("what", what)]);
            if let Some(what) = part.strip_prefix("same figure ") {
                with("match-same-figure", what)
            } else if let Some(what) = part.strip_prefix("same names ") {
                with("match-same-names", what)
            } else if let Some(what) = part.strip_prefix("same words ") {
                with("match-same-words", what)
            } else if let Some(what) = part.strip_prefix("similar meaning ") {
                with("match-similar-meaning", &what.replace('.', ","))
            } else {
                match part {
                    "one says the opposite" => lang.message("match-opposite"),
                    "different figures" => lang.message("match-different-figures"),
                    "only one gives the figure" => lang.message("match-one-figure"),
                    other => other.to_string(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// Gives every match's reason in `lang` ([`word_reason`]).
pub fn word_reasons<'a>(matches: impl IntoIterator<Item = &'a mut MatchView>, lang: Language) {
    for m in matches {
        m.reason = word_reason(&m.reason, lang);
    }
}

/// Dismisses a match: it is no longer offered for this statement, and the audit trail says
/// who judged it was not the same claim. Reviewers and above; 404 when there is no such match.
/// Returns the statement's article.
pub fn dismiss(
    conn: &mut DbConnection,
    actor: &Actor,
    id: StatementId,
    match_id: StatementId,
) -> Result<ArticleId, AppError> {
    actor.require(Role::Reviewer, "dismiss matches")?;
    let user = actor
        .id
        .ok_or_else(|| AppError::rule("a match is dismissed by a user"))?;
    super::in_transaction(conn, |conn| {
        let found =
            index::find_match(conn, id, match_id)?.ok_or_else(|| AppError::not_found("match"))?;
        let article_id = statement::find(conn, id)?
            .ok_or_else(|| AppError::not_found("statement"))?
            .article_id;
        if found.dismissed_at.is_some() {
            return Ok(article_id);
        }
        index::dismiss(conn, id, match_id, user, db::now())?;
        let mut e = event(actor, "match.dismiss", "statement", id, Some(article_id));
        e.after = Some(json!({"match_id": match_id, "score": found.score, "reason": found.reason}));
        record(conn, e)?;
        Ok(article_id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_worded_for_a_french_reader() {
        let reason = "similar meaning 0.89; same figure 24 year; same names Assad, Moscou; only one gives the figure";
        assert_eq!(word_reason(reason, Language::En), reason);
        let fr = word_reason(reason, Language::Fr);
        assert!(
            fr.starts_with("sens proche 0,89 ; même chiffre 24 year ; mêmes noms Assad, Moscou"),
            "{fr}"
        );
        assert!(fr.ends_with("un seul donne le chiffre"), "{fr}");
    }
}
