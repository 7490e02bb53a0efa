"""Compiled regexes kept in the user's cache dir between runs (issue 13, start-up).

Compiling patterns was a sixth of a small analysis (~50 ms of the demo's ~0.3 s): TextFSM
compiles every rule of each template it is given (~150 for the demo's two, and every rule is
needed to tell the lines a template did not understand), and the capture reader, redaction
and cleanup tables compile ~100 more. Python compiles a pattern in two steps: a parser and a
code generator written in Python (`re._parser`, `re._compiler`: nearly all of the cost) turn
it into a list of integers, and the C engine (`_sre.compile`, which validates it) makes the
Pattern of that list. This module keeps the lists, in groups: one per TextFSM template
(`template_group`: read just before the template is built) and one for the rest of a run.
A group's Patterns are rebuilt from their lists and put where `re.compile` looks first (the
`re` module's cache), so TextFSM, argparse and our tables get them without compiling.

Only patterns written in netriage, its templates and the libraries it imports are kept:
the templates' rules, what importing compiled (`snapshot`, taken before a capture is read)
and the tables compiled on first use (`note`: `lazyre`, the vocabularies, the redaction
rules). A pattern built from a capture (an evidence line's words, the secrets the report
masks) is never written to disk: it would put a customer's addresses or a secret in the
cache dir, and it is of no use to another capture anyway.

Only the command's own process uses it (`activate`, from the CLI): a library caller or a test
compiles as usual.

What keeps an answer from ever changing:
- a stored list is only ever used by the Python build that made it (the key is the full
  `sys.version`, `_sre.MAGIC` and the code word size); another build has other files;
- a list is stored only after the Pattern rebuilt from it compared equal to the one `re`
  compiled (a Pattern's equality compares its pattern, flags and code word by word);
- anything unexpected (no `re._cache` dict in some future Python, a damaged or foreign file,
  a list `_sre` rejects) leaves `re` to compile as usual: the cost comes back, never a
  different pattern. tests/scale/test_regexcache.py holds it to that.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

_VERSION = 1  # of the files' layout
RUN = "run"  # the group of what a run compiled outside any template
_RUN_LIMIT = 384  # of the run group: below the 512 patterns `re` keeps before it drops any

Key = tuple[str | bytes, int]  # (pattern, flags)
_state: dict[str, bool] = {"active": False}
_stored: set[Key] = set()  # in a group's file: what the run group leaves out
_static: set[Key] = set()  # written in the code: what the run group may keep


def enabled() -> bool:
    """Off with NETRIAGE_REGEX_CACHE=0 (benchmarks compare; a suspicion can be ruled out)."""
    return os.environ.get("NETRIAGE_REGEX_CACHE", "1") != "0" and _engine() is not None


def activate() -> None:
    """This process is the command's own: use and fill the cache (the run group now)."""
    if enabled():
        _state["active"] = True
        preload(RUN)


def note(pattern: str | bytes, flags: int = 0) -> None:
    """A pattern of netriage's own tables was compiled: the run group may keep it."""
    if _state["active"]:
        _static.add((pattern, int(flags)))


