#!/usr/bin/env bash
# Can the go-bench gate be trusted? Its false failures on unchanged pushes
# and the slowdowns it catches, in both modes, on a real package: Debian's
# BurntSushi/toml 1.2.0 (golang-github-burntsushi-toml-dev, installed with
# apt when missing; standard library only, offline). Its own decode
# benchmarks are used as they are: the test data they read is embedded from
# internal/toml-test/tests, which Debian's copy ships, so nothing is taken
# from the bench corpus and no package is written for the occasion.
#
# The repository ($BENCH_WORK/go-bench-gate, rebuilt on every run) is that
# source committed as it is (its own go.mod), with a bare remote and
# `hookrc install pre-push`. The policy is
#
#   [hooks]
#   pre-push = ["go-bench"]
#   [check.go-bench]
#   against = "baseline" | "base"
#   bench = '^BenchmarkDecode$/^table$'
#
# every other go-bench setting at its default (tolerance, count, args: the
# default -benchtime of 1s). The one sub-benchmark BenchmarkDecode/table
# (decoding the 15 valid `table` files of toml-test) keeps one gate run at
# about 15 s (baseline: `count` runs) to 22 s (base: two builds and
# `count` runs of each side) on this 2-core machine. BENCH_RE picks others.
#
# For each mode:
#   - baseline: `hookrc go bench --update` records bench/baseline.json once,
#     committed with the policy; base: nothing to record. That commit is
#     what the remote holds (a real push, hooks off).
#   - RUNS pushes of an unchanged commit: a comment added to doc.go, so the
#     module is touched and no benchmarked code changes. A refusal is a
#     false failure.
#   - RUNS pushes of a commit that makes the decoder slower by about
#     SLOWDOWN (20 %): parse() in parse.go, the hot path of every Decode,
#     first runs K extra hashing passes over its input (work proportional to
#     the input, no allocation, so only ns/op moves). K is calibrated before
#     the runs: the clean and the slowed test binaries (`go test -c`) run
#     the benchmarks one after the other, CAL_PAIRS pairs of CAL_BENCHTIME
#     runs, and the median of the pairs' ratios is the slowdown; one pass's
#     share is estimated with K=100, then K is rescaled (at most 3 times)
#     until the slowdown is within 3 points of SLOWDOWN. The measured
#     slowdown is printed. A refusal is a slowdown caught.
#   Every push is `git push --dry-run origin HEAD` from the checked-out
#   branch, so git runs the pre-push hook with its real input and nothing
#   is pushed; after each run the working tree must be clean and the remote
#   unchanged (checked). Each gate run is timed (wall clock, the whole push).
#
# Output: a markdown table, one row per mode: false failures out of RUNS,
# slowdowns caught out of RUNS, median (min–max) gate wall time, and the
# median 1-minute load average before the pushes (the machine is shared:
# the benchmarks' noise depends on it); hook logs
# are in $BENCH_WORK/go-bench-gate-logs/. A push refused for another reason
# than a go-bench failure (an error, a skip) is counted apart and shown.
#
# Run it (the machine has 2 cores: run it when nothing else is running):
#
#   cargo build --release
#   bench/go-bench-gate.sh                 # RUNS=10: 14 minutes with count = 6
#   RUNS=2 bench/go-bench-gate.sh          # a quick try
#
# Knobs: HOOKRC_BIN (default target/release/hookrc), RUNS (default 10),
# BENCH_RE (the policy's `bench` regex), SLOWDOWN (default 0.20), SLOW_K
# (skip the calibration, use this K), CAL_PAIRS (default 11), CAL_BENCHTIME
# (default 300ms), MODES (default "baseline base"; MODES= only calibrates),
# BENCH_WORK.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/go-env.sh
. "$REPO_ROOT/scripts/go-env.sh"
require_hookrc

RUNS=${RUNS:-10}
BENCH_RE=${BENCH_RE:-'^BenchmarkDecode$/^table$'}
SLOWDOWN=${SLOWDOWN:-0.20}
CAL_PAIRS=${CAL_PAIRS:-11}
CAL_BENCHTIME=${CAL_BENCHTIME:-300ms}
MODES=${MODES-baseline base}
TOML_DEB=golang-github-burntsushi-toml-dev
TOML_SRC=/usr/share/gocode/src/github.com/BurntSushi/toml
REPO=$WORK/go-bench-gate
REMOTE=$WORK/go-bench-gate-remote.git
LOGS=$WORK/go-bench-gate-logs
BINS=$WORK/go-bench-gate-bin
GOCACHE=$WORK/cache/go-build
export GOCACHE GOFLAGS=
HOOKRC_BIN=$(abspath "$HOOKRC_BIN")
started=$(date +%s)

