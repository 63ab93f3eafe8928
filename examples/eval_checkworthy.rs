//! Measures the extractor as a check-worthiness detector.
//!
//! `cargo run --release --example eval_checkworthy -- CLAIMBUSTER.jsonl FR_CLAIMNORM.csv`
//! 1. ClaimBuster English, on the hold-out the embedded model was trained without
//!    (`Model::held_out`, e.g. after `train_checkworthy -- DATA src/extract/checkworthy_en.model
//!    --holdout 42` and a rebuild): a sentence is predicted check-worthy when `extract` yields at
//!    least one statement for it; positive-class P/R/F1. A model trained on every example (the
//!    shipped one) cannot be measured here, and the example says so.
//! 2. French claim normalization: the share of normalized claims that yield at least one statement.

use std::error::Error;

use claimdesk::extract::score;
use claimdesk::extract::{extract, Lang, LangChoice, Options};

fn f1(tp: f64, fp: f64, fneg: f64) -> (f64, f64, f64) {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fneg > 0.0 {
        tp / (tp + fneg)
    } else {
        0.0
    };
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

fn claimbuster(
    path: &str,
    lang: LangChoice,
    holdout: u8,
) -> Result<(f64, f64, f64, usize), Box<dyn Error>> {
    let text = std::fs::read_to_string(path)?;
    let (mut tp, mut fp, mut fneg, mut n) = (0f64, 0f64, 0f64, 0usize);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = v["id"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v["id"].to_string());
        if !score::in_holdout(&id, holdout) {
            continue;
        }
        n += 1;
        let sentence = v["text"].as_str().unwrap_or_default();
        let label = v["label"].as_i64().unwrap_or(0) == 1;
        let predicted = !extract(
            sentence,
            &Options {
                lang,
                reference_date: None,
            },
        )
        .is_empty();
        match (predicted, label) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let (p, r, f) = f1(tp, fp, fneg);
    Ok((p, r, f, n))
}

fn french(path: &str) -> Result<(usize, usize, Vec<String>), Box<dyn Error>> {
    let mut rd = csv::Reader::from_path(path)?;
    let headers = rd.headers()?.clone();
    let col = headers
        .iter()
        .position(|h| h.trim() == "normalized claim")
        .ok_or("no 'normalized claim' column")?;
    let (mut hit, mut total, mut misses) = (0usize, 0usize, Vec::new());
    for rec in rd.records() {
        let rec = rec?;
        let claim = rec.get(col).unwrap_or_default();
        if claim.trim().is_empty() {
            continue;
        }
        total += 1;
        if extract(claim, &Options::default()).is_empty() {
            misses.push(claim.to_string());
        } else {
            hit += 1;
        }
    }
    Ok((hit, total, misses))
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(cb), Some(fr)) = (args.first(), args.get(1)) else {
        return Err("usage: eval_checkworthy CLAIMBUSTER.jsonl FR_CLAIMNORM.csv [--show]".into());
    };
    match score::model().held_out {
        Some(seed) => {
            for (name, lang) in [
                ("auto", LangChoice::Auto),
                ("en", LangChoice::Fixed(Lang::En)),
            ] {
                let (p, r, f, n) = claimbuster(cb, lang, seed)?;
                println!(
                    "claimbuster hold-out {seed} (lang {name}, n={n}): precision {p:.4} recall {r:.4} F1 {f:.4}"
                );
            }
        }
        None => println!(
            "claimbuster: the embedded model was trained on every example, so it cannot be \
             measured on them; train with --holdout SEED into src/extract/checkworthy_en.model, \
             rebuild and rerun"
        ),
    }
    let (hit, total, misses) = french(fr)?;
    println!(
        "fr_claimnorm: {hit}/{total} normalized claims yield >= 1 statement: recall {:.4}",
        hit as f64 / total.max(1) as f64
    );
    if args.iter().any(|a| a == "--show") {
        for m in misses.iter().take(40) {
            println!("MISS {m}");
        }
    }
    Ok(())
}
