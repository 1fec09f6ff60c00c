#!/usr/bin/env bash
# shellcheck disable=SC2154 # staged is set by pick_staged (go-corpus.sh)
# The verdict cache on the Go corpus of go-precommit.sh (518 files, 67
# packages), three figures in one run:
#
# 1. pre-commit (go-fmt + go-vet on 20 staged files in 7 packages) re-run
#    on identical staged content: a hit (`hookrc run pre-commit`, the
#    verdicts stored by a first run) vs the same run judged again
#    (`--no-cache`, Go's build cache warm) vs an idle pre-commit hook on the
#    same repository (a linked worktree whose index stages one `.md` file,
#    so go-fmt and go-vet have nothing to do), with and without the cache.
# 2. The pre-push gates of go-prepush.sh (go-test `-count=1`, go-build for
#    linux/amd64 and linux/arm64, go-mod, go-env), on its repository (the
#    corpus without the tests that need dropped test data), re-run on an
#    already judged tip: `hookrc run pre-push --all-files`, a hit vs
#    `--no-cache`.
# 3. What a miss adds over no cache: go-fmt alone (`HOOKRC_SKIP=go-vet`, so
#    the run is short enough to show a millisecond) with the cache emptied
#    before every run (`hookrc cache clear`), vs `--no-cache` with the same
#    preparation, in MISS_PAIRS alternating pairs (bench/paired.py).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/go-env.sh
. "$REPO_ROOT/scripts/go-env.sh"
. "$BENCH_DIR/go-corpus.sh"
require_hookrc

RUNS=${RUNS:-20}
GATE_RUNS=${GATE_RUNS:-2}
MISS_PAIRS=${MISS_PAIRS:-300}
REPO=$WORK/verdict-cache
IDLE=$WORK/verdict-cache-idle
GATES=$WORK/go-prepush
GOCACHE=$WORK/cache/go-build
export GOCACHE GOFLAGS=

install_corpus

build_repo() {
	rm -rf "$IDLE"
	copy_corpus "$REPO"
	gofmt -l . | xargs -r gofmt -w
	go vet ./... || die "the corpus is not vet-clean"
	printf '[hooks]\npre-commit = ["go-fmt", "go-vet"]\n' >.hookrc.toml
	printf 'notes\n' >notes.md
	commit_corpus
	git worktree add -q "$IDLE"
}

[ -d "$GATES/.git" ] || build_tested_corpus "$GATES"
(cd "$GATES" && git reset -q --hard && git clean -qfdx && gates_policy >.hookrc.toml)
[ -d "$REPO/.git" ] || build_repo
cd "$REPO"
git reset -q --hard && git clean -qfdx
(cd "$IDLE" && git reset -q --hard && date +%s%N >>notes.md && git add notes.md)
pick_staged
for f in "${staged[@]}"; do printf '\n// bench edit\n' >>"$f"; done
git add -- "${staged[@]}"

"$HOOKRC_BIN" cache clear
"$HOOKRC_BIN" run pre-commit >/dev/null 2>&1 || { "$HOOKRC_BIN" run pre-commit; die "pre-commit fails on the staged change"; }
"$HOOKRC_BIN" run pre-commit 2>&1 | grep -q 'go-vet .* (cached: ' || die "the second pre-commit run did not hit"
gates() { (cd "$GATES" && "$HOOKRC_BIN" run pre-push --all-files); }
gates >/dev/null 2>&1 || { gates; die "the gates fail on the corpus"; }
gates 2>&1 | grep -q 'go-test .* (cached: ' || die "the second pre-push run did not hit"
(cd "$IDLE" && "$HOOKRC_BIN" run pre-commit 2>&1 | grep -q 'go-vet .* skipped') || die "the idle worktree is not idle"

# Every command starts through `env`, so the repositories cost the same to
# reach (`-C DIR`), and without the variable hyperfine sets to a different
# length on each run: go-test keys on every variable, and a user re-running a
# hook does not change the environment each time.
RUN="env -u HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET -C"
hf cache-precommit -N --warmup 3 --runs "$RUNS" \
	-n cached "$RUN $REPO $HOOKRC_BIN run pre-commit" \
	-n uncached "$RUN $REPO $HOOKRC_BIN run pre-commit --no-cache" \
	-n idle "$RUN $IDLE $HOOKRC_BIN run pre-commit --no-cache" \
	-n idle-cache-on "$RUN $IDLE $HOOKRC_BIN run pre-commit"

HF_PART=hit hf cache-prepush -N --warmup 3 --runs "$RUNS" \
	-n cached "$RUN $GATES $HOOKRC_BIN run pre-push --all-files"
HF_PART=judged hf cache-prepush -N --warmup 1 --runs "$GATE_RUNS" \
	-n uncached "$RUN $GATES $HOOKRC_BIN run pre-push --all-files --no-cache"

# A fraction of a millisecond on a 35 ms run: measured in alternating pairs
# (paired.py), which drift between separate hyperfine runs would drown.
miss=$(HOOKRC_SKIP=go-vet python3 "$BENCH_DIR/paired.py" --runs "$MISS_PAIRS" \
	--prepare "$HOOKRC_BIN cache clear" --name-a miss --name-b no-cache \
	-- $RUN "$REPO" "$HOOKRC_BIN" run pre-commit -- $RUN "$REPO" "$HOOKRC_BIN" run pre-commit --no-cache)

echo "### Verdict cache: pre-commit re-run on identical staged content ($(git diff --cached --name-only -- '*.go' | wc -l) staged Go files)"
python3 "$BENCH_DIR/summarize.py" "$WORK/results" cache-precommit --ratio idle
echo "### Verdict cache: the pre-push gates re-run on a judged tip ($(git -C "$GATES" ls-files '*.go' | wc -l) Go files)"
python3 "$BENCH_DIR/summarize.py" "$WORK/results" cache-prepush --ratio cached
echo "### Verdict cache: what a miss adds (go-fmt alone, cache emptied before each run, $MISS_PAIRS alternating pairs)"
echo "$miss"
git reset -q --hard
(cd "$GATES" && git reset -q --hard)