if ! dpkg -s "$TOML_DEB" >/dev/null 2>&1; then
	echo "bench: apt-get install $TOML_DEB" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$TOML_DEB" >/dev/null
fi
[ -f "$TOML_SRC/bench_test.go" ] || die "no BurntSushi/toml source at $TOML_SRC"
[ -d "$TOML_SRC/internal/toml-test/tests/valid" ] || die "the embedded toml-test data is missing from $TOML_SRC"

# The package as Debian ships it, committed.
rm -rf "$REPO" "$REMOTE" "$LOGS" "$BINS"
mkdir -p "$REPO" "$LOGS" "$BINS"
cp -rL "$TOML_SRC/." "$REPO/"
cd "$REPO"
git init -q
git add -A
git commit -q --no-verify -m 'chore: BurntSushi/toml from Debian'
ROOT=$(git rev-parse HEAD)
git init -q --bare "$REMOTE"
git remote add origin "$REMOTE"
"$HOOKRC_BIN" install pre-push >/dev/null
go test -run '^$' -bench "$BENCH_RE" -benchtime 1x . >"$LOGS/list.txt" 2>&1 ||
	{ cat "$LOGS/list.txt" >&2; die "the benchmarks do not run"; }
benchmarks=$(grep -c '^Benchmark' "$LOGS/list.txt" || true)
[ "$benchmarks" -gt 0 ] || die "BENCH_RE='$BENCH_RE' selects no benchmark"

# `inject K`: parse() first runs K hashing passes over its input.
inject() {
	sed -i 's/^func parse(data string) (p \*parser, err error) {$/&\n\tslowSink += slowdown(data)/' parse.go
	grep -q 'slowSink += slowdown(data)' parse.go || die "parse() not found in parse.go"
	cat >>parse.go <<EOF

// slowSink keeps the injected work from being optimized away.
var slowSink uint32

// slowdown is the injected regression: $1 hashing passes over the input.
func slowdown(data string) uint32 {
	var h uint32
	for k := 0; k < $1; k++ {
		for i := 0; i < len(data); i++ {
			h = h*31 + uint32(data[i])
		}
	}
	return h
}
EOF
}

