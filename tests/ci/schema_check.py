#!/usr/bin/env python3
"""goalc's JSON Schemas, checked by an independent validator (Python's jsonschema over TOML
parsed by tomllib, dates as ISO strings the way TOML editors hand them to a schema).

Usage: schema_check.py GOALC

- every plan and progress file of the examples that goalc finds no `syntax` or `schema` problem
  in validates; every one it does (examples/broken/team.plan.toml, draft.plan.toml) is rejected;
- a set of one-change mutations of a valid plan is rejected (unknown field, wrong type, bad
  enum, missing required field, bad date, out-of-range number, bad id), and goalc agrees.
"""

import datetime
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
GOALC = Path(sys.argv[1]).resolve()
failures = []


def schema(progress):
    args = [str(GOALC), "schema"] + (["--progress"] if progress else [])
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


VALIDATORS = {
    p: jsonschema.Draft7Validator(schema(p), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    for p in (False, True)
}
for v in VALIDATORS.values():
    jsonschema.Draft7Validator.check_schema(v.schema)


def as_json(value):
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def schema_errors(text, progress):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        return [f"TOML: {e}"]
    return [e.message for e in VALIDATORS[progress].iter_errors(as_json(data))]


def goalc_rejects(files):
    """Files (relative names) with a `syntax` or `schema` finding from goalc."""
    return {d["file"] for d in files["diagnostics"] if d["rule"] in ("syntax", "schema")}


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


for example in sorted((ROOT / "examples").iterdir()):
    if not example.is_dir():
        continue
    run = subprocess.run([str(GOALC), "check", "--format", "json", str(example)],
                         capture_output=True, text=True, cwd=ROOT)
    rejected = goalc_rejects(json.loads(run.stdout))
    for path in sorted(example.rglob("*.toml")):
        if path.name == "goalc.toml":
            continue
        name = str(path.relative_to(ROOT))
        errors = schema_errors(path.read_text(), path.name.endswith(".progress.toml"))
        if name in rejected:
            check(bool(errors), f"{name}: rejected, as goalc rejects it ({errors[:1]})")
        else:
            check(not errors, f"{name}: valid {errors[:3]}")

VALID = """
[plan]
title = "P"
owner = "maria"
start = 2026-01-01
end = 2026-12-31

[people.maria]
name = "Maria"

[goals.g]
title = "Certify 90 % of staff by December"
owner = "maria"
aligns_to = ["other"]
review = "monthly"
allow = ["orphan-goal"]

[goals.g.metrics.m]
unit = "%"
baseline = 10
target = 90
checkins = [{ date = 2026-03-01, value = 20, confidence = 0.5 }]

[goals.s]
title = "Reach level 3 in facilitation"
framework = "mastery"
owner = "maria"
milestones = [{ title = "Runs a session", level = 2, due = 2026-05-01 }]
"""
check(not schema_errors(VALID, False), "a valid plan validates")

MUTATIONS = {
    "unknown field": ("review = \"monthly\"", "reviw = \"monthly\""),
    "wrong type": ("baseline = 10", "baseline = \"10\""),
    "bad enum": ("review = \"monthly\"", "review = \"sometimes\""),
    "missing title": ("title = \"Certify 90 % of staff by December\"\n", ""),
    # (a quoted date cannot be told from a TOML date: editors hand both to the schema as strings)
    "datetime for a date": ("end = 2026-12-31", "end = 2026-12-31T10:00:00"),
    "confidence above 1": ("confidence = 0.5", "confidence = 1.5"),
    "milestone level 7": ("level = 2", "level = 7"),
    "unknown rule in allow": ("allow = [\"orphan-goal\"]", "allow = [\"orphan-goals\"]"),
    "missing plan owner": ("owner = \"maria\"\nstart", "start"),
}
for what, (old, new) in MUTATIONS.items():
    assert old in VALID, what
    text = VALID.replace(old, new, 1)
    errors = schema_errors(text, False)
    check(bool(errors), f"{what}: rejected ({errors[:1]})")
    # and goalc itself finds a schema problem there too
    tmp = Path(subprocess.run(["mktemp", "-d"], capture_output=True, text=True).stdout.strip())
    (tmp / "a.plan.toml").write_text(text)
    out = subprocess.run([str(GOALC), "check", "--format", "json", str(tmp)],
                         capture_output=True, text=True)
    check(any(d["rule"] in ("schema", "syntax") for d in json.loads(out.stdout)["diagnostics"]),
          f"{what}: goalc agrees")


def goalc_schema_findings(text):
    tmp = Path(subprocess.run(["mktemp", "-d"], capture_output=True, text=True).stdout.strip())
    (tmp / "a.plan.toml").write_text(text)
    out = subprocess.run([str(GOALC), "check", "--format", "json", str(tmp)],
                         capture_output=True, text=True)
    return [d for d in json.loads(out.stdout)["diagnostics"] if d["rule"] in ("schema", "syntax")]


# Format 2: metric kinds, per-metric owner and due, check-in status and score, goal score,
# supports, effort and capacity, aligns_to through a key result.
FORMAT2 = """
[plan]
title = "P"
owner = "maria"
start = 2026-01-01
end = 2026-12-31

[people.maria]
name = "Maria"
capacity = 30

[goals.g]
title = "Certify 90 % of staff by December"
owner = "maria"
score = 0.7
effort = 4
supports = ["s"]

[goals.g.metrics.m]
unit = "%"
baseline = 10
target = 90
direction = "increase"
waypoints = [{ date = 2026-06-30, value = 20 }]
checkins = [{ date = 2026-03-01, status = "at-risk" }, { date = 2026-04-01, score = 0.5 }]

[goals.g.metrics.launch]
title = "Launch the certification programme"
kind = "deliverable"
owner = "maria"
due = 2026-03-31
done = 2026-03-20
checkins = [{ date = 2026-02-15, value = 60, status = "at-risk" }]

[goals.g.metrics.ratio]
title = "Mentees per active mentor"
kind = "range"
unit = "mentees"
min = 8
max = 9

[goals.s]
title = "Sell 40 certification seats"
owner = "maria"
aligns_to = "g.m"

[goals.s.metrics.seats]
kind = "number"
unit = "seats"
baseline = 0
target = 40
"""
check(not schema_errors(FORMAT2, False), f"a format-2 plan validates {schema_errors(FORMAT2, False)[:3]}")
check(not goalc_schema_findings(FORMAT2), "goalc agrees that the format-2 plan is valid")

FORMAT2_MUTATIONS = {
    "a target on a deliverable": ("kind = \"deliverable\"\n", "kind = \"deliverable\"\ntarget = 1\n"),
    "a baseline on a range": ("kind = \"range\"\n", "kind = \"range\"\nbaseline = 8\n"),
    "done on a number metric": ("direction = \"increase\"\n", "direction = \"increase\"\ndone = 2026-03-01\n"),
    "min on a metric without kind": ("direction = \"increase\"\n", "direction = \"increase\"\nmin = 1\n"),
    "waypoints on a range": ("min = 8\n", "min = 8\nwaypoints = [{ date = 2026-06-30, value = 8 }]\n"),
    "an unknown kind": ("kind = \"range\"", "kind = \"guardrail\""),
    "an unknown check-in status": ("status = \"at-risk\" }]\n\n[goals.g.metrics.ratio]", "status = \"late\" }]\n\n[goals.g.metrics.ratio]"),
    "a check-in score of 1.5": ("score = 0.5", "score = 1.5"),
    "a goal score of 1.5": ("score = 0.7", "score = 1.5"),
    "an empty check-in": ("{ date = 2026-04-01, score = 0.5 }", "{ date = 2026-04-01 }"),
    "a capacity of 0": ("capacity = 30", "capacity = 0"),
    "an effort of 0": ("effort = 4", "effort = 0"),
    "an unknown direction": ("direction = \"increase\"", "direction = \"up\""),
}
for what, (old, new) in FORMAT2_MUTATIONS.items():
    assert old in FORMAT2, what
    text = FORMAT2.replace(old, new, 1)
    errors = schema_errors(text, False)
    check(bool(errors), f"format 2, {what}: rejected ({errors[:1]})")
    check(bool(goalc_schema_findings(text)), f"format 2, {what}: goalc agrees")

# Every field on every kind: the schema and goalc accept and refuse the same ones.
SAMPLE = {"baseline": "0", "target": "5", "unit": "\"x\"", "direction": "\"increase\"",
          "min": "1", "max": "2", "done": "2026-03-01", "contributes_to": "\"g.m\"",
          "waypoints": "[{ date = 2026-06-30, value = 1 }]"}
for kind in ("number", "deliverable", "range"):
    for field, value in SAMPLE.items():
        body = "min = 1\n" if kind == "range" and field not in ("min", "max") else ""
        text = FORMAT2 + f'\n[goals.s.metrics.k]\nkind = "{kind}"\n{body}{field} = {value}\n'
        if kind == "number" and field not in ("baseline", "target"):
            text += "baseline = 0\ntarget = 5\n"
        schema_says = bool(schema_errors(text, False))
        goalc_says = any("does not take" in d["message"] for d in goalc_schema_findings(text))
        check(schema_says == goalc_says,
              f"`{field}` on a {kind}: schema {'refuses' if schema_says else 'accepts'}, "
              f"goalc {'refuses' if goalc_says else 'accepts'}")

progress = 'checkin = [{ metric = "g.m", date = 2026-03-01, value = 3 }]\n'
check(not schema_errors(progress, True), "a progress file validates")
check(bool(schema_errors(progress.replace("metric = \"g.m\", ", ""), True)),
      "a check-in without `metric` is rejected")
check(not schema_errors(progress.replace("value = 3", "status = \"blocked\""), True),
      "a progress check-in with only a status validates")
check(bool(schema_errors(progress.replace(", value = 3", ""), True)),
      "a progress check-in with nothing in it is rejected")

print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
