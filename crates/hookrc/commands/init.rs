//! `hookrc init`: write the starter policy to `.hookrc.toml` at the worktree
//! root. An existing policy is never overwritten.
//!
//! In a repository with Go modules (anywhere in the worktree, as `go ./...`
//! finds them) the starter enforces at least what the embedded default does
//! (go-fmt and go-vet on `pre-commit`), plus go-lint when a maintained
//! linter is on `PATH`. It says which modules it found, and names the
//! configurations of other hook managers present, which `hookrc import`
//! converts.

use std::path::Path;

use anyhow::Context as _;
use hookrc_policy::{LintTool, POLICY_FILE, StarterContext};

use crate::exit::ExitStatus;
use crate::output;

mod managers;

/// Write the starter policy.
pub(crate) fn run() -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = crate::git::worktree_root(&cwd)?;
    let path = crate::settings::display_base(&root, &cwd).join(POLICY_FILE);
    let modules = go_modules(&root)?;
    let ctx = StarterContext {
        has_go_module: !modules.is_empty(),
        linter: if modules.is_empty() {
            None
        } else {
            linter_on_path()
        },
    };
    let text = hookrc_policy::starter(&ctx);
    crate::files::create_new(
        &path,
        text.as_bytes(),
        "edit it (`hookrc config check` validates it), or remove it to start over",
    )?;
    output::note(&format!("wrote `{}`{}", path.display(), summary(&text)))?;
    if !modules.is_empty() {
        output::note(&format!("Go modules found: {}", modules.join(", ")))?;
        if ctx.linter.is_none() {
            output::note(
                "no Go linter on PATH (staticcheck, golangci-lint, revive): go-lint is left out",
            )?;
        }
    }
    let found = managers::detect(&root);
    if !found.is_empty() {
        output::note(&format!(
            "found {}: `hookrc import --force` converts them into `.hookrc.toml`, replacing this starter",
            found.join(", ")
        ))?;
    }
    output::note("`hookrc install` links the hooks it lists")?;
    Ok(ExitStatus::Success)
}

/// Every Go module of the worktree (a root `go.work` counts as one), shown
/// as `` `dir` `` (`.` for the root).
fn go_modules(root: &Path) -> anyhow::Result<Vec<String>> {
    let mut dirs: Vec<String> = hookrc_runner::go::find_modules(root)?
        .iter()
        .map(|module| {
            let dir = module.dir();
            if dir.as_os_str().is_empty() {
                "`.`".to_owned()
            } else {
                format!("`{}`", dir.display())
            }
        })
        .collect();
    if dirs.is_empty() && root.join("go.work").is_file() {
        dirs.push("`.` (go.work)".to_owned());
    }
    Ok(dirs)
}

/// The first maintained linter on `PATH`, in the order of
/// [`LintTool::MAINTAINED`].
fn linter_on_path() -> Option<LintTool> {
    let env = crate::env::process_env();
    LintTool::MAINTAINED
        .into_iter()
        .find(|tool| hookrc_runner::go::find_program(tool.name().as_ref(), &env).is_some())
}

/// `: commit-msg: conventional; pre-commit: go-fmt, go-vet` for the hooks
/// of the starter `text`.
fn summary(text: &str) -> String {
    let Ok(policy) = hookrc_policy::parse(text, Path::new(POLICY_FILE)) else {
        return String::new();
    };
    let hooks: Vec<String> = policy
        .hooks()
        .map(|hook| {
            let checks: Vec<&str> = policy.checks_for(hook).map(|(name, _)| name).collect();
            format!("{hook}: {}", checks.join(", "))
        })
        .collect();
    format!(" ({})", hooks.join("; "))
}