# `ns_per_op BINARY`: one short run of the selected benchmarks, the sum of
# their ns/op.
ns_per_op() {
	"$1" -test.run '^$' -test.bench "$BENCH_RE" -test.benchtime "$CAL_BENCHTIME" -test.count 1 |
		awk '/^Benchmark/ { for (i = 1; i < NF; i++) if ($(i + 1) == "ns/op") s += $i } END { printf "%.0f\n", s }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# `measure K PAIRS`: the slowdown (a fraction) with K passes injected: the
# clean and the slowed test binaries run one after the other PAIRS times;
# the median of the pairs' ratios, so the machine's drift cancels out.
measure() {
	git checkout -q -- parse.go
	go test -c -o "$BINS/clean.test" . >&2
	inject "$1"
	go test -c -o "$BINS/slow.test" . >&2
	git checkout -q -- parse.go
	local i c s
	for ((i = 0; i < $2; i++)); do
		c=$(ns_per_op "$BINS/clean.test")
		s=$(ns_per_op "$BINS/slow.test")
		awk -v c="$c" -v s="$s" 'BEGIN { printf "%.4f\n", s / c - 1 }'
	done | median
}

pct() { awk -v m="$1" 'BEGIN { printf "%+.1f %%", m * 100 }'; }

if [ -n "${SLOW_K:-}" ]; then
	K=$SLOW_K
	measured=$(measure "$K" "$CAL_PAIRS")
else
	# The cost is linear in K: estimate one pass's share from a large K,
	# where the machine's noise matters least, then check the chosen K and
	# rescale it while it is more than 3 points off.
	K=100
	big=$(measure "$K" "$CAL_PAIRS")
	echo "bench: calibration: K=$K: slowdown $(pct "$big")" >&2
	for attempt in 1 2 3; do
		K=$(awk -v k="$K" -v m="$big" -v t="$SLOWDOWN" 'BEGIN { if (m < 0.005) m = 0.005; n = int(k * t / m + 0.5); print (n < 1) ? 1 : n }')
		measured=$(measure "$K" "$CAL_PAIRS")
		echo "bench: calibration: K=$K: slowdown $(pct "$measured")" >&2
		awk -v m="$measured" -v t="$SLOWDOWN" 'BEGIN { exit !(m - t < 0.03 && t - m < 0.03) }' && break
		[ "$attempt" = 3 ] || big=$measured
	done
fi
slowdown_pct=$(pct "$measured")
echo "bench: injected slowdown: K=$K passes, measured $slowdown_pct (median of $CAL_PAIRS interleaved pairs of ${CAL_BENCHTIME} runs)" >&2

policy() {
	cat <<EOF
[hooks]
pre-push = ["go-bench"]

[check.go-bench]
against = "$1"
bench = '$BENCH_RE'
EOF
}

# `gate MODE KIND I`: one push through the hook, timed; appends
# `MODE KIND I VERDICT SECONDS LOAD` to $LOGS/runs.tsv (LOAD: the 1-minute
# load average just before the push, the other users of the machine).
gate() {
	local log="$LOGS/$1-$2-$3.log" t0 t1 status=0 verdict load
	load=$(cut -d' ' -f1 /proc/loadavg)
	t0=$(date +%s.%N)
	git push --dry-run origin HEAD >"$log" 2>&1 || status=$?
	t1=$(date +%s.%N)
	if [ "$status" = 0 ]; then
		if grep -qi 'skip' "$log"; then verdict=skipped; else verdict=passed; fi
	elif grep -Eqi 'go-bench.*fail' "$log"; then
		verdict=refused
	else
		verdict=error
	fi
	[ -z "$(git status --porcelain)" ] || die "run $1 $2 $3 left the working tree changed"
	[ "$(git -C "$REMOTE" rev-parse main)" = "$BASE" ] || die "run $1 $2 $3 changed the remote"
	local secs
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$verdict" "$secs" "$load" >>"$LOGS/runs.tsv"
	echo "bench: $1 $2 $3/$RUNS: $verdict in ${secs}s (load average before: $load)" >&2
}

: >"$LOGS/runs.tsv"
for mode in $MODES; do
	git checkout -q -f -B main "$ROOT"
	git clean -qfdx
	policy "$mode" >.hookrc.toml
	git add .hookrc.toml
	git commit -q --no-verify -m "chore: go-bench against the $mode"
	# The policy changed since `install`: the user trusts it again.
	"$HOOKRC_BIN" trust >/dev/null
	if [ "$mode" = baseline ]; then
		"$HOOKRC_BIN" go bench --update >"$LOGS/baseline-update.log" 2>&1 ||
			{ cat "$LOGS/baseline-update.log" >&2; die "hookrc go bench --update failed"; }
		git add -A
		git commit -q --no-verify -m 'chore: the benchmark baseline'
	fi
	BASE=$(git rev-parse HEAD)
	git push -q -f --no-verify origin "$BASE:refs/heads/main"
	git fetch -q origin

	printf '\n// This comment changes no benchmarked code.\n' >>doc.go
	git commit -q --no-verify -am 'docs: a comment'
	for ((i = 1; i <= RUNS; i++)); do gate "$mode" unchanged "$i"; done

	git reset -q --hard "$BASE"
	inject "$K"
	git commit -q --no-verify -am "perf: parse() slower by about $slowdown_pct"
	for ((i = 1; i <= RUNS; i++)); do gate "$mode" slowed "$i"; done
	git reset -q --hard "$BASE"
done

echo "### go-bench gate: $RUNS unchanged and $RUNS slowed pushes per mode"
echo
echo "BurntSushi/toml $(dpkg-query -W -f '${Version}' "$TOML_DEB") (Debian), \`bench = '$BENCH_RE'\` ($benchmarks benchmark), other settings at their defaults; $(go env GOVERSION), $(nproc) cores."
echo "Injected slowdown: K=$K hashing passes over the input in parse(), measured $slowdown_pct."
echo
echo "| against | false failures | slowdowns caught | other outcomes | median gate time (min–max) | median load average |"
echo "| --- | --- | --- | --- | --- | --- |"
for mode in $MODES; do
	times=$(awk -F'\t' -v mode="$mode" '$1 == mode { print $5 }' "$LOGS/runs.tsv" | sort -g)
	med=$(median <<<"$times")
	load=$(awk -F'\t' -v mode="$mode" '$1 == mode { print $6 }' "$LOGS/runs.tsv" | median)
	awk -F'\t' -v mode="$mode" -v runs="$RUNS" -v med="$med" -v load="$load" -v lo="$(head -n1 <<<"$times")" -v hi="$(tail -n1 <<<"$times")" '
		$1 == mode {
			if ($2 == "unchanged" && $4 == "refused") ff++
			if ($2 == "slowed" && $4 == "refused") caught++
			if ($4 == "error" || $4 == "skipped") other = other sprintf("%s %s: %s; ", $2, $3, $4)
		}
		END {
			if (other == "") other = "none"
			printf "| `%s` | %d / %d | %d / %d | %s | %.1f s (%.1f–%.1f) | %.2f |\n", mode, ff, runs, caught, runs, other, med, lo, hi, load
		}' "$LOGS/runs.tsv"
done
echo
echo "Whole run: $(($(date +%s) - started)) s. Logs: $LOGS."
