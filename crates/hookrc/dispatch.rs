//! Who we are, from `argv[0]`: started as `.git/hooks/<hook>` (a symlink to
//! the binary), hookrc runs that hook with git's arguments and stdin;
//! under any other name it is the command line tool.
//!
//! The name comes from `std::env::args_os().next()`, not `current_exe()`,
//! which resolves the symlink to the binary and would always say `hookrc`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use clap::Parser as _;
use hookrc_policy::CLIENT_HOOKS;

use crate::cli::Cli;
use crate::exit::ExitStatus;
use crate::settings::RunSettings;
use crate::{commands, output, run};

/// What this process was started as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Invocation {
    /// As the git hook of that name.
    Hook(&'static str),
    /// As `hookrc` (or any name that is not a git client hook).
    Cli,
}

/// Classify `argv[0]`: its file name is a git client hook name, or not.
pub(crate) fn invocation(argv0: Option<&OsStr>) -> Invocation {
    let name = argv0.and_then(|arg| Path::new(arg).file_name());
    CLIENT_HOOKS
        .iter()
        .find(|hook| name == Some(OsStr::new(hook)))
        .map_or(Invocation::Cli, |hook| Invocation::Hook(hook))
}

/// Run this process: the hook `argv[0]` names, or the command line.
pub(crate) fn run() -> anyhow::Result<ExitStatus> {
    let mut args = std::env::args_os();
    let argv0 = args.next();
    match invocation(argv0.as_deref()) {
        Invocation::Hook(hook) => run::run(&RunSettings::for_git_hook(
            hook,
            argv0.map(PathBuf::from),
            args.collect(),
        )),
        Invocation::Cli => match Cli::try_parse() {
            Ok(cli) => commands::run(cli),
            Err(err) => Ok(output::clap_error(&err)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hook_name_as_argv0_is_that_hook() {
        let hook = |arg: &str| invocation(Some(OsStr::new(arg)));
        assert_eq!(
            hook("/repo/.git/hooks/pre-commit"),
            Invocation::Hook("pre-commit")
        );
        assert_eq!(
            hook(".git/hooks/commit-msg"),
            Invocation::Hook("commit-msg")
        );
        assert_eq!(hook("pre-push"), Invocation::Hook("pre-push"));
    }

    #[test]
    fn other_names_are_the_cli() {
        let hook = |arg: &str| invocation(Some(OsStr::new(arg)));
        assert_eq!(hook("/usr/bin/hookrc"), Invocation::Cli);
        assert_eq!(hook("hooks/pre-commit.sample"), Invocation::Cli);
        assert_eq!(hook("pre-receive"), Invocation::Cli);
        assert_eq!(invocation(None), Invocation::Cli);
    }
}
