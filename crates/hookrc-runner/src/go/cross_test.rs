//! Tests on other targets than the host: `go test` cross-compiled for a
//! `GOOS/GOARCH` and run under QEMU user emulation (`-exec qemu-<arch>`)
//! when the machine cannot execute it, so a test that fails only on arm64
//! fails before the push. Every finding names the target.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::go::GoError;
use crate::go::build::{Platform, labelled};
use crate::go::cover::test_failures;
use crate::go::target::Target;
use crate::go::toolchain::{Toolchain, find_program};
use crate::{Cancel, Outcome, ProcessStatus};

/// How the tests of one foreign target run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossTest {
    /// The target.
    pub platform: Platform,
    /// The emulator to run its test binaries, `None` when the host runs
    /// them natively.
    pub emulator: Option<PathBuf>,
    /// Extra `go test` arguments.
    pub args: Vec<OsString>,
}

impl CrossTest {
    /// The tests of `platform` on a host of `host_goos`/`host_goarch`:
    /// natively where the host runs it (same OS, same architecture, or 386
    /// on amd64), else under the emulator `emulators` names for its
    /// `GOARCH`, or `qemu-<arch>` / `qemu-<arch>-static` on the `PATH` of
    /// `env`.
    ///
    /// # Errors
    ///
    /// [`GoError::ToolMissing`] when no emulator is found, saying how to
    /// install one; another OS than the host's cannot be emulated.
    pub fn new(
        platform: Platform,
        host_goos: &str,
        host_goarch: &str,
        emulators: &BTreeMap<String, PathBuf>,
        env: &BTreeMap<OsString, OsString>,
    ) -> Result<Self, GoError> {
        let native = platform.goarch() == host_goarch
            || (platform.goarch() == "386" && host_goarch == "amd64");
        if platform.goos() != host_goos {
            return Err(GoError::ToolMissing {
                tool: format!("a way to run {platform} tests"),
                searched: format!("QEMU user emulation runs {host_goos} programs only"),
                install: format!("a {} machine or CI runner for these tests", platform.goos()),
            });
        }
        let emulator = if native {
            None
        } else {
            Some(find_emulator(&platform, emulators, env)?)
        };
        Ok(Self {
            platform,
            emulator,
            args: Vec::new(),
        })
    }
}

/// The emulator for `platform`'s architecture.
fn find_emulator(
    platform: &Platform,
    emulators: &BTreeMap<String, PathBuf>,
    env: &BTreeMap<OsString, OsString>,
) -> Result<PathBuf, GoError> {
    if let Some(named) = emulators.get(platform.goarch()) {
        return find_program(named.as_os_str(), env).ok_or_else(|| GoError::ToolMissing {
            tool: named.display().to_string(),
            searched: format!("the emulator `[check.go-test] emulators` names for {platform}"),
            install: "the path of an installed emulator".to_owned(),
        });
    }
    let arch = qemu_arch(platform.goarch());
    let names = [format!("qemu-{arch}"), format!("qemu-{arch}-static")];
    names
        .iter()
        .find_map(|name| find_program(Path::new(name).as_os_str(), env))
        .ok_or_else(|| GoError::ToolMissing {
            tool: names[0].clone(),
            searched: format!("on PATH (also as `{}`), to run the {platform} tests", names[1]),
            install: "`apt-get install qemu-user` (Debian, Ubuntu) or `dnf install qemu-user` (Fedora, RHEL 9), or name it in `[check.go-test] emulators`".to_owned(),
        })
}

/// QEMU's name for a `GOARCH`.
fn qemu_arch(goarch: &str) -> &str {
    match goarch {
        "arm64" => "aarch64",
        "amd64" => "x86_64",
        "386" => "i386",
        "mips64le" => "mips64el",
        "mipsle" => "mipsel",
        "loong64" => "loongarch64",
        other => other,
    }
}

/// Runs the target's tests for `cross.platform` (`CGO_ENABLED=0`), under
/// its emulator if any; every finding starts with `[goos/goarch]`.
///
/// # Errors
///
/// [`GoError::Exec`] when `go` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires.
pub fn cross_test(
    toolchain: &Toolchain,
    name: &str,
    target: &Target,
    cross: &CrossTest,
    cancel: &Cancel,
) -> Result<Outcome, GoError> {
    let mut args: Vec<OsString> = vec!["test".into()];
    if let Some(emulator) = &cross.emulator {
        args.push("-exec".into());
        args.push(emulator.clone().into_os_string());
    }
    if !target.tags().is_empty() {
        args.push(format!("-tags={}", target.tags().join(",")).into());
    }
    args.extend(cross.args.iter().cloned());
    args.extend(target.package_args());
    let platform = &cross.platform;
    let job = toolchain
        .go_job(args, &target.run_dir())
        .with_env_var("GOOS", platform.goos())
        .with_env_var("GOARCH", platform.goarch())
        .with_env_var("CGO_ENABLED", "0");
    let done = target.run_tool(job, &format!("go test for {platform}"), cancel)?;
    let mut output = String::from_utf8_lossy(done.stdout()).into_owned();
    output.push_str(&String::from_utf8_lossy(done.stderr()));
    let findings = match done.status() {
        ProcessStatus::Exited(0) => Vec::new(),
        status => test_failures(target, status, &output)
            .iter()
            .map(|finding| labelled(finding, platform))
            .collect(),
    };
    Ok(Outcome::judged(name, findings)
        .with_output(output)
        .with_duration(done.duration()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::ffi::OsString;

    use super::{CrossTest, qemu_arch};
    use crate::go::{GoError, Platform};

    fn platform(text: &str) -> Platform {
        Platform::parse(text).expect("a platform")
    }

    #[test]
    fn the_host_runs_its_own_and_386_natively_and_names_a_missing_emulator() {
        let empty_path: BTreeMap<OsString, OsString> =
            [("PATH".into(), "/nonexistent".into())].into();
        let none = BTreeMap::new();
        let native = CrossTest::new(
            platform("linux/amd64"),
            "linux",
            "amd64",
            &none,
            &empty_path,
        );
        assert_eq!(native.expect("native").emulator, None);
        let i386 = CrossTest::new(platform("linux/386"), "linux", "amd64", &none, &empty_path);
        assert_eq!(i386.expect("native").emulator, None);
        let missing = CrossTest::new(
            platform("linux/arm64"),
            "linux",
            "amd64",
            &none,
            &empty_path,
        );
        match missing {
            Err(GoError::ToolMissing { tool, install, .. }) => {
                assert_eq!(tool, "qemu-aarch64");
                assert!(install.contains("apt-get install qemu-user"), "{install}");
            }
            other => panic!("expected a missing emulator, got {other:?}"),
        }
        let windows = CrossTest::new(
            platform("windows/amd64"),
            "linux",
            "amd64",
            &none,
            &empty_path,
        );
        assert!(windows.is_err());
        assert_eq!(qemu_arch("arm64"), "aarch64");
        assert_eq!(qemu_arch("riscv64"), "riscv64");
    }
}
