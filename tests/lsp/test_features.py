"""Editor features of `goalc lsp` through a real client (pytest-lsp): completion that replaces
the whole id, rename, symbols, inlay hints, code lens, and a goalc.toml that does not parse.

Run with GOALC set to the binary: `GOALC=target/debug/goalc pytest tests/lsp`.
"""

import asyncio
import re
import shutil

import pytest
import pytest_lsp
from pygls.exceptions import JsonRpcException
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp import GOALC, ROOT, change, diagnostics, open_doc, position_of, utf16


def items_of(result):
    return result.items if hasattr(result, "items") else result


async def start(lsp_client, folder, options=None):
    lsp_client.init_result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="plans")],
            initialization_options=options,
        )
    )
    lsp_client.workspace_path = folder


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[GOALC, "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path):
    ws = tmp_path / "plans"
    shutil.copytree(ROOT / "examples" / "learning", ws)
    await start(lsp_client, ws)
    yield
    await lsp_client.shutdown_session()


async def complete_at(client, path, text, needle, offset, version):
    change(client, path, text, version)
    await diagnostics(client, path.as_uri())
    at = position_of(text, needle, offset)
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=at)
    )
    return at, items_of(result)


async def test_completion_replaces_the_whole_kebab_case_id(client: LanguageClient):
    team = client.workspace_path / "teams" / "learning.plan.toml"
    text = open_doc(client, team)
    await diagnostics(client, team.as_uri())
    line = 'aligns_to = "erp-ready-workforce"       # a single parent may be a plain string'
    assert line in text
    edited = text.replace(line, 'aligns_to = "erp-r', 1)
    at, items = await complete_at(client, team, edited, 'aligns_to = "erp-r', len('aligns_to = "erp-r'), 2)
    by_label = {i.label: i for i in items}
    item = by_label["erp-ready-workforce"]
    assert item.text_edit is not None, item
    assert item.text_edit.new_text == "erp-ready-workforce"
    start = position_of(edited, 'aligns_to = "erp-r', len('aligns_to = "'))
    assert item.text_edit.range == types.Range(start=start, end=at), item.text_edit
    # the key results of the org goal are offered whole too
    assert "erp-ready-workforce.certified-staff" in by_label
    # the goal itself (a team goal), another team goal and an individual goal are not
    for below in ("erp-academy", "erp-for-engineers", "aiko-microlearning"):
        assert below not in by_label, below
    assert "erp-academy.floor-trainers" not in by_label

    # the cursor in the middle of an id: the edit covers the id on both sides
    edited = text.replace(line, 'aligns_to = "faster-onb"', 1)
    at, items = await complete_at(client, team, edited, 'aligns_to = "faster-onb"', len('aligns_to = "fas'), 3)
    item = {i.label: i for i in items}["faster-onboarding"]
    end = position_of(edited, 'aligns_to = "faster-onb"', len('aligns_to = "faster-onb'))
    assert item.text_edit.range.start.character == at.character - 3
    assert item.text_edit.range.end == end


async def test_aligns_to_completion_leaves_out_goals_already_listed(client: LanguageClient):
    sales = client.workspace_path / "teams" / "sales-enablement.plan.toml"
    text = open_doc(client, sales)
    await diagnostics(client, sales.as_uri())
    line = 'aligns_to = ["faster-onboarding", "erp-ready-workforce"]'
    assert line in text
    written = 'aligns_to = ["faster-onboarding", "'
    edited = text.replace(line, written, 1)
    _, items = await complete_at(client, sales, edited, written, len(written), 2)
    labels = {i.label for i in items}
    assert "faster-onboarding" not in labels
    assert {"erp-ready-workforce", "leadership-bench"} <= labels
    assert "sales-ramp" not in labels and "sales-coaching" not in labels


def save(client, path):
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    )


