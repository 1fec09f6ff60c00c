//! hookrc under the real pre-commit and prek frameworks (PyPI, installed in
//! the project's `.venv` by `scripts/test`): `.pre-commit-config.yaml`
//! points at a local clone of this repository with `rev:` a commit, the
//! framework builds the ids with `cargo install` (`language: rust`), and
//! real `git commit` / `git push` run them through the framework's hooks.
//! The wheel form (`language: python`, the wheel as a dependency) runs from
//! the locally built wheel.

mod action;
mod check;
mod source;
mod wheel;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hookrc_testkit::{RepoState, TestRepo, hermetic_env, test_repo};

use crate::go_support::gocache;

/// A hook framework under test.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Framework {
    /// Its executable in `.venv/bin`.
    pub(crate) exe: &'static str,
    /// The variable that moves its store (clones, built environments).
    home_var: &'static str,
}

/// pre-commit 4.x.
pub(crate) const PRE_COMMIT: Framework = Framework {
    exe: "pre-commit",
    home_var: "PRE_COMMIT_HOME",
};

/// prek.
pub(crate) const PREK: Framework = Framework {
    exe: "prek",
    home_var: "PREK_HOME",
};

/// Where the framework tests keep what outlives one test: the clone of
/// this repository, the frameworks' stores and cargo's target directory,
/// so only the first run builds hookrc.
pub(crate) fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/frameworks")
}

/// The project's virtualenv's `bin/`, where `scripts/test` installs the
/// frameworks and the Python tools.
pub(crate) fn venv_bin() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin")
}

/// The tool `name` from the project's virtualenv.
pub(crate) fn venv_tool(name: &str) -> PathBuf {
    let path = venv_bin().join(name);
    assert!(
        path.exists(),
        "`{}` is missing: run the tests with scripts/test, which installs it",
        path.display()
    );
    path
}

impl Framework {
    /// The environment the framework (and the git hooks it installs) needs
    /// on top of the repository's hermetic one: its store, the real cargo
    /// and rustup homes (the test `HOME` is empty), the shared target
    /// directory, and the shared Go build cache.
    ///
    /// The release profile is made cheap to compile (no LTO, `opt-level`
    /// 0): these tests judge how the framework runs hookrc, not its speed.
    pub(crate) fn env(self) -> Vec<(OsString, OsString)> {
        let real_home = std::env::home_dir().expect("a HOME for cargo and rustup");
        let shared = shared_dir();
        let inherited = hermetic_env(&shared, 0)
            .remove(&OsString::from("PATH"))
            .unwrap_or_default();
        let path = std::env::join_paths(
            std::iter::once(venv_bin()).chain(std::env::split_paths(&inherited)),
        )
        .expect("PATH");
        let pairs: Vec<(&str, OsString)> = vec![
            ("PATH", path),
            (self.home_var, shared.join(self.exe).into()),
            ("CARGO_HOME", real_home.join(".cargo").into()),
            ("RUSTUP_HOME", real_home.join(".rustup").into()),
            ("CARGO_TARGET_DIR", shared.join("cargo").into()),
            ("CARGO_PROFILE_RELEASE_LTO", "false".into()),
            ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0".into()),
            ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16".into()),
            ("CARGO_TERM_QUIET", "true".into()),
            ("GOCACHE", gocache().clone()),
        ];
        pairs
            .into_iter()
            .map(|(key, value)| (key.into(), value))
            .collect()
    }

    /// `<framework> ARGS` in the repository, with [`Framework::env`].
    pub(crate) fn cmd(self, repo: &TestRepo, args: &[&str]) -> Command {
        let mut cmd = Command::new(venv_tool(self.exe));
        cmd.current_dir(repo.root())
            .env_clear()
            .envs(repo.env())
            .envs(self.env())
            .args(args);
        cmd
    }

