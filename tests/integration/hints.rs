//! The hints a newcomer meets, through real `git commit`s: paths as typed
//! from the directory they stand in, go-fmt's `git add` when only staging
//! is missing, the refused message kept for reuse, a `HOOKRC_SKIP` typo,
//! a usage error, a missing optional linter, golint's successors.

use std::path::Path;
use std::process::Command;

use hookrc_testkit::{TestRepo, hookrc_snapshot, test_repo};

use crate::go_support::{copy_dir, gocache};
use crate::pre_commit::{install, trust};

/// `fixtures/go/nested` committed with `policy`, hookrc installed.
fn go_repo(policy: &str) -> TestRepo {
    let repo = test_repo!();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/go/nested");
    copy_dir(&fixtures, repo.root());
    repo.write(".hookrc.toml", policy);
    repo.commit_all("chore: init");
    install(&repo, &[]);
    repo
}

/// `git commit -m message` run in `dir` with the shared Go cache.
fn commit_in(repo: &TestRepo, dir: &Path, message: &str) -> Command {
    let mut cmd = repo.git_cmd_in(dir, ["commit", "-q", "-m", message]);
    cmd.env("GOCACHE", gocache());
    cmd
}

const UNFORMATTED: &str = "package app\n\nfunc Name() string {\nreturn \"nested\"\n}\n";

