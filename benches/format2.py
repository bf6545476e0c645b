#!/usr/bin/env python3
"""Give a corpus of ../shared/bench/gen_corpus.py the fields of format 2, in place.

Usage: python3 benches/format2.py CORPUS_DIR

Real plans are mostly deliverables with an owner and a date per key result, graded with a
status or a score (interface.md, "What real plans hold: format 2"); the generator writes
format 1 only. This rewrites its output so that the benchmarks parse and judge format 2 too:
about a third of the metrics become deliverables (check-in values turned into percent
complete, `done` once their goal is finished), a few become ranges (`min`/`max`), some get their
own `owner` and `due`, a few number metrics get `waypoints`, some check-ins carry a `status`,
finished OKRs a `score` (and a grading check-in), goals an `effort`, people a `capacity`, and a
few team goals `supports` a goal of another team.

Deterministic without randomness: every choice is a hash of the ids it concerns, so the same
corpus always gives the same files. Idempotent: goalc.toml records that the corpus was
processed, and a second run changes nothing. The result has no structural finding (syntax,
schema, duplicate-id, unknown-reference, invalid-dates). Only metric and check-in tables are
rewritten whole; goal and roster tables only gain lines at their end.
"""

import datetime as dt
import hashlib
import json
import sys
import tomllib
from pathlib import Path

MARK = "# format 2 fields added by benches/format2.py"
DELIVERABLE_SHARE = 1 / 3  # of all metrics
RANGE_SHARE = 0.05
STATUSES_ACTIVE = ["in-progress", "on-track", "on-track", "in-progress", "at-risk"]


