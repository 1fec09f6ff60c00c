//! Where Go code lives under a root directory: modules (`go.mod` at the root
//! and nested), a `go.work` workspace, GOPATH mode, and which module and
//! package each repo-relative `.go` file belongs to.
//!
//! It reads only the directory it is given (the worktree or a staged
//! snapshot), never git. A file's module is the nearest `go.mod` above it,
//! found by walking up from the file (cached per directory), which costs in
//! proportion to the files checked, not to the size of the tree; only
//! [`find_modules`] walks the whole tree (for checks on every module).

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use crate::go::GoError;

/// A Go module: the directory holding its `go.mod` and the module path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Module {
    dir: PathBuf,
    path: String,
}

impl Module {
    /// The module's directory, relative to the root (empty for the root).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The module path from the `module` directive (empty if there is none).
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A `go.work` file at the root and the module directories it `use`s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    uses: Vec<PathBuf>,
}

impl Workspace {
    /// The `use` directories, relative to the root, as written (`./` dropped).
    pub fn uses(&self) -> &[PathBuf] {
        &self.uses
    }
}

/// Which files to leave out. By default generated files and `vendor/` are
/// skipped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    generated: bool,
    vendor: bool,
}

impl Selection {
    /// Also check generated files (`// Code generated … DO NOT EDIT.`).
    #[must_use]
    pub fn include_generated(mut self, yes: bool) -> Self {
        self.generated = yes;
        self
    }

    /// Also check files under `vendor/`.
    #[must_use]
    pub fn include_vendor(mut self, yes: bool) -> Self {
        self.vendor = yes;
        self
    }
}

impl Selection {
    /// Why `file` (repo-relative) is left out by its path alone: under
    /// `vendor/` (unless included), or ignored by the go command.
    pub fn skip_by_path(self, file: &Path) -> Option<SkipReason> {
        let names: Vec<&OsStr> = file
            .components()
            .filter_map(|c| match c {
                Component::Normal(name) => Some(name),
                _ => None,
            })
            .collect();
        let (dirs, base) = names.split_at(names.len().saturating_sub(1));
        if !self.vendor && dirs.iter().any(|d| *d == "vendor") {
            return Some(SkipReason::Vendor);
        }
        let ignored = |name: &&OsStr| {
            name.as_encoded_bytes()
                .first()
                .is_some_and(|b| *b == b'.' || *b == b'_')
        };
        if dirs.iter().any(|d| *d == "testdata") || dirs.iter().chain(base).any(ignored) {
            return Some(SkipReason::IgnoredByGo);
        }
        None
    }

    /// Why `file` with this `content` (e.g. its staged blob) is left out:
    /// by path, else as generated (unless included).
    pub fn skip(self, file: &Path, content: &[u8]) -> Option<SkipReason> {
        self.skip_by_path(file)
            .or_else(|| (!self.generated && is_generated(content)).then_some(SkipReason::Generated))
    }
}

/// Why a `.go` file was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum SkipReason {
    /// Under a `vendor/` directory.
    Vendor,
    /// Marked `// Code generated … DO NOT EDIT.`.
    Generated,
    /// Ignored by the go command itself: under `testdata/`, or a file or
    /// directory whose name starts with `.` or `_`.
    IgnoredByGo,
}

/// The files of one place where Go commands run: a module, or the root in
/// GOPATH mode, with the package directories that hold them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    module: Option<Module>,
    dir: PathBuf,
    packages: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Unit {
    /// The module, or `None` in GOPATH mode.
    pub fn module(&self) -> Option<&Module> {
        self.module.as_ref()
    }

    /// Where Go commands run, relative to the root.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Package directories relative to [`Unit::dir`] (empty path for the
    /// unit's own directory), sorted.
    pub fn packages(&self) -> &[PathBuf] {
        &self.packages
    }

    /// The repo-relative files, sorted.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The packages as go command arguments: `.`, `./a/b`.
    pub fn package_args(&self) -> Vec<std::ffi::OsString> {
        self.packages.iter().map(|dir| package_arg(dir)).collect()
    }
}

