"""Editor features of `goalc lsp` through a real client (pytest-lsp): completion that replaces
the whole id, rename, symbols, inlay hints, code lens, and a goalc.toml that does not parse.

Run with GOALC set to the binary: `GOALC=target/debug/goalc pytest tests/lsp`.
"""

import asyncio
import shutil

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp import GOALC, ROOT, change, diagnostics, open_doc, position_of, utf16


def items_of(result):
    return result.items if hasattr(result, "items") else result


async def start(lsp_client, folder, options=None):
    await lsp_client.initialize_session(
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

    # a second check with the same invalid file tells nothing new
    save(client, team)
    await diagnostics(client, config.as_uri())
    await asyncio.sleep(0.1)
    assert len(client.messages) == 1, client.messages

    # a syntax error: its span too
    config.write_text(valid + "\n[rules\n")
    save(client, team)
    on_config = await diagnostics(client, config.as_uri())
    assert on_config and on_config[0].range.start.line == valid.count("\n") + 1, on_config

    # fixed: the file's diagnostics are cleared
    config.write_text(valid)
    save(client, team)
    assert list(await diagnostics(client, config.as_uri())) == []
