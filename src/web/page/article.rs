//! Article pages: the list, loading one (paste or upload), the review page, deletion, and
//! marking a statement by hand from a selection.

use super::{page as page_response, see_other, FormFields, PageError, PageUser};
use crate::domain::{
    Approval, ArticleId, ArticleStatus, Kind, NewArticle, Role, StatementId, Verdict,
};
use crate::error::AppError;
use crate::ingest;
use crate::service::statement::{self as statements, ManualStatement};
use crate::service::{article, fact, matching, query, review, Actor};
use crate::view::{ArticleView, StatementView};
use crate::web::api::parse_id;
use crate::web::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use serde::Serialize;
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/articles", web::get().to(list_page))
        .route("/articles/new", web::get().to(new_article_form))
        .route("/articles/new", web::post().to(create_article))
        .route("/articles/{id}", web::get().to(article_page))
        .route("/articles/{id}/delete", web::post().to(delete_article))
        .route("/articles/{id}/statements", web::post().to(add_statement));
}

async fn list_page(state: web::Data<AppState>, user: PageUser) -> Result<HttpResponse, PageError> {
    let articles = state.read(|conn| query::list_articles(conn, 200)).await?;
    let mut ctx = user.context();
    ctx.insert("articles", &articles);
    page_response(StatusCode::OK, "articles.html", &ctx)
}

async fn new_article_form(user: PageUser) -> Result<HttpResponse, PageError> {
    user.0.actor().require(Role::Editor, "load articles")?;
    page_response(StatusCode::OK, "article_new.html", &user.context())
}

/// Largest upload accepted by the form, in bytes.
const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// Text fields and the uploaded file (name, bytes) of a multipart form.
async fn read_multipart(
    mut payload: Multipart,
) -> Result<(HashMap<String, String>, Option<(String, Vec<u8>)>), AppError> {
    let mut fields = HashMap::new();
    let mut file = None;
    let mut total = 0usize;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| AppError::validation(format!("bad upload: {e}")))?;
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_string);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| AppError::validation(format!("bad upload: {e}")))?;
            total += chunk.len();
            if total > UPLOAD_LIMIT {
                return Err(AppError::TooLarge(format!(
                    "the upload exceeds {} MB",
                    UPLOAD_LIMIT / (1024 * 1024)
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        match file_name {
            Some(fname) if name == "file" => {
                if !bytes.is_empty() {
                    file = Some((fname, bytes));
                }
            }
            _ => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| AppError::validation(format!("the field {name} is not UTF-8")))?;
                fields.insert(name, text);
            }
        }
    }
    Ok((fields, file))
}

fn new_article_from(
    fields: &HashMap<String, String>,
    file: Option<(String, Vec<u8>)>,
) -> Result<NewArticle, AppError> {
    let get = |k: &str| fields.get(k).map(String::as_str);
    let (doc_title, body) = match file {
        Some((name, bytes)) => {
            let doc = ingest::read_document(&name, &bytes).map_err(AppError::Validation)?;
            (doc.title, doc.body)
        }
        None => (None, get("body").unwrap_or_default().to_string()),
    };
    let title = get("title")
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
        .or(doc_title);
    Ok(NewArticle::parse(
        title.as_deref(),
        body,
        get("language"),
        get("outlet"),
        get("url"),
        get("published_at"),
    )?)
}

async fn create_article(
    state: web::Data<AppState>,
    user: PageUser,
    payload: Multipart,
) -> Result<HttpResponse, PageError> {
    let actor = user.0.actor();
    let (fields, file) = read_multipart(payload).await?;
    user.0
        .check_csrf(fields.get("csrf_token").map(String::as_str))?;
    let new = match new_article_from(&fields, file) {
        Ok(new) => new,
        Err(e @ (AppError::Validation(_) | AppError::Rule(_))) => {
            let status = actix_web::ResponseError::status_code(&e);
            let mut ctx = user.context();
            ctx.insert("error", &e.public_message());
            ctx.insert("form", &fields);
            return page_response(status, "article_new.html", &ctx);
        }
        Err(other) => return Err(other.into()),
    };
    let limits = state.settings.limits;
    let prepared = {
        let actor = actor.clone();
        let encoder = state.encoder.clone();
        web::block(move || article::prepare_article(&actor, new, &limits, encoder.as_deref()))
            .await
            .map_err(AppError::from)??
    };
    let created = state
        .write(move |conn| article::store_article(conn, &actor, prepared))
        .await?;
    Ok(see_other(&format!("/articles/{}", created.id)))
}

