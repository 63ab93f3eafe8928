//! Trains the English check-worthiness model on ClaimBuster sentences and writes it where
//! `score.rs` embeds it.
//!
//! `cargo run --release --example train_checkworthy -- ../shared/data/claimbuster_train.jsonl [OUT] [--holdout SEED]`
//! (OUT defaults to src/extract/checkworthy_en.model). Logistic regression with AdaGrad over the
//! hashed features of `score::features`; epochs, L2 and the positive-class weight are chosen by
//! 5-fold cross-validation over train + validation, the threshold too (on the pooled
//! out-of-fold probabilities); the test split (see `score::split_of`) is only reported.
//! Each fold trains `SEEDS` models on differently shuffled orders and averages them (bagging of
//! the SGD noise); the shipped model is the average of all 5 x `SEEDS` models.
//!
//! `--holdout SEED` (e.g. 43) re-measures the whole procedure on a second, differently seeded
//! held-out set (`score::in_holdout`): those 15 % of ids are removed before anything else, the
//! same selection runs on the other 85 % (the first test split included), and the model is
//! scored on the hold-out. The model is
//! then written only if OUT is given explicitly.

use std::error::Error;

use claimdesk::extract::score::{self, Model, Split, BITS};

struct Example {
    feats: Vec<(u32, f32)>,
    label: bool,
}

/// An example with its split; `None` for ids in the second hold-out.
type Labelled = (Option<Split>, Example);

/// The examples with their split; ids in the `holdout` set (if any) get `None`.
fn load(path: &str, holdout: Option<u8>) -> Result<Vec<Labelled>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = v["id"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v["id"].to_string());
        let text = v["text"].as_str().unwrap_or_default();
        let label = v["label"].as_i64().unwrap_or(0) == 1;
        let held = holdout.is_some_and(|seed| score::in_holdout(&id, seed));
        out.push((
            (!held).then(|| score::split_of(&id)),
            Example {
                feats: score::features(text),
                label,
            },
        ));
    }
    Ok(out)
}

/// Training settings.
#[derive(Clone, Copy, Debug)]
struct Knobs {
    epochs: usize,
    l2: f32,
    /// Loss weight of positive examples.
    posw: f32,
}

/// AdaGrad step size.
const LR: f32 = 0.25;
/// Models per fold, trained on different shuffles and averaged.
const SEEDS: usize = 3;

/// The average of `SEEDS` models trained on different shuffles.
fn train(data: &[&Example], k: Knobs, seed: u64) -> Model {
    let mut avg = Model {
        weights: vec![0.0; 1 << BITS],
        bias: 0.0,
        threshold: 0.5,
    };
    for s in 0..SEEDS {
        let m = train_one(data, k, seed * 1000 + s as u64);
        for (a, w) in avg.weights.iter_mut().zip(&m.weights) {
            *a += w / SEEDS as f32;
        }
        avg.bias += m.bias / SEEDS as f32;
    }
    avg
}

fn train_one(data: &[&Example], k: Knobs, seed: u64) -> Model {
    let n = 1usize << BITS;
    let mut w = vec![0f32; n];
    let mut g2 = vec![1e-6f32; n];
    let (mut b, mut gb) = (0f32, 1e-6f32);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = seed;
    // Average of the end-of-epoch weights: a cheap Polyak average that smooths SGD noise.
    let mut avg = vec![0f32; n];
    let mut avg_b = 0f32;
    for _ in 0..k.epochs {
        // Fisher-Yates with a small LCG: deterministic runs.
        for i in (1..order.len()).rev() {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (rng >> 33) as usize % (i + 1));
        }
        for &j in &order {
            let ex = data[j];
            let z: f32 = b + ex
                .feats
                .iter()
                .map(|(i, v)| w[*i as usize] * v)
                .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let err = if ex.label { (p - 1.0) * k.posw } else { p };
            for (i, v) in &ex.feats {
                let i = *i as usize;
                let g = err * v + k.l2 * w[i];
                g2[i] += g * g;
                w[i] -= LR * g / g2[i].sqrt();
            }
            gb += err * err;
            b -= LR * err / gb.sqrt();
        }
        for (a, x) in avg.iter_mut().zip(&w) {
            *a += x / k.epochs as f32;
        }
        avg_b += b / k.epochs as f32;
    }
    Model {
        weights: avg,
        bias: avg_b,
        threshold: 0.5,
    }
}

