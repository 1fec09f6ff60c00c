# Shared settings for the benchmark scripts; sourced, never run.
# shellcheck shell=bash

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
WORK=${BENCH_WORK:-$BENCH_DIR/work}
HOOKRC_BIN=${HOOKRC_BIN:-$REPO_ROOT/target/release/hookrc}
ROUNDS=${ROUNDS:-3}

# Peers installed by setup.sh, all under $WORK.
LEFTHOOK_BIN=$WORK/npm/node_modules/lefthook-linux-x64/bin/lefthook
COMMITLINT_BIN=$WORK/npm/node_modules/.bin/commitlint
PRE_COMMIT_BIN=$WORK/venv/bin/pre-commit
PREK_BIN=$WORK/venv/bin/prek
GITLINT_BIN=$WORK/venv/bin/gitlint
COG_BIN=$WORK/cargo/bin/cog

export LEFTHOOK_BIN
export PRE_COMMIT_HOME=$WORK/cache/pre-commit
export PREK_HOME=$WORK/cache/prek
export PATH=$WORK/venv/bin:$WORK/cargo/bin:$(dirname "$LEFTHOOK_BIN"):$PATH

# Deterministic git identity and no user/system config leaking into the runs.
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=$WORK/gitconfig
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export NO_COLOR=1
# Backtrace capture would slow down the error path of Rust tools (cog, hookrc).
unset RUST_BACKTRACE RUST_LIB_BACKTRACE

# The machine is shared (2 cores, other builds running): as root, raise the
# benchmarks' CPU priority (inherited by every process they start) so that
# background work disturbs the timings less. BENCH_NICE=0 turns this off.
if [ "$(id -u)" = 0 ] && [ "${BENCH_NICE:--20}" != 0 ]; then
	renice -n "${BENCH_NICE:--20}" -p $$ >/dev/null
fi

mkdir -p "$WORK/results" "$WORK/cache"
[ -f "$GIT_CONFIG_GLOBAL" ] || printf '[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n' >"$GIT_CONFIG_GLOBAL"

die() { echo "bench: $*" >&2; exit 2; }

have_hookrc() { [ -x "$HOOKRC_BIN" ]; }

require_hookrc() {
	have_hookrc || die "no hookrc binary at $HOOKRC_BIN (cargo build --release, or set HOOKRC_BIN)"
}

# Absolute path of $1 (which must exist).
abspath() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }

# Peak resident set size in KiB of a command: `max_rss_kib DIR CMD...`.
max_rss_kib() {
	local dir=$1; shift
	(cd "$dir" && /usr/bin/time -f '%M' -o "$WORK/rss.tmp" "$@" >/dev/null 2>&1) || true
	tail -n1 "$WORK/rss.tmp"
}

# Median of peak RSS over RSS_RUNS (default 5) runs, printed in MB (10^6
# bytes, as the targets are written) with one decimal.
max_rss_mb() {
	local i vals=() n=${RSS_RUNS:-5}
	for ((i = 0; i < n; i++)); do vals+=("$(max_rss_kib "$@")"); done
	printf '%s\n' "${vals[@]}" | sort -n | sed -n "$(((n + 1) / 2))p" | awk '{printf "%.1f", $1*1024/1e6}'
}

# record_rss FILE NAME DIR CMD...: measure, print a markdown row, and append
# `NAME<TAB>MB<TAB>exit status` to FILE for targets.py.
record_rss() {
	local file=$1 name=$2 dir=$3; shift 3
	local mb status
	mb=$(max_rss_mb "$dir" "$@")
	status=$(cd "$dir" && { "$@" >/dev/null 2>&1 && echo 0 || echo "$?"; })
	printf '%s\t%s\t%s\n' "$name" "$mb" "$status" >>"$file"
	echo "| $name | $mb | $status |"
}

# hyperfine over ROUNDS interleaved rounds; `hf NAME [hyperfine args...]`
# writes $WORK/results/NAME.round-N.json for each round. With HF_PART set,
# the files are NAME.round-N.PART.json and earlier parts are kept, so slow
# commands can run fewer times than fast ones and still share one table.
hf() {
	local name=$1; shift
	local r part=${HF_PART:+.$HF_PART}
	if [ -n "$part" ]; then
		rm -f "$WORK/results/$name".round-*"$part".json
	else
		rm -f "$WORK/results/$name".round-*.json
	fi
	for r in $(seq 1 "$ROUNDS"); do
		echo "== $name$part: round $r/$ROUNDS" >&2
		hyperfine --style basic "$@" --export-json "$WORK/results/$name.round-$r$part.json" >&2
	done
}