/// A run of the article body with the statement that covers it (the shortest, when nested).
#[derive(Debug, Serialize)]
struct Segment<'a> {
    start: usize,
    text: &'a str,
    statement: Option<String>,
    verdict: Option<&'static str>,
}

/// Cuts the body at every statement boundary. A sweep over the statements in start order keeps
/// only those covering the current position, so long articles with thousands of statements
/// stay fast (statements rarely overlap much).
fn segments(article: &ArticleView) -> Vec<Segment<'_>> {
    let body = article.body.as_str();
    let mut cuts: Vec<usize> = vec![0, body.len()];
    for s in &article.statements {
        cuts.extend([s.start, s.end]);
    }
    cuts.retain(|&c| c <= body.len() && body.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut by_start: Vec<&StatementView> = article.statements.iter().collect();
    by_start.sort_by_key(|s| s.start);
    let mut next = 0;
    let mut active: Vec<&StatementView> = Vec::new();
    cuts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            while next < by_start.len() && by_start[next].start <= a {
                active.push(by_start[next]);
                next += 1;
            }
            active.retain(|s| s.end > a);
            let cover = active
                .iter()
                .filter(|s| s.end >= b)
                .min_by_key(|s| s.end - s.start);
            Segment {
                start: a,
                text: &body[a..b],
                statement: cover.map(|s| s.id.to_string()),
                verdict: cover.map(|s| s.verdict.as_str()),
            }
        })
        .collect()
}

/// What a review page shows besides the article itself: which statement the panel is on, the
/// page of the statement list, a banner, and the visitor's own input after a refused write.
#[derive(Debug, Default)]
pub struct ReviewState {
    pub selected: Option<StatementId>,
    pub page: Option<usize>,
    pub banner: Option<String>,
    /// What the visitor typed, shown again in the panel (after a conflict or an invalid form).
    pub draft: Option<Draft>,
    /// The statement as it now stands, when the visitor's write was refused as stale.
    pub stale: bool,
}

/// A verdict form's content as typed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Draft {
    pub verdict: String,
    pub note: String,
    pub sources: Vec<DraftSource>,
}

/// One source row of a verdict form as typed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DraftSource {
    pub url: String,
    pub title: String,
    pub excerpt: String,
}

/// After a failed form post, the article page again with the reason and the failure's status,
/// the panel on the statement concerned and what the visitor typed; errors that are not the
/// person's to fix become an error page.
pub async fn show_failure(
    state: &AppState,
    user: &PageUser,
    article_id: ArticleId,
    error: AppError,
    mut review: ReviewState,
) -> Result<HttpResponse, PageError> {
    let banner = match &error {
        AppError::Stale(_) => "Someone else changed this statement since you loaded the page; \
            your change was not saved. Your input is kept below, beside their version."
            .to_string(),
        AppError::Conflict(_)
        | AppError::Validation(_)
        | AppError::Rule(_)
        | AppError::Forbidden(_) => {
            format!("Not saved: {}", error.public_message())
        }
        _ => return Err(error.into()),
    };
    review.stale = matches!(error, AppError::Stale(_));
    review.banner = Some(banner);
    let status = actix_web::ResponseError::status_code(&error);
    render_article(state, user, article_id, status, review).await
}

/// How many statement cards one page of the review screen shows.
pub const PAGE_SIZE: usize = 200;

/// One card of the statement list.
#[derive(Serialize)]
struct Card<'a> {
    statement: &'a StatementView,
    /// The visitor may approve or reject its pending verdict (not their own).
    approvable: bool,
    /// How many earlier statements make the same claim (not dismissed).
    matches: usize,
    /// What the fact base says of it: "consistent", "inconsistent", or "" when nothing.
    fact_outcome: &'static str,
}

/// A verdict of the panel with its key.
#[derive(Serialize)]
struct VerdictChoice {
    verdict: Verdict,
    label: &'static str,
    definition: &'static str,
    key: &'static str,
}

