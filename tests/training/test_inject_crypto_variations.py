"""Crypto injection on IOS-XE VPN routers it has never seen: hypothesis writes `show crypto
isakmp sa` and `show crypto ipsec sa` of one to four healthy tunnels varying in peers, proxy
networks, counters and NAT-T. Each crypto fault is planted and checked by an independent
analysis; encaps without decaps is refused when every SA runs NAT-T (there it would be
crypto.nat-t-blocked), in one sentence that says so.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netriage.analysis import analyze_capture
from netriage.capture import Capture, load_paths
from netriage.engine.findings import severity_rank
from netriage.training.inject import InjectError, inject

EXAMPLES = int(os.environ.get("NETRIAGE_INJECT_EXAMPLES", "8"))
FAULTS = ["crypto.encaps-no-decaps", "crypto.decaps-no-encaps", "crypto.recv-errors"]


@st.composite
def routers(draw: st.DrawFn) -> dict:
    count = draw(st.integers(1, 4))
    return {
        "host": draw(st.from_regex(r"[a-z][a-z0-9]{2,7}-rtr", fullmatch=True)),
        "tunnels": [{"encaps": draw(st.integers(50, 10**7)),
                     "decaps": draw(st.integers(50, 10**7)),
                     "nat_t": draw(st.booleans())} for _ in range(count)],
    }


def _sa(n: int, tunnel: dict) -> list[str]:
    peer = f"203.0.113.{10 + n}"
    port = 4500 if tunnel["nat_t"] else 500
    settings_ = "Tunnel UDP-Encaps, " if tunnel["nat_t"] else "Tunnel, "
    return ["", "   protected vrf: (none)",
            f"   local  ident (addr/mask/prot/port): (10.1.{n}.0/255.255.255.0/0/0)",
            f"   remote ident (addr/mask/prot/port): (10.{100 + n}.0.0/255.255.0.0/0/0)",
            f"   current_peer {peer} port {port}",
            "     PERMIT, flags={origin_is_acl,}",
            f"    #pkts encaps: {tunnel['encaps']}, #pkts encrypt: {tunnel['encaps']}, "
            f"#pkts digest: {tunnel['encaps']}",
            f"    #pkts decaps: {tunnel['decaps']}, #pkts decrypt: {tunnel['decaps']}, "
            f"#pkts verify: {tunnel['decaps']}",
            "    #pkts compressed: 0, #pkts decompressed: 0",
            "    #pkts not compressed: 0, #pkts compr. failed: 0",
            "    #pkts not decompressed: 0, #pkts decompress failed: 0",
            "    #send errors 0, #recv errors 0", "",
            f"     local crypto endpt.: 198.51.100.1, remote crypto endpt.: {peer}",
            "     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb "
            "GigabitEthernet0/0/0",
            f"     current outbound spi: 0x5D1E2A{30 + n}(15622579{70 + n})",
            "     PFS (Y/N): N, DH group: none", "", "     inbound esp sas:",
            f"      spi: 0x9A0B1C{20 + n}(25844193{70 + n})",
            "        transform: esp-256-aes esp-sha256-hmac ,",
            f"        in use settings ={{{settings_}}}",
            "        Status: ACTIVE(ACTIVE)", "", "     outbound esp sas:",
            f"      spi: 0x5D1E2A{30 + n}(15622579{70 + n})",
            "        transform: esp-256-aes esp-sha256-hmac ,",
            f"        in use settings ={{{settings_}}}",
            "        Status: ACTIVE(ACTIVE)"]


def _log(router: dict) -> str:
    prompt = f"{router['host']}#"
    lines = [f"{prompt}show version", "Cisco IOS XE Software, Version 17.06.05",
             f"{router['host']} uptime is 3 weeks, 2 days, 1 hour, 12 minutes",
             "cisco ISR4331/K9 (1RU) processor with 1795999K/6147K bytes of memory.",
             f"{prompt}show crypto isakmp sa", "IPv4 Crypto ISAKMP SA",
             "dst             src             state          conn-id status"]
    lines += [f"198.51.100.1    203.0.113.{10 + n:<3}    QM_IDLE           {1007 + n} ACTIVE"
              for n in range(len(router["tunnels"]))]
    lines += ["", "IPv6 Crypto ISAKMP SA", "", f"{prompt}show crypto ipsec sa", "",
              "interface: GigabitEthernet0/0/0",
              "    Crypto map tag: WAN-MAP, local addr 198.51.100.1"]
    for n, tunnel in enumerate(router["tunnels"]):
        lines += _sa(n, tunnel)
    return "\n".join([*lines, prompt]) + "\n"


def _above_low(capture: Capture) -> set[tuple[str, str]]:
    analysis = analyze_capture(capture)
    return {(f.device, f.id) for f in analysis.findings
            if severity_rank(f.severity) > severity_rank("low")}


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(router=routers())
def test_every_crypto_fault_on_routers_never_seen(
        router: dict, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("router") / "router.log"
    path.write_text(_log(router), encoding="utf-8")
    clean = load_paths([path])
    assert _above_low(clean) == set()
    for fault in FAULTS:
        all_nat_t = all(t["nat_t"] for t in router["tunnels"])
        try:
            result = inject(clean, fault)
        except InjectError as exc:
            assert fault == "crypto.encaps-no-decaps" and all_nat_t, f"{fault}: {exc}"
            assert "crypto.nat-t-blocked" in str(exc)
            continue
        assert not (fault == "crypto.encaps-no-decaps" and all_nat_t)
        assert {fid for _device, fid in _above_low(result.capture)} == {fault}
