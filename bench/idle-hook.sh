#!/usr/bin/env bash
# A pre-commit hook with nothing to do: hookrc vs lefthook,
# pre-commit and prek, through `git commit` and run by hand, plus peak memory.
#
# Every tool gets an identical repository holding all four configs, each with
# one check (`true`) on `*.go` files; each commit stages one `.md` file only,
# so every tool decides there is nothing to run. Only the installed hook
# differs: none (git alone), a `#!/bin/sh` exit-0 hook, or the tool's hook.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$BENCH_DIR/configs.sh"

D=$WORK/idle
TOOLS=(git sh hookrc lefthook pre-commit prek)

write_files() {
	write_configs go true
	printf 'package main\n\nfunc main() {}\n' >main.go
	printf '# demo\n' >README.md
	printf 'notes\n' >notes.md
}

make_repos() {
	rm -rf "$D" && mkdir -p "$D"
	cat >"$D/stage.sh" <<'EOF'
#!/bin/sh
# Stage a change to notes.md only (not measured: hyperfine --prepare).
cd "$1" && date +%s%N >>notes.md && git add notes.md
EOF
	chmod +x "$D/stage.sh"
	local tool
	# "hand" runs the hooks by hand; no tool is installed there (lefthook
	# installs its own hook into the repository it runs in).
	for tool in "${TOOLS[@]}" hand; do
		mkdir -p "$D/$tool"
		(cd "$D/$tool" && git init -q && write_files && git add -A &&
			git commit -q --no-verify -m 'chore: initial' && install_hook "${tool/hand/git}")
	done
}

# Fail early (and loudly) if any hook does not pass in its repository.
smoke() {
	local tool
	for tool in "${TOOLS[@]}"; do
		"$D/stage.sh" "$D/$tool"
		(cd "$D/$tool" && git commit -q -m 'docs: smoke') || die "$tool: hook failed on an idle commit"
	done
	untouched
}

# The benchmarked hooks are still the tools' own (nothing re-installed hooks).
untouched() {
	if have_hookrc; then
		[ "$(readlink "$D/hookrc/.git/hooks/pre-commit")" = "$HOOKRC_BIN" ] || die "hookrc's hook was replaced"
	fi
	[ -x "$D/sh/.git/hooks/pre-commit" ] && [ ! -e "$D/git/.git/hooks/pre-commit" ] || die "the baseline hooks changed"
	[ -z "$(ls "$D"/*/.git/hooks/*.old 2>/dev/null)" ] || die "a tool moved another's hook aside: $(ls "$D"/*/.git/hooks/*.old)"
}

bench_commit() {
	local args=() tool
	for tool in "${TOOLS[@]}"; do
		args+=(-n "$tool" --prepare "$D/stage.sh $D/$tool" "git -C $D/$tool commit -q -m docs:note")
	done
	hf idle-commit -N --warmup 5 --runs "${RUNS:-40}" "${args[@]}"
}

# By hand: every tool's installed hook executed directly, all in the "hand"
# repository (it holds all configs, so the peers' hook scripts find theirs).
bench_by_hand() {
	local args=(-n "true (process start)" "true") tool
	for tool in "${TOOLS[@]:1}"; do
		args+=(-n "$tool" "$D/$tool/.git/hooks/pre-commit")
	done
	"$D/stage.sh" "$D/hand"
	(cd "$D/hand" && hf idle-by-hand -N --warmup 5 --runs "${RUNS:-40}" "${args[@]}")
}

memory() {
	local tool
	"$D/stage.sh" "$D/hand"
	local out=$WORK/results/idle-memory.tsv
	rm -f "$out"
	echo "<!-- idle-memory: peak RSS of the hook run by hand, median of 5 -->"
	echo "| hook | peak RSS (MB) | exit status |"
	echo "|---|---:|---:|"
	for tool in "${TOOLS[@]:1}"; do
		record_rss "$out" "$tool" "$D/hand" "$D/$tool/.git/hooks/pre-commit"
	done
}

main() {
	if ! have_hookrc; then
		echo "bench: no hookrc at $HOOKRC_BIN: measuring the peers only" >&2
		TOOLS=(git sh lefthook pre-commit prek)
	fi
	verify_equivalence go "${TOOLS[@]:2}"
	make_repos
	smoke
	bench_commit
	bench_by_hand
	untouched
	echo "### Idle pre-commit hook through \`git commit\`"
	python3 "$BENCH_DIR/summarize.py" "$WORK/results" idle-commit --delta git --ratio git
	echo
	echo "### Idle pre-commit hook run by hand"
	python3 "$BENCH_DIR/summarize.py" "$WORK/results" idle-by-hand --delta sh --ratio sh
	echo
	echo "### Peak memory of an idle hook"
	memory
	untouched
}

main "$@"