async def test_an_invalid_goalc_toml_is_told_once_and_the_last_valid_settings_stay(client: LanguageClient):
    ws = client.workspace_path
    config = ws / "goalc.toml"
    valid = config.read_text()
    assert "as_of = 2026-06-15" in valid
    team = ws / "teams" / "learning.plan.toml"
    open_doc(client, team)
    pinned = await diagnostics(client, team.as_uri())

    # control: without the pinned date the same file has other findings, so the date matters
    config.write_text(valid.replace("as_of = 2026-06-15", ""))
    save(client, team)
    today = await diagnostics(client, team.as_uri())
    assert sorted(d.message for d in today) != sorted(d.message for d in pinned)
    config.write_text(valid)
    save(client, team)
    assert sorted(d.message for d in await diagnostics(client, team.as_uri())) == sorted(
        d.message for d in pinned
    )
    assert client.messages == []

    # a typo in a value: the file gets the diagnostic on the value, the editor a message once
    broken = valid.replace('levels = ["org", "team", "individual"]', 'levels = "org"', 1)
    assert broken != valid
    config.write_text(broken)
    save(client, team)
    on_config = await diagnostics(client, config.as_uri())
    assert len(on_config) == 1, on_config
    d = on_config[0]
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.range.start == position_of(broken, 'levels = "org"', len("levels = "))
    assert d.range.end == position_of(broken, 'levels = "org"', len('levels = "org"'))
    await asyncio.sleep(0.1)
    assert len(client.messages) == 1, client.messages
    assert client.messages[0].type == types.MessageType.Error
    assert "goalc.toml" in client.messages[0].message
    assert "last valid settings" in client.messages[0].message
    # the pinned as-of date stays in force: the plan's findings are those of 2026-06-15
    # (published in the same check, before goalc.toml's)
    after = client.diagnostics[team.as_uri()]
    assert sorted(d.message for d in after) == sorted(d.message for d in pinned)

    # a second check with the same invalid file tells nothing new (and, its findings being the
    # same, publishes nothing new either: the server sends only what changed)
    save(client, team)
    await asyncio.sleep(1.0)
    assert len(client.messages) == 1, client.messages
    assert client.diagnostics[config.as_uri()] == on_config

    # a syntax error: its span too
    config.write_text(valid + "\n[rules\n")
    save(client, team)
    on_config = await diagnostics(client, config.as_uri())
    assert on_config and on_config[0].range.start.line == valid.count("\n") + 1, on_config

    # fixed: the file's diagnostics are cleared
    config.write_text(valid)
    save(client, team)
    assert list(await diagnostics(client, config.as_uri())) == []


def apply_edits(text: str, edits) -> str:
    """Applies LSP text edits (UTF-16 columns), last first."""
    lines = text.splitlines(keepends=True)

    def offset(pos):
        before = "".join(lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = line.encode("utf-16-le")[: pos.character * 2].decode("utf-16-le")
        return len(before) + len(units)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        s, t = offset(e.range.start), offset(e.range.end)
        text = text[:s] + e.new_text + text[t:]
        lines = text.splitlines(keepends=True)
    return text


def uncommented(text: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


async def rename_at(client, path, text, needle, offset, new_name):
    return await client.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=position_of(text, needle, offset),
            new_name=new_name,
        )
    )


def check_json(ws):
    import json
    import subprocess

    out = subprocess.run([GOALC, "check", "--format", "json", str(ws)], capture_output=True, text=True)
    return json.loads(out.stdout)


def findings(report):
    items = report["diagnostics"] if isinstance(report, dict) else report
    return sorted((d["rule"], d["message"]) for d in items)


