//! Reading `.hookrc.toml`: parse with spans, check every key and value, and
//! assemble the [`Policy`].
//!
//! The document is parsed once into `toml`'s spanned tree; each table is then
//! deserialized into its typed struct with the spans intact, after its keys
//! are checked against the struct's own field list (for "did you mean").

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue, ValueDeserializer};

use crate::changelog::{ChangelogSettings, GoReleaseCheck};
use crate::command::CommandCheck;
use crate::conventional::ConventionalCheck;
use crate::error::{self, PolicyError, split_help};
use crate::file;
use crate::go::{GoFmtCheck, GoLintCheck, GoSettings, GoVetCheck};
use crate::go_push::{GoBenchCheck, GoBuildCheck, GoEnvCheck, GoModCheck, GoTestCheck};
use crate::model::{BUILTIN_CHECKS, Check, Policy, PolicySource};
use crate::{defaults, fields, hooks, suggest};

const RUN_EXAMPLE: &str =
    "a custom check gives the command as an argv array, e.g. `run = [\"shellcheck\", \"--\"]`";

/// The policy file's name, at the worktree root.
pub const POLICY_FILE: &str = ".hookrc.toml";

/// What the embedded default policy depends on in the repository.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DefaultContext {
    /// A `go.mod` (or `go.work`) was found in the worktree.
    pub has_go_module: bool,
}

/// Loads `.hookrc.toml` from `worktree_root`, or the embedded default policy
/// for the context `default_context` gives, which is only asked for when
/// there is no file (it looks at the worktree, on every hook's path).
///
/// # Errors
///
/// [`PolicyError::Read`] when the file exists but cannot be read,
/// [`PolicyError::Refused`] when it is not a file hookrc reads (see
/// [`read`]), [`PolicyError::Invalid`] when it is not a valid policy.
pub fn load(
    worktree_root: &Path,
    default_context: impl FnOnce() -> DefaultContext,
) -> Result<Policy, PolicyError> {
    match read(worktree_root)? {
        Some(text) => parse(&text, &worktree_root.join(POLICY_FILE)),
        None => defaults::embedded(default_context()),
    }
}

/// The text of `.hookrc.toml` in `worktree_root`, `None` when there is
/// none: only a regular file, or a symlink to one inside the worktree, of
/// at most [`MAX_POLICY_BYTES`](crate::MAX_POLICY_BYTES), UTF-8.
///
/// # Errors
///
/// As [`load()`], except that the text is not parsed.
pub fn read(worktree_root: &Path) -> Result<Option<String>, PolicyError> {
    file::read(worktree_root, POLICY_FILE)
}

/// Parses and validates policy text; `path` is where it came from (used in
/// messages and as the policy's [`PolicySource::File`]).
///
/// # Errors
///
/// [`PolicyError::Invalid`], located at the first problem in the text.
pub fn parse(text: &str, path: &Path) -> Result<Policy, PolicyError> {
    let src = Source { text, path };
    let document = DeTable::parse(text).map_err(|error| src.toml_error(&error, 0..0))?;
    let mut hook_lists = Vec::new();
    let mut defined = Vec::new();
    let mut go = GoSettings::default();
    let mut changelog = ChangelogSettings::default();
    for (key, value) in entries(document.into_inner()) {
        match key.get_ref().as_ref() {
            "hooks" => hook_lists = src.hook_lists(&value)?,
            "check" => defined = src.checks(&value)?,
            "go" => go = src.settings("[go]", value)?,
            "changelog" => changelog = src.settings("[changelog]", value)?,
            other => {
                let tables = ["hooks", "check", "go", "changelog"];
                let help = suggest::did_you_mean(other, tables).unwrap_or_else(|| {
                    "a policy has `[hooks]`, `[check.NAME]` tables, `[go]` and `[changelog]`".into()
                });
                return Err(src.error(key.span(), format!("unknown key `{other}`"), Some(help)));
            }
        }
    }
    let mut policy = src.assemble(hook_lists, defined, go)?;
    policy.changelog = changelog;
    Ok(policy)
}

type Entry<'i> = (Spanned<DeString<'i>>, Spanned<DeValue<'i>>);

/// A table's entries in the order they appear in the text.
fn entries(table: DeTable<'_>) -> Vec<Entry<'_>> {
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// The entry `key` of `table`, if present.
fn find<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(name, _)| name.get_ref().as_ref() == key)
        .map(|(_, value)| value)
}

fn key_span(table: &DeTable<'_>, key: &str) -> Option<Range<usize>> {
    table
        .keys()
        .find(|name| name.get_ref().as_ref() == key)
        .map(Spanned::span)
}

