"""Reads the SARIF logs the SARIF Multitool's `validate` wrote and fails on any finding.

The multitool checks a log against the SARIF 2.1.0 JSON schema (JSON1xxx errors) and against
its own rules for well-formed SARIF (SARIF1xxx/2xxx). goalc's output must pass both cleanly.
Usage: python3 sarif_check.py VALIDATION.sarif...
"""
import json
import sys

failed = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    results = [r for run in log.get("runs", []) for r in run.get("results", [])]
    problems = [r for r in results if r.get("level", "warning") in ("error", "warning")]
    for r in problems:
        message = r.get("message", {})
        print(f"{path}: {r.get('ruleId')} {message.get('text') or message.get('id')} {message.get('arguments', '')}")
    failed += bool(problems)
    if not log.get("runs"):
        print(f"{path}: not a validation log")
        failed += 1
print(f"{len(sys.argv) - 1 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
