"""Syslog is evidence wherever it appears (issue 10, item 6).

A `%FAC-SEV-MNEMONIC:` line feeds the trees whether it sits in `show logging` (filtered or
not), between commands (console logging after an empty prompt) or inside another command's
output; one message seen twice is one event; absence is concluded only from a complete log.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netriage.analysis import analyze_paths
from netriage.capture.load import load_paths
from netriage.engine.expr import Unknown
from netriage.facts import DeviceFacts
from netriage.facts.crypto.log import log_events
from netriage.facts.syslog_lines import BETWEEN, DeviceSyslog, parse_line, without_syslog
from netriage.parsing import PARSED
from tests.conftest import RECORDINGS

SYSLOG = RECORDINGS / "fixtures" / "syslog"
SWITCH = SYSLOG / "c2960x-15.2-access-psecure-console-session.log"
ROUTER = SYSLOG / "isr4331-17.3-branch-wan-flap-interleaved-session.log"
ASA = SYSLOG / "asa5516x-9.16-dmz-flaps-console-only-session.log"


def _facts(path: Path) -> DeviceFacts:
    [device] = load_paths([path]).devices
    return DeviceFacts(device)


def _fact(path: Path, name: str):
    return _facts(path).resolve(name)[0]


def _file_line(path: Path, number: int) -> str:
    return path.read_text().splitlines()[number - 1]


# -- the shape of a message, whatever the logging settings put before it -------------------

@pytest.mark.parametrize(("line", "ident", "stamp"), [
    ("*Dec  7 10:01:02.123: %PM-4-ERR_DISABLE: psecure-violation error detected on Gi1/0/1, "
     "putting Gi1/0/1 in err-disable state", "PM-ERR_DISABLE", "Dec 7 10:01:02.123"),
    ("Dec  7 2026 10:01:02: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down",
     "LINK-UPDOWN", "Dec 7 2026 10:01:02"),
    ("000123: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.5)",
     "SYS-CONFIG_I", ""),
    ("000412: Dec  7 2026 10:22:41.902 CET: %LINEPROTO-5-UPDOWN: Line protocol on Interface "
     "GigabitEthernet0/0/1, changed state to down", "LINEPROTO-UPDOWN",
     "Dec 7 2026 10:22:41.902 CET"),
    ("000045: br-rtr-07: *Dec  7 10:01:02.123 UTC: %LINK-3-UPDOWN: Interface Gi0/0/1, changed "
     "state to up", "LINK-UPDOWN", "Dec 7 10:01:02.123 UTC"),
    ("Dec 07 2026 10:31:12 fw-dmz-2 : %ASA-4-411002: Line protocol on Interface dmz, changed "
     "state to down", "ASA-411002", "Dec 07 2026 10:31:12"),
    ("<166>Dec 07 2026 10:31:12: %FTD-1-105005: (Primary) Lost Failover communications with "
     "mate on interface inside", "FTD-105005", "Dec 07 2026 10:31:12"),
    ("2026-12-07T10:31:12Z fw1 : %PIX-1-104001: (Secondary) Switching to ACTIVE - mate down",
     "PIX-104001", "2026-12-07T10:31:12Z"),
    ("%SYS-SP-3-LOGGER_FLUSHED: System was paused for 00:00:00 to ensure console debugging "
     "output.", "SYS-SP-LOGGER_FLUSHED", ""),
    ("1d02h: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for "
     "destaddr=192.0.2.1, prot=50, spi=0x1A2B3C4D(439041101), srcaddr=198.51.100.7",
     "CRYPTO-RECVD_PKT_INV_SPI", "1d02h"),
])
def test_message_shapes(line, ident, stamp):
    parsed = parse_line(line)
    assert parsed is not None
    match, prefix = parsed
    assert f"{match.group('facility')}-{match.group('mnemonic')}" == ident
    from netriage.facts.syslog_lines import _stamp

    assert _stamp(prefix) == stamp


@pytest.mark.parametrize("line", [
    "  Description: uplink 80% utilised",
    "Note to self: look for %PM-4-ERR_DISABLE: lines in the log",
    "% Invalid input detected at '^' marker.",
    "  5 minute input rate 0 bits/sec, 0 packets/sec",
    "Gi1/0/7      Meeting room 2.14  err-disabled 20           auto   auto 10/100/1000BaseTX",
])
def test_lines_that_are_not_messages(line):
    assert parse_line(line) is None


def test_without_syslog_keeps_the_line_map():
    text = "a\n*Dec  7 10:01:02.123: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down\nb"
    assert without_syslog(text) == ("a\nb", [0, 2])
    assert without_syslog("a\nb") is None


# -- console lines between commands -------------------------------------------------------

def test_ios_console_lines_between_commands_give_the_reason():
    syslog = _fact(SWITCH, "syslog")
    assert isinstance(syslog, DeviceSyslog) and not syslog.complete
    [err] = [s for s in syslog.lines if s.ident == "PM-ERR_DISABLE"]
    # seen at the console and again in `show logging | include`: one event, first line kept
    assert (err.where, err.seen) == (BETWEEN, 2)
    assert _file_line(SWITCH, err.line).strip() == err.text
    interfaces = _fact(SWITCH, "interfaces")
    assert [i.name for i in interfaces.err_psecure] == ["GigabitEthernet1/0/7"]
    analysis = analyze_paths([SWITCH])
    ids = {f.id for f in analysis.findings}
    assert "iface.err-disabled-psecure" in ids and "iface.err-disabled" not in ids


def test_asa_console_lines_alone_show_a_flapping_port():
    facts = _facts(ASA)
    assert facts.device.find("show logging", unfiltered=False) is None  # no log captured
    [flapping] = facts.resolve("interfaces")[0].flapping
    assert (flapping.nameif, flapping.log_downs) == ("dmz", 4)
    [finding] = [f for f in analyze_paths([ASA]).findings if f.id == "iface.flapping"]
    console = [e for e in finding.evidence if e.command == "console"]
    assert len(console) == 8  # four downs, four ups, each where it was printed
    for evidence in console:
        assert _file_line(ASA, evidence.line).strip() == evidence.text


# -- a message inside another output --------------------------------------------------------

def test_interleaved_message_does_not_break_the_parse(tmp_path):
    facts = _facts(ROUTER)
    result = facts.result("show interfaces")
    assert result is not None and result.status == PARSED
    clean = tmp_path / "clean.log"  # the same session without the console lines in it
    text = ROUTER.read_text().splitlines()
    start = text.index("br-rtr-07#show logging")
    clean.write_text("\n".join(line for number, line in enumerate(text)
                               if number >= start or parse_line(line) is None) + "\n")
    assert _facts(clean).result("show interfaces").records == result.records


def test_interleaved_message_is_evidence_and_one_event():
    syslog = _fact(ROUTER, "syslog")
    assert syslog.complete
    last = [s for s in syslog.lines if s.text.startswith("000417:")]
    assert [(s.where, s.seen) for s in last] == [("show interfaces", 2)]
    [flapping] = _fact(ROUTER, "interfaces").flapping
    assert (flapping.name, flapping.log_downs) == ("GigabitEthernet0/0/1", 5)


def test_not_understood_lines_keep_their_numbers(tmp_path):
    # an interleaved message and a line no rule reads, in an output read by our own template
    lines = (RECORDINGS / "fixtures" / "failover" / "healthy-pair.log").read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Failover unit"))
    lines[at + 1:at + 1] = [
        "Dec 07 2026 10:31:12: %ASA-4-411002: Line protocol on Interface dmz, changed state "
        "to down", "Some line this release prints and no template knows"]
    path = tmp_path / "fo.log"
    path.write_text("\n".join(lines) + "\n")
    facts = _facts(path)
    result = facts.result("show failover")
    assert [text for _n, text in result.not_understood] == [
        "Some line this release prints and no template knows"]
    entry = facts.device.find("show failover")
    [(number, _text)] = result.not_understood
    assert _file_line(path, entry.source_line(number - 1)) == lines[at + 2]


# -- absence only from a complete log ------------------------------------------------------

_STATUS = """sw9#show interfaces status

