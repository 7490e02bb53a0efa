"""Crypto facts: configuration parsing, SA tables, messages, and what is unknown stays unknown."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netriage.analysis import analyze_capture, analyze_paths
from netriage.capture.model import Capture, Device, Entry
from netriage.engine.expr import Unknown
from netriage.facts import DeviceFacts
from netriage.facts.crypto.config import CryptoConfig
from netriage.facts.crypto.config_asa import _parse_asa, _resolve_acl_objects
from netriage.facts.crypto.config_ios import _parse_ios
from netriage.facts.crypto.config_sources import _merge, blocks
from netriage.facts.crypto.log import log_events
from netriage.facts.crypto.route_nat import nat_translates, routes_to
from netriage.facts.crypto.sa import STAGES
from tests.conftest import FIXTURES, ROOT
from tests.crypto.kit import Scenario, asa_config, asa_peers, build, ios_config, ios_peers, peer

CRYPTO = FIXTURES / "crypto"


def asa(text: str) -> CryptoConfig:
    config = CryptoConfig("cisco_asa", covered={"all"})
    _parse_asa(config, blocks(text))
    _resolve_acl_objects(config)
    return config


def ios(text: str) -> CryptoConfig:
    config = CryptoConfig("cisco_ios", covered={"all"})
    _parse_ios(config, blocks(text))
    return config


def crypto_fact(path):
    analysis = analyze_paths([path])
    facts = analysis.devices[0].facts
    return facts.resolve("crypto")[0], analysis


# -- configuration --------------------------------------------------------------------------
def test_asa_config_model():
    config = asa(asa_config(asa_peers()))
    [crypto_map] = config.maps
    assert crypto_map.interfaces == ["outside"]
    first, second = crypto_map.entries
    assert (first.peer, first.acl, first.transform_sets, first.ike_versions) == (
        "203.0.113.2", "VPN-BRANCH-A", ["TS-AES256-SHA"], {"ikev1"})
    assert (second.pfs, second.ikev2_proposals) == ("group14", ["PROP-AES256"])
    assert config.ike_enabled == {"outside": {"ikev1", "ikev2"}}
    assert config.am_disabled and config.sysopt_permit_vpn and config.nat_traversal
    group = config.tunnel_group("192.0.2.45")
    assert (group.type, group.ikev2_local_psk, group.ikev1_psk) == ("ipsec-l2l", "*****", "")
    assert [p.weak for p in config.policies] == [[], []]
    assert config.objects["LAN-VPN-BRANCH-A"] == "10.20.0.0/255.255.255.0"
    ace = config.acls["VPN-BRANCH-A"].permits[0]
    assert str(ace.destination_net) == "10.20.0.0/24"  # resolved through the object


def test_asa_nat_exemption_and_routes():
    config = asa(asa_config(asa_peers()))
    assert nat_translates(config, "10.1.0.0/24", "10.20.0.0/24") is False  # exempt
    assert nat_translates(config, "10.1.0.0/24", "192.0.2.0/24") is True  # PAT
    assert routes_to(config, "10.20.0.0") == "outside"
    assert routes_to(config, "10.1.0.7") == "inside"


def test_ios_config_model():
    config = ios(ios_config(ios_peers(ikev2=True)))
    [crypto_map] = config.maps
    assert crypto_map.interfaces == ["GigabitEthernet0/0"]
    assert [e.ikev2_profile for e in crypto_map.entries] == ["", "IKEV2-PROF"]
    assert config.keepalive and config.am_disabled
    assert [(k.address, k.version) for k in config.keys] == [
        ("192.0.2.77", "ikev2"), ("198.51.100.2", "ikev1")]
    assert config.keys[1].covers("198.51.100.2") and not config.keys[1].covers("198.51.100.3")
    assert config.transform_sets[0].transforms == ["esp-aes-256", "esp-sha256-hmac"]
    assert nat_translates(config, "10.20.0.0/24", "10.1.0.0/24") is False  # NAT-ACL deny
    assert nat_translates(config, "10.20.0.0/24", "8.8.8.0/24") is True
    assert routes_to(config, "10.1.0.0") == "GigabitEthernet0/0"  # by the default route


def test_ios_defaults_make_a_policy_weak():
    config = ios("crypto isakmp policy 30\n authentication pre-share\n")
    from netriage.facts.crypto.issues_hardening import weak_policies

    [issue] = weak_policies(config)
    assert issue.detail == "des (default), group 1 (default)"


def test_manual_session_keys_are_read():
    config = ios("crypto map M 10 ipsec-manual\n set peer 192.0.2.1\n"
                 " set session-key inbound esp 300 cipher 0 aabb authenticator 0 ccdd\n"
                 " set session-key outbound ah 301 eeff\n")
    entry = config.maps[0].entries[0]
    assert entry.manual
    assert [(k.direction, k.protocol, k.spi, k.cipher, k.authenticator)
            for k in entry.session_keys] == [("inbound", "esp", 300, "aabb", "ccdd"),
                                            ("outbound", "ah", 301, "", "eeff")]


def test_corpus_configs_parse(shared_dir):
    root = shared_dir / "corpus/ntc/cisco_asa"
    maps = asa((root / "show_running-config_crypto_map/"
                "cisco_asa_show_running-config_crypto_map2.raw").read_text())
    wan = next(m for m in maps.maps if m.name == "WAN1_CMAP")
    assert wan.interfaces == ["WAN1"]
    assert [e.seq for e in wan.entries] == [10, 20, 30, 40, 100, 65535]
    assert wan.entries[-1].kind == "dynamic"
    assert next(m for m in maps.maps if m.name == "S2S_CMAP").interfaces == []
    groups = asa((root / "show_running-config_tunnel-group/"
                  "cisco_asa_show_running-config_tunnel-group.raw").read_text())
    assert {g.name: g.type for g in groups.tunnel_groups} == {
        "tun01": "remote-access", "10.15.20.25": "ipsec-l2l", "10.20.30.40": "ipsec-l2l"}
    policies = asa((root / "show_running-config_crypto_ikev1/"
                    "cisco_asa_show_running-config_crypto_ikev1.raw").read_text())
    assert len(policies.policies) == 12 and policies.policies[1].weak == ["3des", "md5",
                                                                          "group 2"]
    sets = asa((root / "show_running-config_ipsec/cisco_asa_show_running-config_ipsec.raw"
                ).read_text())
    assert sets.transform_set("DES_MD5").weak == ["esp-des", "esp-md5-hmac"]
    assert sets.transform_set("IKE2").encryption[0] == "aes-gcm-256"


def test_merge_of_section_outputs_drops_repeats():
    from netriage.facts.crypto.config_sources import Source

    entry = Entry("show running-config crypto map", "")
    a = Source("a", frozenset({"crypto-map"}), "crypto map M 10 set peer 1.1.1.1\n", entry)
    b = Source("b", frozenset({"crypto-map"}), "crypto map M 10 set peer 1.1.1.1\n"
               "crypto map M interface outside\n", entry)
    assert len(_merge([a, b])) == 2


# -- SA tables and messages -----------------------------------------------------------------
def test_every_ikev1_state_has_a_meaning():
    for state in ("MM_WAIT_MSG2", "MM_WAIT_MSG3", "MM_WAIT_MSG4", "MM_WAIT_MSG5",
                  "MM_WAIT_MSG6", "AM_WAIT_MSG2", "MM_NO_STATE", "MM_SA_SETUP", "MM_KEY_EXCH",
                  "MM_KEY_AUTH", "QM_IDLE", "AG_NO_STATE", "AG_INIT_EXCH", "AG_AUTH"):
        assert len(STAGES[state]) > 20


def test_debug_lines_inherit_the_peer_of_their_negotiation():
    device = Device("r1", "cisco_ios", entries=[Entry("debug crypto isakmp", "\n".join([
        "ISAKMP (0): received packet from 198.51.100.2 dport 500 sport 500 Global (I) MM_NO_STATE",
        "ISAKMP:(0):atts are not acceptable. Next payload is 3"]))])
    [event] = log_events(device)
    assert (event.cause, event.peer) == ("proposal", "198.51.100.2")


def test_ios_isakmp_rows_know_which_side_is_the_peer():
    fact, _ = crypto_fact(CRYPTO / "ios-wrong-peer-address.log")
    sides = {(sa.peer, sa.role) for sa in fact.ike_sas}
    assert ("198.51.100.99", "responder") in sides


# -- one root cause, one finding --------------------------------------------------------------
def test_ike_not_enabled_explains_the_stuck_peers(tmp_path):
    peers = peer(asa_peers(), 0, state="MM_WAIT_MSG2", ipsec=False)
    config = asa_config(asa_peers()).replace("crypto ikev1 enable outside\n", "")
    path = tmp_path / "stuck.log"
    path.write_text(build(Scenario("stuck", "asa", peers, config)))
    analysis = analyze_paths([path])
    ids = [f.id for f in analysis.findings if f.id.startswith("crypto.")
           and f.severity != "info"]
    assert ids == ["crypto.ike-not-enabled"]  # not also crypto.ike-p1-no-response
    texts = [e.text for e in analysis.findings[0].evidence]
    assert "crypto map OUTSIDE-MAP interface outside" in texts
    assert "Rekey   : no              State   : MM_WAIT_MSG2" in texts
    assert not [u for u in analysis.undecided if u.tree == "crypto-q-ike-version"]


def test_map_not_applied_is_the_only_finding():
    analysis = analyze_paths([CRYPTO / "asa-map-not-applied.log"])
    assert [f.id for f in analysis.findings if f.id.startswith("crypto.")] == [
        "crypto.map-not-applied"]


def test_one_sa_among_hundreds_with_decaps_zero_is_found(tmp_path):
    from netriage.parsing.native.synth import asa_ipsec_sa

    text, written = asa_ipsec_sa(300, zero_decaps_at=211)
    path = tmp_path / "headend.log"
    path.write_text(f"vpn-fw# show crypto ipsec sa\n{text}vpn-fw# \n")
    analysis = analyze_paths([path], platform="cisco_asa")
    [finding] = [f for f in analysis.findings if f.id == "crypto.encaps-no-decaps"]
    assert written[211].peer in finding.title
    lines = path.read_text().splitlines()
    assert all(lines[e.line - 1].strip() == e.text for e in finding.evidence)
    assert f"current_peer: {written[211].peer}" in [e.text for e in finding.evidence]


# -- unknown is never healthy -----------------------------------------------------------------
def _device(*entries: Entry, platform: str = "cisco_asa") -> Capture:
    return Capture(devices=[Device("vpn-fw", platform, entries=list(entries))])


def _healthy_entries() -> list[Entry]:
    from netriage.capture import load_paths

    capture = load_paths([CRYPTO / "asa-healthy-l2l.log"])
    return list(capture.devices[0].entries)


def _with_foreign_ipsec_line(decaps: str) -> list[Entry]:
    entries = _healthy_entries()
    ipsec = next(e for e in entries if e.command == "show crypto ipsec sa")
    damaged = replace(ipsec, output=ipsec.output.replace(
        "#pkts decaps: 179410", f"#pkts decaps: {decaps}", 1)
        + "\n      #pkts brand new counter: 3")
    entries[entries.index(ipsec)] = damaged
    return entries


def test_partial_ipsec_output_concludes_from_what_it_read_and_says_so():
    analysis = analyze_capture(_device(*_with_foreign_ipsec_line("0")))
    [finding] = [f for f in analysis.findings if f.tree == "crypto-ipsec"]
    assert finding.id == "crypto.encaps-no-decaps"  # the SA with decaps 0 was read
    [partial] = finding.partial
    assert (partial.command, partial.count) == ("show crypto ipsec sa", 1)


def test_partial_ipsec_output_is_undecided_not_healthy():
    analysis = analyze_capture(_device(*_with_foreign_ipsec_line("179410")))
    assert not [f for f in analysis.findings if f.tree == "crypto-ipsec"]
    undecided = [u for u in analysis.undecided if u.tree == "crypto-ipsec"]
    assert undecided  # an SA on the line not understood could be one-way: not healthy
    assert all("partial `show crypto ipsec sa`" in u.reason for u in undecided)


def test_filtered_or_truncated_outputs_are_undecided():
    entries = _healthy_entries()
    ipsec = next(e for e in entries if e.command == "show crypto ipsec sa")
    for changed in (replace(ipsec, filter="| include peer"), replace(ipsec, truncated=True)):
        variant = list(entries)
        variant[variant.index(ipsec)] = changed
        analysis = analyze_capture(_device(*variant))
        [undecided] = [u for u in analysis.undecided if u.tree == "crypto-ipsec"]
        assert "filtered" in undecided.reason or "cut short" in undecided.reason


def test_without_config_the_config_checks_say_what_to_capture():
    entries = [e for e in _healthy_entries() if e.command != "show running-config"]
    analysis = analyze_capture(_device(*entries))
    [undecided] = [u for u in analysis.undecided if u.tree == "crypto-config"]
    assert undecided.commands == ["show running-config"]
    assert [f.id for f in analysis.findings if f.id.startswith("crypto.")] == [
        "crypto.p1-up-state-ok"]


def test_a_device_without_vpn_gets_no_crypto_noise():
    analysis = analyze_paths([FIXTURES / "failover" / "healthy-pair.log"])
    assert not [f for f in analysis.findings if f.id.startswith("crypto.")]
    assert not [u for u in analysis.undecided if u.tree.startswith("crypto")]


def test_a_list_whose_section_was_not_captured_is_unknown():
    from netriage.capture import load_paths

    capture = load_paths([CRYPTO / "asa-healthy-l2l.log"])
    device = capture.devices[0]
    run = next(e for e in device.entries if e.command == "show running-config")
    device.entries[device.entries.index(run)] = replace(
        run, command="show running-config crypto map",
        output="\n".join(line for line in run.output.splitlines()
                         if line.startswith("crypto map")))
    fact = DeviceFacts(device).resolve("crypto")[0]
    assert fact.map_not_applied == []  # the crypto map section tells
    assert isinstance(fact.tunnel_group_missing, Unknown)  # no tunnel-group section
    assert fact.tunnel_group_missing.commands == ("show running-config tunnel-group",)


@pytest.mark.parametrize("name", ["asa-healthy-l2l", "ios-healthy-crypto-map"])
def test_healthy_facts_have_no_issue(name):
    fact, _ = crypto_fact(CRYPTO / f"{name}.log")
    lists = {k: v for k, v in vars(fact).items() if isinstance(v, list) and k not in (
        "ike_sas", "ipsec_sas", "events", "p1_up")}
    assert {k: v for k, v in lists.items() if v} == {}
    assert len(fact.p1_up) == 2


def test_asa_ikev1_and_ikev2_tables_instead_of_isakmp(tmp_path):
    """`show crypto ikev1 sa` + `show crypto ikev2 sa` tell what `show crypto isakmp sa` does."""
    text = (CRYPTO / "asa-ikev2-in-neg.log").read_text()
    head, rest = text.split("vpn-fw# show crypto isakmp sa\n", 1)
    isakmp, tail = rest.split("vpn-fw# show crypto ipsec sa", 1)
    ikev1, ikev2 = isakmp.split("IKEv2 SAs:", 1)
    path = tmp_path / "split.log"
    path.write_text(f"{head}vpn-fw# show crypto ikev1 sa\n{ikev1}vpn-fw# show crypto ikev2 sa\n"
                    f"IKEv2 SAs:{ikev2}vpn-fw# show crypto ipsec sa{tail}")
    ids = [f.id for f in analyze_paths([path]).findings if f.id.startswith("crypto.")]
    assert ids == ["crypto.ikev2-in-neg", "crypto.p1-up-state-ok"]


def test_ios_crypto_session_is_an_ike_table_too(tmp_path):
    session = (ROOT / "tests/parsers/cisco_ios/show_crypto_session/"
               "ios_15_crypto_map_peers.raw").read_text()
    device = Device("r1", "cisco_ios", entries=[Entry("show crypto session", session)])
    fact = DeviceFacts(device).resolve("crypto")[0]
    states = {(sa.peer, sa.state) for sa in fact.ike_sas}
    assert ("203.0.113.2", "ACTIVE") in states and ("203.0.113.9", "INACTIVE") in states
    assert [i.peer for i in fact.p1_up] == ["203.0.113.2"]
