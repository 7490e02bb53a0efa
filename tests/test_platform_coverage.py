"""For every finding and every platform tag it carries, a recording of that platform raises it,
and its rendered fix is filled from the capture (issue 11, Tests).

The pairs (finding id, platform tag) come from `checks/catalog.tsv`. A finding about the switch
next to a firewall (`failover.switch-*`) is raised on the firewall's capture but its fix is
typed on the switch: it counts for the tag of the CLI its lines are for, `ios`.

Pairs no recording raises yet are listed in `tests/platform_gaps.tsv` with what is missing:
the list may only shrink. A pair that gets a recording must leave it (the test says so), and
a new catalog tag without a recording fails until it has one or is listed there. A finding
that cannot occur on a platform loses the tag in the catalog (with the reason in its note),
never a fake recording.

Each fix rendered on such a recording is walked through the platform's vocabulary
(`tests.test_rendered_fixes.fix_problems`), and holds no placeholder for a value its capture
gives (the physical interface, address and mask of a nameif; the failover link's name, port
and addresses; the map and sequence of a peer the configuration names).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from netriage.engine.findings import Finding
from netriage.engine.lint import load_catalog
from netriage.platforms import get_platform
from tests.recordings_index import analysis_of, list_recordings
from tests.test_rendered_fixes import fix_problems

GAPS = Path(__file__).with_name("platform_gaps.tsv")
_CONFIG_COMMANDS = ("show running-config", "write terminal", "more system:running-config",
                    "show startup-config")


def _gaps() -> dict[tuple[str, str], str]:
    rows = (line.split("\t") for line in GAPS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    return {(row[0], row[1]): row[2] if len(row) > 2 else "" for row in rows}


def wanted_pairs() -> set[tuple[str, str]]:
    return {(entry.id, tag) for entry in load_catalog().values() for tag in entry.platforms}


def fix_tag(finding: Finding, device_tag: str) -> str:
    """The tag a raised finding counts for: the switch's (ios) for a finding the catalog gives
    to the switch alone, raised on a firewall, whose every block is typed on the switch; else
    the device's (a firewall finding whose fix happens to be on the switch stays the
    firewall's)."""
    entry = load_catalog().get(finding.id)
    if (entry is not None and entry.platforms == ("ios",) and finding.fix
            and all(f.device == "switch" for f in finding.fix)):
        return "ios"
    return device_tag


@cache
def raised() -> dict[tuple[str, str], tuple[tuple[Path, Finding, str, str], ...]]:
    """{(finding id, tag): ((recording, finding, device tag, version), ...)}."""
    out: dict[tuple[str, str], list[tuple[Path, Finding, str, str]]] = {}
    for path in list_recordings():
        analysis = analysis_of(path)
        devices = {item.device.hostname: item.device for item in analysis.devices}
        for finding in analysis.findings:
            device = devices.get(finding.device)
            if device is None or not device.platform:
                continue
            tag = get_platform(device.platform).tag
            out.setdefault((finding.id, fix_tag(finding, tag)), []).append(
                (path, finding, tag, device.version))
    return {key: tuple(value) for key, value in out.items()}


def test_every_finding_and_platform_has_a_recording_or_a_listed_gap():
    gaps, covered = _gaps(), set(raised())
    missing = wanted_pairs() - covered
    unlisted = sorted(missing - set(gaps))
    closed = sorted(set(gaps) & covered)
    stale = sorted(set(gaps) - wanted_pairs())
    assert unlisted == [], f"{len(unlisted)} (finding, tag) pair(s) with no recording: {unlisted}"
    assert closed == [], f"recorded now, remove from {GAPS.name}: {closed}"
    assert stale == [], f"not in the catalog any more, remove from {GAPS.name}: {stale}"


def test_findings_fire_only_on_the_platforms_the_catalog_gives_them():
    catalog = load_catalog()
    outside = sorted((finding_id, tag, items[0][0].name)
                     for (finding_id, tag), items in raised().items()
                     if finding_id in catalog and tag not in catalog[finding_id].platforms)
    assert outside == []


