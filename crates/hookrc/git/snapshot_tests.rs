//! The staged snapshot against git's own view: blobs and modes, the files
//! of a directory whose working-tree state is not the staged one, the
//! checkout of the staged tree, and re-staging in one index write.

use std::path::{Path, PathBuf};

use hookrc_testkit::TestRepo;

use super::Divergence;
use crate::git::{Repo, Restage};

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

#[test]
fn a_clean_package_has_no_divergences() {
    let repo = repo_with_package();
    let ours = Repo::open_isolated(repo.root(), None);
    let snapshot = ours.snapshot().unwrap();
    let found = snapshot
        .divergences(repo.root(), &[PathBuf::from("p")], "go")
        .unwrap();
    assert_eq!(found, []);
    assert_eq!(
        snapshot.blob(Path::new("p/a.go")).unwrap(),
        (b"package p\n".to_vec(), 0o100_644)
    );
}

#[test]
fn changed_missing_untracked_and_deleted_files_diverge() {
    let repo = repo_with_package();
    repo.write("p/a.go", "package p // edited\n");
    repo.write("p/new.go", "package p // untracked\n");
    repo.write("p/notes.txt", "not Go\n");
    repo.git(["rm", "-q", "--cached", "p/b.go"]);
    repo.write("p/sub/c.go", "package sub // other dir\n");
    fs_err::remove_file(repo.path("q/d.go")).unwrap();
    let ours = Repo::open_isolated(repo.root(), None);
    let snapshot = ours.snapshot().unwrap();
    let dirs = [PathBuf::from("p"), PathBuf::from("q")];
    let found = snapshot.divergences(repo.root(), &dirs, "go").unwrap();
    assert_eq!(
        found,
        [
            Divergence::Staged("p/a.go".into(), b"package p\n".to_vec()),
            Divergence::Absent("p/b.go".into()),
            Divergence::Absent("p/new.go".into()),
            Divergence::Staged("q/d.go".into(), b"package q\n".to_vec()),
        ]
    );
}

#[test]
fn checkout_writes_the_staged_files_under_a_prefix() {
    let repo = repo_with_package();
    repo.write("p/a.go", "package p // staged\n");
    repo.git(["add", "p/a.go"]);
    repo.write("p/a.go", "package p // unstaged\n");
    let ours = Repo::open_isolated(repo.root(), None);
    let dest = tempfile::tempdir().unwrap();
    ours.snapshot()
        .unwrap()
        .checkout(Path::new("p"), dest.path())
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
    ours.restage(&fixes, repo.root(), &repo.env()).unwrap();
    assert_eq!(repo.git(["show", ":p/a.go"]), "package p // fixed\n");
    assert_eq!(repo.read_string("p/a.go"), "package p // unstaged\n");
    assert_eq!(repo.git(["status", "--porcelain"]), "MM p/a.go\n");
}
