#!/usr/bin/env python3
"""goalc against the floor: paired, interleaved runs on the synthetic corpora.

Usage: python3 benches/compare.py [--runs N] [--sizes medium,large] [--format2]

Builds goalc and the floor program (benches/floor: walk + parse every TOML file in parallel,
nothing else) in release mode, generates the corpora with ../shared/bench/gen_corpus.py into
$TMPDIR/goalc-bench/ if they are missing, then runs floor, `goalc check --format json` and
`goalc report --format html` one after another, N times (A B C A B C ...), and prints per
corpus the median wall time of each, the median of the per-round ratios to the floor, and the
peak memory (median and worst round) as a multiple of the corpus's bytes. `taplo lint` with
goalc's JSON Schema joins the rounds when `taplo` is on PATH (`cargo install taplo-cli
--locked`). Ratios, not absolute times: the machine is shared and noisy. With --format2 the
rounds run on copies of the corpora ($TMPDIR/goalc-bench/<size>-f2, made afresh each time)
that benches/format2.py gave the fields of format 2.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
WORK = Path(tempfile.gettempdir()) / "goalc-bench"


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT / "benches" / "floor", check=True)
    return ROOT / "target/release/goalc", ROOT / "benches/floor/target/release/goalc-floor"


def corpus(size):
    out = WORK / size
    if not (out / "goalc.toml").exists():
        subprocess.run([sys.executable, str(GEN), "--size", size, "--force", "--quiet", str(out)], check=True)
    return out


def format2(path):
    out = path.with_name(path.name + "-f2")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(path, out)
    subprocess.run([sys.executable, str(ROOT / "benches" / "format2.py"), str(out)], check=True)
    return out


def size_of(path):
    return sum(f.stat().st_size for f in path.rglob("*.toml"))


def timed(cmd, cwd):
    """Wall seconds and peak RSS (bytes) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{cmd} exited {code}")
    return wall, usage.ru_maxrss * 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="medium,large")
    ap.add_argument("--format2", action="store_true", help="time copies given format 2 by benches/format2.py")
    args = ap.parse_args()
    goalc, floor = build()
    report = Path(tempfile.gettempdir()) / "goalc-bench-report.html"
    commands = {
        "floor": [str(floor), "."],
        "check": [str(goalc), "check", "--format", "json"],
        "report": [str(goalc), "report", "--format", "html", "--output", str(report)],
    }
    if subprocess.run(["which", "taplo"], capture_output=True).returncode == 0:
        schema = Path(tempfile.gettempdir()) / "goalc.plan.schema.json"
        schema.write_text(subprocess.run([str(goalc), "schema"], capture_output=True, text=True).stdout)
        commands["taplo"] = ["taplo", "lint", "--schema", schema.as_uri(), "**/*.plan.toml"]
    results = {}
    for size in args.sizes.split(","):
        path = format2(corpus(size)) if args.format2 else corpus(size)
        nbytes = size_of(path)
        rounds = []
        for _ in range(args.runs):
            rounds.append({name: timed(cmd, path) for name, cmd in commands.items()})
        results[size] = (nbytes, rounds)
        print(f"\n{path.name}: {nbytes / 1e6:.1f} MB, {args.runs} paired rounds")
        print(f"  {'':8} {'median s':>9} {'× floor':>8} {'peak MB':>8} {'× bytes':>8} {'worst':>6}")
        for name in commands:
            walls = [r[name][0] for r in rounds]
            ratio = statistics.median(r[name][0] / r["floor"][0] for r in rounds)
            peak = statistics.median(r[name][1] for r in rounds)
            worst = max(r[name][1] for r in rounds)
            print(
                f"  {name:8} {statistics.median(walls):9.2f} {ratio:8.2f} {peak / 1e6:8.0f}"
                f" {peak / nbytes:8.2f} {worst / nbytes:6.2f}"
            )
    sizes = list(results)
    if len(sizes) == 2:
        (b1, r1), (b2, r2) = results[sizes[0]], results[sizes[1]]
        for name in ("check", "report"):
            t1 = statistics.median(r[name][0] for r in r1)
            t2 = statistics.median(r[name][0] for r in r2)
            print(f"linearity {name}: {sizes[1]}/{sizes[0]} time {t2 / t1:.2f} for bytes {b2 / b1:.2f}")


if __name__ == "__main__":
    main()
