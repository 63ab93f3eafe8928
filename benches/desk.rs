//! The desk's database work and reports, on a fresh SQLite file, each beside a trivial baseline
//! through the same path (so ratios can be compared across noisy runs):
//! - writes: recording a verdict (version check, update, audit event, search index, group
//!   commit) against a one-row setting written through the same writer;
//! - reads: an article with its statements, as the API answers it, against one setting read
//!   through the same reader pool;
//! - reports: an article of 96 reviewed statements rendered in every format, against the same
//!   view serialized as plain JSON by serde.
//!
//! `cargo bench --bench desk`

use std::hint::black_box;

use claimdesk::domain::{
    ArticleId, Language, NewArticle, Password, Role, StatementId, Username, Verdict,
};
use claimdesk::error::AppError;
use claimdesk::report::{self, Format};
use claimdesk::service::account::{create_user, NewUser};
use claimdesk::service::article::{prepare_article, store_article, Limits};
use claimdesk::service::query::load_article;
use claimdesk::service::report::{load_report, Publisher};
use claimdesk::service::review::set_two_person_rule;
use claimdesk::service::statement::{record_verdict, VerdictInput};
use claimdesk::service::Actor;
use claimdesk::storage::{setting, Database, DatabaseUrl};
use criterion::{criterion_group, criterion_main, Criterion};

/// An article of `n` short wire sentences, each a statement with a figure (written for this
/// benchmark).
fn article_body(n: usize) -> String {
    let places = ["Lyon", "Marseille", "Lille", "Nantes", "Rennes", "Dijon"];
    (0..n)
        .map(|i| {
            format!(
                "À {}, {} personnes ont manifesté jeudi selon la préfecture, soit {} % de plus qu'en {}.",
                places[i % places.len()],
                1_000 + 37 * i,
                3 + i % 17,
                1990 + i % 30
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A fresh database holding one article of `n` statements loaded by an editor: the database,
/// the article, its statements' ids, and the editor.
fn seeded(dir: &std::path::Path, n: usize) -> (Database, ArticleId, Vec<StatementId>, Actor) {
    let url = DatabaseUrl::parse(&dir.join("bench.db").to_string_lossy()).expect("url");
    let db = Database::open(&url).expect("open");
    let actor = editor(&db);
    let new = NewArticle {
        title: "Dépêche".into(),
        body: article_body(n),
        language: Some(Language::Fr),
        outlet: None,
        url: None,
        published_at: None,
    };
    let prepared = prepare_article(&actor, new, &Limits::default(), None).expect("prepare");
    let loader = actor.clone();
    let view = db
        .write(move |conn| store_article(conn, &loader, prepared))
        .expect("store");
    let ids = view.statements.iter().map(|s| s.id).collect();
    (db, view.id, ids, actor)
}

/// An editor account, created by the system, acting as itself.
fn editor(db: &Database) -> Actor {
    let username = Username::parse("bench-editor").expect("username");
    let password = Password::parse("bench-password-1234", &username).expect("password");
    let new = NewUser {
        username,
        display_name: "Bench editor".into(),
        role: Role::Editor,
        password,
    };
    let user = db
        .write(move |conn| create_user(conn, &Actor::system("bench"), new))
        .expect("editor");
    Actor::from(&user)
}

fn verdict(i: usize) -> VerdictInput {
    VerdictInput {
        verdict: Some([Verdict::Verified, Verdict::Disputed, Verdict::NeedsSource][i % 3]),
        note: Some(format!("checked against the prefecture's figures ({i})")),
        sources: None,
        reuse: None,
        version: None,
        correction_reason: None,
    }
}

fn writes(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, _, ids, actor) = seeded(dir.path(), 96);
    let mut g = c.benchmark_group("write");
    let mut i = 0usize;
    g.bench_function("baseline_one_setting", |b| {
        b.iter(|| {
            i += 1;
            let value = i.to_string();
            db.write(move |conn| -> Result<(), AppError> {
                Ok(setting::set(conn, "bench", &value)?)
            })
            .expect("write")
        })
    });
    g.bench_function("verdict", |b| {
        b.iter(|| {
            i += 1;
            let (id, actor, input) = (ids[i % ids.len()], actor.clone(), verdict(i));
            black_box(
                db.write(move |conn| record_verdict(conn, &actor, id, input))
                    .expect("verdict"),
            )
        })
    });
    g.finish();
}

fn reads(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, article, _, _) = seeded(dir.path(), 96);
    let mut g = c.benchmark_group("read");
    g.bench_function("baseline_one_setting", |b| {
        b.iter(|| {
            black_box(
                db.read(|conn| -> Result<_, AppError> {
                    Ok(setting::get(conn, "two_person_rule")?)
                })
                .expect("read"),
            )
        })
    });
    g.bench_function("article_96_statements", |b| {
        b.iter(|| black_box(db.read(|conn| load_article(conn, article)).expect("read")))
    });
    g.finish();
}

fn reports(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, article, ids, actor) = seeded(dir.path(), 96);
    // Verdicts final at once, so that every statement is in the ClaimReview export.
    db.write(|conn| set_two_person_rule(conn, &Actor::system("bench"), false))
        .expect("two-person rule off");
    for (i, &id) in ids.iter().enumerate() {
        let (actor, input) = (actor.clone(), verdict(i));
        db.write(move |conn| record_verdict(conn, &actor, id, input))
            .expect("verdict");
    }
    let publisher = Publisher {
        newsroom: "Bench newsroom".into(),
        base_url: "http://127.0.0.1:8080".into(),
        newsroom_url: None,
        language: None,
    };
    let view = db
        .read(|conn| load_report(conn, article, &publisher))
        .expect("report view");
    let mut g = c.benchmark_group("report_96_statements");
    g.sample_size(20);
    g.bench_function("baseline_serde_json", |b| {
        b.iter(|| black_box(serde_json::to_vec(black_box(&view)).expect("json")))
    });
    for (name, format) in [
        ("html", Format::Html),
        ("markdown", Format::Markdown),
        ("csv", Format::Csv),
        ("json", Format::Json),
        ("claimreview", Format::ClaimReview),
        ("pdf", Format::Pdf),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(report::render(black_box(&view), format).expect("render")))
        });
    }
    g.bench_function("load_view", |b| {
        b.iter(|| {
            black_box(
                db.read(|conn| load_report(conn, article, &publisher))
                    .expect("report view"),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, writes, reads, reports);
criterion_main!(benches);
