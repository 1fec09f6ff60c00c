#!/usr/bin/env python3
"""What command A costs over command B, measured in alternating pairs.

For a difference far smaller than the run-to-run spread of both commands
(a millisecond on a 35 ms run), medians of separate hyperfine runs are
dominated by drift: the machine changes between them. Here A and B run in
turn, N pairs, their order swapped every other pair, each run preceded by
PREPARE (untimed); the figure is the median of the N paired differences,
with the medians of each half of the pairs as its spread.

    paired.py --runs N --prepare CMD --name-a A --name-b B -- CMD_A -- CMD_B

Prints one markdown table row per half and one for all pairs.
"""

import argparse
import shlex
import statistics
import subprocess
import sys
import time


def timed(command, prepare):
    if prepare:
        subprocess.run(prepare, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"paired: `{shlex.join(command)}` exited with {done.returncode}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--prepare", default="")
    parser.add_argument("--name-a", default="a")
    parser.add_argument("--name-b", default="b")
    parser.add_argument("commands", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    words = args.commands[1:] if args.commands[:1] == ["--"] else args.commands
    if "--" not in words:
        sys.exit("paired: give two commands, separated by --")
    split = words.index("--")
    a, b = words[:split], words[split + 1 :]
    for _ in range(args.warmup):
        timed(a, args.prepare)
        timed(b, args.prepare)
    times_a, times_b, diffs = [], [], []
    for pair in range(args.runs):
        if pair % 2 == 0:
            ta, tb = timed(a, args.prepare), timed(b, args.prepare)
        else:
            tb, ta = timed(b, args.prepare), timed(a, args.prepare)
        times_a.append(ta)
        times_b.append(tb)
        diffs.append(ta - tb)
    half = args.runs // 2
    print(f"| pairs | median `{args.name_a}` (ms) | median `{args.name_b}` (ms) | median of the differences (ms) |")
    print("|---|---:|---:|---:|")
    for label, part in (("first half", slice(0, half)), ("second half", slice(half, None)), ("all", slice(None))):
        print(
            f"| {label} ({len(diffs[part])}) | {statistics.median(times_a[part]):.2f} | "
            f"{statistics.median(times_b[part]):.2f} | {statistics.median(diffs[part]):+.2f} |"
        )


if __name__ == "__main__":
    main()
