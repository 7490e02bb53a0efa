"""Option lists with their own help text (shown by `?` when focused)."""

from __future__ import annotations

from textual.widgets import OptionList, Static


class StartList(OptionList):
    HELP = """
## Start

Up/Down pick an entry, Enter opens it: the bundled demo, a file browser, a connection to a
device, a recent capture or a saved walkthrough to resume. `o` types a path instead.
"""


class OverviewList(OptionList):
    HELP = """
## What was found

Findings come first, worst first, then checks the capture could not decide, the
walkthroughs on offer, and what the capture holds. Up/Down (or `j`/`k`) show details on the
right; Enter (or `w`) walks the decision path that leads to the highlighted finding.
"""


class FixList(OptionList):
    HELP = """
## Findings

Pick a finding to see its fix. `c` copies the commands, `a` copies them with verify and
rollback as comments, `x` exports every fix to a file.
"""


class CommandList(OptionList):
    HELP = """
## Captured commands

Every command of every device, in capture order: ✓ parsed, ~ partly parsed, ✗ not parsed,
· not a show command or a filtered output. The output and its parsed records show beside.
"""


class StatusLine(Static):
    """One line of progress for blocking work; empty when nothing runs."""

    DEFAULT_CSS = """
    StatusLine { height: auto; max-height: 2; padding: 0 1; background: $boost; }
    StatusLine.-empty { display: none; }
    """
