//! Bounded parallelism with results in input order.
//!
//! [`run_ordered`] is how every fan-out in hookrc runs (checks side by side,
//! gofmt per file, batches of a custom command): a local rayon pool capped at
//! `max_jobs`, sized to the work so a hook with one check spawns no thread at
//! all, and no global pool to configure or to fight over. [`run_on_cores`]
//! caps it at the machine's cores.

use rayon::ThreadPoolBuilder;
use rayon::iter::{IntoParallelIterator, ParallelIterator};

/// Applies `f` to every item with at most `max_jobs` running at once, and
/// returns the results in the order of `items`, whatever order they finish in.
///
/// One item, or `max_jobs <= 1`, runs on the calling thread with no pool.
/// Otherwise a local rayon pool of `min(max_jobs, items.len())` threads is
/// built for the call (the callers' work is processes, so a thread start of a
/// few tens of microseconds is noise). If the pool cannot be built (the system
/// is out of threads), the items run one after the other on this thread.
pub fn run_ordered<T, R>(items: Vec<T>, max_jobs: usize, f: impl Fn(T) -> R + Sync + Send) -> Vec<R>
where
    T: Send,
    R: Send,
{
    let threads = max_jobs.min(items.len());
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|index| format!("hookrc-job-{index}"))
        .build();
    match pool {
        Ok(pool) => pool.install(|| items.into_par_iter().map(&f).collect()),
        Err(_) => items.into_iter().map(f).collect(),
    }
}

/// How many jobs the machine runs at once: its available cores (asking
/// reads cgroup files under /proc and /sys), at least 1.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// [`run_ordered`] with one job per core; the core count is only asked for
/// when there are two items or more, since one item runs on this thread
/// anyway (a hook with one check must not pay for the question).
pub fn run_on_cores<T, R>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R>
where
    T: Send,
    R: Send,
{
    let jobs = if items.len() > 1 { cores() } else { 1 };
    run_ordered(items, jobs, f)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::run_ordered;

    #[test]
    fn one_job_per_core_keeps_input_order_for_one_item_and_many() {
        assert_eq!(super::run_on_cores(vec![7], |i: u32| i + 1), [8]);
        let items: Vec<u64> = (0..6).collect();
        let out = super::run_on_cores(items, |i| {
            std::thread::sleep(Duration::from_millis((6 - i) * 3));
            i * 2
        });
        assert_eq!(out, [0, 2, 4, 6, 8, 10]);
        assert!(super::cores() >= 1);
    }

    #[test]
    fn results_keep_input_order_when_later_items_finish_first() {
        let items: Vec<u64> = (0..8).collect();
        let results = run_ordered(items, 4, |i| {
            std::thread::sleep(Duration::from_millis((8 - i) * 5));
            i * 10
        });
        assert_eq!(results, vec![0, 10, 20, 30, 40, 50, 60, 70]);
    }

    #[test]
    fn never_runs_more_than_max_jobs_at_once() {
        let running = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let results = run_ordered((0..12).collect(), 3, |i: usize| {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(10));
            running.fetch_sub(1, Ordering::SeqCst);
            i
        });
        assert_eq!(results, (0..12).collect::<Vec<_>>());
        let peak = peak.load(Ordering::SeqCst);
        assert!(peak <= 3, "{peak} items ran at once, the cap is 3");
        assert!(peak >= 2, "items never overlapped: peak {peak}");
    }

    #[test]
    fn single_item_and_single_job_run_on_the_calling_thread() {
        let caller = std::thread::current().id();
        assert_eq!(
            run_ordered(vec![1], 8, |_| std::thread::current().id()),
            vec![caller]
        );
        let ids = run_ordered(vec![1, 2, 3], 1, |_| std::thread::current().id());
        assert_eq!(ids, vec![caller; 3]);
        assert_eq!(run_ordered(Vec::<u8>::new(), 4, |i| i), Vec::<u8>::new());
    }
}
