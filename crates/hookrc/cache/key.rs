//! The cache key of a check: a hash of everything that can change its
//! verdict, computed without starting a process. A stale hit is the worst
//! bug a verdict cache can have, so when an input might matter it is in.
//!
//! | input | Go checks | custom commands (`cache = true`) |
//! |---|---|---|
//! | hookrc | its version and the binary's identity | same |
//! | configuration | the check's settings and `[go]` | the check's settings (argv, `env`, …) |
//! | tool | the `go` binary (path, device, inode, size, mtime), `GOROOT/go.env` and the `go env -w` file; go-lint's linter binary | the resolved `run[0]` |
//! | environment | `GO*`, `CGO_*`, compilers, `PATH`, `HOME`, …; go-test every variable | every variable |
//! | content | every entry of the snapshot (mode, object id, path) and the changed paths | the files given, the files beside and above them (where tools find their configuration), `cache-inputs` |
//! | git's input | (judges content only) | the hook's arguments and stdin |
//!
//! "Every variable" leaves out git's own (`GIT_*`: a temporary index name,
//! the reflog action), hookrc's (`HOOKRC*`) and the shell's bookkeeping
//! (`PWD`, `OLDPWD`, `SHLVL`, `_`). The hook's name is not in a Go check's
//! key: pre-push reuses the verdict pre-commit gave the same content.
//!
//! No key (the check always runs): content from the working tree,
//! `conventional` and `go-release` (they run in-process, cheaper than a
//! lookup), `go-bench` (a measurement, not a verdict on content), go-fmt
//! with `fix = true` (its fix must happen), `cache = false`, a custom command
//! without `cache = true` or `cache-inputs`, a tool that cannot be found.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use hookrc_policy::{Check, CommandCheck, GoLintCheck};
use hookrc_runner::go::{find_program, go_env_file};
use serde::Serialize;

use crate::checks::{CheckContext, go};
use crate::git::blob_id;

/// A cache key: the hex hash of a check's inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Key(String);

impl Key {
    /// The key of the encoded inputs `bytes`.
    pub(crate) fn of_bytes(bytes: &[u8]) -> anyhow::Result<Self> {
        Ok(Self(blob_id(bytes)?))
    }

    /// The key as hex.
    pub(crate) fn hex(&self) -> &str {
        &self.0
    }

    /// A number in `0..=255` taken from the key, evenly spread.
    pub(crate) fn bucket(&self) -> u8 {
        self.0
            .get(..2)
            .and_then(|byte| u8::from_str_radix(byte, 16).ok())
            .unwrap_or(0)
    }
}

/// Bump when what goes into a key changes meaning.
const KEY_FORMAT: &str = "2";

/// The variables that affect the go command besides its own (`GO*`,
/// `CGO_*`).
const GO_VARIABLES: &[&str] = &[
    "PATH",
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "CC",
    "CXX",
    "FC",
    "AR",
    "GCCGO",
    "PKG_CONFIG",
    "LD_LIBRARY_PATH",
];

/// The variables a run sets that say nothing about what is judged.
const BOOKKEEPING: &[&str] = &["PWD", "OLDPWD", "SHLVL", "_"];

/// The key of the check `name` in this run, or `None` when its verdict must
/// not be reused (see the module docs).
pub(crate) fn of(
    name: &str,
    check: &Check,
    context: &CheckContext<'_>,
) -> anyhow::Result<Option<Key>> {
    if has_nothing_to_judge(check, context) {
        return Ok(None);
    }
    let mut inputs = Inputs::default();
    inputs.add("format", KEY_FORMAT);
    inputs.add("hookrc", env!("CARGO_PKG_VERSION"));
    inputs.add("check", name);
    let wanted = match check {
        Check::GoFmt(c) if c.cache() && !c.fix() => {
            inputs.paths("files", context.snapshot.files());
            go_inputs(&mut inputs, context, c, None)
        }
        Check::GoVet(c) if c.cache() => go_inputs(&mut inputs, context, c, None),
        Check::GoLint(c) if c.cache() => go_inputs(&mut inputs, context, c, Some(c)),
        Check::GoTest(c) if c.cache() => {
            inputs.env("environment", &go::go_env(context), is_run_specific);
            go_inputs(&mut inputs, context, c, None)
        }
        Check::GoBuild(c) if c.cache() => go_inputs(&mut inputs, context, c, None),
        Check::GoMod(c) if c.cache() => go_inputs(&mut inputs, context, c, None),
        Check::GoEnv(c) if c.cache() => go_inputs(&mut inputs, context, c, None),
        Check::Command(c) if c.cache() => command_inputs(&mut inputs, name, context, c),
        _ => Ok(false),
    }?;
    if !wanted {
        return Ok(None);
    }
    inputs.add("hookrc binary", hookrc_stamp());
    Ok(Some(Key::of_bytes(&inputs.0)?))
}

/// The [`stamp`] of the running hookrc binary, taken once per process.
fn hookrc_stamp() -> &'static str {
    static STAMP: OnceLock<String> = OnceLock::new();
    STAMP.get_or_init(|| {
        std::env::current_exe()
            .map(|exe| stamp(&exe))
            .unwrap_or_default()
    })
}

