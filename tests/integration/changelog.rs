//! `hookrc changelog`: sections in the policy's order with breaking changes
//! first, one per version tag, `--unreleased` and `--tag`, links from a
//! GitHub remote, an idempotent `--prepend`, a nested Go module's own
//! changelog, and bad input refused with nothing changed.

use std::process::Output;

use hookrc_testkit::{TestRepo, test_repo};

fn changelog(repo: &TestRepo, args: &[&str]) -> Output {
    repo.hookrc_cmd()
        .arg("changelog")
        .args(args)
        .output()
        .expect("test setup")
}

fn stdout(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("test setup")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Two releases and unreleased work, with every kind of commit a changelog
/// must sort or leave out.
fn history() -> TestRepo {
    let repo = test_repo!();
    let mut n = 0;
    let mut commit = |message: &str| {
        n += 1;
        repo.write("log.txt", format!("{n}\n"));
        repo.commit_all(message);
    };
    commit("feat(api): add the list endpoint");
    commit("fix: off-by-one in paging");
    commit("Update README");
    repo.git(["tag", "-a", "-m", "first", "v0.1.0"]);
    commit("docs: explain paging");
    commit("feat(cli)!: rename --all to --every");
    commit("fixup! docs: explain paging");
    commit("perf: cache the index\n\nBREAKING CHANGE: the cache dir moved to\n  ~/.cache/tool");
    commit("build: bump go to 1.22");
    repo.git(["tag", "v0.2.0"]);
    commit("fix(api): reject empty names");
    repo.git(["switch", "--quiet", "-c", "topic"]);
    commit("feat: topic work");
    repo.git(["switch", "--quiet", "main"]);
    repo.git(["merge", "--quiet", "--no-ff", "--no-edit", "topic"]);
    repo
}

#[test]
fn sections_in_order_breaking_first_newest_release_first() {
    let repo = history();
    let before = repo.snapshot_state();
    let text = stdout(&changelog(&repo, &[]));
    let headings: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.replace(char::is_numeric, "0"))
        .collect();
    assert_eq!(
        headings,
        [
            "## Unreleased",
            "### Features",
            "### Bug Fixes",
            "## v0.0.0 - 0000-00-00",
            "### Breaking Changes",
            "### Features",
            "### Documentation",
            "### Performance",
            "### Other",
            "## v0.0.0 - 0000-00-00",
            "### Features",
            "### Bug Fixes",
        ]
    );
    assert!(text.contains("## v0.2.0 - ") && text.contains("## v0.1.0 - "));
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("- ")).collect();
    let without_ids: Vec<String> = lines
        .iter()
        .map(|l| l.rsplit_once(" (").expect("an id").0.to_owned())
        .collect();
    assert_eq!(
        without_ids,
        [
            "- topic work",
            "- **api:** reject empty names",
            "- **cli:** rename --all to --every",
            "- the cache dir moved to ~/.cache/tool",
            "- **cli:** rename --all to --every",
            "- explain paging",
            "- cache the index",
            "- bump go to 1.22",
            "- **api:** add the list endpoint",
            "- off-by-one in paging",
        ]
    );
    assert_eq!(repo.snapshot_state(), before, "changelog must not write");
}

