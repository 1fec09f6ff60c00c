//! `.pre-commit-config.yaml`: the Go hooks of dnephin/pre-commit-golang,
//! TekWizely/pre-commit-golang and golangci-lint onto the built-in checks,
//! conventional-commit hooks onto `conventional`, `local` hooks onto custom
//! checks (`entry` split as argv, as pre-commit splits it; `files` and
//! `exclude` regexes as globs where exact). Everything else is reported.

use serde_json::Value as Json;
use toml::{Table, Value};

use super::draft::strings;
use super::known::{Known, known};
use super::value::{list, text};
use super::{Import, regex_glob};

/// The file names pre-commit reads, in its order.
pub(super) const FILES: &[&str] = &[".pre-commit-config.yaml", ".pre-commit-config.yml"];

/// Import `file` (one of [`FILES`]) into `import`.
pub(super) fn import(import: &mut Import<'_>, file: &str) -> anyhow::Result<()> {
    let config: Json = super::value::read_yaml(import.root, file)?;
    let top = Top {
        default_stages: list(config.get("default_stages"))
            .or_else(|| list(config.get("default_install_hook_types")))
            .unwrap_or_else(|| vec!["pre-commit".into()]),
        exclude: text(config.get("exclude")).map(str::to_owned),
    };
    if let Some(files) = text(config.get("files")).filter(|files| !files.is_empty()) {
        import.draft.note(
            &format!("`{file}`"),
            format!("the top-level `files: {files}` is not applied: give each check its `files`"),
        );
    }
    if config.get("fail_fast").and_then(Json::as_bool) == Some(true) {
        import.draft.note(
            &format!("`{file}`"),
            "`fail_fast` has no equivalent: hookrc runs every check and reports each",
        );
    }
    let repos = config.get("repos").and_then(Json::as_array);
    for repo in repos.into_iter().flatten() {
        let url = text(repo.get("repo")).unwrap_or_default();
        for hook in repo
            .get("hooks")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let id = text(hook.get("id")).unwrap_or_default();
            let origin = format!("`{file}`: `{id}` ({url})");
            let entry = Entry {
                url,
                id,
                hook,
                origin: &origin,
                top: &top,
            };
            entry.import(import);
        }
    }
    Ok(())
}

/// What the top level of the file says for every hook.
struct Top {
    default_stages: Vec<String>,
    exclude: Option<String>,
}

/// One hook of one repository.
struct Entry<'a> {
    url: &'a str,
    id: &'a str,
    hook: &'a Json,
    origin: &'a str,
    top: &'a Top,
}

