#!/usr/bin/env python3
"""Adds format-2 claims and loads to a corpus of ../shared/bench/gen_corpus.py, in place: an
`effort` on every goal (2-6 hours a week), a `capacity` on every roster entry (40, so few
overflow), a `score` on every fifth goal, and a `status` and `confidence` on every `[[checkin]]`
of the progress files and every third inline check-in. Deterministic: no randomness, only the
position of each line. For measuring the claim and capacity rules at scale:

    python3 ../shared/bench/gen_corpus.py --size medium /tmp/corpus-medium
    python3 benches/claims_corpus.py /tmp/corpus-medium
    cd /tmp/corpus-medium && GOALC_TIMINGS=1 goalc check --format json . >/dev/null
"""
import pathlib
import re
import sys

STATUSES = ["on-track", "at-risk", "done", "on-track", "in-progress"]


def main(root: pathlib.Path) -> None:
    goals = checkins = 0
    for path in sorted(root.rglob("*.toml")):
        if path.name == "goalc.toml":
            continue
        out = []
        for line in path.read_text().splitlines():
            out.append(line)
            if re.fullmatch(r"\[goals\.[^.\]]+\]", line):
                out.append(f"effort = {2 + goals % 5}")
                if goals % 5 == 0:
                    out.append(f"score = 0.{goals % 10}")
                goals += 1
            elif re.fullmatch(r"\[people\.[^.\]]+\]", line):
                out.append("capacity = 40")
            elif line == "[[checkin]]":
                out.append(f'status = "{STATUSES[checkins % len(STATUSES)]}"')
                out.append(f"confidence = 0.{5 + checkins % 5}")
                checkins += 1
        text = "\n".join(out) + "\n"

        def claim(m: re.Match) -> str:
            nonlocal checkins
            checkins += 1
            if checkins % 3 or "confidence" in m.group(0) or "status" in m.group(0):
                return m.group(0)
            status = STATUSES[checkins % len(STATUSES)]
            return m.group(0)[:-1].rstrip() + f', status = "{status}", confidence = 0.8 }}'

        text = re.sub(r"\{ *date = [^{}]*\}", claim, text)
        path.write_text(text)
    print(f"goals={goals} checkins={checkins}")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
