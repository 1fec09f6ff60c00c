//! Every check judges exactly what is committed (the index) or pushed (each
//! pushed ref's tip commit), never the working tree, and never changes the
//! user's work: through the installed hooks, a real `git commit` or a real
//! `git push` to a local bare remote, with the real Go toolchain on
//! `fixtures/go/layers` (`api` imports `store`, whose `store.go` needs
//! `normalize.go`) and `fixtures/go/needsdep`.
//!
//! Where a Go finding is expected, the reference is `go vet ./...` on
//! `git checkout-index -a --prefix=…` of the index: hookrc must report
//! what go vet says on that clean checkout.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hookrc_testkit::{TestRepo, test_repo};

use crate::go_support::{copy_dir, gocache};
use crate::pre_commit::install;

/// The pre-push policy of the push tests: one quick gate that compiles
/// every package.
const PUSH_POLICY: &str =
    "[hooks]\npre-push = [\"go-build\"]\n\n[check.go-build]\ntargets = [\"linux/amd64\"]\n";

/// go-fmt and go-vet on what is staged.
const FMT_VET: &str = "[hooks]\npre-commit = [\"go-fmt\", \"go-vet\"]\n";

/// The call of `api/api.go` that the push tests break (`BROKEN_CALL`, which
/// does not compile) or change harmlessly (`GOOD_CALL`).
const CALL: &str = "\"/\" + store.Key(\"users\", user)";
const BROKEN_CALL: &str = "\"/\" + store.Key(\"users\", user, undefinedPart)";
const GOOD_CALL: &str = "\"/v1/\" + store.Key(\"users\", user)";
/// Go's error for `BROKEN_CALL`.
const BROKEN_ERROR: &str = "undefined: undefinedPart";

/// `fixtures/go/<name>` in the source tree.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/go")
        .join(name)
}

/// A repository holding `fixtures/go/<name>` at its root and `policy` as
/// its `.hookrc.toml` (no policy file when `None`: the embedded default),
/// committed, with hookrc installed for `hooks`.
fn go_repo(name: &str, policy: Option<&str>, hooks: &[&str]) -> TestRepo {
    let repo = test_repo!();
    copy_dir(&fixture(name), repo.root());
    if let Some(policy) = policy {
        repo.write(".hookrc.toml", policy);
    }
    repo.commit_all("chore: init");
    install(&repo, hooks);
    repo
}

/// A repository holding `notes.txt` ("one\ntwo\n") and `policy`, committed,
/// with hookrc as its pre-commit hook.
fn text_repo(policy: &str) -> TestRepo {
    let repo = test_repo!();
    repo.write(".hookrc.toml", policy);
    repo.write("notes.txt", "one\ntwo\n");
    repo.commit_all("chore: init");
    install(&repo, &["pre-commit"]);
    repo
}

/// The `layers` fixture under [`PUSH_POLICY`], with hookrc as its pre-push
/// hook and a bare remote `origin` that already holds `main` (pushed
/// through the hook, which must accept it).
fn push_repo() -> TestRepo {
    let repo = go_repo("layers", Some(PUSH_POLICY), &["pre-push"]);
    repo.add_bare_remote("origin");
    let output = push(&repo, &["main"]);
    assert!(output.status.success(), "{}", stderr(&output));
    repo
}

/// `git push -q origin <args…>` through the installed hook, with the shared
/// Go build cache.
fn push(repo: &TestRepo, args: &[&str]) -> Output {
    let mut cmd = repo.git_cmd(["push", "-q", "origin"]);
    cmd.args(args).env("GOCACHE", gocache());
    cmd.output().expect("test I/O")
}

/// `git commit -q -m … <args…>` through the installed hook, with the shared
/// Go build cache and `env`.
fn commit(repo: &TestRepo, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = repo.git_cmd(["commit", "-q", "-m", "feat: change"]);
    cmd.args(args).env("GOCACHE", gocache());
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().expect("test I/O")
}

/// The standard error of `output`, as text.
fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `action` (a `git commit` or `git push` through the hook), asserts
/// that it succeeded exactly when `accepted` and that the working tree
/// (every byte, untracked files included) and the index entries are what
/// they were before; returns its stderr.
fn judged_unchanged(repo: &TestRepo, accepted: bool, action: impl FnOnce() -> Output) -> String {
    let before = repo.snapshot_state();
    let output = action();
    let err = stderr(&output);
    assert_eq!(
        output.status.success(),
        accepted,
        "expected {}, got {:?}:\n{err}",
        if accepted { "acceptance" } else { "refusal" },
        output.status.code()
    );
    if !accepted {
        assert_eq!(output.status.code(), Some(1), "{err}");
    }
    let after = repo.snapshot_state();
    assert_eq!(
        before.worktree, after.worktree,
        "the working tree changed:\n{err}"
    );
    assert_eq!(before.entries, after.entries, "the index changed:\n{err}");
    err
}

