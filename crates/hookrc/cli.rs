//! The command line, as clap derive types only: what the user can type. What
//! the flags mean is decided in `settings.rs`; the work happens in `commands/`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use hookrc_policy::CLIENT_HOOKS;

/// hookrc: a Git hooks manager with embedded checkers.
///
/// Installed as `.git/hooks/<hook>`, hookrc runs the checks that
/// `.hookrc.toml` lists for that hook.
#[derive(Debug, Parser)]
#[command(name = "hookrc", version = env!("HOOKRC_VERSION"), propagate_version = true)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// When to color the output: `auto` (the default: on a terminal, unless
    /// `NO_COLOR`; `CLICOLOR_FORCE` forces it), `always` or `never`.
    #[arg(
        long,
        value_enum,
        global = true,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN",
        help_heading = "Global options",
        hide_possible_values = true,
        hide_default_value = true
    )]
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
pub(crate) enum Command {
    /// Run a hook's checks by hand, as git would run them.
    Run(RunArgs),
    /// Run one built-in check on its own (pre-commit and prek hook ids),
    /// with the policy's settings for it or its defaults.
    Check(CheckArgs),
    /// Write a starter `.hookrc.toml` at the worktree root.
    Init,
    /// Write `.hookrc.toml` from the pre-commit, lefthook, husky or
    /// commitlint configuration here, and list what could not be mapped.
    Import(ImportArgs),
    /// Make git run hookrc: link `<hooks dir>/<hook>` to this binary.
    Install(InstallArgs),
    /// Remove hookrc's hooks and put back the ones `install` moved aside.
    Uninstall(UninstallArgs),
    /// Validate or print the policy.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Lint every commit message of a range (CI): `origin/main..HEAD`.
    LintCommits(LintCommitsArgs),
    /// Write a module's changelog from its Conventional Commits, one section
    /// per version tag, newest first.
    Changelog(ChangelogArgs),
    /// Print a module's next version from its commits since the last
    /// release; `--tag` tags it (never pushes).
    Bump(BumpArgs),
    /// Go helpers.
    #[command(subcommand)]
    Go(GoCommand),
    /// Let this repository's `.hookrc.toml` run its commands from hooks git
    /// starts (after you have reviewed it), or take that back.
    Trust(TrustArgs),
    /// Show or empty the verdict cache (`<git common dir>/hookrc/cache/`).
    #[command(subcommand)]
    Cache(CacheCommand),
    /// Print the shell completion script for SHELL on stdout.
    Completions(CompletionsArgs),
    /// Print hookrc's man page (roff) on stdout: `hookrc man | man -l -`.
    Man(ManArgs),
}

/// `hookrc man`.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// The command whose page to print (`install`, `config show`) instead of
    /// hookrc's.
    #[arg(value_name = "COMMAND")]
    pub(crate) command: Vec<String>,
}

/// `hookrc completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell: `bash`, `zsh`, `fish`, `powershell` or `elvish`.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// `hookrc cache`.
#[derive(Debug, Subcommand)]
pub(crate) enum CacheCommand {
    /// How many verdicts are stored, their size and the bound.
    Stats,
    /// Remove every stored verdict.
    Clear,
}

/// `hookrc check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The built-in check.
    #[arg(value_parser = PossibleValuesParser::new(crate::commands::checkable()))]
    pub(crate) name: String,
    /// The files to check (the commit message file for `conventional`)
    /// [default: the staged files; for pre-push checks, the range in
    /// `PRE_COMMIT_FROM_REF`/`PRE_COMMIT_TO_REF`, else every module at `HEAD`]
    pub(crate) files: Vec<PathBuf>,
    /// The output format [default: `github` when `GITHUB_ACTIONS=true`, else `human`]
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

/// `hookrc trust`.
#[derive(Debug, Args)]
pub(crate) struct TrustArgs {
    /// Forget every policy trusted in this repository.
    #[arg(long)]
    pub(crate) revoke: bool,
}

/// `hookrc go`.
#[derive(Debug, Subcommand)]
pub(crate) enum GoCommand {
    /// Compare the policy's benchmarks with the baseline file, or rewrite it.
    Bench(GoBenchArgs),
}

