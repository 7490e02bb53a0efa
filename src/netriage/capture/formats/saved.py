"""Loading netriage's own saved capture (see `capture.saved` for the file layout).

Every file loaded is sniffed by every format: the sniff needs only the format line, so the
reader of the body (`saved_body`) and the layout module (`capture.saved`, YAML) are imported
once a file is a saved capture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.capture.formats import Context, FileLoad, Format

if TYPE_CHECKING:
    from netriage.capture.reader import TextFile

# `capture.saved.FORMAT_ID` as its header line (tests/scale/test_startup_shortcuts.py: they agree)
FORMAT_LINE = "format: netriage-capture/1"


def sniff(text: TextFile, context: Context) -> int:
    return 100 if any(line.strip() == FORMAT_LINE for line in text.head[:12]) else 0


def load(text: TextFile, context: Context) -> FileLoad:
    from netriage.capture.formats.saved_body import load_body

    return load_body(text, context)


FORMAT = Format("netriage", sniff, load)
