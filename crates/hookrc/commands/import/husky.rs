//! husky's `.husky/<hook>` scripts: `commitlint --edit` becomes the
//! commitlint configuration as `conventional`, `lint-staged` becomes one
//! custom check per lint-staged glob and command, and the remaining lines of
//! a script become one custom check that runs them with `sh` (husky's own
//! boilerplate left out).

use serde_json::Value as Json;
use toml::{Table, Value};

use super::Import;
use super::draft::strings;
use super::value::{list, read, read_yaml};

/// husky's hooks directory.
pub(super) const DIR: &str = ".husky";

/// lint-staged's configuration files that hold data, in its order
/// (`package.json` is read first).
const LINT_STAGED: &[&str] = &[
    ".lintstagedrc",
    ".lintstagedrc.json",
    ".lintstagedrc.yaml",
    ".lintstagedrc.yml",
];

/// Import every hook script of `.husky/`.
pub(super) fn import(import: &mut Import<'_>) -> anyhow::Result<()> {
    let mut found = false;
    for hook in hookrc_policy::CLIENT_HOOKS {
        let file = format!("{DIR}/{hook}");
        if !import.root.join(&file).is_file() {
            continue;
        }
        found = true;
        import.read(&file);
        let script = read(import.root, &file)?;
        hook_script(import, hook, &file, &script)?;
    }
    if !found {
        import
            .draft
            .note(&format!("`{DIR}/`"), "holds no hook script");
        import.read(DIR);
    }
    Ok(())
}

fn hook_script(
    import: &mut Import<'_>,
    hook: &str,
    file: &str,
    script: &str,
) -> anyhow::Result<()> {
    let origin = format!("`{file}`");
    let mut rest = Vec::new();
    for line in script.lines() {
        let trimmed = line.trim();
        if boilerplate(trimmed) {
            continue;
        }
        let tool = runs(trimmed);
        if tool == Some("commitlint") && trimmed.contains("--edit") {
            import.commitlint(hook, &origin);
        } else if tool == Some("lint-staged") && hook == "pre-commit" {
            lint_staged(import, hook)?;
        } else {
            rest.push(line);
        }
    }
    if !rest.is_empty() {
        let mut table = Table::new();
        table.insert("run".into(), strings(&[rest.join("\n")]));
        table.insert("shell".into(), Value::from("sh"));
        table.insert("pass-filenames".into(), Value::from(false));
        table.insert("always-run".into(), Value::from(true));
        import
            .draft
            .custom(hook, &format!("husky-{hook}"), &origin, table);
    }
    Ok(())
}

/// The tool a line runs when it is one plain command, directly or through
/// a package runner (`npx --no -- commitlint --edit "$1"`, `pnpm lint-staged`).
fn runs(line: &str) -> Option<&str> {
    if line.contains([';', '&', '|', '(', '`']) {
        return None;
    }
    let mut words = line
        .split_whitespace()
        .filter(|word| !word.starts_with('-'));
    let first = words.next()?;
    let mut tool = first;
    if matches!(
        first,
        "npx" | "pnpx" | "bunx" | "pnpm" | "yarn" | "npm" | "bun"
    ) {
        tool = words.next()?;
        if matches!(tool, "exec" | "dlx" | "x") {
            tool = words.next()?;
        }
    }
    Some(tool.rsplit('/').next().unwrap_or(tool))
}

/// Lines husky writes itself, blank lines and comments.
fn boilerplate(line: &str) -> bool {
    line.is_empty()
        || line.starts_with('#')
        || (line.starts_with(". ") && line.contains("husky.sh"))
}

/// lint-staged's configuration: each glob's commands as custom checks.
fn lint_staged(import: &mut Import<'_>, hook: &str) -> anyhow::Result<()> {
    let Some((file, config)) = lint_staged_config(import)? else {
        import.draft.note("`lint-staged`", "no data configuration found (`package.json` key `lint-staged`, `.lintstagedrc`, `.lintstagedrc.{json,yaml,yml}`): not imported");
        return Ok(());
    };
    import.read(&file);
    for (glob, commands) in config.as_object().into_iter().flatten() {
        let origin = format!("`{file}`: `{glob}`");
        let Some(commands) = list(Some(commands)) else {
            import
                .draft
                .note(&origin, "a JavaScript function: not importable");
            continue;
        };
        for command in commands {
            let Some(argv) = shlex::split(&command).filter(|argv| !argv.is_empty()) else {
                import.draft.note(
                    &origin,
                    format!("`{command}` cannot be split into a command"),
                );
                continue;
            };
            if argv
                .iter()
                .any(|arg| arg == "--fix" || arg == "--write" || arg == "-w")
            {
                import.draft.note(&origin, format!("`{command}` edits files and lint-staged re-staged them; hookrc never edits: the check fails when the command changes a file"));
            }
            let name = argv
                .first()
                .map_or("lint-staged", String::as_str)
                .rsplit('/')
                .next()
                .unwrap_or("lint-staged")
                .to_owned();
            let mut table = Table::new();
            table.insert("run".into(), strings(&argv));
            table.insert("files".into(), strings(&[glob]));
            import.draft.custom(hook, &name, &origin, table);
        }
    }
    Ok(())
}

fn lint_staged_config(import: &Import<'_>) -> anyhow::Result<Option<(String, Json)>> {
    if import.root.join("package.json").is_file() {
        let package = read_yaml(import.root, "package.json")?;
        if let Some(config) = package.get("lint-staged") {
            return Ok(Some((
                "package.json` key `lint-staged".into(),
                config.clone(),
            )));
        }
    }
    for file in LINT_STAGED {
        if import.root.join(file).is_file() {
            return Ok(Some(((*file).to_owned(), read_yaml(import.root, file)?)));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn the_tool_of_a_plain_line_is_found_through_package_runners() {
        assert_eq!(
            runs("npx --no -- commitlint --edit \"$1\""),
            Some("commitlint")
        );
        assert_eq!(runs("pnpm exec lint-staged"), Some("lint-staged"));
        assert_eq!(runs("npm exec lint-staged"), Some("lint-staged"));
        assert_eq!(runs("yarn lint-staged"), Some("lint-staged"));
        assert_eq!(
            runs("./node_modules/.bin/commitlint --edit $1"),
            Some("commitlint")
        );
        assert_eq!(runs("test -f x && npx lint-staged"), None);
    }
}