def static(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile` of a pattern written in netriage (a table's, a template index row's)."""
    note(pattern, flags)
    return re.compile(pattern, flags)


@contextmanager
def recording(group: str) -> Iterator[list[Key]]:
    """The group's patterns preloaded; what is compiled inside the block (by code: a template
    being built), and the keys the caller adds to the list it is given, remembered for it."""
    if not _state["active"]:
        yield []
        return
    preload(group)
    before = set(re._cache)  # type: ignore[attr-defined]
    keys: list[Key] = []
    yield keys
    keys += [(k[1], k[2]) for k in list(re._cache)  # type: ignore[attr-defined]
             if k not in before and k[0] in (str, bytes) and isinstance(k[2], int)]
    remember(group, keys)


def snapshot() -> None:
    """Everything compiled so far came from code, not from a capture (called before one is
    read): the run group may keep it."""
    if _state["active"]:
        _static.update((k[1], k[2]) for k in list(re._cache)  # type: ignore[attr-defined]
                       if k[0] in (str, bytes) and isinstance(k[2], int))


def template_group(text: str) -> str:
    """A template's group, by its text: an edited template is another group."""
    from netriage.cachefile import blake2b

    return "tfsm-" + blake2b(text.encode(), digest_size=10).hexdigest()


def _engine() -> tuple[object, str] | None:
    """`_sre` and the array type code of its code words, or None where this cannot work."""
    try:
        import _sre
        from array import array
    except ImportError:
        return None
    size = getattr(_sre, "CODESIZE", 0)
    typecode = next((t for t in "IHL" if array(t).itemsize == size), "")
    if not typecode or not isinstance(getattr(re, "_cache", None), dict):
        return None
    return _sre, typecode


def _path(group: str) -> Path:
    from netriage.cachefile import cache_file, content_key

    engine = _engine()
    magic = getattr(engine[0], "MAGIC", "") if engine else ""
    key = content_key([], salt=f"{sys.version}|{magic}|{_VERSION}")
    return cache_file(f"regex-{group}", key[:32], suffix=".marshal")


def _read(group: str) -> list[tuple]:
    try:
        version, entries = marshal.loads(_path(group).read_bytes())  # noqa: S302 - our own file
    except (OSError, EOFError, ValueError, TypeError):
        return []  # none yet, or not one of ours: compiled as usual, stored again
    if version != _VERSION or not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, tuple) and len(e) == 7]


def preload(group: str) -> int:
    """Put a group's stored patterns in `re`'s cache; how many it added. Never raises."""
    engine = _engine()
    if not _state["active"] or engine is None:
        return 0
    sre, typecode = engine
    from array import array

    cache: dict = re._cache  # type: ignore[attr-defined]
    added = 0
    for entry in _read(group):
        pattern, flags, final_flags, words, groups, groupindex, indexgroup = entry
        if not isinstance(pattern, (str, bytes)):
            continue
        _stored.add((pattern, flags))
        if (type(pattern), pattern, flags) in cache:
            continue  # compiled before this ran
        try:
            compiled = sre.compile(pattern, final_flags,  # type: ignore[attr-defined]
                                   array(typecode, words).tolist(), groups, groupindex,
                                   indexgroup)
        except Exception:  # noqa: S112 - a list _sre rejects: compiled as usual
            continue
        cache[(type(pattern), pattern, flags)] = compiled
        added += 1
    return added


def remember(group: str, keys: Iterable[Key]) -> int:
    """Store a group's patterns (compiled by now) unless its file has them all; how many."""
    wanted = list(dict.fromkeys(keys))
    if not _state["active"] or not wanted or all(k in _stored for k in wanted):
        return 0
    entries = _entries(wanted)
    _write(group, entries)
    return len(entries)


def save() -> int:
    """At the end of the run: the code's own patterns it compiled outside the template groups,
    newest first, then what the run group held before. Best effort, like every cache file."""
    if not _state["active"]:
        return 0
    new = [k for k in _static if k not in _stored and not k[1] & re.DEBUG]
    if not new:
        return 0
    fresh = _entries(new)
    seen = {(e[0], e[1]) for e in fresh}
    kept = [e for e in _read(RUN) if (e[0], e[1]) not in seen]
    _write(RUN, (fresh + kept)[:_RUN_LIMIT])
    return len(fresh)


def _entries(keys: list[Key]) -> list[tuple]:
    engine = _engine()
    cache: dict = re._cache  # type: ignore[attr-defined]
    out = []
    for pattern, flags in keys:
        compiled = cache.get((type(pattern), pattern, flags))
        entry = _entry(pattern, flags, compiled, engine[1]) if compiled and engine else None
        if entry is not None:
            out.append(entry)
    return out


def _entry(pattern: str | bytes, flags: int, compiled: re.Pattern, typecode: str) -> tuple | None:
    """`compiled`'s code list, as `re` itself builds it, if rebuilding from it gives the same
    Pattern; else None (not stored)."""
    import _sre
    from array import array
    from re import _compiler, _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(word) for word in _compiler._code(parsed, flags)]
        state = parsed.state
        groupindex = dict(state.groupdict)
        indexgroup: list[str | None] = [None] * state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        final_flags = int(flags | state.flags)
        rebuilt = _sre.compile(pattern, final_flags, code, state.groups - 1, groupindex,
                               tuple(indexgroup))
    except Exception:  # any change in re's internals: just not stored
        return None
    if rebuilt != compiled:
        return None
    return (pattern, flags, final_flags, array(typecode, code).tobytes(), state.groups - 1,
            groupindex, tuple(indexgroup))


def _write(group: str, entries: list[tuple]) -> None:
    from netriage.cachefile import write_atomic

    write_atomic(_path(group), marshal.dumps((_VERSION, entries)), kind=f"regex-{group}")
    _stored.update((e[0], e[1]) for e in entries)