#[test]
fn unreleased_only_and_titled_by_the_coming_tag() {
    let repo = history();
    let text = stdout(&changelog(&repo, &["--unreleased"]));
    assert!(text.starts_with("## Unreleased\n"), "{text}");
    assert!(!text.contains("v0.2.0"), "{text}");
    let titled = stdout(&changelog(&repo, &["--unreleased", "--tag", "v0.3.0"]));
    assert!(titled.starts_with("## v0.3.0 - "), "{titled}");
    let output = changelog(&repo, &["--tag", "v0.2.0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("the tag `v0.2.0` already exists"));
    let output = changelog(&repo, &["--tag", "next"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("e.g. `v1.2.0`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn github_remote_gives_compare_and_commit_links() {
    let repo = history();
    repo.git(["remote", "add", "origin", "git@github.com:acme/tool.git"]);
    let text = stdout(&changelog(&repo, &[]));
    let v020 = repo.git(["rev-parse", "v0.2.0^{commit}"]);
    assert!(
        text.contains("## [v0.2.0](https://github.com/acme/tool/compare/v0.1.0...v0.2.0) - "),
        "{text}"
    );
    assert!(
        text.contains("## [Unreleased](https://github.com/acme/tool/compare/v0.2.0...HEAD)"),
        "{text}"
    );
    let v020 = v020.trim();
    let line = format!(
        "- bump go to 1.22 ([{}](https://github.com/acme/tool/commit/{v020}))",
        &v020[..7]
    );
    assert!(text.contains(&line), "{text}");
}

#[test]
fn prepend_keeps_the_file_and_is_idempotent() {
    let repo = history();
    let hand_written =
        "# Changelog\n\nAll notable changes.\n\n## [0.1.0] - 2020-01-01\n\nWritten by hand.\n";
    repo.write("CHANGELOG.md", hand_written);
    let output = changelog(&repo, &["--prepend", "CHANGELOG.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let once = repo.read_string("CHANGELOG.md");
    assert!(once.starts_with("# Changelog\n\nAll notable changes.\n\n## Unreleased\n"));
    assert!(
        once.ends_with("## [0.1.0] - 2020-01-01\n\nWritten by hand.\n"),
        "{once}"
    );
    assert_eq!(once.matches("## v0.2.0").count(), 1);
    let state = repo.snapshot_state();
    let again = changelog(&repo, &["--prepend", "CHANGELOG.md"]);
    assert!(stderr(&again).contains("is up to date"));
    assert_eq!(
        repo.snapshot_state(),
        state,
        "a second --prepend changes nothing"
    );
    // Once tagged, the Unreleased section is replaced, not stacked.
    repo.git(["tag", "v0.3.0"]);
    stdout(&changelog(&repo, &["--prepend", "CHANGELOG.md"]));
    let tagged = repo.read_string("CHANGELOG.md");
    assert!(!tagged.contains("## Unreleased"), "{tagged}");
    assert_eq!(tagged.matches("reject empty names").count(), 1, "{tagged}");
    assert!(tagged.contains("## v0.3.0 - "));
}

#[test]
fn output_writes_a_whole_file() {
    let repo = history();
    stdout(&changelog(&repo, &["--output", "NOTES.md"]));
    let text = repo.read_string("NOTES.md");
    assert!(text.starts_with("# Changelog\n\n## Unreleased\n"), "{text}");
    assert_eq!(
        text,
        format!("# Changelog\n\n{}", stdout(&changelog(&repo, &[])))
    );
}

/// A root module and a nested one: `v1.0.0` tags the root, `sub/v1.2.0`
/// the module in `sub`; each changelog has only its own commits.
#[test]
fn a_nested_go_module_has_its_own_tags_and_changelog() {
    let repo = test_repo!();
    repo.write("go.mod", "module example.com/app\n\ngo 1.22\n");
    repo.write("sub/go.mod", "module example.com/app/sub\n\ngo 1.22\n");
    repo.commit_all("feat: both modules");
    repo.git(["tag", "v1.0.0"]);
    repo.git(["tag", "sub/v1.2.0"]);
    repo.write("main.go", "package main\n");
    repo.commit_all("feat: root only");
    repo.write("sub/sub.go", "package sub\n");
    repo.commit_all("fix(sub): sub only");
    repo.write("sub/deeper/x.go", "package deeper\n");
    repo.commit_all("feat(sub): deeper in sub");
    let sub = stdout(&changelog(&repo, &["--module", "sub"]));
    assert!(sub.contains("- **sub:** sub only"), "{sub}");
    assert!(sub.contains("deeper in sub"), "{sub}");
    assert!(!sub.contains("root only"), "{sub}");
    assert!(sub.contains("## sub/v1.2.0 - "), "{sub}");
    assert!(!sub.contains("## v1.0.0"), "{sub}");
    let root = stdout(&changelog(&repo, &["--unreleased"]));
    assert!(root.contains("- root only"), "{root}");
    assert!(
        !root.contains("sub only") && !root.contains("deeper"),
        "{root}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&changelog(&repo, &["--module", "sub", "--json"])))
            .expect("test setup");
    assert_eq!(json[1]["tag"], "sub/v1.2.0");
    assert_eq!(json[0]["commits"][0]["section"], "Bug Fixes");
    let before = repo.snapshot_state();
    let output = changelog(&repo, &["--module", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("there is no `nope/go.mod` at `HEAD`"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("modules at `HEAD`: `.`, `sub`"));
    assert_eq!(repo.snapshot_state(), before);
}

#[test]
fn policy_sections_and_ignores_apply() {
    let repo = history();
    repo.write(
        ".hookrc.toml",
        "[changelog]\nsections = [{ title = \"Fixed\", types = [\"fix\"] }]\nother = \"\"\nignore = [\"empty names\"]\n",
    );
    let text = stdout(&changelog(&repo, &["--unreleased"]));
    assert_eq!(text, "## Unreleased\n\nNo changes.\n");
    let all = stdout(&changelog(&repo, &[]));
    assert!(all.contains("### Fixed\n\n- off-by-one in paging"), "{all}");
    assert!(!all.contains("### Features"), "{all}");
    repo.write(".hookrc.toml", "[changelog]\nsection = []\n");
    let output = changelog(&repo, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(".hookrc.toml:2:1: unknown key `section` in `[changelog]`"),
        "{}",
        stderr(&output)
    );
}

/// The corpus of real commit messages kept beside the clone (`../shared`).
fn corpus_messages() -> Vec<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/messages.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("the corpus `{}`: {err}", path.display()));
    text.lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            value["message"].as_str().expect("a message").to_owned()
        })
        .collect()
}

/// One commit per message (from the file's last line up), with a final
/// version tag every `every` commits; by `git fast-import`.
fn corpus_history(messages: &[String], every: usize) -> TestRepo {
    use std::fmt::Write as _;
    use std::io::Write as _;
    let repo = test_repo!();
    let mut stream = Vec::new();
    for (i, message) in messages.iter().rev().enumerate() {
        let mark = i + 1;
        let mut head = String::new();
        write!(
            head,
            "commit refs/heads/main\nmark :{mark}\ncommitter C <c@example.com> {} +0000\ndata {}\n",
            1_700_000_000 + mark * 60,
            message.len()
        )
        .expect("write to a String");
        stream.extend_from_slice(head.as_bytes());
        stream.extend_from_slice(message.as_bytes());
        let mut tail = String::from("\n");
        if mark > 1 {
            writeln!(tail, "from :{}", mark - 1).expect("write to a String");
        }
        let content = format!("{mark}\n");
        write!(
            tail,
            "M 644 inline f.txt\ndata {}\n{content}\n",
            content.len()
        )
        .expect("write to a String");
        if mark % every == 0 {
            write!(
                tail,
                "reset refs/tags/v0.{}.0\nfrom :{mark}\n\n",
                mark / every
            )
            .expect("write to a String");
        }
        stream.extend_from_slice(tail.as_bytes());
    }
    let mut import = repo
        .git_cmd(["fast-import", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("test setup");
    import
        .stdin
        .take()
        .expect("test setup")
        .write_all(&stream)
        .expect("test setup");
    assert!(import.wait().expect("test setup").success());
    repo.git(["reset", "--quiet", "--hard", "main"]);
    repo
}

/// (release, section) of every commit, keyed by commit id.
type Placement = std::collections::BTreeMap<String, (String, String)>;

/// git-cliff's `--context` JSON as placements: its groups without the
/// sorting comment and emoji (`<!-- 0 -->🚀 Features` → `Features`).
fn cliff_placement(context: &serde_json::Value) -> Placement {
    let mut placement = Placement::new();
    for release in context.as_array().expect("releases") {
        let version = release["version"].as_str().unwrap_or("Unreleased");
        for commit in release["commits"].as_array().expect("commits") {
            let group = commit["group"].as_str().expect("a group");
            let group = group.rsplit("-->").next().unwrap_or(group);
            let group = group.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
            let id = commit["id"].as_str().expect("an id").to_owned();
            placement.insert(id, (version.to_owned(), group.to_owned()));
        }
    }
    placement
}

fn hookrc_placement(json: &serde_json::Value) -> Placement {
    let mut placement = Placement::new();
    for release in json.as_array().expect("releases") {
        let version = release["tag"].as_str().unwrap_or("Unreleased");
        for commit in release["commits"].as_array().expect("commits") {
            let id = commit["id"].as_str().expect("an id").to_owned();
            let section = commit["section"].as_str().expect("a section").to_owned();
            placement.insert(id, (version.to_owned(), section));
        }
    }
    placement
}

/// The real git-cliff (npm `git-cliff`, which `scripts/test` installs) with
/// its default configuration, on 2,384 real messages and 11 tags: every
/// commit lands in the same release and the same section, but for the 21
/// release commits hookrc leaves out. The policy skips what git-cliff's
/// default `commit_parsers` skip (`chore(deps…)`, …).
#[test]
fn agrees_with_git_cliff_on_a_real_history() {
    let messages = corpus_messages();
    let repo = corpus_history(&messages, 200);
    repo.write(
        ".hookrc.toml",
        "[changelog]\nignore = ['^chore\\(release\\): prepare for', '^chore\\(deps.*\\)', '^chore\\(pr\\)', '^chore\\(pull\\)']\n",
    );
    let cliff = |args: &[&str]| {
        let output = std::process::Command::new("git-cliff")
            .env_clear()
            .envs(repo.env())
            .current_dir(repo.root())
            .args(args)
            .output()
            .expect("git-cliff on PATH (`npm install -g git-cliff`; `scripts/test` installs it)");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    };
    cliff(&["--init"]);
    let context: serde_json::Value =
        serde_json::from_slice(&cliff(&["--config", "cliff.toml", "--context"]))
            .expect("git-cliff's context is JSON");
    let ours: serde_json::Value =
        serde_json::from_str(&stdout(&changelog(&repo, &["--json"]))).expect("JSON");
    let theirs = cliff_placement(&context);
    let ours = hookrc_placement(&ours);
    assert!(theirs.len() > 1_500, "{} commits placed", theirs.len());
    // hookrc leaves out release commits (`chore(release): 0.3.0`, commitlint's
    // default ignore); git-cliff lists them. Every other commit must agree.
    let subjects: std::collections::BTreeMap<String, String> = repo
        .git(["log", "--format=%H %s"])
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(id, subject)| (id.to_owned(), subject.to_owned()))
        .collect();
    let release =
        regex::Regex::new(r"^(chore(\([^)]*\))?: ?)?v?[0-9]+\.[0-9]+\.[0-9]+").expect("a regex");
    let (releases, differing): (Vec<_>, Vec<_>) = theirs
        .iter()
        .filter(|(id, place)| ours.get(*id) != Some(place))
        .chain(ours.iter().filter(|(id, _)| !theirs.contains_key(*id)))
        .partition(|(id, _)| !ours.contains_key(*id) && release.is_match(&subjects[*id]));
    assert!(differing.is_empty(), "{differing:#?}");
    assert_eq!(releases.len(), 21, "release commits only git-cliff lists");
}
