#!/usr/bin/env bash
# File discovery on a 100,000-file repository: a pre-commit hook
# that is handed the staged names, with 5 files modified and staged.
#
# hookrc (a custom check `run = ["true"]` on *.txt, file names passed) vs
# `git diff --cached --name-only` alone vs lefthook, pre-commit and prek
# running the same `true` on the staged *.txt files. Each hook runs by hand in
# the one repository that holds all four configs (no commit is made, so the
# staged state is the same for every run).
#
# The repository (10 × 100 directories × 100 files, built with
# git fast-import) is cached in bench/work/big; BIG_REBUILD=1 rebuilds it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$BENCH_DIR/configs.sh"

D=$WORK/big
MARK=$D/.git/bench-complete

# The fast-import stream: one commit with all configs and 100,000 files.
fast_import_stream() {
	python3 - "$D" <<'EOF'
import sys, os
out = sys.stdout.buffer
def blob(data):
    out.write(b"blob\ndata %d\n" % len(data) + data + b"\n")
out.write(b"commit refs/heads/main\n")
out.write(b"committer bench <bench@example.com> 1700000000 +0000\n")
msg = b"chore: 100,000 files\n"
out.write(b"data %d\n" % len(msg) + msg)
for name in (".hookrc.toml", "lefthook.yml", ".pre-commit-config.yaml"):
    with open(os.path.join(sys.argv[1], name), "rb") as f:
        data = f.read()
    out.write(b"M 100644 inline %s\ndata %d\n" % (name.encode(), len(data)) + data + b"\n")
for a in range(10):
    for b in range(100):
        for c in range(100):
            path = b"d%d/s%02d/f%02d.txt" % (a, b, c)
            data = b"line of %s\n" % path
            out.write(b"M 100644 inline %s\ndata %d\n" % (path, len(data)) + data + b"\n")
out.write(b"\n")
EOF
}

build_repo() {
	echo "bench: building the 100,000-file repository in $D" >&2
	rm -rf "$D" && mkdir -p "$D"
	cd "$D"
	git init -q
	write_configs txt true
	fast_import_stream | git fast-import --quiet
	git reset -q --hard main
	# Let the mtimes age past the index's so no entry stays racily clean.
	sleep 2 && git update-index -q --really-refresh && git status --porcelain >/dev/null
	touch "$MARK"
}

# Reset to the committed state, then modify and stage the same 5 files.
stage_five() {
	cd "$D"
	git reset -q --hard main
	local f
	for f in d0/s00/f00.txt d2/s17/f42.txt d5/s50/f50.txt d7/s99/f01.txt d9/s63/f77.txt; do
		echo "changed" >>"$f"
	done
	git add d0/s00/f00.txt d2/s17/f42.txt d5/s50/f50.txt d7/s99/f01.txt d9/s63/f77.txt
	[ "$(git diff --cached --name-only | wc -l)" = 5 ] || die "expected 5 staged files"
	sleep 1 && git status --porcelain >/dev/null
}

main() {
	local tools=(lefthook pre-commit prek)
	have_hookrc && tools=(hookrc "${tools[@]}")
	verify_equivalence txt "${tools[@]}"
	[ -f "$MARK" ] && [ "${BIG_REBUILD:-0}" != 1 ] || build_repo
	stage_five
	mkdir -p "$WORK/bin"
	local args=(-n "git diff --cached --name-only" "git diff --cached --name-only")
	if have_hookrc; then
		ln -sf "$HOOKRC_BIN" "$WORK/bin/pre-commit"
		args+=(-n "hookrc (as the pre-commit hook)" "$WORK/bin/pre-commit")
		args+=(-n "hookrc run pre-commit" "$HOOKRC_BIN run pre-commit")
	fi
	args+=(-n "lefthook run pre-commit" "$LEFTHOOK_BIN run pre-commit")
	args+=(-n "pre-commit run" "$PRE_COMMIT_BIN run")
	args+=(-n "prek run" "$PREK_BIN run")
	local cmd
	for ((i = 1; i < ${#args[@]}; i += 3)); do
		cmd=${args[i + 1]}
		$cmd >/dev/null 2>&1 || die "'$cmd' failed in $D"
	done
	hf staged-files -N --warmup 3 --runs "${RUNS:-15}" "${args[@]}"
	[ "$(git diff --cached --name-only | wc -l)" = 5 ] || die "the staged state changed during the run"
	echo "### A hook handed the 5 staged names in a 100,000-file repository"
	python3 "$BENCH_DIR/summarize.py" "$WORK/results" staged-files \
		--ratio "git diff --cached --name-only" --delta "git diff --cached --name-only"
}

main "$@"
