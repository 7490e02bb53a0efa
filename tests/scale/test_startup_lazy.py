"""Issue 13 goal 4, fourth pass: what the demo's start-up no longer pays for, and that each
shortcut answers as the long way did.

* a facts area is imported when one of its facts is asked for, and only the parts a capture
  has something for: the demo (no configuration, no crypto or interface output) imports none
  of the configuration judges, crypto issue lists or interface models; nor netriage.pairs
  (one device), the batch machinery (files named), or hashlib (OpenSSL);
* the registry names its types and builders ("area:Name"): each resolves, through the area's
  package, to what the package exports, and `checks lint` reads real dataclasses;
* the `analyze` subcommand alone parses its arguments as the whole parser does;
* vocabulary forms ruled out by their leading words, and template rows by their literal head,
  are skipped without changing an answer;
* the command's own process gives the report and exit code an in-process call gives.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import importlib
import io
import re
import subprocess
import sys
import threading

import pytest

from netriage.cli import _parser, main
from netriage.engine import vocab
from netriage.engine.tree import load_trees
from netriage.engine.versions import ANY
from netriage.facts import BUILDERS, FactBuilder
from netriage.parsing import registry
from tests.conftest import DEMO

# Never imported by an analysis of the demo: it has nothing they read.
NOT_FOR_THE_DEMO = (
    "netriage.facts.config.judge", "netriage.facts.config.model", "netriage.facts.config.build",
    "netriage.facts.crypto.lists_config", "netriage.facts.crypto.issues_hardening",
    "netriage.facts.crypto.config_asa", "netriage.facts.crypto.fix_values",
    # fifth pass: the crypto fact of a device with no crypto output or configuration reads
    # no table, so the configuration model, the issues and the SA models stay out
    "netriage.facts.crypto.config", "netriage.facts.crypto.issues",
    "netriage.facts.crypto.issues_maps", "netriage.facts.crypto.sa",
    # nor the other report formats, json (text asked for), datetime (nothing stamped or
    # timed in it, nothing saved) or csv (the template index comes from the cache)
    "netriage.report.html_page", "netriage.report.markdown", "json", "datetime", "csv",
    "platformdirs",  # the cache dir is found without it on Linux (tests/test_userdirs_fast.py)
    "netriage.facts.failover.history",  # no `show failover history` in the demo
    "netriage.facts.interfaces.model", "netriage.facts.interfaces.judge",
    "netriage.facts.interfaces.role", "netriage.facts.failover.config", "netriage.pairs",
    "netriage.batch", "netriage.engine.guided", "netriage.cli.parse", "netriage.cli.collect",
    "hashlib",
    # sixth pass: no output that shows configuration (the tree, the crypto sources), no log,
    # debug or console syslog line (the crypto and interface log readers), no failover
    # message, complete log or console text (the failover syslog models, and the clock)
    "netriage.facts.config.tree", "netriage.facts.crypto.config_sources",
    "netriage.facts.crypto.log", "netriage.facts.interfaces.logs",
    "netriage.facts.failover.syslog", "netriage.facts.clock",
    # nor the records of what it does not meet: a syslog line, a partial output, a secret,
    # a saved capture (its body reader and layout)
    "netriage.facts.syslog_event", "netriage.engine.partial_source", "netriage.redact.manifest",
    "netriage.capture.formats.saved_body", "netriage.capture.saved",
)


def _imported_by(argv: list[str]) -> set[str]:
    code = ("import sys, io, contextlib\n"
            "from netriage.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main({argv!r})\n"
            "print(' '.join(sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return set(done.stdout.split())


def test_the_demo_imports_nothing_it_does_not_read():
    _imported_by(["analyze", str(DEMO)])  # a cold cache reads the YAML and CSV files once
    imported = _imported_by(["analyze", str(DEMO)])
    assert sorted(m for m in NOT_FOR_THE_DEMO if m in imported) == []
    # and what it does read was imported, through the lazy packages
    assert {"netriage.facts.failover.model", "netriage.facts.crypto.model",
            "netriage.facts.config.fact"} <= imported


def test_a_capture_with_a_configuration_imports_its_judges():
    config = next(p for p in (DEMO.parents[1] / "captures").iterdir()
                  if p.name == "email-ios-config.txt")
    imported = _imported_by(["analyze", str(config)])
    assert {"netriage.facts.config.judge", "netriage.facts.config.build",
            "netriage.facts.config.tree", "netriage.facts.crypto.config_sources"} <= imported


def test_a_capture_with_crypto_tables_imports_their_readers():
    hub = DEMO.parents[1] / "realistic" / "routers-switches" / \
        "csr1000v-16.12-colo-vpn-hub-ike-version-nat-session.log"
    imported = _imported_by(["analyze", str(hub)])
    assert {"netriage.facts.crypto.config", "netriage.facts.crypto.sa",
            "netriage.facts.crypto.issues", "netriage.facts.crypto.issues_maps"} <= imported


def test_a_capture_with_a_log_imports_the_log_readers():
    lost = DEMO.parents[1] / "fixtures" / "failover" / "syslog-lost-comm.log"
    imported = _imported_by(["analyze", str(lost)])
    assert {"netriage.facts.failover.syslog", "netriage.facts.crypto.log",
            "netriage.facts.interfaces.logs", "netriage.facts.clock"} <= imported


def test_every_registry_name_resolves_to_the_areas_export():
    for builder in BUILDERS.values():
        assert isinstance(builder.fact_type, type), builder.name
        assert (builder.build is None) != (builder.build_device is None), builder.name
        assert builder.has_build == (builder.build is not None)
    # "area:Name" is what the area's package exports, not a private copy
    crypto = importlib.import_module("netriage.facts.crypto")
    assert BUILDERS["crypto"].fact_type is crypto.CryptoFacts
    assert BUILDERS["crypto"].build_device is crypto.build_crypto
    # the fact types `checks lint` reads field names from are the dataclasses
    assert all(dataclasses.is_dataclass(b.fact_type) for b in BUILDERS.values())


def test_a_builder_may_still_be_given_as_objects():
    builder = FactBuilder("x", ("show x",), dict, build=len)
    assert builder.fact_type is dict and builder.build is len and builder.build_device is None


def test_an_area_package_names_what_it_exports_and_nothing_else():
    failover = importlib.import_module("netriage.facts.failover")
    for name in failover.__all__:
        assert getattr(failover, name) is not None
    with pytest.raises(AttributeError):
        _ = failover.no_such_name
    from netriage.facts.crypto import log  # a submodule is still found as one

    assert log.__name__ == "netriage.facts.crypto.log"


@pytest.mark.parametrize("argv", [
    ["analyze", "a.log", "b.log", "--format", "json", "--answer", "failover.x=yes"],
    ["analyze", "dir", "--batch", "-o", "out", "--jobs", "2"],
    ["analyze", "a.log", "--no-redact", "--platform", "cisco_asa", "--merge"],
])
def test_the_analyze_parser_alone_reads_arguments_as_the_whole_one(argv):
    alone, names = _parser("analyze")
    whole, _ = _parser()
    assert {"analyze", "analyse"} <= names
    first, second = vars(alone.parse_args(argv)), vars(whole.parse_args(argv))
    assert first.pop("func") is second.pop("func")
    assert first == second
    help_alone = alone._subparsers._group_actions[0].choices["analyze"].format_help()
    help_whole = whole._subparsers._group_actions[0].choices["analyze"].format_help()
    assert help_alone == help_whole


def _fix_lines() -> list[str]:
    lines = set()
    for tree in load_trees():
        for node in tree.nodes.values():
            for fix in getattr(node, "fix", ()) or ():
                for part in (fix.commands, fix.verify, fix.rollback):
                    lines.update(str(line).strip() for line in part or ())
    return sorted(lines) + ["SHOW failover", "ſhow failover", "{x} y", "", "no shutdown",
                            "do show run", "interface {iface}", "show {a} {b}"]


def test_vocabulary_forms_skipped_by_their_words_change_no_answer(monkeypatch):
    lines = [vocab._line(text) for text in _fix_lines()]
    for voc in vocab.vocabularies():
        for mode in voc.modes:
            fast = [vocab._find(voc, mode, line, ANY, negated)
                    for line in lines for negated in (False, True)]
            with monkeypatch.context() as patched:
                patched.setattr(vocab, "_may_match", lambda *_args: True)
                slow = [vocab._find(voc, mode, line, ANY, negated)
                        for line in lines for negated in (False, True)]
            assert fast == slow, (voc.name, mode)


def test_a_form_ruled_out_by_its_words_compiles_nothing():
    vocab.vocabularies.cache_clear()
    try:
        [asa] = [v for v in vocab.vocabularies() if v.name == "asa"]
        assert vocab.check_lines(asa, "asa", ["show failover"]) == []
        compiled = [e for e in asa.modes["exec"] if e.regex._compiled is not None]
        assert compiled and all(e.text.split()[0] == "show" for e in compiled)
        assert all(e.text.split()[1].startswith(("failover", "(", "[", "<"))
                   for e in compiled if len(e.text.split()) > 1)
    finally:
        vocab.vocabularies.cache_clear()


def test_a_template_rows_literal_head_starts_every_command_it_matches():
    cases = {"show failover": "show failover", "shows?": "show", r"show ip( \S+)?": "show ip",
             "a|b": "", "(a|b)c": "", r"show a\(|b": "", "show [|]x": "show ",
             "show int{1,2}": "show in", "show [^]|(]x|y": ""}
    assert {p: registry._scan_head(p) for p in cases} == cases
    refs = registry._all_refs()
    commands = {r.command_pattern for r in refs if re.fullmatch(r"[\w\- ]+", r.command_pattern)}
    for pattern in {r.command_pattern for r in refs}:
        with contextlib.suppress(re.error):
            regex = re.compile(pattern)
            head = registry._literal_head(pattern)
            assert all(c.startswith(head) for c in commands if regex.fullmatch(c)), pattern


def test_the_commands_process_reports_as_an_in_process_call(monkeypatch):
    # a caller's own process is left as it was: the call freezes nothing. Counted per thread:
    # a TUI test's loading worker, still ending, may freeze its own work meanwhile.
    frozen_here: list[int] = []
    real_freeze = gc.freeze

    def freeze() -> None:
        frozen_here.append(threading.get_ident())
        real_freeze()

    monkeypatch.setattr(gc, "freeze", freeze)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["analyze", str(DEMO), "--format", "json"])
    assert threading.get_ident() not in frozen_here
    assert gc.isenabled()
    done = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(DEMO), "--format",
                           "json"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (code, out.getvalue(), "")
    assert code == 1  # the demo's findings
