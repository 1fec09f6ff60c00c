//! `hookrc changelog`: a module's releases as Markdown (or JSON), to stdout,
//! to a file, or prepended to a file without touching what it holds.

use std::path::Path;

use anyhow::Context as _;
use serde::Serialize;

use crate::cli::ChangelogArgs;
use crate::exit::ExitStatus;
use crate::output::{self, HintedError};
use crate::release::context::ReleaseContext;
use crate::release::entry::Entry;
use crate::release::forge::Forge;
use crate::release::history::{self, Release};
use crate::release::markdown::{self, HEADER, Style, UNRELEASED};
use crate::release::prepend::prepend;

/// Run `hookrc changelog`.
pub(crate) fn run(args: &ChangelogArgs) -> anyhow::Result<ExitStatus> {
    let ctx = ReleaseContext::open(args.module.as_deref())?;
    if let Some(next) = &args.tag {
        check_next(&ctx, next)?;
    }
    let releases = releases(&ctx, args)?;
    if args.json {
        output::data(&json(&releases)?)?;
        return Ok(ExitStatus::Success);
    }
    let forge = ctx
        .repo
        .remote_url("origin")
        .and_then(|u| Forge::from_remote(&u));
    let style = Style {
        settings: ctx.policy.changelog(),
        forge: forge.as_ref(),
    };
    let sections: Vec<(String, String)> = releases
        .iter()
        .map(|r| {
            let name = r.tag.clone().unwrap_or_else(|| UNRELEASED.to_owned());
            (name, markdown::release(&style, r))
        })
        .collect();
    if let Some(path) = &args.prepend {
        prepend_to(path, &sections)?;
    } else if let Some(path) = &args.output {
        let text = format!("{HEADER}\n{}", join(&sections));
        fs_err::write(path, text.trim_end().to_owned() + "\n")?;
        output::note(&format!("wrote `{}`", path.display()))?;
    } else {
        output::data(&join(&sections))?;
    }
    Ok(ExitStatus::Success)
}

/// The releases to show, newest first: the unreleased commits (when there
/// are some, or `--tag` names them), then every tag unless `--unreleased`.
fn releases(ctx: &ReleaseContext, args: &ChangelogArgs) -> anyhow::Result<Vec<Release>> {
    let settings = ctx.policy.changelog();
    let mut releases = Vec::new();
    let unreleased = history::unreleased(
        &ctx.repo,
        &ctx.module,
        ctx.head,
        &ctx.tags,
        args.tag.as_deref(),
        settings,
    )?;
    if !unreleased.entries.is_empty() || args.tag.is_some() || args.unreleased {
        releases.push(unreleased);
    }
    if !args.unreleased {
        releases.extend(history::tagged(
            &ctx.repo,
            &ctx.module,
            &ctx.tags,
            settings,
        )?);
    }
    Ok(releases)
}

/// `--tag NEXT` must be a new version tag of the module.
fn check_next(ctx: &ReleaseContext, next: &str) -> anyhow::Result<()> {
    let example = ctx.module.scheme.tag(&semver::Version::new(1, 2, 0));
    if ctx.module.scheme.version(next).is_none() {
        return Err(HintedError::new(
            format!("`--tag {next}` is not a version tag of this module"),
            format!("name the coming version as the module tags it, e.g. `{example}`"),
        )
        .into());
    }
    if ctx.tags.iter().any(|t| t.name == next) {
        return Err(HintedError::new(
            format!("`--tag {next}`: the tag `{next}` already exists"),
            "drop `--tag` to list it as a release, or name the next version",
        )
        .into());
    }
    Ok(())
}

fn join(sections: &[(String, String)]) -> String {
    let mut text = String::new();
    for (_, section) in sections {
        text.push_str(section);
    }
    text.trim_end().to_owned() + "\n"
}

/// Add what `path` lacks on top of it; write only when something changed.
fn prepend_to(path: &Path, sections: &[(String, String)]) -> anyhow::Result<()> {
    let existing = match fs_err::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err.into()),
    };
    let updated = prepend(&existing, sections);
    if updated == existing {
        output::note(&format!("`{}` is up to date", path.display()))?;
    } else {
        fs_err::write(path, &updated)?;
        output::note(&format!("updated `{}`", path.display()))?;
    }
    Ok(())
}

fn json(releases: &[Release]) -> anyhow::Result<String> {
    #[derive(Serialize)]
    struct JsonRelease<'a> {
        tag: Option<&'a str>,
        previous: Option<&'a str>,
        date: String,
        commits: &'a [Entry],
    }
    let document: Vec<JsonRelease<'_>> = releases
        .iter()
        .map(|r| JsonRelease {
            tag: r.tag.as_deref(),
            previous: r.previous.as_deref(),
            date: markdown::date(r.time),
            commits: &r.entries,
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&document).context("cannot render JSON")?;
    text.push('\n');
    Ok(text)
}