/// A hook's list as written: the hook name and the check names, with spans.
struct HookList {
    hook: Spanned<String>,
    checks: Vec<Spanned<String>>,
}

/// The text being loaded, for locating errors.
struct Source<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Source<'_> {
    fn error(&self, span: Range<usize>, message: String, help: Option<String>) -> PolicyError {
        error::invalid(self.text, self.path, span, message, help)
    }

    fn toml_error(&self, error: &toml::de::Error, fallback: Range<usize>) -> PolicyError {
        let (message, help) = split_help(error.message());
        let span = error.span().unwrap_or(fallback);
        if message == "duplicate key" {
            return self.duplicate_key(span);
        }
        self.error(span, message, help)
    }

    /// `toml`'s "duplicate key" at `span`, with the key named as written.
    fn duplicate_key(&self, span: Range<usize>) -> PolicyError {
        let key = self.text.get(span.clone()).unwrap_or_default().trim();
        let message = if key.is_empty() {
            "duplicate key".to_owned()
        } else {
            format!("duplicate key `{key}`")
        };
        let help = "a key is set once per table: keep one of the two and remove the other";
        self.error(span, message, Some(help.into()))
    }

    /// The value as a table, or an error naming what was expected.
    fn table<'i>(
        &self,
        label: &str,
        value: &Spanned<DeValue<'i>>,
    ) -> Result<DeTable<'i>, PolicyError> {
        match value.get_ref() {
            DeValue::Table(table) => Ok(table.clone()),
            other => Err(self.error(
                value.span(),
                format!("`{label}` must be a table, found {}", other.type_str()),
                None,
            )),
        }
    }

    /// Deserializes a settings table after checking its keys.
    fn settings<T: DeserializeOwned>(
        &self,
        label: &str,
        value: Spanned<DeValue<'_>>,
    ) -> Result<T, PolicyError> {
        let table = self.table(label, &value)?;
        let known = fields::keys::<T>();
        for (key, _) in entries(table) {
            let name = key.get_ref().as_ref();
            if !known.contains(&name) {
                let help = suggest::did_you_mean(name, known.iter().copied())
                    .unwrap_or_else(|| format!("`{label}` takes {}", suggest::one_of(known)));
                return Err(self.error(
                    key.span(),
                    format!("unknown key `{name}` in `{label}`"),
                    Some(help),
                ));
            }
        }
        let span = value.span();
        T::deserialize(ValueDeserializer::from(value))
            .map_err(|error| self.toml_error(&error, span))
    }

    fn hook_lists(&self, value: &Spanned<DeValue<'_>>) -> Result<Vec<HookList>, PolicyError> {
        let table = self.table("hooks", value)?;
        let mut lists = Vec::new();
        for (key, list) in entries(table) {
            let hook = key.get_ref().to_string();
            if let Some((message, help)) = hooks::reject(&hook) {
                return Err(self.error(key.span(), message, Some(help)));
            }
            if !matches!(list.get_ref(), DeValue::Array(_)) {
                return Err(self.error(
                    list.span(),
                    format!(
                        "`{hook}` must list check names, found {}",
                        list.get_ref().type_str()
                    ),
                    Some(format!("write a list, e.g. `{hook} = [\"conventional\"]`")),
                ));
            }
            let span = list.span();
            let checks = Vec::<Spanned<String>>::deserialize(ValueDeserializer::from(list))
                .map_err(|error| self.toml_error(&error, span))?;
            lists.push(HookList {
                hook: Spanned::new(key.span(), hook),
                checks,
            });
        }
        Ok(lists)
    }

    fn checks(
        &self,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Vec<(Spanned<String>, Check)>, PolicyError> {
        let table = self.table("check", value)?;
        let mut checks = Vec::new();
        for (key, value) in entries(table) {
            let name = key.get_ref().to_string();
            let label = format!("[check.{name}]");
            let check = match name.as_str() {
                "conventional" => Check::Conventional(self.conventional(&label, value)?),
                "go-fmt" => Check::GoFmt(self.builtin(&label, value)?),
                "go-vet" => Check::GoVet(self.builtin(&label, value)?),
                "go-lint" => Check::GoLint(self.builtin(&label, value)?),
                "go-test" => Check::GoTest(self.builtin(&label, value)?),
                "go-bench" => Check::GoBench(self.go_bench(&label, value)?),
                "go-build" => Check::GoBuild(self.builtin(&label, value)?),
                "go-mod" => Check::GoMod(self.builtin(&label, value)?),
                "go-env" => Check::GoEnv(self.builtin(&label, value)?),
                "go-release" => Check::GoRelease(self.builtin(&label, value)?),
                _ => Check::Command(self.command(&key, &label, value)?),
            };
            checks.push((Spanned::new(key.span(), name), check));
        }
        Ok(checks)
    }

    /// A built-in check's settings; `run` is refused with a way out.
    fn builtin<T: DeserializeOwned>(
        &self,
        label: &str,
        value: Spanned<DeValue<'_>>,
    ) -> Result<T, PolicyError> {
        let table = self.table(label, &value)?;
        if let Some(span) = key_span(&table, "run") {
            let name = &label[7..label.len() - 1];
            return Err(self.error(
                span,
                format!("`{name}` is a built-in check and takes no `run`"),
                Some(format!(
                    "to run your own command, give the check another name, e.g. `[check.my-{name}]`"
                )),
            ));
        }
        self.settings(label, value)
    }

    /// go-bench's settings; a `count` too small for the statistics at
    /// `alpha` is an error at `count` (or at `alpha`, with the default count).
    fn go_bench(
        &self,
        label: &str,
        value: Spanned<DeValue<'_>>,
    ) -> Result<GoBenchCheck, PolicyError> {
        let table = self.table(label, &value)?;
        let span = value.span();
        let check: GoBenchCheck = self.builtin(label, value)?;
        if let Some((message, help)) = check.too_few_runs() {
            let at = key_span(&table, "count")
                .or_else(|| key_span(&table, "alpha"))
                .unwrap_or(span);
            return Err(self.error(at, message, Some(help)));
        }
        Ok(check)
    }

    fn conventional(
        &self,
        label: &str,
        value: Spanned<DeValue<'_>>,
    ) -> Result<ConventionalCheck, PolicyError> {
        let table = self.table(label, &value)?;
        let span = value.span();
        let mut check: ConventionalCheck = self.builtin(label, value)?;
        for (shorthand, rule) in [("types", "type-enum"), ("scopes", "scope-enum")] {
            if let Some(span) =
                key_span(&table, shorthand).filter(|_| check.rules().contains_key(rule))
            {
                return Err(self.error(
                    span,
                    format!("both `{shorthand}` and `rules.{rule}` set the allowed {shorthand}"),
                    Some(format!("keep one of them: `{shorthand}` is shorthand for `{rule} = [2, \"always\", [...]]`")),
                ));
            }
        }
        // Every rule was checked where it is written; what is left to fail is
        // a `types` or `scopes` list, which the rules take as they are.
        check
            .build_config()
            .map_err(|error| self.error(span, error.to_string(), None))?;
        Ok(check)
    }

    fn command(
        &self,
        key: &Spanned<DeString<'_>>,
        label: &str,
        value: Spanned<DeValue<'_>>,
    ) -> Result<CommandCheck, PolicyError> {
        let name = key.get_ref().as_ref();
        self.check_name(name, key.span())?;
        let table = self.table(label, &value)?;
        let Some(run) = find(&table, "run") else {
            let help = suggest::did_you_mean(name, BUILTIN_CHECKS.iter().copied()).map_or_else(
                || RUN_EXAMPLE.into(),
                |found| format!("{found} (a built-in check needs no `run`)"),
            );
            let message = format!("check `{name}` is not built in and has no `run`");
            return Err(self.error(key.span(), message, Some(help)));
        };
        let run_span = run.span();
        let shell_span = find(&table, "shell").map(Spanned::span);
        let check: CommandCheck = self.settings(label, value)?;
        if check.run().first().is_none_or(String::is_empty) {
            let message = format!("`run` of check `{name}` has no command");
            return Err(self.error(run_span, message, Some(RUN_EXAMPLE.into())));
        }
        if let (Some(""), Some(span)) = (check.shell(), shell_span) {
            let help = "name a shell, e.g. `shell = \"sh\"`, or drop the key to run without one";
            return Err(self.error(span, "`shell` is empty".into(), Some(help.into())));
        }
        Ok(check)
    }

    /// A custom check's name must survive `HOOKRC_SKIP=a,b` and the shell.
    fn check_name(&self, name: &str, span: Range<usize>) -> Result<(), PolicyError> {
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-_.".contains(&b);
        if !name.is_empty() && name.bytes().all(allowed) {
            return Ok(());
        }
        let help =
            "a check name uses letters, digits, `-`, `_` and `.` (it appears in `HOOKRC_SKIP=a,b`)";
        Err(self.error(
            span,
            format!("invalid check name `{name}`"),
            Some(help.into()),
        ))
    }

    fn assemble(
        &self,
        mut hook_lists: Vec<HookList>,
        defined: Vec<(Spanned<String>, Check)>,
        go: GoSettings,
    ) -> Result<Policy, PolicyError> {
        hook_lists.sort_by_key(|list| hooks::rank(list.hook.get_ref()));
        let defined_names: HashSet<&str> = defined
            .iter()
            .map(|(name, _)| name.get_ref().as_str())
            .collect();
        let mut listed: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut hook_names = Vec::with_capacity(hook_lists.len());
        for list in &hook_lists {
            let names = self.resolve(list, &defined_names)?;
            for name in &names {
                if seen.insert(name.clone()) {
                    listed.push(name.clone());
                }
            }
            hook_names.push((list.hook.get_ref().clone(), names));
        }
        let defined = defined
            .into_iter()
            .map(|(name, check)| (name.into_inner(), check))
            .collect();
        Ok(Policy {
            source: PolicySource::File(self.path.to_path_buf()),
            hooks: hook_names,
            checks: order_checks(listed, defined),
            go,
            changelog: ChangelogSettings::default(),
        })
    }

    /// One hook's check names, each known, fitting the hook, and listed once.
    fn resolve(
        &self,
        list: &HookList,
        defined: &HashSet<&str>,
    ) -> Result<Vec<String>, PolicyError> {
        let hook = list.hook.get_ref();
        let mut seen = HashSet::new();
        for check in &list.checks {
            let name = check.get_ref().as_str();
            self.check_reference(hook, check, defined)?;
            if !seen.insert(name) {
                return Err(self.error(
                    check.span(),
                    format!("`{name}` is listed twice in `{hook}`"),
                    Some("a check runs once per hook; remove the second entry".into()),
                ));
            }
        }
        Ok(list
            .checks
            .iter()
            .map(|check| check.get_ref().clone())
            .collect())
    }

    /// A name in a hook's list must be defined or built in, and fit the hook.
    fn check_reference(
        &self,
        hook: &str,
        check: &Spanned<String>,
        defined: &HashSet<&str>,
    ) -> Result<(), PolicyError> {
        let name = check.get_ref().as_str();
        if !defined.contains(name) && !BUILTIN_CHECKS.contains(&name) {
            let mut defined: Vec<&str> = defined.iter().copied().collect();
            defined.sort_unstable();
            let known = BUILTIN_CHECKS.iter().copied().chain(defined);
            let help = suggest::did_you_mean(name, known).unwrap_or_else(|| {
                format!("define it under `[check.{name}]` with `run = [...]`, or use a built-in check: {}", suggest::one_of(BUILTIN_CHECKS))
            });
            return Err(self.error(
                check.span(),
                format!("unknown check `{name}` in `{hook}`"),
                Some(help),
            ));
        }
        if name == "conventional" && hook != "commit-msg" {
            return Err(self.error(
                check.span(),
                format!("`conventional` checks a commit message and cannot run in `{hook}`"),
                Some("list it under `commit-msg`".into()),
            ));
        }
        if name == "go-release" && hook != "pre-push" {
            return Err(self.error(
                check.span(),
                format!("`go-release` checks pushed tags and cannot run in `{hook}`"),
                Some("list it under `pre-push`".into()),
            ));
        }
        Ok(())
    }
}

