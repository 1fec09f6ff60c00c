//! `hookrc man [COMMAND…]`: the man pages `clap_mangen` renders from the
//! command line itself: hookrc(1), which lists the commands, and one page per
//! command (`hookrc-install(1)`, `hookrc-config-show(1)`).

use clap::CommandFactory as _;

use crate::cli::{Cli, ManArgs};
use crate::exit::ExitStatus;
use crate::output::{self, HintedError};

/// Print the man page of `args.command` (hookrc's own when empty) on stdout.
pub(crate) fn run(args: &ManArgs) -> anyhow::Result<ExitStatus> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    for name in &args.command {
        let Some(sub) = command.find_subcommand(name).cloned() else {
            let known: Vec<&str> = command
                .get_subcommands()
                .map(clap::Command::get_name)
                .collect();
            let hint = hookrc_policy::did_you_mean(name, known.iter().copied())
                .unwrap_or_else(|| format!("name one of `{}`", known.join("`, `")));
            return Err(HintedError::new(
                format!(
                    "`{name}` is no command of `{}`",
                    command.get_display_name().unwrap_or("hookrc")
                ),
                hint,
            )
            .into());
        };
        command = sub;
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    output::data(&String::from_utf8_lossy(&page))?;
    Ok(ExitStatus::Success)
}
