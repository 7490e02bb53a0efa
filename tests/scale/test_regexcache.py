"""Issue 13 goal 4: compiled regexes kept between runs (`netriage.regexcache`) never change a
pattern, and anything unexpected in the file costs time, not an answer.

Real processes (`python -m netriage analyze`) with a cache dir of their own; the stored
patterns are rebuilt in a fresh interpreter and compared with what `re` compiles there (a
Pattern's equality compares its code word by word).
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO, RECORDINGS
from tests.pty_run import run_on_pty

# A few captures of different platforms and areas: their templates, cleanup and redaction
# tables are most of the patterns a run compiles.
SAMPLES = [DEMO, *sorted((RECORDINGS / "realistic" / "ios").glob("*.log"))[:1],
           *sorted((RECORDINGS / "realistic" / "pix").glob("*.log"))[:1],
           *sorted((RECORDINGS / "realistic" / "ftd").glob("*.log"))[:1],
           *sorted((RECORDINGS / "realistic" / "vpn-des-only").glob("*.log"))[:1]]


def _env(cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NETRIAGE_REGEX_CACHE"}
    return {**env, "XDG_CACHE_HOME": str(cache), **extra}


def _analyze(path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netriage", "analyze", "--format", "json",
                           str(path)], capture_output=True, text=True, env=env, timeout=120,
                          check=False)


def _files(cache: Path) -> list[Path]:
    return sorted((cache / "netriage").glob("regex-*.marshal"))


# Every stored group (`regex-<group>-<key>.marshal`) preloaded in a fresh interpreter, each
# Pattern compared with the one `re` compiles there.
CHECK = """
import re, sys
from pathlib import Path
from re import _compiler
from netriage import regexcache
regexcache._state["active"] = True
loaded = ours = bad = 0
for name in sys.argv[1:]:
    re.purge()  # one group at a time: `re` drops its oldest patterns past 512
    loaded += regexcache.preload(Path(name).name[6:].rsplit("-", 1)[0])
    ours += len(re._cache)
    bad += sum(p != _compiler.compile(k[1], k[2]) for k, p in re._cache.items())
print(loaded, ours, bad)
"""


def _check(env: dict[str, str]) -> tuple[int, int, int]:
    files = [str(f) for f in _files(Path(env["XDG_CACHE_HOME"]))]
    out = subprocess.run([sys.executable, "-c", CHECK, *files], capture_output=True,
                         text=True, env=env, check=True).stdout.split()
    loaded, ours, bad = (int(x) for x in out)
    return loaded, ours, bad


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Path, tuple]]:
    """A cache dir the sample captures filled, and each capture's report without the cache."""
    cache = tmp_path_factory.mktemp("regex-cache")
    plain = {}
    for path in SAMPLES:
        off = _analyze(path, _env(cache, NETRIAGE_REGEX_CACHE="0"))
        plain[path] = (off.returncode, off.stdout, off.stderr)
        _analyze(path, _env(cache))
    return cache, plain


def test_stored_patterns_are_the_ones_re_compiles(filled):
    cache, _plain = filled
    loaded, ours, bad = _check(_env(cache))
    assert loaded > 300  # templates, cleanup, redaction: most of what the runs compiled
    assert ours >= loaded - 2 and bad == 0  # (a pattern or two compiled while preloading)
    groups = {f.name[6:].rsplit("-", 1)[0] for f in _files(cache)}
    assert "run" in groups and sum(g.startswith("tfsm-") for g in groups) >= 5


def test_reports_are_the_same_with_the_cache(filled):
    cache, plain = filled
    for path, (code, out, err) in plain.items():
        again = _analyze(path, _env(cache))
        assert (again.returncode, again.stdout, again.stderr) == (code, out, err), path


COUNT = """
import re, io, sys, contextlib
import re._compiler as compiler
compiled = []
original = compiler.compile
def counting(pattern, flags=0):
    compiled.append(pattern)
    return original(pattern, flags)
compiler.compile = counting
sys.argv = ['netriage', 'analyze', sys.argv[1]]
from netriage.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main()
print(len(compiled))
"""


