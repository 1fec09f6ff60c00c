#!/usr/bin/env bash
# Run every benchmark and print docs/benchmarks.md-ready sections on stdout
# (hyperfine's progress goes to stderr). Build hookrc first:
#   cargo build --release && bench/run-all.sh > bench/work/report.md
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$BENCH_DIR/setup.sh" >/dev/null

echo "## Machine"
echo
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores"
echo "- Memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "- Kernel: $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: other builds may run alongside)"
echo
echo "## Versions"
echo
cat "$WORK/results/versions.md"
echo
echo "## Idle hook"
echo
"$BENCH_DIR/idle-hook.sh"
echo
echo "## Start-up"
echo
"$BENCH_DIR/startup.sh"
echo
echo "## Staged files on a 100,000-file repository"
echo
"$BENCH_DIR/staged-files.sh"
echo
echo "## Commit messages"
echo
"$BENCH_DIR/commit-msg.sh"
echo
echo "## Targets (issues 2 and 3)"
echo
python3 "$BENCH_DIR/targets.py" "$WORK/results"
echo
echo "Load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
