"""What would decide more offers a Catalyst switch's commands (`show interfaces status`,
`show vlan` ...) to switches only: a router is never told them, nor an IOS device whose
`show version` was not captured — through the real CLI on real router and switch recordings."""

from __future__ import annotations

import json

import pytest

from netriage.capture import Device, Entry
from netriage.cli import main
from netriage.report.undecided import ios_kind, switch_only
from tests.conftest import RECORDINGS

ROUTERS_SWITCHES = RECORDINGS / "realistic" / "routers-switches"
ROUTER = ROUTERS_SWITCHES / "isr4331-branch-vpn-rtr-session.log"  # cisco ISR4331/K9
SWITCH = ROUTERS_SWITCHES / "c6509e-core-sup720-session.log"  # cisco WS-C6509-E


def report(capsys, path) -> dict:
    main(["analyze", str(path), "--format", "json"])
    return json.loads(capsys.readouterr().out)


def offered(data: dict) -> list[str]:
    return [u["capture"] for u in data["undecided"] if u["capture"]]


def test_a_router_is_never_told_a_switch_command(capsys):
    data = report(capsys, ROUTER)
    assert [d["platform"] for d in data["devices"]] == ["cisco_xe"]
    # the trees do ask for `show interfaces status err-disabled` on IOS...
    asked = [c for u in data["undecided"] for c in u["commands"]]
    assert any(switch_only(c) for c in asked)
    # ...but the ISR4331 is offered a command it has instead
    assert offered(data) and not [c for c in offered(data) if switch_only(c)]
    main(["analyze", str(ROUTER)])
    text = capsys.readouterr().out
    assert "show interfaces status" not in text.split("What would decide more:")[1]


def test_a_switch_is_told_its_switch_commands(capsys):
    data = report(capsys, SWITCH)
    assert "show interfaces status" in offered(data)
    assert "show interfaces status err-disabled" in offered(data)


def test_an_ios_device_of_unknown_model_is_not_told_them(capsys, tmp_path):
    lines = SWITCH.read_text().splitlines(keepends=True)
    start = lines.index("core-6509-a#show version\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("core-6509-a#"))
    capture = tmp_path / "core-no-version.log"
    capture.write_text("".join(lines[:start] + lines[end:]))
    data = report(capsys, capture)
    assert [d["platform"] for d in data["devices"]] == ["cisco_ios"]
    assert offered(data) and not [c for c in offered(data) if switch_only(c)]
    # with show version, the same device is a switch again (what changed is only the model)
    assert [c for c in offered(report(capsys, SWITCH)) if switch_only(c)]


def _device(version_text: str) -> Device:
    device = Device("r1", platform="cisco_ios")
    device.entries.append(Entry("show version", version_text))
    return device


@pytest.mark.parametrize(("line", "kind"), [
    ("cisco ISR4331/K9 (1RU) processor with 1795999K/6147K bytes of memory.", "router"),
    ("cisco CISCO2911/K9 (revision 1.0) with 479232K/45056K bytes of memory.", "router"),
    ("cisco C1111-8P (1RU) processor with 1453955K/6147K bytes of memory.", "router"),
    ("cisco C8300-1N1S-4T2X (1RU) processor with 3763047K/6147K bytes of memory.", "router"),
    ("cisco CSR1000V (VXE) processor (revision VXE) with 2071829K/3075K bytes of memory.",
     "router"),
    ("cisco WS-C2960X-24PD-L (APM86XXX) processor (revision D0) with 524288K bytes", "switch"),
    ("cisco WS-C3750X-48P (PowerPC405) processor (revision A0) with 262144K bytes", "switch"),
    ("cisco C9300-24P (X86) processor with 1419044K/6147K bytes of memory.", "switch"),
    ("Cisco IOS Software, Catalyst L3 Switch Software (CAT3K_CAA-UNIVERSALK9-M)", "switch"),
    ("Cisco IOS Software, IOS-XE Software", ""),
])
def test_the_model_tells_a_switch_from_a_router(line, kind):
    assert ios_kind(_device(f"{line}\n")) == kind
    assert ios_kind(Device("r1", platform="cisco_ios")) == ""  # no show version: unknown