/// A package directory as a go command argument: `.` or `./dir`.
pub fn package_arg(dir: &Path) -> std::ffi::OsString {
    if dir.as_os_str().is_empty() {
        ".".into()
    } else {
        Path::new(".").join(dir).into_os_string()
    }
}

/// The `.go` files grouped into units, and what was skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grouping {
    units: Vec<Unit>,
    skipped: Vec<(PathBuf, SkipReason)>,
}

impl Grouping {
    /// One unit per module (or GOPATH root) that has files, sorted by dir.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The `.go` files left out, with why, sorted.
    pub fn skipped(&self) -> &[(PathBuf, SkipReason)] {
        &self.skipped
    }
}

/// Whether Go source is generated, by Go's convention: a line matching
/// `^// Code generated .* DO NOT EDIT\.$` before the package clause.
pub fn is_generated(source: &[u8]) -> bool {
    const HEAD: &[u8] = b"// Code generated ";
    const TAIL: &[u8] = b" DO NOT EDIT.";
    for line in source.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.len() >= HEAD.len() + TAIL.len() && line.starts_with(HEAD) && line.ends_with(TAIL) {
            return true;
        }
        if line.starts_with(b"package ") || line.starts_with(b"package\t") {
            return false;
        }
    }
    false
}

/// Groups the repo-relative `files` under `root` by module (nearest
/// `go.mod` above each) and package directory. Non-`.go` files are ignored;
/// `.go` files in vendor, generated, or ignored by Go are listed as skipped
/// per `selection`. With `modules_off` (`GO111MODULE=off`), or for files
/// with no `go.mod` above them, the unit is the root in GOPATH mode.
///
/// # Errors
///
/// [`GoError::Io`] when a file's content (for the generated check) or a
/// `go.mod` cannot be read.
pub fn group_files(
    root: &Path,
    files: &[PathBuf],
    selection: Selection,
    modules_off: bool,
) -> Result<Grouping, GoError> {
    let mut finder = ModuleFinder::new(root);
    let mut units: BTreeMap<Option<Module>, Vec<PathBuf>> = BTreeMap::new();
    let mut skipped = Vec::new();
    for file in files
        .iter()
        .filter(|f| f.extension() == Some(OsStr::new("go")))
    {
        if let Some(reason) = skip_reason(root, file, selection)? {
            skipped.push((file.clone(), reason));
            continue;
        }
        let module = if modules_off {
            None
        } else {
            finder.module_of(file)?
        };
        units.entry(module).or_default().push(file.clone());
    }
    skipped.sort();
    let units = units
        .into_iter()
        .map(|(module, files)| unit(module, files))
        .collect();
    Ok(Grouping { units, skipped })
}

fn unit(module: Option<Module>, mut files: Vec<PathBuf>) -> Unit {
    files.sort();
    let dir = module.as_ref().map(|m| m.dir.clone()).unwrap_or_default();
    let mut packages: Vec<PathBuf> = files
        .iter()
        .map(|f| {
            let parent = f.parent().unwrap_or(Path::new(""));
            parent.strip_prefix(&dir).unwrap_or(parent).to_path_buf()
        })
        .collect();
    packages.sort();
    packages.dedup();
    Unit {
        module,
        dir,
        packages,
        files,
    }
}

fn skip_reason(
    root: &Path,
    file: &Path,
    selection: Selection,
) -> Result<Option<SkipReason>, GoError> {
    if let Some(reason) = selection.skip_by_path(file) {
        return Ok(Some(reason));
    }
    if selection.generated {
        return Ok(None);
    }
    let path = root.join(file);
    let source = std::fs::read(&path).map_err(|source| GoError::Io { path, source })?;
    Ok(is_generated(&source).then_some(SkipReason::Generated))
}

