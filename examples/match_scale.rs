//! Claim matching at newsroom scale: fills a fresh database with generated wire stories until it
//! holds about N statements (each stored the real way: extracted, indexed and matched against
//! everything before it), then times what a desk feels: loading one more article, listing one
//! statement's matches, a search, the article's review data.
//!
//! `cargo run --release --example match_scale -- [--statements 100000] [--database URL]`
//! (default: a SQLite file in a temporary folder; a `postgres://` URL is used as given).

use claimdesk::domain::{NewArticle, Password, Role, Username};
use claimdesk::service::account::{create_user, NewUser};
use claimdesk::service::article::{prepare_article, store_article, Limits};
use claimdesk::service::search::{search_statements, SearchRequest};
use claimdesk::service::{matching, query, Actor};
use claimdesk::storage::{Database, DatabaseUrl};
use std::time::Instant;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ba", "ko", "ri", "mel", "tan", "su", "vor", "li", "den", "ga", "mo", "ther", "lu", "ska",
    "ne", "pol", "ar", "vi", "zu", "ken",
];

fn name(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s: String = (0..n).map(|_| rng.pick(SYLLABLES)).collect();
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

fn sentence(rng: &mut Rng, people: &[String], places: &[String]) -> String {
    let who = &people[rng.below(people.len())];
    let place = &places[rng.below(places.len())];
    let figure = 10 + rng.below(200_000);
    let years = 2 + rng.below(60);
    let day = rng.pick(&[
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ]);
    match rng.below(6) {
        0 => format!("{figure} personnes ont manifesté {day} à {place}, selon la préfecture."),
        1 => format!("{who} a quitté le pouvoir après {years} ans de règne à {place}."),
        2 => format!(
            "Le chômage a reculé de {},{} % sur un an à {place}.",
            rng.below(9),
            rng.below(10)
        ),
        3 => format!(
            "{who} a été condamné {day} à {years} ans de prison par le tribunal de {place}."
        ),
        4 => format!(
            "L'incendie a détruit {figure} hectares de forêt près de {place}, a indiqué {who}."
        ),
        _ => format!(
            "{who} est arrivé à {place} {day} pour une visite de {} jours.",
            2 + rng.below(9)
        ),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut target = 100_000usize;
    let mut database = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--statements" => target = args.next().and_then(|v| v.parse().ok()).expect("a number"),
            "--database" => database = args.next(),
            other => panic!("unknown argument {other}"),
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let url =
        database.unwrap_or_else(|| dir.path().join("scale.db").to_string_lossy().into_owned());
    let db = Database::open(&DatabaseUrl::parse(&url).expect("url")).expect("open");
    // The sentence encoder when installed (CLAIMDESK_ENCODER or ./encoder).
    let encoder = claimdesk::config::load_encoder().expect("the sentence encoder");
    println!(
        "sentence encoder: {}",
        encoder.as_ref().map_or("not installed".to_string(), |e| e
            .dir()
            .display()
            .to_string())
    );
    let username = Username::parse("editor").expect("name");
    let editor = db
        .write(move |conn| {
            create_user(
                conn,
                &Actor::system("match_scale"),
                NewUser {
                    username: username.clone(),
                    display_name: "Editor".into(),
                    role: Role::Editor,
                    password: Password::parse("correct horse battery", &username).expect("pw"),
                },
            )
        })
        .expect("user");
    let actor = Actor::from(&editor);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let people: Vec<String> = (0..3000).map(|_| name(&mut rng)).collect();
    let places: Vec<String> = (0..800).map(|_| name(&mut rng)).collect();

    let story = |rng: &mut Rng| -> String {
        (0..60)
            .map(|_| sentence(rng, &people, &places))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let store = |body: String| {
        let new = NewArticle::parse(
            Some("Dépêche"),
            body,
            Some("fr"),
            None,
            None,
            Some("2024-12-09"),
        )
        .expect("article");
        let prepared =
            prepare_article(&actor, new, &Limits::default(), encoder.as_ref()).expect("prepare");
        let loader = actor.clone();
        db.write(move |conn| store_article(conn, &loader, prepared))
            .expect("store")
    };

    let started = Instant::now();
    let mut stored = 0usize;
    let mut articles = 0usize;
    while stored < target {
        stored += store(story(&mut rng)).statements.len();
        articles += 1;
        if articles.is_multiple_of(200) {
            eprintln!(
                "{articles} articles, {stored} statements, {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "filled: {articles} articles, {stored} statements in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut load_times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let body = story(&mut rng);
        let t = Instant::now();
        let article = store(body);
        load_times.push(t.elapsed().as_secs_f64());
        last = Some(article);
    }
    let article = last.expect("an article");
    let mut match_times = Vec::new();
    let mut listed = 0;
    for s in article.statements.iter().take(20) {
        let t = Instant::now();
        listed += db
            .read(|conn| matching::matches_of(conn, s.id))
            .expect("matches")
            .len();
        match_times.push(t.elapsed().as_secs_f64());
    }
    let t = Instant::now();
    let page = db
        .read(|conn| query::article_page(conn, article.id))
        .expect("page");
    let page_time = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let hits = db
        .read(|conn| {
            search_statements(
                conn,
                &SearchRequest {
                    q: "manifesté préfecture".into(),
                    limit: Some(50),
                    ..Default::default()
                },
            )
        })
        .expect("search");
    let search_time = t.elapsed().as_secs_f64();
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    println!(
        "loading an article of {} statements: max {:.0} ms of 5 (mean {:.0} ms)",
        article.statements.len(),
        max(&load_times) * 1000.0,
        load_times.iter().sum::<f64>() / load_times.len() as f64 * 1000.0
    );
    println!(
        "one statement's matches: max {:.1} ms of {} ({listed} matches listed)",
        max(&match_times) * 1000.0,
        match_times.len()
    );
    println!(
        "the article's review data ({} statements): {:.0} ms",
        page.article.statements.len(),
        page_time * 1000.0
    );
    println!(
        "a two-word search: {:.0} ms, {} hits",
        search_time * 1000.0,
        hits.len()
    );
}
