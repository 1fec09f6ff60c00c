//! `hookrc import` from pre-commit, lefthook, husky and commitlint: each
//! configuration in the shape real projects write it, imported, installed,
//! then the same good and bad commits through `git commit` get the verdicts
//! the real old tool gives them (pre-commit, lefthook and commitlint run
//! here; `scripts/test` installs them); the not-mapped report; `--dry-run`
//! and an existing `.hookrc.toml`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hookrc_testkit::{TestRepo, test_repo};

use crate::go_support::{copy_dir, gocache};
use crate::pre_commit::install;

/// `hookrc import ARGS…`, which must exit with `code`; its stdout and stderr.
fn import(repo: &TestRepo, args: &[&str], code: i32) -> (String, String) {
    let output = repo
        .hookrc_cmd()
        .arg("import")
        .args(args)
        .output()
        .expect("run hookrc import");
    let (out, err) = texts(&output);
    assert_eq!(output.status.code(), Some(code), "{out}{err}");
    (out, err)
}

fn texts(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Import, check the policy, install every hook it lists.
fn import_and_install(repo: &TestRepo, args: &[&str]) -> String {
    let (_, err) = import(repo, args, 0);
    let check = repo
        .hookrc_cmd()
        .args(["config", "check"])
        .output()
        .expect("run hookrc config check");
    assert!(check.status.success(), "{check:?}");
    install(repo, &[]);
    err
}

/// An old tool: in the project's `.venv/bin` (where `scripts/test`
/// installs pre-commit), else on `PATH` (the npm tools).
fn tool(name: &str) -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".venv/bin")
        .join(name);
    if venv.is_file() {
        venv
    } else {
        PathBuf::from(name)
    }
}

/// The old tool's command, in the repository with its hermetic environment.
fn old_tool(repo: &TestRepo, name: &str) -> Command {
    let mut cmd = Command::new(tool(name));
    cmd.current_dir(repo.root()).env_clear().envs(repo.env());
    cmd
}

/// `git commit` of what is staged (or nothing, `--allow-empty`) with
/// `message` through the installed hooks: its exit code. A refused commit
/// leaves the working tree and the index as they were.
fn commit(repo: &TestRepo, message: &str) -> i32 {
    let before = repo.snapshot_state();
    let output = repo
        .git_cmd(["commit", "-q", "--allow-empty", "-m", message])
        .env("GOCACHE", gocache())
        .output()
        .expect("run git commit");
    let code = output.status.code().expect("git exits");
    if code != 0 {
        let after = repo.snapshot_state();
        assert_eq!(before.worktree, after.worktree, "{output:?}");
        assert_eq!(before.entries, after.entries, "{output:?}");
    }
    code
}

/// Stage `files` (path, content), or undo the last case's leftovers first.
fn stage(repo: &TestRepo, files: &[(&str, &str)]) {
    repo.git(["reset", "-q", "--hard"]);
    repo.git(["clean", "-q", "-fd", "-e", ".hookrc.toml"]);
    for (path, content) in files {
        repo.write(path, content);
        repo.git(["add", path]);
    }
}

const PRE_COMMIT_LOCAL: &str = r#"# Local hooks only: pre-commit runs them without a network.
repos:
  - repo: local
    hooks:
      - id: no-todo
        name: no TODO in text files
        entry: 'TODO|FIXME'
        language: pygrep
        files: '\.txt$'
      - id: non-empty-cfg
        name: config files are not empty
        entry: sh -c 'for f; do test -s "$f" || exit 1; done' --
        language: system
        files: '^conf/.*\.cfg$'
"#;

#[test]
fn pre_commit_local_hooks_give_pre_commits_verdicts() {
    let repo = test_repo!();
    repo.write(".pre-commit-config.yaml", PRE_COMMIT_LOCAL);
    repo.write("a.txt", "fine\n");
    repo.commit_all("chore: init");
    let err = import_and_install(&repo, &[]);
    assert!(
        err.contains("wrote `.hookrc.toml` from `.pre-commit-config.yaml`"),
        "{err}"
    );
    assert!(err.contains("everything was imported"), "{err}");
    let policy = repo.read_string(".hookrc.toml");
    assert!(policy.contains("files = [\"conf/*.cfg\"]"), "{policy}");
    repo.commit_all("chore: hookrc");
    let cases: &[(&[(&str, &str)], i32)] = &[
        (&[("a.txt", "TODO: later\n")], 1),
        (&[("b.txt", "ok\nFIXME\n")], 1),
        (&[("notes.md", "TODO is fine here\n")], 0),
        (&[("conf/app.cfg", "")], 1),
        (&[("conf/app.cfg", "port = 1\n"), ("app.cfg", "")], 0),
    ];
    for (files, expected) in cases {
        stage(&repo, files);
        let old = old_tool(&repo, "pre-commit").arg("run").output().unwrap();
        assert_eq!(
            old.status.code(),
            Some(*expected),
            "pre-commit on {files:?}: {old:?}"
        );
        assert_eq!(
            commit(&repo, "feat: change"),
            *expected,
            "hookrc on {files:?}"
        );
    }
}