#[test]
fn go_fmt_hints_name_paths_from_the_users_directory_and_say_git_add_when_enough() {
    let repo = go_repo("[hooks]\npre-commit = [\"go-fmt\"]\n");
    let app = repo.path("app");
    repo.write("app/app.go", UNFORMATTED);
    repo.git(["add", "app/app.go"]);
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, commit_in(&repo, &app, "feat: name"), @r#"
    success: false
    exit_code: 1
    ----- stdout -----

    ----- stderr -----
    go-fmt ... failed ([TIME])
        --- a/app/app.go
        +++ b/app/app.go
        @@ -1,5 +1,5 @@
         package app
         
         func Name() string {
        -return "nested"
        +	return "nested"
         }
      error[go-fmt]: not formatted as gofmt would
        --> `app/app.go`
      hint: run `gofmt -w app.go`, then `git add app.go`

    error: hook `pre-commit` failed: 1 of 1 check did not pass: `go-fmt`

    hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=go-fmt`
    "#);
    assert_eq!(before.worktree, repo.snapshot_state().worktree);
    assert_eq!(before.entries, repo.snapshot_state().entries);
    let by_hand = repo
        .hookrc_cmd_in(&app)
        .args(["run", "pre-commit"])
        .env("GOCACHE", gocache())
        .output()
        .expect("run hookrc");
    let stderr = String::from_utf8_lossy(&by_hand.stderr);
    assert_eq!(by_hand.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("hint: run `gofmt -w app.go`, then `git add app.go`"),
        "`hookrc run` names paths from its current directory: {stderr}"
    );
    assert_eq!(before.worktree, repo.snapshot_state().worktree);
    assert_eq!(before.entries, repo.snapshot_state().entries);

    let gofmt = Command::new("gofmt")
        .args(["-w", "app.go"])
        .current_dir(&app)
        .status()
        .expect("run gofmt");
    assert!(gofmt.success());
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, commit_in(&repo, &app, "feat: name"), @r#"
    success: false
    exit_code: 1
    ----- stdout -----

    ----- stderr -----
    go-fmt ... failed ([TIME])
        --- a/app/app.go
        +++ b/app/app.go
        @@ -1,5 +1,5 @@
         package app
         
         func Name() string {
        -return "nested"
        +	return "nested"
         }
      error[go-fmt]: not formatted as gofmt would
        --> `app/app.go`
      hint: the working tree already holds it formatted: `git add app.go` stages that

    error: hook `pre-commit` failed: 1 of 1 check did not pass: `go-fmt`

    hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=go-fmt`
    "#);
    assert_eq!(before.worktree, repo.snapshot_state().worktree);
    assert_eq!(before.entries, repo.snapshot_state().entries);

    repo.git_in(&app, ["add", "app.go"]);
    let output = commit_in(&repo, &app, "feat: name")
        .output()
        .expect("run git");
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn a_refused_message_says_how_to_reuse_it_from_where_the_user_stands() {
    let repo = go_repo("[hooks]\ncommit-msg = [\"conventional\"]\n");
    let app = repo.path("app");
    repo.write("app/app.go", "// Package app is renamed.\npackage app\n");
    repo.git(["add", "app/app.go"]);
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, commit_in(&repo, &app, "Rename the app"), @r"
    success: false
    exit_code: 1
    ----- stdout -----

    ----- stderr -----
    conventional ... failed ([TIME])
      error[subject-empty]: subject may not be empty
        --> `.git/COMMIT_EDITMSG`:1:1
          |
        1 | Rename the app
          | ^^^^^^^^^^^^^^
      hint: write the header as `type(scope): subject`, e.g. `fix(parser): handle empty input`
      error[type-empty]: type may not be empty
        --> `.git/COMMIT_EDITMSG`:1:1
          |
        1 | Rename the app
          | ^^^^^^^^^^^^^^
      hint: start the header with a type and `: `, e.g. `feat: …` or `fix: …`; your message is kept in `../.git/COMMIT_EDITMSG`: `git commit -e -F ../.git/COMMIT_EDITMSG` reopens it to fix

    error: hook `commit-msg` failed: 1 of 1 check did not pass: `conventional`

    hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=conventional`
    ");
    assert_eq!(before.worktree, repo.snapshot_state().worktree);
    assert_eq!(before.entries, repo.snapshot_state().entries);
    assert_eq!(
        repo.read_string(".git/COMMIT_EDITMSG"),
        "Rename the app\n",
        "the message is where the hint says"
    );
    let reuse = repo
        .git_cmd_in(&app, ["commit", "-q", "-F", "../.git/COMMIT_EDITMSG"])
        .env("GIT_EDITOR", "sed -i 's/^Rename/feat: rename/'")
        .arg("-e")
        .output()
        .expect("run git");
    assert!(reuse.status.success(), "{reuse:?}");
    assert_eq!(
        repo.git(["log", "-1", "--format=%s"]).trim(),
        "feat: rename the app"
    );
}

#[test]
fn a_misspelt_hookrc_skip_name_is_a_warning_with_a_suggestion() {
    let repo = go_repo("[hooks]\npre-commit = [\"go-fmt\"]\n");
    repo.write("app/app.go", UNFORMATTED);
    repo.git(["add", "app/app.go"]);
    let before = repo.snapshot_state();
    let mut cmd = commit_in(&repo, repo.root(), "feat: name");
    cmd.env("HOOKRC_SKIP", "gofmt");
    let output = cmd.output().expect("run git");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.lines().next(),
        Some(
            "warning: `HOOKRC_SKIP` names `gofmt`, which is no check: nothing was skipped for it; did you mean `go-fmt`?"
        )
    );
    assert_eq!(before.worktree, repo.snapshot_state().worktree);
    assert_eq!(before.entries, repo.snapshot_state().entries);
}

#[test]
fn run_commit_msg_without_a_file_is_a_usage_error() {
    let repo = test_repo!();
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["run", "commit-msg"]), @r"
    success: false
    exit_code: 2
    ----- stdout -----

    ----- stderr -----
    error: `hookrc run commit-msg` needs the commit message file, as git passes it

    hint: name the file: `hookrc run commit-msg .git/COMMIT_EDITMSG` (the message of the last `git commit`), or any file holding a message
    ");
    assert_eq!(before, repo.snapshot_state());
}

#[test]
fn a_missing_optional_linter_is_one_short_line_and_golint_points_to_its_successors() {
    let repo = go_repo(
        "[hooks]\npre-commit = [\"go-lint\"]\n\n[check.go-lint]\ntool = \"revive\"\noptional = true\n",
    );
    repo.write("app/app.go", "// Package app is renamed.\npackage app\n");
    repo.git(["add", "app/app.go"]);
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, commit_in(&repo, repo.root(), "feat: rename"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    go-lint ... skipped (`revive` is not on PATH; optional)
    ");
    assert_eq!(before.worktree, repo.snapshot_state().worktree);
    assert_eq!(before.entries, repo.snapshot_state().entries);

    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"go-lint\"]\n\n[check.go-lint]\ntool = \"golint\"\npath = \"/nonexistent/golint\"\n",
    );
    trust(&repo);
    repo.write(
        "app/app.go",
        "// Package app is renamed again.\npackage app\n",
    );
    repo.git(["add", "app/app.go"]);
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, commit_in(&repo, repo.root(), "feat: rename"), @r"
    success: false
    exit_code: 1
    ----- stdout -----

    ----- stderr -----
    go-lint ... error
      error[go-lint]: `golint` was not found at `/nonexistent/golint` (the configured path)
      hint: install it with `go install golang.org/x/lint/golint@latest`, though golint is deprecated upstream: better set `[check.go-lint] tool` to `staticcheck`, `golangci-lint` or `revive`, or point `[check.go-lint] path` at it, or mark the check `optional = true`

    error: hook `pre-commit` failed: 1 of 1 check did not pass: `go-lint`

    hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=go-lint`
    ");
    assert_eq!(before.worktree, repo.snapshot_state().worktree);
    assert_eq!(before.entries, repo.snapshot_state().entries);
}
