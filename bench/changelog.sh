#!/usr/bin/env bash
# Changelog generation: `hookrc changelog` against git-cliff
# (its default configuration, `git cliff --init`) and `cog changelog` on the
# same repository: 10,000 Conventional Commits (git fast-import) with a
# version tag every 100 commits (100 tags), every release rendered to stdout.
#
# git-cliff is timed as its native binary (the npm package's platform
# binary), not through the package's node wrapper; cocogitto when `cog` is
# installed (`bench/setup.sh`, or any `cog` on PATH), with `tag_prefix = "v"` so that
# it sees the same 100 releases. All three print every release to stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

REPO=$WORK/changelog
MARK=$REPO/.git/bench-complete
N_COMMITS=10000
EVERY=100

# The npm package's native binary (the wrapper costs a node start).
cliff_bin() {
	local root
	root=$(npm root -g 2>/dev/null) || return 1
	for candidate in "$root/git-cliff/node_modules/git-cliff-linux-x64/bin/git-cliff" \
		"$root/git-cliff-linux-x64/bin/git-cliff"; do
		[ -x "$candidate" ] && { echo "$candidate"; return 0; }
	done
	command -v git-cliff
}

# Ten kinds of commits, scopes on some, a breaking change every 97th.
message() {
	local i=$1
	local types=(feat fix docs refactor perf test chore ci style build)
	local type=${types[$((i % 10))]}
	local scope=""
	[ $((i % 3)) = 0 ] && scope="(mod$((i % 7)))"
	if [ $((i % 97)) = 0 ]; then
		printf '%s%s!: change number %d\n\nBREAKING CHANGE: interface %d changed\n' "$type" "$scope" "$i" "$i"
	else
		printf '%s%s: change number %d\n\nA body line for change %d.\n' "$type" "$scope" "$i" "$i"
	fi
}

build_repo() {
	[ -f "$MARK" ] && return 0
	rm -rf "$REPO"
	git init --quiet "$REPO"
	local i msg
	{
		for i in $(seq 1 "$N_COMMITS"); do
			msg=$(message "$i")
			printf 'commit refs/heads/main\nmark :%d\ncommitter bench <bench@example.com> %d +0000\n' "$i" $((1700000000 + i * 60))
			printf 'data %d\n%s\n' $((${#msg} + 1)) "$msg"
			[ "$i" -gt 1 ] && printf 'from :%d\n' $((i - 1))
			printf 'M 644 inline f.txt\ndata %d\n%d\n\n' $((${#i} + 1)) "$i"
			if [ $((i % EVERY)) = 0 ]; then
				printf 'reset refs/tags/v0.%d.0\nfrom :%d\n\n' $((i / EVERY)) "$i"
			fi
		done
	} | git -C "$REPO" fast-import --quiet
	git -C "$REPO" reset --quiet --hard main
	(cd "$REPO" && git-cliff --init >/dev/null 2>&1)
	# cocogitto reads tags as bare versions unless told about the `v`.
	printf 'tag_prefix = "v"\n' >"$REPO/cog.toml"
	touch "$MARK"
}

require_hookrc
build_repo
CLIFF=$(cliff_bin) || die "git-cliff is not installed (npm install -g git-cliff)"
echo "repository: $(git -C "$REPO" rev-list --count HEAD) commits, $(git -C "$REPO" tag | wc -l) tags" >&2
echo "git-cliff: $("$CLIFF" --version)" >&2

commands=(
	-n hookrc "$HOOKRC_BIN changelog"
	-n git-cliff "$CLIFF --config cliff.toml"
)
if [ -x "${COG_BIN:-}" ] || command -v cog >/dev/null; then
	cog=$([ -x "${COG_BIN:-}" ] && echo "$COG_BIN" || command -v cog)
	echo "cocogitto: $("$cog" --version)" >&2
	commands+=(-n cog "$cog changelog")
else
	echo "cocogitto: not installed, left out (bench/setup.sh installs it)" >&2
fi

cd "$REPO"
HF_PART="" hf changelog -N --warmup 2 --runs "${RUNS:-10}" --output=null "${commands[@]}"
python3 "$BENCH_DIR/summarize.py" "$WORK/results" changelog --ratio hookrc