/// (precision, recall, F1) of the positive class at a threshold.
fn prf(model: &Model, data: &[&Example], threshold: f32) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fneg) = (0f64, 0f64, 0f64);
    for ex in data {
        let pos = model.probability(&ex.feats) >= threshold;
        match (pos, ex.label) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fneg > 0.0 {
        tp / (tp + fneg)
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Pooled out-of-fold probabilities of a k-fold cross-validation over `data`, and the average
/// of the k fold models (a logit-space ensemble whose calibration matches the pooled scores, so
/// the threshold chosen on them carries over).
fn cross_validate(data: &[&Example], k: usize, knobs: Knobs) -> (Vec<(f32, bool)>, Model) {
    let mut out = Vec::with_capacity(data.len());
    let mut avg = Model {
        weights: vec![0.0; 1 << BITS],
        bias: 0.0,
        threshold: 0.5,
    };
    for fold in 0..k {
        let train_part: Vec<&Example> = data
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, e)| *e)
            .collect();
        let m = train(&train_part, knobs, 7 + fold as u64);
        for (_, e) in data.iter().enumerate().filter(|(i, _)| i % k == fold) {
            out.push((m.probability(&e.feats), e.label));
        }
        for (a, w) in avg.weights.iter_mut().zip(&m.weights) {
            *a += w / k as f32;
        }
        avg.bias += m.bias / k as f32;
    }
    (out, avg)
}

/// Best F1 threshold over pooled (probability, label) pairs.
fn best_threshold_pooled(scored: &[(f32, bool)]) -> (f32, f64) {
    let mut best = (0.5f32, -1.0f64);
    for t in (10..90).map(|t| t as f32 / 100.0) {
        let (mut tp, mut fp, mut fneg) = (0f64, 0f64, 0f64);
        for &(p, l) in scored {
            match (p >= t, l) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fneg += 1.0,
                _ => {}
            }
        }
        let f = if tp > 0.0 {
            2.0 * tp / (2.0 * tp + fp + fneg)
        } else {
            0.0
        };
        if f > best.1 {
            best = (t, f);
        }
    }
    best
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut holdout: Option<u8> = None;
    let mut pos: Vec<&String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--holdout" {
            holdout = Some(it.next().ok_or("--holdout SEED")?.parse()?);
        } else {
            pos.push(a);
        }
    }
    let input = pos
        .first()
        .ok_or("usage: train_checkworthy CLAIMBUSTER.jsonl [OUT.model] [--holdout SEED]")?;
    let out = pos.get(1).map(|s| s.to_string()).or_else(|| {
        holdout.is_none().then(|| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/extract/checkworthy_en.model"
            )
            .to_string()
        })
    });
    let data = load(input, holdout)?;
    let part = |s: &[Option<Split>]| {
        data.iter()
            .filter(|(x, _)| s.contains(x))
            .map(|(_, e)| e)
            .collect::<Vec<_>>()
    };
    // Model selection by 5-fold cross-validation over train + validation (more stable than one
    // small validation split); the test split is never looked at until the end.
    // With a second hold-out, the first test split joins development (85 % of ids in all).
    let dev = if holdout.is_some() {
        part(&[
            Some(Split::Train),
            Some(Split::Validation),
            Some(Split::Test),
        ])
    } else {
        part(&[Some(Split::Train), Some(Split::Validation)])
    };
    let te = if holdout.is_some() {
        Vec::new()
    } else {
        part(&[Some(Split::Test)])
    };
    let held = part(&[None]);
    println!(
        "examples: development (train+validation) {} test {} second hold-out {}",
        dev.len(),
        te.len(),
        held.len()
    );
    let mut best: Option<(f64, Knobs, f32, Model)> = None;
    for &epochs in &[5usize, 8] {
        for &l2 in &[1e-5f32, 1e-4] {
            for &posw in &[1.0f32, 1.5] {
                let knobs = Knobs { epochs, l2, posw };
                let (scored, ensemble) = cross_validate(&dev, 5, knobs);
                let (t, f) = best_threshold_pooled(&scored);
                println!(
                    "epochs {epochs:2} l2 {l2:.0e} posw {posw:.1}: 5-fold F1 {f:.4} at threshold {t:.2}"
                );
                if best.as_ref().is_none_or(|b| f > b.0) {
                    best = Some((f, knobs, t, ensemble));
                }
            }
        }
    }
    let (fcv, knobs, t, mut model) = best.ok_or("no model")?;
    model.threshold = t;
    // Report the model as it will be embedded: after 8-bit quantization.
    let model = Model::from_bytes(&model.to_bytes()).ok_or("quantized model does not parse")?;
    println!("chosen: {knobs:?} threshold {t:.2}; 5-fold F1 {fcv:.4}");
    if holdout.is_none() {
        let (p, r, f) = prf(&model, &te, t);
        println!("held-out test (model alone): precision {p:.4} recall {r:.4} F1 {f:.4}");
    }
    if let Some(seed) = holdout {
        let (p, r, f) = prf(&model, &held, t);
        println!(
            "second hold-out (seed {seed}, n={}, model alone): precision {p:.4} recall {r:.4} F1 {f:.4}",
            held.len()
        );
    }
    if let Some(out) = out {
        std::fs::write(&out, model.to_bytes())?;
        println!("wrote {out}");
    }
    Ok(())
}
