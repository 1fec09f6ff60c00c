//! The snapshot's content against git's own view: entries and blobs of the
//! index and of a commit, the files under a directory whose working-tree
//! state is not the snapshot's, a checkout, and re-staging in one index
//! write.

use std::path::{Path, PathBuf};

use hookrc_testkit::TestRepo;

use super::Divergence;
use crate::git::{FileKind, Repo, Restage};

fn repo_with_package() -> TestRepo {
    let repo = TestRepo::new();
    repo.write("p/a.go", "package p\n");
    repo.write("p/b.go", "package p // b\n");
    repo.write("p/sub/c.go", "package sub\n");
    repo.write("q/d.go", "package q\n");
    repo.git(["add", "-A"]);
    repo.git(["commit", "-q", "-m", "init"]);
    repo
}

fn is_go(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "go")
}

#[test]
fn a_clean_package_has_no_divergences() {
    let repo = repo_with_package();
    let ours = Repo::open_isolated(repo.root(), None);
    let content = ours.staged_content().unwrap();
    let found = content
        .divergences(repo.root(), &[PathBuf::from("p")], &is_go)
        .unwrap();
    assert_eq!(found, []);
    let entry = content.entry(Path::new("p/a.go")).expect("staged");
    assert_eq!(entry.kind, FileKind::File);
    assert_eq!(content.read(entry.id).unwrap(), b"package p\n");
    assert_eq!(
        entry.id.to_string(),
        repo.git(["rev-parse", ":p/a.go"]).trim()
    );
}

#[test]
fn changed_missing_untracked_and_deleted_files_diverge_recursively() {
    let repo = repo_with_package();
    repo.write("p/a.go", "package p // edited\n");
    repo.write("p/new.go", "package p // untracked\n");
    repo.write("p/notes.txt", "not Go\n");
    repo.git(["rm", "-q", "--cached", "p/b.go"]);
    repo.write("p/sub/c.go", "package sub // below\n");
    fs_err::remove_file(repo.path("q/d.go")).unwrap();
    let ours = Repo::open_isolated(repo.root(), None);
    let content = ours.staged_content().unwrap();
    let dirs = [PathBuf::from("p"), PathBuf::from("q")];
    let found = content.divergences(repo.root(), &dirs, &is_go).unwrap();
    assert_eq!(
        found,
        [
            Divergence::Staged("p/a.go".into(), b"package p\n".to_vec()),
            Divergence::Absent("p/b.go".into()),
            Divergence::Absent("p/new.go".into()),
            Divergence::Staged("p/sub/c.go".into(), b"package sub\n".to_vec()),
            Divergence::Staged("q/d.go".into(), b"package q\n".to_vec()),
        ]
    );
}

#[test]
fn a_commit_is_read_as_git_shows_it_and_a_same_symlink_does_not_diverge() {
    let repo = repo_with_package();
    std::os::unix::fs::symlink("a.go", repo.path("p/link.go")).unwrap();
    repo.git(["add", "p/link.go"]);
    repo.git(["commit", "-q", "-m", "link"]);
    repo.write("p/a.go", "package p // later\n");
    repo.git(["commit", "-q", "-am", "later"]);
    let ours = Repo::open_isolated(repo.root(), None);
    let old = ours.commit_content("HEAD~1").unwrap();
    let entry = old.entry(Path::new("p/a.go")).expect("in the commit");
    assert_eq!(old.read(entry.id).unwrap(), b"package p\n");
    let link = old.entry(Path::new("p/link.go")).expect("the link");
    assert_eq!(link.kind, FileKind::Symlink);
    assert_eq!(old.read(link.id).unwrap(), b"a.go");
    let head = ours.commit_content("HEAD").unwrap();
    let found = head
        .divergences(repo.root(), &[PathBuf::from("p")], &is_go)
        .unwrap();
    assert_eq!(found, []);
    let found = old
        .divergences(repo.root(), &[PathBuf::from("p")], &is_go)
        .unwrap();
    assert_eq!(
        found,
        [Divergence::Staged("p/a.go".into(), b"package p\n".to_vec())]
    );
}

#[test]
fn checkout_writes_the_staged_files_selected() {
    let repo = repo_with_package();
    repo.write("p/a.go", "package p // staged\n");
    repo.git(["add", "p/a.go"]);
    repo.write("p/a.go", "package p // unstaged\n");
    let ours = Repo::open_isolated(repo.root(), None);
    let dest = tempfile::tempdir().unwrap();
    ours.staged_content()
        .unwrap()
        .checkout(dest.path(), &|path| path.starts_with("p"))
        .unwrap();
    let read = |p: &str| fs_err::read_to_string(dest.path().join(p)).unwrap();
    assert_eq!(read("p/a.go"), "package p // staged\n");
    assert_eq!(read("p/sub/c.go"), "package sub\n");
    assert!(!dest.path().join("q").exists());
}

#[test]
fn restage_replaces_staged_content_and_leaves_the_worktree() {
    let repo = repo_with_package();
    repo.write("p/a.go", "package p // unstaged\n");
    let ours = Repo::open_isolated(repo.root(), None);
    let fixes = [Restage {
        path: "p/a.go".into(),
        mode: 0o100_644,
        content: b"package p // fixed\n".to_vec(),
    }];
    let cancelled = hookrc_runner::Cancel::new();
    cancelled.cancel();
    let before = repo.snapshot_state();
    let err = ours
        .restage(&fixes, repo.root(), &repo.env(), &cancelled)
        .unwrap_err();
    assert!(err.to_string().contains("nothing was staged"), "{err}");
    assert_eq!(repo.snapshot_state(), before);
    ours.restage(
        &fixes,
        repo.root(),
        &repo.env(),
        &hookrc_runner::Cancel::new(),
    )
    .unwrap();
    assert_eq!(repo.git(["show", ":p/a.go"]), "package p // fixed\n");
    assert_eq!(repo.read_string("p/a.go"), "package p // unstaged\n");
    assert_eq!(repo.git(["status", "--porcelain"]), "MM p/a.go\n");
}
