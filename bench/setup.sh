#!/usr/bin/env bash
# Install the tools hookrc is compared with, reproducibly and project-locally,
# under bench/work/ (gitignored). Idempotent: what is installed is skipped.
# Prints the versions it ends up with.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Pinned peer versions (commitlint 21 needs Node 22; Debian 12 ships Node 20).
LEFTHOOK_VERSION=2.2.2
COMMITLINT_VERSION=20.5.3
PRE_COMMIT_VERSION=4.7.0
PREK_VERSION=0.5.11
GITLINT_VERSION=0.19.1
COCOGITTO_VERSION=7.0.0

log() { echo "setup: $*" >&2; }

# cocogitto compiles for minutes on 2 cores: start it first, in the background.
cog_pid=
if [ ! -x "$COG_BIN" ]; then
	log "building cocogitto $COCOGITTO_VERSION in the background (log: $WORK/cog-install.log)"
	nice -n 19 cargo install --locked --quiet "cocogitto@$COCOGITTO_VERSION" --root "$WORK/cargo" \
		>"$WORK/cog-install.log" 2>&1 &
	cog_pid=$!
fi

missing_apt=()
command -v hyperfine >/dev/null || missing_apt+=(hyperfine)
[ -x /usr/bin/time ] || missing_apt+=(time)
command -v node >/dev/null || missing_apt+=(nodejs npm)
if [ ${#missing_apt[@]} -gt 0 ]; then
	log "apt-get install ${missing_apt[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_apt[@]}" >/dev/null
fi

if [ ! -x "$LEFTHOOK_BIN" ] || [ ! -x "$COMMITLINT_BIN" ]; then
	log "npm: lefthook, commitlint"
	mkdir -p "$WORK/npm"
	[ -f "$WORK/npm/package.json" ] || echo '{"name":"hookrc-bench-peers","private":true}' >"$WORK/npm/package.json"
	# --ignore-scripts: lefthook's postinstall would install hooks into the
	# enclosing repository (this one); its native binary comes as a dependency.
	(cd "$WORK/npm" && LEFTHOOK=0 npm install --ignore-scripts --no-audit --no-fund --save-exact --loglevel=error \
		"lefthook@$LEFTHOOK_VERSION" \
		"@commitlint/cli@$COMMITLINT_VERSION" \
		"@commitlint/config-conventional@$COMMITLINT_VERSION" >/dev/null)
fi

if [ ! -x "$PRE_COMMIT_BIN" ] || [ ! -x "$PREK_BIN" ] || [ ! -x "$GITLINT_BIN" ]; then
	log "PyPI: pre-commit, prek, gitlint (venv $WORK/venv)"
	[ -x "$WORK/venv/bin/pip" ] || python3 -m venv "$WORK/venv"
	"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check \
		"pre-commit==$PRE_COMMIT_VERSION" "prek==$PREK_VERSION" "gitlint==$GITLINT_VERSION"
fi

if [ -n "$cog_pid" ]; then
	log "waiting for cocogitto"
	wait "$cog_pid" || die "cocogitto install failed, see $WORK/cog-install.log"
fi

{
	echo "| tool | version |"
	echo "|---|---|"
	echo "| git | $(git --version | awk '{print $3}') |"
	echo "| hyperfine | $(hyperfine --version | awk '{print $2}') |"
	echo "| node | $(node --version) |"
	echo "| lefthook | $("$LEFTHOOK_BIN" version) (native binary from npm) |"
	echo "| commitlint | $("$COMMITLINT_BIN" --version | sed 's/.*@//') (+ config-conventional) |"
	echo "| pre-commit | $("$PRE_COMMIT_BIN" --version | awk '{print $2}') (Python $("$WORK/venv/bin/python" -c 'import platform; print(platform.python_version())')) |"
	echo "| prek | $("$PREK_BIN" --version | awk '{print $2}') |"
	echo "| gitlint | $("$GITLINT_BIN" --version | awk '{print $3}') |"
	echo "| cocogitto (cog) | $("$COG_BIN" --version | awk '{print $2}') |"
	if have_hookrc; then
		echo "| hookrc | $("$HOOKRC_BIN" --version 2>/dev/null | awk '{print $2}') ($(git -C "$REPO_ROOT" rev-parse --short HEAD), release build) |"
	else
		echo "| hookrc | not built ($HOOKRC_BIN) |"
	fi
} | tee "$WORK/results/versions.md"
