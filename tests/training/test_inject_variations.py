"""Injection on healthy ASA pairs it has never seen: hypothesis writes terminal logs of pairs
that vary in host name, release, interface names and count, addresses, which unit is active,
state link (dedicated, shared with the LAN link, none), and which outputs were captured. Every
failover fault is planted where the pair allows it and checked by an independent analysis; where
it does not (no dedicated state link), the refusal names what is missing.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netriage.analysis import analyze_capture
from netriage.capture import Capture, load_paths
from netriage.engine.findings import severity_rank
from netriage.training.inject import InjectError, inject

RELEASES = ["9.8(4)", "9.12(4)56", "9.14(3)", "9.16(4)", "9.18(3)56", "9.20(2)21"]
NAMES = ["outside", "inside", "dmz", "guest", "voice", "servers", "wifi"]
FAILOVER_FAULTS = ["failover.standby-ip-missing", "failover.version-mismatch",
                   "failover.if-failed", "failover.state-link-down", "failover.state-xerr",
                   "failover.mate-failed"]
EXAMPLES = int(os.environ.get("NETRIAGE_INJECT_EXAMPLES", "8"))


@st.composite
def pairs(draw: st.DrawFn) -> dict:
    return {
        "host": draw(st.from_regex(r"[a-z][a-z0-9]{2,7}-fw", fullmatch=True)),
        "release": draw(st.sampled_from(RELEASES)),
        "names": draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=5, unique=True)),
        "net": draw(st.integers(1, 200)),
        "active": draw(st.sampled_from(["Primary", "Secondary"])),
        "state": draw(st.sampled_from(["dedicated", "shared", "none"])),
        "view": draw(st.sampled_from(["active", "both", "standby"])),  # units captured
        "config": draw(st.booleans()),
    }


def _show_failover(p: dict, me: str) -> list[str]:
    other = "Secondary" if me == "Primary" else "Primary"
    release = p["release"]

    def unit(role: str, which: str) -> list[str]:
        active = role == p["active"]
        lines = [f"        {which} host: {role} - {'Active' if active else 'Standby Ready'}",
                 f"                Active time: {4687222 if active else 0} (sec)",
                 f"                slot 0: ASA5525 hw/sw rev (1.0/{release}) status (Up Sys)"]
        for n, name in enumerate(p["names"]):
            address = f"10.{p['net']}.{n}.{1 if active else 2}"
            lines.append(f"                  Interface {name} ({address}): Normal (Monitored)")
        return lines

    lines = ["Failover On", f"Failover unit {me}",
             "Failover LAN Interface: folink GigabitEthernet0/7 (up)",
             "Reconnect timeout 0:00:00", "Unit Poll frequency 1 seconds, holdtime 15 seconds",
             "Interface Poll frequency 5 seconds, holdtime 25 seconds", "Interface Policy 1",
             f"Monitored Interfaces {len(p['names'])} of 216 maximum",
             "MAC Address Move Notification Interval not set",
             f"Version: Ours {release}, Mate {release}",
             "Serial Number: Ours " + ("FCH2011X0AA, Mate FCH2011X0AB" if me == "Primary"
                                       else "FCH2011X0AB, Mate FCH2011X0AA"),
             "Last Failover at: 03:14:22 UTC Oct 2 2026",
             *unit(me, "This"), *unit(other, "Other"), "",
             "Stateful Failover Logical Update Statistics"]
    if p["state"] == "none":
        return [*lines, "        Link : Unconfigured."]
    link = "statelink GigabitEthernet0/6" if p["state"] == "dedicated" \
        else "folink GigabitEthernet0/7"
    return [*lines, f"        Link : {link} (up)",
            "        Stateful Obj    xmit       xerr       rcv        rerr",
            "        General         2885631    0          281477     0",
            "        sys cmd         281477     0          281477     0",
            "        TCP conn        2107854    0          0          0",
            "        UDP conn        496097     0          0          0", "",
            "        Logical Update Queue Information",
            "                        Cur     Max     Total",
            "        Recv Q:         0       21      1650723",
            "        Xmit Q:         0       35      163946071"]


def _log(p: dict) -> str:
    standby = "Secondary" if p["active"] == "Primary" else "Primary"
    units = {"active": [p["active"]], "both": [p["active"], standby],
             "standby": [standby]}[p["view"]]
    out: list[str] = []
    for me in units:
        prompt = f"{p['host']}/{me[:3].lower()}/{'act' if me == p['active'] else 'stby'}#"
        out += [f"{prompt} show version",
                f"Cisco Adaptive Security Appliance Software Version {p['release']}",
                f'System image file is "disk0:/asa{"-".join(re.findall(r"[0-9]+", p["release"]))}'
                '-smp-k8.bin"',
                "", f"{p['host']} up 41 days 3 hours", "",
                "Hardware:   ASA5525, 8192 MB RAM, CPU Lynnfield 2393 MHz, 1 CPU (4 cores)", "",
                f"{prompt} show failover", *_show_failover(p, me)]
        if p["config"]:
            out.append(f"{prompt} show running-config interface")
            for n, name in enumerate(p["names"]):
                out += [f"interface GigabitEthernet0/{n}", f" nameif {name}",
                        f" security-level {0 if name == 'outside' else 50}",
                        f" ip address 10.{p['net']}.{n}.1 255.255.255.0 standby "
                        f"10.{p['net']}.{n}.2", "!"]
    return "\n".join([*out, f"{prompt} "]) + "\n"


def _reported(capture: Capture) -> list[tuple[str, str, str]]:
    analysis = analyze_capture(capture)
    found = [(f.device, f.id, f.severity) for f in analysis.findings]
    for pair in getattr(analysis, "pairs", []):
        found += [(" + ".join(pair.devices), fid, pair.severity) for fid in pair.findings]
    return found


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pair=pairs())
def test_every_failover_fault_on_pairs_never_seen(
        pair: dict, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("pair") / "pair.log"
    path.write_text(_log(pair), encoding="utf-8")
    clean = load_paths([path])
    before = _reported(clean)
    assert all(severity_rank(s) <= severity_rank("low") for _d, _f, s in before), before
    for fault in FAILOVER_FAULTS:
        standby_only = pair["view"] == "standby"
        refusal = {"failover.state-link-down": pair["state"] != "dedicated",
                   "failover.state-xerr": pair["state"] == "none" or standby_only,
                   "failover.standby-ip-missing": standby_only}.get(fault, False)
        try:
            result = inject(clean, fault)
        except InjectError as exc:
            assert refusal, f"{fault}: {exc}"
            said = {"failover.standby-ip-missing": "only the standby unit's"}.get(
                fault, "stateful" if pair["state"] != "shared" or standby_only
                else "LAN failover link")
            assert said in str(exc), (fault, str(exc))
            continue
        assert not refusal, f"{fault} was injected into a pair that cannot carry it"
        after = _reported(result.capture)
        assert max(after, key=lambda x: severity_rank(x[2]))[1] == fault, after
        new = {fid for _d, fid, s in after if severity_rank(s) > severity_rank("low")}
        assert new == {fault}, (fault, after)
        # the clean capture given to inject is never changed
        assert _reported(clean) == before