/// `hookrc go bench`.
#[derive(Debug, Args)]
pub(crate) struct GoBenchArgs {
    /// Measure every module's benchmarks and write the baseline file.
    #[arg(long)]
    pub(crate) update: bool,
    /// The output format [default: `github` when `GITHUB_ACTIONS=true`, else `human`]
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

/// `hookrc lint-commits`.
#[derive(Debug, Args)]
pub(crate) struct LintCommitsArgs {
    /// The commits to lint, as git reads ranges: `A..B`, `A...B`, `REV^!`
    /// (one commit), or a single revision for its whole history.
    #[arg(required_unless_present_any = ["message", "message_file"])]
    pub(crate) range: Option<String>,
    /// Lint only the commits after REV (REV and its history left out): adopt
    /// the rules from now on without rewording published commits.
    #[arg(
        long,
        visible_alias = "from-ref",
        value_name = "REV",
        requires = "range"
    )]
    pub(crate) since: Option<String>,
    /// Lint this text as a commit message instead of a range (a pull
    /// request's title: the message its squash merge will get).
    #[arg(long, value_name = "TEXT", conflicts_with_all = ["range", "message_file"])]
    pub(crate) message: Option<String>,
    /// Lint the message in FILE instead of a range (`-` reads stdin).
    #[arg(long, value_name = "FILE", conflicts_with = "range")]
    pub(crate) message_file: Option<PathBuf>,
    /// Lint merge commits too (skipped by default).
    #[arg(long)]
    pub(crate) include_merges: bool,
    /// The output format [default: `github` when `GITHUB_ACTIONS=true`, else `human`]
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

/// `hookrc changelog`.
#[derive(Debug, Args)]
pub(crate) struct ChangelogArgs {
    /// Only the commits since the last tag.
    #[arg(long)]
    pub(crate) unreleased: bool,
    /// Title the unreleased section as this coming tag (`v1.3.0`,
    /// `sub/dir/v1.3.0`).
    #[arg(long, value_name = "NEXT")]
    pub(crate) tag: Option<String>,
    /// Write the changelog to FILE (replacing it) instead of stdout.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["prepend", "json"])]
    pub(crate) output: Option<PathBuf>,
    /// Add the sections FILE lacks on top of it, keeping everything it
    /// holds; running it again changes nothing.
    #[arg(long, value_name = "FILE", conflicts_with = "json")]
    pub(crate) prepend: Option<PathBuf>,
    /// The Go module in this directory (repo-relative): its
    /// `DIR/vX.Y.Z` tags and the commits that touch it.
    #[arg(long, value_name = "DIR")]
    pub(crate) module: Option<String>,
    /// Print the releases as JSON on stdout instead of Markdown.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `hookrc bump`.
#[derive(Debug, Args)]
pub(crate) struct BumpArgs {
    #[command(flatten)]
    pub(crate) force: ForceLevel,
    /// Make it a pre-release `X.Y.Z-ID.N`, N one more than the last
    /// (`--pre rc`: `1.3.0-rc.1`, then `1.3.0-rc.2`).
    #[arg(long, value_name = "ID")]
    pub(crate) pre: Option<String>,
    /// A breaking change bumps the minor version, never the major (a Go
    /// module staying on v1 keeps its import path).
    #[arg(long, conflicts_with = "major")]
    pub(crate) keep_major: bool,
    /// Create the annotated tag on `HEAD` (never pushed).
    #[arg(long)]
    pub(crate) tag: bool,
    /// Say what `--tag` would create, and create nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// The Go module in this directory (repo-relative).
    #[arg(long, value_name = "DIR")]
    pub(crate) module: Option<String>,
}

/// `hookrc bump --major|--minor|--patch`: at most one.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub(crate) struct ForceLevel {
    /// Bump the major version, whatever the commits say.
    #[arg(long)]
    pub(crate) major: bool,
    /// Bump the minor version, whatever the commits say.
    #[arg(long)]
    pub(crate) minor: bool,
    /// Bump the patch version, whatever the commits say.
    #[arg(long)]
    pub(crate) patch: bool,
}

