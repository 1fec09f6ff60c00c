//! Finding the Go toolchain and reading its environment once.
//!
//! [`Toolchain::locate`] resolves `go` (an explicit path from the policy,
//! else the `PATH` of the env map it is given, never the process's own),
//! runs `go env -json` once, and pairs `go` with the `gofmt` of the same
//! `GOROOT`. Every Go job is built from it, so all checks of a run use the same
//! binaries and the same environment.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::go::GoError;
use crate::{Cancel, Job, ProcessStatus, run};

/// The oldest Go the runner works with: `go.work` and `-overlay` need 1.18.
pub const MINIMUM_GO: GoVersion = GoVersion::new(1, 18, 0);

/// The variables read from `go env`. Asking for a list (rather than every
/// variable) skips the costly ones (`GOGCCFLAGS`, `CGO_*FLAGS`) and halves
/// the CPU time of the call; a variable an older Go does not know is empty.
pub const GO_ENV_KEYS: &[&str] = &[
    "CGO_ENABLED",
    "GO111MODULE",
    "GOARCH",
    "GOCACHE",
    "GOENV",
    "GOEXE",
    "GOFLAGS",
    "GOHOSTARCH",
    "GOHOSTOS",
    "GOINSECURE",
    "GOMOD",
    "GOMODCACHE",
    "GONOPROXY",
    "GONOSUMDB",
    "GOOS",
    "GOPATH",
    "GOPRIVATE",
    "GOPROXY",
    "GOROOT",
    "GOSUMDB",
    "GOTOOLCHAIN",
    "GOVERSION",
    "GOWORK",
];

/// A Go release number, as in `go1.27.3` (pre-release suffixes are dropped:
/// `go1.21rc2` is 1.21.0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoVersion {
    major: u32,
    minor: u32,
    patch: u32,
}

impl GoVersion {
    /// The version `major.minor.patch`.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Self {
            major,
            minor,
            patch,
        }
    }

    /// Parses `go1.27.3`, `1.27.3`, `1.21`, `go1.21rc2`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let text = text.strip_prefix("go").unwrap_or(text);
        let mut numbers = text.splitn(3, '.').map(|part| {
            let digits = part
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(part.len());
            part.get(..digits)
                .filter(|d| !d.is_empty())?
                .parse::<u32>()
                .ok()
        });
        let major = numbers.next()??;
        let minor = numbers.next().unwrap_or(Some(0))?;
        let patch = numbers.next().flatten().unwrap_or(0);
        Some(Self::new(major, minor, patch))
    }
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// What `go env -json` printed for [`GO_ENV_KEYS`], as Go resolved them
/// (process environment, `go env -w` file, defaults).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoEnv {
    vars: BTreeMap<String, String>,
}

impl GoEnv {
    /// Parses the output of `go env -json`.
    pub fn from_json(json: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(json).map(|vars| Self { vars })
    }

    /// One variable; `None` when Go did not print it. Empty values are kept.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.vars.get(key).map(String::as_str)
    }

    /// Every variable.
    pub fn vars(&self) -> &BTreeMap<String, String> {
        &self.vars
    }

    /// `GOVERSION`, parsed.
    pub fn version(&self) -> Option<GoVersion> {
        self.get("GOVERSION").and_then(GoVersion::parse)
    }

    /// `GOROOT`.
    pub fn goroot(&self) -> Option<&Path> {
        self.get("GOROOT").filter(|v| !v.is_empty()).map(Path::new)
    }

    /// `GOPATH` (possibly a list).
    pub fn gopath(&self) -> Option<&str> {
        self.get("GOPATH")
    }

    /// `GOFLAGS`.
    pub fn goflags(&self) -> Option<&str> {
        self.get("GOFLAGS")
    }

    /// `GO111MODULE` (`on`, `off`, `auto` or empty).
    pub fn go111module(&self) -> Option<&str> {
        self.get("GO111MODULE")
    }

    /// Whether module mode is switched off (`GO111MODULE=off`): GOPATH mode.
    pub fn modules_off(&self) -> bool {
        self.go111module() == Some("off")
    }
}

/// The `go` and `gofmt` binaries to use, the environment to run them with,
/// and what `go env` said.
#[derive(Clone, Debug)]
pub struct Toolchain {
    go: PathBuf,
    gofmt: PathBuf,
    env: BTreeMap<OsString, OsString>,
    go_env: GoEnv,
    version: GoVersion,
}

