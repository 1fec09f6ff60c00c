//! The statistics against values computed independently with scipy 1.17
//! (in a throwaway virtualenv: `python3 -m venv /tmp/v && /tmp/v/bin/pip
//! install scipy`), and against benchstat's own test data where it has
//! some. Each expected number is the output of the command quoted above it.

use super::{
    CONFIDENCE, min_samples_for_interval, min_samples_for_test, smallest_p, summarize, u_test,
};
use crate::go::stats::interval::orders;

/// `p` equals `expected` to 1e-9, relatively.
fn assert_p(x1: &[f64], x2: &[f64], u: f64, expected: f64, exact: bool) {
    let test = u_test(x1, x2).expect("testable");
    assert!(
        (test.p - expected).abs() <= 1e-9 * expected.max(1e-300),
        "p = {} for {x1:?} vs {x2:?}, expected {expected}",
        test.p
    );
    assert!((test.u - u).abs() < 1e-12, "U = {}, expected {u}", test.u);
    assert_eq!(test.exact, exact, "exact for {x1:?} vs {x2:?}");
}

// Without ties: `scipy.stats.mannwhitneyu(x1, x2, alternative='two-sided',
// method='exact')`, whose `.statistic` is U of x1 and `.pvalue` p.

#[test]
fn separated_samples_of_four_reach_the_smallest_p() {
    // benchstat's `check3(s1, s2, 0, …, 0.028571428571428577, …)`; scipy:
    // U=0.0 p=0.02857142857142857.
    assert_p(
        &[2.0, 1.0, 3.0, 5.0],
        &[12.0, 11.0, 13.0, 15.0],
        0.0,
        0.028_571_428_571_428_57,
        true,
    );
}

#[test]
fn interleaved_samples_of_four() {
    // benchstat's `check3(s1, s3, 5, …, 0.485714285714285770, …)`; scipy:
    // U=5.0 p=0.4857142857142857.
    assert_p(
        &[2.0, 1.0, 3.0, 5.0],
        &[0.0, 4.0, 6.0, 7.0],
        5.0,
        0.485_714_285_714_285_7,
        true,
    );
}

#[test]
fn five_against_five() {
    // scipy: U=2.0 p=0.031746031746031744.
    assert_p(
        &[101.2, 99.8, 100.4, 102.9, 100.1],
        &[103.5, 104.2, 100.9, 105.0, 103.1],
        2.0,
        0.031_746_031_746_031_744,
        true,
    );
}

#[test]
fn six_against_eight() {
    // scipy: U=4.0 p=0.007992007992007992.
    assert_p(
        &[5.1, 4.8, 5.3, 5.0, 4.9, 5.6],
        &[5.2, 5.8, 5.5, 5.9, 6.1, 5.4, 5.7, 6.3],
        4.0,
        0.007_992_007_992_007_992,
        true,
    );
}

#[test]
fn ten_against_ten_ns_per_op() {
    // scipy: U=14.0 p=0.0051960423477451344.
    assert_p(
        &[
            1023.4, 1019.8, 1031.2, 1025.5, 1018.1, 1040.7, 1022.3, 1027.9, 1020.6, 1029.4,
        ],
        &[
            1030.1, 1035.8, 1026.4, 1041.9, 1033.3, 1028.2, 1038.5, 1036.7, 1032.0, 1044.6,
        ],
        14.0,
        0.005_196_042_347_745_134_4,
        true,
    );
}

#[test]
fn ten_against_twelve_not_significant() {
    // scipy: U=45.0 p=0.34627910788901506.
    assert_p(
        &[3.12, 3.05, 3.31, 2.98, 3.22, 3.09, 3.27, 3.15, 3.01, 3.19],
        &[
            3.08, 3.25, 3.13, 3.35, 3.03, 3.29, 3.21, 3.11, 3.33, 3.17, 3.24, 3.07,
        ],
        45.0,
        0.346_279_107_889_015_06,
        true,
    );
}

