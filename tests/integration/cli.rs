//! The command line itself: `--help` with the global options shown once,
//! shell completions, the man page, `--version` with the commit.

use hookrc_testkit::{hookrc_snapshot, test_repo};

#[test]
fn help_lists_every_command_and_the_global_option_once() {
    let repo = test_repo!();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("--help"), @r"
    success: true
    exit_code: 0
    ----- stdout -----
    hookrc: a Git hooks manager with embedded checkers.

    Installed as `.git/hooks/<hook>`, hookrc runs the checks that `.hookrc.toml` lists for that hook.

    Usage: hookrc [OPTIONS] <COMMAND>

    Commands:
      run           Run a hook's checks by hand, as git would run them
      check         Run one built-in check on its own (pre-commit and prek hook ids), with the policy's settings for it or its defaults
      init          Write a starter `.hookrc.toml` at the worktree root
      import        Write `.hookrc.toml` from the pre-commit, lefthook, husky or commitlint configuration here, and list what could not be mapped
      install       Make git run hookrc: link `<hooks dir>/<hook>` to this binary
      uninstall     Remove hookrc's hooks and put back the ones `install` moved aside
      config        Validate or print the policy
      lint-commits  Lint every commit message of a range (CI): `origin/main..HEAD`
      changelog     Write a module's changelog from its Conventional Commits, one section per version tag, newest first
      bump          Print a module's next version from its commits since the last release; `--tag` tags it (never pushes)
      go            Go helpers
      trust         Let this repository's `.hookrc.toml` run its commands from hooks git starts (after you have reviewed it), or take that back
      cache         Show or empty the verdict cache (`<git common dir>/hookrc/cache/`)
      completions   Print the shell completion script for SHELL on stdout
      man           Print hookrc's man page (roff) on stdout: `hookrc man | man -l -`
      help          Print this message or the help of the given subcommand(s)

    Options:
      -h, --help
              Print help (see a summary with '-h')

      -V, --version
              Print version

    Global options:
          --color <WHEN>
              When to color the output: `auto` (the default: on a terminal, unless `NO_COLOR`; `CLICOLOR_FORCE` forces it), `always` or `never`

    ----- stderr -----
    ");
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["init", "--help"]), @r"
    success: true
    exit_code: 0
    ----- stdout -----
    Write a starter `.hookrc.toml` at the worktree root

    Usage: hookrc init [OPTIONS]

    Options:
      -h, --help     Print help
      -V, --version  Print version

    Global options:
          --color <WHEN>  When to color the output: `auto` (the default: on a terminal, unless `NO_COLOR`; `CLICOLOR_FORCE` forces it), `always` or `never`

    ----- stderr -----
    ");
}

#[test]
fn bash_completions() {
    let repo = test_repo!();
    let output = repo
        .hookrc_cmd()
        .args(["completions", "bash"])
        .output()
        .expect("run hookrc");
    assert!(output.status.success(), "{output:?}");
    insta::assert_snapshot!(String::from_utf8(output.stdout).expect("utf-8"));
}

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    let repo = test_repo!();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = repo
            .hookrc_cmd()
            .args(["completions", shell])
            .output()
            .expect("run hookrc");
        assert!(output.status.success(), "{shell}: {output:?}");
        let script = String::from_utf8(output.stdout).expect("utf-8");
        for subcommand in ["lint-commits", "completions", "uninstall"] {
            assert!(script.contains(subcommand), "{shell} lacks {subcommand}");
        }
    }
    let output = repo
        .hookrc_cmd()
        .args(["completions", "tcsh"])
        .output()
        .expect("run hookrc");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}

#[test]
fn the_man_page_documents_the_commands() {
    let repo = test_repo!();
    let output = repo.hookrc_cmd().arg("man").output().expect("run hookrc");
    assert!(output.status.success(), "{output:?}");
    let page = String::from_utf8(output.stdout).expect("utf-8");
    assert!(page.starts_with(".ie"), "{page}");
    assert!(page.contains(".TH hookrc 1"), "{page}");
    for subcommand in ["install", "lint\\-commits", "completions", "man"] {
        assert!(
            page.contains(&format!("hookrc\\-{subcommand}(1)")),
            "{subcommand}: {page}"
        );
    }
}

#[test]
fn each_command_has_its_man_page() {
    let repo = test_repo!();
    for (args, title) in [
        (&["man", "install"][..], ".TH hookrc-install 1"),
        (&["man", "config", "show"][..], ".TH hookrc-config-show 1"),
    ] {
        let output = repo.hookrc_cmd().args(args).output().expect("run hookrc");
        assert!(output.status.success(), "{output:?}");
        let page = String::from_utf8(output.stdout).expect("utf-8");
        assert!(page.contains(title), "{args:?}: {page}");
    }
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["man", "config", "shwo"]), @r"
    success: false
    exit_code: 2
    ----- stdout -----

    ----- stderr -----
    error: `shwo` is no command of `hookrc-config`

    hint: did you mean `show`?
    ");
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let repo = test_repo!();
    let source = env!("CARGO_MANIFEST_DIR");
    let head = repo.git_in(source.as_ref(), ["rev-parse", "--short=12", "HEAD"]);
    let output = repo
        .hookrc_cmd()
        .arg("--version")
        .output()
        .expect("run hookrc");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("hookrc {} ({})\n", env!("CARGO_PKG_VERSION"), head.trim())
    );
}
