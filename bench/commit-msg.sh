#!/usr/bin/env bash
# Commit-message checks.
#
# 1. The commit-msg check end to end (process start to exit) on the same
#    message files: `hookrc run commit-msg FILE` and hookrc started as the
#    `commit-msg` hook vs `commitlint --edit FILE` (config-conventional),
#    `cog verify --file FILE`, `gitlint --msg-filename FILE` (with its
#    Conventional Commits contrib rule) and a bare process start (`true`).
# 2. `hookrc lint-commits` over 10,000 generated commits vs
#    `commitlint --from --to` and `cog check` on the same range:
#    commits per second and peak memory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

D=$WORK/msg
MSGS=$D/messages
HIST=$WORK/history
MARK=$HIST/.git/bench-complete
N_COMMITS=10000

write_messages() {
	mkdir -p "$MSGS"
	printf 'fix(parser): accept an empty body\n' >"$MSGS/valid-short"
	cat >"$MSGS/valid-body" <<'EOF'
feat(api)!: send a retry-after header on 429 responses

Clients were polling in tight loops when rate limited. The header tells
them how long to wait; the value comes from the limiter's refill time.

Refs: #1234
Reviewed-by: Alice <alice@example.com>
BREAKING CHANGE: 429 responses no longer carry a JSON body.
EOF
	# What `git commit -v` hands the hook: comments and the scissors section.
	cat >"$MSGS/valid-editor" <<'EOF'
docs: explain the cache layout

# Please enter the commit message for your changes. Lines starting
# with '#' will be ignored, and an empty message aborts the commit.
#
# On branch main
# Changes to be committed:
#	modified:   README.md
#
# ------------------------ >8 ------------------------
# Do not modify or remove the line above.
# Everything below it will be ignored.
diff --git a/README.md b/README.md
index 3b18e51..a042389 100644
--- a/README.md
+++ b/README.md
@@ -1 +1,2 @@
 hello world
+cache layout
EOF
	printf 'Fixed the bug.\n\nIt was bad.\n' >"$MSGS/invalid"
}

make_msg_repo() {
	rm -rf "$D" && mkdir -p "$D"
	cd "$D"
	git init -q
	echo '{"extends": ["@commitlint/config-conventional"]}' >.commitlintrc.json
	printf '[general]\ncontrib=contrib-title-conventional-commits\n# Conventional Commits do not require a body.\nignore=body-is-missing\n' >.gitlint
	ln -s "$WORK/npm/node_modules" node_modules
	echo node_modules >.git/info/exclude
	git add -A && git commit -q -m 'chore: initial'
	write_messages
	mkdir -p "$WORK/bin"
	have_hookrc && ln -sf "$HOOKRC_BIN" "$WORK/bin/commit-msg"
	return 0
}

# The commands per message file, as `-n NAME CMD` triples for hyperfine:
# FAST (milliseconds) and SLOW (hundreds of milliseconds: fewer runs); CMDS
# holds both.
msg_commands() {
	local f=$1
	FAST=(-n "true (process start)" "true")
	if [ "$HOOKRC_MSG" = 1 ]; then
		FAST+=(-n "hookrc run commit-msg" "$HOOKRC_BIN run commit-msg $f")
		FAST+=(-n "hookrc as commit-msg hook" "$WORK/bin/commit-msg $f")
	fi
	FAST+=(-n "cog verify --file" "$COG_BIN verify --file $f")
	SLOW=(-n "gitlint --msg-filename" "$GITLINT_BIN --msg-filename $f")
	SLOW+=(-n "commitlint --edit" "$COMMITLINT_BIN --edit $f")
	CMDS=("${FAST[@]}" "${SLOW[@]}")
}