const PRE_COMMIT_GO: &str = r"repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v5.0.0
    hooks:
      - id: trailing-whitespace
  - repo: https://github.com/dnephin/pre-commit-golang
    rev: v0.5.1
    hooks:
      - id: go-fmt
      - id: go-vet
      - id: go-cyclo
        args: [-over=15]
  - repo: https://github.com/TekWizely/pre-commit-golang
    rev: v1.0.0-rc.1
    hooks:
      - id: go-mod-tidy-repo
        stages: [pre-push]
  - repo: https://github.com/golangci/golangci-lint
    rev: v2.1.6
    hooks:
      - id: golangci-lint
        args: [--fix]
        stages: [manual]
  - repo: https://github.com/compilerla/conventional-pre-commit
    rev: v4.2.0
    hooks:
      - id: conventional-pre-commit
        stages: [commit-msg]
        args: [--force-scope, feat, fix, chore]
";

/// Local hooks whose filters have no exact glob form, or run tools
/// pre-commit installed itself.
const PRE_COMMIT_INEXACT: &str = r"  - repo: local
    hooks:
      - id: gen-check
        name: generated files are fresh
        entry: scripts/check-generated.sh
        language: script
        files: '(\.go$)|(\bgo\.mod$)'
        stages: [pre-commit, pre-push]
      - id: gofumpt
        name: gofumpt
        entry: gofumpt -l
        language: golang
        additional_dependencies: [mvdan.cc/gofumpt@v0.7.0]
        types: [go]
        exclude: '^internal/gen/'
";

#[test]
fn the_policy_and_the_report_of_a_go_pre_commit_configuration() {
    let repo = test_repo!();
    repo.write(
        ".pre-commit-config.yaml",
        format!("{PRE_COMMIT_GO}{PRE_COMMIT_INEXACT}"),
    );
    repo.commit_all("chore: init");
    let before = repo.snapshot_state();
    let (policy, report) = import(&repo, &["--dry-run"], 0);
    insta::assert_snapshot!(format!("{policy}----- stderr -----\n{report}"));
    assert_eq!(before, repo.snapshot_state());
}

#[test]
fn pre_commit_go_hook_ids_become_the_built_in_checks() {
    let repo = test_repo!();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/go/multi");
    copy_dir(&fixtures, repo.root());
    repo.write(".pre-commit-config.yaml", PRE_COMMIT_GO);
    repo.commit_all("chore: init");
    let err = import_and_install(&repo, &[]);
    for line in [
        "`trailing-whitespace` (https://github.com/pre-commit/pre-commit-hooks): no built-in equivalent",
        "`go-cyclo` (https://github.com/dnephin/pre-commit-golang): no built-in equivalent",
        "`golangci-lint` (https://github.com/golangci/golangci-lint): stage `manual` is not a git hook",
    ] {
        assert!(err.contains(line), "{line} in {err}");
    }
    let policy = repo.read_string(".hookrc.toml");
    for line in [
        "pre-commit = [\"go-fmt\", \"go-vet\"]",
        "commit-msg = [\"conventional\"]",
        "pre-push = [\"go-mod\"]",
        "types = [\"feat\", \"fix\", \"chore\"]",
        "scope-empty = [2, \"never\"]",
    ] {
        assert!(policy.contains(line), "{line} in {policy}");
    }
    repo.commit_all("chore(ci): hookrc");
    let unformatted = repo
        .read_string("mathx/mathx.go")
        .replace("total := 0", "total:=0");
    stage(&repo, &[("mathx/mathx.go", &unformatted)]);
    assert_eq!(commit(&repo, "fix(mathx): spacing"), 1, "unformatted Go");
    stage(
        &repo,
        &[(
            "mathx/extra.go",
            "package mathx\n\n// Two is 2.\nconst Two = 2\n",
        )],
    );
    assert_eq!(commit(&repo, "feat: two"), 1, "no scope");
    assert_eq!(
        commit(&repo, "docs(mathx): two"),
        1,
        "a type the hook did not allow"
    );
    assert_eq!(commit(&repo, "feat(mathx): two"), 0);
}

const LEFTHOOK: &str = r#"pre-commit:
  parallel: true
  commands:
    no-todo:
      glob: "*.txt"
      run: "! grep -n TODO {staged_files}"
    api-files:
      root: "api/"
      glob: "*.txt"
      run: for f in {staged_files}; do test -f "$f" && ! grep -q STOP "$f" || exit 1; done
    legacy:
      skip: true
      run: "false"
