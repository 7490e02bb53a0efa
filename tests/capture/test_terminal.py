from pathlib import Path

import pytest

from netriage.capture import load_paths
from netriage.errors import CaptureError
from tests.conftest import DEMO, FIXTURES


def write(tmp_path: Path, text: str, name: str = "cap.log") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_demo_loads_one_asa_with_resolved_commands():
    capture = load_paths([DEMO])
    [device] = capture.devices
    assert device.hostname == "fw-edge/pri"
    assert device.platform == "cisco_asa"
    assert device.platform_reason == "show version"
    assert device.version == "9.16(4)"
    assert device.failover_role == "pri/act"
    assert "show failover" in device.commands
    entry = device.find("show failover")
    assert entry.typed == "sh fail"
    assert entry.output.startswith("Failover On")
    assert entry.line == 31


def test_filtered_output_is_never_taken_for_the_full_one():
    capture = load_paths([DEMO])
    device = capture.devices[0]
    versions = [e for e in device.entries if e.command == "show version"]
    assert [e.filtered for e in versions] == [True, False]
    assert not device.find("show version").filtered
    assert device.find("failover exec mate show failover") is None
    assert device.find("failover exec mate show failover", unfiltered=False) is not None


@pytest.mark.parametrize(
    ("prompt", "hostname"),
    [
        ("fw1#", "fw1"),
        ("fw1>", "fw1"),
        ("fw1(config)#", "fw1"),
        ("fw1/pri/act#", "fw1/pri"),
        ("fw1/sec/stby#", "fw1/sec"),
        ("core-rtr.example.net#", "core-rtr.example.net"),
    ],
)
def test_prompt_forms(tmp_path, prompt, hostname):
    path = write(tmp_path, f"{prompt} show clock\n12:00:01.123 UTC Mon Nov 23 2026\n{prompt}\n")
    [device] = load_paths([path]).devices
    assert device.hostname == hostname
    assert device.entries[0].command == "show clock"
    assert device.entries[0].output == "12:00:01.123 UTC Mon Nov 23 2026"


def test_ftd_bare_prompt(tmp_path):
    path = write(tmp_path, "> show failover\nFailover On\nFailover unit Primary\n> \n")
    [device] = load_paths([path]).devices
    assert device.platform == "cisco_ftd"
    assert device.find("show failover").output.splitlines()[0] == "Failover On"


def test_both_units_of_a_pair_are_two_devices(tmp_path):
    text = ("fw/pri/act# show failover\nFailover On\n"
            "fw/sec/stby# show failover\nFailover On\nFailover unit Secondary\n")
    capture = load_paths([write(tmp_path, text)])
    assert [d.hostname for d in capture.devices] == ["fw/pri", "fw/sec"]
    assert capture.devices[1].find("show failover").output.endswith("Failover unit Secondary")


def test_output_that_looks_like_a_prompt_is_not_one(tmp_path):
    text = ("rtr1# show running-config\nbanner motd #\nAuthorised access only#\n"
            "interface GigabitEthernet0/0\n description uplink>core\nend\nrtr1#\n")
    [device] = load_paths([write(tmp_path, text)]).devices
    assert len(device.entries) == 1
    assert "description uplink>core" in device.entries[0].output


def test_terminal_debris_is_removed(tmp_path):
    text = ("fw1# show failover\r\n\x1b[1mFailover On\x1b[0m\r\n"
            "<--- More --->\r              \rFailover unit Primary\r\n"
            "Failover LAN Interface: fo Gi0/3 (upp\b \b)\r\nfw1#\r\n")
    [device] = load_paths([write(tmp_path, text)]).devices
    assert device.find("show failover").output.splitlines() == [
        "Failover On", "Failover unit Primary", "Failover LAN Interface: fo Gi0/3 (up)"]


