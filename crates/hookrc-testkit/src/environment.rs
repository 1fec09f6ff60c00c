//! The hermetic environment every git and hookrc process of a test runs in.
//!
//! Built like gitoxide's `tests/tools` and uv's `uv-test`: the inherited
//! environment minus everything that could point git (or hookrc) somewhere
//! else, plus fixed identities, isolated config and a fixed locale.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;

/// The Unix time of a test repository's first git command; every later
/// command of the same [`TestRepo`](crate::TestRepo) is one minute later, so
/// commits are ordered by time and SHAs are stable.
pub const GIT_EPOCH: u64 = 1_700_000_000;

/// Config passed to every git process through `GIT_CONFIG_COUNT`.
const CONFIG: &[(&str, &str)] = &[
    ("init.defaultBranch", "main"),
    ("commit.gpgsign", "false"),
    ("tag.gpgsign", "false"),
    ("core.autocrlf", "false"),
    ("gc.auto", "0"),
    ("maintenance.auto", "false"),
    ("protocol.file.allow", "always"),
    ("advice.detachedHead", "false"),
];

/// Whether an inherited variable must not reach a test's processes: every
/// `GIT_*` variable (`GIT_DIR`, `GIT_INDEX_FILE`, `GIT_CONFIG_PARAMETERS`, …
/// set when the tests themselves run inside a git hook) and every `HOOKRC*`.
fn is_stripped(name: &OsString) -> bool {
    let name = name.to_string_lossy();
    name.starts_with("GIT_")
        || name.starts_with("HOOKRC")
        || matches!(
            name.as_ref(),
            "EMAIL" | "XDG_CONFIG_HOME" | "PAGER" | "LESS"
        )
}

/// The full environment for a process of a test whose temp root is
/// `tmp_root` (it holds `home/` with an empty `.gitconfig`); `tick` is the
/// number of minutes after [`GIT_EPOCH`] used for author and committer dates.
///
/// Give it to a `Command` with `env_clear().envs(..)`.
pub fn hermetic_env(tmp_root: &Path, tick: u64) -> BTreeMap<OsString, OsString> {
    let mut env: BTreeMap<OsString, OsString> = std::env::vars_os()
        .filter(|(name, _)| !is_stripped(name))
        .collect();
    let home = tmp_root.join("home");
    let date = format!("@{} +0000", GIT_EPOCH + tick * 60);
    let mut set = |name: &str, value: OsString| {
        env.insert(name.into(), value);
    };
    set("HOME", home.clone().into());
    set("XDG_CONFIG_HOME", home.join(".config").into());
    set("GIT_CONFIG_NOSYSTEM", "1".into());
    set("GIT_CONFIG_GLOBAL", home.join(".gitconfig").into());
    set("GIT_CEILING_DIRECTORIES", tmp_root.into());
    set("GIT_AUTHOR_NAME", "Test Author".into());
    set("GIT_AUTHOR_EMAIL", "author@example.com".into());
    set("GIT_AUTHOR_DATE", date.clone().into());
    set("GIT_COMMITTER_NAME", "Test Committer".into());
    set("GIT_COMMITTER_EMAIL", "committer@example.com".into());
    set("GIT_COMMITTER_DATE", date.into());
    set("GIT_TERMINAL_PROMPT", "0".into());
    set("GIT_PAGER", "cat".into());
    set("LC_ALL", "C".into());
    set("COLUMNS", "100".into());
    set("GIT_CONFIG_COUNT", CONFIG.len().to_string().into());
    for (i, (key, value)) in CONFIG.iter().enumerate() {
        set(&format!("GIT_CONFIG_KEY_{i}"), (*key).into());
        set(&format!("GIT_CONFIG_VALUE_{i}"), (*value).into());
    }
    env
}

/// Whether the fault-matrix test may skip a scenario this machine cannot
/// set up (the ones that need `mount`, so root): `HOOKRC_FAULTS_ALLOW_SKIP`
/// is set in the test's own environment. Without it a skip fails the test.
pub fn fault_skips_allowed() -> bool {
    std::env::vars_os().any(|(name, _)| name == "HOOKRC_FAULTS_ALLOW_SKIP")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_git_and_hookrc_variables_and_isolates_config() {
        let env = hermetic_env(Path::new("/t"), 2);
        for name in env.keys() {
            let name = name.to_string_lossy();
            assert!(!name.starts_with("HOOKRC"), "{name} leaked");
        }
        assert!(!env.contains_key(&OsString::from("GIT_DIR")));
        assert!(!env.contains_key(&OsString::from("GIT_INDEX_FILE")));
        assert_eq!(
            env[&OsString::from("GIT_CONFIG_GLOBAL")],
            "/t/home/.gitconfig"
        );
        assert_eq!(env[&OsString::from("GIT_AUTHOR_DATE")], "@1700000120 +0000");
        assert_eq!(
            env[&OsString::from("GIT_CONFIG_KEY_0")],
            "init.defaultBranch"
        );
    }
}