#[test]
fn twenty_against_twenty() {
    // scipy: U=24.0 p=1.060599793491412e-07.
    assert_p(
        &[
            812.0, 797.0, 825.0, 803.0, 790.0, 818.0, 809.0, 821.0, 799.0, 806.0, 815.0, 793.0,
            828.0, 801.0, 811.0, 819.0, 795.0, 823.0, 808.0, 804.0,
        ],
        &[
            826.0, 831.0, 814.0, 840.0, 822.0, 835.0, 817.0, 838.0, 829.0, 844.0, 820.0, 833.0,
            827.0, 846.0, 836.0, 824.0, 842.0, 832.0, 830.0, 839.0,
        ],
        24.0,
        1.060_599_793_491_412e-7,
        true,
    );
}

// With ties, the exact p-value is that of the permutation distribution given
// the ties (scipy's `method='exact'` ignores ties): `U = lambda a, b,
// axis=-1: mannwhitneyu(a, b, axis=axis, method='asymptotic').statistic;
// permutation_test((x1, x2), U, permutation_type='independent',
// n_resamples=np.inf, alternative='two-sided', vectorized=True).pvalue`,
// which enumerates every split of the pooled values.

#[test]
fn ties_with_a_constant_sample() {
    // benchstat's `check3(s1, s4, 10, …, 0.7142857142857143, …)`; scipy's
    // permutation test: 0.7142857142857143.
    assert_p(
        &[2.0, 1.0, 3.0, 5.0],
        &[2.0, 2.0, 2.0, 2.0],
        10.0,
        0.714_285_714_285_714_3,
        true,
    );
}

#[test]
fn a_sample_against_itself_is_p_one() {
    // benchstat's `check3(s1, s1, 8, …, 1, …)`; scipy: 1.0.
    assert_p(&[2.0, 1.0, 3.0, 5.0], &[2.0, 1.0, 3.0, 5.0], 8.0, 1.0, true);
}

#[test]
fn lopsided_ties_give_the_real_p_value() {
    // benchstat's `check3(s1, s5, 17.5, …, 0, …)` says p = 0 here; scipy's
    // permutation test: 0.09523809523809523.
    assert_p(
        &[2.0, 1.0, 3.0, 5.0],
        &[1.0, 1.0, 1.0, 1.0, 1.0],
        17.5,
        0.095_238_095_238_095_23,
        true,
    );
}

#[test]
fn constant_allocs_that_changed() {
    // scipy's permutation test: U=0.0 p=0.0021645021645021645 (benchstat's
    // smallest p for n=6, `uTestMinP[6]`).
    assert_p(&[1.0; 6], &[2.0; 6], 0.0, 0.002_164_502_164_502_164_5, true);
}

#[test]
fn bytes_per_op_with_many_ties() {
    // scipy's permutation test: U=19.0 p=0.0186299768343112.
    assert_p(
        &[16.0, 16.0, 24.0, 16.0, 16.0, 16.0, 24.0, 16.0, 16.0, 16.0],
        &[24.0, 24.0, 16.0, 24.0, 32.0, 24.0, 24.0, 16.0, 24.0, 24.0],
        19.0,
        0.018_629_976_834_311_2,
        true,
    );
}

#[test]
fn rounded_timings_eight_against_nine() {
    // scipy's permutation test: U=8.5 p=0.0053475935828877.
    assert_p(
        &[120.0, 118.0, 121.0, 118.0, 125.0, 119.0, 120.0, 122.0],
        &[
            121.0, 124.0, 126.0, 121.0, 127.0, 125.0, 124.0, 128.0, 123.0,
        ],
        8.5,
        0.005_347_593_582_887_7,
        true,
    );
}

#[test]
fn twelve_against_twelve_with_ties() {
    // scipy's permutation test: U=18.5 p=0.0012114685691210123.
    assert_p(
        &[7.0, 8.0, 7.0, 9.0, 8.0, 8.0, 10.0, 7.0, 9.0, 8.0, 9.0, 8.0],
        &[
            8.0, 9.0, 10.0, 9.0, 11.0, 10.0, 9.0, 12.0, 10.0, 9.0, 11.0, 10.0,
        ],
        18.5,
        0.001_211_468_569_121_012_3,
        true,
    );
}

