//! What a hook run prints: colors only as decoration and only when allowed
//! (`NO_COLOR`, `CLICOLOR_FORCE`, `--color`), the JSON report on stdout, and
//! GitHub annotations under `GITHUB_ACTIONS=true`.

use hookrc_testkit::{TestRepo, hookrc_snapshot, test_repo};

fn repo_with_failing_check() -> TestRepo {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"ok\", \"todo\"]\n\n[check.ok]\nrun = [\"true\"]\n\n\
         [check.todo]\nrun = [\"! grep -Hn TODO \\\"$@\\\"\"]\nshell = \"sh\"\nfiles = [\"*.txt\"]\n",
    );
    repo.write("a b.txt", "x\nTODO\n");
    repo.git(["add", "-A"]);
    repo
}

fn has_escape(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
}

#[test]
fn colors_follow_no_color_clicolor_force_and_the_color_flag() {
    let repo = repo_with_failing_check();
    let stderr = |envs: &[(&str, &str)], args: &[&str]| {
        let mut cmd = repo.hookrc_cmd();
        cmd.args(args)
            .args(["run", "pre-commit"])
            .envs(envs.iter().copied());
        cmd.output().unwrap().stderr
    };
    assert!(!has_escape(&stderr(&[], &[])), "not a terminal: no color");
    assert!(has_escape(&stderr(&[("CLICOLOR_FORCE", "1")], &[])));
    assert!(!has_escape(&stderr(&[("NO_COLOR", "1")], &[])));
    assert!(has_escape(&stderr(
        &[("NO_COLOR", "1")],
        &["--color", "always"]
    )));
    assert!(!has_escape(&stderr(
        &[("CLICOLOR_FORCE", "1")],
        &["--color", "never"]
    )));
    let durations = regex::Regex::new(r"\(\d+(\.\d+)?(µs|ms|s)\)").unwrap();
    let text = |bytes: Vec<u8>| {
        durations
            .replace_all(&String::from_utf8(bytes).unwrap(), "()")
            .into_owned()
    };
    let plain = text(stderr(&[], &[]));
    let forced = stderr(&[("CLICOLOR_FORCE", "1")], &[]);
    let stripped = text(anstream::adapter::strip_bytes(&forced).into_vec());
    assert_eq!(stripped, plain, "color is decoration only");
}

#[test]
fn the_human_report_groups_output_per_check() {
    let repo = repo_with_failing_check();
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["run", "pre-commit"]), @r#"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        ok ..... passed ([TIME])
        todo ... failed ([TIME])
            a b.txt:2:TODO
          error[todo]: `sh` exited with status 1

        error: hook `pre-commit` failed: 1 of 2 checks did not pass: `todo`

        hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=todo`
        "#);
}

#[test]
fn the_json_report_is_on_stdout() {
    let repo = repo_with_failing_check();
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r#""duration_ms": \d+"#, r#""duration_ms": [MS]"#);
    settings.bind(|| {
        hookrc_snapshot!(repo, repo.hookrc_cmd().args(["run", "pre-commit", "--format", "json"]), @r#"
            success: false
            exit_code: 1
            ----- stdout -----
            {
              "hook": "pre-commit",
              "checks": [
                {
                  "name": "ok",
                  "status": "passed",
                  "duration_ms": [MS],
                  "output": "",
                  "diagnostics": []
                },
                {
                  "name": "todo",
                  "status": "failed",
                  "duration_ms": [MS],
                  "output": "a b.txt:2:TODO\n",
                  "diagnostics": [
                    {
                      "check": "todo",
                      "severity": "error",
                      "file": null,
                      "line": null,
                      "column": null,
                      "message": "`sh` exited with status 1",
                      "hint": null
                    }
                  ]
                }
              ]
            }

            ----- stderr -----
            "#);
    });
}

#[test]
fn github_actions_get_groups_and_annotations() {
    let repo = repo_with_failing_check();
    let mut cmd = repo.hookrc_cmd();
    cmd.args(["run", "pre-commit"])
        .env("GITHUB_ACTIONS", "true");
    hookrc_snapshot!(repo, cmd, @r#"
        success: false
        exit_code: 1
        ----- stdout -----
        ::group::pre-commit ok: passed ([TIME])
        ::endgroup::
        ::group::pre-commit todo: failed ([TIME])
        a b.txt:2:TODO
        ::endgroup::
        ::error title=hookrc%3A todo::`sh` exited with status 1

        ----- stderr -----
        "#);
}
