"""Markdown that renders the same on GitHub and GitLab, whatever a capture holds.

Both strip raw HTML they do not allow and read `<psk-1>` as a tag (the redaction token would
vanish), `&amp;` as an entity, `*`, `_` and `~` as emphasis: prose is escaped outside its
`code spans`. Capture text goes into code spans and fences long enough for the backticks it
holds. Table cells escape `|` (GFM splits cells on it even inside code spans).
"""

from __future__ import annotations

from netriage.lazyre import lazy

# what CommonMark/GFM would read as markup in prose: HTML, entities, emphasis, links,
# strikethrough, and `_` only where it can open or close emphasis (not in `fw_edge`)
_SPECIAL = lazy(r"[\\*<>\[\]&~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_TICKS = lazy(r"`+")
_LINE_START = lazy(r"^(\s*)(#|[-+](?=\s)|\d+(?=[.)]\s))")


def _escape(text: str) -> str:
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def text(value: str) -> str:
    """Prose: markup characters escaped, its `code spans` kept (an odd backtick: escaped)."""
    parts = value.split("`")
    if len(parts) % 2 == 0:  # an odd backtick: no code span is meant
        out = _escape(value).replace("`", "\\`")
    else:
        out = "".join(code(p) if i % 2 else _escape(p) for i, p in enumerate(parts))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out)


def code(value: str) -> str:
    """A code span that holds any text: fenced by one backtick more than its longest run."""
    longest = max((len(m) for m in _TICKS.findall(value)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{ticks}{pad}{value}{pad}{ticks}"


def fence(lines: list[str]) -> list[str]:
    """A fenced code block around `lines`, its fence longer than any backtick run in them."""
    longest = max((len(m) for line in lines for m in _TICKS.findall(line)), default=0)
    ticks = "`" * max(3, longest + 1)
    return [ticks, *lines, ticks]


def cell(value: str) -> str:
    """A table cell: prose escaped, `|` escaped (also inside code spans), no line breaks."""
    return text(value.replace("\n", " ")).replace("|", "\\|")


def blocks(lines: list[str]) -> list[str]:
    """Plain report lines (headings, `- ` items, 4-space indented commands, sentences) as
    Markdown blocks: a sentence is a paragraph of its own (not joined to the next line),
    indented commands become a fence, each kind separated by a blank line."""
    out: list[str] = []
    kind = ""
    code_lines: list[str] = []

    def close_code() -> None:
        if code_lines:
            out.extend(fence(code_lines) + [""])
            code_lines.clear()

    for line in lines:
        if line.startswith("    ") and line.strip():
            code_lines.append(line[4:])
            kind = "code"
            continue
        close_code()
        if not line.strip():
            kind = ""
            continue
        if line.startswith("#"):
            level, _space, title = line.partition(" ")
            out += _gap(out) + [f"{level} {text(title)}", ""]
            kind = ""
        elif line.startswith("- "):
            out += (_gap(out) if kind != "item" else []) + [f"- {text(line[2:])}"]
            kind = "item"
        else:
            out += _gap(out) + [text(line), ""]
            kind = ""
    close_code()
    return out + _gap(out)


def _gap(out: list[str]) -> list[str]:
    """A blank line before a new block, unless there is one already."""
    return [""] if out and out[-1] != "" else []