/// The checks in policy order: the listed ones in order of first mention
/// (a built-in without a table gets its defaults), then the unlisted ones
/// by name.
fn order_checks(listed: Vec<String>, defined: Vec<(String, Check)>) -> Vec<(String, Check)> {
    let mut checks = Vec::with_capacity(listed.len() + defined.len());
    let mut defined: BTreeMap<String, Check> = defined.into_iter().collect();
    for name in listed {
        // `check_reference` let only defined or built-in names through.
        let check = defined.remove(&name).or_else(|| default_builtin(&name));
        checks.extend(check.map(|check| (name, check)));
    }
    checks.extend(defined);
    checks
}

/// A built-in check with every setting at its default.
pub(crate) fn default_builtin(name: &str) -> Option<Check> {
    Some(match name {
        "conventional" => Check::Conventional(ConventionalCheck::default()),
        "go-fmt" => Check::GoFmt(GoFmtCheck::default()),
        "go-vet" => Check::GoVet(GoVetCheck::default()),
        "go-lint" => Check::GoLint(GoLintCheck::default()),
        "go-test" => Check::GoTest(GoTestCheck::default()),
        "go-bench" => Check::GoBench(GoBenchCheck::default()),
        "go-build" => Check::GoBuild(GoBuildCheck::default()),
        "go-mod" => Check::GoMod(GoModCheck::default()),
        "go-env" => Check::GoEnv(GoEnvCheck::default()),
        "go-release" => Check::GoRelease(GoReleaseCheck::default()),
        _ => return None,
    })
}
