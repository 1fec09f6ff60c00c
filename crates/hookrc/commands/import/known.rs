//! The pre-commit hook ids hookrc knows from the repositories Go teams use,
//! and the built-in check each one becomes. Ids and what they run are those
//! of each repository's `.pre-commit-hooks.yaml`.

/// What a known hook id becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Known {
    /// A built-in check, maybe with its `tool`, and a remark on how it differs.
    Builtin {
        /// The built-in's name.
        check: &'static str,
        /// `go-lint`'s `tool`.
        tool: Option<&'static str>,
        /// How hookrc's check differs from the hook, if it does.
        remark: Option<&'static str>,
    },
    /// compilerla/conventional-pre-commit's `conventional-pre-commit`.
    ConventionalPreCommit,
    /// commitizen's `commitizen` (its default rules are Conventional Commits).
    Commitizen,
    /// A hook that runs commitlint: its configuration is imported.
    Commitlint,
}

const fn builtin(check: &'static str) -> Known {
    Known::Builtin {
        check,
        tool: None,
        remark: None,
    }
}

const fn lint(tool: &'static str) -> Known {
    Known::Builtin {
        check: "go-lint",
        tool: Some(tool),
        remark: None,
    }
}

const IMPORTS: Known = Known::Builtin {
    check: "go-fmt",
    tool: None,
    remark: Some("goimports also groups and fixes imports; go-fmt checks gofmt's formatting only"),
};

/// The hook `id` of the repository at `url`, when hookrc has it built in.
pub(super) fn known(url: &str, id: &str) -> Option<Known> {
    let url = url.to_ascii_lowercase();
    if url.contains("dnephin/pre-commit-golang") {
        return dnephin(id);
    }
    if url.contains("tekwizely/pre-commit-golang") {
        return tekwizely(id);
    }
    if url.contains("golangci/golangci-lint") {
        return match id {
            "golangci-lint" | "golangci-lint-full" => Some(lint("golangci-lint")),
            _ => None,
        };
    }
    if url.contains("compilerla/conventional-pre-commit") && id == "conventional-pre-commit" {
        return Some(Known::ConventionalPreCommit);
    }
    if url.contains("commitizen") && id == "commitizen" {
        return Some(Known::Commitizen);
    }
    if url.contains("commitlint-pre-commit-hook") && id == "commitlint" {
        return Some(Known::Commitlint);
    }
    None
}

fn dnephin(id: &str) -> Option<Known> {
    Some(match id {
        "go-fmt" => builtin("go-fmt"),
        "go-vet" => builtin("go-vet"),
        "go-lint" => lint("golint"),
        "go-imports" => IMPORTS,
        "golangci-lint" => lint("golangci-lint"),
        "go-unit-tests" => Known::Builtin {
            check: "go-test",
            tool: None,
            remark: Some(
                "the hook ran `go test -tags=unit -short`; go-test runs each module's tests with coverage",
            ),
        },
        "go-build" => builtin("go-build"),
        "go-mod-tidy" => Known::Builtin {
            check: "go-mod",
            tool: None,
            remark: Some(
                "the hook ran `go mod tidy` on your files; go-mod checks that it would change nothing",
            ),
        },
        _ => return None,
    })
}

fn tekwizely(id: &str) -> Option<Known> {
    let base = id
        .trim_end_matches("-repo-mod")
        .trim_end_matches("-repo-pkg")
        .trim_end_matches("-repo")
        .trim_end_matches("-mod")
        .trim_end_matches("-pkg");
    Some(match (id, base) {
        ("go-mod-tidy" | "go-mod-tidy-repo", _) => builtin("go-mod"),
        (_, "go-fmt") => builtin("go-fmt"),
        (_, "go-imports") => IMPORTS,
        (_, "go-vet") => builtin("go-vet"),
        (_, "go-lint") => lint("golint"),
        (_, "go-revive") => lint("revive"),
        (_, "go-staticcheck") => lint("staticcheck"),
        (_, "golangci-lint") => lint("golangci-lint"),
        (_, "go-test") => builtin("go-test"),
        (_, "go-build") => builtin("go-build"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_both_go_repositories_map_onto_builtins() {
        let tek = "https://github.com/TekWizely/pre-commit-golang";
        let check = |url, id| match known(url, id) {
            Some(Known::Builtin { check, tool, .. }) => Some((check, tool)),
            _ => None,
        };
        assert_eq!(check(tek, "go-vet-repo-mod"), Some(("go-vet", None)));
        assert_eq!(
            check(tek, "go-staticcheck-mod"),
            Some(("go-lint", Some("staticcheck")))
        );
        assert_eq!(check(tek, "go-mod-tidy-repo"), Some(("go-mod", None)));
        assert_eq!(check(tek, "go-sec-mod"), None);
        let dn = "https://github.com/dnephin/pre-commit-golang";
        assert_eq!(check(dn, "go-lint"), Some(("go-lint", Some("golint"))));
        assert_eq!(check(dn, "go-cyclo"), None);
        let gl = "https://github.com/golangci/golangci-lint";
        assert_eq!(
            check(gl, "golangci-lint"),
            Some(("go-lint", Some("golangci-lint")))
        );
        assert_eq!(
            known(
                "https://github.com/compilerla/conventional-pre-commit",
                "conventional-pre-commit"
            ),
            Some(Known::ConventionalPreCommit)
        );
    }
}
