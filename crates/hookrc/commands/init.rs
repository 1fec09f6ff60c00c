//! `hookrc init`: write the starter policy (with the Go checks when the
//! worktree holds a Go module) to `.hookrc.toml` at the worktree root. An
//! existing policy is never overwritten.

use std::io::{self, Write as _};

use anyhow::Context as _;
use hookrc_policy::POLICY_FILE;

use crate::exit::ExitStatus;
use crate::output::{self, HintedError};

/// Write the starter policy.
pub(crate) fn run() -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = crate::git::worktree_root(&cwd)?;
    let path = crate::settings::display_base(&root, &cwd).join(POLICY_FILE);
    let text = hookrc_policy::starter(&crate::settings::default_context(&root));
    let file = fs_err::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            return Err(HintedError::new(
                format!("`{}` already exists; it was left as it is", path.display()),
                "edit it (`hookrc config check` validates it), or remove it to start over",
            )
            .into());
        }
        other => other?,
    };
    file.write_all(text.as_bytes())?;
    output::note(&format!(
        "wrote `{}`; `hookrc install` links the hooks it lists",
        path.display()
    ))?;
    Ok(ExitStatus::Success)
}