fn verdict_choices(lang: crate::i18n::Language) -> Vec<VerdictChoice> {
    let lang = match lang {
        crate::i18n::Language::Fr => crate::extract::Lang::Fr,
        crate::i18n::Language::En => crate::extract::Lang::En,
    };
    [
        (Verdict::Verified, "v"),
        (Verdict::Disputed, "d"),
        (Verdict::NeedsSource, "n"),
    ]
    .into_iter()
    .map(|(v, key)| VerdictChoice {
        verdict: v,
        label: crate::report::verdict_label(v, lang),
        definition: crate::report::verdict_definition(v, lang),
        key,
    })
    .collect()
}

/// The messages the review page's script shows (`templates/static/app.js`), in the page's
/// language.
const SCRIPT_MESSAGES: &[&str] = &[
    "approval-approved",
    "approval-pending",
    "js-also-here",
    "js-approved",
    "js-by",
    "js-changed-by",
    "js-changed-while-editing",
    "js-choose",
    "js-conflict",
    "js-conflict-hint",
    "js-conflict-kept",
    "js-conflict-take",
    "js-conflict-version",
    "js-needs-reason",
    "js-not-approved",
    "js-not-saved",
    "js-not-saved-plain",
    "js-nothing-to-approve",
    "js-offline",
    "js-placeholder-excerpt",
    "js-placeholder-title",
    "js-reused",
    "js-dismissed",
    "fact-consistent",
    "fact-inconsistent",
    "match-in",
    "match-reuse",
    "match-dismiss",
    "js-saved",
    "js-saved-pending",
    "js-saving",
    "js-source-excerpt",
    "js-source-title",
    "js-source-url",
    "js-statement-added",
    "verdict-disputed",
    "verdict-needs_source",
    "verdict-unreviewed",
    "verdict-verified",
];

/// Renders the review page of an article.
pub async fn render_article(
    state: &AppState,
    user: &PageUser,
    id: ArticleId,
    status: StatusCode,
    review: ReviewState,
) -> Result<HttpResponse, PageError> {
    let lang = user.1;
    let (article, reviewers, two_person_rule, matches, checks) = state
        .read(move |conn| {
            let page = query::article_page(conn, id)?;
            let rule = review::two_person_rule(conn)?;
            let ids: Vec<StatementId> = page.article.statements.iter().map(|s| s.id).collect();
            let mut matches = matching::matches_of_many(conn, &ids)?;
            matching::word_reasons(matches.values_mut().flatten(), lang);
            let checks = fact::checks_for_article(conn, &page.article, lang)?;
            Ok((page.article, page.assignable, rule, matches, checks))
        })
        .await?;
    let me = user.0.user.id;
    let total = article.statements.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let selected_index = review
        .selected
        .and_then(|sid| article.statements.iter().position(|s| s.id == sid));
    let page = match (selected_index, review.page) {
        (Some(i), _) => i / PAGE_SIZE + 1,
        (None, Some(p)) => p.clamp(1, pages),
        (None, None) => 1,
    };
    let first = (page - 1) * PAGE_SIZE;
    let on_page = &article.statements[first.min(total)..(first + PAGE_SIZE).min(total)];
    // Without a choice, the panel opens on the first statement of the page that needs work.
    let sel_index = selected_index.or_else(|| {
        on_page
            .iter()
            .position(|s| s.verdict == Verdict::Unreviewed || s.approval == Approval::Rejected)
            .or((!on_page.is_empty()).then_some(0))
            .map(|i| first + i)
    });
    let approvable = |s: &StatementView| {
        s.approval == Approval::Pending
            && s.reviewed_by_id.is_some()
            && s.reviewed_by_id != Some(me)
    };
    let cards: Vec<Card> = on_page
        .iter()
        .map(|s| Card {
            statement: s,
            approvable: approvable(s),
            matches: matches.get(&s.id).map_or(0, Vec::len),
            fact_outcome: match checks.get(&s.id) {
                None => "",
                Some(c) if c.iter().any(|c| c.outcome == fact::Outcome::Inconsistent) => {
                    "inconsistent"
                }
                Some(_) => "consistent",
            },
        })
        .collect();
    let sel = sel_index.map(|i| &article.statements[i]);
    let draft = review.draft.clone();
    let mut panel_sources: Vec<DraftSource> = match (&draft, sel) {
        (Some(d), _) => d.sources.clone(),
        (None, Some(s)) => s
            .sources
            .iter()
            .map(|src| DraftSource {
                url: src.url.clone(),
                title: src.title.clone().unwrap_or_default(),
                excerpt: src.excerpt.clone().unwrap_or_default(),
            })
            .collect(),
        (None, None) => Vec::new(),
    };
    panel_sources.push(DraftSource::default());
    let mut ctx = user.context();
    ctx.insert("reviewers", &reviewers);
    ctx.insert("two_person_rule", &two_person_rule);
    ctx.insert("signed_off", &(article.status == ArticleStatus::SignedOff));
    ctx.insert("segments", &segments(&article));
    ctx.insert("total", &total);
    ctx.insert("page", &page);
    ctx.insert("pages", &pages);
    ctx.insert("page_size", &PAGE_SIZE);
    ctx.insert("page_start", &(first + 1));
    ctx.insert("page_end", &(first + on_page.len()));
    ctx.insert("any_approvable", &cards.iter().any(|c| c.approvable));
    ctx.insert("cards", &cards);
    ctx.insert("sel", &sel);
    let no_matches = Vec::new();
    let no_checks = Vec::new();
    ctx.insert(
        "sel_matches",
        sel.and_then(|s| matches.get(&s.id)).unwrap_or(&no_matches),
    );
    ctx.insert(
        "sel_checks",
        sel.and_then(|s| checks.get(&s.id)).unwrap_or(&no_checks),
    );
    ctx.insert("sel_index", &sel_index.map(|i| i + 1));
    ctx.insert("sel_approvable", &sel.is_some_and(approvable));
    ctx.insert("conflict", &sel.filter(|_| review.stale));
    ctx.insert("draft", &draft);
    ctx.insert("panel_sources", &panel_sources);
    ctx.insert("banner", &review.banner);
    ctx.insert("verdicts", &verdict_choices(user.1));
    ctx.insert("js_messages", &user.1.messages(SCRIPT_MESSAGES));
    ctx.insert("kinds", &Kind::ALL.map(Kind::as_str));
    ctx.insert("article", &article);
    page_response(status, "article.html", &ctx)
}

