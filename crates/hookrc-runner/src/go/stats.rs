//! benchstat's statistics for go-bench: the median of each sample with its
//! distribution-free confidence interval ([`summarize`]), and the
//! Mann-Whitney U test between two samples ([`u_test`]). They live apart
//! from the benchmark plumbing because they are pure arithmetic on numbers,
//! tested against values computed independently (scipy).
//!
//! Where benchstat and these differ, it is said on the function.

mod interval;
mod utest;

pub use interval::{CONFIDENCE, Summary, min_samples_for_interval, summarize};
pub use utest::{UTest, min_samples_for_test, smallest_p, u_test};

#[cfg(test)]
mod tests;
