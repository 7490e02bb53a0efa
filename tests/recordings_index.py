"""Every recording under `recordings/`, analysed once per test session.

Shared by the tests that judge the recordings as a whole (catalog coverage, the golden file
of findings): analysing ~300 captures takes a while on a small machine, so it is done once,
lazily, and the result is cached for the process.

A *recording* is one input an engineer would hand to `netriage analyze`:
- a file (README, Markdown and YAML sidecars are notes, not captures);
- a per-command folder (netmiko / nornir style: every file in it, at any depth, is named for
  one command, `show_version.txt`, `fw1_show_run.txt`) counts once, as the folder, because
  that is how it is loaded; its files alone would lose the device they belong to.
`recordings/training/` holds material for people, not for the analyser, and is skipped.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pytest

from tests.conftest import RECORDINGS

if TYPE_CHECKING:
    from netriage.analysis import Analysis

# Notes that sit next to recordings; never analysed.
SIDECAR_SUFFIXES = frozenset({".md", ".yml", ".yaml"})
SKIPPED_DIRS = frozenset({"training"})
# `show_version.txt`, `rtr1_show_ip_int_brief.txt`, `fw_sh_run.txt`: one command per file.
_PER_COMMAND = re.compile(r"(?:^|_)(?:show|sh)_", re.IGNORECASE)


class Fired(NamedTuple):
    device: str
    finding: str
    severity: str


def _is_note(path: Path) -> bool:
    return path.suffix.lower() in SIDECAR_SUFFIXES or path.stem.upper() == "README"


def _captures_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not _is_note(p))


def _is_per_command_folder(folder: Path) -> bool:
    files = _captures_in(folder)
    return bool(files) and all(_PER_COMMAND.search(f.stem) for f in files)


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for child in sorted(folder.iterdir()):
        if child.is_dir():
            if child.name in SKIPPED_DIRS or child.name.startswith("."):
                continue
            found += [child] if _is_per_command_folder(child) else _walk(child)
        elif child.is_file() and not _is_note(child):
            found.append(child)
    return found


@functools.cache
def list_recordings(root: Path = RECORDINGS) -> tuple[Path, ...]:
    """Every recording under `root`, files and per-command folders, in a stable order."""
    return tuple(_walk(root))


def answers_for(path: Path) -> dict[str, str]:
    """`<capture>.answers.yaml`: what the engineer knows and no output can tell.

    A question-gated finding (is a mate meant to exist? what does the far end run?) fires on a
    recording only with its answer, given the way `--answer TREE.NODE=VALUE` gives it.
    """
    sidecar = path.with_name(path.name + ".answers.yaml")
    if not sidecar.is_file():
        sidecar = path.with_suffix(".answers.yaml")
    if not sidecar.is_file():
        return {}
    import yaml

    data = yaml.safe_load(sidecar.read_text()) or {}
    return {str(k): str(v) for k, v in data.items()}


@functools.cache
def analysis_of(path: Path) -> Analysis:
    """The whole analysis of one recording (with its answers), once per test session."""
    # Imported here so collecting a test module that imports this one stays cheap.
    from netriage.analysis import analyze_paths

    return analyze_paths([path], answers=answers_for(path) or None)


def analyse_recording(path: Path) -> tuple[Fired, ...]:
    from netriage.pairs.catalog import severity_of

    analysis = analysis_of(path)
    fired = [Fired(f.device, f.id, f.severity) for f in analysis.findings]
    # a pair verdict carries the findings it folded from both ends: they fired here too
    fired += [Fired(device, finding, severity_of(finding)) for pair in analysis.pairs
              for finding in pair.findings for device in pair.devices]
    return tuple(dict.fromkeys(fired))


@functools.cache
def findings_by_recording(root: Path = RECORDINGS) -> dict[str, tuple[Fired, ...]]:
    """{recording path relative to the project root: ((device, finding id, severity), ...)}."""
    project = root.parent
    return {p.relative_to(project).as_posix(): analyse_recording(p)
            for p in list_recordings(root)}


@pytest.fixture(scope="session")
def recording_findings() -> dict[str, tuple[Fired, ...]]:
    """The session-wide analysis of every recording; import this fixture into a test module."""
    return findings_by_recording()
