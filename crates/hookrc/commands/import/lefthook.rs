//! lefthook's `lefthook.yml`: each hook's `commands` and `jobs` (`run`,
//! `glob`, `exclude`, `root`, `skip`, `env`) as custom checks, its
//! `scripts` as commands that run them, and a `commitlint` command as the
//! commitlint configuration it reads. hookrc runs a hook's checks side by
//! side, as `parallel: true` does; the rest is reported.

use serde_json::Value as Json;
use toml::{Table, Value};

use super::command_line::{self, Placeholders};
use super::draft::strings;
use super::value::{list, text};
use super::{Import, regex_glob};

/// The file names lefthook reads, in its order.
pub(super) const FILES: &[&str] = &[
    "lefthook.yml",
    ".lefthook.yml",
    "lefthook.yaml",
    ".lefthook.yaml",
    ".config/lefthook.yml",
    ".config/lefthook.yaml",
];

/// lefthook's templates for the file list and the hook's arguments.
const MARKS: Placeholders<'static> = Placeholders {
    files: &["{staged_files}", "{push_files}", "{files}", "{all_files}"],
    first_arg: &["{1}"],
};

/// Import `file` (one of [`FILES`]) into `import`.
pub(super) fn import(import: &mut Import<'_>, file: &str) -> anyhow::Result<()> {
    let config = super::value::read_yaml(import.root, file)?;
    for (key, value) in config.as_object().into_iter().flatten() {
        if hookrc_policy::CLIENT_HOOKS.contains(&key.as_str()) {
            hook(import, file, key, value);
        } else if matches!(key.as_str(), "remotes" | "extends") {
            import.draft.note(&format!("`{file}`"), format!("`{key}` pulls configuration from elsewhere: not imported; import that file's commands by hand"));
        }
    }
    if import.root.join("lefthook-local.yml").is_file() {
        import.draft.note(
            "`lefthook-local.yml`",
            "personal overrides are not imported",
        );
    }
    Ok(())
}

fn hook(import: &mut Import<'_>, file: &str, hook: &str, config: &Json) {
    if config.get("piped").and_then(Json::as_bool) == Some(true) {
        import.draft.note(
            &format!("`{file}`: `{hook}`"),
            "`piped: true` is not kept: hookrc runs every check side by side and reports each",
        );
    }
    for (name, command) in config
        .get("commands")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
    {
        let origin = format!("`{file}`: `{hook}` command `{name}`");
        job(import, hook, name, command, &origin);
    }
    for (at, job_config) in config
        .get("jobs")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let name = text(job_config.get("name"))
            .map_or_else(|| format!("{hook}-job-{}", at + 1), str::to_owned);
        let origin = format!("`{file}`: `{hook}` job `{name}`");
        if job_config.get("group").is_some() {
            import.draft.note(
                &origin,
                "job groups are not imported: list their jobs as jobs",
            );
            continue;
        }
        job(import, hook, &name, job_config, &origin);
    }
    for (script, settings) in config
        .get("scripts")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
    {
        let origin = format!("`{file}`: `{hook}` script `{script}`");
        let runner = text(settings.get("runner")).unwrap_or("sh");
        let mut argv = shlex::split(runner).unwrap_or_else(|| vec![runner.to_owned()]);
        argv.push(format!(".lefthook/{hook}/{script}"));
        let mut table = Table::new();
        table.insert("run".into(), strings(&argv));
        table.insert("pass-filenames".into(), Value::from(false));
        table.insert("always-run".into(), Value::from(true));
        import.draft.custom(hook, script, &origin, table);
    }
}

/// One command or job.
fn job(import: &mut Import<'_>, hook: &str, name: &str, config: &Json, origin: &str) {
    if config
        .get("skip")
        .is_some_and(|skip| skip.as_bool() == Some(true))
    {
        import.draft.note(origin, "`skip: true`: left out");
        return;
    }
    let Some(run) = text(config.get("run")) else {
        import
            .draft
            .note(origin, "no `run` (a `script` job?): not imported");
        return;
    };
    if run.contains("commitlint") && hook == "commit-msg" {
        import.commitlint(hook, origin);
        return;
    }
    let mut table = match text(config.get("root")).map(|root| root.trim_end_matches('/')) {
        Some(root) if !root.is_empty() => in_root(run, root),
        _ => command_line::check_for(run, &MARKS, hook),
    };
    let takes_files = MARKS.files.iter().any(|mark| run.contains(mark));
    files(import, config, origin, &mut table, takes_files);
    notes(import, config, run, origin, &mut table);
    import.draft.custom(hook, name, origin, table);
}

