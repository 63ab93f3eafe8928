//! The encoder's network: embeddings of the pieces, three convolution branches over windows of
//! 2, 3 and 5 pieces, a pooled sum, and a small feed-forward network to a unit vector.

use super::EncoderError;
use ndarray::{concatenate, s, Array1, Array2, ArrayView2, Axis, Zip};
use ndarray_npy::NpzReader;
use std::io::{Read, Seek};

/// Width of a piece embedding and of the output vector.
pub const DIMENSIONS: usize = 512;
/// Width of each convolution branch.
const BRANCH: usize = 256;
/// The convolution branches: window size and how many pieces before the current one it sees.
const WINDOWS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];

/// One convolution branch: two residual layers over a window of pieces.
struct Branch {
    width: usize,
    before: usize,
    w1: Array2<f32>,
    b1: Array1<f32>,
    w2: Array2<f32>,
    b2: Array1<f32>,
}

/// The weights, as read from `weights.npz`.
pub struct Network {
    /// The embedding table, kept quantized (6-bit codes, 65 MB instead of 260 MB): piece `id`
    /// is row `id / 17` of chunk `id % 17`, scaled by that chunk's step and offset.
    chunks: Vec<Array2<u8>>,
    scale: Vec<f32>,
    low: Vec<f32>,
    projection: Array2<f32>,
    projection_bias: Array1<f32>,
    norm1: (Array1<f32>, Array1<f32>),
    branches: Vec<Branch>,
    norm2: (Array1<f32>, Array1<f32>),
    pool: Array2<f32>,
    pool_bias: Array1<f32>,
    d0: Array2<f32>,
    p1: Array2<f32>,
    d1: Array2<f32>,
    d2: Array2<f32>,
    p3: Array2<f32>,
    d3: Array2<f32>,
    eps: f32,
}

impl Network {
    /// Reads the network from the package's `weights.npz`.
    pub fn read(file: impl Read + Seek) -> Result<Self, EncoderError> {
        let mut npz = NpzReader::new(file).map_err(weights)?;
        let mut m2 = |name: &str| -> Result<Array2<f32>, EncoderError> {
            npz.by_name(name)
                .map_err(|e| weights(format!("{name}: {e}")))
        };
        let projection = concatenate(
            Axis(1),
            &[
                m2("proj2")?.view(),
                m2("proj3")?.view(),
                m2("proj5")?.view(),
            ],
        )
        .map_err(weights)?;
        let (pool, d0, p1, d1, d2, p3, d3) = (
            m2("cnn_W")?,
            m2("d0")?,
            m2("p1")?,
            m2("d1")?,
            m2("d2")?,
            m2("p3")?,
            m2("d3")?,
        );
        let mut w = Vec::new();
        for (n, _) in WINDOWS {
            w.push((m2(&format!("w1_{n}"))?, m2(&format!("w2_{n}"))?));
        }
        let mut v1 = |name: &str| -> Result<Array1<f32>, EncoderError> {
            npz.by_name(name)
                .map_err(|e| weights(format!("{name}: {e}")))
        };
        let cat = |parts: [Array1<f32>; 3]| {
            concatenate(
                Axis(0),
                &[parts[0].view(), parts[1].view(), parts[2].view()],
            )
            .map_err(weights)
        };
        let projection_bias = cat([v1("proj_b2")?, v1("proj_b3")?, v1("proj_b5")?])?;
        let norm1 = (
            cat([v1("ln_g2")?, v1("ln_g3")?, v1("ln_g5")?])?,
            cat([v1("ln_b2")?, v1("ln_b3")?, v1("ln_b5")?])?,
        );
        let mut branches = Vec::new();
        for ((n, before), (w1, w2)) in WINDOWS.into_iter().zip(w) {
            branches.push(Branch {
                width: n,
                before,
                w1,
                b1: v1(&format!("b1_{n}"))?,
                w2,
                b2: v1(&format!("b2_{n}"))?,
            });
        }
        let norm2 = (v1("ln_g")?, v1("ln_b")?);
        let pool_bias = v1("cnn_b")?;
        let scale = v1("scale")?.to_vec();
        let low = v1("lo")?.to_vec();
        let eps: ndarray::Array0<f64> = npz.by_name("eps").map_err(weights)?;
        let mut chunks = Vec::new();
        for i in 1..=scale.len() {
            let q: Array2<u8> = npz
                .by_name(&format!("q{i}"))
                .map_err(|e| weights(format!("q{i}: {e}")))?;
            chunks.push(q);
        }
        let network = Self {
            chunks,
            scale,
            low,
            projection,
            projection_bias,
            norm1,
            branches,
            norm2,
            pool,
            pool_bias,
            d0,
            p1,
            d1,
            d2,
            p3,
            d3,
            eps: eps.into_scalar() as f32,
        };
        network.check()?;
        Ok(network)
    }