async def test_rename_a_goal_across_files_and_a_progress_file(client: LanguageClient):
    ws = client.workspace_path
    team = ws / "teams" / "learning.plan.toml"
    text = open_doc(client, team)
    await diagnostics(client, team.as_uri())
    before = findings(check_json(ws))
    needle = 'aligns_to = "erp-ready-workforce"'

    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(
            text_document=types.TextDocumentIdentifier(uri=team.as_uri()),
            position=position_of(text, needle, len('aligns_to = "erp-re')),
        )
    )
    assert prepared.placeholder == "erp-ready-workforce"
    assert prepared.range.start == position_of(text, needle, len('aligns_to = "'))
    assert prepared.range.end == position_of(text, needle, len(needle) - 1)
    # nothing to rename on a title or a date
    nothing = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(
            text_document=types.TextDocumentIdentifier(uri=team.as_uri()),
            position=position_of(text, "start = 2026-01-01", 3),
        )
    )
    assert nothing is None

    edit = await rename_at(client, team, text, needle, len('aligns_to = "erp-re'), "atlas-ready-staff")
    changed = {uri.rsplit("/", 1)[-1] for uri in edit.changes}
    assert {"org.plan.toml", "learning.plan.toml", "sales-enablement.plan.toml",
            "engineering-enablement.plan.toml", "2026-q1.progress.toml"} <= changed, changed
    for uri, edits in edit.changes.items():
        path = next(p for p in ws.rglob("*.toml") if p.as_uri() == uri)
        new = apply_edits(path.read_text(), edits)
        assert "erp-ready-workforce" not in uncommented(new), (path, uncommented(new))
        path.write_text(new)
    assert "[goals.atlas-ready-staff]" in (ws / "org.plan.toml").read_text()
    assert "[goals.atlas-ready-staff.metrics.certified-staff]" in (ws / "org.plan.toml").read_text()
    assert 'metric = "atlas-ready-staff.certified-staff"' in (ws / "progress" / "2026-q1.progress.toml").read_text()
    # the renamed workspace checks as before, every reference resolved
    assert findings(check_json(ws)) == before


async def test_rename_a_metric_and_a_person(client: LanguageClient):
    ws = client.workspace_path
    org = ws / "org.plan.toml"
    text = open_doc(client, org)
    await diagnostics(client, org.as_uri())
    before = findings(check_json(ws))
    header = "[goals.erp-ready-workforce.metrics.certified-staff]"
    edit = await rename_at(client, org, text, header, len("[goals.erp-ready-workforce.metrics.cer"), "certified")
    for uri, edits in edit.changes.items():
        path = next(p for p in ws.rglob("*.toml") if p.as_uri() == uri)
        new = apply_edits(path.read_text(), edits)
        assert "erp-ready-workforce.certified-staff" not in uncommented(new), path
        assert "metrics.certified-staff" not in new, path
        path.write_text(new)
    assert 'metric = "erp-ready-workforce.certified"' in (ws / "progress" / "2026-q1.progress.toml").read_text()
    assert findings(check_json(ws)) == before

    # a person: the roster entry and every owner, in other files too
    text = org.read_text()
    change(client, org, text, 2)
    await diagnostics(client, org.as_uri())
    edit = await rename_at(client, org, text, "[people.maria]", len("[people.ma"), "maria-chen")
    assert len(edit.changes) >= 3, edit.changes
    for uri, edits in edit.changes.items():
        path = next(p for p in ws.rglob("*.toml") if p.as_uri() == uri)
        new = apply_edits(path.read_text(), edits)
        path.write_text(new)
    for path in ws.rglob("*.toml"):
        assert '"maria"' not in uncommented(path.read_text()), path
        assert "people.maria]" not in path.read_text(), path
    assert findings(check_json(ws)) == before


async def test_rename_to_an_existing_or_invalid_id_is_refused(client: LanguageClient):
    team = client.workspace_path / "teams" / "learning.plan.toml"
    text = open_doc(client, team)
    await diagnostics(client, team.as_uri())
    needle = 'aligns_to = "erp-ready-workforce"'
    for new_name, why in (("faster-onboarding", "already exists"), ("erp ready", "not a valid"),
                          ("erp.ready", "not a valid"), ("", "not a valid"),
                          ("erp\u200bready", "not a valid")):
        with pytest.raises(JsonRpcException) as refused:
            await rename_at(client, team, text, needle, len('aligns_to = "e'), new_name)
        assert why in str(refused.value), (new_name, refused.value)
    # a metric id taken by a sibling key result, a person id on the roster
    org = client.workspace_path / "org.plan.toml"
    org_text = open_doc(client, org)
    await diagnostics(client, org.as_uri())
    with pytest.raises(JsonRpcException, match="already exists"):
        await rename_at(client, org, org_text, "[goals.erp-ready-workforce.metrics.certified-staff]",
                        len("[goals.erp-ready-workforce.metrics.c"), "how-to-tickets")
    with pytest.raises(JsonRpcException, match="already exists"):
        await rename_at(client, org, org_text, "[people.maria]", len("[people.m"), "ingrid")
    # a file the server does not know: no id to rename, and an error rather than an edit
    elsewhere = (client.workspace_path / "nowhere.plan.toml").as_uri()
    at = types.Position(line=0, character=0)
    assert await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=types.TextDocumentIdentifier(uri=elsewhere), position=at)
    ) is None
    with pytest.raises(JsonRpcException, match="no goal, metric or person id here"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=types.TextDocumentIdentifier(uri=elsewhere), position=at, new_name="x")
        )
    # nothing was changed on disk, and the server still answers
    assert team.read_text() == text
    assert await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=types.TextDocumentIdentifier(uri=team.as_uri()),
                                  position=position_of(text, needle, len('aligns_to = "e')))
    ) is not None


