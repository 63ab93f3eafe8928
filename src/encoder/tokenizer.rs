//! The encoder's SentencePiece tokenizer, rebuilt from `sp.model` with the `tokenizers` crate:
//! the model's own NFKC character map, spaces as `▁`, then the unigram segmentation.

use super::EncoderError;
use tokenizers::models::unigram::Unigram;
use tokenizers::normalizers::{Precompiled, Replace, Sequence, Strip};
use tokenizers::pre_tokenizers::metaspace::{Metaspace, PrependScheme};
use tokenizers::Tokenizer;

/// Start and end of sentence, added around every sentence as the model was trained.
const BOS: u32 = 1;
const EOS: u32 = 2;
/// The unknown piece: what an empty sentence is made of, as in the reference package.
const UNK: u32 = 0;

/// Text to piece ids.
pub struct SentencePieces {
    tokenizer: Tokenizer,
}

impl SentencePieces {
    /// Reads a SentencePiece unigram model (the `ModelProto` protobuf of `sp.model`).
    pub fn from_model(bytes: &[u8]) -> Result<Self, EncoderError> {
        let model = ModelProto::parse(bytes).ok_or_else(|| {
            EncoderError::Tokenizer("sp.model is not a SentencePiece model".into())
        })?;
        if model.pieces.is_empty() {
            return Err(EncoderError::Tokenizer("sp.model has no pieces".into()));
        }
        let unigram = Unigram::from(model.pieces, Some(UNK as usize), false)
            .map_err(|e| EncoderError::Tokenizer(e.to_string()))?;
        let mut tokenizer = Tokenizer::new(unigram);
        let mut steps = Vec::new();
        if !model.charsmap.is_empty() {
            let precompiled = Precompiled::from(&model.charsmap)
                .map_err(|e| EncoderError::Tokenizer(format!("character map: {e}")))?;
            steps.push(precompiled.into());
        }
        // SentencePiece's nmt_nfkc also trims the text and folds runs of spaces into one.
        steps.push(Strip::new(true, true).into());
        let spaces = Replace::new(
            tokenizers::normalizers::replace::ReplacePattern::Regex(" {2,}".into()),
            " ",
        )
        .map_err(|e| EncoderError::Tokenizer(e.to_string()))?;
        steps.push(spaces.into());
        tokenizer
            .with_normalizer(Some(Sequence::new(steps)))
            .map_err(|e| EncoderError::Tokenizer(e.to_string()))?;
        tokenizer.with_pre_tokenizer(Some(Metaspace::new('▁', PrependScheme::Always, true)));
        Ok(Self { tokenizer })
    }

    /// The ids of one sentence, between the start and end markers.
    pub fn ids(&self, text: &str) -> Vec<u32> {
        let mut ids = vec![BOS];
        match self.tokenizer.encode_fast(text, false) {
            Ok(encoding) if !encoding.get_ids().is_empty() => ids.extend(encoding.get_ids()),
            _ => ids.push(UNK),
        }
        ids.push(EOS);
        ids
    }
}

/// The two parts of `sp.model` the tokenizer needs.
struct ModelProto {
    /// Every piece with its log-probability; the id is the position.
    pieces: Vec<(String, f64)>,
    /// `normalizer_spec.precompiled_charsmap`.
    charsmap: Vec<u8>,
}

impl ModelProto {
    /// Reads `pieces` (field 1: `{piece: 1, score: 2}`) and `normalizer_spec` (field 3:
    /// `{precompiled_charsmap: 2}`); other fields are skipped.
    fn parse(bytes: &[u8]) -> Option<Self> {
        let mut pieces = Vec::new();
        let mut charsmap = Vec::new();
        for field in Fields::new(bytes) {
            match field? {
                (1, Value::Bytes(piece)) => {
                    let mut text = None;
                    let mut score = 0.0;
                    for f in Fields::new(piece) {
                        match f? {
                            (1, Value::Bytes(b)) => text = Some(std::str::from_utf8(b).ok()?),
                            (2, Value::Fixed32(bits)) => score = f64::from(f32::from_bits(bits)),
                            _ => {}
                        }
                    }
                    pieces.push((text?.to_string(), score));
                }
                (3, Value::Bytes(spec)) => {
                    for f in Fields::new(spec) {
                        if let (2, Value::Bytes(map)) = f? {
                            charsmap = map.to_vec();
                        }
                    }
                }
                _ => {}
            }
        }
        Some(Self { pieces, charsmap })
    }
}

/// A protobuf field's value, by wire type.
enum Value<'a> {
    Varint,
    Fixed64,
    Bytes(&'a [u8]),
    Fixed32(u32),
}

/// The fields of one protobuf message, in order; `None` where the bytes are malformed.
struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let (&byte, rest) = self.rest.split_first()?;
            self.rest = rest;
            value |= u64::from(byte & 0x7f) << shift.min(63);
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.rest.len() < n {
            return None;
        }
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Some(head)
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = Option<(u64, Value<'a>)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let field = (|| {
            let tag = self.varint()?;
            let value = match tag & 7 {
                0 => self.varint().map(|_| Value::Varint)?,
                1 => self.take(8).map(|_| Value::Fixed64)?,
                2 => {
                    let len = usize::try_from(self.varint()?).ok()?;
                    Value::Bytes(self.take(len)?)
                }
                5 => Value::Fixed32(u32::from_le_bytes(self.take(4)?.try_into().ok()?)),
                _ => return None,
            };
            Some((tag >> 3, value))
        })();
        if field.is_none() {
            // Malformed: report it once and stop.
            self.rest = &[];
        }
        Some(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_by_number_and_wire_type() {
        // field 1 bytes "ab", field 2 fixed32 1.5f32, field 3 varint 300
        let mut msg = vec![0x0a, 2, b'a', b'b', 0x15];
        msg.extend(1.5f32.to_le_bytes());
        msg.extend([0x18, 0xac, 0x02]);
        let fields: Vec<_> = Fields::new(&msg).map(Option::unwrap).collect();
        assert!(matches!(fields[0], (1, Value::Bytes(b"ab"))));
        assert!(matches!(fields[1], (2, Value::Fixed32(b)) if f32::from_bits(b) == 1.5));
        assert!(matches!(fields[2], (3, Value::Varint)));
    }

    #[test]
    fn a_truncated_message_is_refused() {
        assert!(ModelProto::parse(&[0x0a, 10, b'a']).is_none());
        assert!(SentencePieces::from_model(b"not a model at all").is_err());
    }
}
