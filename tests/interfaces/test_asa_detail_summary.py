"""ASA `show interface detail` and `show interface summary` feed the interface fact too.

`detail` prints every line of `show interface` (plus Control Point states, queue rings,
management-network counters) with ntc-templates' value conventions; `summary` prints state,
names and addresses but no counter. A `Management-only` interface is a management port.
"""

from __future__ import annotations

from pathlib import Path

from netriage.capture import load_paths
from netriage.engine.expr import Unknown
from netriage.facts import DeviceFacts
from tests.conftest import FIXTURES

RECORDING = FIXTURES / "interfaces" / "asa-detail-only-mgmt-only.log"


def _facts(path: Path):
    device = load_paths([path], "").devices[0]
    value, _ = DeviceFacts(device).resolve("interfaces")
    return value


def _named(facts, name):
    return next(i for i in facts.interfaces if i.name == name)


def test_detail_alone_gives_state_and_counters():
    facts = _facts(RECORDING)
    outside = _named(facts, "GigabitEthernet1/1")
    assert (outside.nameif, outside.ip, outside.duplex, outside.speed) == (
        "outside", "198.51.100.70", "full", "1000")
    assert outside.counters_source == "show interface" and outside.input_packets == 30211008
    spare = _named(facts, "GigabitEthernet1/3")
    assert (spare.ip, spare.mtu, spare.duplex, spare.admin_down) == ("", None, "auto", True)
    assert facts.crc_errors == [] and facts.asa_no_nameif == []


def test_management_only_interface_is_not_missing_an_address(tmp_path):
    oob = _named(_facts(RECORDING), "GigabitEthernet1/8")
    assert oob.management_only and oob.management and oob.ip == ""
    assert _facts(RECORDING).asa_no_ip == []
    # the same capture without the Management-only line: a named data port with no address
    text = "\n".join(line for line in RECORDING.read_text().splitlines()
                     if "Management-only interface" not in line)
    copy = tmp_path / "no-mgmt-only.log"
    copy.write_text(text + "\n")
    assert [i.name for i in _facts(copy).asa_no_ip] == ["GigabitEthernet1/8"]


def test_summary_alone_gives_state_but_no_counters(tmp_path):
    lines = RECORDING.read_text().splitlines()
    start = lines.index("fw-branch7# show interface detail")
    end = lines.index("fw-branch7# show interface summary")
    copy = tmp_path / "summary-only.log"
    copy.write_text("\n".join(lines[:start] + lines[end:]) + "\n")
    facts = _facts(copy)
    assert _named(facts, "GigabitEthernet1/2").ip == "10.70.0.1"
    assert _named(facts, "GigabitEthernet1/3").admin_down is True
    assert isinstance(facts.crc_errors, Unknown)  # no counter was read: never healthy
