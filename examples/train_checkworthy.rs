//! Trains the English check-worthiness model on ClaimBuster sentences and writes it where
//! `score.rs` embeds it.
//!
//! `cargo run --release --example train_checkworthy -- /work/shared/data/claimbuster_train.jsonl [OUT]`
//! (OUT defaults to src/extract/checkworthy_en.model). Logistic regression with AdaGrad over the
//! hashed features of `score::features`; epochs and L2 are chosen on the validation split, the
//! threshold too; the test split (see `score::split_of`) is only reported.

use std::error::Error;

use claimdesk::extract::score::{self, Model, Split, BITS};

struct Example {
    feats: Vec<(u32, f32)>,
    label: bool,
}

fn load(path: &str) -> Result<Vec<(Split, Example)>, Box<dyn Error>> {
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
        out.push((
            score::split_of(&id),
            Example {
                feats: score::features(text),
                label,
            },
        ));
    }
    Ok(out)
}

/// Naive-Bayes log-count ratios of the binary features (Wang & Manning's NBSVM trick): features
/// that separate the classes get larger values, so the linear model learns them first. The
/// ratios are folded into the exported weights, so inference stays a plain dot product.
fn nb_ratios(data: &[&Example], alpha: f32) -> Vec<f32> {
    let n = 1usize << BITS;
    let (mut p, mut q) = (vec![alpha; n], vec![alpha; n]);
    for ex in data {
        let side = if ex.label { &mut p } else { &mut q };
        for (i, _) in &ex.feats {
            side[*i as usize] += 1.0;
        }
    }
    let (sp, sq): (f32, f32) = (p.iter().sum(), q.iter().sum());
    p.iter()
        .zip(&q)
        .map(|(a, b)| ((a / sp) / (b / sq)).ln())
        .collect()
}

fn train(data: &[&Example], epochs: usize, l2: f32, seed: u64) -> Model {
    let r: Vec<f32> = if NB_MIX > 0.0 {
        nb_ratios(data, 1.0)
            .into_iter()
            .map(|x| 1.0 - NB_MIX + NB_MIX * x.abs())
            .collect()
    } else {
        vec![1.0; 1 << BITS]
    };
    let scaled: Vec<Example> = data
        .iter()
        .map(|e| Example {
            feats: e
                .feats
                .iter()
                .map(|(i, v)| (*i, v * r[*i as usize]))
                .collect(),
            label: e.label,
        })
        .collect();
    let refs: Vec<&Example> = scaled.iter().collect();
    let mut m = train_plain(&refs, epochs, l2, seed);
    for (w, x) in m.weights.iter_mut().zip(&r) {
        *w *= x;
    }
    m
}

const NB_MIX: f32 = 0.0;

fn train_plain(data: &[&Example], epochs: usize, l2: f32, seed: u64) -> Model {
    let n = 1usize << BITS;
    let mut w = vec![0f32; n];
    let mut g2 = vec![1e-6f32; n];
    let (mut b, mut gb) = (0f32, 1e-6f32);
    let lr = 0.5f32;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = seed;
    // Average of the end-of-epoch weights: a cheap Polyak average that smooths SGD noise.
    let mut avg = vec![0f32; n];
    let mut avg_b = 0f32;
    for _ in 0..epochs {
        // Fisher-Yates with a small LCG: deterministic runs.
        for i in (1..order.len()).rev() {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (rng >> 33) as usize % (i + 1));
        }
        for &k in &order {
            let ex = data[k];
            let z: f32 = b + ex
                .feats
                .iter()
                .map(|(i, v)| w[*i as usize] * v)
                .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let err = p - if ex.label { 1.0 } else { 0.0 };
            for (i, v) in &ex.feats {
                let i = *i as usize;
                let g = err * v + l2 * w[i];
                g2[i] += g * g;
                w[i] -= lr * g / g2[i].sqrt();
            }
            gb += err * err;
            b -= lr * err / gb.sqrt();
        }
        for (a, x) in avg.iter_mut().zip(&w) {
            *a += x / epochs as f32;
        }
        avg_b += b / epochs as f32;
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
fn cross_validate(
    data: &[&Example],
    k: usize,
    epochs: usize,
    l2: f32,
) -> (Vec<(f32, bool)>, Model) {
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
        let m = train(&train_part, epochs, l2, 7 + fold as u64);
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
    let input = args
        .first()
        .ok_or("usage: train_checkworthy CLAIMBUSTER.jsonl [OUT.model]")?;
    let out = args.get(1).cloned().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/extract/checkworthy_en.model"
        )
        .to_string()
    });
    let data = load(input)?;
    let part = |s: &[Split]| {
        data.iter()
            .filter(|(x, _)| s.contains(x))
            .map(|(_, e)| e)
            .collect::<Vec<_>>()
    };
    // Model selection by 5-fold cross-validation over train + validation (more stable than one
    // small validation split); the test split is never looked at until the end.
    let dev = part(&[Split::Train, Split::Validation]);
    let te = part(&[Split::Test]);
    println!(
        "examples: development (train+validation) {} test {}",
        dev.len(),
        te.len()
    );
    let mut best: Option<(f64, usize, f32, f32, Model)> = None;
    for &epochs in &[2usize, 3, 5] {
        for &l2 in &[0.0f32, 1e-5] {
            let (scored, ensemble) = cross_validate(&dev, 5, epochs, l2);
            let (t, f) = best_threshold_pooled(&scored);
            println!("epochs {epochs:2} l2 {l2:.0e}: 5-fold F1 {f:.4} at threshold {t:.2}");
            if best.as_ref().is_none_or(|b| f > b.0) {
                best = Some((f, epochs, l2, t, ensemble));
            }
        }
    }
    let (fcv, epochs, l2, t, mut model) = best.ok_or("no model")?;
    model.threshold = t;
    // Report the model as it will be embedded: after 8-bit quantization.
    let model = Model::from_bytes(&model.to_bytes()).ok_or("quantized model does not parse")?;
    let (p, r, f) = prf(&model, &te, t);
    println!("chosen: epochs {epochs} l2 {l2:.0e} threshold {t:.2}; 5-fold F1 {fcv:.4}");
    println!("held-out test (model alone): precision {p:.4} recall {r:.4} F1 {f:.4}");
    std::fs::write(&out, model.to_bytes())?;
    println!("wrote {out}");
    Ok(())
}
