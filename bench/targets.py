#!/usr/bin/env python3
"""Compare the measured medians with the targets of issues 2 and 3.

Reads the hyperfine rounds and memory files that the benchmark scripts left
in RESULTS_DIR and prints one markdown row per target: what is measured, the
target, the measurement, and whether it is met. A target whose measurement
is missing (hookrc lacked the feature, the script was not run) says so.

    targets.py RESULTS_DIR
"""

import glob
import json
import os
import statistics
import sys

MSG_KINDS = ["valid-short", "valid-body", "valid-editor", "invalid"]
HOOKRC_MSG = ["hookrc as commit-msg hook", "hookrc run commit-msg"]


def medians(results_dir, name):
    """Median of the per-round medians of each command (seconds)."""
    per = {}
    for path in sorted(glob.glob(os.path.join(results_dir, f"{name}.round-*.json"))):
        with open(path, encoding="utf-8") as f:
            for r in json.load(f)["results"]:
                per.setdefault(r["command"], []).append(r["median"])
    return {cmd: statistics.median(v) for cmd, v in per.items()}


def memory(results_dir, name):
    path = os.path.join(results_dir, f"{name}-memory.tsv")
    out = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                tool, mb, _status = line.rstrip("\n").split("\t")
                out[tool] = float(mb)
    return out


def row(what, target, value, met):
    if value is None:
        print(f"| {what} | {target} | not measured | — |")
    else:
        print(f"| {what} | {target} | {value} | {'met' if met else '**missed**'} |")


def main():
    results = sys.argv[1]
    print("| target | wanted | measured | |")
    print("|---|---|---:|---|")

    idle = medians(results, "idle-commit")
    if "hookrc" in idle and "git" in idle:
        d = (idle["hookrc"] - idle["git"]) * 1000
        peers = ", ".join(
            f"{p} {(idle[p] - idle['git']) * 1000:+.1f}" for p in ("prek", "lefthook", "pre-commit") if p in idle
        )
        row("idle hook through `git commit`, added to git alone "
            f"({idle['git'] * 1000:.1f} ms; peers: {peers})", "≤ +1.5 ms", f"{d:+.2f} ms", d <= 1.5)
    else:
        row("idle hook through `git commit`, added to git alone", "≤ +1.5 ms", None, False)

    hand = medians(results, "idle-by-hand")
    if "hookrc" in hand:
        ms = hand["hookrc"] * 1000
        ref = f"`#!/bin/sh` hook {hand['sh'] * 1000:.2f} ms" if "sh" in hand else ""
        row(f"idle hook run by hand ({ref})", "≤ 2 ms", f"{ms:.2f} ms", ms <= 2.0)
    else:
        row("idle hook run by hand", "≤ 2 ms", None, False)

    mem = memory(results, "idle")
    if "hookrc" in mem:
        row("peak memory of an idle hook", "< 10 MB", f"{mem['hookrc']:.1f} MB", mem["hookrc"] < 10)
    else:
        row("peak memory of an idle hook", "< 10 MB", None, False)

    staged = medians(results, "staged-files")
    git = staged.get("git diff --cached --name-only")
    hook = staged.get("hookrc (as the pre-commit hook)")
    if git and hook:
        row(f"5 staged of 100,000 files, hook handed the names (git diff: {git * 1000:.1f} ms)",
            "≤ 1.5× git", f"{hook / git:.2f}× ({hook * 1000:.1f} ms)", hook / git <= 1.5)
    else:
        row("5 staged of 100,000 files, hook handed the names", "≤ 1.5× git", None, False)

    for kind in MSG_KINDS:
        m = medians(results, f"msg-{kind}")
        for cmd in HOOKRC_MSG:
            if cmd in m:
                ms = m[cmd] * 1000
                row(f"commit-msg end to end, `{kind}`: {cmd}", "≤ 1.5 ms", f"{ms:.2f} ms", ms <= 1.5)
            else:
                row(f"commit-msg end to end, `{kind}`: {cmd}", "≤ 1.5 ms", None, False)

    lint = medians(results, "lint-hookrc")
    if "hookrc lint-commits" in lint:
        rate = 10000 / lint["hookrc lint-commits"]
        row("lint-commits over 10,000 commits", "≥ 50,000 commits/s", f"{rate:,.0f} commits/s", rate >= 50000)
    else:
        row("lint-commits over 10,000 commits", "≥ 50,000 commits/s", None, False)
    lmem = memory(results, "lint")
    if "hookrc lint-commits" in lmem:
        v = lmem["hookrc lint-commits"]
        row("lint-commits peak memory", "< 50 MB", f"{v:.1f} MB", v < 50)
    else:
        row("lint-commits peak memory", "< 50 MB", None, False)


if __name__ == "__main__":
    main()
