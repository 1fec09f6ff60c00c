#!/usr/bin/env bash
# shellcheck disable=SC2154 # staged and changed_pkgs are set by pick_staged (go-corpus.sh)
# What judging exactly the staged or pushed content costs, against the same
# Go commands run by hand, on the corpus of go-corpus.sh (Debian's Go source
# packages under one module `github.com`: 518 files, 67 packages; as in
# go-prepush.sh, the test files that need the test data the corpus drops are
# removed, leaving 462), side by side in one run, with the ratios printed at
# the end:
#
#   (i)   pre-commit, 20 staged files in 7 packages (`hookrc run pre-commit`,
#         go-fmt + go-vet, vet cache warm):
#         - go-vet `scope = "changed"` vs `gofmt -l <20 files>` then
#           `go vet <the 7 packages>` by hand;
#         - the default `scope = "dependents"` vs `gofmt -l <20 files>` then
#           `go vet` of the 7 packages plus the module's packages that import
#           them (computed with `go list`; DEPENDENTS=transitive counts every
#           package that depends on them, directly or not).
#   (ii)  pre-push of HEAD on a clean tree: `git push --dry-run origin main`
#         through the installed hook (go-test with coverage, go-build for
#         linux/amd64 and linux/arm64 with CGO_ENABLED=0) vs the same go
#         commands one after the other in the same tree.
#   (iii) pre-push of the same commit with a dirty working tree (edited
#         tracked files, an untracked `.go` file), and while another branch is
#         checked out, vs the same go commands in a clean clone at that
#         commit.
#
# The pushed commit is one commit ahead of what the remote holds (the 20
# files edited). Go's build and test caches are warm on both sides (warm-up
# runs, no `-count=1`): a checkout that defeats `go test`'s result cache
# shows here. The hook is driven by real git: `git push --dry-run` runs the
# pre-push hook with git's arguments and stdin and changes nothing.
#
# Run it (the machine has 2 cores: run it when nothing else is building):
#
#   cargo build --release
#   bench/go-exact.sh                     # ROUNDS=3 rounds of RUNS=5 runs
#   ROUNDS=1 RUNS=2 bench/go-exact.sh     # a quick try
#
# Knobs: HOOKRC_BIN (default target/release/hookrc), ROUNDS, RUNS (runs per
# command and round for pre-commit), PUSH_RUNS (for pre-push; default 3),
# DEPENDENTS (direct|transitive), BENCH_WORK. The corpus repository is built
# once into $BENCH_WORK/go-exact (delete it to rebuild). A hookrc that does
# not know go-vet's `scope` key is measured with its default and says so.
set -euo pipefail
ROUNDS=${ROUNDS:-3}
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/go-env.sh
. "$REPO_ROOT/scripts/go-env.sh"
. "$BENCH_DIR/go-corpus.sh"
require_hookrc

RUNS=${RUNS:-5}
PUSH_RUNS=${PUSH_RUNS:-3}
DEPENDENTS=${DEPENDENTS:-direct}
REPO=$WORK/go-exact
REMOTE=$WORK/go-exact-remote.git
CLONE=$WORK/go-exact-clone
GOCACHE=$WORK/cache/go-build
export GOCACHE GOFLAGS=
HOOKRC_BIN=$(abspath "$HOOKRC_BIN")

install_corpus


