"""The built wheel carries parsers/, checks/ and the demo, and analyses it from a fresh venv."""

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_in_fresh_venv_analyses_the_demo(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist), str(ROOT)], check=True, timeout=300)
    [wheel] = dist.glob("netriage-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Dependencies come from this interpreter's site-packages, reached through PYTHONPATH
    # (where .pth files, hence this checkout's editable install, are not read); netriage
    # itself comes only from the wheel, installed into the fresh venv.
    purelib = subprocess.run([str(python), "-c", "import sysconfig;"
                              "print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, timeout=300)
    env = {"PYTHONPATH": sysconfig.get_paths()["purelib"], "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    where = subprocess.run(
        [str(python), "-c", "import netriage.resources as r; print(r.__file__);"
         "print(r.demo_capture()); print(r.data_dir('parsers')); print(r.data_dir('checks'))"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=True).stdout.split()
    assert all(Path(p).is_relative_to(purelib) for p in where), where
    assert (Path(where[2]) / "index").is_file()
    assert list(Path(where[3]).glob("*.yaml"))
    result = subprocess.run([str(env_dir / "bin" / "netriage"), "analyze", where[1],
                             "--format", "json"],
                            capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert '"failover.standby-ip-missing"' in result.stdout