/// Nearest-`go.mod` lookup with a per-directory cache.
struct ModuleFinder<'a> {
    root: &'a Path,
    cache: HashMap<PathBuf, Option<Module>>,
}

impl<'a> ModuleFinder<'a> {
    fn new(root: &'a Path) -> Self {
        Self {
            root,
            cache: HashMap::new(),
        }
    }

    fn module_of(&mut self, file: &Path) -> Result<Option<Module>, GoError> {
        let mut dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut visited = Vec::new();
        let found = loop {
            if let Some(known) = self.cache.get(&dir) {
                break known.clone();
            }
            visited.push(dir.clone());
            if let Some(module) = read_module(self.root, &dir)? {
                break Some(module);
            }
            match dir.parent() {
                Some(parent) => dir = parent.to_path_buf(),
                None => break None,
            }
        };
        for dir in visited {
            self.cache.insert(dir, found.clone());
        }
        Ok(found)
    }
}

/// Reads `root/dir/go.mod` if it exists.
fn read_module(root: &Path, dir: &Path) -> Result<Option<Module>, GoError> {
    let path = root.join(dir).join("go.mod");
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(Module {
            dir: dir.to_path_buf(),
            path: module_path(&text),
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(GoError::Io { path, source }),
    }
}

/// The `module` directive's path (quotes and comments removed).
pub(crate) fn module_path(go_mod: &str) -> String {
    go_mod
        .lines()
        .find_map(|line| line.trim().strip_prefix("module"))
        .map(|rest| {
            rest.split("//")
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"')
                .to_owned()
        })
        .unwrap_or_default()
}

/// Every module under `root` (including the root), sorted by directory,
/// skipping what `go ./...` skips (`vendor`, `testdata`, `.`/`_` dirs) and
/// never following symlinks.
///
/// # Errors
///
/// [`GoError::Io`] when a directory or `go.mod` cannot be read.
pub fn find_modules(root: &Path) -> Result<Vec<Module>, GoError> {
    let mut modules = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(dir) = pending.pop() {
        if let Some(module) = read_module(root, &dir)? {
            modules.push(module);
        }
        let path = root.join(&dir);
        let entries = std::fs::read_dir(&path).map_err(|source| GoError::Io {
            path: path.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| GoError::Io {
                path: path.clone(),
                source,
            })?;
            let name = entry.file_name();
            let skip = name == "vendor"
                || name == "testdata"
                || name
                    .as_encoded_bytes()
                    .first()
                    .is_some_and(|b| *b == b'.' || *b == b'_');
            if !skip && entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(dir.join(name));
            }
        }
    }
    modules.sort();
    Ok(modules)
}

/// The `go.work` at `root`, if any, with its `use` directives (both the
/// single-line and the block form).
///
/// # Errors
///
/// [`GoError::Io`] when `go.work` exists but cannot be read.
pub fn find_workspace(root: &Path) -> Result<Option<Workspace>, GoError> {
    let path = root.join("go.work");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(GoError::Io { path, source }),
    };
    let mut uses = Vec::new();
    let mut in_block = false;
    for line in text
        .lines()
        .map(|l| l.split("//").next().unwrap_or("").trim())
    {
        let entry = if in_block {
            in_block = line != ")";
            line.trim_end_matches(')')
        } else if let Some(rest) = line.strip_prefix("use") {
            let rest = rest.trim();
            in_block = rest == "(";
            if in_block { "" } else { rest }
        } else {
            ""
        };
        let entry = entry.trim().trim_matches('"');
        if !entry.is_empty() {
            let entry = entry.strip_prefix("./").unwrap_or(entry);
            uses.push(PathBuf::from(if entry == "." { "" } else { entry }));
        }
    }
    uses.sort();
    Ok(Some(Workspace { uses }))
}

#[cfg(test)]
mod tests;
