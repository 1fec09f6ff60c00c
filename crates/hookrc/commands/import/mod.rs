//! `hookrc import [--from …] [--force] [--dry-run]`: read the hook managers'
//! configurations present in the worktree (pre-commit, lefthook, husky,
//! commitlint), write the equivalent `.hookrc.toml`, and list what could not
//! be mapped and why. One module per source format; `draft.rs` holds the
//! policy being built and `writer.rs` renders it. The result is validated as
//! `hookrc config check` would before anything is written, and an existing
//! policy is replaced only with `--force`.

mod command_line;
mod commitlint;
mod draft;
mod husky;
mod js_object;
mod known;
mod lefthook;
mod pre_commit;
mod regex_glob;
mod value;
mod writer;

use std::io;
use std::path::Path;

use anyhow::Context as _;
use hookrc_policy::POLICY_FILE;

use crate::cli::{ImportArgs, ImportFrom};
use crate::exit::ExitStatus;
use crate::output::{self, HintedError};
use draft::Draft;

/// What the formats share while importing: the worktree, the draft, the
/// files read.
pub(super) struct Import<'a> {
    root: &'a Path,
    draft: Draft,
    sources: Vec<String>,
    commitlint_read: bool,
}

impl Import<'_> {
    /// A hook of another tool runs commitlint: import its configuration
    /// (once) as `conventional` on `hook`.
    fn commitlint(&mut self, hook: &str, origin: &str) {
        if self.commitlint_read {
            if !self.draft.hook_runs(hook, "conventional") {
                self.draft
                    .builtin(hook, "conventional", origin, toml::Table::new());
            }
            return;
        }
        self.commitlint_read = true;
        match commitlint::import(self, hook) {
            Ok(true) => {}
            Ok(false) => {
                self.draft.note(origin, "commitlint found no configuration here: imported as `conventional` with config-conventional's rules");
                self.draft
                    .builtin(hook, "conventional", origin, toml::Table::new());
            }
            Err(err) => {
                self.draft.note(origin, format!("{err:#}"));
                self.draft
                    .builtin(hook, "conventional", origin, toml::Table::new());
            }
        }
    }

    fn read(&mut self, file: &str) {
        let named = format!("`{file}`");
        if !self.sources.contains(&named) {
            self.sources.push(named);
        }
    }
}

/// Run `hookrc import`.
pub(crate) fn run(args: &ImportArgs) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = crate::git::worktree_root(&cwd)?;
    let mut import = Import {
        root: &root,
        draft: Draft::default(),
        sources: Vec::new(),
        commitlint_read: false,
    };
    read_sources(&mut import, args.from)?;
    let text = writer::render(&import.draft, &import.sources);
    hookrc_policy::parse(&text, Path::new(POLICY_FILE)).context(
        "the imported policy does not load (a bug in `hookrc import`); nothing was written",
    )?;
    let path = crate::settings::display_base(&root, &cwd).join(POLICY_FILE);
    if args.dry_run {
        output::data(&text)?;
    } else {
        write(&path, &text, args.force)?;
        output::note(&format!(
            "wrote `{}` from {}",
            path.display(),
            import.sources.join(", ")
        ))?;
    }
    report(&import.draft)?;
    if !args.dry_run {
        output::note("\nnext: review it (`hookrc config show`), then `hookrc install`")?;
    }
    Ok(ExitStatus::Success)
}

/// The configurations `import` reads, by manager: each manager's name and
/// the files (or directory) it is configured by; commitlint's
/// `package.json` counts only with a `commitlint` key.
pub(crate) const SOURCES: &[(&str, &[&str])] = &[
    ("pre-commit", pre_commit::FILES),
    ("lefthook", lefthook::FILES),
    ("husky", &[husky::DIR]),
    ("commitlint", commitlint::FILES),
];

/// Read every configuration `from` asks for; an error when none is here.
fn read_sources(import: &mut Import<'_>, from: ImportFrom) -> anyhow::Result<()> {
    let root = import.root;
    let wants = |format: ImportFrom| from == ImportFrom::Auto || from == format;
    let pre_commit = first_present(root, pre_commit::FILES);
    if let Some(file) = pre_commit.filter(|_| wants(ImportFrom::PreCommit)) {
        import.read(file);
        pre_commit::import(import, file)?;
    }
    let lefthook = first_present(root, lefthook::FILES);
    if let Some(file) = lefthook.filter(|_| wants(ImportFrom::Lefthook)) {
        import.read(file);
        lefthook::import(import, file)?;
    }
    if wants(ImportFrom::Husky) && root.join(husky::DIR).is_dir() {
        husky::import(import)?;
    }
    if wants(ImportFrom::Commitlint) && !import.commitlint_read {
        import.commitlint_read = true;
        commitlint::import(import, "commit-msg")?;
    }
    if import.sources.is_empty() {
        return Err(HintedError::new(
            format!("found no {} configuration here", looked_for(from)),
            "run `hookrc import` at the root of the repository that holds it, or `hookrc init` for a starter policy",
        )
        .into());
    }
    Ok(())
}

fn looked_for(from: ImportFrom) -> &'static str {
    match from {
        ImportFrom::Auto => {
            "pre-commit (`.pre-commit-config.yaml`), lefthook (`lefthook.yml`), husky (`.husky/`) or commitlint"
        }
        ImportFrom::PreCommit => "pre-commit (`.pre-commit-config.yaml`)",
        ImportFrom::Lefthook => "lefthook (`lefthook.yml`, `.lefthook.yml`, …)",
        ImportFrom::Husky => "husky (`.husky/`)",
        ImportFrom::Commitlint => {
            "commitlint (`.commitlintrc.*`, `commitlint.config.*`, `package.json`)"
        }
    }
}

/// The first of `files` present at `root`.
fn first_present(root: &Path, files: &[&'static str]) -> Option<&'static str> {
    files.iter().copied().find(|file| root.join(file).is_file())
}

/// Write the policy: a new file, or with `force` over an existing one.
fn write(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    if force && path.exists() {
        return crate::files::replace(path, text.as_bytes());
    }
    crate::files::create_new(
        path,
        text.as_bytes(),
        "`hookrc import --dry-run` prints the imported policy; `--force` replaces the file",
    )
}

/// List what was not imported, one line each.
fn report(draft: &Draft) -> io::Result<()> {
    if draft.notes().is_empty() {
        return output::note("everything was imported");
    }
    output::note(&format!(
        "not imported or different ({}):",
        draft.notes().len()
    ))?;
    for note in draft.notes() {
        output::note(&format!("  {}: {}", note.source, note.why))?;
    }
    Ok(())
}
