#!/usr/bin/env bash
# How hookrc scales with the number of checks: a pre-commit hook of N custom
# checks `run = ["true"]`, one staged file, run as `hookrc run pre-commit`
# with the verdict cache off (every check starts its process). For each N in
# NS (default 1000 3000 10000), the binaries in HOOKRC_BINS (default
# HOOKRC_BIN; several, space-separated, to compare builds side by side) run
# in turn, ROUNDS times; prints the median wall and CPU (user + system,
# children included) time per check and the median peak RSS.
# Run on its own (not in run-all.sh): N=10000 takes about 10 s a run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

D=$WORK/many-checks
NS=${NS:-1000 3000 10000}
read -r -a BINS <<<"${HOOKRC_BINS:-$HOOKRC_BIN}"
for bin in "${BINS[@]}"; do [ -x "$bin" ] || die "no hookrc binary at $bin"; done

make_repo() {
	local dir=$1 n=$2 i
	[ -f "$dir/.ready" ] && return
	rm -rf "$dir" && mkdir -p "$dir"
	(
		cd "$dir" && git init -q
		{
			printf '[hooks]\npre-commit = ['
			for ((i = 0; i < n; i++)); do printf '"c%d",' "$i"; done
			printf ']\n'
			for ((i = 0; i < n; i++)); do printf '\n[check.c%d]\nrun = ["true"]\n' "$i"; done
		} >.hookrc.toml
		echo one >a.txt && git add -A && git commit -q --no-verify -m 'chore: init'
		echo two >a.txt && git add a.txt
	)
	touch "$dir/.ready"
}

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

echo "| N | binary | ms/check (wall) | ms/check (CPU) | peak RSS MB | runs |"
echo "| --- | --- | --- | --- | --- | --- |"
for n in $NS; do
	make_repo "$D/$n" "$n"
	declare -A wall=() cpu=() rss=()
	for ((r = 0; r < ROUNDS; r++)); do
		for bin in "${BINS[@]}"; do
			(cd "$D/$n" && "$bin" trust >/dev/null 2>&1 &&
				HOOKRC_CACHE=0 /usr/bin/time -f '%e %U %S %M' -o "$WORK/many.time" "$bin" run pre-commit >/dev/null 2>&1) ||
				die "$bin failed on $n checks"
			read -r e u s m <"$WORK/many.time"
			wall[$bin]+="$e "
			cpu[$bin]+="$(echo "$u $s" | awk '{print $1 + $2}') "
			rss[$bin]+="$m "
		done
	done
	for bin in "${BINS[@]}"; do
		w=$(tr ' ' '\n' <<<"${wall[$bin]}" | grep . | median)
		c=$(tr ' ' '\n' <<<"${cpu[$bin]}" | grep . | median)
		m=$(tr ' ' '\n' <<<"${rss[$bin]}" | grep . | median)
		awk -v n="$n" -v b="$bin" -v w="$w" -v c="$c" -v m="$m" -v r="$ROUNDS" \
			'BEGIN {printf "| %d | `%s` | %.2f | %.2f | %.1f | %d |\n", n, b, w * 1000 / n, c * 1000 / n, m * 1024 / 1e6, r}'
	done
	unset wall cpu rss
done