impl Entry<'_> {
    fn import(&self, import: &mut Import<'_>) {
        let known = known(self.url, self.id);
        for hook in self.hooks(known, import) {
            match (self.url, known) {
                (_, Some(Known::Builtin { check, tool, remark })) => {
                    let table = self.builtin_table(import, check, tool);
                    if let Some(remark) = remark {
                        import.draft.note(self.origin, remark);
                    }
                    import.draft.builtin(&hook, check, self.origin, table);
                }
                (_, Some(Known::ConventionalPreCommit)) => {
                    let table = conventional_pre_commit(import, self.origin, self.args());
                    import.draft.builtin(&hook, "conventional", self.origin, table);
                }
                (_, Some(Known::Commitizen)) => {
                    import.draft.note(self.origin, "commitizen's default rules are Conventional Commits: imported as `conventional`; a custom `[tool.commitizen]` schema is not read");
                    import.draft.builtin(&hook, "conventional", self.origin, Table::new());
                }
                (_, Some(Known::Commitlint)) => import.commitlint(&hook, self.origin),
                ("local", None) => self.local(import, &hook),
                ("meta", None) => import.draft.note(self.origin, "pre-commit's own meta hooks check its configuration; they have no use without it"),
                (_, None) => import.draft.note(
                    self.origin,
                    "no built-in equivalent: add a custom check that runs the tool (`[check.NAME] run = [...]`)",
                ),
            }
        }
    }

    /// The git hooks this entry runs in.
    fn hooks(&self, known: Option<Known>, import: &mut Import<'_>) -> Vec<String> {
        let stages = list(self.hook.get("stages")).unwrap_or_else(|| match known {
            Some(Known::ConventionalPreCommit | Known::Commitizen | Known::Commitlint) => {
                vec!["commit-msg".into()]
            }
            _ => self.top.default_stages.clone(),
        });
        let mut hooks = Vec::new();
        for stage in &stages {
            match git_hook(stage) {
                Some(hook) if !hooks.iter().any(|known| known == hook) => hooks.push(hook.to_owned()),
                Some(_) => {}
                None => import.draft.note(
                    self.origin,
                    format!("stage `{stage}` is not a git hook (`manual` hooks run only by hand): not imported"),
                ),
            }
        }
        hooks
    }

    fn args(&self) -> Vec<String> {
        list(self.hook.get("args")).unwrap_or_default()
    }

    /// A built-in's settings: the linter, the hook's args where the check
    /// takes them, its `files`/`exclude` where exact.
    fn builtin_table(&self, import: &mut Import<'_>, check: &str, tool: Option<&str>) -> Table {
        let mut table = Table::new();
        if let Some(tool) = tool {
            table.insert("tool".into(), Value::from(tool));
        }
        let mut args = self.args();
        if args.iter().any(|arg| arg == "--fix") {
            args.retain(|arg| arg != "--fix");
            import.draft.note(
                self.origin,
                "`--fix` dropped: the check judges what is staged and never edits it",
            );
        }
        if !args.is_empty() {
            if matches!(check, "go-vet" | "go-lint" | "go-test" | "go-build") {
                table.insert("args".into(), strings(&args));
            } else {
                import.draft.note(
                    self.origin,
                    format!("`args: {args:?}` not imported: `{check}` takes none"),
                );
            }
        }
        if check != "go-env" {
            self.filters(import, &mut table);
        }
        table
    }

    /// `files`, `exclude`, `types` and the top-level `exclude` as globs.
    fn filters(&self, import: &mut Import<'_>, table: &mut Table) {
        let files = text(self.hook.get("files")).filter(|files| !files.is_empty());
        let types = type_globs(self.hook);
        let files = match (files.map(|regex| (regex, regex_glob::globs(regex))), types) {
            (None, Ok(types)) => types,
            (Some((_, Some(globs))), Ok(None)) => Some(globs),
            (Some((_, Some(globs))), Ok(Some(types))) => Some(both(&globs, &types)),
            (Some((regex, None)), _) => {
                import.draft.note(self.origin, format!("`files: {regex}` has no exact glob form: the check gets every file; write `files` globs"));
                None
            }
            (_, Err(types)) => {
                import.draft.note(self.origin, format!("`types: {types}` has no glob equivalent: the check gets every file; write `files` globs"));
                None
            }
        };
        if let Some(files) = files {
            table.insert("files".into(), strings(&files));
        }
        let mut exclude = Vec::new();
        for regex in [text(self.hook.get("exclude")), self.top.exclude.as_deref()]
            .into_iter()
            .flatten()
        {
            match regex_glob::globs(regex) {
                Some(globs) => exclude.extend(globs),
                None => import.draft.note(self.origin, format!("`exclude: {regex}` has no exact glob form and is not applied; write `exclude` globs")),
            }
        }
        if !exclude.is_empty() {
            table.insert("exclude".into(), strings(&exclude));
        }
    }

    /// A `repo: local` hook as a custom check.
    fn local(&self, import: &mut Import<'_>, hook: &str) {
        let entry = text(self.hook.get("entry")).unwrap_or_default();
        let language = text(self.hook.get("language")).unwrap_or("system");
        let mut table = match language {
            "pygrep" => {
                let Some(table) = self.pygrep(entry) else {
                    import.draft.note(self.origin, "pygrep's `--negate` and `--multiline` are not imported: write the check by hand");
                    return;
                };
                table
            }
            "fail" => {
                import.draft.note(
                    self.origin,
                    "`language: fail` is not imported: forbid such files with a custom check",
                );
                return;
            }
            _ => {
                let Some(mut argv) = shlex::split(entry).filter(|argv| !argv.is_empty()) else {
                    import.draft.note(
                        self.origin,
                        format!("`entry: {entry}` cannot be split into a command"),
                    );
                    return;
                };
                argv.extend(self.args());
                let mut table = Table::new();
                table.insert("run".into(), strings(&argv));
                table
            }
        };
        if !matches!(language, "system" | "script" | "pygrep") {
            let deps = list(self.hook.get("additional_dependencies")).unwrap_or_default();
            let with = if deps.is_empty() {
                String::new()
            } else {
                format!(" with {}", deps.join(", "))
            };
            let tool = entry.split_whitespace().next().unwrap_or(entry);
            import.draft.note(
                self.origin,
                format!("pre-commit installed it in its own `{language}` environment{with}; hookrc runs `{tool}` from `PATH`"),
            );
        }
        if self.hook.get("pass_filenames").and_then(Json::as_bool) == Some(false) {
            table.insert("pass-filenames".into(), Value::from(false));
        }
        if self.hook.get("always_run").and_then(Json::as_bool) == Some(true) {
            table.insert("always-run".into(), Value::from(true));
        }
        self.filters(import, &mut table);
        import.draft.custom(hook, self.id, self.origin, table);
    }

    /// pygrep (a Python regex that must not match any line) with GNU grep's
    /// Perl regexes.
    fn pygrep(&self, regex: &str) -> Option<Table> {
        let mut flags = String::from("-HnP");
        for arg in self.args() {
            match arg.as_str() {
                "-i" | "--ignore-case" => flags.push('i'),
                _ => return None,
            }
        }
        let mut table = Table::new();
        let script = format!("r=$1; shift; ! grep {flags} -e \"$r\" -- \"$@\"");
        table.insert("run".into(), strings(&[script, regex.to_owned()]));
        table.insert("shell".into(), Value::from("sh"));
        Some(table)
    }
}

