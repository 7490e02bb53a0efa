"""Real outputs (../shared/corpus, skipped when absent): the facts and trees of the interface
and config areas never raise on them, whatever they hold."""

from __future__ import annotations

import contextlib
from pathlib import Path

from netriage.analysis import applicable_trees, start_walk
from netriage.capture.model import Device, Entry
from netriage.engine.expr import Unknown
from netriage.engine.tree import load_trees
from netriage.facts import DeviceFacts
from netriage.facts.config.build import build_config
from netriage.facts.config.tree import Coverage, RunningConfig, parse_lines

COMMANDS = {
    "cisco_ios": ["show interfaces", "show interfaces status",
                  "show interfaces status err-disabled", "show ip interface brief",
                  "show logging", "show running-config interface"],
    "cisco_asa": ["show interface", "show interface ip brief", "show logging"],
}


def test_interface_outputs_walk_without_errors(shared_dir: Path):
    trees = [t for t in load_trees() if t.id.startswith(("interfaces", "config"))]
    walked = 0
    for platform, commands in COMMANDS.items():
        for command in commands:
            folder = shared_dir / "corpus" / "ntc" / platform / command.replace(" ", "_")
            for raw in sorted(folder.glob("*.raw")):
                entry = Entry(command=command, output=raw.read_text(errors="replace"),
                              source=str(raw), line=1)
                device = Device("corpus", platform=platform, entries=[entry])
                facts = DeviceFacts(device)
                for tree in applicable_trees(device, trees):
                    start_walk(tree, facts).run()  # must not raise
                    walked += 1
    assert walked > 100


def test_any_text_read_as_a_configuration_never_raises(shared_dir: Path):
    for raw in sorted((shared_dir / "corpus" / "ntc").glob("*/*/*.raw")):
        family = "cisco_ios" if "cisco_ios" in raw.parts else "cisco_asa"
        lines, _ = parse_lines(raw.read_text(errors="replace"), family, "show running-config")
        config = RunningConfig(family, lines, [Coverage("show running-config", full=True)],
                               complete=True, source="show running-config")
        with contextlib.suppress(Unknown):
            build_config(config)
