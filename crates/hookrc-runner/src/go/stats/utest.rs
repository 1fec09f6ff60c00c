//! The Mann-Whitney U test as benchstat runs it: two-sided, exact for small
//! samples (the distribution of the rank sum given the ties, as Klotz
//! computes it) and a normal approximation with tie and continuity
//! corrections beyond benchstat's limits (50 values a side, 25 with ties).

/// The largest sample for which the exact distribution is used.
const EXACT_LIMIT: usize = 50;
/// The same when some values are tied.
const TIES_EXACT_LIMIT: usize = 25;

/// The result of [`u_test`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UTest {
    /// The U statistic of the first sample, ties counted as one half.
    pub u: f64,
    /// The two-sided p-value.
    pub p: f64,
    /// Whether `p` comes from the exact distribution (else the normal
    /// approximation).
    pub exact: bool,
}

/// The two-sided Mann-Whitney U test of `x1` against `x2`; `None` when a
/// sample is empty or every value of both is the same (there is nothing to
/// rank).
///
/// With ties, the exact p-value is twice the smaller tail of the observed
/// U in its distribution given the ties. benchstat doubles the lower tail
/// of the first sample's distribution at the smaller of the two U values,
/// which is the same number unless the ties make that distribution
/// lopsided; there it can give `p = 0` (its own test case `1 2 3 5`
/// against `1 1 1 1 1`), where this gives the test's real p-value.
pub fn u_test(x1: &[f64], x2: &[f64]) -> Option<UTest> {
    let (n1, n2) = (x1.len(), x2.len());
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let groups = tie_groups(x1, x2);
    if groups.len() == 1 {
        return None;
    }
    // Ranks are doubled so that mid-ranks of ties stay integers.
    let doubled_sum: usize = groups.iter().map(|g| g.doubled_rank * g.in_first).sum();
    let u = half(doubled_sum) - half(n1 * (n1 + 1));
    let ties = groups.iter().any(|g| g.size > 1);
    let limit = if ties { TIES_EXACT_LIMIT } else { EXACT_LIMIT };
    if n1 <= limit && n2 <= limit {
        // U equal to its mirror n1·n2 − U: the middle of the distribution.
        let p = if doubled_sum == n1 * n2 + n1 * (n1 + 1) {
            1.0
        } else {
            exact_p(&groups, n1, doubled_sum)
        };
        return Some(UTest { u, p, exact: true });
    }
    normal_p(&groups, n1, n2, u).map(|p| UTest { u, p, exact: false })
}

/// The fewest values a side for which the test can reach `alpha` at all
/// (4 at 0.05), up to 100.
pub fn min_samples_for_test(alpha: f64) -> usize {
    (1..=100)
        .find(|&n| smallest_p(n, n) <= alpha)
        .unwrap_or(101)
}

/// The smallest p-value samples of `n1` and `n2` values can give: two
/// fully separated samples, `2 / C(n1 + n2, n1)`.
pub fn smallest_p(n1: usize, n2: usize) -> f64 {
    let mut choose = 1.0f64;
    for j in 1..=n1 {
        choose = choose * product(n2 + j, 1) / product(j, 1);
    }
    (2.0 / choose).min(1.0)
}

/// Equal values of the two samples merged: how many, how many from the
/// first sample, and their doubled mid-rank.
struct TieGroup {
    size: usize,
    in_first: usize,
    doubled_rank: usize,
}

fn tie_groups(x1: &[f64], x2: &[f64]) -> Vec<TieGroup> {
    let mut labelled: Vec<(f64, bool)> = x1
        .iter()
        .map(|&v| (v, true))
        .chain(x2.iter().map(|&v| (v, false)))
        .collect();
    labelled.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut groups: Vec<TieGroup> = Vec::new();
    let mut start = 0;
    for run in labelled.chunk_by(|a, b| a.0.total_cmp(&b.0).is_eq()) {
        let size = run.len();
        groups.push(TieGroup {
            size,
            in_first: run.iter().filter(|(_, first)| *first).count(),
            // Ranks start + 1 ..= start + size; twice their mean.
            doubled_rank: 2 * start + size + 1,
        });
        start += size;
    }
    groups
}

/// Twice the smaller tail of the doubled rank sum `observed` of the first
/// sample in its distribution given the ties: the number of ways to draw
/// `n1` of the ranked values with each rank sum, by tie group.
fn exact_p(groups: &[TieGroup], n1: usize, observed: usize) -> f64 {
    let max_sum: usize = groups.iter().map(|g| g.doubled_rank * g.size).sum();
    // ways[k][s]: draws of k values with doubled rank sum s.
    let mut ways = vec![vec![0.0f64; max_sum + 1]; n1 + 1];
    if let Some(first) = ways.first_mut().and_then(|row| row.first_mut()) {
        *first = 1.0;
    }
    let mut seen = 0;
    let mut reach = 0;
    for group in groups {
        seen += group.size;
        let choose = binomials(group.size);
        for k in (1..=n1.min(seen)).rev() {
            for j in 1..=group.size.min(k) {
                let step = j * group.doubled_rank;
                let (lower, upper) = ways.split_at_mut(k);
                let (Some(from), Some(to)) = (lower.get(k - j), upper.first_mut()) else {
                    continue;
                };
                let factor = choose.get(j).copied().unwrap_or(0.0);
                for (s, &count) in from.iter().enumerate().take(reach + 1) {
                    if count != 0.0
                        && let Some(slot) = to.get_mut(s + step)
                    {
                        *slot += count * factor;
                    }
                }
            }
        }
        reach += group.size * group.doubled_rank;
    }
    let Some(dist) = ways.get(n1) else {
        return 1.0;
    };
    let total: f64 = dist.iter().sum();
    let below: f64 = dist.iter().take(observed + 1).sum();
    let above: f64 = dist.iter().skip(observed).sum();
    (2.0 * below.min(above) / total).min(1.0)
}

/// C(n, j) for j = 0..=n.
fn binomials(n: usize) -> Vec<f64> {
    let mut row = vec![1.0f64];
    let mut value = 1.0f64;
    for j in 1..=n {
        value = value * product(n + 1 - j, 1) / product(j, 1);
        row.push(value);
    }
    row
}

/// The normal approximation with the tie correction and the continuity
/// correction; `None` when the variance is zero.
fn normal_p(groups: &[TieGroup], n1: usize, n2: usize, u: f64) -> Option<f64> {
    let tie_term: f64 = groups
        .iter()
        .map(|g| product(g.size * g.size, g.size) - product(g.size, 1))
        .sum();
    let n = product(n1 + n2, 1);
    let mean = product(n1, n2) / 2.0;
    let sigma = (product(n1, n2) * ((n + 1.0) - tie_term / (n * (n - 1.0))) / 12.0).sqrt();
    if sigma == 0.0 || sigma.is_nan() {
        return None;
    }
    let deviation = u - mean;
    let corrected = deviation - deviation.signum() * 0.5 * f64::from(deviation != 0.0);
    let z = corrected.abs() / sigma;
    // 2 · P(Z > |z|) = erfc(|z| / √2).
    Some(libm::erfc(z / std::f64::consts::SQRT_2).min(1.0))
}

#[expect(clippy::cast_precision_loss, reason = "sample sizes are small")]
fn product(a: usize, b: usize) -> f64 {
    a as f64 * b as f64
}

#[expect(clippy::cast_precision_loss, reason = "sample sizes are small")]
fn half(doubled: usize) -> f64 {
    doubled as f64 / 2.0
}