/// `hookrc config`.
#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Validate `.hookrc.toml`: print `ok`, or the error with its location (exit 2).
    Check,
    /// Print the effective policy, every default filled in.
    Show,
    /// Print the JSON Schema of `.hookrc.toml`, for editors.
    Schema,
}

/// `hookrc import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Which configuration to read: `auto` reads every one present.
    #[arg(long, value_enum, default_value_t = ImportFrom::Auto)]
    pub(crate) from: ImportFrom,
    /// Replace an existing `.hookrc.toml`.
    #[arg(long)]
    pub(crate) force: bool,
    /// Print the policy on stdout and write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// The `--from` choices of `hookrc import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImportFrom {
    /// Every configuration present.
    Auto,
    /// `.pre-commit-config.yaml`.
    PreCommit,
    /// `lefthook.yml` (or `.lefthook.yml`, `lefthook.yaml`, …).
    Lefthook,
    /// `.husky/<hook>` scripts (with the commitlint and lint-staged
    /// configurations they use).
    Husky,
    /// commitlint's configuration alone.
    Commitlint,
}

/// `hookrc install`.
#[derive(Debug, Args)]
pub(crate) struct InstallArgs {
    /// The hooks to install [default: every hook the policy gives checks]
    #[arg(value_parser = PossibleValuesParser::new(CLIENT_HOOKS))]
    pub(crate) hooks: Vec<String>,
    /// Install even where an existing hook cannot be chained (its
    /// `<hook>.hookrc-legacy` is taken, or it is a directory): move it aside
    /// to `<hook>.hookrc-replaced`, kept but not run; and into a hooks
    /// directory git tracks (husky's `.husky`, a committed `.githooks`).
    #[arg(long)]
    pub(crate) force: bool,
    /// Write the POSIX shim (`hooks/shim.sh`) instead of a symlink.
    #[arg(long)]
    pub(crate) shim: bool,
}

/// `hookrc uninstall`.
#[derive(Debug, Args)]
pub(crate) struct UninstallArgs {
    /// The hooks to uninstall [default: every git client hook]
    #[arg(value_parser = PossibleValuesParser::new(CLIENT_HOOKS))]
    pub(crate) hooks: Vec<String>,
}

/// `hookrc run`.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// The git hook to run.
    #[arg(value_parser = PossibleValuesParser::new(CLIENT_HOOKS))]
    pub(crate) hook: String,
    /// The arguments git gives the hook (the message file for `commit-msg`,
    /// remote name and URL for `pre-push`); put them after `--` when one
    /// starts with `-`.
    pub(crate) args: Vec<OsString>,
    #[command(flatten)]
    pub(crate) files: FileArgs,
    /// The output format [default: `github` when `GITHUB_ACTIONS=true`, else `human`]
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
    /// Run every check: reuse no cached verdict and store none (as `HOOKRC_CACHE=0`).
    #[arg(long)]
    pub(crate) no_cache: bool,
}

/// Which files `hookrc run` checks instead of what the hook would see
/// (the staged files for `pre-commit`).
#[derive(Debug, Args)]
pub(crate) struct FileArgs {
    /// Check every tracked file.
    #[arg(long, conflicts_with_all = ["files", "from_ref", "to_ref"])]
    pub(crate) all_files: bool,
    /// Check these files (relative to the current directory).
    #[arg(long, num_args = 1.., value_name = "FILE", conflicts_with_all = ["from_ref", "to_ref"])]
    pub(crate) files: Vec<PathBuf>,
    /// Check the files changed between this revision and `--to-ref`.
    #[arg(long, value_name = "REV", requires = "to_ref")]
    pub(crate) from_ref: Option<String>,
    /// See `--from-ref`.
    #[arg(long, value_name = "REV", requires = "from_ref")]
    pub(crate) to_ref: Option<String>,
}

/// The `--format` choices of commands that report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// For people, on stderr (colors follow `--color`).
    Human,
    /// One JSON object on stdout.
    Json,
    /// GitHub Actions groups and `::error` annotations on stdout (the
    /// default when `GITHUB_ACTIONS=true`).
    Github,
}
