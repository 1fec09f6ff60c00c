#!/usr/bin/env bash
# shellcheck disable=SC2154 # staged and changed_pkgs are set by pick_staged (go-corpus.sh)
# Go checks on a staged change: hookrc's pre-commit (go-fmt + go-vet) vs the
# same commands run by hand one after the other (`gofmt -l` on the staged
# files, then `go vet` on their packages), lefthook (parallel), pre-commit
# and prek running those commands.
#
# The repository is built at benchmark time (never committed) from Debian's
# Go source packages: their sources under one module whose path is
# `github.com`, so every import resolves unchanged (518 files, 67 packages,
# standard library only, vet-clean). 20 files in 7 packages are staged with
# an edit. Two cases: the vet cache warm (identical content re-staged, every
# run sees the same index) and after a fresh edit (a `--prepare` step
# changes and re-stages the 20 files before every run).
#
# Each hook is run as its entry point with the index as git leaves it for
# pre-commit (`hookrc run pre-commit`, `lefthook run pre-commit`,
# `pre-commit run`, `prek run`), so the index never changes between runs.
# The Go binaries are the real ones (scripts/go-env.sh), not a launcher.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/go-env.sh
. "$REPO_ROOT/scripts/go-env.sh"
. "$BENCH_DIR/go-corpus.sh"
require_hookrc

RUNS=${RUNS:-10}
REPO=$WORK/go-precommit

install_corpus


build_repo() {
	copy_corpus "$REPO"
	# A few upstream files predate today's gofmt: format them, so the
	# staged change starts clean.
	gofmt -l . | xargs -r gofmt -w
	go vet ./... || die "the corpus is not vet-clean"
	commit_corpus
}

[ -d "$REPO/.git" ] || build_repo
cd "$REPO"
git reset -q --hard && git clean -qfdx


pick_staged
vet_pkgs=("${changed_pkgs[@]}")

# An edit that keeps every file formatted and vet-clean.
edit() { local f; for f in "${staged[@]}"; do printf '\n// bench edit %s\n' "$1" >>"$f"; done; git add -- "${staged[@]}"; }
edit 0

# The hooks' configurations: the same two commands everywhere.
cat >.hookrc.toml <<'EOF'
[hooks]
pre-commit = ["go-fmt", "go-vet"]
EOF
cat >"$WORK/go-raw.sh" <<EOF
#!/bin/sh
# By hand, one after the other: gofmt on the staged files, then go vet.
test -z "\$(gofmt -l ${staged[*]})" && go vet ${vet_pkgs[*]}
EOF
chmod +x "$WORK/go-raw.sh"
cat >lefthook.yml <<EOF
pre-commit:
  parallel: true
  commands:
    gofmt:
      glob: "*.go"
      run: test -z "\$(gofmt -l {staged_files})"
    govet:
      glob: "*.go"
      run: go vet ${vet_pkgs[*]}
EOF
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: local
    hooks:
      - id: gofmt
        name: gofmt
        entry: sh -c 'test -z "\$(gofmt -l "\$@")"' --
        language: system
        files: '\\.go\$'
      - id: govet
        name: govet
        entry: go vet ${vet_pkgs[*]}
        language: system
        files: '\\.go\$'
        pass_filenames: false
EOF
git add -- .hookrc.toml lefthook.yml .pre-commit-config.yaml

names=(hookrc raw)
argvs=("$HOOKRC_BIN run pre-commit" "$WORK/go-raw.sh")
[ -x "$LEFTHOOK_BIN" ] && names+=(lefthook) && argvs+=("$LEFTHOOK_BIN run pre-commit")
[ -x "$PRE_COMMIT_BIN" ] && names+=(pre-commit) && argvs+=("$PRE_COMMIT_BIN run")
[ -x "$PREK_BIN" ] && names+=(prek) && argvs+=("$PREK_BIN run")
cmds=()
for i in "${!names[@]}"; do cmds+=(-n "${names[$i]}" "${argvs[$i]}"); done

# Every tool must pass this change and refuse a staged vet error.
for i in "${!names[@]}"; do
	${argvs[$i]} >/dev/null 2>&1 || die "${names[$i]} fails on the clean staged change"
done
first=${staged[0]}
cp "$first" "$WORK/first.go.bak"
printf '\nfunc benchVetError() string { return fmt.Sprintf("%%d", "x") }\n' >>"$first"
grep -q '"fmt"' "$first" || sed -i '0,/^package .*/s//&\n\nimport "fmt"/' "$first"
gofmt -w "$first" && git add -- "$first"
for i in "${!names[@]}"; do
	if ${argvs[$i]} >/dev/null 2>&1; then die "${names[$i]} passed a staged vet error"; fi
done
cp "$WORK/first.go.bak" "$first" && git add -- "$first"
echo "bench: ${names[*]}: each passes the change and refuses a staged vet error" >&2

hf go-precommit-warm -N --warmup 3 --runs "$RUNS" "${cmds[@]}"
prepare="$WORK/go-edit.sh"
cat >"$prepare" <<EOF
#!/bin/sh
# A fresh edit of the 20 files, re-staged: go vet's cache misses.
cd "$REPO" || exit 1
stamp=\$(date +%s%N)
for f in ${staged[*]}; do printf '\n// bench edit %s\n' "\$stamp" >>"\$f"; done
git add -- ${staged[*]}
EOF
chmod +x "$prepare"
hf go-precommit-fresh -N --warmup 2 --runs "$RUNS" --prepare "$prepare" "${cmds[@]}"

for case in warm fresh; do
	echo "### Go pre-commit, vet cache $case ($(git diff --cached --name-only -- '*.go' | wc -l) staged Go files)"
	python3 "$BENCH_DIR/summarize.py" "$WORK/results" "go-precommit-$case" --ratio raw
done
git reset -q --hard
