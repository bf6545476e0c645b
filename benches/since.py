#!/usr/bin/env python3
"""`goalc check --since REF` against a plain `goalc check`, on a corpus committed to git.

Usage: python3 benches/since.py [--size large] [--runs N] [--share 0.01] [--goalc PATH]

Generates the corpus with ../shared/bench/gen_corpus.py into a fresh git repository under
$TMPDIR/goalc-bench-since/SIZE (once), commits it and tags it `base`, then changes the target
of the first metric in `--share` of the plan files (every 100th file by default: the 1 % of a
pull request) and commits that. Runs `check --format json` and `check --since base --format json`
interleaved N times and prints the median wall time of each and the median of the per-round
ratios. The contract's budget is a ratio of at most 1.5.
"""

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
WORK = Path(tempfile.gettempdir()) / "goalc-bench-since"


def git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org",
         "-c", "commit.gpgsign=false", *args],
        cwd=repo, check=True, stdout=subprocess.DEVNULL)


def repository(size, share):
    repo = WORK / f"{size}-{share}"
    if (repo / ".git").exists():
        return repo
    subprocess.run([sys.executable, str(GEN), "--size", size, "--force", "--quiet", str(repo)], check=True)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the plan")
    git(repo, "tag", "base")
    plans = sorted(repo.rglob("*.plan.toml"))
    step = max(1, round(1 / share))
    changed = 0
    for path in plans[::step]:
        text = path.read_text(encoding="utf-8")
        # Lower the first target: the change the history rules look for.
        new, n = re.subn(r"(?m)^target = (-?[0-9.]+)$",
                         lambda m: f"target = {float(m.group(1)) * 0.8:g}", text, count=1)
        if n:
            path.write_text(new, encoding="utf-8")
            changed += 1
    git(repo, "commit", "-q", "-a", "-m", "re-plan")
    print(f"{repo}: {len(plans)} plan files, {changed} changed", file=sys.stderr)
    return repo


def timed(cmd, cwd):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", default="large", choices=["small", "medium", "large"])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--share", type=float, default=0.01)
    ap.add_argument("--goalc", help="a goalc binary [default: builds target/release/goalc]")
    args = ap.parse_args()
    goalc = args.goalc
    if not goalc:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        goalc = str(ROOT / "target/release/goalc")
    repo = repository(args.size, args.share)
    plain = [goalc, "--as-of", "2026-06-15", "check", "--format", "json"]
    since = plain + ["--since", "base"]
    timed(plain, repo)  # warm the page cache
    rounds = [(timed(plain, repo), timed(since, repo)) for _ in range(args.runs)]
    p = statistics.median(r[0] for r in rounds)
    s = statistics.median(r[1] for r in rounds)
    ratio = statistics.median(r[1] / r[0] for r in rounds)
    print(f"{args.size}: check {p * 1000:.0f} ms, check --since {s * 1000:.0f} ms, "
          f"ratio {ratio:.2f} (median of {args.runs} rounds)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
