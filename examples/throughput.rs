//! `cargo run --release --example throughput -- FILE [fr|en]`: end-to-end extraction speed on a
//! file (statements counted, not printed), to compare with the Criterion figures.

use std::time::Instant;

use claimdesk::extract::{extract_each, Lang, LangChoice, Options};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: throughput FILE [fr|en]")?;
    let lang: Lang = args.next().as_deref().unwrap_or("fr").parse()?;
    let text = std::fs::read_to_string(&path)?;
    let opts = Options {
        lang: LangChoice::Fixed(lang),
        reference_date: None,
    };
    let t = Instant::now();
    let cpu0 = cpu_seconds();
    let mut n = 0usize;
    extract_each(&text, &opts, |_| n += 1);
    let secs = t.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    print!(
        "{} bytes, {n} statements, wall {secs:.3} s ({:.1} MB/s)",
        text.len(),
        mb / secs
    );
    match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) => println!(", CPU {:.3} s ({:.1} MB/s per core)", b - a, mb / (b - a)),
        _ => println!(),
    }
    Ok(())
}

/// CPU time of this process in seconds (Linux: /proc/self/schedstat), so a figure measured on
/// a machine shared with other work still reads as per-core throughput.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
