//! One renderer per output format, each writing a [`Report`](super::report::Report)
//! to any `Write` so tests render into a buffer: `human` (for people, on
//! stderr), `json` (for machines, on stdout), `github` (GitHub Actions
//! workflow commands, on stdout).

pub(crate) mod commits;
pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod snippet;

use std::time::Duration;

use crate::output::report::CheckReport;

/// How long a check took, as reports say it: `12ms`, or for a verdict
/// replayed from the cache `cached: 365ms then, 1ms now`.
pub(crate) fn took(check: &CheckReport) -> String {
    match &check.cached {
        Some(cached) => format!(
            "cached: {} then, {} now",
            duration(cached.duration),
            duration(check.duration)
        ),
        None => duration(check.duration),
    }
}

/// A duration as people read it: `850µs`, `12ms`, `1.52s`.
pub(crate) fn duration(duration: Duration) -> String {
    let micros = duration.as_micros();
    if micros < 1_000 {
        format!("{micros}µs")
    } else if micros < 1_000_000 {
        format!("{}ms", micros / 1_000)
    } else {
        format!("{:.2}s", duration.as_secs_f64())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::time::Duration;

    use crate::output::diagnostic::{Diagnostic, Severity};
    use crate::output::report::{CheckReport, CheckStatus, Report};

    /// A report with every status, located and unlocated diagnostics and hints.
    pub(crate) fn sample() -> Report {
        let mut fmt = CheckReport::new("fmt", CheckStatus::Passed);
        fmt.duration = Duration::from_millis(12);
        fmt.output = "all good\n".into();
        let mut todo = CheckReport::new("no-todo", CheckStatus::Failed);
        todo.duration = Duration::from_millis(2_500);
        todo.output = "a b.txt:1:TODO: 100% done, really\n".into();
        todo.diagnostics = vec![
            Diagnostic::new("no-todo", Severity::Error, "`grep` exited with status 1"),
            Diagnostic {
                file: Some("dir/a, b.go".into()),
                line: Some(3),
                column: Some(7),
                ..Diagnostic::new("no-todo", Severity::Error, "TODO left\nin the code")
            }
            .with_hint("remove it"),
        ];
        let mut lint = CheckReport::new("shellcheck", CheckStatus::Error);
        lint.diagnostics = vec![
            Diagnostic::new(
                "shellcheck",
                Severity::Error,
                "`shellcheck` was not found on PATH",
            )
            .with_hint("install it, or mark the check `optional = true`"),
        ];
        let skipped = CheckReport::new("slow", CheckStatus::Skipped("`HOOKRC_SKIP`".into()));
        let mut warn = CheckReport::new(
            "opt",
            CheckStatus::Skipped("`opt-tool` is not installed".into()),
        );
        warn.diagnostics = vec![Diagnostic::new(
            "opt",
            Severity::Warning,
            "`opt-tool` was not found on PATH",
        )];
        Report::hook("pre-commit", vec![fmt, todo, lint, skipped, warn])
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(super::duration(Duration::from_micros(850)), "850µs");
        assert_eq!(super::duration(Duration::from_millis(12)), "12ms");
        assert_eq!(super::duration(Duration::from_millis(1520)), "1.52s");
    }

    #[test]
    fn a_replayed_verdict_says_it_is_cached_with_both_durations() {
        let mut check = CheckReport::new("go-vet", CheckStatus::Passed);
        check.duration = Duration::from_millis(12);
        assert_eq!(super::took(&check), "12ms");
        check.cached = Some(crate::output::report::Cached {
            duration: Duration::from_millis(365),
        });
        check.duration = Duration::from_micros(850);
        assert_eq!(super::took(&check), "cached: 365ms then, 850µs now");
        let json = serde_json::to_value(&check).expect("json");
        assert_eq!(json["cached"]["duration_ms"], 365);
        assert_eq!(json["duration_ms"], 0);
    }
}
