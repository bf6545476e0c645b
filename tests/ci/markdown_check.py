#!/usr/bin/env python3
"""The Markdown report as GitHub would take it: under 1 MiB, and every table whole.

Usage: markdown_check.py GOALC WORKSPACE...

For each workspace: `goalc report --format md` must be under 1 MiB (GitHub drops a job summary
over it); rendered with markdown-it-py (CommonMark with GFM tables, as GitHub reads them),
every source line that starts a table row must become a row of a table (a broken table falls
apart into paragraphs), and every row must have as many cells as its table's header. A report
that left goals out must say so and name `--site`.
"""

import subprocess
import sys

from markdown_it import MarkdownIt

LIMIT = 1024 * 1024


def check(goalc, workspace):
    r = subprocess.run([goalc, "report", "--format", "md", "--quiet", workspace],
                       capture_output=True, check=False)
    if r.returncode not in (0, 1):
        return [f"{workspace}: exit {r.returncode}: {r.stderr.decode()[-400:]}"], 0
    md = r.stdout.decode("utf-8")
    problems = []
    if len(r.stdout) >= LIMIT:
        problems.append(f"{workspace}: {len(r.stdout)} bytes, not under 1 MiB")
    if "leaves out" in md and "--site DIR" not in md:
        problems.append(f"{workspace}: leaves goals out without saying how to get them")
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    rows, tables, width, cells, in_head = 0, 0, None, 0, False
    for t in tokens:
        if t.type == "table_open":
            tables += 1
            width = None
        elif t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            cells = 0
        elif t.type in ("th_open", "td_open"):
            cells += 1
        elif t.type == "tr_close":
            rows += 1
            if in_head:
                width = cells
            elif cells != width:
                problems.append(f"{workspace}: a row of table {tables} has {cells} cells, its header {width}")
    source_rows = sum(1 for line in md.splitlines()
                      if line.startswith("|") and not line.startswith("|---"))
    if rows != source_rows:
        problems.append(f"{workspace}: {source_rows} table lines in the source, {rows} rendered as rows")
    print(f"markdown_check: {workspace}: {len(r.stdout)} bytes, {tables} tables, {rows} rows"
          f"{', goals left out' if 'leaves out' in md else ''}")
    return problems, len(r.stdout)


def main():
    goalc, workspaces = sys.argv[1], sys.argv[2:]
    problems = []
    for w in workspaces:
        problems += check(goalc, w)[0]
    for p in problems:
        print("FAIL " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
