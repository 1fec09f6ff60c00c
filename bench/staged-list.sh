#!/usr/bin/env bash
# Benchmark: a pre-commit hook handed the staged files of a 100,000-file
# repository.
#
# `hookrc run pre-commit` with one check that is handed the staged names
# (`true`: the check itself costs a process start) against
# `git diff --cached --name-only`, on a repository of 10 x 100 directories x
# 100 files with 5 staged modifications. hookrc lists the staged files
# in-process (gix), walking HEAD and the index together and skipping every
# directory the index's cache-tree proves unchanged, as git does.
# The target: hookrc's file discovery is no slower than git's, bounded at
# 1.5x git's median.
#
# Usage: bench/staged-list.sh [HOOKRC_BIN]
#   HOOKRC_BIN defaults to target/release/hookrc (built here when missing).
#   ROUNDS (default 3) interleaved hyperfine rounds of RUNS (default 30) runs.
# The repository is generated once under bench/work/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
hookrc=$(realpath "${1:-$root/target/release/hookrc}")
rounds=${ROUNDS:-3}
runs=${RUNS:-30}
work=$root/bench/work
repo=$work/staged-100k

command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install -y hyperfine)" >&2; exit 2; }
if [[ $# -eq 0 ]]; then
  cargo build --release --locked --quiet
fi

# Hermetic git: no user or system config, fixed identity.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

if [[ ! -f $repo/.generated ]]; then
  echo "generating $repo (100,000 files, once)..."
  rm -rf "$repo"
  git init -q -b main "$repo"
  python3 - "$repo" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(10):
    for j in range(100):
        d = os.path.join(root, f"d{i}", f"s{j:02d}")
        os.makedirs(d)
        for k in range(100):
            with open(os.path.join(d, f"f{k:02d}.txt"), "w") as f:
                f.write(f"file {i}/{j}/{k}\n")
PY
  git -C "$repo" add -A
  git -C "$repo" -c gc.auto=0 commit -q -m "bench: 100k files"
  for path in d0/s00/f00.txt d2/s17/f42.txt d5/s50/f05.txt d7/s99/f99.txt d9/s03/f33.txt; do
    echo "staged change" >>"$repo/$path"
    git -C "$repo" add "$path"
  done
  touch "$repo/.generated"
fi

# The benchmarked policy, and a second one whose check writes the names it
# is handed, to prove both list the same files. Untracked: not staged.
cat >"$repo/.hookrc.toml" <<'TOML'
[hooks]
pre-commit = ["names"]

[check.names]
run = ["true"]
TOML
mkdir -p "$work/verify"
cat >"$work/verify/.hookrc.toml" <<'TOML'
[hooks]
pre-commit = ["names"]

[check.names]
run = ["sh", "-c", "printf '%s\\n' \"$@\" > @NAMES@", "sh"]
TOML
sed -i "s|@NAMES@|$work/verify/names|" "$work/verify/.hookrc.toml"
staged_git=$(git -C "$repo" diff --cached --name-only | sort)
cp "$repo/.hookrc.toml" "$work/verify/bench.toml"
cp "$work/verify/.hookrc.toml" "$repo/.hookrc.toml"
(cd "$repo" && "$hookrc" run pre-commit >/dev/null)
cp "$work/verify/bench.toml" "$repo/.hookrc.toml"
staged_hookrc=$(sort "$work/verify/names")
if [[ $staged_git != "$staged_hookrc" ]]; then
  echo "hookrc and git disagree on the staged files:" >&2
  diff <(echo "$staged_git") <(echo "$staged_hookrc") >&2 || true
  exit 1
fi
echo "both list $(echo "$staged_git" | wc -l) staged files"

mkdir -p "$work/results"
rm -f "$work"/results/staged-list-*.json
cd "$repo"
for round in $(seq "$rounds"); do
  hyperfine -N --warmup 3 --runs "$runs" --style basic \
    --export-json "$work/results/staged-list-$round.json" \
    --command-name git "git diff --cached --name-only" \
    --command-name hookrc "$hookrc run pre-commit" >/dev/null
done
python3 - "$work"/results/staged-list-*.json <<'PY'
import json, statistics, sys
times = {}
for path in sys.argv[1:]:
    for result in json.load(open(path))["results"]:
        times.setdefault(result["command"], []).extend(result["times"])
cpu = {}
for path in sys.argv[1:]:
    for result in json.load(open(path))["results"]:
        cpu.setdefault(result["command"], []).append((result["user"] + result["system"]) * 1000)
med = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
for name, m in med.items():
    print(f"{name:>7}: median {m:6.2f} ms over {len(times[name])} runs; "
          f"CPU (user+sys, mean per round) {statistics.mean(cpu[name]):5.2f} ms")
print(f"  ratio: hookrc / git = {med['hookrc'] / med['git']:.2f}")
PY
