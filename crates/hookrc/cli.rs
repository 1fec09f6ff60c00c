//! The command line, as clap derive types only: what the user can type. What
//! the flags mean is decided in `settings.rs`; the work happens in `commands/`.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// hookrc: a Git hooks manager with embedded checkers.
///
/// Installed as `.git/hooks/<hook>`, hookrc runs the checks that
/// `.hookrc.toml` lists for that hook.
#[derive(Debug, Parser)]
#[command(name = "hookrc", version, propagate_version = true)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// When to color the output: `auto` follows `NO_COLOR`, `CLICOLOR_FORCE`
    /// and whether the stream is a terminal.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub(crate) color: ColorChoice,
}

/// The `--color` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Color when the stream is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always color (like `CLICOLOR_FORCE=1`).
    Always,
    /// Never color.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {}
