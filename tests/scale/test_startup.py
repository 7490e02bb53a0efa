"""Issue 13, start-up: no work at import time that a run may not need.

* netutils (which brings importlib.metadata), jinja2 and ntc_templates' package are not
  imported by an analysis that does not use them (the demo capture);
* the decision trees are loaded from the user's cache dir, keyed by their files' content: the
  cached trees are the parsed ones, an edited tree is read afresh, a damaged cache rebuilt;
* the command vocabularies compile a pattern only when a line is matched against it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from netriage.cachefile import cache_file
from netriage.engine import tree as tree_module
from netriage.engine import vocab
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
