//! Custom command checks: a `[check.NAME]` whose name is not built in and
//! that gives `run`.
//!
//! Each field's doc comment is its entry in the policy reference.

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::patterns::Globs;
use crate::values::{Env, Timeout};

/// A custom check: your own command, run on the matching files.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each is an independent policy key"
)]
pub struct CommandCheck {
    /// The command as an argv array, e.g. `["shellcheck", "--"]`; the
    /// matching file names are appended. Never run through a shell unless
    /// `shell` is set.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    run: Vec<String>,
    /// Only files matching one of these globs (repo-relative; `*` also
    /// matches `/`, so `*.sh` matches `scripts/x.sh`). `[]`: every file.
    #[serde(default)]
    files: Globs,
    /// Skip files matching one of these globs.
    #[serde(default)]
    exclude: Globs,
    /// Append the matching file names to `run` (in batches that fit the
    /// command line). `false`: run once, without file names.
    #[serde(default = "yes")]
    pass_filenames: bool,
    /// Run `run[0]` as a script with this shell, as `SHELL -c SCRIPT NAME ARGS… FILES…`
    /// (so the script sees the check name as `$0`, `run[1..]` and the files
    /// as `$1…`), e.g. `shell = "sh"`. Absent: no shell, ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shell: Option<String>,
    /// Stop the command after this long.
    #[serde(default = "default_timeout")]
    timeout: Timeout,
    /// Extra environment variables for the command.
    #[serde(default, skip_serializing_if = "Env::is_empty")]
    env: Env,
    /// Run even when no staged file matches `files`.
    #[serde(default)]
    always_run: bool,
    /// When `run[0]` is not installed, skip with a notice instead of failing.
    #[serde(default)]
    optional: bool,
    /// Reuse the verdict of an earlier run that judged the same inputs: the
    /// check's files, `cache-inputs`, its configuration, argv, the resolved
    /// executable and the environment. Off by default: a command may read
    /// anything, so turn this on only when its verdict depends on nothing else.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "schema", schemars(extend("default" = false)))]
    cache: bool,
    /// Files outside its own that the command reads (globs over the judged
    /// content, e.g. `["go.mod", "config/**"]`): part of the cache key.
    /// Setting it turns `cache` on.
    #[serde(default, skip_serializing_if = "Globs::is_empty")]
    #[cfg_attr(feature = "schema", schemars(extend("default" = [])))]
    cache_inputs: Globs,
}

fn yes() -> bool {
    true
}

fn default_timeout() -> Timeout {
    Timeout::secs(60)
}

impl CommandCheck {
    /// The argv as written (`run`), never empty.
    pub fn run(&self) -> &[String] {
        &self.run
    }

    /// The argv to execute before file names are appended: `run` as is, or
    /// `[shell, "-c", run[0], name, run[1..]…]` when `shell` is set.
    pub fn argv(&self, name: &str) -> Vec<String> {
        match &self.shell {
            None => self.run.clone(),
            Some(shell) => {
                let mut argv = vec![shell.clone(), "-c".into()];
                argv.extend(self.run.first().cloned());
                argv.push(name.to_owned());
                argv.extend(self.run.iter().skip(1).cloned());
                argv
            }
        }
    }

    /// The `files` globs.
    pub fn files(&self) -> &Globs {
        &self.files
    }

    /// The `exclude` globs.
    pub fn exclude(&self) -> &Globs {
        &self.exclude
    }

    /// True when `path` (repo-relative) matches `files` (or `files` is empty)
    /// and does not match `exclude`.
    pub fn matches(&self, path: &Path) -> bool {
        self.files.matches_or_empty(path) && !self.exclude.matches(path)
    }

    /// Whether file names are appended to the command.
    pub fn pass_filenames(&self) -> bool {
        self.pass_filenames
    }

    /// The shell that runs `run[0]` as a script, if the policy asks for one.
    pub fn shell(&self) -> Option<&str> {
        self.shell.as_deref()
    }

    /// How long the command may run.
    pub fn timeout(&self) -> Duration {
        self.timeout.duration()
    }

    /// Extra environment variables.
    pub fn env(&self) -> &Env {
        &self.env
    }

    /// Whether to run even when no file matches.
    pub fn always_run(&self) -> bool {
        self.always_run
    }

    /// Whether a missing `run[0]` is a skip rather than an error.
    pub fn optional(&self) -> bool {
        self.optional
    }

    /// Whether the verdict may be reused: `cache = true`, or `cache-inputs` given.
    pub fn cache(&self) -> bool {
        self.cache || !self.cache_inputs.is_empty()
    }

    /// The `cache-inputs` globs: files read besides the check's own.
    pub fn cache_inputs(&self) -> &Globs {
        &self.cache_inputs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> CommandCheck {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn defaults_and_matching() {
        let check =
            check("run = [\"shellcheck\", \"--\"]\nfiles = [\"*.sh\"]\nexclude = [\"vendor/**\"]");
        assert!(check.pass_filenames() && !check.always_run() && check.shell().is_none());
        assert_eq!(check.timeout(), Duration::from_mins(1));
        assert!(check.matches(Path::new("scripts/release.sh")));
        assert!(!check.matches(Path::new("vendor/x/a.sh")));
        assert!(!check.matches(Path::new("main.go")));
        assert_eq!(check.argv("sc"), ["shellcheck", "--"]);
    }

    #[test]
    fn shell_wraps_the_script() {
        let check = check("run = [\"echo \\\"$@\\\"\", \"x\"]\nshell = \"sh\"");
        assert_eq!(
            check.argv("greet"),
            ["sh", "-c", "echo \"$@\"", "greet", "x"]
        );
        assert!(check.matches(Path::new("any/file\nwith newline")));
    }
}
