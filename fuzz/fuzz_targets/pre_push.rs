//! Fuzzes the parser of pre-push's stdin: no input may panic, and every ref
//! it returns must be the four fields of a line, object ids in hex.

#![no_main]

use hookrc_policy::parse_push_input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(refs) = parse_push_input(data) else {
        return;
    };
    let text = std::str::from_utf8(data).expect("parsed input is UTF-8");
    let mut lines = text.lines().filter(|line| !line.trim().is_empty());
    for pushed in &refs {
        let line = lines.next().expect("one line per ref");
        let fields = [
            pushed.local_ref.as_str(),
            &pushed.local_sha,
            &pushed.remote_ref,
            &pushed.remote_sha,
        ];
        assert_eq!(line, fields.join(" "));
        for sha in [&pushed.local_sha, &pushed.remote_sha] {
            assert!(sha.len() >= 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()));
        }
    }
    assert!(lines.next().is_none(), "every non-blank line is a ref");
});
