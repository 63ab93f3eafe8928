//! End-to-end extraction throughput on French news (the seed corpus repeated), beside a trivial
//! baseline (counting lines) over the same bytes, so the ratio can be reported.

use std::hint::black_box;

use claimdesk::extract::{extract_each, Lang, LangChoice, Options};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// A short French news text written for this benchmark, used when the seed corpus is absent.
const FALLBACK: &str = "PARIS (AFP) - Le gouvernement a annoncé mardi 3 décembre un plan de 2 milliards d'euros pour \
les hôpitaux, a indiqué le ministre de la Santé. Selon l'Insee, le chômage a reculé à 7,3 % au troisième trimestre, \
tandis que des milliers de personnes manifestaient à Lyon. « Nous tiendrons nos engagements », a-t-il déclaré. \
Entre le 1er et le 15 novembre, les urgences ont accueilli 12 000 patients, après deux ans de crise.\n\n\
À lire également:\n#Santé\n";

/// French news repeated to about 4 MB: the seed corpus (`CLAIMDESK_BENCH_CORPUS`, default
/// `../shared/corpus`) when present, else `FALLBACK`.
fn corpus() -> String {
    let dir = std::env::var("CLAIMDESK_BENCH_CORPUS")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus").to_string());
    let mut base = String::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            base.push_str(&std::fs::read_to_string(p).unwrap_or_default());
            base.push_str("\n\n");
        }
    }
    if base.is_empty() {
        base.push_str(FALLBACK);
    }
    let mut s = String::with_capacity(5 << 20);
    while s.len() < 4 << 20 {
        s.push_str(&base);
        s.push('\n');
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let opts = Options {
        lang: LangChoice::Fixed(Lang::Fr),
        reference_date: None,
    };
    let mut g = c.benchmark_group("fr_news");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("baseline_count_lines", |b| {
        b.iter(|| black_box(text.as_bytes().iter().filter(|&&c| c == b'\n').count()))
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            let mut n = 0usize;
            extract_each(black_box(&text), &opts, |s| n += s.text.len());
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