    /// Refuses weights whose shapes do not fit together, so that a wrong file fails at load,
    /// never as a panic in the middle of a request.
    fn check(&self) -> Result<(), EncoderError> {
        let n = self.chunks.len();
        let shapes_fit = n > 0
            && self.low.len() == n
            && self.chunks.iter().all(|c| c.ncols() == DIMENSIONS)
            && self.projection.dim() == (DIMENSIONS, 3 * BRANCH)
            && self.projection_bias.len() == 3 * BRANCH
            && self.norm1.0.len() == 3 * BRANCH
            && self.norm1.1.len() == 3 * BRANCH
            && self.branches.iter().all(|b| {
                b.w1.dim() == (b.width * BRANCH, BRANCH)
                    && b.w2.dim() == (b.width * BRANCH, BRANCH)
                    && b.b1.len() == BRANCH
                    && b.b2.len() == BRANCH
            })
            && self.norm2.0.len() == DIMENSIONS + 3 * BRANCH
            && self.norm2.1.len() == DIMENSIONS + 3 * BRANCH
            && self.pool.dim() == (DIMENSIONS + 3 * BRANCH, DIMENSIONS)
            && self.pool_bias.len() == DIMENSIONS
            && self.d0.nrows() == DIMENSIONS
            && self.p1.dim() == (DIMENSIONS, self.d0.ncols())
            && self.d1.dim() == (self.d0.ncols(), self.d0.ncols())
            && self.d2.nrows() == self.d0.ncols()
            && self.p3.dim() == (self.d0.ncols(), self.d2.ncols())
            && self.d3.dim() == (self.d2.ncols(), DIMENSIONS);
        if shapes_fit {
            Ok(())
        } else {
            Err(weights("the arrays do not have the shapes of the model"))
        }
    }

    /// How many piece ids the embedding table holds.
    pub fn vocabulary(&self) -> usize {
        self.chunks.len() * self.chunks.first().map_or(0, |c| c.nrows())
    }

