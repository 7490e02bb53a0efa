"""No planted secret reaches the TUI's screens, clipboard, exports or live log (issue 12).

The captures of `tests.secrets_plant` (a distinct secret of every kind, in every form) are
opened in the real app, and every place a user meets text is read back: the overview's
panes for every entry, every output and parsed record in the raw viewer, the walkthrough of
every finding (check pane, output, path), the fix view's copies and Markdown export, and the
log of outputs run live that a saved walkthrough writes. The capture and the findings behind
them do hold the secrets (checked first), so a clean screen proves the masking.
"""

from __future__ import annotations

import json

import pytest

from netriage import userdirs
from netriage.tui.app import NetriageApp
from netriage.tui.screens.fix import FixScreen
from netriage.tui.screens.modals import PromptScreen
from netriage.tui.screens.raw import RawScreen
from netriage.tui.screens.walk import WalkScreen
from tests.secrets_plant import planted, write_captures
from tests.tui.helpers import loaded, notices, options, screen_text, until

SECRETS = planted()


def leaks(text: str) -> list[str]:
    return sorted(SECRETS[s] for s in SECRETS if s in text)


# Every path the TUI has for text, from files that hold every secret kind: a running-config
# whose findings quote secrets (IOS, ASA system context, PIX 6) and lines typed at config and
# sub-mode prompts. Case and abbreviation are the engine's to mask (tests/test_secrets_*).
FILES = ("ios-run.log", "ios-typed.log", "asa-system.log", "asa-typed.log", "pix-run.log",
         "pix-typed.log")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("planted")
    write_captures(folder)
    return [str(folder / name) for name in FILES]


async def test_no_secret_on_any_screen_clipboard_export_or_live_log(files, tmp_path):
    app = NetriageApp(files)
    seen: list[str] = []  # everything the user was shown or given
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        workspace = app.workspace
        raw = "\n".join(e.output + "\n" + e.typed for d in workspace.capture.devices
                        for e in d.entries)
        assert len(leaks(raw)) > 100  # the secrets are in what was opened
        quoted = "\n".join(e.text for f in workspace.analysis.findings for e in f.evidence)
        assert leaks(quoted), "no finding quotes a secret: the screens would prove nothing"

        # overview: the devices, then every entry's detail pane
        seen.append(screen_text(app, "#devices-text"))
        items = app.screen.query_one("#items")
        for index in range(items.option_count):
            if not items.get_option_at_index(index).disabled:
                items.highlighted = index
                await pilot.pause()
                seen.append(screen_text(app, "#detail-text"))
        seen += options(app, "#items")

        # raw viewer: every output and its records
        await pilot.press("v")
        assert isinstance(app.screen, RawScreen)
        raw_screen = app.screen
        commands = raw_screen.query_one("#commands")
        output = raw_screen.query_one("#output")
        shown = 0
        for index in range(commands.option_count):  # every entry that holds a secret
            option = commands.get_option_at_index(index)
            if option.disabled:
                continue
            _host, entry = raw_screen.entries[int(option.id)]
            if not leaks(entry.output + entry.typed):
                continue
            commands.highlighted = index
            await pilot.pause()
            seen += ["\n".join(output.lines), str(output.border_title),
                     screen_text(app, "#records-text")]
            shown += 1
        seen += options(app, "#commands")
        assert shown > 50
        await pilot.press("escape")

        # the walkthrough of every finding that quotes a secret, opened where it was decided
        quoting = {(f.id, f.device) for f in workspace.analysis.findings
                   if leaks("\n".join(e.text for e in f.evidence))}
        for finding in [f for f in workspace.findings if (f.id, f.device) in quoting]:
            target = workspace.target(finding.device, finding.tree)
            app.open_walk(target, position=workspace.deciding_position(target, finding.id))
            await until(pilot, lambda: isinstance(app.screen, WalkScreen), "the walkthrough")
            walk = app.screen
            await pilot.press("e")  # on to the end: every step's lines in the path
            seen += [screen_text(app, "#check-text"), "\n".join(
                walk.query_one("#evidence").lines)]
            tree = walk.query_one("#path")
            tree.root.expand_all()
            seen += [str(node.label) for node in tree.root.children]
            seen += [str(leaf.label) for node in tree.root.children for leaf in node.children]
            await pilot.press("escape")

        # fix view: copy, copy all and the Markdown export of every finding
        await pilot.press("f")
        assert isinstance(app.screen, FixScreen)
        fixes = app.screen.query_one("#fix-list")
        for index in range(fixes.option_count):
            fixes.highlighted = index
            await pilot.pause()
            seen.append(screen_text(app, "#fix-text"))
            for key in ("c", "a"):
                app.copy_to_clipboard("")
                await pilot.press(key)
                seen.append(app.clipboard)
        export = tmp_path / "fixes.md"
        await pilot.press("x")
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one("#prompt-input").value = str(export)
        await pilot.press("enter")
        await until(pilot, lambda: "Exported" in notices(app), "the export")
        seen.append(export.read_text())
        await pilot.press("escape")

        # a secret-bearing output run live, then a saved walkthrough writes the live log
        hostname = "br-rtr01"
        config = workspace.device(hostname).device.find("show running-config")
        assert config is not None and leaks(config.output)
        app.workspace_updated(workspace.with_output(hostname, "show running-config",
                                                    config.output))
        app.open_walk(app.workspace.targets()[0])
        await until(pilot, lambda: isinstance(app.screen, WalkScreen), "the walkthrough")
        await pilot.press("s")
        await until(pilot, lambda: "Saved to" in notices(app), "the saved session")
        sources = json.loads(userdirs.saved_sessions()[0].read_text())["sources"]
        live_log = next(s for s in sources if s.endswith("-live.log"))
        with open(live_log) as handle:
            seen.append(handle.read())
        seen += [message for _severity, message in app.notices]

    assert len(seen) > 200
    text = "\n".join(seen)
    assert "<psk-" in text and "<failover-key-" in text  # masked, not dropped
    assert not leaks(text)
