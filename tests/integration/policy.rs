//! `hookrc init` and `hookrc config check|show` on real repositories.

use hookrc_testkit::{hookrc_snapshot, test_repo};

#[test]
fn init_writes_the_starter_policy_once() {
    let repo = test_repo!();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("init"), @r#"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        wrote `.hookrc.toml` (commit-msg: conventional)
        `hookrc install` links the hooks it lists
        "#);
    let written = repo.read_string(".hookrc.toml");
    let output = repo
        .hookrc_cmd()
        .args(["config", "check"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    repo.write(".hookrc.toml", "# mine\n");
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("init"), @r#"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: `.hookrc.toml` already exists; it was left as it is

        hint: edit it (`hookrc config check` validates it), or remove it to start over
        "#);
    assert_eq!(repo.read_string(".hookrc.toml"), "# mine\n");
    assert!(written.contains("[hooks]"));
}

#[test]
fn init_detects_a_go_module() {
    let repo = test_repo!();
    repo.write("go.mod", "module example.com/m\n\ngo 1.22\n");
    let output = repo.hookrc_cmd().arg("init").output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(repo.read_string(".hookrc.toml").contains("go-"));
}

#[test]
fn config_check_prints_ok_or_the_located_error() {
    let repo = test_repo!();
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["config", "check"]), @r#"
        success: true
        exit_code: 0
        ----- stdout -----
        ok

        ----- stderr -----
        no `.hookrc.toml` here: the embedded default policy applies
        "#);
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"lint\"]\n\n[check.lint]\nrun = [\"true\"]\nfile = [\"*.sh\"]\n",
    );
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["config", "check"]), @r#"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: .hookrc.toml:6:1: unknown key `file` in `[check.lint]`
          |
        6 | file = ["*.sh"]
          | ^^^^
          |
        help: did you mean `files`?
        "#);
}

#[test]
fn config_show_prints_the_effective_policy() {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"lint\"]\n\n[check.lint]\nrun = [\"true\"]\n",
    );
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["config", "show"]), @r#"
        success: true
        exit_code: 0
        ----- stdout -----
        [hooks]
        pre-commit = ["lint"]

        [check.lint]
        run = ["true"]
        files = []
        exclude = []
        pass-filenames = true
        timeout = "1m"
        always-run = false
        optional = false

        [go]
        tags = []
        include-generated = false
        include-vendor = false

        [changelog]
        other = "Other"
        ignore = []
        zero-major-breaking = "minor"
        zero-major-feature = "patch"

        [[changelog.sections]]
        title = "Features"
        types = ["feat"]

        [[changelog.sections]]
        title = "Bug Fixes"
        types = ["fix"]

        [[changelog.sections]]
        title = "Refactor"
        types = ["refactor"]

        [[changelog.sections]]
        title = "Documentation"
        types = ["docs"]

        [[changelog.sections]]
        title = "Performance"
        types = ["perf"]

        [[changelog.sections]]
        title = "Styling"
        types = ["style"]

        [[changelog.sections]]
        title = "Testing"
        types = ["test"]

        [[changelog.sections]]
        title = "Miscellaneous Tasks"
        types = ["chore", "ci"]

        [[changelog.sections]]
        title = "Revert"
        types = ["revert"]

        ----- stderr -----
        "#);
}

#[test]
fn config_schema_prints_a_json_schema_that_pipes_cleanly() {
    let repo = test_repo!();
    let output = repo
        .hookrc_cmd()
        .args(["config", "schema"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(schema["properties"]["hooks"].is_object(), "{schema}");
    assert!(schema["properties"]["check"].is_object(), "{schema}");
    // A closed pipe is a clean exit, not an error.
    let mut child = repo
        .hookrc_cmd()
        .args(["config", "schema"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
}
