//! Splitting file arguments across command lines, as `xargs` does.
//!
//! A custom check may be handed thousands of staged files; the kernel limits
//! the size of one command line, so the files are spread over as few
//! invocations as fit. It is separate from `exec` because it is pure
//! arithmetic on arguments, used before any job exists.

use std::ffi::OsString;
use std::mem::size_of;

/// A safe default for `max_bytes`: 128 KiB, what GNU `xargs` uses, far below
/// Linux's `ARG_MAX` (2 MiB with the default stack) even with a large
/// environment, and equal to the kernel's limit on one argument.
pub const DEFAULT_MAX_ARG_BYTES: usize = 128 * 1024;

/// The bytes one argument costs on a command line: its bytes, the NUL
/// terminator, and its `argv` pointer.
fn cost(arg: &OsString) -> usize {
    arg.len() + 1 + size_of::<usize>()
}

/// Splits `files` into command lines `fixed ++ chunk`, each at most
/// `max_bytes` (each argument counted as its bytes, its NUL and its
/// `argv` pointer), keeping the files' order.
///
/// No files give no command lines (the caller decides whether a command runs
/// without file arguments). A file too long to fit even alone still gets a
/// command line of its own, which the operating system will refuse with a
/// clear spawn error rather than the file being dropped silently.
pub fn batch_args(fixed: &[OsString], files: &[OsString], max_bytes: usize) -> Vec<Vec<OsString>> {
    let fixed_cost: usize = fixed.iter().map(cost).sum();
    let mut batches = Vec::new();
    let mut current = fixed.to_vec();
    let mut used = fixed_cost;
    for file in files {
        let next = cost(file);
        if current.len() > fixed.len() && used + next > max_bytes {
            batches.push(std::mem::replace(&mut current, fixed.to_vec()));
            used = fixed_cost;
        }
        current.push(file.clone());
        used += next;
    }
    if current.len() > fixed.len() {
        batches.push(current);
    }
    batches
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::{batch_args, cost};

    fn args(names: &[&str]) -> Vec<OsString> {
        names.iter().map(OsString::from).collect()
    }

    #[test]
    fn everything_fits_in_one_line() {
        let fixed = args(&["shellcheck", "--"]);
        let files = args(&["a.sh", "b c.sh", "-d.sh"]);
        let batches = batch_args(&fixed, &files, 4096);
        assert_eq!(
            batches,
            vec![args(&["shellcheck", "--", "a.sh", "b c.sh", "-d.sh"])]
        );
    }

    #[test]
    fn splits_at_the_limit_keeping_order_and_the_fixed_prefix() {
        let fixed = args(&["tool"]);
        let files: Vec<OsString> = (0..100)
            .map(|i| OsString::from(format!("file{i:03}.go")))
            .collect();
        let limit = 200;
        let batches = batch_args(&fixed, &files, limit);
        assert!(batches.len() > 1);
        for batch in &batches {
            assert_eq!(batch[0], fixed[0]);
            assert!(
                batch.iter().map(cost).sum::<usize>() <= limit,
                "{batch:?} is over {limit}"
            );
        }
        let rejoined: Vec<OsString> = batches.iter().flat_map(|b| b[1..].to_vec()).collect();
        assert_eq!(rejoined, files);
    }

    #[test]
    fn no_files_no_command_line_and_oversized_file_goes_alone() {
        assert!(batch_args(&args(&["tool"]), &[], 100).is_empty());
        let huge = OsString::from("x".repeat(500));
        let batches = batch_args(
            &args(&["tool"]),
            &[OsString::from("a"), huge.clone(), OsString::from("b")],
            100,
        );
        assert_eq!(
            batches,
            vec![
                args(&["tool", "a"]),
                vec![OsString::from("tool"), huge],
                args(&["tool", "b"])
            ]
        );
    }
}
