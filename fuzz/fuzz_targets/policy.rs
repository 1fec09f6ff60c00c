//! Fuzzes the policy loader on arbitrary bytes, as `.hookrc.toml` would hold
//! them: the bytes are read through the loader's file checks (size, UTF-8
//! located by line and column) and the text parsed and validated. Nothing
//! may panic, and an invalid policy is always a located error whose line
//! and column lie inside the text; a valid one, shown as `config show`
//! shows it, loads again.

#![no_main]

use std::path::Path;

use hookrc_policy::{DefaultContext, PolicyError, load};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(".hookrc.toml"), data).expect("write");
    match load(dir.path(), DefaultContext::default) {
        Ok(policy) => {
            let shown = policy.to_toml();
            let again = hookrc_policy::parse(&shown, Path::new("shown.toml"));
            assert!(again.is_ok(), "`config show` output does not load: {again:?}\n{shown}");
        }
        Err(PolicyError::Invalid(invalid)) => {
            let lines = data.split(|&b| b == b'\n').count();
            assert!(invalid.line() >= 1 && invalid.line() <= lines, "{invalid}");
            assert!(invalid.column() >= 1, "{invalid}");
            let _ = invalid.to_string();
        }
        Err(other) => panic!("bytes of a regular file gave {other}"),
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = hookrc_policy::parse(text, Path::new(".hookrc.toml"));
    }
});
