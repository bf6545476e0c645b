"""`goalc lsp` against JSON-RPC 2.0 and LSP 3.17 over raw stdio framing: what a broken or hostile
client sends gets the protocol's answer and the server goes on.

Run with GOALC set to the binary: `GOALC=target/debug/goalc pytest tests/lsp`.
"""

import json
import os
import subprocess
import tempfile
import threading
import time
import queue
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOALC = os.environ.get("GOALC", str(ROOT / "target/debug/goalc"))


class Raw:
    """A server process spoken to in bytes."""

    def __init__(self, cwd=None):
        self.proc = subprocess.Popen(
            [GOALC, "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self.messages = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

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
            self.messages.put(json.loads(out.read(length)))

    def send_bytes(self, body: bytes):
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message: dict):
        self.send_bytes(json.dumps(message).encode())

    def request(self, id, method, params=None):
        self.send({"jsonrpc": "2.0", "id": id, "method": method, "params": params})

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def next(self, timeout=20, want=lambda m: "id" in m):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, "no answer in time"
            message = self.messages.get(timeout=left)
            if want(message):
                return message

    def initialize(self, root_uri=None):
        self.request(1, "initialize", {"capabilities": {}, "rootUri": root_uri, "processId": None})
        answer = self.next()
        assert answer["id"] == 1 and "capabilities" in answer["result"], answer
        self.notify("initialized", {})

    def wait(self, timeout=20):
        return self.proc.wait(timeout=timeout)


def test_malformed_json_gets_parse_error_and_the_server_goes_on():
    s = Raw()
    s.initialize()
    s.send_bytes(b"{not json}")
    answer = s.next()
    assert answer["error"]["code"] == -32700 and answer["id"] is None, answer
    s.request(2, "textDocument/hover", {
        "textDocument": {"uri": "file:///nowhere/x.plan.toml"},
        "position": {"line": 0, "character": 0},
    })
    answer = s.next()
    assert answer["id"] == 2 and "result" in answer, answer
    s.request(3, "shutdown")
    assert s.next()["id"] == 3
    s.notify("exit")
    assert s.wait() == 0


def test_bad_ids_get_invalid_request():
    s = Raw()
    s.initialize()
    for bad in [b"null", b"1.5", b"1e300", b"99999999999999999999", b"[1]", b'{"a": 1}']:
        s.send_bytes(b'{"jsonrpc": "2.0", "id": ' + bad + b', "method": "textDocument/hover", "params": {}}')
        answer = s.next()
        assert answer["error"]["code"] == -32600 and answer["id"] is None, (bad, answer)
    s.send_bytes(b"[]")
    assert s.next()["error"]["code"] == -32600
    s.request(9, "shutdown")
    assert s.next()["id"] == 9


def test_lifecycle_follows_lsp():
    s = Raw()
    s.initialize()
    s.request(2, "initialize", {"capabilities": {}})
    answer = s.next()
    assert answer["id"] == 2 and answer["error"]["code"] == -32600, answer
    s.request(3, "shutdown")
    assert s.next() == {"jsonrpc": "2.0", "id": 3, "result": None}
    s.request(4, "textDocument/hover", {})
    answer = s.next()
    assert answer["id"] == 4 and "error" in answer, answer
    assert s.proc.poll() is None, "a request after shutdown ended the server"
    s.notify("exit")
    assert s.wait() == 0


def test_exit_without_shutdown_exits_1():
    s = Raw()
    s.initialize()
    s.notify("exit")
    assert s.wait() == 1


def test_a_root_of_slash_is_not_walked():
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "a.plan.toml"
        plan.write_text('[plan]\ntitle = "x"\n')
        s = Raw()
        s.initialize("file:///")
        started = time.monotonic()
        s.notify("textDocument/didOpen", {"textDocument": {
            "uri": plan.as_uri(), "languageId": "toml", "version": 1, "text": plan.read_text()}})
        s.next(timeout=30, want=lambda m: m.get("method") == "textDocument/publishDiagnostics")
        assert time.monotonic() - started < 30


def diagnostics_time(n):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "goalc.toml").write_text("as_of = 2026-06-15\n")
        plan = Path(tmp) / "a.plan.toml"
        text = '[plan]\ntitle = "T"\nowner = "m"\nstart = 2026-01-01\nend = 2026-12-31\n'
        text += "".join(f"unknown-{i} = 1\n" for i in range(n))
        plan.write_text(text)
        s = Raw()
        s.initialize(Path(tmp).as_uri())
        started = time.monotonic()
        s.notify("textDocument/didOpen", {"textDocument": {
            "uri": plan.as_uri(), "languageId": "toml", "version": 1, "text": text}})
        found = s.next(timeout=300, want=lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == plan.as_uri())
        took = time.monotonic() - started
        assert len(found["params"]["diagnostics"]) >= n
        s.proc.kill()
        return took


def test_diagnostic_positions_grow_linearly():
    small = min(diagnostics_time(2_000) for _ in range(3))
    large = min(diagnostics_time(20_000) for _ in range(3))
    print(f"2k findings {small:.2f}s, 20k {large:.2f}s: {large / small:.1f}x")
    assert large / small < 12, (small, large)
