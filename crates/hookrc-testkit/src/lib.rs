//! hookrc-testkit: hermetic, real-git test repositories for hookrc's tests.
//!
//! [`TestRepo`] creates a repository in a temporary directory with real
//! `git init` and drives it with real git commands, in an environment that is
//! isolated from the machine it runs on: no system or global
//! git config, `HOME` inside the temp dir, ceiling directories, fixed
//! identities and dates, and no inherited `GIT_*` or `HOOKRC*` variables.
//!
//! The hookrc binary's path is only known to the integration test target
//! (`env!("CARGO_BIN_EXE_hookrc")`), so [`test_repo!`] expands in the caller
//! and hands that path to [`TestRepo::with_hookrc`]:
//!
//! ```no_run
//! use hookrc_testkit::TestRepo;
//!
//! // In an integration test: `let repo = hookrc_testkit::test_repo!();`
//! let repo = TestRepo::new().with_hookrc("/path/to/hookrc");
//! repo.write("a.txt", "hello\n");
//! repo.commit_all("feat: first");
//! let before = repo.snapshot_state();
//! let output = repo.hookrc_cmd().arg("--version").output().expect("run hookrc");
//! assert!(output.status.success());
//! assert_eq!(before, repo.snapshot_state());
//! ```

mod environment;
mod filters;
mod repo;
mod state;

pub use environment::{GIT_EPOCH, fault_skips_allowed, hermetic_env};
pub use filters::{duration_filter, path_filters};
pub use repo::TestRepo;
pub use state::RepoState;

#[doc(hidden)]
pub mod __private {
    pub use insta;
    pub use insta_cmd;
}

/// A [`TestRepo`] wired to the hookrc binary of the calling test target.
///
/// Expands to `TestRepo::new().with_hookrc(env!("CARGO_BIN_EXE_hookrc"))`
/// in the caller, where Cargo defines that variable (integration tests only).
#[macro_export]
macro_rules! test_repo {
    () => {
        $crate::TestRepo::new().with_hookrc(env!("CARGO_BIN_EXE_hookrc"))
    };
}

/// Snapshot a command's whole transcript (success, exit code, stdout,
/// stderr) with the repository's path filters applied: the temp root becomes
/// `[REPO]`, the binary `[HOOKRC]`, durations `[TIME]`.
///
/// `hookrc_snapshot!(repo, cmd, @"…")` for an inline snapshot,
/// `hookrc_snapshot!(repo, cmd)` for a file snapshot.
#[macro_export]
macro_rules! hookrc_snapshot {
    ($repo:expr, $cmd:expr, @$snapshot:literal) => {{
        let mut settings = $crate::__private::insta::Settings::clone_current();
        for (pattern, replacement) in $repo.filters() {
            settings.add_filter(&pattern, replacement);
        }
        settings.bind(|| {
            $crate::__private::insta_cmd::assert_cmd_snapshot!($cmd, @$snapshot);
        });
    }};
    ($repo:expr, $cmd:expr) => {{
        let mut settings = $crate::__private::insta::Settings::clone_current();
        for (pattern, replacement) in $repo.filters() {
            settings.add_filter(&pattern, replacement);
        }
        settings.bind(|| {
            $crate::__private::insta_cmd::assert_cmd_snapshot!($cmd);
        });
    }};
}
