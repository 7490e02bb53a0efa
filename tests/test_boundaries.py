"""Layering enforced: the core never imports Textual; the offline path never loads SSH."""

import subprocess
import sys

from tests.conftest import DEMO

PROBE = """
import sys
from netriage.analysis import analyze_paths
from netriage.report import render_report
render_report(analyze_paths([{demo!r}]), "json")
bad = sorted(m for m in sys.modules
             if m.split('.')[0] in ('textual', 'netmiko', 'paramiko'))
print(','.join(bad))
"""


def test_offline_analysis_imports_no_textual_netmiko_or_paramiko():
    result = subprocess.run([sys.executable, "-c", PROBE.format(demo=str(DEMO))],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_cli_analyze_imports_no_textual_netmiko_or_paramiko():
    code = (f"import sys, runpy; sys.argv=['netriage','analyze',{str(DEMO)!r},'--format','json'];"
            "import netriage.cli as c; import io, contextlib;"
            "buf=io.StringIO();\nwith contextlib.redirect_stdout(buf): c.main()\n"
            "print(','.join(m for m in sys.modules if m.split('.')[0] in "
            "('textual','netmiko','paramiko')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "", result.stderr


def test_no_core_module_imports_textual():
    from pathlib import Path

    import netriage

    package = Path(netriage.__file__).parent
    offenders = []
    for path in package.rglob("*.py"):
        if "tui" in path.relative_to(package).parts:
            continue
        text = path.read_text()
        if "import textual" in text or "from textual" in text:
            offenders.append(str(path))
    assert offenders == []
