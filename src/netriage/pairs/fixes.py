"""The CLI of a pair verdict, from data: checks/pairs/fixes.yaml, by platform tag and release.

Pair fixes are fix blocks like a tree's (`FixTemplate`), so the same choice (the block that
fits the fix_at device's platform and detected version, every variant labelled when the
version is unknown) and the same vocabulary lint (`netriage checks lint`) apply to them.
`{name}` in a line is filled from values the pair code read from both ends; a value it does
not have stays a `<name>` placeholder, never a guess.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from netriage.engine.findings import Fix
from netriage.engine.fixes import choose
from netriage.engine.tree import FixTemplate
from netriage.platforms import get_platform
from netriage.resources import data_dir
from netriage.yamlio import load_yaml

if TYPE_CHECKING:
    from netriage.engine.lint import Problem
    from netriage.facts import DeviceFacts
    from netriage.pairs.model import Pair

_FIELD = re.compile(r"\{(\w+)\}")


def _tuple(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


@cache
def templates() -> dict[str, tuple[FixTemplate, ...]]:
    """Fix id (the catalog id the pair carries) -> its blocks."""
    data = load_yaml((data_dir("checks") / "pairs" / "fixes.yaml").read_text(encoding="utf-8"))
    return {str(fix_id): tuple(
        FixTemplate(_tuple(b.get("platforms")), _tuple(b.get("commands")),
                    _tuple(b.get("verify")), _tuple(b.get("rollback")),
                    str(b.get("versions") or ""), str(b.get("impact") or ""),
                    _tuple(b.get("manager")), str(b.get("device") or ""))
        for b in blocks) for fix_id, blocks in (data.get("fixes") or {}).items()}


def _fill(line: str, values: dict[str, str]) -> str:
    # a value the pair code does not have stays a named placeholder
    filled = _FIELD.sub(lambda m: values.get(m.group(1), f"<{m.group(1)}>"), line)
    # an empty value ("group" on an Active/Standby pair) leaves no stray space behind
    indent = filled[:len(filled) - len(filled.lstrip())]
    return indent + " ".join(filled.split())


def _filled(lines: tuple[str, ...], values: dict[str, str]) -> list[str]:
    return [_fill(line, values) for line in lines]


def render(fix_id: str, facts: DeviceFacts, values: dict[str, str]) -> tuple[list[Fix], str]:
    """(the blocks for the fix_at device, a note when none fits or several are shown)."""
    blocks = templates().get(fix_id, ())
    if not blocks:
        return [], ""
    device = facts.device
    tag = get_platform(device.platform).tag if device.platform else ""
    choice = choose(blocks, tag, device.version or "")
    return [Fix(platform=",".join(t.platforms), versions=t.versions, device=t.device,
                impact=_fill(t.impact, values), manager=_filled(t.manager, values),
                commands=_filled(t.commands, values), verify=_filled(t.verify, values),
                rollback=_filled(t.rollback, values)) for t in choice.chosen], choice.note


def flat(words: list[str], blocks: list[Fix]) -> list[str]:
    """The fix as one list of lines (the sentence first, then each block's manager steps,
    commands and verify lines); a block's releases are named when several are shown. The
    views that can show more (reports, the pair screen) draw `pair.fix_blocks` instead."""
    out = list(words)
    for block in blocks:
        if len(blocks) > 1:
            out.append(f"! for {block.heading}:")
        out += block.manager + block.commands
        out += ["! then check:", *block.verify] if block.verify else []
    return out


def apply(pair: Pair, fix_id: str, facts: DeviceFacts, words: list[str],
          **values: str) -> None:
    """Give `pair` the fix for its fix_at end: the sentence, then the blocks that fit."""
    pair.fix_blocks, pair.fix_note = render(fix_id, facts, values)
    pair.fix = flat(words, pair.fix_blocks)


def vocabulary_problems() -> list[Problem]:
    """Every pair fix line the platform's vocabulary (for the block's releases) lacks."""
    from netriage.engine.lint import Problem
    from netriage.engine.vocab import check_fix

    return [Problem("pairs", fix_id, problem)
            for fix_id, blocks in templates().items() for block in blocks
            for problem in check_fix(block, ())]
