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