impl Toolchain {
    /// Finds `go` (`explicit`, a path or a name looked up on the `PATH` of
    /// `env`; else `go` on that `PATH`), reads
    /// `go env -json` in `dir`, finds the matching `gofmt`, and checks the
    /// version against [`MINIMUM_GO`].
    ///
    /// # Errors
    ///
    /// [`GoError::GoNotFound`] naming the binary and where it was looked for,
    /// [`GoError::GoTooOld`] with the versions, [`GoError::GoEnv`] when
    /// `go env` fails.
    pub fn locate(
        explicit: Option<&Path>,
        env: BTreeMap<OsString, OsString>,
        dir: &Path,
        cancel: &Cancel,
    ) -> Result<Self, GoError> {
        let go = resolve_go(explicit, &env)?;
        let go_env = read_go_env(&go, &env, dir, cancel)?;
        Self::from_parts(go, env, go_env)
    }

    /// [`Toolchain::locate`], reusing what `go env` said last time when
    /// nothing it depends on changed: the `go` binary, every `GO*`/`CGO_*`
    /// variable and `PATH`, `HOME`, `XDG_CONFIG_HOME`, `CC` of `env`, the
    /// `go env -w` file, the distribution's `go.env`, and `dir` with its
    /// `go.mod` and `go.work` (a `toolchain` line can switch Go). The answer
    /// is kept in `cache`; a cache that cannot be read or written is
    /// ignored.
    ///
    /// # Errors
    ///
    /// As [`Toolchain::locate`].
    pub fn locate_cached(
        explicit: Option<&Path>,
        env: BTreeMap<OsString, OsString>,
        dir: &Path,
        cancel: &Cancel,
        cache: &Path,
    ) -> Result<Self, GoError> {
        let go = resolve_go(explicit, &env)?;
        let key = env_key(&go, &env, dir);
        let cached = std::fs::read(cache)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CachedEnv>(&bytes).ok())
            .filter(|cached| cached.key == key);
        let go_env = if let Some(cached) = cached {
            GoEnv { vars: cached.vars }
        } else {
            let go_env = read_go_env(&go, &env, dir, cancel)?;
            let entry = CachedEnv {
                key,
                vars: go_env.vars.clone(),
            };
            if let Ok(json) = serde_json::to_vec(&entry) {
                // A cache is a courtesy: failing to keep it changes nothing.
                let _ = std::fs::write(cache, json);
            }
            go_env
        };
        Self::from_parts(go, env, go_env)
    }

    /// The toolchain of the `go` binary at `go`, given what its `go env`
    /// said.
    fn from_parts(
        go: PathBuf,
        env: BTreeMap<OsString, OsString>,
        go_env: GoEnv,
    ) -> Result<Self, GoError> {
        let version = go_env.version().ok_or_else(|| GoError::GoEnv {
            binary: go.clone(),
            message: format!(
                "unrecognised GOVERSION `{}`",
                go_env.get("GOVERSION").unwrap_or("")
            ),
        })?;
        let gofmt = resolve_gofmt(&go, &go_env, &env)?;
        let toolchain = Self {
            go,
            gofmt,
            env,
            go_env,
            version,
        };
        toolchain.require(MINIMUM_GO)?;
        Ok(toolchain)
    }

    /// Fails unless this Go is at least `needed`.
    ///
    /// # Errors
    ///
    /// [`GoError::GoTooOld`] with the version found and the one needed.
    pub fn require(&self, needed: GoVersion) -> Result<(), GoError> {
        if self.version >= needed {
            return Ok(());
        }
        Err(GoError::GoTooOld {
            binary: self.go.clone(),
            found: self.version,
            needed,
        })
    }

    /// The Go version (`GOVERSION`).
    pub fn version(&self) -> GoVersion {
        self.version
    }

    /// The `go` binary.
    pub fn go(&self) -> &Path {
        &self.go
    }

    /// The `gofmt` binary of the same `GOROOT`.
    pub fn gofmt(&self) -> &Path {
        &self.gofmt
    }

    /// The environment every Go job gets.
    pub fn env(&self) -> &BTreeMap<OsString, OsString> {
        &self.env
    }

    /// What `go env -json` printed.
    pub fn go_env(&self) -> &GoEnv {
        &self.go_env
    }

    /// A job running `go args…` in `cwd` with the toolchain's environment.
    pub fn go_job<I, S>(&self, args: I, cwd: &Path) -> Job
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        Job::new([self.go.as_os_str()], cwd)
            .with_args(args)
            .with_env(self.env.clone())
    }
}

