"""Issue 13, start-up: no work at import time that a run may not need.

* netutils (which brings importlib.metadata), jinja2 and ntc_templates' package are not
  imported by an analysis that does not use them (the demo capture);
* the decision trees are loaded from the user's cache dir, keyed by their files' content: the
  cached trees are the parsed ones, an edited tree is read afresh, a damaged cache rebuilt;
* the command vocabularies compile a pattern only when a line is matched against it;
* PyYAML is not imported once the trees are cached; importing the analyze path compiles few
  regexes (the big tables, config blocks, crypto log messages, platform shapes, are
  `netriage.lazyre` patterns compiled when first used), and a lazy pattern answers as the
  compiled one would;
* the template index (~1,000 rows) is cached like the trees: the cached rows are the read ones.
"""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

from netriage.cachefile import cache_file
from netriage.engine import tree as tree_module
from netriage.engine import vocab
from netriage.lazyre import lazy
from netriage.parsing import registry
from netriage.resources import data_dir
from tests.conftest import DEMO

LAZY = ("netutils", "jinja2", "ntc_templates", "importlib.metadata")


def test_an_analysis_of_the_demo_imports_no_heavy_module():
    code = ("import sys, io, contextlib\n"
            "from netriage.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['analyze', {str(DEMO)!r}])\n"
            f"print(sorted(m for m in {LAZY!r} if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]", result.stdout


def _fresh(directory):
    tree_module.load_trees.cache_clear()
    try:
        return tree_module.load_trees(directory)
    finally:
        tree_module.load_trees.cache_clear()


def test_cached_trees_are_the_parsed_ones(tmp_path):
    checks = tmp_path / "checks"
    shutil.copytree(data_dir("checks"), checks, ignore=shutil.ignore_patterns("vocab"))
    parsed = tuple(tree_module.load_tree(p) for p in sorted(checks.glob("*.yaml")))
    first = _fresh(checks)  # parsed, then stored
    [stored] = list(cache_file("trees", "x").parent.glob("trees-*.pickle"))
    second = _fresh(checks)  # from the cache
    assert first == second == parsed
    assert stored.exists()


def test_an_edited_tree_is_read_afresh(tmp_path):
    checks = tmp_path / "checks"
    shutil.copytree(data_dir("checks"), checks, ignore=shutil.ignore_patterns("vocab"))
    before = _fresh(checks)
    path = sorted(checks.glob("*.yaml"))[0]
    path.write_text(path.read_text().replace("title:", "title: EDITED", 1))
    after = _fresh(checks)
    assert after != before
    assert after[0].title.startswith("EDITED")


def test_changed_code_builds_the_trees_afresh(tmp_path, monkeypatch):
    """An upgrade (or an edit) of the code that defines or builds the trees must not unpickle
    the old shape: the code's source is part of the key."""
    from netriage import cachefile

    checks = tmp_path / "checks"
    shutil.copytree(data_dir("checks"), checks, ignore=shutil.ignore_patterns("vocab"))
    code = tmp_path / "tree.py"
    code.write_text(Path(tree_module.__file__).read_text())
    monkeypatch.setattr(cachefile, "code_files", lambda *names: [code])
    _fresh(checks)
    [first] = cache_file("trees", "x").parent.glob("trees-*.pickle")
    code.write_text(code.read_text() + "\n# a new release\n")
    built = []
    monkeypatch.setattr(tree_module, "load_tree",
                        lambda p, real=tree_module.load_tree: built.append(p) or real(p))
    _fresh(checks)
    assert built, "the trees were unpickled although their code changed"
    stored = set(cache_file("trees", "x").parent.glob("trees-*.pickle"))
    assert first in stored and len(stored) == 2  # the earlier build is kept beside it


def test_a_few_builds_of_a_kind_are_kept_the_oldest_go(tmp_path):
    """Two installs sharing one cache dir keep their own builds instead of replacing each
    other's at every start; the cache still does not grow without bound."""
    import os

    from netriage.cachefile import cached

    sources = []
    for n in range(5):
        source = tmp_path / f"source{n}.txt"
        source.write_text(f"build {n}")
        sources.append(source)
        cached("probe", [source], lambda n=n: n)
        made = cache_file("probe", "x").parent.glob("probe-*.pickle")
        for age, path in enumerate(sorted(made, key=lambda p: p.stat().st_mtime)):
            os.utime(path, (1_000_000 + age, 1_000_000 + age))  # order kept at any clock
    kept = list(cache_file("probe", "x").parent.glob("probe-*.pickle"))
    assert len(kept) == 3
    assert [cached("probe", [s], lambda: "rebuilt") for s in sources[2:]] == [2, 3, 4]


def test_a_damaged_cache_is_rebuilt(tmp_path):
    checks = tmp_path / "checks"
    shutil.copytree(data_dir("checks"), checks, ignore=shutil.ignore_patterns("vocab"))
    good = _fresh(checks)
    for cached in cache_file("trees", "x").parent.glob("trees-*.pickle"):
        cached.write_bytes(b"not a pickle")
    assert _fresh(checks) == good


def test_cached_vocabularies_are_the_built_ones():
    vocab.vocabularies.cache_clear()
    try:
        paths = sorted((data_dir("checks") / "vocab").glob("*.yaml"))
        built = tuple(vocab._load(p) for p in paths)
        first, second = vocab.vocabularies(), None
        vocab.vocabularies.cache_clear()
        second = vocab.vocabularies()
        assert first is not second
        assert [(v.name, v.platforms, [(m, [e.text for e in es]) for m, es in v.modes.items()])
                for v in second] == [
            (v.name, v.platforms, [(m, [e.text for e in es]) for m, es in v.modes.items()])
            for v in built]
    finally:
        vocab.vocabularies.cache_clear()


def test_vocabulary_patterns_compile_on_first_use():
    vocab.vocabularies.cache_clear()
    try:
        entries = [e for v in vocab.vocabularies() for m in v.modes.values() for e in m]
        assert entries and all(e.regex._compiled is None for e in entries)
        entry = entries[0]
        entry.regex.match("show version")
        assert entry.regex._compiled is not None
    finally:
        vocab.vocabularies.cache_clear()


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_a_start_up_with_its_trees_cached_imports_no_yaml():
    analyse = ("import sys, io, contextlib\n"
               "from netriage.cli import main\n"
               "with contextlib.redirect_stdout(io.StringIO()):\n"
               f"    main(['analyze', {str(DEMO)!r}])\n"
               "print('yaml' in sys.modules)\n")
    _run(analyse)  # the first run in this (test's own) cache dir reads the YAML and caches it
    assert _run(analyse) == "False"


# Importing the whole analyze path compiled 351 distinct regexes before the tables were made
# lazy (issue 13), 144 after: a table built back with re.compile at import crosses this.
MAX_IMPORT_REGEXES = 200


def test_importing_the_analyze_path_compiles_few_regexes():
    counted = _run(
        "import re\n"
        "seen = set()\n"
        "original = re._compile\n"
        "def counting(pattern, flags):\n"
        "    seen.add((pattern, flags))\n"
        "    return original(pattern, flags)\n"
        "re._compile = counting\n"
        "import netriage.cli.analyze, netriage.cli.analyze_batch\n"
        "from netriage.capture import config_vocab, detect\n"
        "from netriage.facts.crypto import log\n"
        "tables = [b.opens for b in config_vocab.ALL_BLOCKS] + [s.pattern for s in detect.ASA]"
        " + [p for _c, p in log._MESSAGES]\n"
        "print(len(seen), sum(p._compiled is not None for p in tables), len(tables))\n")
    compiled, tables_compiled, tables = map(int, counted.split())
    assert compiled < MAX_IMPORT_REGEXES, counted
    assert tables > 50 and tables_compiled == 0, counted


def test_a_lazy_pattern_answers_as_the_compiled_one():
    source, flags = r"^(?:no\s+)?(interface|crypto map)\s+(?P<name>\S+)", re.IGNORECASE
    eager, deferred = re.compile(source, flags), lazy(source, flags)
    assert deferred._compiled is None and deferred.pattern == eager.pattern
    for text in ("interface Gi0/1", "NO Crypto map CM 10", "hostname fw", ""):
        for method in ("match", "search", "fullmatch"):
            ours, theirs = getattr(deferred, method)(text), getattr(eager, method)(text)
            assert (ours and ours.groups()) == (theirs and theirs.groups())
    text = "interface a\ninterface b"
    assert deferred.findall(text) == eager.findall(text) == [("interface", "a")]  # no re.M
    multi = lazy(r"^interface (\S+)", re.M)
    assert multi.findall(text) == ["a", "b"]
    assert [m.group(1) for m in multi.finditer(text)] == ["a", "b"]
    assert multi.sub(r"if \1", text) == "if a\nif b"
    assert multi.split(text) == re.compile(r"^interface (\S+)", re.M).split(text)
    assert deferred.flags == eager.flags and deferred.groupindex == eager.groupindex
    copied = pickle.loads(pickle.dumps(deferred))
    assert copied == deferred and copied._compiled is None
    assert copied.match("interface x").group("name") == "x"
    try:
        lazy("(unclosed").search("x")
    except re.error:
        pass
    else:
        raise AssertionError("a bad pattern must fail when first used")


def test_cached_template_index_is_the_read_one():
    registry._all_refs.cache_clear()
    try:
        read = tuple(registry.read_index(registry.data_dir("parsers") / "index", "netriage"))
        folder = registry.ntc_templates_dir()
        if folder is not None:
            read += tuple(registry.read_index(folder / "index", "ntc"))
        first = registry._all_refs()  # read, then stored
        registry._all_refs.cache_clear()
        second = registry._all_refs()  # from the cache
        assert first is not second
        assert first == second == read
        assert list(cache_file("template-index", "x").parent.glob("template-index-*.pickle"))
    finally:
        registry._all_refs.cache_clear()
