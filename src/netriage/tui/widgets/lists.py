"""What the start screen shows besides Textual's own widgets: its option list, with its help
text (shown by `?` when focused), and the status line every screen has.

The other screens' option lists live with their screens: a Textual widget class costs ~0.6 ms
to create, and this module is imported before the first frame."""

from __future__ import annotations

from textual.widgets import OptionList, Static


class StartList(OptionList):
    HELP = """
## Start

Up/Down pick an entry, Enter opens it: the bundled demo, a file browser, a connection to a
device, a recent capture or a saved walkthrough to resume. `o` types a path instead.
"""


class StatusLine(Static):
    """One line of progress for blocking work; empty when nothing runs."""

    DEFAULT_CSS = """
    StatusLine { height: auto; max-height: 2; padding: 0 1; background: $boost; }
    StatusLine.-empty { display: none; }
    """
