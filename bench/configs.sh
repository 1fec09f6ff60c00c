# Equivalent pre-commit configurations for hookrc, lefthook, pre-commit and
# prek, and their hook installation; sourced by the benchmark scripts.
# shellcheck shell=bash

# write_configs EXT CMD...: in the current directory, one pre-commit check per
# tool that runs CMD with the staged files ending in .EXT appended.
write_configs() {
	local ext=$1; shift
	local toml_argv="" yaml_cmd="$*" arg
	for arg in "$@"; do toml_argv+="${toml_argv:+, }\"$arg\""; done
	cat >.hookrc.toml <<EOF
[hooks]
pre-commit = ["check"]

[check.check]
run = [$toml_argv]
files = ["*.$ext"]
EOF
	cat >lefthook.yml <<EOF
pre-commit:
  commands:
    check:
      glob: "*.$ext"
      run: $yaml_cmd {staged_files}
EOF
	cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: local
    hooks:
      - id: check
        name: check
        entry: "$yaml_cmd"
        language: system
        files: '\\.$ext\$'
EOF
}

# install_hook TOOL: install TOOL's pre-commit hook in the current repository
# (TOOL "git": none; "sh": a `#!/bin/sh` hook that exits 0).
install_hook() {
	local hook=.git/hooks/pre-commit
	rm -f .git/hooks/*.sample
	case $1 in
	git) ;;
	sh) printf '#!/bin/sh\nexit 0\n' >"$hook" && chmod +x "$hook" ;;
	hookrc) "$HOOKRC_BIN" install >/dev/null 2>&1 || ln -sf "$HOOKRC_BIN" "$hook" ;;
	lefthook) "$LEFTHOOK_BIN" install >/dev/null ;;
	pre-commit) "$PRE_COMMIT_BIN" install >/dev/null ;;
	prek) "$PREK_BIN" install >/dev/null ;;
	*) die "unknown tool $1" ;;
	esac
}

# verify_equivalence TOOL...: prove the configs select the same files: with
# `test -z` as the check (it fails when handed any file name), each tool's
# hook must pass a commit staging only a .md file and refuse one staging a
# file in a subdirectory with the benchmarked extension.
verify_equivalence() {
	local ext=$1; shift
	local tool dir
	for tool in "$@"; do
		dir=$WORK/verify/$tool
		rm -rf "$dir" && mkdir -p "$dir/sub/dir"
		(
			cd "$dir" && git init -q && write_configs "$ext" test -z && git add -A &&
				git commit -q --no-verify -m 'chore: initial' && install_hook "$tool" &&
				echo a >notes.md && git add notes.md && git commit -q -m 'docs: md only' >/dev/null 2>&1
		) || die "$tool: a commit with no matching file was refused"
		if (cd "$dir" && echo a >"sub/dir/x.$ext" && git add -A && git commit -q -m 'feat: x' >/dev/null 2>&1); then
			die "$tool: the check was not handed the staged .$ext file"
		fi
	done
	echo "bench: configs verified equivalent for: $*" >&2
}
