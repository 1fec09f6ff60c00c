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
