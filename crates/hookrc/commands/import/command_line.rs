//! A command line as another hook manager wrote it (a shell string) turned
//! into a custom check's `run`: an argv array when the line is a plain
//! command, else the line kept as a script for `shell = "sh"`.

use toml::{Table, Value};

use super::draft::strings;

/// Characters that make a line more than one plain command.
const SHELL_SYNTAX: &[char] = &[
    '|', '&', ';', '<', '>', '(', ')', '$', '`', '*', '?', '[', ']', '{', '}', '~', '\n', '#',
];

/// How the old tool handed files and hook arguments to a command line.
pub(super) struct Placeholders<'a> {
    /// What stands for the list of files (`{staged_files}`), if anything.
    pub(super) files: &'a [&'a str],
    /// What stands for the hook's first argument (`{1}`, `$1`), if anything.
    pub(super) first_arg: &'a [&'a str],
}

/// The custom check's keys (`run`, maybe `shell`, `pass-filenames`) for
/// the shell line `line` run in `hook` (git's arguments to the hook come
/// after `run`, before the file names).
pub(super) fn check_for(line: &str, marks: &Placeholders<'_>, hook: &str) -> Table {
    let mut table = Table::new();
    let takes_files = marks.files.iter().any(|mark| line.contains(mark));
    let hook_args = fixed_args(hook);
    if let Some(argv) = plain_argv(line, marks, hook_args > 0) {
        table.insert("run".into(), strings(&argv));
    } else {
        let script = script(line, marks);
        let script = if takes_files && hook_args > 0 {
            format!("shift {hook_args}\n{script}")
        } else {
            script
        };
        table.insert("run".into(), strings(&[script]));
        table.insert("shell".into(), Value::from("sh"));
    }
    if !takes_files {
        table.insert("pass-filenames".into(), Value::from(false));
    }
    table
}

/// How many arguments git gives `hook` before hookrc's file names
/// (those of hooks that take a varying number are not shifted away).
fn fixed_args(hook: &str) -> usize {
    match hook {
        "pre-push" => 2,
        "post-checkout" => 3,
        "commit-msg"
        | "applypatch-msg"
        | "post-merge"
        | "post-rewrite"
        | "reference-transaction" => 1,
        _ => 0,
    }
}

/// `line` as a script for `sh`: the file list is `"$@"`, the hook's
/// first argument `"$1"`.
pub(super) fn script(line: &str, marks: &Placeholders<'_>) -> String {
    let mut script = line.trim().to_owned();
    for mark in marks.files {
        script = script.replace(mark, "\"$@\"");
    }
    for mark in marks.first_arg {
        script = script.replace(mark, "\"$1\"");
    }
    script
}

/// `line` as argv when it is one plain command whose file list (or hook
/// argument) is, if anywhere, at its end, where hookrc appends them.
fn plain_argv(line: &str, marks: &Placeholders<'_>, hook_has_args: bool) -> Option<Vec<String>> {
    let mut argv = shlex::split(line)?;
    let tail: &[&str] = if hook_has_args {
        marks.first_arg
    } else {
        marks.files
    };
    if argv
        .last()
        .is_some_and(|last| tail.contains(&last.as_str()))
    {
        argv.pop();
    } else if hook_has_args {
        return None;
    }
    let plain = argv
        .iter()
        .all(|word| !word.is_empty() && !word.contains(SHELL_SYNTAX))
        && argv.first().is_some_and(|first| !first.contains('='));
    let raw_plain = !line.contains(['$', '`', '|', '&', ';', '<', '>', '\n']);
    (plain && raw_plain && !argv.is_empty()).then_some(argv)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEFTHOOK: Placeholders<'static> = Placeholders {
        files: &["{staged_files}", "{files}", "{all_files}", "{push_files}"],
        first_arg: &["{1}"],
    };

    /// `run`, `shell` and `pass-filenames` as one line.
    fn check(line: &str, has_args: bool) -> String {
        let hook = if has_args { "commit-msg" } else { "pre-commit" };
        let table = check_for(line, &LEFTHOOK, hook);
        let key = |key: &str| table.get(key).map_or("-".into(), ToString::to_string);
        format!("{} {} {}", key("run"), key("shell"), key("pass-filenames"))
    }

    #[test]
    fn plain_commands_become_argv() {
        assert_eq!(
            check(
                "golangci-lint run --config=.golangci.yml {staged_files}",
                false
            ),
            r#"["golangci-lint", "run", "--config=.golangci.yml"] - -"#
        );
        assert_eq!(
            check("go test ./...", false),
            r#"["go", "test", "./..."] - false"#
        );
        assert_eq!(
            check("npx commitlint --edit {1}", true),
            r#"["npx", "commitlint", "--edit"] - false"#
        );
    }

    #[test]
    fn shell_syntax_keeps_a_script() {
        assert_eq!(
            check("gofmt -l {staged_files} | grep . && exit 1 || true", false),
            r#"['gofmt -l "$@" | grep . && exit 1 || true'] "sh" -"#
        );
        assert_eq!(
            check("echo {staged_files} done", false),
            r#"['echo "$@" done'] "sh" -"#
        );
        assert_eq!(
            check("FOO=1 make lint", false),
            r#"["FOO=1 make lint"] "sh" false"#
        );
        assert_eq!(check("make lint", true), r#"["make lint"] "sh" false"#);
        let pushed = check_for("golangci-lint run {push_files}", &LEFTHOOK, "pre-push");
        let run = pushed
            .get("run")
            .and_then(Value::as_array)
            .and_then(|run| run.first());
        assert_eq!(
            run.and_then(Value::as_str),
            Some("shift 2\ngolangci-lint run \"$@\"")
        );
    }
}
