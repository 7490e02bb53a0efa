"""The simulated device's CLI as a state machine, without SSH."""

from __future__ import annotations

import pytest

from netriage.capture import load_paths
from netriage.lab.device import LabConfig, SimulatedDevice
from netriage.lab.filters import apply_filter
from tests.live.conftest import ASA_PAIR, ENABLE, FTD, IOS, PASSWORD, USER


def device(capture=ASA_PAIR, **settings) -> SimulatedDevice:
    return SimulatedDevice(load_paths([capture]), LabConfig(USER, PASSWORD, **settings))


def test_asa_prompt_login_banner_and_enable():
    asa = device(enable_password=ENABLE)
    assert asa.prompt() == "fw-lab/pri/act> "
    assert "Type help" in asa.banner()
    assert asa.handle("enable").kind == "password"
    wrong = asa.password("nope")
    assert wrong.kind == "password" and "Invalid password" in wrong.text
    assert asa.password(ENABLE).kind == "output"
    assert asa.prompt() == "fw-lab/pri/act# "


def test_enable_gives_up_after_three_wrong_passwords():
    asa = device(enable_password=ENABLE)
    asa.handle("en")
    asa.password("a")
    asa.password("b")
    last = asa.password("c")
    assert last.kind == "output" and "Access denied" in last.text
    assert asa.prompt().endswith("> ")


def test_recorded_commands_are_answered_with_abbreviations_and_filters():
    asa = device()
    assert asa.handle("sh fail").text.startswith("Failover On")
    included = asa.handle("show failover | i host").text
    assert included.splitlines() == ["        This host: Primary - Active",
                                     "        Other host: Secondary - Standby Ready"]
    assert asa.handle("sh ver").paged


def test_unknown_commands_get_the_invalid_input_marker():
    asa = device()
    reply = asa.handle("show foo")
    marker, message = reply.text.splitlines()
    assert message == "ERROR: % Invalid input detected at '^' marker."
    assert marker.index("^") == len(asa.prompt()) + len("show ")
    ios = device(IOS)
    assert ios.handle("conf t").text.splitlines()[-1] == "% Invalid input detected at '^' marker."


def test_user_mode_only_answers_show_version():
    asa = device(enable_password=ENABLE)
    assert "Invalid input" in asa.handle("show failover").text
    assert "Adaptive Security Appliance" in asa.handle("show version").text


def test_pager_settings_per_family():
    asa, ios = device(), device(IOS)
    assert asa.pager and ios.pager
    asa.handle("terminal pager 0")
    ios.handle("terminal length 0")
    assert not asa.pager and not ios.pager
    assert "Invalid input" in asa.handle("terminal length 0").text


def test_failover_exec_mate_answers_from_the_mate():
    asa = device()
    reply = asa.handle("failover exec mate show failover")
    assert "Failover unit Secondary" in reply.text


def test_ftd_cli_and_diagnostic_cli():
    ftd = device(FTD)
    assert ftd.prompt() == "> "
    assert "Invalid input" in ftd.handle("enable").text
    assert ftd.handle("show failover").text.startswith("Failover Off")
    assert "Attaching to Diagnostic CLI" in ftd.handle("system support diagnostic-cli").text
    assert ftd.prompt() == "firepower> "
    assert ftd.handle("enable").kind == "password"
    ftd.password("")  # the diagnostic CLI's enable password is empty
    assert ftd.prompt() == "firepower# "


def test_fault_knobs_count_answered_commands():
    drop = device(drop_after=1)
    assert drop.handle("show failover").kind == "output"
    half = drop.handle("show failover")
    assert half.kind == "drop" and 0 < len(half.text) < len(drop.handle("sh ver").text) + 9999
    stall = device(stall_after=0)
    assert stall.handle("show version").kind == "stall"
    flip = device(failover_after=1)
    flip.handle("show version")
    assert flip.prompt() == "fw-lab/pri/stby# "


def test_device_choice_and_rename():
    sec = device(device="fw-lab/sec", hostname="fw-x")
    assert sec.prompt() == "fw-x/sec/stby# "
    with pytest.raises(ValueError, match="no device"):
        device(device="nope")


@pytest.mark.parametrize(("filter_", "expected"), [
    ("| include b", "b1\nb2"), ("| exclude b", "a\n c"), ("| begin b2", "b2\n c"),
    ("| count b", "Number of lines which match regexp = 2"), ("| grep -v b", "a\n c"),
    ("| section b2", "b2\n c"),
])
def test_filters(filter_, expected):
    assert apply_filter("a\nb1\nb2\n c", filter_) == expected
