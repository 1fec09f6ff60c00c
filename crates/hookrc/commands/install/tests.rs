//! install and uninstall on a hooks directory: what each finds, does and
//! leaves behind.

use std::path::{Path, PathBuf};

use super::hook_file::shim_text;
use super::{Existing, Request, classify, install};
use crate::commands::uninstall::uninstall;

struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    hooks_dir: PathBuf,
    exe: PathBuf,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().to_owned();
    Fixture {
        hooks_dir: root.join(".git/hooks"),
        exe: root.join("bin/hookrc"),
        root,
        _tmp: tmp,
    }
}

impl Fixture {
    fn request<'a>(&'a self, hooks: &'a [String], force: bool, shim: bool) -> Request<'a> {
        Request {
            hooks_dir: &self.hooks_dir,
            exe: &self.exe,
            hooks,
            force,
            shim,
            base: &self.root,
        }
    }

    fn install(&self, hooks: &[&str], force: bool) -> anyhow::Result<Vec<String>> {
        let hooks: Vec<String> = hooks.iter().map(|h| (*h).to_owned()).collect();
        install(&self.request(&hooks, force, false))
    }

    fn uninstall(&self, hooks: &[&str]) -> Vec<String> {
        let hooks: Vec<String> = hooks.iter().map(|h| (*h).to_owned()).collect();
        uninstall(&self.request(&hooks, false, false)).expect("uninstall")
    }

    fn hook(&self, name: &str) -> PathBuf {
        self.hooks_dir.join(name)
    }

    fn listing(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(&self.hooks_dir)
            .expect("list hooks")
            .map(|e| {
                let path = e.expect("entry").path();
                let what = match std::fs::read_link(&path) {
                    Ok(target) => format!("-> {}", target.display()),
                    Err(_) if path.is_dir() => "dir".to_owned(),
                    Err(_) => std::fs::read_to_string(&path).expect("read"),
                };
                (super::file_name(&path), what)
            })
            .collect();
        out.sort();
        out
    }

    fn write_foreign(&self, name: &str, text: &str) {
        std::fs::create_dir_all(&self.hooks_dir).expect("mkdir");
        std::fs::write(self.hook(name), text).expect("write");
    }
}

#[test]
fn fresh_install_links_and_a_second_run_changes_nothing() {
    let f = fixture();
    let notes = f
        .install(&["pre-commit", "commit-msg"], false)
        .expect("install");
    let exe = f.exe.display();
    assert_eq!(
        notes,
        [
            format!("linked `.git/hooks/pre-commit` → `{exe}`"),
            format!("linked `.git/hooks/commit-msg` → `{exe}`"),
        ]
    );
    assert_eq!(
        std::fs::read_link(f.hook("pre-commit")).expect("link"),
        f.exe
    );
    let listing = f.listing();
    let again = f
        .install(&["pre-commit", "commit-msg"], false)
        .expect("install");
    assert_eq!(
        again,
        [
            "`.git/hooks/pre-commit` already runs hookrc",
            "`.git/hooks/commit-msg` already runs hookrc"
        ]
    );
    assert_eq!(listing, f.listing());
}

#[test]
fn a_link_to_another_hookrc_binary_is_repointed() {
    let f = fixture();
    std::fs::create_dir_all(&f.hooks_dir).expect("mkdir");
    std::os::unix::fs::symlink("/old/place/hookrc", f.hook("pre-push")).expect("symlink");
    assert_eq!(
        classify(&f.hook("pre-push"), &f.exe).expect("classify"),
        Existing::Ours {
            target: "/old/place/hookrc".into()
        }
    );
    let notes = f.install(&["pre-push"], false).expect("install");
    assert_eq!(
        notes,
        [format!(
            "re-linked `.git/hooks/pre-push` → `{}` (was `/old/place/hookrc`)",
            f.exe.display()
        )]
    );
}

