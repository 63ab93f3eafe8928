//! Measures claim matching against hand-marked pairs: loads articles into a fresh SQLite
//! database (in the given order, so later ones are matched against earlier ones), then, for
//! every pair `{"a": {doc, anchor}, "b": {doc, anchor}}`, finds the rank of a's statement in the
//! matches listed for b's statement, and how many of the matches listed for the statements of
//! the pairs' `b` documents are marked pairs.
//!
//! `cargo run --release --example match_pairs -- PAIRS.jsonl FILE...`
//! (the seeds: `../shared/gold/seeds.pairs.jsonl ../shared/corpus/000_*.txt ../shared/corpus/001_*.txt`)
//!
//! `cargo run --release --example match_pairs -- --translations tests/fixtures/translation_pairs.jsonl`:
//! the same measure on sentences and their translations (`{"fr", "en"}` per line), loaded as one
//! French article and then one English article, every pair marked.

use claimdesk::domain::{NewArticle, Password, Role, Username};
use claimdesk::service::account::{create_user, NewUser};
use claimdesk::service::article::{prepare_article, store_article, Limits};
use claimdesk::service::{matching, Actor};
use claimdesk::storage::{Database, DatabaseUrl};
use claimdesk::view::StatementView;
use std::collections::HashMap;
use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(mut pairs), mut files) = (args.next(), args.collect::<Vec<_>>()) else {
        eprintln!(
            "usage: match_pairs PAIRS.jsonl FILE... | match_pairs --translations PAIRS.jsonl"
        );
        std::process::exit(2);
    };
    let dir = tempfile::tempdir().expect("temp dir");
    if pairs == "--translations" {
        (pairs, files) = translation_articles(&files[0], dir.path());
    }
    let url = DatabaseUrl::parse(&dir.path().join("m.db").to_string_lossy()).expect("url");
    let db = Database::open(&url).expect("open");
    // The sentence encoder when installed (CLAIMDESK_ENCODER or ./encoder).
    let encoder = claimdesk::config::load_encoder().expect("the sentence encoder");
    println!(
        "sentence encoder: {}",
        encoder.as_ref().map_or("not installed".to_string(), |e| e
            .dir()
            .display()
            .to_string())
    );
    let system = Actor::system("match_pairs");
    let username = Username::parse("editor").expect("name");
    let editor = db
        .write(move |conn| {
            create_user(
                conn,
                &system,
                NewUser {
                    username: username.clone(),
                    display_name: "Editor".into(),
                    role: Role::Editor,
                    password: Password::parse("correct horse battery", &username)
                        .expect("password"),
                },
            )
        })
        .expect("user");
    let actor = Actor::from(&editor);

    let mut statements: HashMap<String, Vec<StatementView>> = HashMap::new();
    for file in &files {
        let body = std::fs::read_to_string(file).expect("read article");
        let name = Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let new = NewArticle::parse(None, body, None, None, None, None).expect("article");
        let prepared =
            prepare_article(&actor, new, &Limits::default(), encoder.as_ref()).expect("prepare");
        let loader = actor.clone();
        let stored = db
            .write(move |conn| store_article(conn, &loader, prepared))
            .expect("store");
        statements.insert(name, stored.statements);
    }

    let holding = |doc: &str, anchor: &str| -> Option<&StatementView> {
        statements.get(doc)?.iter().find(|s| {
            s.text.contains(anchor) || anchor.contains(&s.text) && s.text.len() * 2 > anchor.len()
        })
    };
    let mut found_top3 = 0;
    let mut pairs_total = 0;
    let mut gold: Vec<(String, String)> = Vec::new();
    let mut b_docs: Vec<String> = Vec::new();
    for line in std::fs::read_to_string(&pairs).expect("pairs").lines() {
        let p: serde_json::Value = serde_json::from_str(line).expect("pair JSON");
        let (a_doc, a_anchor) = (
            p["a"]["doc"].as_str().unwrap(),
            p["a"]["anchor"].as_str().unwrap(),
        );
        let (b_doc, b_anchor) = (
            p["b"]["doc"].as_str().unwrap(),
            p["b"]["anchor"].as_str().unwrap(),
        );
        pairs_total += 1;
        if !b_docs.contains(&b_doc.to_string()) {
            b_docs.push(b_doc.to_string());
        }
        let (Some(a), Some(b)) = (holding(a_doc, a_anchor), holding(b_doc, b_anchor)) else {
            println!("pair {pairs_total}: a statement is missing ({a_anchor:?} / {b_anchor:?})");
            continue;
        };
        gold.push((a.id.to_string(), b.id.to_string()));
        let matches = db
            .read(|conn| matching::matches_of(conn, b.id))
            .expect("matches");
        let rank = matches.iter().position(|m| m.statement_id == a.id);
        println!(
            "pair {pairs_total}: rank {} of {} ({b_anchor:?} -> {a_anchor:?})",
            rank.map_or("-".to_string(), |r| (r + 1).to_string()),
            matches.len()
        );
        if rank.is_some_and(|r| r < 3) {
            found_top3 += 1;
        }
    }
    let mut listed = 0;
    let mut listed_gold = 0;
    for doc in &b_docs {
        for s in statements.get(doc).into_iter().flatten() {
            let matches = db
                .read(|conn| matching::matches_of(conn, s.id))
                .expect("matches");
            for m in matches {
                listed += 1;
                let is_gold = gold
                    .iter()
                    .any(|(a, b)| *a == m.statement_id.to_string() && *b == s.id.to_string());
                listed_gold += usize::from(is_gold);
                println!(
                    "  {} {:.3} {:?} -> {:?} [{}]",
                    if is_gold { "GOLD" } else { "    " },
                    m.score,
                    truncate(&s.text),
                    truncate(&m.text),
                    m.reason
                );
            }
        }
    }
    println!("pairs matched in the top 3: {found_top3}/{pairs_total}");
    println!(
        "matches listed for the second documents that are marked pairs: {listed_gold}/{listed} ({:.0} %)",
        100.0 * listed_gold as f64 / listed.max(1) as f64
    );
}

/// Writes the sentences of `{"fr", "en"}` lines as a French and an English article, and the
/// pairs between them in the seeds' format; returns the pairs file and the two articles.
fn translation_articles(path: &str, dir: &Path) -> (String, Vec<String>) {
    let mut fr = Vec::new();
    let mut en = Vec::new();
    let mut pairs = String::new();
    let anchor = |s: &str| s.trim().trim_end_matches('.').to_string();
    for line in std::fs::read_to_string(path).expect("translations").lines() {
        let p: serde_json::Value = serde_json::from_str(line).expect("pair JSON");
        let (f, e) = (p["fr"].as_str().unwrap(), p["en"].as_str().unwrap());
        fr.push(f.to_string());
        en.push(e.to_string());
        let pair = serde_json::json!({"a": {"doc": "fr.txt", "anchor": anchor(f)},
                                      "b": {"doc": "en.txt", "anchor": anchor(e)}});
        pairs.push_str(&format!("{pair}\n"));
    }
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    let pairs = write("pairs.jsonl", &pairs);
    let fr = write("fr.txt", &fr.join(" "));
    let en = write("en.txt", &en.join(" "));
    (pairs, vec![fr, en])
}

fn truncate(s: &str) -> String {
    s.chars().take(70).collect()
}
