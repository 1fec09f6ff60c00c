//! `hookrc cache stats|clear`: what the verdict cache of the current
//! repository holds, or emptying it (see `crate::cache`).

use std::fmt::Write as _;

use anyhow::Context as _;

use crate::cache::{self, Store};
use crate::cli::CacheCommand;
use crate::exit::ExitStatus;
use crate::output;
use crate::output::render::duration;

/// Run `hookrc cache <command>`.
pub(crate) fn run(command: &CacheCommand) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = crate::git::worktree_root(&cwd)?;
    let store = Store::find(&root)?;
    match command {
        CacheCommand::Stats => {
            let stats = store.stats()?;
            let mut text = String::new();
            let _ = writeln!(text, "directory: {}", stats.dir.display());
            let _ = writeln!(text, "entries: {}", stats.entries);
            let _ = writeln!(
                text,
                "size: {} bytes (bound: {} bytes, least recently used removed first)",
                stats.bytes,
                cache::MAX_BYTES
            );
            if let Some(age) = stats.oldest.and_then(|t| t.elapsed().ok()) {
                let _ = writeln!(text, "least recently used: {} ago", duration(age));
            }
            output::data(&text)?;
        }
        CacheCommand::Clear => {
            let removed = store.clear()?;
            output::note(&format!("removed {removed} cached verdicts"))?;
        }
    }
    Ok(ExitStatus::Success)
}