/// A pre-commit stage as the git hook it runs in: its old names
/// (`commit`, `push`, `merge-commit`), or a client hook's own name.
fn git_hook(stage: &str) -> Option<&'static str> {
    let stage = match stage {
        "commit" => "pre-commit",
        "push" => "pre-push",
        "merge-commit" => "pre-merge-commit",
        other => other,
    };
    hookrc_policy::CLIENT_HOOKS
        .iter()
        .copied()
        .find(|hook| *hook == stage)
}

/// identify's file types as globs: `Ok(None)` for every file, `Err` with
/// the types when they have no exact glob form.
fn type_globs(hook: &Json) -> Result<Option<Vec<String>>, String> {
    let types: Vec<String> = list(hook.get("types")).unwrap_or_default();
    let types_or: Vec<String> = list(hook.get("types_or")).unwrap_or_default();
    let specific: Vec<&String> = types
        .iter()
        .filter(|t| !matches!(t.as_str(), "file" | "text"))
        .collect();
    let chosen: Vec<&String> = match (specific.as_slice(), types_or.is_empty()) {
        ([], true) => return Ok(None),
        ([], false) => types_or.iter().collect(),
        ([one], true) => vec![*one],
        _ => return Err(format!("{types:?} {types_or:?}")),
    };
    let mut globs = Vec::new();
    for kind in &chosen {
        let extensions: &[&str] = match kind.as_str() {
            "go" => &["go"],
            "go-mod" => return Ok(Some(vec!["go.mod".into(), "*/go.mod".into()])),
            "yaml" => &["yaml", "yml"],
            "json" => &["json"],
            "toml" => &["toml"],
            "markdown" => &["md", "markdown"],
            "shell" | "bash" => &["sh", "bash"],
            "python" => &["py"],
            "proto" => &["proto"],
            "sql" => &["sql"],
            _ => return Err((*kind).clone()),
        };
        globs.extend(extensions.iter().map(|ext| format!("*.{ext}")));
    }
    Ok(Some(globs))
}

/// The paths both `files` and `types` globs match, when each `files` glob
/// is a prefix (`dir/*`) and each type glob a suffix (`*.go`).
fn both(files: &[String], types: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for file in files {
        for kind in types {
            let (Some(prefix), Some(suffix)) = (file.strip_suffix('*'), kind.strip_prefix('*'))
            else {
                return files.to_vec();
            };
            out.push(format!("{prefix}*{suffix}"));
        }
    }
    out
}

/// compilerla/conventional-pre-commit's arguments: the types, `--scopes`,
/// `--force-scope`, `--strict`.
fn conventional_pre_commit(import: &mut Import<'_>, origin: &str, args: Vec<String>) -> Table {
    let mut table = Table::new();
    let mut types = Vec::new();
    let mut rules = Table::new();
    for arg in args {
        if let Some(scopes) = arg.strip_prefix("--scopes=") {
            table.insert(
                "scopes".into(),
                strings(&scopes.split(',').collect::<Vec<_>>()),
            );
        } else if arg == "--force-scope" {
            rules.insert(
                "scope-empty".into(),
                Value::Array(vec![2.into(), "never".into()]),
            );
        } else if arg == "--strict" {
            table.insert("default-ignores".into(), Value::from(false));
        } else if arg.starts_with('-') {
            if matches!(arg.as_str(), "--verbose" | "--no-color") {
                continue;
            }
            import
                .draft
                .note(origin, format!("`{arg}` is not imported"));
        } else {
            types.push(arg);
        }
    }
    if !types.is_empty() {
        // As conventional-pre-commit does: types sharing none of `feat` and
        // `fix` are added to those two, else they replace them.
        if !types.iter().any(|t| t == "feat" || t == "fix") {
            types.splice(0..0, ["feat".to_owned(), "fix".to_owned()]);
        }
        table.insert("types".into(), strings(&types));
    }
    if !rules.is_empty() {
        table.insert("rules".into(), Value::Table(rules));
    }
    table
}
