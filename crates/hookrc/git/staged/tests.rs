//! Parity of the staged list with `git diff --cached --name-only
//! --no-renames` across the cases a hook meets, through both the
//! opened repository and the [`StagedReader`], which must always agree.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;

use hookrc_testkit::TestRepo;

use super::{FileKind, StagedFile, StagedReader, StagedStatus};
use crate::git::Repo;

fn names_of(files: &[super::StagedFile]) -> Vec<String> {
    files
        .iter()
        .map(|f| String::from_utf8_lossy(f.path.as_os_str().as_encoded_bytes()).into_owned())
        .collect()
}

/// The reader for `repo` in its hermetic environment; `index` plays
/// `GIT_INDEX_FILE`.
fn reader(repo: &TestRepo, index: Option<&Path>) -> Option<StagedReader> {
    let mut env: BTreeMap<OsString, OsString> = repo.env();
    if let Some(index) = index {
        env.insert("GIT_INDEX_FILE".into(), index.into());
    }
    let lookup = |name: &str| env.get(&OsString::from(name)).cloned();
    StagedReader::load(repo.root(), &lookup).expect("reader")
}

/// The staged files, asserting that the opened repository and the reader
/// agree.
fn staged(repo: &TestRepo, index: Option<&Path>) -> Vec<StagedFile> {
    let opened = Repo::open_isolated(repo.root(), index)
        .staged_files()
        .expect("staged files");
    let (read, _) = reader(repo, index)
        .expect("a plain repository is read without an open")
        .staged_files(repo.root())
        .expect("staged files");
    assert_eq!(read, opened, "the reader and the opened repository differ");
    opened
}

fn ours(repo: &TestRepo, index: Option<&Path>) -> Vec<String> {
    names_of(&staged(repo, index))
}

/// `git diff --cached --name-only --no-renames`, NUL-separated so no name
/// is quoted.
fn git_staged(repo: &TestRepo) -> Vec<String> {
    split_nul(&repo.git(["diff", "--cached", "--name-only", "-z", "--no-renames"]))
}