def test_a_second_run_compiles_only_what_its_capture_makes(tmp_path):
    """The templates', tables' and libraries' patterns come from the cache; what is left is
    built from the capture (evidence lines) and never stored."""
    def count() -> int:
        return int(subprocess.run([sys.executable, "-c", COUNT, str(DEMO)], capture_output=True,
                                  text=True, env=_env(tmp_path), check=True).stdout)

    first, second = count(), count()
    assert first > 250
    assert second <= first // 8


def test_a_damaged_file_is_compiled_as_usual_and_replaced(tmp_path):
    first = _analyze(DEMO, _env(tmp_path))
    for stored in _files(tmp_path):
        stored.write_bytes(b"\x00not marshal at all")
    again = _analyze(DEMO, _env(tmp_path))
    assert (again.returncode, again.stdout, again.stderr) == (
        first.returncode, first.stdout, first.stderr)
    assert _check(_env(tmp_path))[0] > 200  # written whole again


def test_code_the_engine_rejects_is_compiled_as_usual(tmp_path):
    """A file of the right layout whose code lists are wrong (another build, a bit flipped):
    `_sre` refuses them, and `re` compiles those patterns itself."""
    _analyze(DEMO, _env(tmp_path))
    for stored in _files(tmp_path):
        version, entries = marshal.loads(stored.read_bytes())
        broken = [(p, f, ff, b"\x07\x00\x00\x00" * 3, g, gi, ig)
                  for p, f, ff, _w, g, gi, ig in entries]
        stored.write_bytes(marshal.dumps((version, broken)))
    loaded, _ours, bad = _check(_env(tmp_path))
    assert loaded == 0 and bad == 0
    again = _analyze(DEMO, _env(tmp_path))
    assert again.returncode == 1 and not again.stderr


def test_no_cache_dir_to_write_costs_nothing_else(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache dir would be")
    result = _analyze(DEMO, _env(blocker))
    assert result.returncode == 1 and not result.stderr and '"findings"' in result.stdout


def test_the_run_group_stays_smaller_than_the_re_cache(filled):
    import re

    from netriage import regexcache

    cache, _plain = filled
    [run] = [f for f in _files(cache) if f.name.startswith("regex-run-")]
    _version, entries = marshal.loads(run.read_bytes())
    assert 0 < len(entries) <= regexcache._RUN_LIMIT < re._MAXCACHE


def test_only_the_commands_own_process_uses_it(tmp_path, monkeypatch):
    """In-process callers (a library, these tests) compile as usual and write nothing."""
    from netriage.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["analyze", "--format", "json", str(DEMO)]) == 1
    assert not _files(tmp_path)


def test_nothing_of_a_capture_is_written_to_the_cache(tmp_path):
    """Secrets (each kind, each form engineers write them in) and the devices' names: a
    pattern built from a capture (the masker's, an evidence line's) stays in memory."""
    from tests.secrets_plant import planted, write_captures

    captures = write_captures(tmp_path / "captures")
    cache = tmp_path / "cache"
    for path in captures:
        _analyze(path, _env(cache))
    written = b"".join(f.read_bytes() for f in (cache / "netriage").iterdir())
    assert _files(cache)
    words = [*planted(), "br-rtr01", "fw-hq", "pix-geneva"]
    leaked = [w for w in words if len(w) >= 6 and (w.encode() in written
                                                   or w.lower().encode() in written)]
    assert not leaked


def _tui_first_frame(env: dict[str, str]) -> int:
    """`netriage --demo` on a pseudo-terminal, exiting after its first frame."""
    code, _written = run_on_pty([sys.executable, "-m", "netriage", "--demo"],
                                {**env, "TERM": "xterm-256color",
                                 "NETRIAGE_EXIT_ON_FIRST_PAINT": "1"}, size=(80, 24))
    return code


def test_the_tui_keeps_textuals_patterns_before_it_reads_a_capture(tmp_path):
    """The TUI stores what importing compiled before the app starts (a killed terminal never
    reaches the end of `main`), so the next start compiles almost nothing."""
    assert _tui_first_frame(_env(tmp_path)) == 0
    [run] = [f for f in _files(tmp_path) if f.name.startswith("regex-run-")]
    _version, entries = marshal.loads(run.read_bytes())
    stored = {e[0] for e in entries}
    assert len(stored) > 40
    assert not any("fw-edge" in p for p in stored if isinstance(p, str))  # the demo's host
    assert _check(_env(tmp_path))[2] == 0