async def test_document_and_workspace_symbols(client: LanguageClient):
    org = client.workspace_path / "org.plan.toml"
    text = open_doc(client, org)
    await diagnostics(client, org.as_uri())
    outline = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=org.as_uri()))
    )
    names = [s.name for s in outline]
    assert names == ["erp-ready-workforce", "faster-onboarding", "leadership-bench", "compliance-on-time"]
    erp = outline[0]
    assert erp.detail.startswith("Certify 2,100")
    assert erp.kind == types.SymbolKind.Class
    assert [m.name for m in erp.children] == ["certified-staff", "how-to-tickets"]
    assert erp.selection_range.start == position_of(text, "[goals.erp-ready-workforce]", len("[goals."))
    # the goal's range holds its metrics' tables, and ends before the next goal
    assert erp.range.start.line == erp.selection_range.start.line
    last = erp.children[-1]
    assert erp.range.start.line <= last.range.start.line and last.range.end.line <= erp.range.end.line
    assert erp.range.end.line < outline[1].range.start.line
    assert last.detail.startswith("ERP how-to tickets")

    async def find(query):
        return await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query))

    by_id = await find("erp-ready")
    assert by_id[0].name.startswith("erp-ready-workforce")
    assert by_id[0].location.uri == org.as_uri()
    assert by_id[0].location.range.start == erp.selection_range.start
    by_title = await find("certify 2,100")
    assert [s.name.split(" — ")[0] for s in by_title] == ["erp-ready-workforce"]
    assert list(await find("no goal is called this")) == []
    everything = await find("")
    assert len(everything) == 30  # every goal of the example


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[GOALC, "lsp"]))
async def quiet_client(lsp_client: LanguageClient, tmp_path):
    ws = tmp_path / "plans"
    shutil.copytree(ROOT / "examples" / "learning", ws)
    await start(lsp_client, ws, {"inlayHints": False})
    yield
    await lsp_client.shutdown_session()


async def hints(client, path, text):
    end = types.Position(line=text.count("\n") + 1, character=0)
    return await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=types.Range(start=types.Position(line=0, character=0), end=end),
        )
    )


async def test_inlay_hints_show_status_and_progress_after_each_goal_header(client: LanguageClient):
    assert client.init_result.capabilities.inlay_hint_provider
    org = client.workspace_path / "org.plan.toml"
    text = open_doc(client, org)
    await diagnostics(client, org.as_uri())
    got = await hints(client, org, text)
    assert len(got) == 4, got
    header = "[goals.erp-ready-workforce]"
    first = min(got, key=lambda h: h.position.line)
    assert first.position == position_of(text, header, len(header))
    # the hover's status and figures
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=org.as_uri()),
                          position=position_of(text, header, len("[goals.e")))
    )
    status = hover.contents.value.split("**")[3]
    assert first.label.startswith(status + " · "), (first.label, hover.contents.value)
    assert re.fullmatch(r"[A-Z][a-z ]+ · \d+% done, \d+% expected", first.label), first.label
    # a range holding no header gets none
    none = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri=org.as_uri()),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=1, character=0)),
        )
    )
    assert list(none) == []


async def test_inlay_hints_turned_off_by_an_initialization_option(quiet_client: LanguageClient):
    org = quiet_client.workspace_path / "org.plan.toml"
    text = open_doc(quiet_client, org)
    await diagnostics(quiet_client, org.as_uri())
    assert list(await hints(quiet_client, org, text)) == []
    # and not announced, so a client does not ask
    assert quiet_client.init_result.capabilities.inlay_hint_provider is None
    # the same server gives the hints when the option is not set: see the test above


