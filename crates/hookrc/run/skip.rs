//! `HOOKRC_SKIP` names that match no check: a typo (`gofmt` for `go-fmt`)
//! would otherwise skip nothing, silently.

use hookrc_policy::{BUILTIN_CHECKS, Policy};

/// One warning per name of `skip` that is neither a check of `policy` nor a
/// built-in check (a `HOOKRC_SKIP` exported for several repositories may
/// name built-in checks this one does not use), with the closest name.
pub(crate) fn unknown_names(policy: &Policy, skip: &[String]) -> Vec<String> {
    let known = || {
        policy
            .checks()
            .map(|(name, _)| name)
            .chain(BUILTIN_CHECKS.iter().copied())
    };
    skip.iter()
        .filter(|name| !known().any(|known| known == name.as_str()))
        .map(|name| {
            let guess = hookrc_policy::did_you_mean(name, known())
                .map(|hint| format!("; {hint}"))
                .unwrap_or_default();
            format!(
                "`HOOKRC_SKIP` names `{name}`, which is no check: nothing was skipped for it{guess}"
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::unknown_names;

    #[test]
    fn a_misspelt_name_gets_a_suggestion_and_known_names_none() {
        let policy = hookrc_policy::parse(
            "[hooks]\npre-commit = [\"go-fmt\", \"lint-sh\"]\n\n[check.lint-sh]\nrun = [\"true\"]\n",
            Path::new(".hookrc.toml"),
        )
        .expect("a valid policy");
        let skip = ["gofmt", "lint-sh", "go-test", "zzz"].map(str::to_owned);
        assert_eq!(
            unknown_names(&policy, &skip),
            [
                "`HOOKRC_SKIP` names `gofmt`, which is no check: nothing was skipped for it; did you mean `go-fmt`?",
                "`HOOKRC_SKIP` names `zzz`, which is no check: nothing was skipped for it",
            ]
        );
    }
}
