"""A folder of captures cut into the captures it holds: one per file, except per-command files.

A session log, a show tech-support, a pasted configuration or a saved capture is one capture
on its own. Files named after their command (`show_failover.txt`, `fw1_show_version.txt`,
nornir's `fw1/show_version.txt`) are the outputs of one collection: the ones in one folder
are one capture, loaded together as `netriage analyze FOLDER` always loaded them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Unit:
    """One capture of a batch: the files loaded together, and how reports name it."""

    label: str  # the file (or folder, ending in /) relative to the folder given
    paths: list[Path] = field(default_factory=list)
    folder: Path = Path(".")  # where it lies: only captures of one folder are paired


def visible_files(folder: Path) -> list[Path]:
    """Files under a folder, hidden ones (.git, .DS_Store) left out, sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _per_command(path: Path) -> bool:
    from netriage.capture.commands import is_show_like
    from netriage.capture.formats.cmdfile import command_from_name

    named = command_from_name(path)
    return named is not None and is_show_like(named[1])


def folder_units(folder: Path) -> list[Unit]:
    """The captures in `folder`, in file order (see the module doc)."""
    files = visible_files(folder)
    units: list[Unit] = []
    commands: dict[Path, Unit] = {}  # parent folder → its per-command files
    for file in files:
        label = file.relative_to(folder).as_posix()
        if not _per_command(file):
            units.append(Unit(label, [file], file.parent))
            continue
        parent = file.parent
        if parent not in commands:
            name = parent.relative_to(folder).as_posix()
            commands[parent] = Unit(f"{name}/" if name != "." else f"{folder.name}/",
                                    [], parent)
            units.append(commands[parent])
        commands[parent].paths.append(file)
    for parent, unit in commands.items():
        # a folder holding nothing but these files loads as a folder: nornir's per-host
        # folder then names the device, as `netriage analyze FOLDER` does
        if [f for f in files if parent in f.parents] == unit.paths:
            unit.paths = [parent]
    return units