/// Asserts that `text` contains every one of `needles`.
fn assert_says(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "missing `{needle}` in:\n{text}");
    }
}

/// The commit the remote `origin` holds for `refs/heads/<branch>`, if any.
fn remote_tip(repo: &TestRepo, branch: &str) -> Option<String> {
    let out = repo.git(["ls-remote", "origin", &format!("refs/heads/{branch}")]);
    out.split_whitespace().next().map(str::to_owned)
}

/// The commit `rev` names in the repository.
fn rev(repo: &TestRepo, rev: &str) -> String {
    repo.git(["rev-parse", rev]).trim().to_owned()
}

/// The number of commits on `HEAD`.
fn commits(repo: &TestRepo) -> usize {
    repo.git(["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .expect("a count")
}

/// Replaces the first `from` in the working-tree file `path` with `to`.
fn edit(repo: &TestRepo, path: &str, from: &str, to: &str) {
    let text = repo.read_string(path);
    assert!(text.contains(from), "{path} has no {from:?}");
    repo.write(path, text.replacen(from, to, 1));
}

/// On a new branch `name` from the current one: `api/api.go` with `call`
/// in place of [`CALL`], committed; then back on `main`.
fn branch_with_call(repo: &TestRepo, name: &str, call: &str) -> String {
    repo.git(["switch", "-q", "-c", name]);
    edit(repo, "api/api.go", CALL, call);
    let tip = repo.commit_all(&format!("feat: {name}"));
    repo.git(["switch", "-q", "main"]);
    tip
}

/// `go vet ./...` on a clean checkout of the index, made with
/// `git checkout-index -a --prefix=<tmp>/SNAP/` outside the repository:
/// the reference a pre-commit verdict must agree with. Asserts that it
/// fails and returns its combined output.
fn vet_on_index_checkout(repo: &TestRepo) -> String {
    let snap = repo.outside_dir("reference").join("SNAP");
    let prefix = format!("--prefix={}/", snap.display());
    repo.git(["checkout-index", "-a", &prefix]);
    let output = Command::new("go")
        .args(["vet", "./..."])
        .current_dir(&snap)
        .env("GOCACHE", gocache())
        .output()
        .expect("`go` on PATH: run the tests with scripts/test");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    assert!(!output.status.success(), "go vet passed the index:\n{text}");
    text
}

/// Asserts that hookrc's report `err` and go vet's on a clean checkout of
/// the index (`reference`) both hold `finding`, and that `err` names `file`.
fn assert_finding_agrees(err: &str, reference: &str, finding: &str, file: &str) {
    assert!(
        reference.contains(finding),
        "go vet on the index checkout does not say `{finding}`:\n{reference}"
    );
    assert_says(err, &[finding, file]);
}

// pre-push: each pushed ref's tip commit, never the working tree.

#[test]
fn push_of_a_good_commit_with_a_broken_uncommitted_edit_is_accepted() {
    let repo = push_repo();
    edit(&repo, "api/api.go", CALL, GOOD_CALL);
    let tip = repo.commit_all("feat: versioned paths");
    edit(&repo, "api/api.go", GOOD_CALL, BROKEN_CALL);
    judged_unchanged(&repo, true, || push(&repo, &["main"]));
    assert_eq!(remote_tip(&repo, "main"), Some(tip));
}

#[test]
fn push_of_a_broken_commit_fixed_only_in_the_worktree_is_refused() {
    let repo = push_repo();
    let pushed = rev(&repo, "main");
    edit(&repo, "api/api.go", CALL, BROKEN_CALL);
    repo.commit_all("feat: broken");
    edit(&repo, "api/api.go", BROKEN_CALL, GOOD_CALL);
    let err = judged_unchanged(&repo, false, || push(&repo, &["main"]));
    assert_says(&err, &[BROKEN_ERROR, "api/api.go"]);
    assert_eq!(remote_tip(&repo, "main"), Some(pushed));
}

#[test]
fn push_of_a_broken_branch_that_is_not_checked_out_is_refused_and_named() {
    let repo = push_repo();
    branch_with_call(&repo, "feat3", BROKEN_CALL);
    assert_eq!(repo.git(["branch", "--show-current"]).trim(), "main");
    let err = judged_unchanged(&repo, false, || push(&repo, &["feat3"]));
    assert_says(&err, &["feat3", BROKEN_ERROR]);
    assert_eq!(remote_tip(&repo, "feat3"), None);
}

#[test]
fn push_of_two_refs_one_broken_is_refused_naming_the_broken_one() {
    let repo = push_repo();
    branch_with_call(&repo, "good-one", GOOD_CALL);
    branch_with_call(&repo, "broken-two", BROKEN_CALL);
    let err = judged_unchanged(&repo, false, || push(&repo, &["good-one", "broken-two"]));
    assert_says(&err, &["broken-two", BROKEN_ERROR]);
    assert_eq!(remote_tip(&repo, "good-one"), None);
    assert_eq!(remote_tip(&repo, "broken-two"), None);
}

#[test]
fn push_of_a_good_commit_beside_an_untracked_broken_go_file_is_accepted() {
    let repo = push_repo();
    edit(&repo, "api/api.go", CALL, GOOD_CALL);
    let tip = repo.commit_all("feat: versioned paths");
    repo.write(
        "api/scratch.go",
        "package api\n\nfunc scratch() string { return undefinedScratch() }\n",
    );
    judged_unchanged(&repo, true, || push(&repo, &["main"]));
    assert_eq!(remote_tip(&repo, "main"), Some(tip));
}

// pre-commit: the index, for custom checks and Go checks alike.

/// A custom check that refuses any file holding `DEBUGME` (`grep` succeeds
/// when it finds one, so `!` inverts it); the file names come as `$@`.
const NO_DEBUG: &str = r#"[hooks]
pre-commit = ["no-debug"]

[check.no-debug]
run = ["sh", "-c", "! grep -n DEBUGME \"$@\"", "sh"]
files = ["*.txt"]
"#;

#[test]
fn custom_check_judges_the_staged_half_of_a_partially_staged_file() {
    // DEBUGME staged, gone from the working tree: refused.
    let repo = text_repo(NO_DEBUG);
    repo.write("notes.txt", "one\nDEBUGME\ntwo\n");
    repo.git(["add", "notes.txt"]);
    repo.write("notes.txt", "one\ntwo\nthree\n");
    let err = judged_unchanged(&repo, false, || commit(&repo, &[], &[]));
    assert_says(&err, &["no-debug", "DEBUGME"]);
    assert_eq!(commits(&repo), 1);

    // Clean staged content, DEBUGME only in the working tree: accepted.
    let repo = text_repo(NO_DEBUG);
    repo.write("notes.txt", "one\ntwo\nclean\n");
    repo.git(["add", "notes.txt"]);
    repo.write("notes.txt", "one\ntwo\nclean\nDEBUGME\n");
    judged_unchanged(&repo, true, || commit(&repo, &[], &[]));
    assert_eq!(commits(&repo), 2);
    assert_eq!(repo.git(["show", "HEAD:notes.txt"]), "one\ntwo\nclean\n");
}

#[test]
fn vet_refuses_staged_code_calling_a_helper_that_exists_only_unstaged() {
    let repo = go_repo("layers", Some(FMT_VET), &["pre-commit"]);
    edit(
        &repo,
        "api/api.go",
        "store.Key(\"users\", user)",
        "store.Slug(user)",
    );
    repo.git(["add", "api/api.go"]);
    let store = repo.read_string("store/store.go");
    repo.write(
        "store/store.go",
        format!("{store}\n// Slug is the key of one user.\nfunc Slug(user string) string {{\n\treturn Key(\"users\", user)\n}}\n"),
    );
    let err = judged_unchanged(&repo, false, || commit(&repo, &[], &[]));
    assert_eq!(commits(&repo), 1);
    let reference = vet_on_index_checkout(&repo);
    assert_finding_agrees(&err, &reference, "undefined: store.Slug", "api/api.go");
}

#[test]
fn vet_refuses_the_staged_deletion_of_a_file_its_package_needs() {
    let repo = go_repo("layers", Some(FMT_VET), &["pre-commit"]);
    repo.git(["rm", "-q", "store/normalize.go"]);
    let err = judged_unchanged(&repo, false, || commit(&repo, &[], &[]));
    assert_eq!(commits(&repo), 1);
    let reference = vet_on_index_checkout(&repo);
    assert_finding_agrees(&err, &reference, "undefined: normalize", "store/store.go");
}

#[test]
fn vet_refuses_a_staged_api_change_that_breaks_an_unchanged_importer() {
    let repo = go_repo("layers", Some(FMT_VET), &["pre-commit"]);
    edit(&repo, "store/store.go", "func Key(", "func MakeKey(");
    edit(&repo, "store/store.go", "// Key joins", "// MakeKey joins");
    repo.git(["add", "store/store.go"]);
    let err = judged_unchanged(&repo, false, || commit(&repo, &[], &[]));
    assert_eq!(commits(&repo), 1);
    let reference = vet_on_index_checkout(&repo);
    assert_finding_agrees(&err, &reference, "undefined: store.Key", "api/api.go");
}

#[test]
fn commit_of_a_path_with_fix_commits_the_fix_and_leaves_a_clean_status() {
    let policy = format!("{FMT_VET}\n[check.go-fmt]\nfix = true\n");
    let repo = go_repo("layers", Some(&policy), &["pre-commit"]);
    let formatted = repo.read_string("store/store.go");
    edit(
        &repo,
        "store/store.go",
        "strings.Join(parts, \"/\")",
        "strings.Join( parts,\"/\" )",
    );
    // The tree changes here by design: the fix reaches the commit, the
    // index and the (unstaged-edit-free) working-tree file.
    let output = commit(&repo, &["store/store.go"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(commits(&repo), 2);
    assert_eq!(repo.git(["show", "HEAD:store/store.go"]), formatted);
    assert_eq!(repo.read_string("store/store.go"), formatted);
    assert_eq!(repo.git(["status", "--porcelain"]), "");
}

#[test]
fn a_staged_go_symlink_is_accepted_by_the_default_policy_and_by_fmt_vet() {
    for policy in [None, Some(FMT_VET)] {
        let repo = go_repo("layers", policy, &["pre-commit"]);
        std::os::unix::fs::symlink("store/normalize.go", repo.path("link.go")).expect("test I/O");
        repo.git(["add", "link.go"]);
        judged_unchanged(&repo, true, || commit(&repo, &[], &[]));
        assert_eq!(commits(&repo), 2, "{policy:?}");
        let tree = repo.git(["ls-tree", "HEAD", "link.go"]);
        assert!(tree.starts_with("120000 "), "{policy:?}: {tree}");
    }
}

#[test]
fn fix_never_writes_through_a_symlinked_parent_directory() {
    let policy = "[hooks]\npre-commit = [\"go-fmt\"]\n\n[check.go-fmt]\nfix = true\n";
    let repo = go_repo("layers", Some(policy), &["pre-commit"]);
    let unformatted = "package q\n\n// X is two.\nfunc X() int { return 1+1 }\n";
    repo.write("q/x.go", unformatted);
    repo.git(["add", "q/x.go"]);
    fs_err::remove_dir_all(repo.path("q")).expect("test I/O");
    let outside = repo.outside_dir("elsewhere");
    fs_err::write(outside.join("x.go"), unformatted).expect("test I/O");
    std::os::unix::fs::symlink(&outside, repo.path("q")).expect("test I/O");
    let err = judged_unchanged(&repo, false, || commit(&repo, &[], &[]));
    assert_eq!(
        fs_err::read_to_string(outside.join("x.go")).expect("test I/O"),
        unformatted,
        "the file outside the repository was rewritten:\n{err}"
    );
    let lower = err.to_lowercase();
    assert!(
        lower.contains("symbolic link") || lower.contains("symlink"),
        "no word of a symbolic link in:\n{err}"
    );
    assert_says(&err, &["q/x.go"]);
    assert_eq!(commits(&repo), 1);
}

#[test]
fn a_check_that_modifies_the_files_it_is_given_is_refused_and_named() {
    let repo = text_repo(
        r#"[hooks]
pre-commit = ["append"]

[check.append]
run = ["sh", "-c", "for f in \"$@\"; do echo appended >> \"$f\"; done", "sh"]
files = ["*.txt"]
"#,
    );
    repo.write("notes.txt", "one\ntwo\nstaged\n");
    repo.git(["add", "notes.txt"]);
    repo.write("notes.txt", "one\ntwo\nstaged\nunstaged\n");
    let err = judged_unchanged(&repo, false, || commit(&repo, &[], &[]));
    assert_says(&err, &["notes.txt"]);
    assert!(
        err.to_lowercase().contains("modified"),
        "not said to be modified:\n{err}"
    );
    assert_eq!(
        repo.read_string("notes.txt"),
        "one\ntwo\nstaged\nunstaged\n"
    );
    assert_eq!(commits(&repo), 1);
}

#[test]
fn a_go_tool_error_that_is_not_a_diagnostic_is_shown_verbatim() {
    let repo = go_repo(
        "needsdep",
        Some("[hooks]\npre-commit = [\"go-vet\"]\n"),
        &["pre-commit"],
    );
    edit(
        &repo,
        "app/app.go",
        "// Answer is the answer.",
        "// Answer is the answer, unchanged.",
    );
    repo.git(["add", "app/app.go"]);
    let env = [
        ("GOPROXY", "http://127.0.0.1:9"),
        ("GOFLAGS", "-mod=mod"),
        ("GOSUMDB", "off"),
        ("GONOSUMDB", "example.com"),
    ];
    let err = judged_unchanged(&repo, false, || commit(&repo, &[], &env));
    assert_says(
        &err,
        &[
            "dial tcp 127.0.0.1:9: connect: connection refused",
            "http://127.0.0.1:9/",
        ],
    );
    for (at, _) in err.match_indices("--> `") {
        let location = err[at + 5..].split('`').next().unwrap_or_default();
        assert!(
            !location.contains("127.0.0.1"),
            "a fake location `{location}` in:\n{err}"
        );
    }
    assert_eq!(commits(&repo), 1);
}

#[test]
fn tips_with_the_same_tree_are_judged_once_under_all_their_names() {
    let repo = push_repo();
    branch_with_call(&repo, "twin-a", BROKEN_CALL);
    repo.git(["branch", "twin-b", "twin-a"]);
    let err = judged_unchanged(&repo, false, || push(&repo, &["twin-a", "twin-b"]));
    assert_says(&err, &["go-build (twin-a, twin-b)", BROKEN_ERROR]);
    assert_eq!(
        err.matches("go-build (").count(),
        2,
        "one report line and one summary entry:\n{err}"
    );
    assert_says(&err, &["HOOKRC_SKIP=go-build`"]);
    assert_eq!(remote_tip(&repo, "twin-a"), None);
}

#[test]
fn a_push_of_the_clean_checked_out_tip_runs_in_place() {
    let repo = push_repo();
    edit(&repo, "api/api.go", CALL, GOOD_CALL);
    let tip = repo.commit_all("feat: good");
    judged_unchanged(&repo, true, || push(&repo, &["main"]));
    assert_eq!(remote_tip(&repo, "main"), Some(tip));
    assert!(
        !repo.path(".git/hookrc/checkouts").exists(),
        "a clean tree at the pushed tip needs no checkout"
    );
}

#[test]
fn a_custom_pre_push_check_sees_the_pushed_commit_not_the_checked_out_branch() {
    let policy = "[hooks]\npre-push = [\"no-debug\"]\n\n[check.no-debug]\nrun = [\"sh\", \"-c\", \"! grep -rn DEBUGME --exclude-dir=.git --exclude=.hookrc.toml .\"]\npass-filenames = false\n";
    let repo = text_repo(policy);
    install(&repo, &["pre-push"]);
    repo.add_bare_remote("origin");
    judged_unchanged(&repo, true, || push(&repo, &["main"]));
    // A committed DEBUGME on a branch that is not checked out: refused.
    repo.git(["switch", "-q", "-c", "debugging"]);
    repo.write("notes.txt", "one\nDEBUGME\ntwo\n");
    repo.commit_all("chore: debug");
    repo.git(["switch", "-q", "main"]);
    let err = judged_unchanged(&repo, false, || push(&repo, &["debugging"]));
    assert_says(&err, &["no-debug (debugging)", "notes.txt:2:DEBUGME"]);
    assert!(
        !err.contains(".git/hookrc"),
        "paths read as repo paths:\n{err}"
    );
    // DEBUGME only in the working tree of a clean pushed commit: accepted.
    repo.write("notes.txt", "one\ntwo\nthree\n");
    let tip = repo.commit_all("docs: three");
    repo.write("notes.txt", "one\ntwo\nthree\nDEBUGME\n");
    judged_unchanged(&repo, true, || push(&repo, &["main"]));
    assert_eq!(remote_tip(&repo, "main"), Some(tip));
}

#[test]
fn a_custom_check_does_not_see_an_untracked_file_beside_the_staged_one() {
    let policy = "[hooks]\npre-commit = [\"no-flag\"]\n\n[check.no-flag]\nrun = [\"sh\", \"-c\", \"test ! -e local.flag\", \"sh\"]\nfiles = [\"*.txt\"]\n";
    let repo = text_repo(policy);
    repo.write("notes.txt", "one\ntwo\nthree\n");
    repo.git(["add", "notes.txt"]);
    // Untracked: a clean checkout of what is staged has no such file.
    repo.write("local.flag", "only here\n");
    judged_unchanged(&repo, true, || commit(&repo, &[], &[]));
    assert_eq!(commits(&repo), 2);
}
