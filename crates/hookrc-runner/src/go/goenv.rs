//! go-env: the Go environment policy. Refuses `GOSUMDB=off`, a non-empty
//! `GOINSECURE`, `GOFLAGS` with `-insecure` (or `-mod=mod` where a module is
//! vendored) and `GOPROXY` entries outside the allowed list; requires private
//! module prefixes to be covered by `GONOPROXY` and `GONOSUMDB` (both default
//! to `GOPRIVATE`); checks a minimum Go version against the toolchain and the
//! `go.mod` `go`/`toolchain` lines. Every finding names the variable and
//! where its value came from: the environment, the `go env -w` file, or Go's
//! default.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::go::toolchain::{GoVersion, Toolchain};
use crate::{Finding, Outcome};

/// What go-env enforces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvPolicy {
    /// The allowed `GOPROXY` entries (`direct` and `off` must be listed to
    /// be allowed; the policy's default lists both).
    pub allowed_proxies: Vec<String>,
    /// Private module path prefixes.
    pub private: Vec<String>,
    /// The lowest Go version allowed.
    pub min_go: Option<GoVersion>,
}

/// Checks the toolchain's environment (as `go env` resolved it) and the
/// `go.mod` files of `modules` (directories relative to `root`) against
/// `policy`.
pub fn check_env(
    toolchain: &Toolchain,
    name: &str,
    policy: &EnvPolicy,
    root: &Path,
    modules: &[PathBuf],
) -> Outcome {
    let sources = Sources::new(toolchain);
    let get = |key: &str| toolchain.go_env().get(key).unwrap_or("").trim().to_owned();
    let vendored = modules
        .iter()
        .any(|m| root.join(m).join("vendor/modules.txt").is_file());
    let mut findings = Vec::new();
    if get("GOSUMDB") == "off" {
        findings.push(sources.finding("GOSUMDB", "off", "checksum verification is switched off"));
    }
    let insecure = get("GOINSECURE");
    if !insecure.is_empty() {
        findings.push(sources.finding(
            "GOINSECURE",
            &insecure,
            "modules may be fetched without TLS",
        ));
    }
    findings.extend(goflags_findings(&sources, &get("GOFLAGS"), vendored));
    findings.extend(proxy_findings(
        &sources,
        &get("GOPROXY"),
        &policy.allowed_proxies,
    ));
    findings.extend(private_findings(
        &sources,
        &get("GONOPROXY"),
        &get("GONOSUMDB"),
        &policy.private,
    ));
    if let Some(min) = policy.min_go {
        findings.extend(version_findings(toolchain, min, root, modules));
    }
    Outcome::judged(name, findings)
}

/// Where each variable's value came from.
struct Sources<'a> {
    toolchain: &'a Toolchain,
    file: Option<(PathBuf, Vec<(String, String)>)>,
}

impl<'a> Sources<'a> {
    fn new(toolchain: &'a Toolchain) -> Self {
        let file = toolchain
            .go_env()
            .get("GOENV")
            .filter(|p| !p.is_empty() && *p != "off")
            .map(PathBuf::from)
            .and_then(|path| {
                let text = std::fs::read_to_string(&path).ok()?;
                let vars = text
                    .lines()
                    .filter_map(|l| l.split_once('='))
                    .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                    .collect();
                Some((path, vars))
            });
        Self { toolchain, file }
    }

    /// `environment`, `go env file <path>`, or `Go's default`.
    fn of(&self, key: &str) -> String {
        if self.toolchain.env().contains_key(OsStr::new(key)) {
            return "environment".to_owned();
        }
        match &self.file {
            Some((path, vars)) if vars.iter().any(|(k, _)| k == key) => {
                format!("go env file {}", path.display())
            }
            _ => "Go's default".to_owned(),
        }
    }

    fn finding(&self, key: &str, value: &str, why: &str) -> Finding {
        Finding::new(format!("{key}={value} (from {}): {why}", self.of(key)))
    }
}