    /// Run `<framework> ARGS`, which must succeed.
    pub(crate) fn run(self, repo: &TestRepo, args: &[&str]) {
        let output = self.cmd(repo, args).output().expect("run the framework");
        assert!(
            output.status.success(),
            "`{} {}` failed:\n{}{}",
            self.exe,
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Commit `config` as `.pre-commit-config.yaml` with the rest of the
    /// working tree, then install the framework's git hooks and build the
    /// hook environments.
    pub(crate) fn install(self, repo: &TestRepo, config: &str) {
        repo.write(".pre-commit-config.yaml", config);
        repo.commit_all("chore: init");
        self.run(repo, &["install", "--hook-type", "pre-commit"]);
        self.run(repo, &["install", "--hook-type", "commit-msg"]);
        self.run(repo, &["install", "--hook-type", "pre-push"]);
        self.run(repo, &["install-hooks"]);
    }

    /// `git ARGS` through the framework's hooks; it must exit with `code`
    /// and leave the working tree (untracked files included) and the index
    /// as they were. Its output, stdout then stderr.
    pub(crate) fn git_unchanged(self, repo: &TestRepo, args: &[&str], code: i32) -> String {
        let before = repo.snapshot_state();
        let output = self.git(repo, args);
        let text = transcript(&output);
        assert_eq!(output.status.code(), Some(code), "`git {args:?}`:\n{text}");
        assert_unchanged(&before, repo);
        text
    }

    /// `git ARGS` with the framework's environment.
    fn git(self, repo: &TestRepo, args: &[&str]) -> Output {
        repo.git_cmd(args)
            .envs(self.env())
            .output()
            .expect("run git")
    }
}

/// stdout then stderr, lossily.
fn transcript(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The worktree and the index entries are what they were.
pub(crate) fn assert_unchanged(before: &RepoState, repo: &TestRepo) {
    let after = repo.snapshot_state();
    assert_eq!(before.worktree, after.worktree, "the working tree changed");
    assert_eq!(before.entries, after.entries, "the index changed");
}

/// The number of commits on `HEAD`.
pub(crate) fn commit_count(repo: &TestRepo) -> usize {
    repo.git(["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .expect("a count")
}

/// A Go module at the root, formatted, with a passing test; a policy whose
/// pre-commit `no-todo` check refuses staged `*.txt` files holding `TODO`;
/// committed and pushed to the bare remote `origin` without hooks.
fn go_repo() -> TestRepo {
    let repo = test_repo!();
    repo.write("go.mod", "module example.com/calc\n\ngo 1.21\n");
    repo.write(
        "calc.go",
        "package calc\n\n// Add adds.\nfunc Add(a, b int) int { return a + b }\n",
    );
    repo.write(
        "calc_test.go",
        "package calc\n\nimport \"testing\"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 {\n\t\tt.Fatal(\"1+2\")\n\t}\n}\n",
    );
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"no-todo\"]\n\n[check.no-todo]\nrun = [\"! grep -Hn TODO -- \\\"$@\\\"\"]\nshell = \"sh\"\nfiles = [\"*.txt\"]\n",
    );
    repo.commit_all("chore: start");
    repo.add_bare_remote("origin");
    repo.git(["push", "-q", "origin", "main"]);
    repo
}

/// The ```` ```yaml ```` blocks of the Markdown file `doc` of this
/// repository.
pub(crate) fn yaml_blocks(doc: &str) -> Vec<String> {
    let text =
        fs_err::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc)).expect("test I/O");
    text.split("```yaml\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default().to_owned())
        .collect()
}

/// The first configuration of docs/frameworks.md holding `marker`, with
/// each `(from, to)` replaced.
pub(crate) fn documented_config(marker: &str, replace: &[(&str, &str)]) -> String {
    let block = yaml_blocks("docs/frameworks.md")
        .into_iter()
        .find(|block| block.contains(marker))
        .unwrap_or_else(|| panic!("docs/frameworks.md has no configuration with {marker}"));
    replace.iter().fold(block, |text, (from, to)| {
        assert!(text.contains(from), "no {from} in {text}");
        text.replace(from, to)
    })
}

/// docs/frameworks.md's `language: rust` configuration, pointed at the
/// hookrc repository at `repo`, revision `rev`.
fn rust_config(repo: &Path, rev: &str) -> String {
    documented_config(
        "rev: v0.1.0",
        &[
            ("https://github.com/OWNER/hookrc", &repo.to_string_lossy()),
            ("rev: v0.1.0", &format!("rev: {rev}")),
        ],
    )
}

/// Every scenario through `framework`, rust form: the policy id,
/// go-fmt and conventional refuse, a good commit passes, and go-test
/// refuses then accepts a push; unstaged work survives each.
fn rust_form(framework: Framework) {
    let (source, rev) = source::hookrc_source();
    let repo = go_repo();
    framework.install(&repo, &rust_config(source, rev));
    let commits = commit_count(&repo);
    repo.write("notes.txt", "TODO: write the notes\n");
    repo.git(["add", "notes.txt"]);
    repo.write("calc.go", "package calc\nfunc  Unstaged( ) {}\n");
    let out = framework.git_unchanged(&repo, &["commit", "-m", "feat: notes"], 1);
    assert!(
        out.contains("no-todo") && out.contains("TODO: write"),
        "{out}"
    );

    repo.write("notes.txt", "the notes\n");
    repo.write(
        "sub.go",
        "package calc\nfunc  Sub(a, b int) int { return a-b }\n",
    );
    repo.git(["add", "notes.txt", "sub.go"]);
    let out = framework.git_unchanged(&repo, &["commit", "-m", "feat: sub"], 1);
    assert!(
        out.contains("not formatted as gofmt would") && out.contains("sub.go"),
        "{out}"
    );

    repo.write(
        "sub.go",
        "package calc\n\n// Sub subtracts.\nfunc Sub(a, b int) int { return a - b }\n",
    );
    repo.git(["add", "sub.go"]);
    let out = framework.git_unchanged(&repo, &["commit", "-m", "added sub"], 1);
    assert!(out.contains("type-empty"), "{out}");
    assert_eq!(commit_count(&repo), commits, "a refused commit was made");

    framework.git_unchanged(&repo, &["commit", "-q", "-m", "feat: sub"], 0);
    assert_eq!(commit_count(&repo), commits + 1);
    assert!(repo.read_string("calc.go").contains("Unstaged( )"));

    let failing = "package calc\n\nimport \"testing\"\n\nfunc TestSub(t *testing.T) {\n\tif Sub(3, 1) != 3 {\n\t\tt.Fatal(\"3-1\")\n\t}\n}\n";
    repo.write("sub_test.go", failing);
    repo.git(["add", "sub_test.go"]);
    framework.git_unchanged(&repo, &["commit", "-q", "-m", "test: sub"], 0);
    let out = framework.git_unchanged(&repo, &["push", "origin", "main"], 1);
    assert!(out.contains("TestSub"), "{out}");
    let remote = |repo: &TestRepo| repo.git(["ls-remote", "origin", "main"]);
    let pushed = remote(&repo);

    repo.write("sub_test.go", failing.replace("!= 3", "!= 2"));
    repo.git(["add", "sub_test.go"]);
    framework.git_unchanged(&repo, &["commit", "-q", "-m", "test: fix sub"], 0);
    framework.git_unchanged(&repo, &["push", "-q", "origin", "main"], 0);
    assert_ne!(remote(&repo), pushed, "the fixed push did not land");
}

#[test]
fn pre_commit_runs_the_rust_ids_on_commits_and_pushes() {
    rust_form(PRE_COMMIT);
}

#[test]
fn prek_runs_the_rust_ids_on_commits_and_pushes() {
    rust_form(PREK);
}

/// The per-hook ids `hookrc-commit-msg` and `hookrc-pre-push` run the
/// repository's own policy for their stage: its commit-msg rules on the
/// message file, its pre-push checks on the pushed range.
fn per_hook_ids(framework: Framework) {
    let (source, rev) = source::hookrc_source();
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\ncommit-msg = [\"conventional\"]\npre-push = [\"no-todo\"]\n\n[check.conventional]\ntypes = [\"feat\"]\n\n[check.no-todo]\nrun = [\"! grep -Hn TODO -- \\\"$@\\\"\"]\nshell = \"sh\"\nfiles = [\"*.txt\"]\n",
    );
    repo.write("a.txt", "a\n");
    repo.commit_all("feat: start");
    repo.add_bare_remote("origin");
    repo.git(["push", "-q", "origin", "main"]);
    let config = format!(
        "repos:\n- repo: {}\n  rev: {rev}\n  hooks:\n  - id: hookrc-commit-msg\n  - id: hookrc-pre-push\n",
        source.display()
    );
    framework.install(&repo, &config);
    repo.write("a.txt", "TODO: b\n");
    repo.git(["add", "a.txt"]);
    let out = framework.git_unchanged(&repo, &["commit", "-m", "fix: b"], 1);
    assert!(out.contains("type-enum"), "{out}");
    framework.git_unchanged(&repo, &["commit", "-q", "-m", "feat: b"], 0);
    let out = framework.git_unchanged(&repo, &["push", "origin", "main"], 1);
    assert!(out.contains("a.txt:1:TODO: b"), "{out}");
}

#[test]
fn pre_commit_runs_the_per_hook_ids() {
    per_hook_ids(PRE_COMMIT);
}

#[test]
fn prek_runs_the_per_hook_ids() {
    per_hook_ids(PREK);
}