async def test_code_lens_counts_the_goals_that_align_here(client: LanguageClient):
    import tomllib

    ws = client.workspace_path
    aligned: dict[str, int] = {}
    for path in ws.rglob("*.plan.toml"):
        for goal in tomllib.loads(path.read_text()).get("goals", {}).values():
            parents = goal.get("aligns_to", [])
            for parent in [parents] if isinstance(parents, str) else parents:
                key = parent.split(".")[0]
                aligned[key] = aligned.get(key, 0) + 1
    org = ws / "org.plan.toml"
    text = open_doc(client, org)
    await diagnostics(client, org.as_uri())
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=org.as_uri()))
    )
    got = {}
    for lens in lenses:
        line = text.splitlines()[lens.range.start.line]
        got[line.strip("[]").split(".", 1)[1]] = lens.command.title
    want = {goal: f"{n} goals align here" if n != 1 else "1 goal aligns here"
            for goal, n in aligned.items() if f"[goals.{goal}]" in text}
    assert got == want, (got, want)
    assert any(n > 1 for goal, n in aligned.items() if goal in got)
    # a goal nothing aligns to has no lens: an individual goal's file has none
    person = ws / "people" / "aiko.plan.toml"
    open_doc(client, person)
    await diagnostics(client, person.as_uri())
    assert list(await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=person.as_uri()))
    )) == []


async def test_rename_of_an_owner_without_a_roster_entry_and_to_a_dangling_reference(client: LanguageClient):
    ws = client.workspace_path
    extra = ws / "people" / "guest.plan.toml"
    text = (
        '[plan]\ntitle = "Guest"\nowner = "guest-lead"\nstart = 2026-01-01\nend = 2026-12-31\n\n'
        '[goals.guest-one]\ntitle = "Run 4 guest workshops by June"\nowner = "guest-lead"\n'
        'aligns_to = "leadership-programme"\n'
        '[goals.guest-one.metrics.workshops]\nunit = "count"\nbaseline = 0\ntarget = 4\n\n'
        '[goals.guest-two]\ntitle = "Write 2 guest guides by June"\nowner = "guest-lead"\n'
        'aligns_to = ["leadership-programme", "not-yet-written"]\n'
        '[goals.guest-two.metrics.guides]\nunit = "count"\nbaseline = 0\ntarget = 2\n'
    )
    extra.write_text(text)
    open_doc(client, extra)
    await diagnostics(client, extra.as_uri())
    needle = 'owner = "guest-lead"'
    edit = await rename_at(client, extra, text, needle, len('owner = "gu'), "guest-host")
    (edits,) = edit.changes.values()
    assert len(edits) == 3, edits
    assert apply_edits(text, edits).count('"guest-host"') == 3
    # a goal named only by a reference so far: taking its name would make that reference
    # point at the renamed goal
    with pytest.raises(JsonRpcException, match="already exists"):
        await rename_at(client, extra, text, "[goals.guest-one]", len("[goals.gu"), "not-yet-written")


async def test_an_open_goalc_toml_is_read_from_the_editor(client: LanguageClient):
    ws = client.workspace_path
    config = ws / "goalc.toml"
    valid = open_doc(client, config)
    team = ws / "teams" / "learning.plan.toml"
    open_doc(client, team)
    pinned = await diagnostics(client, team.as_uri())
    typo = valid.replace("as_of = 2026-06-15", "as_of = 2026-13-15", 1)
    assert typo != valid
    change(client, config, typo, 2)
    on_config = await diagnostics(client, config.as_uri())
    assert len(on_config) == 1 and on_config[0].range.start.line == typo[: typo.index("2026-13-15")].count("\n")
    assert sorted(d.message for d in client.diagnostics[team.as_uri()]) == sorted(d.message for d in pinned)
    assert config.read_text() == valid
    change(client, config, valid, 3)
    assert list(await diagnostics(client, config.as_uri())) == []
    assert len(client.messages) == 1
