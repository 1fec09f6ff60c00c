#!/usr/bin/env python3
"""Summarize interleaved hyperfine rounds as a markdown table.

Reads every `NAME.round-N.json` that hyperfine exported for one benchmark,
takes each command's median per round, and reports the median of those
medians, the spread of the round medians, the ratio to a baseline command,
and optionally the difference to another command and a throughput.

    summarize.py RESULTS_DIR NAME [--ratio CMD] [--delta CMD] [--items N --unit U]
"""

import argparse
import glob
import json
import os
import statistics
import sys


def load_rounds(results_dir, name):
    paths = sorted(glob.glob(os.path.join(results_dir, f"{name}.round-*.json")))
    if not paths:
        sys.exit(f"summarize: no results for {name} in {results_dir}")
    per_command = {}
    order = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for result in data["results"]:
            cmd = result["command"]
            if cmd not in per_command:
                per_command[cmd] = []
                order.append(cmd)
            per_command[cmd].append(result["median"])
    return order, per_command, max(len(v) for v in per_command.values())


def fmt_ms(seconds):
    ms = seconds * 1000.0
    if ms >= 100:
        return f"{ms:.0f}"
    if ms >= 10:
        return f"{ms:.1f}"
    return f"{ms:.2f}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("results_dir")
    p.add_argument("name")
    p.add_argument("--ratio", help="command name the ratio column divides by")
    p.add_argument("--delta", help="command name the +ms column subtracts")
    p.add_argument("--items", type=int, help="items per run, for a throughput column")
    p.add_argument("--unit", default="items")
    args = p.parse_args()

    order, per_command, rounds = load_rounds(args.results_dir, args.name)
    medians = {cmd: statistics.median(v) for cmd, v in per_command.items()}
    for ref in (args.ratio, args.delta):
        if ref and ref not in medians:
            sys.exit(f"summarize: {args.name}: no command named {ref!r}")

    header = ["command", "median (ms)", "round medians (ms)"]
    if args.delta:
        header.append(f"+ms vs {args.delta}")
    if args.ratio:
        header.append(f"× {args.ratio}")
    if args.items:
        header.append(f"{args.unit}/s")
    print(f"<!-- {args.name}: median of {rounds} interleaved hyperfine rounds -->")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for cmd in order:
        m = medians[cmd]
        row = [f"`{cmd}`", fmt_ms(m), " / ".join(fmt_ms(x) for x in per_command[cmd])]
        if args.delta:
            d = (m - medians[args.delta]) * 1000.0
            row.append(f"{d:+.2f}")
        if args.ratio:
            row.append(f"{m / medians[args.ratio]:.2f}")
        if args.items:
            row.append(f"{args.items / m:,.0f}")
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
