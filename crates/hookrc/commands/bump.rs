//! `hookrc bump`: the next version of a module on stdout (its tag name),
//! why on stderr, and with `--tag` an annotated tag on `HEAD`, never
//! pushed. A bump into v2+ of a Go module whose path lacks `/vN` is refused
//! before anything is created.

use hookrc_policy::Level;

use crate::cli::BumpArgs;
use crate::exit::ExitStatus;
use crate::output::{self, HintedError};
use crate::release::bump::{self, NoRelease, Plan, Request};
use crate::release::context::ReleaseContext;
use crate::release::go_module::{self, GoReleaseVerdict};
use crate::release::history::{self, Release};
use crate::release::markdown::{self, Style};

/// Run `hookrc bump`.
pub(crate) fn run(args: &BumpArgs) -> anyhow::Result<ExitStatus> {
    let ctx = ReleaseContext::open(args.module.as_deref())?;
    let settings = ctx.policy.changelog();
    let last_final = ctx.last_final().map(|t| t.commit);
    let latest = ctx.tags.last().map(|t| t.commit);
    let since_final = history::entries(&ctx.repo, &ctx.module, ctx.head, last_final, settings)?;
    let since_latest = if latest == last_final {
        since_final.clone()
    } else {
        history::entries(&ctx.repo, &ctx.module, ctx.head, latest, settings)?
    };
    let request = request(args);
    let plan = match bump::plan(
        &since_final,
        &since_latest,
        &ctx.tags,
        &ctx.module.scheme,
        &request,
        settings,
    ) {
        Ok(plan) => plan,
        Err(NoRelease::Empty { since }) => return nothing_to_release(since.as_deref()),
        Err(NoRelease::BadPre(why)) => return Err(HintedError::new(why, "e.g. `--pre rc`").into()),
    };
    check_go_path(&ctx, &plan)?;
    output::data(&format!("{}\n", plan.tag))?;
    let from = plan.from.as_deref().unwrap_or("no release yet");
    let level = match plan.level {
        Level::Major => "major",
        Level::Minor => "minor",
        Level::Patch => "patch",
    };
    output::note(&format!(
        "{from} → {} ({level}: {})",
        plan.tag, plan.counted
    ))?;
    if args.tag {
        tag(&ctx, &plan, since_final, args.dry_run)?;
    }
    Ok(ExitStatus::Success)
}

fn request(args: &BumpArgs) -> Request {
    let force = if args.force.major {
        Some(Level::Major)
    } else if args.force.minor {
        Some(Level::Minor)
    } else if args.force.patch {
        Some(Level::Patch)
    } else {
        None
    };
    Request {
        force,
        pre: args.pre.clone(),
        keep_major: args.keep_major,
    }
}

/// Exit 1 with the reason: no tag is ever made for an empty range.
fn nothing_to_release(since: Option<&str>) -> anyhow::Result<ExitStatus> {
    let since = since.map_or_else(|| "in the history".to_owned(), |t| format!("since `{t}`"));
    output::note(&format!(
        "error: nothing to release: no Conventional Commit {since} that a changelog would list (merges, `fixup!` commits and non-conventional messages do not count)"
    ))?;
    Ok(ExitStatus::Failure)
}

/// A Go module's path must fit the next version (`/vN` for N ≥ 2): the
/// `go-release` rule, applied before the tag exists.
fn check_go_path(ctx: &ReleaseContext, plan: &Plan) -> anyhow::Result<()> {
    let file = ctx.go_mod_path();
    let Some(bytes) = ctx.repo.file_at(ctx.head, &file)? else {
        return Ok(());
    };
    let verdict = go_module::verdict(&plan.tag, |_| Ok(Some(bytes.clone())))?;
    let GoReleaseVerdict::Refused { message, .. } = verdict else {
        return Ok(());
    };
    let module = go_module::module_path(&String::from_utf8_lossy(&bytes)).unwrap_or_default();
    Err(HintedError::new(
        format!("cannot release: {message}"),
        format!(
            "either change the `module` line of `{file}` to `{}` (and the imports that name it) and commit, then bump again; or stay on v{} with `hookrc bump --keep-major`",
            go_module::path_for(&module, plan.next.major),
            plan.next.major.saturating_sub(1).max(1),
        ),
    )
    .into())
}

/// Create (or, for `--dry-run`, describe) the annotated tag; its message is
/// the release's changelog section.
fn tag(
    ctx: &ReleaseContext,
    plan: &Plan,
    entries: Vec<crate::release::entry::Entry>,
    dry_run: bool,
) -> anyhow::Result<()> {
    if ctx.repo.tags()?.iter().any(|t| t.name == plan.tag) {
        return Err(HintedError::new(
            format!("the tag `{}` already exists", plan.tag),
            "nothing was created; look at `git tag --list` and the commits since it",
        )
        .into());
    }
    let release = Release {
        tag: Some(plan.tag.clone()),
        previous: plan.from.clone(),
        time: ctx.repo.commit_time(ctx.head)?,
        entries,
    };
    let style = Style {
        settings: ctx.policy.changelog(),
        forge: None,
    };
    let message = format!("{}\n\n{}", plan.tag, markdown::release(&style, &release));
    let short = ctx.head.to_hex_with_len(7);
    if dry_run {
        output::note(&format!(
            "dry run: would create the annotated tag `{}` on {short}",
            plan.tag
        ))?;
        return Ok(());
    }
    ctx.repo
        .create_tag(&plan.tag, ctx.head, message.trim_end())?;
    output::note(&format!(
        "created the annotated tag `{}` on {short} (not pushed: `git push origin {}`)",
        plan.tag, plan.tag
    ))?;
    Ok(())
}
