//! Pages for what the newsroom already knows: search across articles, the fact base, and
//! dismissing a match from the review page.

use super::{page, see_other, FormFields, PageError, PageUser};
use crate::domain::{FactId, Kind, StatementId, Verdict};
use crate::error::AppError;
use crate::service::fact::{self, NewFact};
use crate::service::matching;
use crate::service::search::{self, SearchRequest};
use crate::web::api::parse_id;
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/search", web::get().to(search_page))
        .route("/facts", web::get().to(facts_page))
        .route("/facts", web::post().to(add_fact))
        .route("/facts/{id}/delete", web::post().to(delete_fact))
        .route(
            "/statements/{id}/matches/{match_id}/dismiss",
            web::post().to(dismiss_match),
        );
}

/// A field of the search form: empty means "any"; a value that does not parse is reported on
/// the page rather than refused with an error page.
fn optional<T: std::str::FromStr>(
    raw: Option<&String>,
    what: &str,
    problems: &mut Vec<String>,
) -> Option<T> {
    let raw = raw.map(|s| s.trim()).filter(|s| !s.is_empty())?;
    match raw.parse() {
        Ok(v) => Some(v),
        Err(_) => {
            problems.push(format!("{what}: {raw:?}?"));
            None
        }
    }
}

async fn search_page(
    state: web::Data<AppState>,
    user: PageUser,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, PageError> {
    let mut form = query.into_inner();
    for field in ["q", "verdict", "kind", "from", "to", "reviewer"] {
        form.entry(field.to_string()).or_default();
    }
    let mut problems = Vec::new();
    let request = SearchRequest {
        q: form.get("q").cloned().unwrap_or_default(),
        verdict: optional::<Verdict>(form.get("verdict"), "verdict", &mut problems),
        kind: optional::<Kind>(form.get("kind"), "kind", &mut problems),
        from: optional(form.get("from"), "from", &mut problems),
        to: optional(form.get("to"), "to", &mut problems),
        reviewer: form
            .get("reviewer")
            .cloned()
            .filter(|r| !r.trim().is_empty()),
        limit: Some(200),
    };
    let searched = !request.q.trim().is_empty();
    let hits = if searched {
        let req = request.clone();
        match state
            .read(move |conn| search::search_statements(conn, &req))
            .await
        {
            Ok(hits) => hits,
            Err(AppError::Rule(message)) => {
                problems.push(message);
                Vec::new()
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        Vec::new()
    };
    let mut ctx = user.context();
    ctx.insert("search_q", &request.q);
    ctx.insert("form", &form);
    ctx.insert("searched", &searched);
    ctx.insert("hits", &hits);
    ctx.insert("problems", &problems);
    ctx.insert("kinds", &Kind::ALL.map(Kind::as_str));
    ctx.insert(
        "verdict_names",
        &["verified", "disputed", "needs_source", "unreviewed"],
    );
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(status, "search.html", &ctx)
}

async fn render_facts(
    state: &AppState,
    user: &PageUser,
    status: StatusCode,
    problem: Option<String>,
    form: HashMap<String, String>,
) -> Result<HttpResponse, PageError> {
    let facts = state.read(fact::list_facts).await?;
    let mut ctx = user.context();
    ctx.insert("facts", &facts);
    ctx.insert("problem", &problem);
    ctx.insert("form", &form);
    page(status, "facts.html", &ctx)
}

async fn facts_page(state: web::Data<AppState>, user: PageUser) -> Result<HttpResponse, PageError> {
    render_facts(&state, &user, StatusCode::OK, None, HashMap::new()).await
}

async fn add_fact(
    state: web::Data<AppState>,
    user: PageUser,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let fields = FormFields::parse(&body);
    fields.check_csrf(&user.0)?;
    let text = |name: &str| fields.get(name).unwrap_or_default().trim().to_string();
    let form: HashMap<String, String> = [
        "subject",
        "aliases",
        "attribute",
        "value",
        "unit",
        "date",
        "source_url",
    ]
    .iter()
    .map(|k| (k.to_string(), text(k)))
    .collect();
    let parsed = (|| -> Result<NewFact, AppError> {
        let number = |name: &str| -> Result<Option<f64>, AppError> {
            match text(name).replace([' ', '\u{a0}'], "").replace(',', ".") {
                s if s.is_empty() => Ok(None),
                s => s
                    .parse()
                    .map(Some)
                    .map_err(|_| AppError::rule(format!("{name}: {s:?} is not a number"))),
            }
        };
        let date = match text("date") {
            d if d.is_empty() => None,
            d => Some(
                d.parse()
                    .map_err(|_| AppError::rule(format!("date: {d:?} is not a day")))?,
            ),
        };
        Ok(NewFact {
            subject: text("subject"),
            aliases: Some(
                text("aliases")
                    .split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            attribute: text("attribute"),
            value: number("value")?,
            unit: Some(text("unit")),
            date,
            source_url: text("source_url"),
        })
    })();
    let actor = user.0.actor();
    let outcome = match parsed {
        Ok(new) => {
            state
                .write(move |conn| fact::create_fact(conn, &actor, new))
                .await
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => Ok(see_other("/facts")),
        Err(AppError::Rule(message)) => {
            render_facts(
                &state,
                &user,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(message),
                form,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn delete_fact(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    FormFields::parse(&body).check_csrf(&user.0)?;
    let id: FactId = parse_id(&path, "fact")?;
    let actor = user.0.actor();
    state
        .write(move |conn| fact::delete_fact(conn, &actor, id))
        .await?;
    Ok(see_other("/facts"))
}

async fn dismiss_match(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    FormFields::parse(&body).check_csrf(&user.0)?;
    let (id, match_id) = path.into_inner();
    let id: StatementId = parse_id(&id, "statement")?;
    let match_id: StatementId = parse_id(&match_id, "statement")?;
    let actor = user.0.actor();
    let article = state
        .write(move |conn| matching::dismiss(conn, &actor, id, match_id))
        .await?;
    Ok(see_other(&format!(
        "/articles/{article}?selected={id}#verdict-panel"
    )))
}
