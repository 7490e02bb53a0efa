"""Root causes read from whole captures: NAT before the crypto map, an expired certificate,
messages that name the peer and the cause (issue 10's realistic captures)."""

from __future__ import annotations

from netriage.analysis import analyze_paths
from netriage.capture.model import Device, Entry
from netriage.facts.crypto.config import CryptoConfig
from netriage.facts.crypto.config_ios import _parse_ios
from netriage.facts.crypto.config_sources import blocks
from netriage.facts.crypto.lists_config import _certificate_peers, _uses_certificates
from netriage.facts.crypto.log import log_events
from tests.conftest import RECORDINGS
from tests.crypto.kit import Scenario, asa_config, asa_peers, build, peer

REALISTIC = RECORDINGS / "realistic"


def _ids(analysis) -> list[str]:
    return [f.id for f in analysis.findings]


def test_sa_proxy_is_compared_as_a_network_not_its_first_address(tmp_path):
    # the exemption covers only 10.1.0.0/28 while the SA protects 10.1.0.0/24 and object PAT
    # takes the LAN: the first address alone (10.1.0.0/32) would look exempt
    peers = peer(asa_peers(), 0, encaps=0, decaps=9120)
    narrow = ("object network LAN-HQ-SERVERS\n subnet 10.1.0.0 255.255.255.240\n"
              "access-list VPN-BRANCH-A")
    config = asa_config(peers).replace("access-list VPN-BRANCH-A", narrow, 1).replace(
        "source static LAN-HQ LAN-HQ destination static LAN-VPN-BRANCH-A",
        "source static LAN-HQ-SERVERS LAN-HQ-SERVERS destination static LAN-VPN-BRANCH-A")
    path = tmp_path / "narrow-exemption.log"
    path.write_text(build(Scenario("narrow", "asa", peers, config)))
    ids = _ids(analyze_paths([path]))
    assert "crypto.encaps-zero-nat" in ids
    assert "crypto.decaps-no-encaps" not in ids


def test_exempt_pair_with_encaps_zero_is_not_blamed_on_nat(tmp_path):
    peers = peer(asa_peers(), 0, encaps=0, decaps=9120)
    path = tmp_path / "exempt.log"
    path.write_text(build(Scenario("exempt", "asa", peers, asa_config(peers))))
    ids = _ids(analyze_paths([path]))
    assert "crypto.decaps-no-encaps" in ids
    assert "crypto.encaps-zero-nat" not in ids


def test_expired_certificate_explains_its_tunnel():
    path = REALISTIC / "firewalls" / "asa5508x-9.16-branch-vpn-cert-expired-session.log"
    analysis = analyze_paths([path])
    [expired] = [f for f in analysis.findings if f.id == "crypto.certificate-expired"]
    assert "tls-br-fw.corp.example.com" in expired.title
    # the HQ peer authenticates with that certificate: its silence is not "no traffic"
    assert not [f for f in analysis.findings if "198.51.100.10" in f.title]
    # the supplier without exemption and the partner refusing phase 2 are still found
    assert {"crypto.encaps-zero-nat", "crypto.ike-p1-up-no-p2"} <= set(_ids(analysis))


def test_ios_ikev2_profile_with_signatures_uses_certificates():
    config = CryptoConfig("cisco_ios", covered={"all"})
    _parse_ios(config, blocks(
        "crypto ikev2 profile PROF-HQ\n match identity remote address 192.0.2.1 255.255.255.255\n"
        " authentication remote rsa-sig\n authentication local rsa-sig\n pki trustpoint TP\n"
        "crypto ikev2 profile PROF-PSK\n match identity remote address 192.0.2.2 255.255.255.255\n"
        " authentication remote pre-share\n authentication local pre-share\n"
        "crypto isakmp policy 10\n authentication pre-share\n"
        "crypto map M 10 ipsec-isakmp\n set peer 192.0.2.1\n set ikev2-profile PROF-HQ\n"
        " match address A\n"
        "crypto map M 20 ipsec-isakmp\n set peer 192.0.2.2\n set ikev2-profile PROF-PSK\n"
        " match address B\n"))
    assert _uses_certificates(config) is True
    assert _certificate_peers(config) == {"192.0.2.1"}


def _events(*lines: str) -> list[tuple[str, str]]:
    device = Device("fw", "cisco_asa", entries=[Entry("show logging", "\n".join(lines))])
    return [(e.cause, e.peer) for e in log_events(device)]


def test_messages_that_name_the_cause_and_the_peer():
    assert _events(
        "Jun 10 2026 10:12:31: %ASA-5-713068: IP = 192.0.2.200, Received non-routine Notify "
        "message: Invalid ID info (18)") == [("peer-id", "192.0.2.200")]
    # 602304 names both ends; the peer is the `user=`
    assert _events(
        "Dec 03 2026 06:14:09: %FTD-6-602304: IPSEC: An inbound LAN-to-LAN SA (SPI= 0x0E6B13F2) "
        "between 198.51.100.61 and 198.51.100.2 (user= 198.51.100.61) has been deleted.",
        "Dec 03 2026 06:14:09: %FTD-6-602304: IPSEC: An outbound LAN-to-LAN SA (SPI= 0x7C21A9D0)"
        " between 198.51.100.2 and 198.51.100.61 (user= 198.51.100.61) has been deleted.") == [
        ("delete", "198.51.100.61"), ("delete", "198.51.100.61")]
    assert _events(
        "Dec  1 14:02:11.402 CET: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer "
        "198.51.100.61:500       Id: 198.51.100.61",
        "Dec  1 14:02:13.118 CET: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP  .  Peer "
        "198.51.100.61:500       Id: 198.51.100.61") == [("delete", "198.51.100.61")]
    # a phase 2 refusal is no identity problem
    assert _events("%ASA-5-713068: Group = 192.0.2.77, IP = 192.0.2.77, Received non-routine "
                   "Notify message: No proposal chosen (14)") == []