/// Whether the run's file list leaves `check` nothing to look at (no Go
/// file staged or changed that it applies to): it then skips at once, and a
/// key would only cost the index read it needs.
fn has_nothing_to_judge(check: &Check, context: &CheckContext<'_>) -> bool {
    let none_of = |paths: Option<&[PathBuf]>, matches: &dyn Fn(&Path) -> bool| {
        paths.is_some_and(|paths| !paths.iter().any(|f| go::is_go(f) && matches(f)))
    };
    let snapshot = context.snapshot;
    match check {
        Check::GoFmt(c) => none_of(snapshot.files(), &|f| c.matches(f)),
        Check::GoVet(c) => none_of(snapshot.changed(), &|f| c.matches(f)),
        Check::GoLint(c) => none_of(snapshot.changed(), &|f| c.matches(f)),
        _ => false,
    }
}

/// A Go check's inputs; `false` when the content is the working tree, or
/// the go command (or the linter) cannot be found (the check reports that).
fn go_inputs(
    inputs: &mut Inputs,
    context: &CheckContext<'_>,
    settings: &impl Serialize,
    linter: Option<&GoLintCheck>,
) -> anyhow::Result<bool> {
    let Some(stored) = context.snapshot.content()? else {
        return Ok(false);
    };
    inputs.json("settings", settings)?;
    inputs.json("[go]", context.go.settings())?;
    let env = go::go_env(context);
    let wanted = context
        .go
        .settings()
        .go()
        .map_or(OsStr::new("go"), Path::as_os_str);
    let Some(go) = find_program(wanted, &env) else {
        return Ok(false);
    };
    let go = std::fs::canonicalize(&go).unwrap_or(go);
    inputs.add("go", stamp(&go));
    if let Some(goroot) = go.parent().and_then(Path::parent) {
        inputs.file("GOROOT/go.env", &goroot.join("go.env"));
    }
    if let Some(file) = go_env_file(&env) {
        inputs.file("GOENV", &file);
    }
    if let Some(check) = linter {
        let Some(binary) = linter_binary(check, &env) else {
            return Ok(false);
        };
        inputs.add("linter", stamp(&binary));
    }
    inputs.env("go environment", &env, |name| !is_go_variable(name));
    inputs.paths("changed", context.snapshot.changed());
    inputs.add("content", stored.digest());
    Ok(true)
}

/// A custom command's inputs; `false` when the content is the working
/// tree, or `run[0]` cannot be found.
fn command_inputs(
    inputs: &mut Inputs,
    name: &str,
    context: &CheckContext<'_>,
    check: &CommandCheck,
) -> anyhow::Result<bool> {
    let Some(stored) = context.snapshot.content()? else {
        return Ok(false);
    };
    inputs.json("settings", check)?;
    let argv = check.argv(name);
    let mut env = context.env.clone();
    for (key, value) in check.env().vars() {
        env.insert(key.into(), value.into());
    }
    let program = argv.first().map_or(OsStr::new(""), OsStr::new);
    let Some(exe) = find_program(program, &env)
        .or_else(|| find_program(context.root.join(program).as_os_str(), &env))
    else {
        return Ok(false);
    };
    inputs.add("executable", stamp(&exe));
    inputs.env("environment", &env, is_run_specific);
    let hook_args: Vec<&[u8]> = context
        .hook_args
        .iter()
        .map(|a| a.as_encoded_bytes())
        .collect();
    inputs.add("hook arguments", hook_args.join(&0));
    inputs.add("stdin", context.stdin.as_deref().unwrap_or_default());
    let given = context.snapshot.files().map(|files| {
        files
            .iter()
            .filter(|file| check.matches(file))
            .cloned()
            .collect::<Vec<PathBuf>>()
    });
    inputs.paths("given", given.as_deref());
    match given.filter(|files| !files.is_empty()) {
        // The whole tree: what the command sees without files.
        None => inputs.add("content", stored.digest()),
        Some(files) => {
            let seen = seen_with(&files);
            let own: PathBuf = Path::new(program)
                .components()
                .filter(|c| *c != Component::CurDir)
                .collect();
            let keep =
                |path: &Path| seen(path) || check.cache_inputs().matches(path) || path == own;
            let mut listing = Vec::new();
            stored.listing(Some(&keep), &mut listing);
            inputs.add("content", listing);
        }
    }
    Ok(true)
}

/// What a command given `files` sees: those files, and the files of the
/// directories holding them and of every directory above.
fn seen_with(files: &[PathBuf]) -> impl Fn(&Path) -> bool + '_ {
    let dirs: BTreeSet<&Path> = files
        .iter()
        .filter_map(|file| file.parent())
        .flat_map(Path::ancestors)
        .collect();
    move |path: &Path| {
        files.iter().any(|file| file == path) || path.parent().is_some_and(|p| dirs.contains(p))
    }
}