fn split_nul(text: &str) -> Vec<String> {
    text.split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[track_caller]
fn assert_parity(repo: &TestRepo, expected: &[&str]) {
    let git = git_staged(repo);
    assert_eq!(git, expected, "git's own answer (test premise)");
    assert_eq!(ours(repo, None), expected);
}

/// A committed tree with nesting, so the cache-tree has levels to skip.
fn base_repo() -> TestRepo {
    let repo = TestRepo::new();
    for dir in ["a", "a/b", "a/b/c", "d", "e/f"] {
        for file in ["1.txt", "2.txt"] {
            repo.write(format!("{dir}/{file}"), format!("{dir}/{file}\n"));
        }
    }
    repo.write("top.txt", "top\n");
    repo.commit_all("feat: base");
    repo
}

fn cache_tree_state(repo: &TestRepo) -> Option<bool> {
    let index = Repo::open_isolated(repo.root(), None)
        .load_index()
        .expect("index")
        .expect("exists");
    index.tree().map(|tree| tree.num_entries.is_some())
}

#[test]
fn nothing_staged_after_a_commit_with_a_valid_cache_tree() {
    let repo = base_repo();
    assert_eq!(cache_tree_state(&repo), Some(true));
    assert_parity(&repo, &[]);
}

#[test]
fn unborn_head_reports_everything_staged_as_added() {
    let repo = TestRepo::new();
    assert_eq!(ours(&repo, None), Vec::<String>::new(), "no index yet");
    repo.write("x/y/z.txt", "z\n");
    repo.write("a.txt", "a\n");
    repo.git(["add", "-A"]);
    assert_parity(&repo, &["a.txt", "x/y/z.txt"]);
    let files = staged(&repo, None);
    assert!(
        files
            .iter()
            .all(|f| f.status == StagedStatus::Added && f.kind == FileKind::File)
    );
}

#[test]
fn adds_modifications_mode_changes_deletes_and_renames() {
    let repo = base_repo();
    repo.write("a/b/c/new.txt", "new\n");
    repo.write("d/1.txt", "changed\n");
    repo.git(["rm", "-q", "top.txt"]);
    repo.git(["mv", "e/f/1.txt", "a/renamed.txt"]);
    repo.git(["add", "-A"]);
    repo.git(["update-index", "--chmod=+x", "a/b/2.txt"]);
    assert_eq!(cache_tree_state(&repo), Some(false), "root invalidated");
    assert_parity(
        &repo,
        &[
            "a/b/2.txt",
            "a/b/c/new.txt",
            "a/renamed.txt",
            "d/1.txt",
            "e/f/1.txt",
            "top.txt",
        ],
    );
    let files = staged(&repo, None);
    let status: Vec<_> = files.iter().map(|f| (f.status, f.kind)).collect();
    assert_eq!(
        status,
        [
            (StagedStatus::Modified, FileKind::Executable),
            (StagedStatus::Added, FileKind::File),
            (StagedStatus::Added, FileKind::File),
            (StagedStatus::Modified, FileKind::File),
            (StagedStatus::Deleted, FileKind::File),
            (StagedStatus::Deleted, FileKind::File),
        ]
    );
}

#[test]
fn a_valid_cache_tree_that_differs_from_head_is_walked() {
    let repo = base_repo();
    repo.write("a/b/c/1.txt", "changed\n");
    repo.git(["add", "-A"]);
    repo.git(["write-tree"]);
    assert_eq!(
        cache_tree_state(&repo),
        Some(true),
        "write-tree validated the cache"
    );
    assert_parity(&repo, &["a/b/c/1.txt"]);
}

#[test]
fn an_index_without_cache_tree_gives_the_same_answer() {
    let repo = base_repo();
    repo.write("a/b/1.txt", "changed\n");
    repo.write("e/new.txt", "new\n");
    repo.git(["add", "-A"]);
    let git = Repo::open_isolated(repo.root(), None);
    let mut index = git.load_index().expect("index").expect("exists");
    index.remove_tree();
    index
        .write(gix::index::write::Options::default())
        .expect("write the index");
    assert_eq!(cache_tree_state(&repo), None);
    assert_parity(&repo, &["a/b/1.txt", "e/new.txt"]);
}

#[test]
fn directories_replaced_by_files_and_files_by_directories() {
    let repo = base_repo();
    repo.git(["rm", "-rq", "d"]);
    repo.write("d", "now a file\n");
    repo.git(["rm", "-q", "top.txt"]);
    repo.write("top.txt/inside.txt", "now a dir\n");
    repo.git(["add", "-A"]);
    assert_parity(
        &repo,
        &["d", "d/1.txt", "d/2.txt", "top.txt", "top.txt/inside.txt"],
    );
}

#[test]
fn sorting_and_unusual_names_match_git() {
    let repo = base_repo();
    for name in [
        "a-b",
        "a0",
        "a/x",
        "sp ace/q\"uote.txt",
        "-leading",
        "ünï.txt",
        "new\nline",
    ] {
        repo.write(name, "x\n");
    }
    repo.git(["add", "-A"]);
    assert_parity(
        &repo,
        &[
            "-leading",
            "a-b",
            "a/x",
            "a0",
            "new\nline",
            "sp ace/q\"uote.txt",
            "ünï.txt",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_and_type_changes() {
    let repo = base_repo();
    std::fs::remove_file(repo.path("d/2.txt")).expect("remove");
    std::os::unix::fs::symlink("1.txt", repo.path("d/2.txt")).expect("symlink");
    std::os::unix::fs::symlink("top.txt", repo.path("link")).expect("symlink");
    repo.git(["add", "-A"]);
    assert_parity(&repo, &["d/2.txt", "link"]);
    let files = staged(&repo, None);
    assert_eq!(files[0].status, StagedStatus::TypeChanged);
    assert_eq!(files[1].kind, FileKind::Symlink);
}

#[test]
fn submodules_added_and_updated() {
    let repo = base_repo();
    let other = TestRepo::new();
    other.write("lib.txt", "lib\n");
    other.commit_all("feat: lib");
    let mut add = repo.git_cmd(["submodule", "add", "-q"]);
    add.arg(other.root()).arg("vendor/lib");
    assert!(add.status().expect("run git").success());
    assert_parity(&repo, &[".gitmodules", "vendor/lib"]);
    repo.commit_all("feat: submodule");
    let sub = repo.path("vendor/lib");
    repo.git_in(&sub, ["commit", "-q", "--allow-empty", "-m", "chore: bump"]);
    repo.git(["add", "vendor/lib"]);
    assert_parity(&repo, &["vendor/lib"]);
    let files = staged(&repo, None);
    assert_eq!(files[0].kind, FileKind::Submodule);
}

#[test]
fn intent_to_add_entries_are_not_staged() {
    let repo = base_repo();
    repo.write("later.txt", "later\n");
    repo.git(["add", "-N", "later.txt"]);
    assert_parity(&repo, &[]);
}

#[test]
fn unmerged_entries_are_a_clear_error() {
    let repo = base_repo();
    repo.git(["switch", "-q", "-c", "other"]);
    repo.write("d/1.txt", "theirs\n");
    repo.commit_all("feat: theirs");
    repo.git(["switch", "-q", "main"]);
    repo.write("d/1.txt", "ours\n");
    repo.commit_all("feat: ours");
    let merge = repo
        .git_cmd(["merge", "-q", "other"])
        .output()
        .expect("run git");
    assert!(!merge.status.success(), "the merge conflicts");
    let err = Repo::open_isolated(repo.root(), None)
        .staged_files()
        .expect_err("conflict");
    assert_eq!(
        err.to_string(),
        "`d/1.txt` is unmerged (a merge conflict), so there is no staged version to check\n\nhint: resolve the conflict and `git add` the file, or abort the merge"
    );
    let read = reader(&repo, None)
        .expect("reader")
        .staged_files(repo.root());
    assert_eq!(read.err().expect("conflict").to_string(), err.to_string());
}

/// Install a pre-commit hook that saves the index git hands it and git's
/// own staged list for that index, then refuses the commit.
fn capture_hook(repo: &TestRepo) -> std::path::PathBuf {
    let capture = repo.outside_dir("capture");
    let script = format!(
        "#!/bin/sh\ncp \"$GIT_INDEX_FILE\" '{dir}/index'\ngit diff --cached --name-only -z --diff-filter=ACMRT > '{dir}/git-staged'\nexit 1\n",
        dir = capture.display()
    );
    repo.write(".git/hooks/pre-commit", script);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let hook = repo.path(".git/hooks/pre-commit");
        std::fs::set_permissions(hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    capture
}

fn captured(repo: &TestRepo, capture: &Path) -> (Vec<String>, Vec<String>) {
    let git = split_nul(&std::fs::read_to_string(capture.join("git-staged")).expect("git's list"));
    (ours(repo, Some(&capture.join("index"))), git)
}

#[cfg(unix)]
#[test]
fn temporary_indexes_of_commit_all_and_commit_paths() {
    let repo = base_repo();
    let capture = capture_hook(&repo);
    repo.write("a/1.txt", "staged\n");
    repo.git(["add", "a/1.txt"]);
    repo.write("d/2.txt", "unstaged edit\n");
    repo.write("e/f/2.txt", "unstaged edit too\n");
    assert_parity(&repo, &["a/1.txt"]);

    let commit_all = repo
        .git_cmd(["commit", "-a", "-m", "x"])
        .output()
        .expect("run git");
    assert!(!commit_all.status.success(), "the hook refuses");
    let (ours_all, git_all) = captured(&repo, &capture);
    assert_eq!(git_all, ["a/1.txt", "d/2.txt", "e/f/2.txt"]);
    assert_eq!(ours_all, git_all);

    let commit_path = repo
        .git_cmd(["commit", "-m", "x", "--", "d/2.txt"])
        .output()
        .expect("run git");
    assert!(!commit_path.status.success(), "the hook refuses");
    let (ours_path, git_path) = captured(&repo, &capture);
    assert_eq!(git_path, ["d/2.txt"]);
    assert_eq!(ours_path, git_path);
    assert_parity(&repo, &["a/1.txt"]);
}

#[test]
fn the_reader_declines_what_only_an_open_repository_handles() {
    let repo = base_repo();
    assert!(reader(&repo, None).is_some());
    let head = repo.git(["rev-parse", "HEAD"]);
    repo.write("top.txt", "replaced\n");
    let other = repo.commit_all("feat: other");
    repo.git(["reset", "-q", "--hard", head.trim()]);
    repo.git(["replace", head.trim(), &other]);
    assert!(reader(&repo, None).is_none(), "loose replacement refs");
    repo.git(["pack-refs", "--all"]);
    // Only packed now: pack-refs leaves the directory empty.
    std::fs::remove_dir(repo.path(".git/refs/replace")).expect("an empty directory");
    assert!(reader(&repo, None).is_none(), "packed replacement refs");
    repo.git(["replace", "-d", head.trim()]);
    repo.git(["config", "core.repositoryFormatVersion", "1"]);
    repo.git(["config", "extensions.worktreeConfig", "true"]);
    repo.git(["config", "extensions.objectFormat", "sha1"]);
    assert!(reader(&repo, None).is_some(), "handled extensions");
    repo.git(["config", "extensions.partialClone", "origin"]);
    assert!(reader(&repo, None).is_none(), "a format extension");
}

#[test]
fn a_linked_worktree_is_read_through_its_own_head_and_index() {
    let repo = base_repo();
    let linked = repo.add_worktree("linked");
    std::fs::write(linked.join("d/1.txt"), "in the linked worktree\n").expect("write");
    repo.git_in(&linked, ["add", "d/1.txt"]);
    let env: BTreeMap<OsString, OsString> = repo.env();
    let lookup = |name: &str| env.get(&OsString::from(name)).cloned();
    let read = StagedReader::load(&linked, &lookup)
        .expect("reader")
        .expect("a plain linked worktree")
        .staged_files(&linked)
        .expect("staged")
        .0;
    assert_eq!(names_of(&read), ["d/1.txt"]);
    assert_eq!(ours(&repo, None), Vec::<String>::new(), "the main worktree");
}

#[test]
fn a_detached_head_and_a_branch_behind_a_symbolic_ref_are_followed() {
    let repo = base_repo();
    repo.git(["checkout", "-q", "--detach"]);
    repo.write("d/2.txt", "detached\n");
    repo.git(["add", "d/2.txt"]);
    assert_parity(&repo, &["d/2.txt"]);
    repo.git(["checkout", "-q", "main"]);
    repo.git(["symbolic-ref", "refs/heads/alias", "refs/heads/main"]);
    repo.git(["symbolic-ref", "HEAD", "refs/heads/alias"]);
    assert_parity(&repo, &["d/2.txt"]);
}

#[test]
fn the_staged_content_read_without_an_open_is_the_opened_repositorys() {
    let repo = base_repo();
    repo.write("d/1.txt", "staged\n");
    repo.git(["add", "d/1.txt"]);
    repo.write("d/1.txt", "not staged\n");
    let opened = Repo::open_isolated(repo.root(), None)
        .staged_content()
        .expect("content");
    let reader = reader(&repo, None).expect("a plain repository");
    let read = reader.staged_content(repo.root()).expect("content");
    let (_, beside_the_list) = reader.staged_files(repo.root()).expect("staged");
    let listing = |content: &crate::git::Content| {
        let mut listing = Vec::new();
        content.listing(None, &mut listing);
        listing
    };
    assert!(!listing(&opened).is_empty());
    assert_eq!(listing(&opened), listing(&read));
    assert_eq!(listing(&opened), listing(&beside_the_list));
    assert_eq!(opened.digest(), read.digest());
    // Reading an object opens the repository then.
    let entry = read.entry(Path::new("d/1.txt")).expect("staged");
    assert_eq!(read.read(entry.id).expect("blob"), b"staged\n");
    assert!(read.diverges(repo.root(), &entry).expect("compare"));
}
