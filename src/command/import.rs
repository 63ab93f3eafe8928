//! `claimdesk import PATH...`: bulk loading of .txt, .md and .html files, folders of them, JSON
//! Lines files of articles, and RSS/Atom feed files. A bad file is reported and skipped; an
//! article loaded before (same body or same URL) is not stored twice.

use crate::domain::NewArticle;
use crate::encoder::SentenceEncoder;
use crate::ingest;
use crate::service::article::{import_articles, prepare_imports, Imported};
use crate::service::Actor;
use crate::storage::Database;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// One article to import, or why a file or line could not give one.
struct Item {
    origin: String,
    article: Result<NewArticle, String>,
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub imported: usize,
    pub duplicates: usize,
    pub failed: usize,
    pub statements: usize,
}

/// Articles stored per transaction: far fewer commits than one per article, while a
/// database error costs at most this many.
const BATCH: usize = 50;

/// File extensions read when a folder is given.
const KNOWN: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "jsonl", "ndjson", "xml", "rss", "atom",
];

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The files named on the command line, folders walked recursively in name order.
fn files(paths: &[String], report: &mut impl FnMut(String)) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        let path = PathBuf::from(p);
        if path.is_dir() {
            walk(&path, &mut out, report);
        } else if path.exists() {
            out.push(path);
        } else {
            report(format!("{p}: no such file or folder"));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, report: &mut impl FnMut(String)) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return report(format!("{}: {e}", dir.display())),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, out, report);
        } else if KNOWN.contains(&extension(&path).as_str()) {
            out.push(path);
        }
    }
}

#[derive(serde::Deserialize)]
struct JsonArticle {
    #[serde(default)]
    title: Option<String>,
    body: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

fn is_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
}

/// The articles a file holds.
fn items_of(path: &Path) -> Vec<Item> {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return vec![Item {
                origin: name,
                article: Err(format!("cannot read: {e}")),
            }]
        }
    };
    let ext = extension(path);
    if matches!(ext.as_str(), "jsonl" | "ndjson") {
        return json_lines(&name, &bytes);
    }
    if matches!(ext.as_str(), "xml" | "rss" | "atom") || (ext != "html" && is_feed(&bytes)) {
        return match ingest::feed::articles(&bytes) {
            Ok(list) => list
                .into_iter()
                .enumerate()
                .map(|(i, article)| Item {
                    origin: format!("{name} entry {}", i + 1),
                    article,
                })
                .collect(),
            Err(e) => vec![Item {
                origin: name,
                article: Err(e),
            }],
        };
    }
    let article = ingest::read_document(&name, &bytes).and_then(|doc| {
        NewArticle::parse(doc.title.as_deref(), doc.body, None, None, None, None)
            .map_err(|e| e.to_string())
    });
    vec![Item {
        origin: name,
        article,
    }]
}

fn json_lines(name: &str, bytes: &[u8]) -> Vec<Item> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return vec![Item {
                origin: name.to_string(),
                article: Err(format!(
                    "not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                )),
            }]
        }
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| Item {
            origin: format!("{name} line {}", i + 1),
            article: serde_json::from_str::<JsonArticle>(line)
                .map_err(|e| format!("not an article object: {e}"))
                .and_then(|a| {
                    NewArticle::parse(
                        a.title.as_deref(),
                        a.body,
                        a.language.as_deref(),
                        a.outlet.as_deref(),
                        a.url.as_deref(),
                        a.published_at.as_deref(),
                    )
                    .map_err(|e| e.to_string())
                }),
        })
        .collect()
}

/// Imports everything under `paths` as `actor` (statements given meaning vectors when the
/// `encoder` is installed). Shows a progress bar on a terminal, and a plain line per article
/// otherwise.
pub fn run(
    db: &Database,
    actor: &Actor,
    paths: &[String],
    encoder: Option<&SentenceEncoder>,
) -> anyhow::Result<Summary> {
    let terminal = std::io::stderr().is_terminal();
    let mut summary = Summary::default();
    let mut problems = Vec::new();
    let files = files(paths, &mut |p| problems.push(p));
    let items: Vec<Item> = files.iter().flat_map(|f| items_of(f)).collect();
    let bar = if terminal {
        let bar = ProgressBar::new(items.len() as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} articles ({per_sec}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let say = |bar: &ProgressBar, line: String| {
        if terminal {
            bar.println(line);
        } else {
            println!("{line}");
        }
    };
    for p in problems.drain(..) {
        summary.failed += 1;
        say(&bar, format!("error: {p}"));
    }
    let mut batch: Vec<(String, NewArticle)> = Vec::with_capacity(BATCH);
    let mut items = items.into_iter().peekable();
    while let Some(item) = items.next() {
        match item.article {
            Ok(article) => batch.push((item.origin, article)),
            Err(e) => {
                summary.failed += 1;
                say(&bar, format!("error: {}: {e}", item.origin));
                bar.inc(1);
            }
        }
        if batch.len() < BATCH && items.peek().is_some() {
            continue;
        }
        let (origins, articles): (Vec<String>, Vec<NewArticle>) = batch.drain(..).unzip();
        let count = origins.len();
        let stored = prepare_imports(actor, articles, encoder).and_then(|prepared| {
            let actor = actor.clone();
            db.write(move |conn| import_articles(conn, &actor, &prepared))
        });
        match stored {
            Ok(outcomes) => {
                for (origin, outcome) in origins.iter().zip(outcomes) {
                    match outcome {
                        Imported::Created { id, statements } => {
                            summary.imported += 1;
                            summary.statements += statements;
                            if !terminal {
                                say(
                                    &bar,
                                    format!("imported {origin}: {id} ({statements} statements)"),
                                );
                            }
                        }
                        Imported::Duplicate { id } => {
                            summary.duplicates += 1;
                            if !terminal {
                                say(&bar, format!("skipped {origin}: already loaded as {id}"));
                            }
                        }
                    }
                }
            }
            Err(e) => {
                summary.failed += count;
                for origin in &origins {
                    say(&bar, format!("error: {origin}: {}", e.public_message()));
                }
            }
        }
        bar.inc(count as u64);
    }
    bar.finish_and_clear();
    Ok(summary)
}

/// `claimdesk import PATH... [--user EDITOR]`: exit 1 when some file or line failed.
pub fn run_command(
    database: &str,
    paths: &[String],
    user: &str,
) -> anyhow::Result<std::process::ExitCode> {
    let db = super::open_database(database)?;
    let found = db.read(|conn| crate::service::account::active_user_named(conn, user))?;
    let user_view =
        found.ok_or_else(|| anyhow::anyhow!("no active user named {user:?} (use --user NAME)"))?;
    let actor = Actor::from(&user_view);
    actor.require(crate::domain::Role::Editor, "load articles")?;
    let started = std::time::Instant::now();
    let encoder = crate::config::load_encoder()?;
    let summary = run(&db, &actor, paths, encoder.as_ref())?;
    println!(
        "imported {} articles ({} statements), {} already there, {} failed, in {:.1} s",
        summary.imported,
        summary.statements,
        summary.duplicates,
        summary.failed,
        started.elapsed().as_secs_f64()
    );
    Ok(if summary.failed > 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    })
}
