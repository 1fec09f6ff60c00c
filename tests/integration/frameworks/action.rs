//! The GitHub Action and the CI guide: every workflow of the repository
//! and of docs/ (and `action.yml`) passes actionlint and check-jsonschema's
//! GitHub schemas, the GitLab job its GitLab CI schema; the action's shell
//! steps pass shellcheck and run, as the runner would run them, against a
//! real repository with the `GITHUB_*` variables and event file of a pull
//! request or a push.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hookrc_testkit::{TestRepo, test_repo};
use serde_json::{Value, json};

use super::wheel::wheel;
use super::{assert_unchanged, venv_tool, yaml_blocks};
use crate::go_support::{copy_dir, gocache};

fn checkout() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `file` (YAML) as JSON, read by `PyYAML` from the project's virtualenv.
fn yaml(file: &Path) -> Value {
    let output = Command::new(venv_tool("python3"))
        .args([
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
        ])
        .arg(file)
        .output()
        .expect("run python3");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// Run `tool ARGS`, which must succeed.
fn passes(tool: &Path, dir: &Path, args: &[&OsString]) {
    let output = Command::new(tool)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run the validator");
    assert!(
        output.status.success(),
        "{} {args:?}:\n{}{}",
        tool.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn schema(name: &str, files: &[PathBuf]) {
    let mut args: Vec<OsString> = vec!["--builtin-schema".into(), name.into()];
    args.extend(files.iter().map(|f| f.clone().into_os_string()));
    passes(
        &venv_tool("check-jsonschema"),
        checkout(),
        &args.iter().collect::<Vec<_>>(),
    );
}

#[test]
fn every_workflow_the_action_and_the_gitlab_job_pass_the_linters() {
    let repo = test_repo!();
    let docs = repo.tmp_root().join("docs");
    fs_err::create_dir_all(docs.join(".github/workflows")).expect("test I/O");
    let (mut workflows, mut gitlab) = (Vec::new(), Vec::new());
    for doc in ["docs/ci.md", "docs/lint-commits.md"] {
        for (i, block) in yaml_blocks(doc).into_iter().enumerate() {
            let stem = format!("{}-{i}", doc.replace(['/', '.'], "-"));
            if block.contains("\njobs:") {
                let file = docs.join(format!(".github/workflows/{stem}.yml"));
                fs_err::write(&file, block).expect("test I/O");
                workflows.push(file);
            } else if block.contains("\n  script:") {
                let file = docs.join(format!("{stem}.gitlab-ci.yml"));
                fs_err::write(&file, block).expect("test I/O");
                gitlab.push(file);
            }
        }
    }
    assert!(
        workflows.len() >= 5 && gitlab.len() == 1,
        "{workflows:?} {gitlab:?}"
    );
    let actionlint = venv_tool("actionlint");
    passes(&actionlint, checkout(), &[]);
    let documented: Vec<OsString> = workflows
        .iter()
        .map(|f| f.clone().into_os_string())
        .collect();
    passes(&actionlint, &docs, &documented.iter().collect::<Vec<_>>());

    let mut own: Vec<PathBuf> = fs_err::read_dir(checkout().join(".github/workflows"))
        .expect("the repository's workflows")
        .map(|entry| entry.expect("test I/O").path())
        .collect();
    assert!(!own.is_empty());
    own.extend(workflows);
    schema("vendor.github-workflows", &own);
    schema("vendor.github-actions", &[checkout().join("action.yml")]);
    schema("vendor.gitlab-ci", &gitlab);

    for (name, script) in shell_steps() {
        let file = repo.tmp_root().join("step.sh");
        fs_err::write(&file, format!("#!/usr/bin/env bash\n{script}")).expect("test I/O");
        let output = Command::new("shellcheck")
            .arg(&file)
            .output()
            .expect("run shellcheck");
        assert!(output.status.success(), "step `{name}`: {output:?}");
    }
}

/// The action's `run` steps: name and script.
fn shell_steps() -> Vec<(String, String)> {
    steps()
        .into_iter()
        .filter_map(|step| {
            Some((
                step["name"].as_str()?.to_owned(),
                step["run"].as_str()?.to_owned(),
            ))
        })
        .collect()
}

fn steps() -> Vec<Value> {
    let action = yaml(&checkout().join("action.yml"));
    action["runs"]["steps"].as_array().expect("steps").clone()
}

/// What a step's `env` value becomes: `${{ inputs.NAME }}` is the input,
/// with the action's default; anything else this test does not know.
fn expand(value: &str, inputs: &BTreeMap<String, String>) -> String {
    let Some(inner) = value
        .strip_prefix("${{ ")
        .and_then(|v| v.strip_suffix(" }}"))
    else {
        return value.to_owned();
    };
    let name = inner
        .strip_prefix("inputs.")
        .unwrap_or_else(|| panic!("unknown expression {value}"));
    inputs[name].clone()
}

/// The action's inputs: its defaults, then `with`.
fn inputs(with: &[(&str, &str)]) -> BTreeMap<String, String> {
    let action = yaml(&checkout().join("action.yml"));
    let mut inputs: BTreeMap<String, String> = action["inputs"]
        .as_object()
        .expect("inputs")
        .iter()
        .map(|(name, spec)| {
            (
                name.clone(),
                spec["default"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    for (name, value) in with {
        assert!(inputs.contains_key(*name), "no input {name}");
        inputs.insert((*name).to_owned(), (*value).to_owned());
    }
    inputs
}

/// Run the action's shell steps in `repo` as the runner would for an
/// `event` with `payload`, the wheel as the package; each step's output.
/// `uses:` steps (the cache) are left out. Stops at the first failure.
fn run_action(repo: &TestRepo, event: &str, payload: &Value) -> Vec<(String, Output)> {
    let runner = repo.tmp_root().join("runner");
    fs_err::create_dir_all(runner.join("temp")).expect("test I/O");
    let event_path = runner.join("event.json");
    fs_err::write(&event_path, payload.to_string()).expect("test I/O");
    let files = ["output", "path", "summary"].map(|f| runner.join(f));
    for file in &files {
        fs_err::write(file, "").expect("test I/O");
    }
    let inputs = inputs(&[("package", &wheel().to_string_lossy())]);
    let mut env = repo.env();
    let mut set = |name: &str, value: &Path| env.insert(name.into(), value.into());
    set("GITHUB_EVENT_PATH", &event_path);
    set("GITHUB_ACTION_PATH", checkout());
    set("GITHUB_OUTPUT", &files[0]);
    set("GITHUB_PATH", &files[1]);
    set("GITHUB_STEP_SUMMARY", &files[2]);
    set("GITHUB_WORKSPACE", repo.root());
    set("RUNNER_TEMP", &runner.join("temp"));
    env.insert("GOCACHE".into(), gocache().clone());
    for (name, value) in [
        ("GITHUB_ACTIONS", "true"),
        ("GITHUB_EVENT_NAME", event),
        ("RUNNER_OS", "Linux"),
        ("RUNNER_ARCH", "X64"),
    ] {
        env.insert(name.into(), value.into());
    }
    let mut outputs = Vec::new();
    for step in steps() {
        let (Some(name), Some(script)) = (step["name"].as_str(), step["run"].as_str()) else {
            continue;
        };
        assert!(step.get("if").is_none(), "a shell step with `if`: {name}");
        let mut step_env = env.clone();
        let added = fs_err::read_to_string(&files[1]).expect("test I/O");
        let path: Vec<PathBuf> = added
            .lines()
            .rev()
            .map(PathBuf::from)
            .chain(std::env::split_paths(&env[&OsString::from("PATH")]))
            .collect();
        step_env.insert("PATH".into(), std::env::join_paths(path).expect("PATH"));
        for (key, value) in step["env"].as_object().into_iter().flatten() {
            step_env.insert(
                key.into(),
                expand(value.as_str().expect("a string"), &inputs).into(),
            );
        }
        let output = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(repo.root())
            .env_clear()
            .envs(step_env)
            .output()
            .expect("run the step");
        let failed = !output.status.success();
        outputs.push((name.to_owned(), output));
        if failed {
            break;
        }
    }
    outputs
}

/// A repository whose `feature` branch adds `messages` as commits on `main`;
/// the pull request event GitHub gives for it, titled `title`.
fn pull_request(messages: &[&str], title: &str) -> (TestRepo, Value) {
    let repo = test_repo!();
    repo.write("a.txt", "a\n");
    let base = repo.commit_all("chore: init");
    repo.git(["checkout", "-q", "-b", "feature"]);
    for (i, message) in messages.iter().enumerate() {
        repo.write("a.txt", format!("{i}\n"));
        repo.commit_all(message);
    }
    let head = repo.git(["rev-parse", "HEAD"]).trim().to_owned();
    let payload = json!({
        "action": "opened",
        "number": 1,
        "pull_request": {
            "number": 1,
            "title": title,
            "base": { "ref": "main", "sha": base.trim() },
            "head": { "ref": "feature", "sha": head },
        },
    });
    (repo, payload)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_action_lints_a_pull_requests_commits_and_title() {
    let title = "Add $(touch pwned) things";
    let (repo, payload) = pull_request(&["feat: one", "bad message"], title);
    let before = repo.snapshot_state();
    let outputs = run_action(&repo, "pull_request", &payload);
    let (last, output) = outputs.last().expect("steps ran");
    assert_eq!(last, "Run hookrc", "{outputs:?}");
    assert_eq!(output.status.code(), Some(1), "{}", text(output));
    let out = text(output);
    assert!(
        out.contains("::error") && out.contains("bad message"),
        "{out}"
    );
    assert!(
        out.contains("Add $(touch pwned) things"),
        "the title was not linted:\n{out}"
    );
    assert!(
        !out.contains("feat: one"),
        "a good commit was reported:\n{out}"
    );
    let summary = fs_err::read_to_string(repo.tmp_root().join("runner/summary")).expect("test I/O");
    assert!(summary.contains("bad message"), "{summary}");
    assert_unchanged(&before, &repo);

    let (repo, payload) = pull_request(&["feat: one", "fix: two"], "feat: one and two");
    let before = repo.snapshot_state();
    let outputs = run_action(&repo, "pull_request", &payload);
    let (_, output) = outputs.last().expect("steps ran");
    assert!(output.status.success(), "{}", text(output));
    assert_unchanged(&before, &repo);
}

#[test]
fn the_action_runs_the_pre_push_checks_on_a_push() {
    let repo = test_repo!();
    copy_dir(&checkout().join("fixtures/go/untidy"), repo.root());
    repo.write(".hookrc.toml", "[hooks]\npre-push = [\"go-mod\"]\n");
    repo.commit_all("feat: a");
    let before = repo.snapshot_state();
    let push = json!({ "ref": "refs/heads/main", "after": repo.git(["rev-parse", "HEAD"]).trim() });
    let outputs = run_action(&repo, "push", &push);
    let (last, output) = outputs.last().expect("steps ran");
    assert_eq!(last, "Run hookrc");
    let out = text(output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("::error file=go.mod") && out.contains("go mod tidy"),
        "{out}"
    );
    assert_unchanged(&before, &repo);
}
