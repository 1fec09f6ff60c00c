//! `hookrc trust [--revoke]`: let the current `.hookrc.toml` run the
//! repository's own commands when git starts hookrc, or take that back
//! (see `run::trust` for the model).

use anyhow::Context as _;

use crate::cli::TrustArgs;
use crate::exit::ExitStatus;
use crate::output;
use crate::run::trust;

/// Run `hookrc trust`.
pub(crate) fn run(args: &TrustArgs) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = crate::git::worktree_root(&cwd)?;
    if args.revoke {
        trust::revoke(&root)?;
        output::note("no policy of this repository is trusted any more")?;
        return Ok(ExitStatus::Success);
    }
    crate::settings::load_policy(&root, &cwd)?;
    let Some((_, hash)) = trust::policy_hash(&root)? else {
        output::note("there is no `.hookrc.toml`: the embedded default policy needs no trust")?;
        return Ok(ExitStatus::Success);
    };
    trust::trust(&root, &hash)?;
    output::note(&format!(
        "trusted `.hookrc.toml` ({}): hooks git starts here may run its commands",
        &hash[..hash.len().min(12)]
    ))?;
    Ok(ExitStatus::Success)
}