/// Which statement the review page opens on, and which page of the list.
#[derive(serde::Deserialize)]
pub struct ReviewQuery {
    #[serde(default)]
    selected: Option<String>,
    #[serde(default)]
    page: Option<usize>,
}

async fn article_page(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    query: web::Query<ReviewQuery>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path, "article")?;
    let review = ReviewState {
        selected: query.selected.as_deref().and_then(|s| s.parse().ok()),
        page: query.page,
        ..ReviewState::default()
    };
    render_article(&state, &user, id, StatusCode::OK, review).await
}

async fn delete_article(
    state: web::Data<AppState>,
    PageUser(me, _): PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    FormFields::parse(&body).check_csrf(&me)?;
    let actor: Actor = me.actor();
    let id = parse_id(&path, "article")?;
    state
        .write(move |conn| article::delete_article(conn, &actor, id))
        .await?;
    Ok(see_other("/articles"))
}

async fn add_statement(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    form.check_csrf(&user.0)?;
    let actor = user.0.actor();
    let id = parse_id(&path, "article")?;
    let number = |k: &str| -> Result<i64, AppError> {
        form.get(k)
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| AppError::validation("select a passage of the text first"))
    };
    let kind = match form.get("kind").map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => Some(k.parse::<Kind>().map_err(AppError::Validation)?),
        None => None,
    };
    let input = ManualStatement {
        start: number("start")?,
        end: number("end")?,
        kind,
        note: form.get("note").map(str::to_string),
        correction_reason: form.get("correction_reason").map(str::to_string),
    };
    let encoder = state.encoder.clone();
    let created = state
        .write(move |conn| statements::add_manual(conn, &actor, id, input, encoder.as_deref()))
        .await?;
    Ok(see_other(&format!(
        "/articles/{id}#statement-{}",
        created.id
    )))
}

#[cfg(test)]
mod tests {
    use super::SCRIPT_MESSAGES;

    #[test]
    fn the_page_sends_every_message_its_script_shows() {
        let script = include_str!("../../../templates/static/app.js");
        let pattern = regex::Regex::new(r#"msg\("([a-z0-9_-]+)""#).unwrap();
        let missing: Vec<&str> = pattern
            .captures_iter(script)
            .map(|c| c.get(1).unwrap().as_str())
            .filter(|k| !SCRIPT_MESSAGES.contains(k))
            .collect();
        assert!(missing.is_empty(), "add to SCRIPT_MESSAGES: {missing:?}");
    }
}