def test_latin1_bytes_do_not_stop_loading(tmp_path):
    path = tmp_path / "latin1.log"
    path.write_bytes(b"fw1# show clock\n12:00 Z\xfcrich\nfw1#\n")
    [device] = load_paths([path]).devices
    assert device.entries[0].output == "12:00 Zürich"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"just some notes\nnothing from a device\n", "no command after a device prompt"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path, content, problem):
    path = tmp_path / "bad.log"
    path.write_bytes(content)
    with pytest.raises(CaptureError) as error:
        load_paths([path])
    assert problem in str(error.value)
    assert str(path) in str(error.value)


def test_missing_path(tmp_path):
    with pytest.raises(CaptureError, match="does not exist"):
        load_paths([tmp_path / "nope.log"])


def test_platform_override_wins():
    capture = load_paths([FIXTURES / "failover" / "disabled.log"], platform="cisco_ftd")
    assert capture.devices[0].platform == "cisco_ftd"
    assert capture.devices[0].platform_reason == "--platform"


def test_multi_context_prompts_are_one_device_per_context(tmp_path):
    text = ("fw1/pri/act# changeto context admin\n"
            "fw1/admin/pri/act# sh run crypto map\n"
            "crypto map outside_map 10 set peer 192.0.2.1\n"
            "fw1/admin/pri/act# changeto context dmz\n"
            "fw1/dmz/pri/act# sh run crypto map\n"
            "crypto map dmz_map 10 set peer 192.0.2.2\n"
            "fw1/dmz/pri/act#\n")
    capture = load_paths([write(tmp_path, text)])
    assert [(d.hostname, d.unit, d.context, d.failover_role) for d in capture.devices] == [
        ("fw1/pri", "pri", "", "pri/act"),
        ("fw1/pri/admin", "pri", "admin", "pri/act"),
        ("fw1/pri/dmz", "pri", "dmz", "pri/act")]
    assert capture.devices[2].find("show running-config crypto map").output.endswith(
        "192.0.2.2")


def test_a_typo_at_a_known_prompt_is_a_command_not_output(tmp_path):
    text = ("rtr1# show clock\n12:00\nrtr1# shwo version\n"
            "                ^\n% Invalid input detected at '^' marker.\nrtr1#\n")
    [device] = load_paths([write(tmp_path, text)]).devices
    assert device.find("show clock").output == "12:00"
    assert device.entries[1].typed == "shwo version"


def test_en_at_an_exec_prompt_is_enable():
    capture = load_paths([DEMO.parent.parent / "captures" / "terminal-asa-pair.log"])
    assert capture.devices[0].entries[0].command == "enable"
    assert capture.devices[1].entries[0].command == "enable"


def test_two_ftds_collected_into_one_folder_stay_two_devices(tmp_path):
    # `netriage collect` writes DIR/<hostname>.log; FTD's `>` prompt names no host
    for name in ("ftd-east", "ftd-west"):
        (tmp_path / f"{name}.log").write_text(
            "> show version\n"
            "Model                     : Cisco Firepower 2120 Threat Defense (77) Version 7.2.5\n"
            "> show failover\nFailover On\n")
    capture = load_paths([tmp_path])
    assert sorted(d.hostname for d in capture.devices) == ["ftd-east", "ftd-west"]
    assert {d.platform for d in capture.devices} == {"cisco_ftd"}


def test_an_ftd_known_by_its_bare_prompt_takes_the_name_its_show_version_prints(tmp_path):
    from netriage.capture import load_paths

    source = tmp_path / "ftd.log"
    source.write_text(
        "> show version\n"
        "-------------------[ ftd-par-01 ]--------------------\n"
        "Model                     : Cisco Firepower 2130 Threat Defense (77) Version 7.2.5\n"
        "------------------------------------------------------\n"
        "> show failover\n"
        "Failover Off\n")
    [device] = load_paths([source]).devices
    assert (device.hostname, device.platform) == ("ftd-par-01", "cisco_ftd")
    # without the banner, the placeholder stays: nothing else names it
    source.write_text("> show failover\nFailover Off\n")
    assert load_paths([source]).devices[0].hostname == "ftd"
