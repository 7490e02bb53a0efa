"""`netriage scenario inject`: each fault planted in several healthy captures it was not written
for (ASA, FTD, PIX, IOS; terminal logs, show tech, saved .ncap), through the real CLI and the
saved file it writes; the analysis of that file finds the fault on top and nothing new above
`low`; the outputs the fault touches all agree; what cannot be injected exits 2 in one sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netriage.analysis import analyze_capture
from netriage.capture import load_paths
from netriage.cli import main
from netriage.engine.findings import severity_rank
from netriage.training import load_scenario
from tests.conftest import RECORDINGS

FO = RECORDINGS / "fixtures" / "failover"
CR = RECORDINGS / "fixtures" / "crypto"
REAL = RECORDINGS / "realistic" / "firewalls"
ASA_PAIR = FO / "healthy-asa-pair.log"  # ASA 9.16, both units, config and history
ASA_920 = FO / "healthy-pair.log"  # ASA 9.20, one unit
FTD_PAIR = FO / "healthy-ftd-pair.log"  # FTD, CLISH `>` prompt
PIX_PAIR = FO / "healthy-pix-pair.log"  # PIX 6.3
STATELESS = FO / "stateless-pair.log"  # ASA 9.12, both units, no state link
TERMINAL = RECORDINGS / "captures" / "terminal-asa-pair.log"  # ASA 9.18, shared link
SHOW_TECH = RECORDINGS / "captures" / "asa-show-tech.txt"  # secondary active, running-config
SAVED = RECORDINGS / "captures" / "saved-asa-pair.ncap"  # netriage's own format
ASA_L2L = CR / "asa-healthy-l2l.log"
IOS_MAP = CR / "ios-healthy-crypto-map.log"
IOS_IKEV2 = CR / "ios-healthy-ikev2.log"
IOS_RESPONDER = RECORDINGS / "fixtures" / "crypto-direction" / "ios-responder-healthy.log"
IFACES = RECORDINGS / "fixtures" / "interfaces"
FTD_CLISH = RECORDINGS / "realistic" / "routers-switches" / "ftd2110-dc-edge-clish-session.log"
PIX_63 = RECORDINGS / "realistic" / "routers-switches" / "pix515e-63-branch-fw-session.log"
# real sessions with a dedicated state link; they already carry medium findings of their own
DIST = REAL / "asa5525x-9.12-dist-pair-primary-both-active-after-power-cut-session.log"
LYON = REAL / "fpr2130-asa-9.16-lyon-pair-secondary-dual-active-boot-write-standby-session.log"
GENEVA = REAL / "pix525-7.2-geneva-pair-primary-inside-testing-went-standby-session.log"

CASES = {
    "failover.standby-ip-missing": [ASA_PAIR, ASA_920, FTD_PAIR, STATELESS, TERMINAL,
                                    SHOW_TECH, SAVED],
    "failover.version-mismatch": [ASA_PAIR, ASA_920, FTD_PAIR, STATELESS, TERMINAL, SHOW_TECH],
    "failover.if-failed": [ASA_PAIR, FTD_PAIR, PIX_PAIR, STATELESS, SHOW_TECH],
    "failover.mate-failed": [ASA_PAIR, ASA_920, FTD_PAIR, PIX_PAIR, STATELESS, SHOW_TECH],
    "failover.state-link-down": [ASA_PAIR, ASA_920, DIST, LYON, GENEVA],
    "failover.state-xerr": [ASA_PAIR, ASA_920, FTD_PAIR, PIX_PAIR, TERMINAL],
    "crypto.encaps-no-decaps": [ASA_L2L, IOS_MAP, IOS_IKEV2, IOS_RESPONDER],
    "crypto.decaps-no-encaps": [ASA_L2L, IOS_MAP, IOS_IKEV2, IOS_RESPONDER],
    "crypto.recv-errors": [ASA_L2L, IOS_MAP, IOS_IKEV2, IOS_RESPONDER],
    "iface.input-errors-crc": [IFACES / "healthy-asa.log", IFACES / "healthy-router.log",
                               IFACES / "healthy-switch.log", FTD_CLISH, PIX_63],
}


def reported(paths: list[Path]) -> list[tuple[str, str, str]]:
    """(device, id, severity) of the findings and of the pair verdicts, worst first."""
    analysis = analyze_capture(load_paths(paths))
    found = [(f.device, f.id, f.severity) for f in analysis.findings]
    for pair in getattr(analysis, "pairs", []):
        found += [(" + ".join(pair.devices), fid, pair.severity) for fid in pair.findings]
    return sorted(found, key=lambda x: -severity_rank(x[2]))


def inject_cli(clean: Path, fault: str, out: Path, *extra: str) -> int:
    return main(["scenario", "inject", str(clean), "--fault", fault, "-o", str(out), *extra])


@pytest.mark.parametrize(("fault", "clean"), [(f, c) for f, cs in CASES.items() for c in cs],
                         ids=lambda v: v if isinstance(v, str) else v.stem[:40])
def test_injected_fault_is_found_on_top_and_alone(fault: str, clean: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "injected.ncap"
    assert inject_cli(clean, fault, out) == 0, capsys.readouterr().err
    before = reported([clean])
    after = reported([out])
    ids = [fid for _d, fid, _s in after]
    assert fault in ids and fault not in [fid for _d, fid, _s in before]
    worst_before = max((severity_rank(s) for _d, _f, s in before), default=0)
    if worst_before <= severity_rank("low"):  # a healthy capture: the fault is the top one
        assert after[0][1] == fault
    old = {(d, fid) for d, fid, _s in before}
    new = {fid for d, fid, s in after if severity_rank(s) > severity_rank("low")
           and (d, fid) not in old}
    assert new == {fault}


def _lines(paths: list[Path], command: str) -> list[tuple[str, str]]:
    """(device, line) of every output of `command` (its `failover exec mate` form too)."""
    capture = load_paths(paths)
    return [(d.hostname, line) for d in capture.devices for e in d.entries
            if e.command.removeprefix("failover exec mate ") == command
            for line in e.output.split("\n")]


def test_standby_ip_missing_changes_every_output_that_shows_it(tmp_path: Path) -> None:
    out = tmp_path / "injected.ncap"
    assert inject_cli(SHOW_TECH, "failover.standby-ip-missing", out, "--interface",
                      "outside") == 0
    outside = [line for _d, line in _lines([out], "show failover") if "Interface outside" in line]
    # the standby unit (Primary here: the Secondary is active) has no address, both Waiting
    assert outside == ["                  Interface outside (203.0.113.130): Normal (Waiting)",
                       "                  Interface outside (0.0.0.0): Normal (Waiting)"]
    config = [line for _d, line in _lines([out], "show running-config")
              if "ip address 203.0.113.131" in line]
    assert config == [" ip address 203.0.113.131 255.255.255.192"]
    # the other interface is untouched
    assert "Interface inside (10.1.0.2): Normal (Monitored)" in "\n".join(
        line for _d, line in _lines([out], "show failover"))


def test_standby_ip_missing_on_both_units_and_monitor_interface(tmp_path: Path) -> None:
    out = tmp_path / "injected.ncap"
    assert inject_cli(ASA_PAIR, "failover.standby-ip-missing", out) == 0
    for command in ("show failover", "show monitor-interface"):
        dmz = [(d, line.strip()) for d, line in _lines([out], command) if "Interface dmz" in line]
        assert dmz, command
        assert all(line.endswith("Normal (Waiting)") for _d, line in dmz)
        assert {line for _d, line in dmz if "0.0.0.0" in line} == {
            "Interface dmz (0.0.0.0): Normal (Waiting)"}
    seen_by = {d for d, line in _lines([out], "show failover") if "(0.0.0.0)" in line}
    assert seen_by == {"hq-fw/pri", "hq-fw/sec"}  # the active's view and the standby's own


def test_version_mismatch_agrees_in_show_failover_and_show_version(tmp_path: Path) -> None:
    out = tmp_path / "injected.ncap"
    assert inject_cli(ASA_PAIR, "failover.version-mismatch", out) == 0
    versions = {d: line.strip() for d, line in _lines([out], "show failover")
                if line.startswith("Version:")}
    assert versions == {"hq-fw/pri": "Version: Ours 9.16(4), Mate 9.16(3)",
                        "hq-fw/sec": "Version: Ours 9.16(3), Mate 9.16(4)"}
    capture = load_paths([out])
    primary = next(d for d in capture.devices if d.hostname == "hq-fw/pri")
    mate_version = primary.find("failover exec mate show version").output
    assert "Software Version 9.16(3)" in mate_version
    assert 'disk0:/asa9-16-3-smp-k8.bin' in mate_version
    assert "Software Version 9.16(4)" in primary.find("show version").output  # its own: as was


def test_if_failed_keeps_the_unit_up_by_raising_the_policy(tmp_path: Path) -> None:
    out = tmp_path / "injected.ncap"
    assert inject_cli(ASA_PAIR, "failover.if-failed", out) == 0
    lines = [line.strip() for _d, line in _lines([out], "show failover")]
    assert lines.count("Interface Policy 2") == 2
    assert lines.count("Interface dmz (172.16.20.2): Failed (Monitored)") == 2
    assert "Other host: Secondary - Standby Ready" in lines  # the unit itself stays up
    config = [line for _d, line in _lines([out], "show running-config failover")]
    assert "failover interface-policy 2" in config
    ids = {fid for _d, fid, _s in reported([out])}
    assert "failover.mate-failed" not in ids


def test_mate_failed_marks_the_standby_failed_in_both_views(tmp_path: Path) -> None:
    out = tmp_path / "injected.ncap"
    assert inject_cli(ASA_PAIR, "failover.mate-failed", out) == 0
    lines = [line.strip() for _d, line in _lines([out], "show failover")]
    # both units' views: the primary's `Other host`, the secondary's `This host`
    assert lines.count("Other host: Secondary - Failed") + lines.count(
        "This host: Secondary - Failed") == 2
    assert lines.count("Interface dmz (172.16.20.2): Failed (Monitored)") == 2
    assert "Interface Policy 1" in lines  # as recorded: one failed interface fails the unit
    assert "This host: Primary - Active" in lines
    ids = {fid for _d, fid, _s in reported([out])}
    assert "failover.if-failed" not in ids  # a Failed unit is the fault, not its interface


def test_mate_failed_fails_as_many_interfaces_as_the_policy_counts(tmp_path: Path) -> None:
    policy2 = tmp_path / "policy2.log"
    policy2.write_text(ASA_PAIR.read_text().replace("Interface Policy 1", "Interface Policy 2"))
    out = tmp_path / "injected.ncap"
    assert inject_cli(policy2, "failover.mate-failed", out) == 0
    failed = {line.strip() for _d, line in _lines([out], "show failover")
              if line.strip().startswith("Interface ") and "Failed" in line}
    assert len(failed) == 2
    assert reported([out])[0][1] == "failover.mate-failed"


def test_mate_failed_with_a_percentage_policy_is_one_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    percent = tmp_path / "percent.log"
    percent.write_text(ASA_PAIR.read_text().replace("Interface Policy 1", "Interface Policy 50%"))
    assert inject_cli(percent, "failover.mate-failed", tmp_path / "out.ncap") == 2
    err = capsys.readouterr().err.strip()
    assert "50%" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out.ncap").exists()


def test_encaps_no_decaps_changes_one_sa_only(tmp_path: Path) -> None:
    out = tmp_path / "injected.ncap"
    assert inject_cli(IOS_MAP, "crypto.encaps-no-decaps", out) == 0
    text = "\n".join(line for _d, line in _lines([out], "show crypto ipsec sa"))
    assert "#pkts encaps: 48211, #pkts encrypt: 48211, #pkts digest: 48211" in text
    assert "#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0" in text
    assert "#pkts decaps: 1019, #pkts decrypt: 1019, #pkts verify: 1019" in text  # the other SA


def test_scenario_folder_is_a_valid_scenario(tmp_path: Path) -> None:
    folder = tmp_path / "injected-version-mismatch"
    assert main(["scenario", "inject", str(ASA_PAIR), "--fault", "failover.version-mismatch",
                 "--scenario", str(folder), "--level", "beginner"]) == 0
    scenario = load_scenario(folder)
    assert scenario.faults == ("failover.version-mismatch",)
    assert scenario.level == "beginner"
    assert "version" not in scenario.story.lower()  # the story does not give the answer away
    assert "failover.version-mismatch" in {fid for _d, fid, _s in
                                           reported(scenario.capture_paths)}


def _fails(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    return err


def test_unknown_fault_lists_the_injectable_ids(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails(["scenario", "inject", str(ASA_PAIR), "--fault", "failover.nope", "-o",
                  str(tmp_path / "x")], capsys)
    assert "'failover.nope' cannot be injected" in err
    assert all(fault in err for fault in CASES)
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(("clean", "fault", "said"), [
    (IOS_MAP, "failover.version-mismatch", "applies to asa, ftd, pix, and this capture holds "
                                           "cisco_ios"),
    (PIX_PAIR, "failover.standby-ip-missing", "applies to asa, ftd"),
    (STATELESS, "failover.state-link-down", "no stateful failover link"),
    (TERMINAL, "failover.state-link-down", "shares the LAN failover link"),
    (PIX_PAIR, "failover.version-mismatch", "no `Version: Ours"),
    (ASA_PAIR, "crypto.encaps-no-decaps", "no `show crypto ipsec sa` was captured"),
    (FO / "healthy-aa-pair.log", "failover.if-failed", "Active/Active"),
    (FO / "not-configured.log", "failover.if-failed", "failover is off"),
    # captured on the standby unit only: the checks read the mate's 0.0.0.0 on the active
    (FO / "history-config-cmd.log", "failover.standby-ip-missing", "only the standby unit's"),
])
def test_what_cannot_be_injected_is_one_sentence_and_exit_2(
        clean: Path, fault: str, said: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.ncap"
    err = _fails(["scenario", "inject", str(clean), "--fault", fault, "-o", str(out)], capsys)
    assert said in err and str(clean) in err
    assert not out.exists()


def test_unknown_interface_names_those_there_are(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails(["scenario", "inject", str(ASA_PAIR), "--fault", "failover.if-failed",
                  "--interface", "guest", "-o", str(tmp_path / "x")], capsys)
    assert re.search(r"no interface 'guest'.*outside, inside, dmz", err)


def test_not_a_capture_and_no_output_are_refused(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\n")
    assert "is not a capture" in _fails(["scenario", "inject", str(junk), "--fault",
                                         "failover.if-failed", "-o", str(tmp_path / "x")], capsys)
    assert "give -o OUT" in _fails(["scenario", "inject", str(ASA_PAIR), "--fault",
                                    "failover.if-failed"], capsys)


def test_the_injected_capture_is_redacted(tmp_path: Path) -> None:
    out = tmp_path / "injected.ncap"
    assert inject_cli(IOS_MAP, "crypto.recv-errors", out) == 0
    assert "FJZQbZNHRcVcXDRbGcUJbEjTLAAB" in IOS_MAP.read_text(encoding="utf-8")
    text = out.read_text(encoding="utf-8")
    assert "FJZQbZNHRcVcXDRbGcUJbEjTLAAB" not in text
    assert "crypto isakmp key 6 <psk-1> address 198.51.100.2" in text


def test_crc_errors_agree_in_show_interfaces_and_counters_errors(tmp_path: Path) -> None:
    out = tmp_path / "injected.ncap"
    assert inject_cli(IFACES / "healthy-switch.log", "iface.input-errors-crc", out) == 0
    block = "\n".join(line for _d, line in _lines([out], "show interfaces"))
    assert "24105 input errors, 24105 CRC, 0 frame" in block
    rows = [line for _d, line in _lines([out], "show interfaces counters errors")
            if line.startswith("Gi0/1 ")]
    # FCS-Err and Rcv-Err in the first table; the collision table's row is untouched
    assert rows == ["Gi0/1               0       24105           0       24105          0"
                    "            0",
                    "Gi0/1              0          0          0           0          0"
                    "          0          0"]
