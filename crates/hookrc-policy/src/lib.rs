//! The `.hookrc.toml` policy model: strict loading with located errors, the
//! typed settings of every built-in check, custom command checks, the
//! embedded default policy, the starter policy and (feature `schema`) the
//! JSON Schema.
//!
//! ```
//! use std::path::Path;
//!
//! let text = r#"
//! [hooks]
//! commit-msg = ["conventional"]
//! pre-commit = ["shellcheck"]
//!
//! [check.shellcheck]
//! run = ["shellcheck", "--"]
//! files = ["*.sh"]
//! "#;
//! let policy = hookrc_policy::parse(text, Path::new(".hookrc.toml")).unwrap();
//! let (name, check) = policy.checks_for("pre-commit").next().unwrap();
//! assert_eq!(name, "shellcheck");
//! let hookrc_policy::Check::Command(command) = check else { unreachable!() };
//! assert!(command.matches(Path::new("scripts/release.sh")));
//!
//! let error = hookrc_policy::parse("[hooks]\npre-comit = []\n", Path::new(".hookrc.toml"))
//!     .unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     ".hookrc.toml:2:1: unknown hook `pre-comit`\n  |\n2 | pre-comit = []\n  | ^^^^^^^^^\n  |\nhelp: did you mean `pre-commit`?"
//! );
//! ```

macro_rules! common_accessors {
    (filters: $($check:ty),*) => {$(
        impl $check {
            /// The `files` globs (`[]`: every path the check looks at).
            pub fn files(&self) -> &$crate::Globs {
                &self.files
            }
            /// The `exclude` globs.
            pub fn exclude(&self) -> &$crate::Globs {
                &self.exclude
            }
            /// True when `path` (repo-relative) matches `files` (or `files`
            /// is empty) and does not match `exclude`.
            pub fn matches(&self, path: &std::path::Path) -> bool {
                self.files.matches_or_empty(path) && !self.exclude.matches(path)
            }
        }
    )*};
    (runs: $($check:ty),*) => {$(
        impl $check {
            /// How long the check may run.
            pub fn timeout(&self) -> std::time::Duration {
                self.timeout.duration()
            }
            /// Whether a missing tool is a skip (with a notice) rather than an error.
            pub fn optional(&self) -> bool {
                self.optional
            }
        }
    )*};
    (cached: $($check:ty),*) => {$(
        impl $check {
            /// Whether the verdict may be reused for the same inputs (`cache`).
            pub fn cache(&self) -> bool {
                self.cache
            }
        }
    )*};
}

mod changelog;
mod command;
mod conventional;
mod defaults;
mod error;
mod fields;
mod file;
mod go;
mod go_push;
mod hooks;
mod load;
mod model;
mod patterns;
mod push_input;
#[cfg(all(test, feature = "schema"))]
mod reference;
mod render;
mod rules;
#[cfg(feature = "schema")]
mod schema;
mod suggest;
#[cfg(test)]
mod tests;
mod values;
mod words;

pub use changelog::{ChangelogSettings, GoReleaseCheck, Level, Section};
pub use command::CommandCheck;
pub use conventional::{ConventionalCheck, RuleSetting};
pub use defaults::{DEFAULT_POLICY, StarterContext, default_policy, starter};
pub use error::{Invalid, PolicyError};
pub use file::MAX_POLICY_BYTES;
pub use go::{GoFmtCheck, GoLintCheck, GoSettings, GoVetCheck, LintTool, PackageScope};
pub use go_push::{
    BenchAgainst, GoBenchCheck, GoBuildCheck, GoEnvCheck, GoModCheck, GoTestCheck, GoVersion,
};
pub use hooks::CLIENT_HOOKS;
pub use load::{DefaultContext, POLICY_FILE, load, parse, read};
pub use model::{BUILTIN_CHECKS, Check, Policy, PolicySource};
pub use patterns::{Globs, GoRegex, Pattern};
pub use push_input::{PushInputError, PushedRef, parse_push_input};
#[cfg(feature = "schema")]
pub use schema::json_schema;
pub use suggest::{closest, did_you_mean};
pub use values::{Env, Target};
