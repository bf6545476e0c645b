#!/usr/bin/env python3
"""The language server as an editor sees it: edit -> fresh diagnostics, and the server's memory.

Usage: python3 benches/lsp_edit.py [--sizes medium,large] [--edits N] [--goalc PATH]
                                   [--corpus SIZE=DIR ...]

Drives the real `goalc lsp` over stdio with LSP's own framing and messages (a client of a few
lines, like tests/lsp/test_protocol.py): initializes on the corpus root (a client that can watch
files), opens one individual plan, waits for its first diagnostics (the cold check of the whole
workspace), then makes N edits, each one typing a misspelt `aligns_to` in that plan or taking it
back, and times each from the `didChange` sent to the `publishDiagnostics` of that version.
Prints per corpus the median and worst edit, the cold start, the server's peak resident memory
(VmHWM) as a multiple of the corpus's bytes, and, from GOALC_TIMINGS, the median of each stage of
the incremental check and of the slowest rules. The corpora come from ../shared/bench/gen_corpus.py into
$TMPDIR/goalc-bench/ when missing (or give them with --corpus large=/path). Builds nothing:
run `cargo build --release` first (the default binary is target/release/goalc).
"""

import argparse
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
WORK = Path(tempfile.gettempdir()) / "goalc-bench"
STAGES = ["live-walk", "live-load", "live-resolve", "live-link", "evaluate", "rules"]


class Server:
    def __init__(self, goalc, cwd):
        self.proc = subprocess.Popen(
            [str(goalc), "lsp"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env={**os.environ, "GOALC_TIMINGS": "1"},
        )
        self.messages = queue.Queue()
        self.stderr = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._errors, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            self.messages.put((time.perf_counter(), json.loads(out.read(length))))

    def _errors(self):
        for line in self.proc.stderr:
            self.stderr.append(line.decode(errors="replace"))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def wait_for(self, want, timeout=600):
        deadline = time.monotonic() + timeout
        while True:
            at, message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if message.get("method") == "client/registerCapability":
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            if want(message):
                return at, message

    def peak_rss(self):
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) * 1024


def corpus(size, given):
    if size in given:
        return Path(given[size])
    out = WORK / size
    if not (out / "goalc.toml").exists():
        subprocess.run([sys.executable, str(GEN), "--size", size, "--quiet", "--force", str(out)], check=True)
    return out


def measure(goalc, root, edits):
    files = sorted(root.rglob("*.toml"))
    size = sum(f.stat().st_size for f in files)
    plans = sorted((root / "people").rglob("*.plan.toml"))
    plan = next(p for p in plans[len(plans) // 2:] if re.search(r'aligns_to = "[^"]+"', p.read_text()))
    text = plan.read_text()
    target = re.search(r'aligns_to = "([^"]+)"', text)
    edited = text.replace(target.group(0), 'aligns_to = "no-such-goal-anywhere"', 1)
    uri = plan.as_uri()
    server = Server(goalc, root)
    server.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": root.as_uri(),
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}},
    }})
    server.wait_for(lambda m: m.get("id") == 1)
    started = time.perf_counter()
    server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "toml", "version": 1, "text": text}}})

    def published(version):
        return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri and m["params"].get("version") == version)

    at, _ = server.wait_for(published(1))
    cold = at - started
    first_edit_log = len(server.stderr)
    times = []
    for version in range(2, edits + 2):
        body = edited if version % 2 == 0 else text
        time.sleep(0.05)  # a person types slower than this; the debounce is not what is measured
        sent = time.perf_counter()
        server.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": body}]}})
        at, message = server.wait_for(published(version))
        found = any("no-such-goal-anywhere" in d["message"] for d in message["params"]["diagnostics"])
        assert found == (version % 2 == 0), message
        times.append(at - sent)
    peak = server.peak_rss()
    server.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    server.wait_for(lambda m: m.get("id") == 2)
    server.send({"jsonrpc": "2.0", "method": "exit"})
    server.proc.wait(timeout=60)
    stages = {}
    for line in server.stderr[first_edit_log:]:
        m = re.match(r"goalc timings: (\S+)\s+([\d.]+) ms", line)
        if m:
            stages.setdefault(m.group(1), []).append(float(m.group(2)))
    return {
        "files": len(files), "bytes": size, "cold": cold, "times": sorted(times),
        "peak": peak, "stages": {k: statistics.median(v) for k, v in stages.items()},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="medium,large")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--goalc", default=str(ROOT / "target/release/goalc"))
    ap.add_argument("--corpus", action="append", default=[], metavar="SIZE=DIR")
    args = ap.parse_args()
    given = dict(c.split("=", 1) for c in args.corpus)
    for size in args.sizes.split(","):
        r = measure(Path(args.goalc), corpus(size, given).resolve(), args.edits)
        t = r["times"]
        print(f"{size}: {r['files']} files, {r['bytes'] / 2**20:.1f} MiB; cold start {r['cold'] * 1000:.0f} ms; "
              f"edit -> diagnostics median {statistics.median(t) * 1000:.0f} ms, worst {t[-1] * 1000:.0f} ms "
              f"({len(t)} edits); peak RSS {r['peak'] / 2**20:.0f} MiB = {r['peak'] / r['bytes']:.2f}x the corpus")
        print("   stages (median ms): " + ", ".join(f"{k} {r['stages'][k]:.1f}" for k in STAGES if k in r["stages"]))
        rules = sorted(((v, k) for k, v in r["stages"].items() if k not in STAGES), reverse=True)[:6]
        print("   slowest rules (median ms, they run in parallel): " + ", ".join(f"{k} {v:.1f}" for v, k in rules))


if __name__ == "__main__":
    main()