/// Looks `name` up on the `PATH` of `env` as `execvp` would: the first
/// executable regular file. Names with a `/` are taken as paths.
pub fn find_program(name: &OsStr, env: &BTreeMap<OsString, OsString>) -> Option<PathBuf> {
    let as_path = Path::new(name);
    if as_path.components().count() > 1 {
        return is_executable(as_path).then(|| as_path.to_path_buf());
    }
    let path = env.get(OsStr::new("PATH"))?;
    std::env::split_paths(path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// How a failed lookup is described: `on PATH (`…`)`.
pub(crate) fn searched_path(env: &BTreeMap<OsString, OsString>) -> String {
    match env.get(OsStr::new("PATH")) {
        Some(path) => format!("on PATH (`{}`)", path.to_string_lossy()),
        None => "on PATH (no PATH is set)".to_owned(),
    }
}

fn is_executable(path: &Path) -> bool {
    path.metadata()
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

/// What [`Toolchain::locate_cached`] keeps: the key it was read under and
/// what `go env` said.
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedEnv {
    key: String,
    vars: BTreeMap<String, String>,
}

/// Everything `go env`'s answer depends on, as one string.
fn env_key(go: &Path, env: &BTreeMap<OsString, OsString>, dir: &Path) -> String {
    use std::fmt::Write as _;
    let mut key = String::new();
    let stamp = |path: &Path| match std::fs::metadata(path) {
        Ok(meta) => {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{}", meta.len(), modified)
        }
        Err(_) => "-".to_owned(),
    };
    let _ = write!(key, "go={}|{}|", go.display(), stamp(go));
    if let Some(root) = go.parent().and_then(Path::parent) {
        let _ = write!(key, "go.env={}|", stamp(&root.join("go.env")));
    }
    for (name, value) in env {
        let name = name.to_string_lossy();
        let relevant = name.starts_with("GO")
            || name.starts_with("CGO_")
            || ["PATH", "HOME", "XDG_CONFIG_HOME", "CC"].contains(&name.as_ref());
        if relevant {
            let _ = write!(key, "{name}={}|", value.to_string_lossy());
        }
    }
    if let Some(file) = go_env_file(env) {
        let _ = write!(key, "goenv={}|", stamp(&file));
    }
    let _ = write!(
        key,
        "dir={}|go.mod={}|go.work={}",
        dir.display(),
        stamp(&dir.join("go.mod")),
        stamp(&dir.join("go.work"))
    );
    key
}

/// The file `go env -w` writes, which the go command reads: `GOENV`, else
/// `go/env` in the user's configuration directory (`XDG_CONFIG_HOME`, else
/// `~/.config`).
pub fn go_env_file(env: &BTreeMap<OsString, OsString>) -> Option<PathBuf> {
    if let Some(file) = env.get(OsStr::new("GOENV")) {
        return Some(PathBuf::from(file));
    }
    let config = env
        .get(OsStr::new("XDG_CONFIG_HOME"))
        .map(PathBuf::from)
        .or_else(|| {
            env.get(OsStr::new("HOME"))
                .map(|home| Path::new(home).join(".config"))
        })?;
    Some(config.join("go/env"))
}

fn resolve_go(
    explicit: Option<&Path>,
    env: &BTreeMap<OsString, OsString>,
) -> Result<PathBuf, GoError> {
    let wanted = explicit.map_or(OsStr::new("go"), Path::as_os_str);
    find_program(wanted, env).ok_or_else(|| GoError::GoNotFound {
        binary: Path::new(wanted).display().to_string(),
        searched: match explicit {
            Some(path) if path.components().count() > 1 => {
                "at the configured path (no executable file there)".to_owned()
            }
            _ => searched_path(env),
        },
    })
}

fn read_go_env(
    go: &Path,
    env: &BTreeMap<OsString, OsString>,
    dir: &Path,
    cancel: &Cancel,
) -> Result<GoEnv, GoError> {
    let job = Job::new(
        [go.as_os_str(), OsStr::new("env"), OsStr::new("-json")],
        dir,
    )
    .with_env(env.clone());
    let env_error = |message: String| GoError::GoEnv {
        binary: go.to_path_buf(),
        message,
    };
    let done = run(&job, cancel).map_err(|source| GoError::Exec {
        tool: "go env".to_owned(),
        source,
    })?;
    match done.status() {
        ProcessStatus::Exited(0) => {}
        ProcessStatus::Cancelled => {
            return Err(GoError::Interrupted {
                tool: "go env".to_owned(),
            });
        }
        status => {
            let stderr = String::from_utf8_lossy(done.stderr());
            return Err(env_error(format!("{status:?}: {}", stderr.trim())));
        }
    }
    GoEnv::from_json(done.stdout()).map_err(|e| env_error(format!("unreadable output: {e}")))
}

fn resolve_gofmt(
    go: &Path,
    go_env: &GoEnv,
    env: &BTreeMap<OsString, OsString>,
) -> Result<PathBuf, GoError> {
    let in_goroot = go_env.goroot().map(|root| root.join("bin").join("gofmt"));
    let beside_go = go.parent().map(|dir| dir.join("gofmt"));
    in_goroot
        .into_iter()
        .chain(beside_go)
        .find(|candidate| is_executable(candidate))
        .or_else(|| find_program(OsStr::new("gofmt"), env))
        .ok_or_else(|| GoError::GoNotFound {
            binary: "gofmt".to_owned(),
            searched: format!(
                "in `GOROOT/bin`, beside `{}`, and {}",
                go.display(),
                searched_path(env)
            ),
        })
}

#[cfg(test)]
mod tests;