/// The linter go-lint runs: `path` (the binary, or the directory holding
/// it), else its name on the `PATH` of the Go environment plus its `env`.
fn linter_binary(check: &GoLintCheck, go_env: &BTreeMap<OsString, OsString>) -> Option<PathBuf> {
    let name = check.tool().name();
    match check.path() {
        Some(dir) if dir.is_dir() => Some(dir.join(name)),
        Some(file) => Some(file.to_owned()),
        None => {
            let mut env = go_env.clone();
            for (key, value) in check.env().vars() {
                env.insert(key.into(), value.into());
            }
            find_program(OsStr::new(name), &env)
        }
    }
}

/// Whether the go command reads the variable `name`.
fn is_go_variable(name: &str) -> bool {
    name.starts_with("GO") || name.starts_with("CGO_") || GO_VARIABLES.contains(&name)
}

/// Whether `name` is set per run by git, hookrc or the shell.
fn is_run_specific(name: &str) -> bool {
    name.starts_with("GIT_") || name.starts_with("HOOKRC") || BOOKKEEPING.contains(&name)
}

/// The identity of the file at `path`: where it really is, its device,
/// inode, size and modification time (a replaced or rewritten binary
/// changes at least one), `-` when it cannot be read.
fn stamp(path: &Path) -> String {
    use std::os::unix::fs::MetadataExt as _;
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    match std::fs::metadata(&real) {
        Ok(meta) => format!(
            "{} {} {} {} {}.{}",
            real.display(),
            meta.dev(),
            meta.ino(),
            meta.size(),
            meta.mtime(),
            meta.mtime_nsec()
        ),
        Err(_) => format!("{} -", real.display()),
    }
}

/// The encoded inputs: each a label, its length and its bytes, so no two
/// different sets of inputs encode the same.
#[derive(Default)]
struct Inputs(Vec<u8>);

impl Inputs {
    fn add(&mut self, label: &str, value: impl AsRef<[u8]>) {
        let value = value.as_ref();
        self.0.extend_from_slice(label.as_bytes());
        self.0.push(0);
        self.0
            .extend_from_slice(&(value.len() as u64).to_le_bytes());
        self.0.extend_from_slice(value);
    }

    fn json(&mut self, label: &str, value: &impl Serialize) -> anyhow::Result<()> {
        self.add(label, serde_json::to_vec(value)?);
        Ok(())
    }

    /// The content of a small configuration file (`-` when absent).
    fn file(&mut self, label: &str, path: &Path) {
        match std::fs::read(path) {
            Ok(bytes) => self.add(label, bytes),
            Err(_) => self.add(label, "-"),
        }
    }

    /// `paths` NUL-separated, `-` for none (which differs from an empty list).
    fn paths(&mut self, label: &str, paths: Option<&[PathBuf]>) {
        let Some(paths) = paths else {
            self.add(label, "-");
            return;
        };
        let mut bytes = b"+".to_vec();
        for path in paths {
            bytes.extend_from_slice(path.as_os_str().as_encoded_bytes());
            bytes.push(0);
        }
        self.add(label, bytes);
    }

    /// The variables of `env` that `skip` does not leave out.
    fn env(
        &mut self,
        label: &str,
        env: &BTreeMap<OsString, OsString>,
        skip: impl Fn(&str) -> bool,
    ) {
        let mut bytes = Vec::new();
        for (name, value) in env {
            if skip(&name.to_string_lossy()) {
                continue;
            }
            bytes.extend_from_slice(name.as_encoded_bytes());
            bytes.push(b'=');
            bytes.extend_from_slice(value.as_encoded_bytes());
            bytes.push(0);
        }
        self.add(label, bytes);
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{Inputs, is_go_variable, is_run_specific};

    fn encoded(fill: impl FnOnce(&mut Inputs)) -> Vec<u8> {
        let mut inputs = Inputs::default();
        fill(&mut inputs);
        inputs.0
    }

    #[test]
    fn different_inputs_never_encode_the_same() {
        assert_ne!(encoded(|i| i.add("a", "bc")), encoded(|i| i.add("ab", "c")));
        assert_ne!(
            encoded(|i| {
                i.add("x", "1");
                i.add("y", "");
            }),
            encoded(|i| i.add("x", "1\0y"))
        );
        assert_ne!(
            encoded(|i| i.paths("files", None)),
            encoded(|i| i.paths("files", Some(&[])))
        );
        let one = [PathBuf::from("a b")];
        let two = [PathBuf::from("a"), PathBuf::from("b")];
        assert_ne!(
            encoded(|i| i.paths("files", Some(&one))),
            encoded(|i| i.paths("files", Some(&two)))
        );
    }

    #[test]
    fn variables_are_sorted_into_go_run_specific_and_the_rest() {
        for name in [
            "GOFLAGS",
            "GOOS",
            "CGO_ENABLED",
            "GOEXPERIMENT",
            "CC",
            "PATH",
        ] {
            assert!(is_go_variable(name), "{name}");
        }
        assert!(!is_go_variable("DATABASE_URL"));
        for name in [
            "GIT_INDEX_FILE",
            "GIT_REFLOG_ACTION",
            "HOOKRC_SKIP",
            "PWD",
            "_",
        ] {
            assert!(is_run_specific(name), "{name}");
        }
        assert!(!is_run_specific("DATABASE_URL"));
    }
}
