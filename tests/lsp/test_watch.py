"""`goalc lsp` hears of files changed on disk, and survives what a hostile or hurried editor sends.

Run with GOALC set to the binary: `GOALC=target/debug/goalc pytest tests/lsp`.
"""

import asyncio
import shutil

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp import GOALC, ROOT, change, diagnostics, open_doc, position_of

WATCHING = types.ClientCapabilities(
    workspace=types.WorkspaceClientCapabilities(
        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
    )
)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[GOALC, "lsp"]))
async def watcher(lsp_client: LanguageClient, tmp_path):
    ws = tmp_path / "plans"
    shutil.copytree(ROOT / "examples" / "learning", ws)
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=WATCHING,
            workspace_folders=[types.WorkspaceFolder(uri=ws.as_uri(), name="plans")],
        )
    )
    lsp_client.workspace_path = ws
    yield
    await lsp_client.shutdown_session()


def on_disk(client, path, kind):
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=path.as_uri(), type=kind)])
    )


async def until(condition, timeout=20.0):
    async def poll():
        while not condition():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), timeout)


async def test_files_changed_created_and_deleted_on_disk_are_noticed_without_a_save(watcher: LanguageClient):
    client = watcher
    await until(lambda: client.registrations)
    [registration] = client.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = {w["globPattern"] for w in registration.register_options["watchers"]}
    assert globs == {"**/*.plan.toml", "**/*.progress.toml", "**/goalc.toml"}

    team = client.workspace_path / "teams" / "learning.plan.toml"
    open_doc(client, team)
    assert list(await diagnostics(client, team.as_uri())) == []

    # changed on disk (a `git pull`): a file not open gets its findings
    aiko = client.workspace_path / "people" / "aiko.plan.toml"
    original = aiko.read_text()
    aiko.write_text(original.replace('aligns_to = "compliance-refresh"', 'aligns_to = "compliance-refreshd"', 1))
    on_disk(client, aiko, types.FileChangeType.Changed)
    found = await diagnostics(client, aiko.as_uri())
    assert any("compliance-refreshd" in d.message for d in found), found

    # created: a new plan that the open document's goals are now named in
    new = client.workspace_path / "people" / "newcomer.plan.toml"
    new.write_text(
        '[plan]\ntitle = "New"\nowner = "maria"\nstart = 2026-01-01\nend = 2026-12-31\n\n'
        '[goals.newcomer-goal]\ntitle = "Grow things from 1 to 5 by May"\nowner = "ghost-person"\n'
    )
    on_disk(client, new, types.FileChangeType.Created)
    found = await diagnostics(client, new.as_uri())
    assert any("ghost-person" in d.message for d in found), found

    # deleted: its findings are cleared, and so are aiko's once the file is put back
    new.unlink()
    on_disk(client, new, types.FileChangeType.Deleted)
    assert list(await diagnostics(client, new.as_uri())) == []
    aiko.write_text(original)
    on_disk(client, aiko, types.FileChangeType.Changed)
    assert list(await diagnostics(client, aiko.as_uri())) == []

    # goalc.toml changed on disk: a later as-of date makes goals overdue
    (client.workspace_path / "goalc.toml").write_text('as_of = 2027-06-15\nlevels = ["org", "team", "individual"]\n')
    on_disk(client, client.workspace_path / "goalc.toml", types.FileChangeType.Changed)
    found = await diagnostics(client, team.as_uri())
    assert any(d.code == "overdue" for d in found), found


async def test_a_50_mb_edit_then_a_normal_one_leaves_no_stale_finding(watcher: LanguageClient):
    client = watcher
    team = client.workspace_path / "teams" / "learning.plan.toml"
    text = open_doc(client, team)
    await diagnostics(client, team.as_uri())
    change(client, team, text + "# padding\n" * (5 << 20), 2)
    found = await diagnostics(client, team.as_uri(), timeout=120)
    assert [d.code for d in found] == ["syntax"] and "too large" in found[0].message, found
    change(client, team, text, 3)
    assert list(await diagnostics(client, team.as_uri(), timeout=60)) == []


async def test_a_thousand_edits_in_a_second_end_with_the_last_ones_findings(watcher: LanguageClient):
    client = watcher
    team = client.workspace_path / "teams" / "learning.plan.toml"
    uri = team.as_uri()
    text = open_doc(client, team)
    await diagnostics(client, uri)
    needle = 'aligns_to = "erp-ready-workforce"'
    for version in range(2, 1002):
        typo = f'aligns_to = "typo-{version}"' if version % 3 else needle
        change(client, team, text.replace(needle, typo, 1), version)
        if version % 100 == 0:
            await asyncio.sleep(0.1)
    change(client, team, text.replace(needle, 'aligns_to = "the-last-typo"', 1), 1002)

    def last_typo_only():
        found = client.diagnostics.get(uri, [])
        return [d.message for d in found if "typo" in d.message]

    await until(lambda: any("the-last-typo" in m for m in last_typo_only()), timeout=60)
    assert len(last_typo_only()) == 1, last_typo_only()
    # a request on the document is answered from a check that has its text
    at = position_of(text, needle, len('aligns_to = "e'))
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at)
        ),
        10,
    )
    assert hover is None or hover.contents is not None
    change(client, team, text, 1003)
    assert list(await diagnostics(client, uri)) == []


async def test_a_change_to_a_document_never_opened_is_ignored(watcher: LanguageClient):
    client = watcher
    team = client.workspace_path / "teams" / "learning.plan.toml"
    zofia = client.workspace_path / "people" / "zofia.plan.toml"
    text = open_doc(client, team)
    await diagnostics(client, team.as_uri())
    change(client, zofia, "[goals.broken\n", 7)
    change(client, team, text.replace('aligns_to = "erp-ready-workforce"', 'aligns_to = "x-y-z"', 1), 2)
    found = await diagnostics(client, team.as_uri())
    assert any("x-y-z" in d.message for d in found), found
    assert not client.diagnostics.get(zofia.as_uri()), client.diagnostics.get(zofia.as_uri())
    at = position_of(text, "erp-ready-workforce")
    await asyncio.wait_for(
        client.text_document_definition_async(
            types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=zofia.as_uri()), position=at)
        ),
        10,
    )