#[test]
fn a_foreign_hook_is_chained_and_uninstall_puts_it_back() {
    let f = fixture();
    f.write_foreign("pre-commit", "#!/bin/sh\necho mine\n");
    let notes = f.install(&["pre-commit"], false).expect("install");
    assert_eq!(
        notes[0],
        "moved the existing `.git/hooks/pre-commit` to `pre-commit.hookrc-legacy`; hookrc runs it first"
    );
    assert_eq!(
        f.listing(),
        [
            ("pre-commit".to_owned(), format!("-> {}", f.exe.display())),
            (
                "pre-commit.hookrc-legacy".to_owned(),
                "#!/bin/sh\necho mine\n".to_owned()
            ),
        ]
    );
    let notes = f.uninstall(&["pre-commit", "commit-msg"]);
    assert_eq!(
        notes,
        [
            "removed `.git/hooks/pre-commit`; put back the earlier hook from `pre-commit.hookrc-legacy`"
        ]
    );
    assert_eq!(
        f.listing(),
        [("pre-commit".to_owned(), "#!/bin/sh\necho mine\n".to_owned())]
    );
    assert_eq!(
        f.uninstall(&["pre-commit"]),
        ["no hookrc hook in `.git/hooks`; nothing to do"]
    );
}

#[test]
fn a_hook_that_cannot_be_chained_is_refused_unless_forced() {
    let f = fixture();
    f.write_foreign("pre-commit", "new foreign\n");
    f.write_foreign("pre-commit.hookrc-legacy", "earlier\n");
    std::fs::create_dir_all(f.hook("pre-push")).expect("a directory");
    let before = f.listing();
    let err = f
        .install(&["commit-msg", "pre-commit", "pre-push"], false)
        .expect_err("blocked");
    assert_eq!(
        err.to_string(),
        "`.git/hooks/pre-commit` is not hookrc's and cannot be chained: `pre-commit.hookrc-legacy` already holds an earlier hook; `.git/hooks/pre-push` is not hookrc's and cannot be chained: it is not a file; nothing was installed"
    );
    assert_eq!(before, f.listing(), "nothing changed, not even commit-msg");

    let notes = f
        .install(&["pre-commit", "pre-push"], true)
        .expect("forced");
    assert_eq!(
        notes[0],
        "moved the existing `.git/hooks/pre-commit` to `pre-commit.hookrc-replaced`; it is kept but not run"
    );
    assert_eq!(
        notes[2],
        "moved the existing `.git/hooks/pre-push` to `pre-push.hookrc-replaced`; it is kept but not run"
    );
    let notes = f.uninstall(&["pre-commit"]);
    assert_eq!(
        notes,
        [
            "removed `.git/hooks/pre-commit`; put back the earlier hook from `pre-commit.hookrc-legacy`",
            "`.git/hooks/pre-commit.hookrc-replaced` (moved aside by `install --force`) is still there",
        ]
    );
    assert_eq!(
        std::fs::read_to_string(f.hook("pre-commit.hookrc-replaced")).expect("kept"),
        "new foreign\n"
    );
}

#[test]
fn the_shim_runs_the_binary_and_is_recognised_as_hookrc() {
    let f = fixture();
    let hooks = vec!["pre-commit".to_owned()];
    let notes = install(&f.request(&hooks, false, true)).expect("install");
    assert_eq!(
        notes,
        [format!(
            "wrote the shim `.git/hooks/pre-commit` running `{}`",
            f.exe.display()
        )]
    );
    let text = std::fs::read_to_string(f.hook("pre-commit")).expect("shim");
    assert!(text.starts_with("#!/bin/sh\n"));
    assert!(text.contains(&format!(
        "exec '{}' run 'pre-commit' \"$@\"\n",
        f.exe.display()
    )));
    assert_eq!(
        classify(&f.hook("pre-commit"), &f.exe).expect("classify"),
        Existing::Ours {
            target: f.exe.clone()
        }
    );
    let odd = Path::new("/opt/it's here/hookrc");
    let quoted = shim_text(odd, "pre-push");
    assert!(quoted.contains("exec '/opt/it'\\''s here/hookrc' run 'pre-push' \"$@\""));
    std::fs::write(f.hook("pre-push"), &quoted).expect("write");
    assert_eq!(
        classify(&f.hook("pre-push"), &f.exe).expect("classify"),
        Existing::Ours {
            target: odd.to_owned()
        }
    );
    assert_eq!(
        f.uninstall(&["pre-commit"]),
        ["removed `.git/hooks/pre-commit`"]
    );
}
