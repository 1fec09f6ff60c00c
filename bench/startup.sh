#!/usr/bin/env bash
# hookrc's fixed start-up cost against its floors, in many short interleaved
# rounds (the machine's speed comes and goes; the best round is the quiet
# one): `true`, a `#!/bin/sh` exit-0 hook, a Rust "hello world" built like
# hookrc (dynamically linked, non-PIE), hookrc as an idle pre-commit hook
# (one `*.go` check, a `.md` staged) and as the commit-msg hook on a valid
# message. Defaults: ROUNDS=15, RUNS=100.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_hookrc

D=$WORK/startup
ROUNDS=${ROUNDS_STARTUP:-15}

hello() {
	mkdir -p "$D/hello/src"
	printf '[package]\nname = "hello"\nversion = "0.0.0"\nedition = "2024"\n[workspace]\n' >"$D/hello/Cargo.toml"
	printf 'fn main() {\n    println!("hello");\n}\n' >"$D/hello/src/main.rs"
	printf 'fn main() {\n    println!("cargo::rustc-link-arg-bins=-no-pie");\n}\n' >"$D/hello/build.rs"
	cargo build --quiet --release --manifest-path "$D/hello/Cargo.toml"
}

make_repo() {
	rm -rf "$D/repo" && mkdir -p "$D/repo" "$D/hooks"
	(cd "$D/repo" && git init -q &&
		printf '[hooks]\npre-commit = ["check"]\ncommit-msg = ["conventional"]\n\n[check.check]\nrun = ["true"]\nfiles = ["*.go"]\n' >.hookrc.toml &&
		printf 'package main\n' >main.go && printf 'notes\n' >notes.md &&
		git add -A && git commit -q --no-verify -m 'chore: initial' &&
		printf 'more\n' >>notes.md && git add notes.md)
	printf '#!/bin/sh\nexit 0\n' >"$D/hooks/sh-hook" && chmod +x "$D/hooks/sh-hook"
	ln -sf "$HOOKRC_BIN" "$D/hooks/pre-commit"
	ln -sf "$HOOKRC_BIN" "$D/hooks/commit-msg"
	printf 'fix(parser): accept an empty body\n' >"$D/message"
	(cd "$D/repo" && "$D/hooks/pre-commit" && "$D/hooks/commit-msg" "$D/message") >/dev/null 2>&1 ||
		die "hookrc refused the idle commit or the valid message"
}

hello
make_repo
cd "$D/repo"
hf startup -N --warmup 10 --runs "${RUNS:-100}" \
	-n true true \
	-n "sh hook" "$D/hooks/sh-hook" \
	-n "Rust hello world" "$D/hello/target/release/hello" \
	-n "hookrc idle pre-commit" "$D/hooks/pre-commit" \
	-n "hookrc commit-msg" "$D/hooks/commit-msg $D/message"
echo "### Start-up against its floors"
python3 "$BENCH_DIR/summarize.py" "$WORK/results" startup --ratio "Rust hello world"