// Beyond benchstat's exact limits (25 a side with ties, 50 without), the
// normal approximation with tie and continuity corrections:
// `mannwhitneyu(x1, x2, alternative='two-sided', method='asymptotic',
// use_continuity=True)`.

#[test]
fn thirty_a_side_with_ties_is_approximated() {
    // scipy: U=170.5 p=3.222435007070535e-05.
    let x1 = [
        100.0, 101.0, 99.0, 97.0, 99.0, 97.0, 100.0, 104.0, 99.0, 98.0, 101.0, 101.0, 100.0, 97.0,
        100.0, 102.0, 96.0, 99.0, 94.0, 96.0, 94.0, 99.0, 96.0, 101.0, 100.0, 99.0, 92.0, 98.0,
        100.0, 100.0,
    ];
    let x2 = [
        97.0, 101.0, 99.0, 100.0, 105.0, 100.0, 102.0, 105.0, 100.0, 102.0, 102.0, 102.0, 98.0,
        102.0, 106.0, 97.0, 105.0, 102.0, 100.0, 108.0, 104.0, 98.0, 102.0, 104.0, 101.0, 104.0,
        102.0, 104.0, 106.0, 100.0,
    ];
    assert_p(&x1, &x2, 170.5, 3.222_435_007_070_535e-5, false);
}

#[test]
fn sixty_against_fifty_five_without_ties_is_approximated() {
    // scipy: U=1425.0 p=0.2087685956580444.
    let x1 = [
        50.406, 49.073, 50.255, 47.626, 48.841, 49.608, 51.798, 52.29, 47.353, 48.411, 51.294,
        46.015, 49.074, 49.805, 52.514, 51.379, 49.346, 49.263, 49.5, 53.047, 49.144, 49.393,
        50.705, 49.758, 49.605, 47.772, 49.977, 49.113, 52.332, 51.306, 49.952, 51.337, 49.32,
        52.104, 49.989, 51.167, 47.418, 50.693, 46.624, 45.929, 49.391, 48.2, 50.328, 54.49,
        48.337, 48.752, 50.411, 50.986, 49.647, 49.588, 51.405, 51.04, 47.933, 49.842, 50.071,
        47.891, 50.52, 48.284, 51.944, 50.385,
    ];
    let x2 = [
        50.979, 49.618, 50.563, 46.805, 48.537, 51.526, 46.543, 52.493, 47.308, 52.313, 49.109,
        52.358, 51.062, 47.726, 53.298, 53.683, 50.668, 50.252, 50.48, 48.85, 52.997, 49.714,
        50.698, 49.213, 49.548, 48.245, 53.314, 50.492, 52.732, 50.827, 49.411, 50.147, 49.68,
        50.816, 50.049, 50.2, 48.043, 49.186, 54.108, 49.458, 48.692, 51.475, 53.615, 47.892,
        50.383, 49.536, 47.278, 52.27, 50.753, 50.943, 49.295, 51.71, 49.721, 50.514, 48.583,
    ];
    assert_p(&x1, &x2, 1425.0, 0.208_768_595_658_044_4, false);
}

#[test]
fn nothing_to_rank_is_no_test() {
    assert_eq!(u_test(&[], &[1.0]), None);
    assert_eq!(u_test(&[2.0, 2.0], &[2.0, 2.0, 2.0]), None);
}