# Each tool's verdict (exit status) per message, so the timings compare
# tools that agree (or say where they do not).
verdicts() {
	local kind i
	echo "| message | $(for ((i = 1; i < ${#CMDS[@]}; i += 3)); do printf '%s | ' "${CMDS[i]}"; done)"
	echo "|---|$(for ((i = 1; i < ${#CMDS[@]}; i += 3)); do printf -- '---:|'; done)"
	for kind in valid-short valid-body valid-editor invalid; do
		msg_commands "$MSGS/$kind"
		printf '| %s | ' "$kind"
		for ((i = 1; i < ${#CMDS[@]}; i += 3)); do
			# shellcheck disable=SC2086
			(${CMDS[i + 1]} >/dev/null 2>&1) && printf 'pass | ' || printf 'exit %s | ' "$?"
		done
		echo
	done
}

bench_messages() {
	local kind
	for kind in valid-short valid-body valid-editor invalid; do
		msg_commands "$MSGS/$kind"
		rm -f "$WORK/results/msg-$kind".round-*.json
		HF_PART=fast hf "msg-$kind" -N -i --warmup 3 --runs "${RUNS:-30}" "${FAST[@]}"
		HF_PART=slow hf "msg-$kind" -N -i --warmup 1 --runs "${SLOW_RUNS:-5}" "${SLOW[@]}"
	done
}

# 10,000 conventional commits after a tagged base; every 1,000th is invalid.
history_stream() {
	python3 - "$N_COMMITS" <<'EOF'
import sys
n = int(sys.argv[1])
out = sys.stdout.buffer
types = ["feat", "fix", "docs", "refactor", "perf", "test", "build", "ci", "chore"]
scopes = [None, "api", "cli", "parser", "git"]
def commit(i, msg, parent):
    out.write(b"commit refs/heads/main\nmark :%d\n" % (i + 1))
    out.write(b"committer bench <bench@example.com> %d +0000\n" % (1700000000 + i))
    out.write(b"data %d\n" % len(msg) + msg + b"\n")
    if parent:
        out.write(b"from :%d\n" % i)
    body = b"change %d\n" % i
    out.write(b"M 100644 inline file%d.txt\ndata %d\n" % (i % 50, len(body)) + body + b"\n")
commit(0, b"chore: base\n", False)
out.write(b"reset refs/tags/bench-base\nfrom :1\n\n")
for i in range(1, n + 1):
    if i % 1000 == 0:
        msg = b"Updated things %d\n" % i
    else:
        t = types[i % len(types)]
        s = scopes[i % len(scopes)]
        head = (b"%s(%s)" % (t.encode(), s.encode())) if s else t.encode()
        msg = head + b": change number %d of the generated history\n" % i
        if i % 3 == 0:
            msg += b"\nA body paragraph that explains the change in a few words,\nwrapped well under the line limit.\n"
        if i % 7 == 0:
            msg += b"\nRefs: #%d\n" % i
    commit(i, msg, True)
EOF
}

make_history() {
	echo "bench: generating $N_COMMITS commits in $HIST" >&2
	rm -rf "$HIST" && mkdir -p "$HIST"
	cd "$HIST"
	git init -q
	history_stream | git fast-import --quiet
	git reset -q --hard main
	echo '{"extends": ["@commitlint/config-conventional"]}' >.commitlintrc.json
	ln -s "$WORK/npm/node_modules" node_modules
	printf '.commitlintrc.json\nnode_modules\n' >.git/info/exclude
	[ "$(git rev-list --count bench-base..HEAD)" = "$N_COMMITS" ] || die "history has the wrong length"
	touch "$MARK"
}

bench_history() {
	[ -f "$MARK" ] || make_history
	cd "$HIST"
	local args=()
	if [ "$HOOKRC_LINT" = 1 ]; then
		args=(-n "hookrc lint-commits" "$HOOKRC_BIN lint-commits bench-base..HEAD")
		hf lint-hookrc -N -i --warmup 2 --runs "${RUNS:-20}" "${args[@]}"
	fi
	hf lint-cog -N -i --warmup 1 --runs "${SLOW_RUNS:-5}" -n "cog check" "$COG_BIN check bench-base..HEAD"
	ROUNDS=1 hf lint-commitlint -N -i --warmup 0 --runs "${SLOW_RUNS:-3}" \
		-n "commitlint --from --to" "$COMMITLINT_BIN --from bench-base --to HEAD"
}

history_memory() {
	local out=$WORK/results/lint-memory.tsv
	rm -f "$out"
	echo "| command | peak RSS (MB) | exit status |"
	echo "|---|---:|---:|"
	if [ "$HOOKRC_LINT" = 1 ]; then
		record_rss "$out" "hookrc lint-commits" "$HIST" "$HOOKRC_BIN" lint-commits bench-base..HEAD
	fi
	record_rss "$out" "cog check" "$HIST" "$COG_BIN" check bench-base..HEAD
	RSS_RUNS=1 record_rss "$out" "commitlint --from --to" "$HIST" "$COMMITLINT_BIN" --from bench-base --to HEAD
}

summary() {
	local kind
	for kind in valid-short valid-body valid-editor invalid; do
		echo "#### Message \`$kind\`"
		python3 "$BENCH_DIR/summarize.py" "$WORK/results" "msg-$kind" --ratio "true (process start)"
		echo
	done
	echo "### lint-commits over $N_COMMITS commits"
	for name in lint-hookrc lint-cog lint-commitlint; do
		[ -f "$WORK/results/$name.round-1.json" ] || continue
		python3 "$BENCH_DIR/summarize.py" "$WORK/results" "$name" --items "$N_COMMITS" --unit commits
		echo
	done
}

# Which of hookrc's commands this build has: its commit-msg check must pass
# the valid message and refuse the invalid one (exit 1) to be compared.
probe_hookrc() {
	HOOKRC_MSG=0 HOOKRC_LINT=0
	if ! have_hookrc; then
		echo "bench: no hookrc at $HOOKRC_BIN: measuring the peers only" >&2
		return
	fi
	if "$HOOKRC_BIN" run commit-msg "$MSGS/valid-short" >/dev/null 2>&1 &&
		{ "$HOOKRC_BIN" run commit-msg "$MSGS/invalid" >/dev/null 2>&1; [ $? = 1 ]; }; then
		HOOKRC_MSG=1
	else
		echo "bench: this hookrc has no working commit-msg check: left out" >&2
	fi
	if "$HOOKRC_BIN" lint-commits --help >/dev/null 2>&1; then
		HOOKRC_LINT=1
	else
		echo "bench: this hookrc has no lint-commits: left out" >&2
	fi
}

main() {
	make_msg_repo
	cd "$D"
	probe_hookrc
	msg_commands "$MSGS/valid-short"
	local verdict_table
	verdict_table=$(verdicts)
	bench_messages
	bench_history
	echo "### commit-msg check end to end"
	echo
	echo "Verdicts (exit status per tool and message):"
	echo
	echo "$verdict_table"
	echo
	summary
	echo "Peak memory over $N_COMMITS commits (median of 5; commitlint: 1 run):"
	echo
	history_memory
}

main "$@"