/// A command lefthook runs in `root` with the file names relative to it.
fn in_root(run: &str, root: &str) -> Table {
    let mut table = Table::new();
    let quoted =
        shlex::try_quote(root).map_or_else(|_| root.to_owned(), std::borrow::Cow::into_owned);
    let script = format!(
        "cd {quoted} || exit 2\nfor f; do shift; set -- \"$@\" \"${{f#{root}/}}\"; done\n{}",
        command_line::script(run, &MARKS)
    );
    table.insert("run".into(), strings(&[script]));
    table.insert("shell".into(), Value::from("sh"));
    if !MARKS.files.iter().any(|mark| run.contains(mark)) {
        table.insert("pass-filenames".into(), Value::from(false));
    }
    table.insert("files".into(), strings(&[format!("{root}/*")]));
    table
}

/// `glob` and `exclude` as globs (within `root`, which lefthook also
/// filters on), and `always-run` when lefthook runs it whatever is staged.
fn files(
    import: &mut Import<'_>,
    config: &Json,
    origin: &str,
    table: &mut Table,
    takes_files: bool,
) {
    let root = text(config.get("root"))
        .map(|root| root.trim_end_matches('/'))
        .filter(|root| !root.is_empty());
    let globs = list(config.get("glob")).unwrap_or_default();
    if !globs.is_empty() {
        let within: Option<Vec<String>> = match root {
            None => Some(globs.clone()),
            Some(root) => globs
                .iter()
                .map(|glob| glob.strip_prefix('*').map(|rest| format!("{root}/*{rest}")))
                .collect(),
        };
        match within {
            Some(globs) => {
                table.insert("files".into(), strings(&globs));
            }
            None => import.draft.note(origin, format!("`glob: {globs:?}` with `root` has no exact form: the check gets every file under the root")),
        }
    }
    let exclude = match config.get("exclude") {
        Some(Json::String(regex)) => regex_glob::globs(regex).unwrap_or_else(|| {
            import.draft.note(origin, format!("`exclude: {regex}` has no exact glob form and is not applied; write `exclude` globs"));
            Vec::new()
        }),
        other => list(other).unwrap_or_default(),
    };
    if !exclude.is_empty() {
        table.insert("exclude".into(), strings(&exclude));
    }
    if globs.is_empty() && root.is_none() && !takes_files {
        table.insert("always-run".into(), Value::from(true));
    }
}

/// The keys hookrc keeps (`env`) or reports.
fn notes(import: &mut Import<'_>, config: &Json, run: &str, origin: &str, table: &mut Table) {
    if let Some(env) = config.get("env").and_then(Json::as_object) {
        let env: Table = env
            .iter()
            .filter_map(|(key, value)| Some((key.clone(), Value::from(value.as_str()?))))
            .collect();
        table.insert("env".into(), Value::Table(env));
    }
    if config.get("skip").is_some() {
        import.draft.note(
            origin,
            "`skip` conditions are not kept: the check runs during merges and rebases too",
        );
    }
    if config.get("only").is_some() {
        import.draft.note(
            origin,
            "`only` conditions are not kept: the check always runs",
        );
    }
    if config.get("stage_fixed").and_then(Json::as_bool) == Some(true) {
        import.draft.note(origin, "`stage_fixed` is not kept: hookrc never re-stages; a command that changes a file it was given fails the check");
    }
    if run.contains("{all_files}") {
        import.draft.note(
            origin,
            "`{all_files}` becomes the staged files (`hookrc run --all-files` checks every file)",
        );
    }
    if config.get("files").is_some() || config.get("file_types").is_some() {
        import.draft.note(
            origin,
            "`files`/`file_types` are not imported: the check gets the staged files",
        );
    }
}