commit-msg:
  commands:
    commitlint:
      run: commitlint --edit {1}
"#;

#[test]
fn lefthook_commands_give_lefthooks_verdicts() {
    let repo = test_repo!();
    repo.write("lefthook.yml", LEFTHOOK);
    repo.write(
        ".commitlintrc.yaml",
        "extends:\n  - '@commitlint/config-conventional'\nrules:\n  subject-case: [2, always, lower-case]\n",
    );
    repo.write("api/a.txt", "fine\n");
    repo.commit_all("chore: init");
    let err = import_and_install(&repo, &["--from", "lefthook"]);
    assert!(
        err.contains("`lefthook.yml`: `pre-commit` command `legacy`: `skip: true`: left out"),
        "{err}"
    );
    let policy = repo.read_string(".hookrc.toml");
    assert!(
        policy
            .contains("[check.conventional.rules]\nsubject-case = [2, \"always\", \"lower-case\"]"),
        "{policy}"
    );
    repo.commit_all("chore: hookrc");
    let cases: &[(&[(&str, &str)], i32)] = &[
        (&[("x.txt", "TODO\n")], 1),
        (&[("api/b.txt", "STOP\n")], 1),
        (&[("b.txt", "STOP\n"), ("api/b.txt", "go\n")], 0),
        (
            &[("api/deep/c.txt", "ok\n"), ("api/x.md", "TODO STOP\n")],
            0,
        ),
    ];
    for (files, expected) in cases {
        stage(&repo, files);
        let old = old_tool(&repo, "lefthook")
            .args(["run", "pre-commit"])
            .output()
            .unwrap();
        assert_eq!(
            old.status.code(),
            Some(*expected),
            "lefthook on {files:?}: {old:?}"
        );
        assert_eq!(
            commit(&repo, "feat: change"),
            *expected,
            "hookrc on {files:?}"
        );
    }
    stage(&repo, &[]);
    for message in ["feat: lower case", "feat: Upper Case", "no type"] {
        let old = commitlint_verdict(&repo, message);
        assert_eq!(commit(&repo, message), old, "{message}");
    }
}

/// commitlint's verdict on `message` (its exit code), as husky or lefthook
/// run it: `commitlint --edit FILE`.
fn commitlint_verdict(repo: &TestRepo, message: &str) -> i32 {
    let file = repo.outside_dir("msg").join("COMMIT_EDITMSG");
    fs_err::write(&file, format!("{message}\n")).expect("test I/O");
    let output = old_tool(repo, "commitlint")
        .arg("--edit")
        .arg(&file)
        .output()
        .expect("commitlint (`npm install -g @commitlint/cli`; `scripts/test` installs it)");
    output.status.code().expect("commitlint exits")
}

const MESSAGES: &[&str] = &[
    "feat(api): add the endpoint",
    "feat(db): add the table",
    "fix(cli): a header that is far longer than thirty characters",
    "Fix stuff",
    "chore(api)!: drop v1",
    "feat(cli): Capitalised subject",
];

#[test]
fn husky_and_commitlint_give_commitlints_verdicts() {
    let repo = test_repo!();
    repo.write(
        ".husky/commit-msg",
        "npx --no -- commitlint --edit \"$1\"\n",
    );
    repo.write(
        ".husky/pre-commit",
        "#!/usr/bin/env sh\n. \"$(dirname -- \"$0\")/_/husky.sh\"\n\nnpx lint-staged\ntest ! -e STOP\n",
    );
    repo.write(
        "package.json",
        r#"{"name": "app", "private": true, "lint-staged": {"*.txt": "sh -c '! grep -n TODO \"$@\"' --"}}"#,
    );
    repo.write(
        ".commitlintrc.json",
        r#"{
  "extends": ["@commitlint/config-conventional"],
  "rules": {
    "header-max-length": [2, "always", 30],
    "scope-enum": [2, "always", ["api", "cli"]]
  },
  "helpUrl": "https://example.com/commits"
}
"#,
    );
    repo.commit_all("chore: init");
    let err = import_and_install(&repo, &["--from", "husky"]);
    assert!(
        err.contains(
            "from `.husky/pre-commit`, `package.json` key `lint-staged`, `.husky/commit-msg`, `.commitlintrc.json`"
        ),
        "{err}"
    );
    assert!(err.contains("everything was imported"), "{err}");
    repo.commit_all("chore: hookrc");
    for message in MESSAGES {
        let old = commitlint_verdict(&repo, message);
        assert_eq!(commit(&repo, message), old, "{message}");
    }
    stage(&repo, &[("STOP", "")]);
    assert_eq!(
        commit(&repo, "feat(api): stop"),
        1,
        "the husky pre-commit line"
    );
    stage(&repo, &[("docs/a.txt", "TODO\n")]);
    assert_eq!(commit(&repo, "feat(api): todo"), 1, "lint-staged's `*.txt`");
    stage(&repo, &[("docs/a.md", "TODO\n")]);
    assert_eq!(
        commit(&repo, "feat(api): notes"),
        0,
        "lint-staged's `*.txt`"
    );
    stage(&repo, &[]);
    assert_eq!(commit(&repo, "feat(api): go"), 0);
}

