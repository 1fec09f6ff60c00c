# The Go corpus of go-precommit.sh and go-prepush.sh; sourced, never run.
# Debian's Go source packages, standard library only, laid out under one
# module whose path is `github.com` so every import resolves unchanged.
# shellcheck shell=bash

CORPUS_PACKAGES=(golang-github-klauspost-compress-dev golang-github-cespare-xxhash-dev
	golang-github-emirpasic-gods-dev golang-github-ulikunitz-xz-dev
	golang-github-andybalholm-brotli-dev golang-github-gomarkdown-markdown-dev
	golang-github-burntsushi-toml-dev golang-github-dlclark-regexp2-dev
	golang-github-rivo-uniseg-dev)
CORPUS_SRC=/usr/share/gocode/src/github.com

# Install the source packages that are missing (apt).
install_corpus() {
	local missing=() p
	for p in "${CORPUS_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "bench: apt-get install ${missing[*]}" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

# Copy the corpus into a fresh directory $1 as one module and cd into it:
# the packages' own module files, test data and the one command that
# imports a major-version path (`xxhash/v2`) are dropped.
copy_corpus() {
	rm -rf "$1" && mkdir -p "$1"
	cp -rL "$CORPUS_SRC/." "$1/"
	cd "$1"
	find . \( -name go.mod -o -name go.sum \) -delete
	find . -type d -name testdata -prune -exec rm -rf {} +
	rm -rf cespare/xxhash/xxhsum
	printf 'module github.com\n\ngo 1.21\n' >go.mod
}

# Commit the corpus in the current directory and say what it holds.
commit_corpus() {
	git init -q && git add -A && git commit -q --no-verify -m 'chore: corpus'
	echo "bench: corpus: $(git ls-files '*.go' | wc -l) Go files in $(go list ./... | wc -l) packages" >&2
}

# The corpus committed in $1 without the tests that need the test data it
# drops (or the network), so `go test ./...` passes as a pushed tree must.
build_tested_corpus() {
	copy_corpus "$1"
	local pkg
	for pkg in $(go test -count=1 ./... 2>/dev/null | awk '$1 == "FAIL" && NF >= 2 {print $2}'); do
		rm -f "${pkg#github.com/}"/*_test.go
	done
	go test -count=1 ./... >/dev/null || die "the corpus's tests do not pass"
	commit_corpus
}

# The policy of the pre-push gates on the corpus (Go's test cache off, two
# cross builds); `$1`, if given, is one more line of `[hooks]`.
gates_policy() {
	printf '[hooks]\n%spre-push = ["go-test", "go-build", "go-mod", "go-env"]\n' "${1:+$1
}"
	cat <<'EOF'

[check.go-test]
args = ["-count=1"]

[check.go-build]
targets = ["linux/amd64", "linux/arm64"]

[check.go-env]
allowed-proxies = ["off", "https://proxy.golang.org", "direct"]
EOF
}

# The 7 packages and 20 files the pre-commit benchmarks stage: the first
# files (by name) of the packages below, so every run stages the same set.
STAGED_PKGS=(klauspost/compress/flate klauspost/compress/zstd andybalholm/brotli
	gomarkdown/markdown/parser emirpasic/gods/trees/redblacktree
	dlclark/regexp2/syntax rivo/uniseg)
FILES_PER_PKG=(3 3 3 3 3 3 2)

# Set `staged` to those 20 files and `changed_pkgs` to their 7 packages
# (`./dir`), in the corpus repository of the current directory.
pick_staged() {
	staged=()
	local i some p
	for i in "${!STAGED_PKGS[@]}"; do
		mapfile -t some < <(git ls-files -- "${STAGED_PKGS[$i]}" | grep -E "^${STAGED_PKGS[$i]}/[^/]+\.go$" | head -n "${FILES_PER_PKG[$i]}")
		staged+=("${some[@]}")
	done
	[ ${#staged[@]} -eq 20 ] || die "expected 20 staged files, got ${#staged[@]}"
	changed_pkgs=()
	for p in "${STAGED_PKGS[@]}"; do changed_pkgs+=("./$p"); done
}