    /// The unit vectors of sentences given as piece ids (each at least one id, every id below
    /// [`Network::vocabulary`]).
    pub fn encode(&self, sentences: &[Vec<u32>]) -> Array2<f32> {
        let tokens: usize = sentences.iter().map(Vec::len).sum();
        // All sentences' pieces in one matrix, so each layer is one matrix product.
        let mut embedded = Array2::<f32>::zeros((tokens, DIMENSIONS));
        let mut row = 0;
        for ids in sentences {
            for &id in ids {
                let id = id as usize;
                let chunk = id % self.chunks.len();
                let codes = self.chunks[chunk].row(id / self.chunks.len());
                let (step, low) = (self.scale[chunk], self.low[chunk]);
                Zip::from(embedded.row_mut(row))
                    .and(codes)
                    .for_each(|e, &q| *e = f32::from(q) * step + low);
                row += 1;
            }
        }
        let lengths: Vec<usize> = sentences.iter().map(Vec::len).collect();
        let mut projected = embedded.dot(&self.projection) + &self.projection_bias;
        layer_norm(&mut projected, &self.norm1, self.eps);
        let mut features = vec![embedded.view()];
        let outputs: Vec<Array2<f32>> = self
            .branches
            .iter()
            .enumerate()
            .map(|(k, b)| {
                let x = projected.slice(s![.., k * BRANCH..(k + 1) * BRANCH]);
                let h = residual(&x, &windows(&x, &lengths, b), &b.w1, &b.b1);
                residual(&h.view(), &windows(&h.view(), &lengths, b), &b.w2, &b.b2)
            })
            .collect();
        features.extend(outputs.iter().map(|o| o.view()));
        let mut features = concatenate(Axis(1), &features).expect("same number of rows");
        layer_norm(&mut features, &self.norm2, self.eps);

        // Pooling: the sum over a sentence's pieces of a projection, divided by the square root
        // of its length; the projection is linear, so the sum is taken first.
        let mut sums = Array2::<f32>::zeros((sentences.len(), features.ncols()));
        let mut start = 0;
        for (i, len) in lengths.iter().enumerate() {
            sums.row_mut(i)
                .assign(&features.slice(s![start..start + len, ..]).sum_axis(Axis(0)));
            start += len;
        }
        let mut pooled = sums.dot(&self.pool);
        for (i, len) in lengths.iter().enumerate() {
            let mut r = pooled.row_mut(i);
            r.scaled_add(*len as f32, &self.pool_bias);
            r /= (*len as f32).sqrt();
        }
        let y0 = pooled.dot(&self.d0).mapv_into(relu);
        let y1 = (pooled.dot(&self.p1) + y0.dot(&self.d1)).mapv_into(relu);
        let y2 = y1.dot(&self.d2).mapv_into(relu);
        let mut z = (y1.dot(&self.p3) + y2.dot(&self.d3)).mapv_into(f32::tanh);
        for mut r in z.rows_mut() {
            let norm = r.dot(&r).max(self.eps).sqrt();
            r /= norm;
        }
        z
    }
}

fn weights(e: impl std::fmt::Display) -> EncoderError {
    EncoderError::Weights(e.to_string())
}

fn relu(x: f32) -> f32 {
    x.max(0.0)
}

/// `x + relu(window · w + b)`.
fn residual(
    x: &ArrayView2<f32>,
    window: &Array2<f32>,
    w: &Array2<f32>,
    b: &Array1<f32>,
) -> Array2<f32> {
    let mut out = window.dot(w) + b;
    out.mapv_inplace(relu);
    out + x
}

/// Each piece's window: the rows of the pieces around it in its own sentence, side by side,
/// zeros where the window runs past the sentence's ends.
fn windows(x: &ArrayView2<f32>, lengths: &[usize], branch: &Branch) -> Array2<f32> {
    let width = x.ncols();
    let mut out = Array2::<f32>::zeros((x.nrows(), branch.width * width));
    let mut start = 0;
    for &len in lengths {
        for i in 0..len {
            for j in 0..branch.width {
                let Some(at) = (i + j).checked_sub(branch.before).filter(|at| *at < len) else {
                    continue;
                };
                out.slice_mut(s![start + i, j * width..(j + 1) * width])
                    .assign(&x.row(start + at));
            }
        }
        start += len;
    }
    out
}

/// Normalizes each row to mean 0 and variance 1, then scales and shifts it.
fn layer_norm(x: &mut Array2<f32>, (gain, bias): &(Array1<f32>, Array1<f32>), eps: f32) {
    let n = x.ncols() as f32;
    for mut r in x.rows_mut() {
        let mean = r.sum() / n;
        let var = r.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n;
        let inv = 1.0 / (var + eps).sqrt();
        Zip::from(&mut r)
            .and(gain)
            .and(bias)
            .for_each(|v, g, b| *v = (*v - mean) * inv * g + b);
    }
}
