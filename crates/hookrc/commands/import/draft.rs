//! The policy being imported, before it is written: which checks each hook
//! runs, each check's settings and where it came from, and what could not
//! be mapped. Every source format fills one `Draft`; `writer.rs` renders it.

use toml::{Table, Value};

/// A check as imported: its `[check.NAME]` keys and where it came from.
#[derive(Debug)]
pub(super) struct DraftCheck {
    /// The name under `[check.NAME]` and in the hooks' lists.
    pub(super) name: String,
    /// Where it came from, for the comment above its table.
    pub(super) origin: String,
    /// Its settings (empty for a built-in with its defaults).
    pub(super) table: Table,
}

/// Something the old configuration did that the policy does not.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Note {
    /// The file (and entry) it is written in.
    pub(super) source: String,
    /// Why it was not imported, or how it differs.
    pub(super) why: String,
}

/// The imported policy, in the making.
#[derive(Debug, Default)]
pub(super) struct Draft {
    hooks: Vec<(String, Vec<String>)>,
    checks: Vec<DraftCheck>,
    notes: Vec<Note>,
}

impl Draft {
    /// Add the built-in `name` to `hook` with `table`'s settings. When the
    /// hook already runs it (two old hooks map onto one built-in), the first
    /// one's settings stay and this one is noted.
    pub(super) fn builtin(&mut self, hook: &str, name: &str, origin: &str, table: Table) {
        if self.hook_runs(hook, name) {
            self.note(
                origin,
                format!("`{hook}` already runs the built-in `{name}` (from an earlier entry); this one adds nothing"),
            );
            return;
        }
        match self.checks.iter().position(|check| check.name == name) {
            Some(at) if self.checks[at].table != table => {
                let first = self.checks[at].origin.clone();
                self.note(
                    origin,
                    format!("`{name}` keeps the settings imported from {first}; these differ"),
                );
            }
            Some(_) => {}
            None => self.checks.push(DraftCheck {
                name: name.to_owned(),
                origin: origin.to_owned(),
                table,
            }),
        }
        self.list(hook, name);
    }

    /// Add a custom check to `hook`, named after `wanted` (made a valid,
    /// unused name); returns the name it got. The same check from the same
    /// place in another hook (a pre-commit hook with two stages) keeps its
    /// name.
    pub(super) fn custom(
        &mut self,
        hook: &str,
        wanted: &str,
        origin: &str,
        table: Table,
    ) -> String {
        let same = self
            .checks
            .iter()
            .find(|check| check.origin == origin && check.table == table)
            .map(|check| check.name.clone());
        if let Some(name) = same {
            self.list(hook, &name);
            return name;
        }
        let base = check_name(wanted);
        let mut name = base.clone();
        let mut n = 2;
        while self.checks.iter().any(|check| check.name == name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        self.checks.push(DraftCheck {
            name: name.clone(),
            origin: origin.to_owned(),
            table,
        });
        self.list(hook, &name);
        name
    }

    /// Record what `source` did that was not imported, and why.
    pub(super) fn note(&mut self, source: &str, why: impl Into<String>) {
        let note = Note {
            source: source.to_owned(),
            why: why.into(),
        };
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Whether `hook` already lists `name`.
    pub(super) fn hook_runs(&self, hook: &str, name: &str) -> bool {
        self.hooks
            .iter()
            .any(|(known, names)| known == hook && names.iter().any(|n| n == name))
    }

    /// The hooks with their checks, in the order they were first given.
    pub(super) fn hooks(&self) -> &[(String, Vec<String>)] {
        &self.hooks
    }

    /// The checks, in the order they were added.
    pub(super) fn checks(&self) -> &[DraftCheck] {
        &self.checks
    }

    /// What was not imported.
    pub(super) fn notes(&self) -> &[Note] {
        &self.notes
    }

    fn list(&mut self, hook: &str, name: &str) {
        match self.hooks.iter_mut().find(|(known, _)| known == hook) {
            Some((_, names)) => names.push(name.to_owned()),
            None => self.hooks.push((hook.to_owned(), vec![name.to_owned()])),
        }
    }
}

/// A check name the policy accepts (letters, digits, `-`, `_`, `.`), not a
/// built-in's: other characters become `-`, a built-in's name gets `my-`.
fn check_name(wanted: &str) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches('-');
    if cleaned.is_empty() {
        "imported".to_owned()
    } else if hookrc_policy::BUILTIN_CHECKS.contains(&cleaned) {
        format!("my-{cleaned}")
    } else {
        cleaned.to_owned()
    }
}

/// A TOML list of strings.
pub(super) fn strings<S: AsRef<str>>(items: &[S]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|item| Value::String(item.as_ref().to_owned()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_valid_and_unique() {
        let mut draft = Draft::default();
        let mut add = |wanted| draft.custom("pre-commit", wanted, wanted, Table::new());
        assert_eq!(add("Shell Check!"), "shell-check");
        assert_eq!(add("shell-check"), "shell-check-2");
        assert_eq!(add("go-fmt"), "my-go-fmt");
        assert_eq!(add("$$"), "imported");
        assert_eq!(draft.custom("pre-push", "x", "same", Table::new()), "x");
        assert_eq!(draft.custom("pre-commit", "x", "same", Table::new()), "x");
        let lists: Vec<usize> = draft.hooks().iter().map(|(_, names)| names.len()).collect();
        assert_eq!(lists, [5, 1]);
    }

    #[test]
    fn a_builtin_twice_in_a_hook_is_noted_once() {
        let mut draft = Draft::default();
        draft.builtin("pre-commit", "go-vet", "a", Table::new());
        draft.builtin("pre-commit", "go-vet", "b", Table::new());
        draft.builtin("pre-push", "go-vet", "c", Table::new());
        assert_eq!(draft.hooks().len(), 2);
        assert_eq!(draft.checks().len(), 1);
        assert_eq!(draft.notes().len(), 1);
        assert_eq!(draft.notes()[0].source, "b");
    }
}
