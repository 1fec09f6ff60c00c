//! The median of a sample and its distribution-free confidence interval:
//! the number of values below the population median is binomial
//! (n, 1/2), so a pair of order statistics bounds the median with a
//! probability read off that distribution, whatever the values' own
//! distribution is.

/// The confidence level of every interval go-bench shows (benchstat's
/// default).
pub const CONFIDENCE: f64 = 0.95;

/// A sample's median and the bounds of its confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// The median (the mean of the middle two for an even count).
    pub center: f64,
    /// The lower bound; `-inf` when the sample is too small for the level.
    pub lo: f64,
    /// The upper bound; `+inf` when the sample is too small for the level.
    pub hi: f64,
    /// The interval's actual confidence (at least the level asked for).
    pub confidence: f64,
}

impl Summary {
    /// The interval's half-width relative to the median, as benchstat
    /// shows it after `±`: the larger of `hi/center - 1` and `1 -
    /// lo/center`. `None` when it cannot be a percentage (an infinite
    /// bound, or bounds on the other side of zero from the median).
    pub fn relative_spread(&self) -> Option<f64> {
        if self.lo.is_infinite() || self.hi.is_infinite() {
            return None;
        }
        let sign = |x: f64| {
            if x > 0.0 {
                1
            } else if x < 0.0 {
                -1
            } else {
                0
            }
        };
        if sign(self.center) != sign(self.lo) || sign(self.center) != sign(self.hi) {
            return None;
        }
        if self.center == 0.0 {
            return Some(0.0);
        }
        Some((self.hi / self.center - 1.0).max(1.0 - self.lo / self.center))
    }
}

/// The median of `values` and its confidence interval at `confidence`
/// (e.g. [`CONFIDENCE`]); `None` for an empty sample.
///
/// The interval is benchstat's: starting from the most likely count of
/// values below the median, neighbouring counts are added, the likelier
/// first and the lower on a tie, until their probability reaches the
/// level. benchstat switches to a normal approximation above 30 values;
/// this stays exact for every size.
pub fn summarize(values: &[f64], confidence: f64) -> Option<Summary> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let mid = n / 2;
    let center = if n.is_multiple_of(2) {
        f64::midpoint(*sorted.get(mid.checked_sub(1)?)?, *sorted.get(mid)?)
    } else {
        *sorted.get(mid)?
    };
    let (lo_order, hi_order, confidence) = orders(n, confidence);
    let lo = lo_order
        .checked_sub(1)
        .and_then(|i| sorted.get(i))
        .copied()
        .unwrap_or(f64::NEG_INFINITY);
    let hi = hi_order
        .checked_sub(1)
        .and_then(|i| sorted.get(i))
        .copied()
        .unwrap_or(f64::INFINITY);
    Some(Summary {
        center,
        lo,
        hi,
        confidence,
    })
}

/// The smallest sample whose interval at `confidence` has finite bounds
/// (6 at 95 %), up to 100.
pub fn min_samples_for_interval(confidence: f64) -> usize {
    (2..=100)
        .find(|&n| {
            let (lo, hi, _) = orders(n, confidence);
            lo > 0 && hi <= n
        })
        .unwrap_or(101)
}

/// The 1-based order statistics `(lo, hi)` bounding the median of `n`
/// values at `confidence`, and the interval's actual confidence; `lo = 0`
/// and `hi = n + 1` stand for unbounded.
pub(crate) fn orders(n: usize, confidence: f64) -> (usize, usize, f64) {
    let pmf = binomial_half(n);
    let at = |k: Option<usize>| k.and_then(|k| pmf.get(k)).copied().unwrap_or(0.0);
    // The mode, the lower of the two for odd n.
    let mode = n / 2;
    let mut accum = at(Some(mode));
    // [l, r): the counts summed so far.
    let (mut l, mut r) = (mode, mode + 1);
    let (mut left, mut right) = (at(l.checked_sub(1)), at(Some(r)));
    while accum < confidence && (left > 0.0 || right > 0.0) {
        if left >= right {
            accum += left;
            l -= 1;
            left = at(l.checked_sub(1));
        } else {
            accum += right;
            r += 1;
            right = at(Some(r));
        }
    }
    (l, r.min(n + 1), accum)
}

/// P(B = k) for k = 0..=n, B binomial (n, 1/2).
fn binomial_half(n: usize) -> Vec<f64> {
    let scale = 0.5f64.powi(i32::try_from(n).unwrap_or(i32::MAX));
    let mut choose = 1.0f64;
    let mut pmf = Vec::with_capacity(n + 1);
    for k in 0..=n {
        pmf.push(choose * scale);
        choose = choose * count(n - k) / count(k + 1);
    }
    pmf
}

#[expect(clippy::cast_precision_loss, reason = "sample sizes are small")]
fn count(n: usize) -> f64 {
    n as f64
}