Port      Name               Status       Vlan       Duplex  Speed Type
Gi1/0/1   PC 1               connected    20         a-full a-1000 10/100/1000BaseTX
Gi1/0/2   PC 2               connected    20         a-full a-1000 10/100/1000BaseTX
"""
_DOWN = ("000031: *Dec  7 09:12:01.220: %LINK-3-UPDOWN: Interface GigabitEthernet1/0/2, changed "
         "state to down\n"
         "000032: *Dec  7 09:12:04.311: %LINK-3-UPDOWN: Interface GigabitEthernet1/0/2, changed "
         "state to up\n")


@pytest.mark.parametrize(("log", "known"), [
    ("sw9#show logging | include UPDOWN\n" + _DOWN, False),  # a filter may hide a flap
    ("sw9#\n" + _DOWN, False),  # the console shows only what came during the session
    ("sw9#show logging\nLog Buffer (8192 bytes):\n" + _DOWN, True),
])
def test_absence_needs_a_complete_log(tmp_path, log, known):
    path = tmp_path / "sw9.log"
    path.write_text(_STATUS + log + "sw9#\n")
    interfaces = _fact(path, "interfaces")
    if known:
        assert interfaces.flapping == []  # one down is no flapping, and the log is whole
    else:
        assert isinstance(interfaces.flapping, Unknown)
        assert "show logging" in interfaces.flapping.commands


def test_repeated_lines_of_one_log_are_distinct_events(tmp_path):
    path = tmp_path / "fw.log"
    down = "%ASA-4-411002: Line protocol on Interface dmz, changed state to down\n"
    path.write_text("fw9# show logging\n" + down * 3 + "fw9# \n" + down + "fw9# \n")
    lines = _fact(path, "syslog").lines
    # three flaps in the buffer; the console line after it is the first of them printed again
    assert [line.seen for line in lines] == [2, 1, 1]


# -- the other consumers -------------------------------------------------------------------

def test_crypto_console_message_is_one_event(tmp_path):
    spi = ("*Dec  7 10:40:11.442: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has "
           "invalid spi for destaddr=192.0.2.1, prot=50, spi=0x1A2B3C4D(439041101), "
           "srcaddr=198.51.100.7, input interface is GigabitEthernet0/0/1")
    console = tmp_path / "console.log"
    console.write_text(f"rtr9#show clock\n*10:40:02.118 UTC Mon Dec 7 2026\nrtr9#\n{spi}\nrtr9#\n")
    [event] = log_events(load_paths([console]).devices[0])
    assert (event.cause, event.peer, event.command) == ("invalid-spi", "198.51.100.7", BETWEEN)
    both = tmp_path / "both.log"
    both.write_text(f"rtr9#\n{spi}\nrtr9#show logging | include SPI\n{spi}\nrtr9#\n")
    assert len(log_events(load_paths([both]).devices[0])) == 1


def test_failover_console_message_without_show_logging(tmp_path):
    base = (RECORDINGS / "fixtures" / "failover" / "healthy-pair.log").read_text()
    path = tmp_path / "pair.log"
    path.write_text(base.rstrip("\n") + "\nhq-fw/pri/act# \n"
                    "Dec 07 2026 10:31:12: %ASA-1-105005: (Primary) Lost Failover "
                    "communications with mate on interface inside\nhq-fw/pri/act# \n")
    facts = _facts(path)
    syslog = facts.resolve("failover_syslog")[0]
    assert [m.id for m in syslog.lost_comm] == [105005] and syslog.complete is False
    assert facts.resolve("failover_outputs")[0].logging
    bare = _facts(RECORDINGS / "fixtures" / "failover" / "healthy-pair.log")
    assert isinstance(bare.resolve("failover_syslog")[0], Unknown)


def test_console_evidence_is_marked_in_the_console_text():
    # the TUI shows the console text holding a `console` evidence line, marked
    from netriage.tui.walkview import deciding_lines

    [device] = load_paths([ASA]).devices
    [finding] = [f for f in analyze_paths([ASA]).findings if f.id == "iface.flapping"]
    marked = [index for entry in device.console
              for index in deciding_lines(entry, finding.evidence)]
    assert len(marked) == 8 and all(entry.command == "console" for entry in device.console)


def test_a_log_alone_still_tells_what_happened_to_ports(tmp_path):
    # no interface output at all: the ports the log names still get their flaps and CDP's
    # duplex report; their present state (err-disabled now?) stays unknown
    flap = "".join(
        f"0000{n}: *Dec  7 09:{n}:01.220: %LINK-3-UPDOWN: Interface GigabitEthernet1/0/2, "
        f"changed state to {state}\n" for n, state in ((11, "down"), (12, "up"), (21, "down"),
                                                       (22, "up"), (31, "down"), (32, "up")))
    path = tmp_path / "sw7.log"
    path.write_text(
        "sw7#show logging\nLog Buffer (8192 bytes):\n" + flap
        + "000040: *Dec  7 09:40:11.120: %PM-4-ERR_DISABLE: bpduguard error detected on "
          "Gi1/0/9, putting Gi1/0/9 in err-disable state\n"
          "000041: *Dec  7 09:41:11.120: %CDP-4-DUPLEX_MISMATCH: duplex mismatch discovered on "
          "GigabitEthernet1/0/3 (not half duplex), with dist-1 GigabitEthernet1/0/23 (half "
          "duplex).\nsw7#\n")
    analysis = analyze_paths([path], "cisco_ios")
    fired = {(f.id, f.title) for f in analysis.findings}
    assert ("iface.flapping", "Flapping: GigabitEthernet1/0/2") in fired
    assert any(i == "iface.duplex-mismatch" and "GigabitEthernet1/0/3" in t for i, t in fired)
    assert not any(i.startswith("iface.err-disabled") for i, _t in fired)
