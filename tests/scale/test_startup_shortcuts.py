"""Issue 13 goal 4, sixth pass: each cheap "nothing to read here" test that spares a capture
the import of a reader answers, on every recording, exactly as the reader itself does.

The shortcuts: no output that shows configuration (the configuration tree, the crypto
configuration sources), no log / debug output and no console syslog line (the crypto log
reader), no complete log, console text or failover message (the failover syslog reader), no
`configure terminal` (the standby-edits reader), no syslog line (the interface log seeds).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from netriage.capture import Device, load_paths
from netriage.engine.expr import Unknown
from netriage.errors import NetriageError
from netriage.facts import DeviceFacts
from netriage.facts.config.captured import config_absent
from netriage.facts.config.fact import config_facts
from netriage.facts.config.tree import running_config
from netriage.facts.crypto.config_sources import build_crypto_config
from netriage.facts.crypto.log import log_events
from netriage.facts.crypto.model import _log_events, build_config_fact
from netriage.facts.failover import common, syslog
from netriage.facts.interfaces.build import _seeded_from_log
from netriage.facts.interfaces.ios import Merger
from netriage.facts.interfaces.logs import seed_from_log
from tests.conftest import RECORDINGS


def _devices() -> Iterator[tuple[str, Device]]:
    for path in sorted(RECORDINGS.rglob("*")):
        if path.suffix not in (".log", ".txt") or not path.is_file():
            continue
        try:
            capture = load_paths([path])
        except NetriageError:
            continue  # not a capture (a README, a note): nothing for the shortcuts to answer
        for device in capture.devices:
            yield f"{path.relative_to(RECORDINGS)}:{device.hostname}", device


LABELLED = list(_devices())
DEVICES = [device for _label, device in LABELLED]


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """What a builder gives: its value, or the Unknown it raises (reason and commands)."""
    try:
        return "value", call()
    except Unknown as unknown:
        return "unknown", (type(unknown), unknown.reason, unknown.commands)


def _raise(unknown: Unknown | None) -> None:
    assert unknown is not None
    raise unknown


def test_the_recordings_hold_devices_each_shortcut_answers_for_and_some_it_does_not():
    assert len(DEVICES) > 100
    absent = [d for d in DEVICES if config_absent(d) is not None]
    assert absent and len(absent) < len(DEVICES)
    quiet = [d for d in DEVICES if not _log_events(d) and not d.console]
    assert quiet and len(quiet) < len(DEVICES)


@pytest.mark.parametrize("device", DEVICES, ids=[label for label, _device in LABELLED])
def test_each_shortcut_answers_as_its_reader(device: Device):
    family = DeviceFacts(device).family
    if config_absent(device) is not None:  # the shortcut is taken: the readers agree
        assert _outcome(lambda: running_config(device, family)) == _outcome(
            lambda: _raise(config_absent(device)))
        assert _outcome(lambda: build_crypto_config(device, family)) == _outcome(
            lambda: build_config_fact(DeviceFacts(device)))
    else:  # no shortcut: the fact is the reader's, whatever it says
        assert _outcome(lambda: config_facts(DeviceFacts(device)))[0] in ("value", "unknown")
    assert _log_events(device) == log_events(device)
    assert _outcome(lambda: common.build_syslog(DeviceFacts(device))) == _outcome(
        lambda: syslog.build_syslog(DeviceFacts(device)))
    assert _outcome(lambda: common.build_standby_edits(DeviceFacts(device))) == _outcome(
        lambda: syslog.build_standby_edits(DeviceFacts(device)))
    fast, slow = Merger(), Merger()
    assert _seeded_from_log(DeviceFacts(device), fast) == seed_from_log(DeviceFacts(device),
                                                                         slow)
    assert list(fast.by_key) == list(slow.by_key)


def test_a_shortcut_never_takes_a_capture_that_has_the_output(tmp_path: Path):
    # a configuration section alone, a console failover message alone: the readers are used
    capture = tmp_path / "fw.log"
    capture.write_text(
        "fw1# show running-config crypto map\n"
        "crypto map OUT 10 match address VPN\n"
        "crypto map OUT 10 set peer 192.0.2.1\n"
        "fw1#\n"
        "Dec 07 2026 10:31:12 fw1 : %ASA-1-104001: (Primary) Switching to ACTIVE - Other unit "
        "wants me Active.\n"
        "fw1# show version\n"
        "Cisco Adaptive Security Appliance Software Version 9.8(4)\n"
        "fw1#\n", encoding="utf-8")
    [device] = load_paths([capture], "cisco_asa").devices
    assert config_absent(device) is None
    assert _outcome(lambda: build_config_fact(DeviceFacts(device)))[0] == "value"
    kind, value = _outcome(lambda: common.build_syslog(DeviceFacts(device)))
    assert kind == "value" and [m.id for m in value.messages] == [104001]


def test_the_saved_format_is_sniffed_by_the_header_line_the_layout_writes(tmp_path: Path):
    from netriage.capture import saved as layout
    from netriage.capture.formats import saved as saved_format

    assert f"format: {layout.FORMAT_ID}" == saved_format.FORMAT_LINE
    path = tmp_path / "saved.netriage"
    demo = load_paths([RECORDINGS / "demo" / "asa-pair-failover.log"])
    layout.write(demo, path, redacted=False)
    again = load_paths([path])
    assert [f.format for f in again.files] == ["netriage"]
    assert not any("edited" in s for s in again.skipped)  # the body was read by its header
    assert [len(d.entries) for d in again.devices] == [len(d.entries) for d in demo.devices]


def test_the_big_facts_say_who_they_are_in_one_short_line():
    # CryptoFacts and FailoverFacts carry a hand-written __repr__ (dataclass(repr=False)):
    # the identifying fields and, for crypto, which issue lists hold something
    [device] = load_paths([RECORDINGS / "demo" / "asa-pair-failover.log"]).devices
    facts = DeviceFacts(device)
    failover, crypto = facts.resolve("failover")[0], facts.resolve("crypto")[0]
    assert repr(failover).startswith("FailoverFacts(enabled=True, unit='Primary', ")
    assert "this='Primary Active'" in repr(failover) and len(repr(failover)) < 200
    assert repr(crypto).startswith("CryptoFacts(family='cisco_asa', captured=False, ")
    hub = load_paths([RECORDINGS / "realistic" / "routers-switches" /
                      "csr1000v-16.12-colo-vpn-hub-ike-version-nat-session.log"]).devices[0]
    busy = DeviceFacts(hub).resolve("crypto")[0]
    held = [name for name in ("p1_up", "ike_sas", "ipsec_sas") if getattr(busy, name)]
    assert held and all(f"'{name}'" in repr(busy) for name in held)
