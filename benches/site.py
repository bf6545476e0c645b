#!/usr/bin/env python3
"""`report --site` and the single-page report against the floor, in paired rounds.

Usage: site.py CORPUS [--rounds N] [--goalc PATH] [--floor PATH]

Each round runs, one after another, with /usr/bin/time -f '%e %M': the floor
(benches/floor/target/release/goalc-floor CORPUS), `goalc report CORPUS --site OUT` into a
folder that does not exist yet (removed between rounds, outside the timing), and `goalc report
CORPUS --output OUT.html`. Prints each run, then the median of the per-round ratios to the
floor, peak memory against the corpus's bytes, and the largest page of the site.
"""

import argparse
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd):
    r = subprocess.run(["/usr/bin/time", "-f", "%e %M", *map(str, cmd)],
                       capture_output=True, text=True, check=False)
    if r.returncode != 0:
        raise SystemExit(f"{cmd}: exit {r.returncode}\n{r.stderr[-800:]}")
    wall, kb = r.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kb) * 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--goalc", type=Path, default=ROOT / "target/release/goalc")
    ap.add_argument("--floor", type=Path, default=ROOT / "benches/floor/target/release/goalc-floor")
    args = ap.parse_args()
    corpus = args.corpus.resolve()
    size = sum(p.stat().st_size for p in corpus.rglob("*.toml"))
    out = Path(tempfile.mkdtemp(prefix="goalc-site-bench-", dir=corpus.parent))
    runs = {"floor": [], "site": [], "html": []}
    try:
        for i in range(args.rounds):
            site = out / "site"
            shutil.rmtree(site, ignore_errors=True)
            runs["floor"].append(timed([args.floor, corpus]))
            runs["site"].append(timed([args.goalc, "report", "--quiet", corpus, "--site", site]))
            runs["html"].append(timed([args.goalc, "report", "--quiet", corpus, "--output", out / "r.html"]))
            print(f"round {i + 1}: " + ", ".join(
                f"{k} {v[-1][0]:.2f} s {v[-1][1] / 2**20:.0f} MB" for k, v in runs.items()))
        pages = list((out / "site").rglob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        largest_size = largest.stat().st_size
        total = sum(p.stat().st_size for p in pages)
        html = (out / "r.html").stat().st_size
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"corpus {corpus.name}: {size / 1e6:.1f} MB of TOML; site {len(pages)} pages, "
          f"{total / 1e6:.0f} MB, largest {largest.relative_to(out / 'site')} "
          f"{largest_size / 1e6:.2f} MB; single page {html / 1e6:.2f} MB")
    for name in ("site", "html"):
        ratio = statistics.median(r[0] / f[0] for r, f in zip(runs[name], runs["floor"]))
        mem = statistics.median(r[1] for r in runs[name]) / size
        worst = max(r[1] for r in runs[name]) / size
        print(f"{name}: median {statistics.median(r[0] for r in runs[name]):.2f} s, "
              f"{ratio:.2f}x floor (median of per-round ratios), "
              f"peak memory {mem:.2f}x the bytes (worst {worst:.2f}x)")
    print(f"floor: median {statistics.median(r[0] for r in runs['floor']):.2f} s")


if __name__ == "__main__":
    main()
