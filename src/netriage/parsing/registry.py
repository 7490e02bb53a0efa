"""Which template parses which command: an exact map, never prefix matching.

ntc-templates looks commands up by regex prefix, so `show failover history` lands on the
`show failover` template. Here the command is first resolved to its full form (see
`capture.commands`), then matched against each index row as a whole. Our own `parsers/index`
is consulted first and wins over ntc-templates where both serve a command.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from netriage import regexcache
from netriage.resources import data_dir


class TemplateRef(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """The template (or chain of templates) an index row gives a command."""

    origin: str  # "netriage" or "ntc"
    # the template files, several when an index row names a chain of templates; strings:
    # making ~1,100 Path objects was a tenth of the run, and a run reads a few of them
    files: tuple[str, ...]
    family: str
    command_pattern: str

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(map(Path, self.files))

    @property
    def name(self) -> str:
        return f"{self.origin}:" + ":".join(p.name for p in self.paths)


def _full_form(pattern: str) -> str:
    """`sh[[ow]] fail[[over]]` → `show failover` (the regex parts of a row stay as they are)."""
    return re.sub(r"\[\[(.*?)\]\]", r"\1", pattern)


# Other names devices accept for one command, as (alias, full, alone): the alias and any
# command it starts (`show isakmp sa detail`) take the full form, or only the alias itself
# when `alone`. PIX and the ASA take `show isakmp ...` for `show crypto isakmp ...` (IOS has
# no such command, so reading it so is safe when the family is not known); `show crypto
# isakmp` alone prints the SA table first.
_ALIASES: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "": (("show isakmp", "show crypto isakmp", False),
         ("show ipsec sa", "show crypto ipsec sa", False),
         ("show crypto isakmp", "show crypto isakmp sa", True)),
    "cisco_asa": (("show interfaces", "show interface", False),),
    "cisco_ios": (("show interface", "show interfaces", False),),
}


def canonical(family: str, command: str) -> str:
    """One spelling per command: IOS accepts `show interface` for `show interfaces`, the ASA
    `show isakmp sa` for `show crypto isakmp sa`."""
    command = " ".join(command.split())
    for fam in dict.fromkeys((family, "")):  # the family's own first, then the common ones
        for alias, full, alone in _ALIASES.get(fam, ()):
            if command == alias or (not alone and command.startswith(alias + " ")):
                command = full + command[len(alias):]
    return command


def read_index(index: Path, origin: str) -> list[TemplateRef]:
    import csv  # the index is read from the cache (`cachefile`) on all but the first run

    refs: list[TemplateRef] = []
    rows = (line for line in index.read_text().splitlines() if line and not line.startswith("#"))
    header_seen = False
    for row in csv.reader(rows, skipinitialspace=True):
        if not header_seen:
            header_seen = True  # the first non-comment row names the columns
            continue
        if len(row) < 4:
            continue
        templates, _host, platform, command = row[0], row[1], row[2], ",".join(row[3:])
        files = tuple(str(index.parent / t.strip()) for t in templates.split(":"))
        family = platform.strip()
        refs.append(TemplateRef(origin, files, family,
                                canonical(family, _full_form(command.strip()))))
    return refs


@cache
def _all_refs() -> tuple[TemplateRef, ...]:
    """Every index row, ours first. Reading ~1,000 rows (csv, then each command's canonical
    form) was a tenth of a small analysis' run: the result is kept in the user's cache dir,
    keyed by both index files, this module's code and where the templates live."""
    from netriage.cachefile import cached

    indexes = [(data_dir("parsers") / "index", "netriage")]
    folder = ntc_templates_dir()
    if folder is not None:  # a dependency; without it our own templates still serve
        indexes.append((folder / "index", "ntc"))
    # plain strings in the pickle: unpickling ~1,100 Path objects cost twice rebuilding them
    rows = cached("template-index", [Path(__file__)] + [index for index, _ in indexes],
                  lambda: tuple((ref.origin, ref.files, ref.family, ref.command_pattern)
                                for index, origin in indexes for ref in read_index(index, origin)),
                  salt="|".join(str(index) for index, _ in indexes),
                  valid=lambda value: isinstance(value, tuple) and all(
                      isinstance(row, tuple) and len(row) == 4 for row in value))
    return tuple(TemplateRef(origin, files, family, command)
                 for origin, files, family, command in rows)


def template_index() -> tuple[TemplateRef, ...]:
    """Every index row, ours first (read once per process; see `_all_refs`)."""
    return _all_refs()


@cache
def ntc_templates_dir() -> Path | None:
    """ntc-templates' `templates` folder, found without importing the package (its
    `__init__` loads importlib.metadata and more: a tenth of a second at every start)."""
    import importlib.util

    spec = importlib.util.find_spec("ntc_templates")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


@cache
def find_template(family: str, command: str, platform: str = "") -> TemplateRef | None:
    """The template for `command` (full form) on a parsing family, or None.

    Rows for the exact platform (e.g. `cisco_pix`, whose 6.x outputs differ) win over the
    family's rows.
    """
    command = canonical(family, command)
    for wanted in (platform, family) if platform and platform != family else (family,):
        for ref in _all_refs():
            if ref.family != wanted or not command.startswith(_literal_head(ref.command_pattern)):
                continue  # (the head test spares compiling ~1,000 row patterns one by one)
            try:
                if regexcache.static(ref.command_pattern).fullmatch(command):
                    return ref
            except re.error:
                continue
    return None


_REGEX_SYNTAX = frozenset("\\.^$*+?{}[]|()")
_heads: dict[str, str] = {}


def _literal_head(pattern: str) -> str:
    """The text every full match of `pattern` starts with: its characters up to the first
    regex syntax, less the last one when a quantifier follows it (`shows?`); nothing when
    an alternative (`|`) stands outside any group (escapes and [classes] read as such)."""
    head = _heads.get(pattern)
    if head is None:
        head = _heads[pattern] = _scan_head(pattern)
    return head


def _scan_head(pattern: str) -> str:
    end, depth, index, in_class = len(pattern), 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char in _REGEX_SYNTAX:
            end = min(end, index)
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":  # a class; a `]` first in it (after any `^`) is a literal
            in_class = True
            index += 2 if pattern[index + 1:index + 2] == "^" else 1
            index += 1 if pattern[index:index + 1] == "]" else 0
            continue
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return ""
        index += 1
    if end < len(pattern) and pattern[end] in "*?{":
        end -= 1
    return pattern[:max(end, 0)]


def known_commands(family: str) -> list[str]:
    """Every literal full command some template serves: the vocabulary for abbreviations."""
    literal = re.compile(r"^[\w\- ]+$")
    return sorted({r.command_pattern for r in _all_refs()
                   if r.family == family and literal.match(r.command_pattern)})
