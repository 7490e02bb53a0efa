"""The allow-list, and the wire guard on netmiko's write_channel, refuse all but reads."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netriage.live.allowlist import RULES, check, is_allowed
from netriage.live.client import ReadOnlyMixin
from netriage.live.errors import CommandRefusedError

PLATFORMS = ["", "cisco_asa", "cisco_ftd", "cisco_ios", "cisco_xe", "cisco_pix"]

DANGEROUS = [
    "conf t", "configure terminal", "config t", "reload", "reload in 5", "write erase",
    "write memory", "wr", "write", "clear xlate", "clear crypto ipsec sa", "clear configure all",
    "clear counters", "failover active", "no failover active", "failover reload-standby",
    "copy running-config startup-config", "copy tftp: flash:", "erase startup-config",
    "delete disk0:/asa.bin", "shun 192.0.2.1", "debug crypto ikev2", "ping 192.0.2.1",
    "packet-tracer input inside tcp 10.0.0.1 1 10.0.0.2 80", "capture cap1 interface inside",
    "expert", "system support diagnostic-cli\nconf t",
    # chained and multi-line tricks
    "show version\nconf t", "show version\rreload", "show version\r\nwrite erase",
    "show run ; reload", "show run && reload", "show run\x1a", "show\tversion", "show ?",
    "show run | redirect disk0:/leak.txt", "show run | tee disk0:/x", "show run | append x",
    "show run | re disk0:/x", "show run | i x | redirect tftp://x", "show run | include a|tee x",
    "show run > disk0:/x", "failover exec mate conf t", "failover exec mate reload",
    "failover exec mate write memory", "failover exec active show run",
    "changeto context a\nconf t", "changeto context a b", "enable\nconf t", "enable 15 x",
    "terminal pager 0\nreload", "more disk0:/startup-config", "more flash:/x",
    "more system:running-config | redirect x", "terminal monitor", "", "   ",
]
SAFE = {
    "cisco_asa": ["show version", "sh ver", "sho failover", "show failover | include host|Int",
                  "show run | begin crypto", "show run | grep -v x", "show run | count x",
                  "more system:running-config", "failover exec mate show failover",
                  "changeto context ctx-1", "changeto system", "terminal pager 0",
                  "term pager lines 0", "enable", "en"],
    "cisco_ios": ["show version", "show ip int brief | ex unassigned", "sh run | s crypto",
                  "terminal length 0", "ter len 0", "terminal width 511", "enable"],
    "cisco_ftd": ["show version", "show failover", "system support diagnostic-cli",
                  "failover exec mate show failover", "enable", "terminal pager 0"],
}


@pytest.mark.parametrize("command", DANGEROUS)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_dangerous_commands_are_refused(command, platform):
    with pytest.raises(CommandRefusedError):
        check(command, platform)


@pytest.mark.parametrize(("platform", "command"),
                         [(p, c) for p, commands in SAFE.items() for c in commands])
def test_read_commands_are_allowed(platform, command):
    assert check(command, platform).command == " ".join(command.split())


def test_platform_specific_rules_stay_on_their_platform():
    assert not is_allowed("terminal pager 0", "cisco_ios")
    assert not is_allowed("terminal length 0", "cisco_asa")
    assert not is_allowed("terminal width 511", "cisco_asa")  # a config command on ASA
    assert not is_allowed("more system:running-config", "cisco_ios")
    assert not is_allowed("system support diagnostic-cli", "cisco_asa")


def test_refusal_names_what_is_allowed():
    with pytest.raises(CommandRefusedError) as info:
        check("reload", "cisco_asa")
    assert "read-only" in str(info.value) and "show" in str(info.value)
    assert info.value.exit_code == 18


@given(st.text(min_size=1, max_size=40), st.sampled_from(["\n", "\r", "\x1a", "\x03", "\t"]),
       st.text(max_size=40))
def test_anything_with_a_line_break_or_control_key_is_refused(before, control, after):
    assert not is_allowed(f"show {before}{control}{after}")


@given(st.text(min_size=1, max_size=30).filter(lambda s: s.split() and s.split()[0].lower()
                                               not in {"sh", "sho", "show", "more", "failover",
                                                       "changeto", "ter", "term", "termi",
                                                       "termin", "termina", "terminal", "en",
                                                       "ena", "enab", "enabl", "enable",
                                                       "system"}))
def test_only_allowed_verbs_pass(command):
    assert not is_allowed(command)


def test_every_rule_has_a_reason():
    assert all(rule.why for rule in RULES)


class _Wire(ReadOnlyMixin):
    """The guard alone, on a fake channel that records what would reach the wire."""

    def __init__(self, platform: str = "cisco_asa") -> None:
        self.netriage_platform = platform
        self.sent: list[str] = []

    def _write(self, data: str) -> None:
        self.sent.append(data)


class _Base:
    def write_channel(self, out_data: str) -> None:
        self.sent.append(out_data)  # type: ignore[attr-defined]


class _Guarded(ReadOnlyMixin, _Base):
    def __init__(self) -> None:
        self.netriage_platform = "cisco_asa"
        self.sent: list[str] = []


@pytest.mark.parametrize("data", ["conf t\n", "show version\nconf t\n", "show version",
                                  "reload\r\n", "show run\n\n", "Lab-Enable-Pw-8804\n"])
def test_wire_guard_refuses_before_the_base_class_writes(data):
    wire = _Guarded()
    with pytest.raises(CommandRefusedError):
        wire.write_channel(data)
    assert wire.sent == []


def test_wire_guard_passes_reads_enter_pager_space_and_the_armed_secret_only():
    wire = _Guarded()
    for data in ("show version\n", "\n", " ", "\x00", "terminal pager 0\n"):
        wire.write_channel(data)
    wire.armed_secret = "Lab-Enable-Pw-8804"
    wire.write_channel("Lab-Enable-Pw-8804\n")
    wire.armed_secret = None
    assert wire.sent == ["show version\n", "\n", " ", "\x00", "terminal pager 0\n",
                         "Lab-Enable-Pw-8804\n"]
    with pytest.raises(CommandRefusedError):
        wire.write_channel("Lab-Enable-Pw-8804\n")  # disarmed again


def test_netmiko_configuration_helpers_are_refused():
    wire = _Guarded()
    for helper in (wire.config_mode, wire.send_config_set, wire.save_config, wire.commit,
                   wire.send_config_from_file):
        with pytest.raises(CommandRefusedError):
            helper()
    assert wire.sent == []