# The corpus, gofmt-clean and vet-clean, without the tests that need the
# test data (or network) the corpus drops, so that every gate passes.
build_repo() {
	copy_corpus "$REPO"
	gofmt -l . | xargs -r gofmt -w
	local pkg
	for pkg in $(go test ./... 2>/dev/null | awk '$1 == "FAIL" && NF >= 2 {print $2}'); do
		rm -f "${pkg#github.com/}"/*_test.go
	done
	go vet ./... || die "the corpus is not vet-clean"
	go test ./... >/dev/null || die "the corpus's tests do not pass"
	commit_corpus
}

[ -d "$REPO/.git" ] || build_repo
cd "$REPO"
git checkout -q -f main 2>/dev/null || git checkout -q -f -B main
git reset -q --hard "$(git rev-list --max-parents=0 HEAD)"
git clean -qfdx
git branch -q -D other 2>/dev/null || true


pick_staged

# The changed packages and the module's packages that import them (test
# imports included: go vet checks test files too), as ./dirs.
dependents() {
	local field='.Imports'
	[ "$DEPENDENTS" = transitive ] && field='.Deps'
	local changed
	changed=$(go list "${changed_pkgs[@]}" | tr '\n' ' ')
	go list -f "{{.ImportPath}}{{range $field}} {{.}}{{end}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}" ./... |
		awk -v changed="$changed" '
			BEGIN { n = split(changed, c, " "); for (i = 1; i <= n; i++) want[c[i]] = 1 }
			{ hit = ($1 in want); for (i = 2; i <= NF && !hit; i++) if ($i in want) hit = 1 }
			hit { sub(/^github.com\//, "./", $1); print $1 }' | sort -u
}
mapfile -t dependent_pkgs < <(dependents)

# The policy: go-fmt and go-vet on pre-commit, go-test and go-build on
# pre-push. `policy SCOPE` writes it with go-vet's scope (none: the default).
policy() {
	cat <<'EOF'
[hooks]
pre-commit = ["go-fmt", "go-vet"]
pre-push = ["go-test", "go-build"]

[check.go-build]
targets = ["linux/amd64", "linux/arm64"]
EOF
	[ -z "$1" ] || printf '\n[check.go-vet]\nscope = "%s"\n' "$1"
}
policy "" >.hookrc.toml
git add .hookrc.toml
git commit -q --no-verify -m 'chore: the benchmark policy'
BASE=$(git rev-parse HEAD)

# The pushed commit: the 20 files edited (still formatted and vet-clean).
edit() { local f; for f in "${staged[@]}"; do printf '\n// bench edit %s\n' "$1" >>"$f"; done; }
edit pushed
git add -- "${staged[@]}"
git commit -q --no-verify -m 'feat: the pushed change'
TIP=$(git rev-parse HEAD)

# The remote holds the base; the clean clone holds the pushed commit.
rm -rf "$REMOTE" "$CLONE"
git init -q --bare "$REMOTE"
git remote remove origin 2>/dev/null || true
git remote add origin "$REMOTE"
git push -q --no-verify origin "$BASE:refs/heads/main"
git fetch -q origin
git clone -q --no-checkout "$REPO" "$CLONE"
git -C "$CLONE" checkout -q --detach "$TIP"
"$HOOKRC_BIN" install pre-push >/dev/null

# The raw commands, by hand, one after the other.
cat >"$WORK/go-exact-raw-commit.sh" <<EOF
#!/bin/sh
# gofmt on the staged files, then go vet on the packages given as arguments.
cd "$REPO" || exit 2
test -z "\$(gofmt -l ${staged[*]})" && go vet "\$@"
EOF
cat >"$WORK/go-exact-raw-push.sh" <<'EOF'
#!/bin/sh
# The pre-push gates by hand in the directory $1: go test with coverage, then
# go build for each target.
set -e
cd "$1"
go test -coverprofile="${TMPDIR:-/tmp}/go-exact.cover" ./... >/dev/null
GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o /dev/null ./...
GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -o /dev/null ./...
EOF
chmod +x "$WORK/go-exact-raw-commit.sh" "$WORK/go-exact-raw-push.sh"
raw_commit=$WORK/go-exact-raw-commit.sh
raw_push=$WORK/go-exact-raw-push.sh

# `must NAME CMD…`: CMD must pass (hyperfine would stop on a failure).
must() {
	local name=$1; shift
	"$@" >"$WORK/go-exact-check.log" 2>&1 || { cat "$WORK/go-exact-check.log" >&2; die "$name fails"; }
}

# (i) pre-commit: the 20 files edited again and staged.
edit staged
git add -- "${staged[@]}"
scope_note=
for scope in changed dependents; do
	policy "$scope" >.hookrc.toml
	if ! "$HOOKRC_BIN" config check >/dev/null 2>&1; then
		policy "" >.hookrc.toml
		scope_note="this hookrc does not know go-vet's \`scope\`: both pre-commit rows measure its default"
	fi
	git add .hookrc.toml
	if [ "$scope" = changed ]; then vet=("${changed_pkgs[@]}"); else vet=("${dependent_pkgs[@]}"); fi
	must "hookrc run pre-commit ($scope)" "$HOOKRC_BIN" run pre-commit
	must "the raw pre-commit commands ($scope)" "$raw_commit" "${vet[@]}"
	hf "go-exact-commit-$scope" -N --warmup 2 --runs "$RUNS" \
		-n hookrc "$HOOKRC_BIN run pre-commit" \
		-n raw "$raw_commit ${vet[*]}"
done
git reset -q --hard
git clean -qfdx

push=(git push -q --dry-run origin main)
# (ii) pre-push of HEAD on a clean tree.
must "git push (clean tree)" "${push[@]}"
must "the raw pre-push commands" "$raw_push" "$REPO"
hf go-exact-push-clean -N --warmup 1 --runs "$PUSH_RUNS" \
	-n hookrc "${push[*]}" \
	-n raw "$raw_push $REPO"

# (iii) the same commit with a dirty tree: 3 tracked files edited, one
# untracked file; all still compile, so every verdict is the same.
for f in "${staged[@]:0:3}"; do printf '\n// an unstaged edit\n' >>"$f"; done
printf 'package flate\n\n// scratch is an untracked file.\nfunc scratch() int { return 1 }\n' >klauspost/compress/flate/zz_scratch.go
must "git push (dirty tree)" "${push[@]}"
must "the raw pre-push commands in the clone" "$raw_push" "$CLONE"
hf go-exact-push-dirty -N --warmup 1 --runs "$PUSH_RUNS" \
	-n hookrc "${push[*]}" \
	-n raw-clone "$raw_push $CLONE"
git reset -q --hard
git clean -qfdx

# (iii) the same commit while another branch (the base) is checked out.
git switch -q -c other "$BASE"
must "git push (not checked out)" "${push[@]}"
hf go-exact-push-other -N --warmup 1 --runs "$PUSH_RUNS" \
	-n hookrc "${push[*]}" \
	-n raw-clone "$raw_push $CLONE"
# (iv) why the checkout of a pushed commit is kept: the same push with the
# checkout slots removed first, as a fresh directory per push would be.
hf go-exact-push-fresh -N --warmup 1 --runs "$PUSH_RUNS" \
	-n kept "${push[*]}" \
	-n fresh "sh -c 'rm -rf .git/hookrc/checkouts && ${push[*]}'"
git switch -q main
git branch -q -D other

echo "### Go pre-commit, 20 staged files in 7 packages, vet cache warm"
echo
echo "go-vet scope \`changed\`: ${#changed_pkgs[@]} packages; \`dependents\` ($DEPENDENTS importers): ${#dependent_pkgs[@]} packages."
[ -z "$scope_note" ] || echo "Note: $scope_note."
for scope in changed dependents; do
	echo
	echo "#### scope \`$scope\`"
	python3 "$BENCH_DIR/summarize.py" "$WORK/results" "go-exact-commit-$scope" --ratio raw
done
echo
echo "### Go pre-push of one commit (go-test with coverage, go-build for 2 targets), caches warm"
for case in clean dirty other fresh; do
	echo
	case $case in
	clean) echo "#### HEAD, clean tree, vs the raw commands in the same tree"; ref=raw ;;
	dirty) echo "#### HEAD, dirty tree, vs the raw commands in a clean clone"; ref=raw-clone ;;
	other) echo "#### not checked out, vs the raw commands in a clean clone"; ref=raw-clone ;;
	fresh) echo "#### not checked out: the checkout slot kept vs a fresh checkout per push"; ref=kept ;;
	esac
	python3 "$BENCH_DIR/summarize.py" "$WORK/results" "go-exact-push-$case" --ratio "$ref"
done

echo
echo "### Ratios (hookrc / raw, median of round medians)"
python3 - "$WORK/results" <<'EOF'
import glob, json, os, statistics, sys

results = sys.argv[1]
rows = [
    ("pre-commit, scope changed", "go-exact-commit-changed", "raw", 1.0),
    ("pre-commit, scope dependents", "go-exact-commit-dependents", "raw", None),
    ("pre-push, HEAD, clean tree", "go-exact-push-clean", "raw", 1.05),
    ("pre-push, HEAD, dirty tree", "go-exact-push-dirty", "raw-clone", 1.3),
    ("pre-push, not checked out", "go-exact-push-other", "raw-clone", 1.3),
    ("pre-push, not checked out, fresh checkout vs kept", "go-exact-push-fresh", "kept", None),
]
for label, name, ref, target in rows:
    medians = {}
    for path in sorted(glob.glob(os.path.join(results, f"{name}.round-*.json"))):
        with open(path, encoding="utf-8") as f:
            for result in json.load(f)["results"]:
                medians.setdefault(result["command"], []).append(result["median"])
    subject = "fresh" if "fresh" in medians else "hookrc"
    ratio = statistics.median(medians[subject]) / statistics.median(medians[ref])
    goal = f" (target <= {target:.2f}x: {'met' if ratio <= target else 'missed'})" if target else ""
    print(f"- {label}: {ratio:.2f}x{goal}")
EOF