def h(*parts):
    """A fixed pseudo-random number in [0, 1) for these ids."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def pick(seq, *parts):
    return seq[int(h(*parts) * len(seq))]


def value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"no TOML for {v!r}")


def table_lines(data):
    """Key lines of a table, arrays of inline tables one element a line as the generator does."""
    out = []
    for k, v in data.items():
        if isinstance(v, list) and v and isinstance(v[0], dict):
            out.append(f"{k} = [")
            out.extend(f"  {value(x)}," for x in v)
            out.append("]")
        else:
            out.append(f"{k} = {value(v)}")
    return out


class Section:
    """A header line and the lines up to the next header; `tail` keeps blank and comment lines."""

    def __init__(self, header, lines):
        self.header = header
        end = len(lines)
        while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        self.body, self.tail = lines[:end], lines[end:]
        self.new = None  # replacement key lines
        self.extra = []  # lines appended to the body

    def parse(self):
        return tomllib.loads(self.header + "\n" + "\n".join(self.body))

    def render(self):
        lines = [] if self.header is None else [self.header]
        lines += self.body if self.new is None else self.new
        return lines + self.extra + self.tail


def split(text):
    sections, header, lines = [], None, []
    for line in text.split("\n"):
        if line.startswith("["):
            sections.append(Section(header, lines))
            header, lines = line, []
        else:
            lines.append(line)
    sections.append(Section(header, lines))
    return sections


def dig(tree, path):
    for key in path:
        tree = tree[key]
    return tree


def header_path(header):
    return header.strip("[]").split(".")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    root = Path(sys.argv[1])
    config = root / "goalc.toml"
    config_text = config.read_text()
    if MARK in config_text:
        return
    as_of = tomllib.loads(config_text)["as_of"]

    files = {}
    for path in sorted(root.rglob("*.toml")):
        if path != config:
            files[path] = split(path.read_text())

    plans, goals, metrics, people, progress = {}, {}, {}, {}, []
    for path, sections in files.items():
        for sec in sections:
            if sec.header is None:
                continue
            parts = header_path(sec.header)
            if sec.header == "[plan]":
                plans[path] = sec.parse()["plan"]
            elif sec.header == "[[checkin]]":
                progress.append(sec)
            elif parts[0] == "people" and len(parts) == 2:
                people[parts[1]] = (sec, dig(sec.parse(), parts))
            elif parts[0] == "goals" and len(parts) == 2:
                goals[parts[1]] = {"sec": sec, "data": dig(sec.parse(), parts), "plan": path}
            elif parts[0] == "goals" and len(parts) == 4 and parts[2] == "metrics":
                metrics[(parts[1], parts[3])] = {"sec": sec, "data": dig(sec.parse(), parts)}

    for g in goals.values():
        plan = plans[g["plan"]]
        g["start"] = g["data"].get("start", plan["start"])
        g["due"] = g["data"].get("due", plan["end"])
        g["team"] = plan["team"]
    linked = set()
    for key, m in metrics.items():
        targets = m["data"].get("contributes_to", [])
        for target in [targets] if isinstance(targets, str) else targets:
            linked.add(key)
            linked.add(tuple(target.split(".", 1)))
    pending = {}
    for sec in progress:
        c = sec.parse()["checkin"][0]
        pending.setdefault(tuple(c["metric"].split(".", 1)), []).append((sec, c))
    last_date = {}
    for key, m in metrics.items():
        dates = [c["date"] for c in m["data"].get("checkins", [])]
        dates += [c["date"] for _, c in pending.get(key, [])]
        last_date[key] = max(dates) if dates else None

    free = [k for k in metrics if k not in linked]
    share = min(1.0, DELIVERABLE_SHARE * len(metrics) / max(1, len(free)))
    by_team = {}
    for pid, (_, p) in sorted(people.items()):
        by_team.setdefault(p.get("team"), []).append(pid)

    for key, m in sorted(metrics.items()):
        gid, mid = key
        g, d, name = goals[gid], m["data"], ".".join(key)
        finished = g["due"] < as_of
        u = h("kind", name)
        kind = "number"
        if key not in linked and u < share:
            kind = "deliverable"
        elif key not in linked and u < share + RANGE_SHARE * len(metrics) / max(1, len(free)):
            kind = "range"
        new = {"title": d["title"]}
        checkins = [dict(c) for c in d.get("checkins", [])]
        b, t = d.get("baseline"), d.get("target")

        def percent(v):
            return max(0, min(100, round(100 * (v - b) / (t - b))))

        if kind == "deliverable":
            new["kind"] = "deliverable"
            for c in checkins:
                c["value"] = percent(c["value"])
            for sec, c in pending.get(key, []):
                c["value"] = percent(c["value"])
        elif kind == "range":
            new["kind"] = "range"
            new["unit"] = d["unit"]
            lo, hi = min(b, t), max(b, t)
            side = h("side", name)
            if side < 0.7:
                new["min"], new["max"] = lo, hi
            elif b < t:
                new["min"] = lo
            else:
                new["max"] = hi
        else:
            for k in ("unit", "baseline", "target"):
                new[k] = d[k]
        if "weight" in d:
            new["weight"] = d["weight"]
        if kind == "number" and "contributes_to" in d:
            new["contributes_to"] = d["contributes_to"]

        # A key result's own owner: someone else of the owning team, on team and org goals.
        team = by_team.get(g["team"], [])
        others = [p for p in team if p != g["data"].get("owner")]
        if others and goals[gid]["data"].get("level") in ("org", "team") and h("owner", name) < 0.3:
            new["owner"] = pick(others, "who", name)
        # A key result's own date: the goal's, written out, or the end of an earlier month that
        # still follows its last check-in and the as-of date.
        custom_due = False
        if h("due", name) < 0.25:
            due = g["due"]
            earlier = dt.date(due.year, due.month, 1) - dt.timedelta(days=1)
            floor = max(as_of, last_date[key] or g["start"], g["start"])
            if not finished and h("earlier", name) < 0.5 and earlier > floor + dt.timedelta(days=14):
                due, custom_due = earlier, True
            new["due"] = due
        if kind == "deliverable" and checkins and checkins[-1]["value"] >= 100 and (
            finished or h("done", name) < 0.5
        ):
            new["done"] = checkins[-1]["date"]
        elif kind == "deliverable" and finished and checkins:
            checkins[-1]["value"] = 100
            new["done"] = checkins[-1]["date"]
        # A back-loaded plan: a third of the change by mid-span.
        span = (g["due"] - g["start"]).days
        if kind == "number" and not custom_due and span > 150 and h("waypoints", name) < 0.08:
            mid_date = g["start"] + dt.timedelta(days=span // 2)
            step = (t - b) * 0.35
            w = b + step
            w = round(w) if isinstance(b, int) and isinstance(t, int) else round(w, 2)
            if min(b, t) <= w <= max(b, t):
                new["waypoints"] = [{"date": mid_date, "value": w}]

        for i, c in enumerate(checkins):
            u = h("status", name, str(i))
            if kind == "deliverable" and c["value"] >= 100:
                c["status"] = "done"
            elif not finished and u < 0.2:
                c["status"] = pick(STATUSES_ACTIVE, "st", name, str(i))
            # A status told without a number, between two measured check-ins.
            if 0 < i < len(checkins) - 1 and h("novalue", name, str(i)) < 0.05:
                c.pop("value", None)
                c["status"] = "in-progress"
        okr = g["data"].get("framework") == "okr"
        if okr and finished and checkins:
            grade = g["due"] + dt.timedelta(days=10)
            if grade < as_of and grade > checkins[-1]["date"]:
                checkins.append({"date": grade, "score": round(0.6 + 0.4 * h("score", name), 1)})
        if checkins:
            new["checkins"] = checkins
        m["sec"].new = table_lines(new)

        for sec, c in pending.get(key, []):
            if "status" not in c and not finished and h("pstatus", name, str(c["date"])) < 0.2:
                c["status"] = pick(STATUSES_ACTIVE, "pst", name, str(c["date"]))
            if kind == "deliverable" and c["value"] >= 100:
                c["status"] = "done"
            sec.new = table_lines(c)

    team_goals = {}
    for gid, g in sorted(goals.items()):
        sec, d = g["sec"], g["data"]
        fw = d.get("framework", "hard")
        if fw == "okr" and g["due"] < as_of and h("gscore", gid) < 0.7:
            sec.extra.append(f"score = {round(0.5 + 0.5 * h('gscore-v', gid), 2)}")
        if h("effort", gid) < 0.8:
            hours = {"pact": [1, 1, 2], "mastery": [2, 3, 4], "micro": [1, 2, 3]}.get(fw, [2, 3, 4, 5, 6])
            sec.extra.append(f"effort = {pick(hours, 'hours', gid)}")
        if d.get("level") == "team" and fw != "pact":
            team_goals.setdefault(g["team"], []).append(gid)
    teams = sorted(team_goals)
    # Sideways links only from one team to a later one in name order: never a cycle.
    for i, team in enumerate(teams[:-1]):
        gid = team_goals[team][0]
        if h("supports", team) < 0.3:
            other = pick(teams[i + 1 :], "to", team)
            goals[gid]["sec"].extra.append(f"supports = [{value(pick(team_goals[other], 'which', team))}]")
    for pid, (sec, _) in sorted(people.items()):
        if h("capacity", pid) < 0.6:
            sec.extra.append(f"capacity = {pick([12, 16, 20, 24, 32], 'cap', pid)}")

    for path, sections in files.items():
        text = "\n".join(line for sec in sections for line in sec.render())
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text)
        tmp.replace(path)
    config.write_text(config_text.rstrip("\n") + "\n" + MARK + "\n")


if __name__ == "__main__":
    main()
