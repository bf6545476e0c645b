#!/usr/bin/env python3
"""benches/format2.py keeps its promises on a small generated corpus.

Usage: python3 tests/ci/format2_check.py GOALC [GEN_CORPUS]

No structural finding after processing (syntax, schema, duplicate-id, unknown-reference,
invalid-dates), format-2 fields present, a second run changes nothing, and two runs on the same
corpus write the same bytes.
"""

import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRUCTURAL = {"syntax", "schema", "duplicate-id", "unknown-reference", "invalid-dates"}


def snapshot(d):
    return {p.relative_to(d): p.read_bytes() for p in sorted(d.rglob("*.toml"))}


def main():
    goalc = sys.argv[1]
    gen = sys.argv[2] if len(sys.argv) > 2 else str(ROOT.parent / "shared/bench/gen_corpus.py")
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a", Path(tmp) / "b"
        subprocess.run([sys.executable, gen, "--size", "small", "--quiet", str(a)], check=True)
        shutil.copytree(a, b)
        f2 = [sys.executable, str(ROOT / "benches/format2.py")]
        subprocess.run(f2 + [str(a)], check=True)
        once = snapshot(a)
        subprocess.run(f2 + [str(a)], check=True)
        assert snapshot(a) == once, "a second run changed the corpus"
        subprocess.run(f2 + [str(b)], check=True)
        assert snapshot(b) == once, "two runs on one corpus differ"
        text = "\n".join(p.decode() for p in once.values())
        for field in ('kind = "deliverable"', 'kind = "range"', "done = ", "waypoints = ", "status = ",
                      "score = ", "effort = ", "capacity = ", "supports = ", "min = "):
            assert field in text, f"no {field!r} in the processed corpus"
        out = subprocess.run([goalc, "check", "--format", "json", str(a)], capture_output=True, text=True)
        diags = json.loads(out.stdout)["diagnostics"]
        bad = [d for d in diags if d["rule"] in STRUCTURAL]
        assert not bad, json.dumps(bad[:5], indent=1)
    print("format2 ok")


if __name__ == "__main__":
    main()