fn goflags_findings(sources: &Sources<'_>, goflags: &str, vendored: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    for flag in goflags.split_whitespace() {
        let bare = flag.trim_start_matches('-');
        if bare == "insecure" || bare.starts_with("insecure=") {
            findings.push(sources.finding(
                "GOFLAGS",
                goflags,
                &format!("`{flag}` allows fetching without TLS"),
            ));
        } else if vendored && bare == "mod=mod" {
            findings.push(sources.finding(
                "GOFLAGS",
                goflags,
                &format!("`{flag}` bypasses vendor/, but this module is vendored"),
            ));
        }
    }
    findings
}

fn proxy_findings(sources: &Sources<'_>, goproxy: &str, allowed: &[String]) -> Vec<Finding> {
    goproxy
        .split([',', '|'])
        .map(str::trim)
        .filter(|entry| !entry.is_empty() && !allowed.iter().any(|a| a == entry))
        .map(|entry| {
            sources
                .finding(
                    "GOPROXY",
                    goproxy,
                    &format!("`{entry}` is not an allowed proxy"),
                )
                .with_hint(format!("allowed: {}", allowed.join(", ")))
        })
        .collect()
}

fn private_findings(
    sources: &Sources<'_>,
    noproxy: &str,
    nosumdb: &str,
    private: &[String],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for prefix in private {
        for (key, value, leak) in [
            ("GONOPROXY", noproxy, "would be fetched through the proxy"),
            (
                "GONOSUMDB",
                nosumdb,
                "would be looked up in the checksum database",
            ),
        ] {
            if !covers(value, prefix) {
                findings.push(
                    sources
                        .finding(
                            key,
                            value,
                            &format!("private modules under `{prefix}` {leak}"),
                        )
                        .with_hint(format!(
                            "add `{prefix}` to GOPRIVATE (go env -w GOPRIVATE=…)"
                        )),
                );
            }
        }
    }
    findings
}

/// Whether a comma-separated list of glob patterns (Go's `GOPRIVATE`
/// syntax: each pattern matches a path prefix with as many elements) covers
/// `prefix`.
fn covers(patterns: &str, prefix: &str) -> bool {
    let elements: Vec<&str> = prefix.split('/').collect();
    patterns
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .any(|pattern| {
            let parts: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
            parts.len() <= elements.len()
                && parts
                    .iter()
                    .zip(&elements)
                    .all(|(p, e)| glob(p.as_bytes(), e.as_bytes()))
        })
}

/// `*` and `?` within one path element.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|i| glob(rest, &text[i..])),
        Some((b'?', rest)) => !text.is_empty() && glob(rest, &text[1..]),
        Some((c, rest)) => text.first() == Some(c) && glob(rest, &text[1..]),
    }
}

fn version_findings(
    toolchain: &Toolchain,
    min: GoVersion,
    root: &Path,
    modules: &[PathBuf],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if toolchain.version() < min {
        findings.push(Finding::new(format!(
            "the Go toolchain `{}` is Go {}, older than the minimum {min}",
            toolchain.go().display(),
            toolchain.version()
        )));
    }
    for module in modules {
        let go_mod = module.join("go.mod");
        let Ok(text) = std::fs::read_to_string(root.join(&go_mod)) else {
            continue;
        };
        for (number, line) in (1u32..).zip(text.lines()) {
            let mut words = line.split_whitespace();
            let (Some(directive @ ("go" | "toolchain")), Some(value)) =
                (words.next(), words.next())
            else {
                continue;
            };
            if let Some(version) = GoVersion::parse(value).filter(|v| *v < min) {
                findings.push(
                    Finding::new(format!(
                        "the `{directive}` line asks for Go {version}, older than the minimum {min}"
                    ))
                    .with_file(&go_mod)
                    .at(number, None),
                );
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests;
