#!/usr/bin/env python3
"""Alternating comparison of cold-start commands on a shared, noisy machine (issue 17).

    bench/ab.py [--rounds N] [--warmup 1] NAME=COMMAND NAME=COMMAND ...

Runs the commands round-robin (A B C, A B C, ...; the order rotates every round so none is always first), each
as a fresh process through /bin/sh, N rounds. For every run it keeps the wall time, the process tree's CPU time
(user + sys, from wait4's rusage: less sensitive to the other loads than wall time, though not immune) and every
numeric field of the last JSON line the command printed on stderr (LambdaSim's and TlsProbe's timing lines).
Prints, per command, the median and min-max of each, the ratio of each command's median wall and CPU time to the
first command's, and the machine's load average before and after. A run that exits non-zero fails the whole
comparison (a broken variant must never pass for a fast one).
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def run(cmd):
    start = time.perf_counter()
    p = subprocess.Popen(["/bin/sh", "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"exit {p.returncode}: {cmd}\n{err[-2000:]}")
    fields = {}
    for line in err.splitlines():
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                fields = {k: v for k, v in json.loads(line).items() if isinstance(v, (int, float))}
            except ValueError:
                pass
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000, fields


def main(argv):
    rounds, warmup, specs = 10, 1, []
    i = 0
    while i < len(argv):
        if argv[i] == "--rounds":
            rounds = int(argv[i + 1]); i += 2
        elif argv[i] == "--warmup":
            warmup = int(argv[i + 1]); i += 2
        else:
            name, _, cmd = argv[i].partition("=")
            specs.append((name, cmd)); i += 1
    load_before = os.getloadavg()
    for _ in range(warmup):
        for _, cmd in specs:
            run(cmd)
    results = {name: [] for name, _ in specs}
    for r in range(rounds):
        order = specs[r % len(specs):] + specs[:r % len(specs)]
        for name, cmd in order:
            results[name].append(run(cmd))
    load_after = os.getloadavg()
    print(f"rounds={rounds} load_before={load_before[0]:.2f},{load_before[1]:.2f},{load_before[2]:.2f} "
          f"load_after={load_after[0]:.2f},{load_after[1]:.2f},{load_after[2]:.2f}")
    base = None
    for name, _ in specs:
        rs = results[name]
        wall = statistics.median(x[0] for x in rs)
        cpu = statistics.median(x[1] for x in rs)
        if base is None:
            base = (wall, cpu)
        keys = sorted({k for x in rs for k in x[2]})
        extra = " ".join(f"{k}={statistics.median(x[2][k] for x in rs if k in x[2]):.1f}" for k in keys)
        print(f"{name}: wall {wall:.0f} ms ({min(x[0] for x in rs):.0f}-{max(x[0] for x in rs):.0f}) "
              f"x{wall / base[0]:.2f} | cpu {cpu:.0f} ms x{cpu / base[1]:.2f} | {extra}")


if __name__ == "__main__":
    main(sys.argv[1:])