#[test]
fn a_js_commitlint_config_is_read_as_a_plain_object_and_its_functions_reported() {
    let repo = test_repo!();
    repo.write(
        "commitlint.config.js",
        r"// commitlint's configuration
module.exports = {
  extends: ['@commitlint/config-conventional'],
  rules: {
    'header-max-length': [2, 'always', 30],
    'scope-enum': [2, 'always', ['api', 'cli']],
    'body-max-line-length': (parsed) => [2, 'always', 100],
  },
  ignores: [(message) => message.startsWith('WIP')],
  plugins: [require('./commitlint-plugin')],
};
",
    );
    repo.write("commitlint-plugin.js", "module.exports = { rules: {} };\n");
    repo.commit_all("chore: init");
    let err = import_and_install(&repo, &["--from", "commitlint"]);
    for line in [
        "`commitlint.config.js`: rule `body-max-line-length` is a function: not importable",
        "`commitlint.config.js`: `ignores` holds 1 JavaScript function(s): not importable",
        "`commitlint.config.js`: `plugins` are JavaScript: not importable",
    ] {
        assert!(err.contains(line), "{line} in {err}");
    }
    repo.commit_all("chore: hookrc");
    for message in MESSAGES {
        let old = commitlint_verdict(&repo, message);
        assert_eq!(commit(&repo, message), old, "{message}");
    }
}

#[test]
fn a_commitlint_config_without_config_conventional_applies_only_its_rules() {
    let repo = test_repo!();
    repo.write(
        ".commitlintrc.yaml",
        "rules:\n  type-enum: [2, always, [feat, fix]]\n  header-max-length: [2, always, 40]\n",
    );
    repo.commit_all("chore: init");
    let err = import_and_install(&repo, &[]);
    assert!(
        err.contains("`extends` lacks `@commitlint/config-conventional`"),
        "{err}"
    );
    repo.commit_all("chore: hookrc");
    let messages = [
        "feat: fine",
        "docs: not an allowed type",
        "feat: Sentence case and a full stop.",
        "feat: a header that is longer than forty characters",
        "no type at all",
    ];
    for message in messages {
        let old = commitlint_verdict(&repo, message);
        assert_eq!(commit(&repo, message), old, "{message}");
    }
}

#[test]
fn dry_run_writes_nothing_and_an_existing_policy_is_kept_without_force() {
    let repo = test_repo!();
    repo.write(
        ".commitlintrc.yml",
        "extends: ['@commitlint/config-conventional']\n",
    );
    repo.commit_all("chore: init");
    let before = repo.snapshot_state();
    let (out, err) = import(&repo, &["--dry-run"], 0);
    assert!(
        out.starts_with("# hookrc policy written by `hookrc import` from `.commitlintrc.yml`."),
        "{out}"
    );
    assert!(out.contains("commit-msg = [\"conventional\"]"), "{out}");
    assert!(!err.contains("wrote"), "{err}");
    assert_eq!(before, repo.snapshot_state());

    repo.write(".hookrc.toml", "[hooks]\n");
    let before = repo.snapshot_state();
    let (_, err) = import(&repo, &[], 2);
    assert!(
        err.contains("`.hookrc.toml` already exists; it was left as it is"),
        "{err}"
    );
    assert_eq!(before, repo.snapshot_state());

    import(&repo, &["--force"], 0);
    assert!(
        repo.read_string(".hookrc.toml")
            .contains("commit-msg = [\"conventional\"]")
    );
}

#[test]
fn nothing_to_import_is_an_error_that_changes_nothing() {
    let repo = test_repo!();
    repo.write("README.md", "hi\n");
    repo.commit_all("chore: init");
    let before = repo.snapshot_state();
    let (_, err) = import(&repo, &["--from", "lefthook"], 2);
    assert!(
        err.contains("error: found no lefthook (`lefthook.yml`"),
        "{err}"
    );
    repo.write(".pre-commit-config.yaml", "repos: [\n");
    let with_config = repo.snapshot_state();
    let (_, err) = import(&repo, &[], 2);
    assert!(
        err.contains("`.pre-commit-config.yaml` is not valid YAML"),
        "{err}"
    );
    assert_eq!(with_config, repo.snapshot_state());
    fs_err::remove_file(repo.path(".pre-commit-config.yaml")).unwrap();
    assert_eq!(before, repo.snapshot_state());
}