def _config_text(path: Path, hostname: str) -> str:
    analysis = analysis_of(path)
    for item in analysis.devices:
        if item.device.hostname == hostname:
            return "\n".join(e.output for e in item.device.entries
                             if e.command.startswith(_CONFIG_COMMANDS))
    return ""


def _nameif_blocks(config: str) -> dict[str, str]:
    """{nameif: its `interface` block} from an ASA/PIX 7+ configuration."""
    blocks = re.split(r"(?m)^(?=interface )", config)
    return {m.group(1): block for block in blocks
            if (m := re.search(r"(?m)^ nameif (\S+)", block))}


def fillable_placeholders(finding: Finding, config: str) -> Iterator[str]:
    """Placeholders in the rendered fix for which the capture's configuration holds a value."""
    lines = [line for fix in finding.fix
             for line in fix.commands + fix.rollback + fix.verify + fix.manager]
    named = _nameif_blocks(config)
    text = finding.title + " " + finding.explanation
    for line in lines:
        for match in re.finditer(r"<(physical-interface|address|mask)-of-([\w.-]+)>", line):
            block = named.get(match.group(2))
            if block and (match.group(1) == "physical-interface"
                          or re.search(r"(?m)^ ip address \d", block)):
                yield f"{match.group(0)} in {line!r}"
        if re.search(r"<fo-(name|physical-port)>", line) and re.search(
                r"(?m)^failover lan interface \S+ \S+", config):
            yield f"failover link in {line!r}"
        if re.search(r"<fo-(ip|mask|mate-ip)>", line) and re.search(
                r"(?m)^failover interface ip \S+ \S+ \S+ standby \S+", config):
            yield f"failover addresses in {line!r}"
        if re.search(r"<map>|<seq>", line):
            for peer in re.findall(r"^crypto map \S+ \d+ set peer (.+)$", config, re.M):
                if any(address in text for address in peer.split()):
                    yield f"map/sequence of peer {peer} in {line!r}"


def _cases() -> list[tuple[str, str]]:
    return sorted(wanted_pairs())


@pytest.mark.parametrize(("finding_id", "tag"), _cases(), ids=lambda v: v)
def test_each_recorded_pair_renders_a_fix_the_platform_accepts_filled_from_the_capture(
        finding_id, tag):
    items = raised().get((finding_id, tag))
    if not items:
        assert (finding_id, tag) in _gaps()
        return  # listed gap: the first test keeps the list honest
    problems = []
    for path, finding, device_tag, version in items:
        for fix in finding.fix:
            problems += [f"{path.name}: {p}" for p in fix_problems(fix, device_tag, version)]
        config = _config_text(path, finding.device)
        problems += [f"{path.name}: {p}" for p in fillable_placeholders(finding, config)]
    assert problems == []


def test_the_placeholder_check_sees_a_value_the_configuration_gives():
    from netriage.engine.findings import Fix

    config = ("interface GigabitEthernet0/2\n nameif dmz\n security-level 50\n"
              " ip address 172.16.1.1 255.255.255.0\n!\n"
              "failover lan interface FOLINK GigabitEthernet0/3\n"
              "failover interface ip FOLINK 10.0.0.1 255.255.255.252 standby 10.0.0.2\n"
              "crypto map VPN 10 set peer 192.0.2.9\n")
    fix = Fix("asa", commands=["interface <physical-interface-of-dmz>",
                               " ip address <address-of-dmz> <mask-of-dmz> standby 172.16.1.2",
                               "failover lan interface <fo-name> <fo-physical-port>",
                               "failover interface ip FOLINK <fo-ip> <fo-mask> standby x",
                               "crypto map <map> <seq> set pfs group14"])
    finding = Finding("x.y", "medium", "t", "fw", "tunnel to 192.0.2.9", fix=[fix])
    found = list(fillable_placeholders(finding, config))
    assert len(found) == 6, found
    # a value the configuration does not hold stays a placeholder without complaint
    assert list(fillable_placeholders(finding, "interface GigabitEthernet0/2\n no nameif\n")) == []
