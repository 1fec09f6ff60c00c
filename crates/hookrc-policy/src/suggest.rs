//! "Did you mean …": the closest known name to a misspelled one.
//!
//! Kept apart so every error site (keys, hook names, check names, rule names,
//! enum values) suggests with the same threshold.

/// The candidate closest to `input`, if one is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lowered = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&lowered, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// `did you mean `x`?` for the closest candidate, if any.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(input, candidates).map(|found| format!("did you mean `{found}`?"))
}

/// The names as a backticked, comma-separated list.
pub(crate) fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["go-fmt", "go-vet", "conventional"];
        assert_eq!(closest("go-fmtt", names), Some("go-fmt"));
        assert_eq!(closest("conventinal", names), Some("conventional"));
        assert_eq!(closest("shellcheck", names), None);
    }

    #[test]
    fn lists_names_in_backticks() {
        assert_eq!(one_of(&["a", "b"]), "`a`, `b`");
    }
}
