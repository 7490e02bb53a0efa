"""The cache dir found without importing platformdirs (`userdirs._linux_cache_dir`, issue 13
start-up) is the one platformdirs gives, whatever the environment says; where the shortcut
does not know, platformdirs itself answers."""

from __future__ import annotations

import subprocess
import sys

import platformdirs
import pytest

from netriage import userdirs

linux = pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is for Linux only")

CASES = [
    {"XDG_CACHE_HOME": "/tmp/xdg-cache", "HOME": "/home/someone"},
    {"XDG_CACHE_HOME": "/tmp/xdg-cache/", "HOME": "/home/someone"},  # trailing slash
    {"XDG_CACHE_HOME": "", "HOME": "/home/someone"},  # empty: the home's .cache
    {"XDG_CACHE_HOME": "relative/cache", "HOME": "/home/someone"},  # relative: ignored
    {"XDG_CACHE_HOME": " /tmp/spaced", "HOME": "/home/someone"},  # not absolute as written
    {"HOME": "/home/someone/"},
    {"HOME": "/"},
    {"HOME": "relative-home"},  # platformdirs falls back to the password database
    {},
    {"ANDROID_DATA": "/data", "ANDROID_ROOT": "/system", "HOME": "/home/someone"},
]


@linux
@pytest.mark.parametrize("env", CASES)
def test_the_cache_dir_is_platformdirs_answer(monkeypatch, env):
    for name in ("XDG_CACHE_HOME", "HOME", "ANDROID_DATA", "ANDROID_ROOT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert userdirs.cache_dir() == platformdirs.user_cache_path(userdirs.APP)


@linux
def test_the_shortcut_answers_the_plain_cases_and_leaves_the_rest(monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "/tmp/xdg-cache")
    assert userdirs._linux_cache_dir() is not None
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "relative-home")
    assert userdirs._linux_cache_dir() is None  # platformdirs' own fallback decides


@linux
def test_asking_for_the_cache_dir_imports_no_platformdirs():
    code = ("import sys\nfrom netriage.userdirs import cache_dir\ncache_dir()\n"
            "print('platformdirs' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"HOME": "/home/someone", "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip() == "False"
