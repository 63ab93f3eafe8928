//! Statements' meaning vectors (from the optional sentence encoder): how they are stored, how
//! they are compared, and the locality-sensitive keys that find statements of similar meaning
//! through the same index as the other keys.

use super::keys::{Key, KeyKind};

/// Bands of the locality-sensitive hash: a statement gets one key per band.
const BANDS: usize = 20;
/// Sign bits per band. Two statements share a band's key when the vectors fall on the same side
/// of all its hyperplanes: each bit agrees with probability 1 - angle/180°. For a cosine of
/// 0.75 (a loose translation) that is 0.77 a bit, 0.12 a band, 0.93 for one of 20 bands; for
/// 0.66, 0.81; for unrelated statements (cosine near 0.15) one of 20 bands with about 0.16, and
/// a band holds about one statement in 256 (keys held by many are sampled at retrieval).
const BITS: usize = 8;
/// Fixed seed: the hyperplanes, hence the stored keys, are the same on every instance and after
/// every restart.
const SEED: u64 = 0x636c_6169_6d64_6573;

/// The text of a statement the encoder is given: without its attribution frame ("X a dit
/// que"), which would make every quoted claim of one source look alike.
pub fn meaning_text(text: &str) -> &str {
    super::text::without_attribution(text)
}

/// A unit vector packed for storage: the largest absolute component as a little-endian f32,
/// then each component as a signed byte of that scale (cosines stay within 0.005).
pub fn pack(vector: &[f32]) -> Vec<u8> {
    let scale = vector
        .iter()
        .fold(0f32, |m, x| m.max(x.abs()))
        .max(f32::MIN_POSITIVE);
    let mut out = Vec::with_capacity(4 + vector.len());
    out.extend(scale.to_le_bytes());
    out.extend(
        vector
            .iter()
            .map(|x| ((x / scale * 127.0).round().clamp(-127.0, 127.0) as i8) as u8),
    );
    out
}

/// The vector [`pack`] stored, renormalized; `None` for bytes that are not a packed vector.
pub fn unpack(bytes: &[u8]) -> Option<Vec<f32>> {
    let (scale, rest) = bytes.split_first_chunk::<4>()?;
    if rest.is_empty() {
        return None;
    }
    let scale = f32::from_le_bytes(*scale);
    let mut v: Vec<f32> = rest
        .iter()
        .map(|b| f32::from(*b as i8) * scale / 127.0)
        .collect();
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if !norm.is_finite() || norm == 0.0 {
        return None;
    }
    v.iter_mut().for_each(|x| *x /= norm);
    Some(v)
}

/// The cosine of two unit vectors of the same length.
pub fn cosine(a: &[f32], b: &[f32]) -> f64 {
    f64::from(a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>())
}

/// The locality-sensitive keys of a meaning vector ("m:3:0x2f1"): random-hyperplane signs,
/// [`BITS`] per band.
pub fn meaning_keys(vector: &[f32]) -> Vec<Key> {
    let mut rng = SplitMix(SEED);
    (0..BANDS)
        .map(|band| {
            let mut bits = 0u32;
            for bit in 0..BITS {
                // A hyperplane of random signs: as good as Gaussian ones for cosine hashing,
                // and exact in any arithmetic.
                let side: f32 = vector
                    .iter()
                    .map(|x| if rng.next() & 1 == 0 { *x } else { -*x })
                    .sum();
                if side >= 0.0 {
                    bits |= 1 << bit;
                }
            }
            Key {
                kind: KeyKind::Meaning,
                id: format!("m:{band}:{bits:x}"),
                label: String::new(),
            }
        })
        .collect()
}

/// SplitMix64: a fixed, documented generator, so the hyperplanes never change with a crate
/// version (stored keys depend on them).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(seed: u64) -> Vec<f32> {
        let mut rng = SplitMix(seed);
        let v: Vec<f32> = (0..512)
            .map(|_| (rng.next() % 2001) as f32 / 1000.0 - 1.0)
            .collect();
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.into_iter().map(|x| x / n).collect()
    }

    #[test]
    fn a_packed_vector_keeps_its_direction() {
        let v = unit(1);
        let back = unpack(&pack(&v)).expect("unpacks");
        assert_eq!(pack(&v).len(), 516);
        assert!(cosine(&v, &back) > 0.999);
        assert!(unpack(&[1, 2, 3]).is_none());
        assert!(unpack(&[0, 0, 0, 0, 0, 0]).is_none());
    }

    #[test]
    fn close_vectors_share_bands_and_unrelated_ones_rarely_do() {
        let a = unit(2);
        // b: a nudged towards another direction, cosine about 0.9 with a.
        let noise = unit(3);
        let b: Vec<f32> = a.iter().zip(&noise).map(|(x, y)| x + 0.48 * y).collect();
        let n = b.iter().map(|x| x * x).sum::<f32>().sqrt();
        let b: Vec<f32> = b.into_iter().map(|x| x / n).collect();
        assert!(cosine(&a, &b) > 0.85);
        let shared = |x: &[f32], y: &[f32]| {
            let kx = meaning_keys(x);
            meaning_keys(y).iter().filter(|k| kx.contains(k)).count()
        };
        assert!(shared(&a, &b) >= 1, "close vectors share a band");
        assert_eq!(shared(&a, &a), BANDS);
        let unrelated = (10..60).filter(|s| shared(&a, &unit(*s)) > 0).count();
        assert!(
            unrelated <= 5,
            "{unrelated} of 50 unrelated vectors share a band"
        );
        assert_eq!(meaning_keys(&a), meaning_keys(&a), "deterministic");
    }
}
