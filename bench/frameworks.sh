#!/usr/bin/env bash
# The shipped binaries: the idle pre-commit hook through
# `git commit`, side by side in one run, for hookrc from the wheel
# (scripts/build-wheel: zig-linked for glibc 2.17) and from `cargo install`,
# against no hook and a `#!/bin/sh` hook that exits 0. Then the first-time
# install under pre-commit (empty store, `pre-commit install-hooks`) of the
# `language: rust` id (cargo install from a clone of this repository, an
# empty target directory: what a user's first run costs) and of the wheel
# id (`language: python`, the wheel as its dependency).
#
# Every repository holds a Go module and `.hookrc.toml` with
# `pre-commit = ["go-fmt"]`; each commit stages one `.md` file, so the
# hook has nothing to run. INSTALL_RUNS (default 1) first-time installs each;
# PART=idle or PART=install runs one half.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

D=$WORK/frameworks
TOOLS=(git sh wheel cargo-install)
REPOS=("${TOOLS[@]}" hand)

build() {
	"$REPO_ROOT/scripts/build-wheel" >&2
	WHEEL=$(ls "$REPO_ROOT"/target/wheels/hookrc-*manylinux2014_x86_64*.whl)
	rm -rf "$D" && mkdir -p "$D"
	python3 -m venv "$D/venv"
	"$D/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$WHEEL"
	# cargo install's release build, reusing the repository's target/.
	CARGO_TARGET_DIR=$REPO_ROOT/target cargo install --quiet --locked --path "$REPO_ROOT" --root "$D/cargo"
	echo "wheel: $(du -h "$WHEEL" | cut -f1) $WHEEL" >&2
}

binary() {
	case $1 in
	wheel) echo "$D/venv/bin/hookrc" ;;
	cargo-install) echo "$D/cargo/bin/hookrc" ;;
	esac
}

make_repos() {
	cat >"$D/stage.sh" <<'EOS'
#!/bin/sh
# Stage a change to notes.md only (not measured: hyperfine --prepare).
cd "$1" && date +%s%N >>notes.md && git add notes.md
EOS
	chmod +x "$D/stage.sh"
	local tool
	for tool in "${REPOS[@]}"; do
		mkdir -p "$D/$tool"
		(
			cd "$D/$tool" && git init -q
			printf 'module example.com/idle\n\ngo 1.21\n' >go.mod
			printf 'package idle\n' >idle.go
			printf '[hooks]\npre-commit = ["go-fmt"]\n' >.hookrc.toml
			printf 'notes\n' >notes.md
			git add -A && git commit -q --no-verify -m 'chore: initial'
			case $tool in
			git | hand) ;;
			sh) printf '#!/bin/sh\nexit 0\n' >.git/hooks/pre-commit && chmod +x .git/hooks/pre-commit ;;
			*) "$(binary "$tool")" install pre-commit >/dev/null ;;
			esac
		)
	done
	for tool in wheel cargo-install; do
		[ "$(readlink "$D/$tool/.git/hooks/pre-commit")" = "$(binary "$tool")" ] || die "$tool: the hook is not its binary"
	done
}

bench_idle() {
	local args=() tool
	for tool in "${TOOLS[@]}"; do
		"$D/stage.sh" "$D/$tool"
		(cd "$D/$tool" && git commit -q -m 'docs: smoke') || die "$tool: hook failed on an idle commit"
		args+=(-n "$tool" --prepare "$D/stage.sh $D/$tool" "git -C $D/$tool commit -q -m docs:note")
	done
	hf shipped-idle -N --warmup 5 --runs "${RUNS:-40}" "${args[@]}"
}

# By hand, without git's own cost: each installed hook executed directly in
# the "hand" repository (a symlinked hook dispatches on its file name).
bench_by_hand() {
	local args=(-n "true (process start)" "true") tool
	for tool in sh wheel cargo-install; do
		args+=(-n "$tool" "$D/$tool/.git/hooks/pre-commit")
	done
	"$D/stage.sh" "$D/hand"
	(cd "$D/hand" && hf shipped-by-hand -N --warmup 5 --runs "${RUNS:-40}" "${args[@]}")
}

# A clone of this repository's HEAD for `repo:` (the framework clones it).
source_clone() {
	rm -rf "$D/source" && git clone -q "$REPO_ROOT" "$D/source"
	git -C "$D/source" rev-parse HEAD
}

bench_install() {
	local rev wheel repo=$D/install pre_commit=$PRE_COMMIT_BIN
	# bench/setup.sh's pre-commit, else the one scripts/test installs.
	[ -x "$pre_commit" ] || pre_commit=$REPO_ROOT/.venv/bin/pre-commit
	rev=$(source_clone)
	wheel=$(ls "$REPO_ROOT"/target/wheels/hookrc-*manylinux2014_x86_64*.whl)
	rm -rf "$repo" && mkdir -p "$repo/rust" "$repo/wheel"
	printf 'repos:\n- repo: %s\n  rev: %s\n  hooks:\n  - id: go-fmt\n' "$D/source" "$rev" >"$repo/rust/.pre-commit-config.yaml"
	printf 'repos:\n- repo: local\n  hooks:\n  - id: go-fmt\n    name: go-fmt\n    entry: hookrc check go-fmt\n    language: python\n    additional_dependencies: ["%s"]\n    types: [go]\n' "$wheel" >"$repo/wheel/.pre-commit-config.yaml"
	local kind
	for kind in rust wheel; do
		(cd "$repo/$kind" && git init -q && git add -A && git commit -q --no-verify -m 'chore: initial')
	done
	# Each run starts from an empty store and (rust) an empty target dir.
	cat >"$D/fresh.sh" <<EOS
#!/bin/sh
rm -rf "$D/store" "$D/target"
EOS
	chmod +x "$D/fresh.sh"
	ROUNDS=1 hf first-install -N --runs "${INSTALL_RUNS:-1}" \
		-n "rust id (cargo install)" --prepare "$D/fresh.sh" \
		"env PRE_COMMIT_HOME=$D/store CARGO_TARGET_DIR=$D/target sh -c 'cd $repo/rust && $pre_commit install-hooks'" \
		-n "wheel id (pip)" --prepare "$D/fresh.sh" \
		"env PRE_COMMIT_HOME=$D/store sh -c 'cd $repo/wheel && $pre_commit install-hooks'"
}

main() {
	local part=${PART:-all}
	build
	if [ "$part" != install ]; then
		make_repos
		bench_idle
		echo "### Idle pre-commit hook through \`git commit\`: the shipped binaries"
		python3 "$BENCH_DIR/summarize.py" "$WORK/results" shipped-idle --delta sh --ratio git
		echo
		bench_by_hand
		echo "### Idle pre-commit hook run by hand: the shipped binaries"
		python3 "$BENCH_DIR/summarize.py" "$WORK/results" shipped-by-hand --delta sh --ratio sh
		echo
	fi
	if [ "$part" != idle ]; then
		bench_install
		echo "### First-time install under pre-commit"
		python3 "$BENCH_DIR/summarize.py" "$WORK/results" first-install
	fi
}

main "$@"
