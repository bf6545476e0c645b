#!/usr/bin/env python3
"""Checks every page of a `goalc report --site DIR` output, quickly enough for thousands.

Usage: site_check.py DIR [--max-bytes N] [--sample TEAMS PEOPLE]

For every *.html page: under --max-bytes (default 2 MB); a Content-Security-Policy meta that
forbids scripts and no <script>; every link relative (nothing leaves the folder) and resolving
to a page of the site, and its #fragment to an id on that page; the index links to every team
page and each links back; every person page links back to a page that links to it. Parsed
with Python's html.parser, so a page it cannot read fails too.

With --sample T P it prints, one a line, the index, every T-th team page and every P-th
person page: the pages .ci/run hands to the browser check (which takes seconds a page).
"""

import argparse
import sys
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.scripts, self.csp = [], set(), 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = attrs.get("content", "")


def resolve(page, href):
    path, _, fragment = href.partition("#")
    if not path:
        return page, fragment
    parts = list(PurePosixPath(page).parent.parts)
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts), fragment


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", type=Path)
    ap.add_argument("--max-bytes", type=int, default=2_000_000)
    ap.add_argument("--sample", type=int, nargs=2)
    args = ap.parse_args()
    root = args.dir
    files = sorted(str(p.relative_to(root).as_posix()) for p in root.rglob("*.html"))
    if args.sample:
        teams = [f for f in files if f.startswith("teams/")]
        people = [f for f in files if f.startswith("people/")]
        for f in ["index.html"] + teams[:: args.sample[0]] + people[:: args.sample[1]]:
            print(root / f)
        return 0
    problems = []
    pages = {}
    largest = (0, "")
    for f in files:
        data = (root / f).read_bytes()
        largest = max(largest, (len(data), f))
        if len(data) > args.max_bytes:
            problems.append(f"{f}: {len(data)} bytes, over {args.max_bytes}")
        page = Page()
        page.feed(data.decode("utf-8"))
        page.close()
        if page.scripts:
            problems.append(f"{f}: {page.scripts} <script> element(s)")
        if not page.csp or "default-src 'none'" not in page.csp or "script-src" in page.csp:
            problems.append(f"{f}: no Content-Security-Policy forbidding scripts ({page.csp!r})")
        pages[f] = page
    if "index.html" not in pages:
        problems.append("no index.html")
    targets = {}
    for f, page in pages.items():
        targets[f] = set()
        for href in page.links:
            if "://" in href or href.startswith(("/", "mailto:", "data:", "javascript:")):
                problems.append(f"{f}: link out of the site: {href}")
                continue
            target, fragment = resolve(f, href)
            if target not in pages:
                problems.append(f"{f}: link to a missing page: {href}")
                continue
            if fragment and fragment not in pages[target].ids:
                problems.append(f"{f}: link to a missing anchor: {href}")
            if target != f:
                targets[f].add(target)
    for f in pages:
        if f.startswith("teams/"):
            if f not in targets.get("index.html", ()):
                problems.append(f"the index does not link to {f}")
            if "index.html" not in targets[f]:
                problems.append(f"{f} does not link back to the index")
        if f.startswith("people/"):
            linked_from = {p for p, t in targets.items() if f in t}
            if not linked_from & targets[f]:
                problems.append(f"{f} is linked from {sorted(linked_from)[:3]} and links back to none")
    teams = sum(f.startswith("teams/") for f in pages)
    people = sum(f.startswith("people/") for f in pages)
    for p in problems[:50]:
        print("FAIL " + p)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more")
    print(f"site_check: {len(pages)} pages ({teams} teams, {people} people), largest {largest[1]} "
          f"at {largest[0]} bytes: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
