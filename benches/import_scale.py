#!/usr/bin/env python3
"""Importing a 100,000-row CSV against checking what it wrote.

Usage: python3 benches/import_scale.py [--rows N] [--runs N] [--goalc PATH]

Generates a CSV of N rows (default 100,000: 20,000 goals of 5 metrics each, owned by 2,000
people in 10 teams, a check-in on most metrics, a cascade org -> team -> individual) into
$TMPDIR/goalc-import-bench/, then, R times each, interleaved, runs
`goalc import csv FILE -o DIR` into an empty DIR (which includes the `goalc check` of its
summary line), then `goalc import ... --force` over those files,
and `goalc check DIR` under /usr/bin/time, and prints the median wall time and peak memory of
each and the median ratio import / check. The contract: under 3x.
"""

import argparse
import random
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.gettempdir()) / "goalc-import-bench"
AS_OF = "2026-05-01"
HEADER = ("goal,title,framework,level,owner,team,start,due,aligns_to,metric,metric_title,"
          "kind,unit,baseline,target,current,current_date")


def generate(path: Path, rows: int) -> None:
    rng = random.Random(7)
    per_goal = 5
    goals = rows // per_goal
    people = max(goals // 10, 1)
    teams = 10
    org = [f"org-{i}" for i in range(5)]
    team_goals = [f"team-{t}-{i}" for t in range(teams) for i in range(20)]
    lines = [HEADER]
    for g in range(goals):
        owner = f"person-{g % people}"
        team = f"team-{(g % people) % teams}"
        if g < len(org):
            gid, level, aligns, team = org[g], "org", "", team
        elif g < len(org) + len(team_goals):
            gid = team_goals[g - len(org)]
            level, aligns = "team", rng.choice(org)
        else:
            gid, level = f"goal-{g}", "individual"
            aligns = rng.choice(team_goals)
        half = rng.choice([1, 2])
        start, due = ("2026-01-01", "2026-06-30") if half == 1 else ("2026-07-01", "2026-12-31")
        framework = rng.choice(["hard", "okr", "micro"])
        title = f"Certify {rng.randint(2, 40)} trainers in department {g}"
        for m in range(per_goal):
            kind = rng.choice(["number", "number", "number", "deliverable"])
            if kind == "number":
                unit, base, target = rng.choice(["%", "count", "hours"]), rng.randint(0, 40), rng.randint(50, 90)
                current = f"{rng.randint(0, 60)},2026-0{rng.randint(1, 4)}-15"
            else:
                unit, base, target = "", "", ""
                current = f"{rng.randint(0, 100)},2026-03-01"
            if rng.random() < 0.2 or half == 2:
                current = ","
            lines.append(
                f"{gid},{title},{framework},{level},{owner},{team if level != 'individual' else ''},"
                f"{start},{due},{aligns},m{m},\"Metric {m}, of goal {g}\",{kind},{unit},{base},"
                f"{target},{current}"
            )
    path.write_text("\n".join(lines) + "\n")


def timed(cmd: list[str]) -> tuple[float, int]:
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--goalc", default=str(ROOT / "target" / "release" / "goalc"))
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    csv = WORK / f"goals-{args.rows}.csv"
    if not csv.exists():
        generate(csv, args.rows)
    out = WORK / "ws"
    shutil.rmtree(out, ignore_errors=True)
    imports, forced, checks, ratios = [], [], [], []
    for _ in range(args.runs):
        shutil.rmtree(out, ignore_errors=True)
        imp = timed([args.goalc, f"--as-of={AS_OF}", "import", "csv", str(csv), "-o", str(out), "-q"])
        chk = timed([args.goalc, f"--as-of={AS_OF}", "check", "--format", "json", "--output", "/dev/null", str(out)])
        again = timed([args.goalc, f"--as-of={AS_OF}", "import", "csv", str(csv), "-o", str(out), "--force", "-q"])
        imports.append(imp)
        forced.append(again)
        checks.append(chk)
        ratios.append(imp[0] / chk[0])
    size = csv.stat().st_size / 1e6
    print(f"{args.rows} rows ({size:.1f} MB CSV), median of {args.runs} runs:")
    for name, runs in (("import", imports), ("check", checks), ("import --force", forced)):
        print(f"  {name:14} {statistics.median(r[0] for r in runs):6.2f} s  "
              f"peak {statistics.median(r[1] for r in runs) / 1024:6.0f} MB")
    print(f"  import / check: {statistics.median(ratios):.2f}x (contract: under 3x); "
          f"import --force / check: {statistics.median(f[0] / c[0] for f, c in zip(forced, checks)):.2f}x")


if __name__ == "__main__":
    main()