#[test]
fn the_fewest_samples_match_benchstat() {
    // benchstat's `uTestMinP` table: 2 / C(2n, n) first reaches 0.05 at
    // n = 4 and 0.01 at n = 5; its median interval needs 6 values at 95 %.
    assert_eq!(min_samples_for_test(0.05), 4);
    assert_eq!(min_samples_for_test(0.01), 5);
    assert_eq!(min_samples_for_test(0.001), 7);
    assert_eq!(min_samples_for_interval(CONFIDENCE), 6);
    // The exact p of fully separated samples, `mannwhitneyu([1, 2, 3],
    // range(4, 14), alternative='two-sided', method='exact')`:
    // 0.006993006993006993; of six against six: 0.0021645021645021645.
    assert!((smallest_p(3, 10) - 0.006_993_006_993_006_993).abs() < 1e-15);
    assert!((smallest_p(10, 3) - 0.006_993_006_993_006_993).abs() < 1e-15);
    assert!((smallest_p(6, 6) - 0.002_164_502_164_502_164_5).abs() < 1e-15);
}

/// `(lo, hi, confidence)` equals the expected orders and level (1e-12).
fn assert_orders(n: usize, confidence: f64, expected: (usize, usize, f64)) {
    let (lo, hi, actual) = orders(n, confidence);
    assert_eq!(
        (lo, hi),
        (expected.0, expected.1),
        "n = {n} at {confidence}"
    );
    assert!(
        (actual - expected.2).abs() < 1e-12,
        "n = {n}: {actual} vs {}",
        expected.2
    );
}

#[test]
fn median_intervals_match_benchstats_test_data() {
    // go-moremath's TestQuantileCI, q = 0.5, exact binomial branch.
    assert_orders(4, 0.001, (2, 3, 0.375));
    assert_orders(4, 0.375_000_1, (1, 3, 0.625));
    assert_orders(4, 0.99, (0, 5, 1.0));
    assert_orders(4, 0.99 - 0.0625, (0, 4, 0.375 + 2.0 * 0.25 + 0.0625));
    assert_orders(5, 0.001, (2, 3, 0.3125));
    assert_orders(5, 0.312_500_1, (2, 4, 0.625));
    assert_orders(5, 0.99 - 0.031_25, (0, 5, 1.0 - 0.031_25));
}

#[test]
fn median_intervals_at_95_percent_match_the_binomial() {
    // The shortest run [l, r) of counts of B(n, 1/2) whose probability
    // reaches 0.95, the most probable of those, then the leftmost, with
    // probabilities `scipy.stats.binom.cdf(r - 1, n, 0.5) -
    // binom.cdf(l - 1, n, 0.5)`; searched over every run, not grown.
    let table = [
        (4, (0, 5, 1.0)),
        (5, (0, 5, 0.968_75)),
        (6, (1, 6, 0.968_75)),
        (7, (1, 7, 0.984_375)),
        (8, (1, 7, 0.960_937_5)),
        (9, (2, 8, 0.960_937_5)),
        (10, (2, 9, 0.978_515_625)),
        (12, (3, 10, 0.961_425_781_25)),
        (15, (4, 12, 0.964_843_75)),
        (20, (6, 15, 0.958_610_534_667_968_8)),
        (30, (10, 21, 0.957_226_054_742_932_3)),
        (50, (18, 32, 0.951_126_107_681_729_7)),
    ];
    for (n, expected) in table {
        assert_orders(n, CONFIDENCE, expected);
    }
}

#[test]
fn a_summary_is_the_median_between_order_statistics() {
    let values = [9.0, 3.0, 7.0, 1.0, 5.0, 10.0, 2.0, 8.0, 4.0, 6.0];
    let summary = summarize(&values, CONFIDENCE).expect("values");
    // n = 10: orders 2 and 9 of 1..=10.
    assert_eq!((summary.center, summary.lo, summary.hi), (5.5, 2.0, 9.0));
    let spread = summary.relative_spread().expect("finite");
    assert!((spread - (1.0 - 2.0 / 5.5)).abs() < 1e-12, "{spread}");
    let small = summarize(&[3.0, 1.0, 2.0, 5.0, 4.0], CONFIDENCE).expect("values");
    assert_eq!((small.center, small.lo), (3.0, f64::NEG_INFINITY));
    assert_eq!(small.relative_spread(), None);
    assert_eq!(summarize(&[], CONFIDENCE), None);
}
