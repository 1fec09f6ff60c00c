#!/usr/bin/env bash
# The pre-push Go gates on a real multi-package module: `hookrc run pre-push
# --all-files` (go-test with coverage, go-build for linux/amd64 and
# linux/arm64, go-mod, go-env; independent gates side by side) vs the same
# go commands run by hand one after the other.
#
# The module is the corpus of bench/go-precommit.sh (Debian's Go source
# packages under one module `github.com`, standard library only), built the
# same way into its own directory. Tests run with `-count=1` on both sides
# (Go's test cache would otherwise answer both from cache); the build cache
# is warm, as on a developer's machine. go-bench is left out: benchmarks
# must not share the CPU with anything, so hookrc runs them alone.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/go-env.sh
. "$REPO_ROOT/scripts/go-env.sh"
. "$BENCH_DIR/go-corpus.sh"
require_hookrc

RUNS=${RUNS:-3}
REPO=$WORK/go-prepush
GOCACHE=$WORK/cache/go-build
export GOCACHE GOFLAGS=

install_corpus

[ -d "$REPO/.git" ] || build_tested_corpus "$REPO"
cd "$REPO"
git reset -q --hard && git clean -qfdx

gates_policy >.hookrc.toml
cat >"$WORK/go-prepush-raw.sh" <<'EOF'
#!/bin/sh
# By hand, one after the other: the same go commands as the gates.
set -e
go test -count=1 -coverprofile="${TMPDIR:-/tmp}/go-prepush.cover" ./... >/dev/null
GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o /dev/null ./...
GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -o /dev/null ./...
go mod tidy -diff
go env GOSUMDB GOINSECURE GOFLAGS GOPROXY >/dev/null
EOF
chmod +x "$WORK/go-prepush-raw.sh"

"$HOOKRC_BIN" run pre-push --all-files >/dev/null 2>&1 || { "$HOOKRC_BIN" run pre-push --all-files; die "the gates fail on the corpus"; }
"$WORK/go-prepush-raw.sh" || die "the raw commands fail on the corpus"

hf go-prepush -N --warmup 1 --runs "$RUNS" \
	-n hookrc "$HOOKRC_BIN run pre-push --all-files" \
	-n raw "$WORK/go-prepush-raw.sh"
python3 "$BENCH_DIR/summarize.py" "$WORK/results" go-prepush --ratio raw
