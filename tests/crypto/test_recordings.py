"""The crypto trees end to end on the recordings: each fault is found, with its evidence.

Every recording in recordings/fixtures/crypto/ is one device with one fault (or none). The
table says which crypto finding it must produce (top among crypto findings, or present where
another legitimately outranks it), which lines must be among its evidence, which fix line it
must offer, and the answers to give where only the far end can tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from netriage.analysis import Analysis, analyze_paths
from netriage.engine.lint import load_catalog
from tests.conftest import FIXTURES
from tests.crypto.scenarios import recordings

CRYPTO = FIXTURES / "crypto"


@dataclass(frozen=True)
class Case:
    recording: str
    finding: str
    evidence: tuple[str, ...]
    fix: str  # a substring of one fix command
    answers: dict[str, str] = field(default_factory=dict)
    top: bool = True  # False: present, outranked by another finding (named in `because`)
    because: str = ""


A, B, H, D = "203.0.113.2", "192.0.2.45", "198.51.100.2", "192.0.2.77"
CASES = [
    # configuration
    Case("asa-ike-not-enabled", "crypto.ike-not-enabled",
         ("crypto map OUTSIDE-MAP interface outside", "There are no IKEv1 SAs"),
         "crypto ikev1 enable outside"),
    Case("ios-ike-disabled", "crypto.ike-disabled-ios", ("no crypto isakmp enable",),
         "crypto isakmp enable"),
    Case("asa-map-not-applied", "crypto.map-not-applied",
         ("crypto map OUTSIDE-MAP 10 set peer 203.0.113.2",
          "crypto map OUTSIDE-MAP 20 set peer 192.0.2.45"),
         "crypto map OUTSIDE-MAP interface outside"),
    Case("ios-map-not-applied", "crypto.map-not-applied",
         ("crypto map VPN-MAP 10 ipsec-isakmp", "crypto map VPN-MAP 20 ipsec-isakmp"),
         " crypto map VPN-MAP"),
    Case("asa-map-two-on-interface", "crypto.map-two-on-interface",
         ("crypto map OUTSIDE-MAP 10 set peer 203.0.113.2",
          "crypto map PARTNER-MAP interface outside"),
         "crypto map PARTNER-MAP 20 set peer 203.0.113.2"),
    Case("ios-map-two-on-interface", "crypto.map-two-on-interface",
         ("crypto map VPN-MAP 10 ipsec-isakmp", "crypto map NEW-MAP"),
         "crypto map NEW-MAP 20 ipsec-isakmp"),
    Case("asa-map-incomplete", "crypto.map-incomplete",
         ("crypto map OUTSIDE-MAP 10 match address VPN-BRANCH-A",
          "crypto map OUTSIDE-MAP 10 set peer 203.0.113.2"),
         "crypto map OUTSIDE-MAP 10 set ikev1 transform-set <transform-set>"),
    Case("ios-map-incomplete", "crypto.map-incomplete", ("crypto map VPN-MAP 20 ipsec-isakmp",),
         " match address <acl>"),
    Case("asa-map-acl-missing", "crypto.map-acl-missing",
         ("crypto map OUTSIDE-MAP 10 match address VPN-BRANCH-A",),
         "access-list VPN-BRANCH-A extended permit ip"),
    Case("ios-map-acl-missing", "crypto.map-acl-missing", ("match address VPN-TO-DC2",),
         "ip access-list extended VPN-TO-DC2"),
    Case("asa-acl-too-broad", "crypto.acl-too-broad",
         ("access-list VPN-BRANCH-A extended permit ip object LAN-HQ any4",),
         "no access-list VPN-BRANCH-A extended permit ip object LAN-HQ any4"),
    Case("ios-acl-too-broad", "crypto.acl-too-broad",
         ("ip access-list extended VPN-TO-HQ", "permit ip 10.20.0.0 0.0.0.255 any"),
         " no permit ip 10.20.0.0 0.0.0.255 any"),
    Case("asa-dynamic-map-order", "crypto.dynamic-map-order",
         ("crypto map OUTSIDE-MAP 5 ipsec-isakmp dynamic DYN-RA",),
         "crypto map OUTSIDE-MAP 65535 ipsec-isakmp dynamic DYN-RA"),
    Case("ios-dynamic-map-order", "crypto.dynamic-map-order",
         ("crypto map VPN-MAP 5 ipsec-isakmp dynamic DYN-MAP",),
         "crypto map VPN-MAP 65535 ipsec-isakmp dynamic DYN-MAP"),
    Case("asa-tunnel-group-missing", "crypto.tunnel-group-missing",
         ("crypto map OUTSIDE-MAP 10 set peer 203.0.113.2",),
         "tunnel-group 203.0.113.2 type ipsec-l2l"),
    Case("ios-psk-missing", "crypto.ike-psk-missing-ios", ("set peer 198.51.100.2",),
         "crypto isakmp key <same-key-as-peer> address 198.51.100.2"),
    Case("asa-sysopt-permit-vpn-off", "crypto.sysopt-permit-vpn-off",
         ("no sysopt connection permit-vpn",), "sysopt connection permit-vpn"),
    # policy 10 is already what a fix would add: the weak one goes once the peers moved
    Case("asa-weak-ike-policy", "crypto.weak-ike-policy", ("crypto ikev1 policy 20",),
         "no crypto ikev1 policy 20"),
    Case("ios-weak-ike-policy", "crypto.weak-ike-policy", ("crypto isakmp policy 20",),
         "no crypto isakmp policy 20"),
    Case("asa-weak-transform", "crypto.weak-transform",
         ("crypto ipsec ikev1 transform-set TS-3DES-MD5 esp-3des esp-md5-hmac",
          "crypto map OUTSIDE-MAP 10 set ikev1 transform-set TS-3DES-MD5"),
         "crypto map OUTSIDE-MAP 10 set ikev1 transform-set NR-AES256 TS-3DES-MD5"),
    Case("ios-weak-transform", "crypto.weak-transform",
         ("crypto ipsec transform-set TS-3DES esp-3des esp-md5-hmac", "set transform-set TS-3DES"),
         " set transform-set TS-AES256 TS-3DES"),  # the strong set is there: put first
    Case("asa-psk-wildcard", "crypto.psk-wildcard",
         ("tunnel-group DefaultL2LGroup ipsec-attributes",), " no ikev1 pre-shared-key"),
    Case("ios-psk-wildcard", "crypto.psk-wildcard",
         ("crypto isakmp key 6 RWxQPdDWWLRHVVRWaQADDJBbLdHYAAB address 0.0.0.0 0.0.0.0",),
         "no crypto isakmp key <wildcard-key> address 0.0.0.0 0.0.0.0"),
    Case("asa-aggressive-mode", "crypto.aggressive-mode", ("crypto ikev1 enable outside",),
         "crypto ikev1 am-disable"),
    Case("ios-aggressive-mode", "crypto.aggressive-mode",
         ("crypto isakmp key 6 FJZQbZNHRcVcXDRbGcUJbEjTLAAB address 198.51.100.2",),
         "crypto isakmp aggressive-mode disable"),
    Case("asa-dpd-missing", "crypto.dpd-missing",
         ("tunnel-group 203.0.113.2 ipsec-attributes", "isakmp keepalive disable"),
         " isakmp keepalive threshold 10 retry 2"),
    Case("ios-dpd-missing", "crypto.dpd-missing", ("crypto map VPN-MAP 10 ipsec-isakmp",),
         "crypto isakmp keepalive 10 3 periodic"),
    Case("asa-certificate-expired", "crypto.certificate-expired",
         ("end   date: 09:00:00 UTC Jan 10 2026", "10:31:07.118 UTC Mon Nov 23 2026"),
         "crypto ca enroll VPN-TP"),
    Case("ios-certificate-expired", "crypto.certificate-expired",
         ("end   date: 09:00:00 UTC Feb 2 2026",), "crypto pki enroll TP-VPN"),
    # IKE phase 1
    Case("asa-p1-no-response", "crypto.ike-p1-no-response",
         (f"1   IKE Peer: {A}", "Rekey   : no              State   : MM_WAIT_MSG2"),
         f"ping outside {A}"),
    Case("ios-p1-no-response", "crypto.ike-p1-no-response",
         (f"{H}    203.0.113.2     MM_NO_STATE      1001 ACTIVE",), f"show ip route {H}"),
    Case("asa-p1-responder-wait3", "crypto.ike-p1-responder-wait3",
         (f"1   IKE Peer: {A}", "Rekey   : no              State   : MM_WAIT_MSG3"),
         f"capture ike interface outside match udp host {A} any eq 500"),
    Case("asa-p1-proposal-mismatch", "crypto.ike-p1-proposal-mismatch",
         ("Nov 23 2026 10:12:10: %ASA-5-713257: IP = 203.0.113.2, Phase 1 failure: Mismatched "
          "attribute types for class Group:  Rcv'd: Group 14  Cfg'd: Group 5",),
         "crypto ikev1 policy 5"),
    Case("ios-p1-proposal-mismatch", "crypto.ike-p1-proposal-mismatch",
         ("Nov 23 10:12:11.331: ISAKMP:(0):atts are not acceptable. Next payload is 3",
          f"{H}    203.0.113.2     MM_NO_STATE      1001 ACTIVE"), "crypto isakmp policy 5"),
    Case("asa-p1-dh-nat-t", "crypto.ike-p1-dh-nat-t",
         ("Rekey   : no              State   : MM_WAIT_MSG4",), "crypto isakmp nat-traversal 20"),
    Case("ios-p1-dh-nat-t", "crypto.ike-p1-dh-nat-t",
         (f"{H}    203.0.113.2     MM_SA_SETUP      1001 ACTIVE",),
         "crypto isakmp nat keepalive 20"),
    Case("asa-p1-responder-msg5", "crypto.ike-p1-dh-nat-t",
         ("Rekey   : no              State   : MM_WAIT_MSG5",), f"host {A} any eq 4500",
         answers={"crypto-q-msg5.msg5-cause": "udp-4500-lost"}),
    Case("asa-p1-responder-msg5", "crypto.ike-p1-psk-mismatch",
         ("Rekey   : no              State   : MM_WAIT_MSG5",),
         f"tunnel-group {A} ipsec-attributes",
         answers={"crypto-q-msg5.msg5-cause": "key-error"}),
    Case("asa-p1-psk-mismatch", "crypto.ike-p1-psk-mismatch",
         ("Rekey   : no              State   : MM_WAIT_MSG6",
          "Nov 23 2026 10:12:10: %ASA-3-713902: Group = 203.0.113.2, IP = 203.0.113.2, Removing "
          "peer from peer table failed, no match!"), " ikev1 pre-shared-key <same-key-as-peer>"),
    Case("ios-p1-psk-mismatch", "crypto.ike-p1-psk-mismatch",
         (f"{H}    203.0.113.2     MM_KEY_EXCH      1001 ACTIVE",),
         f"crypto isakmp key <same-key-as-peer> address {H}"),
    Case("asa-peer-id-mismatch", "crypto.peer-id-mismatch",
         ("Nov 23 2026 10:12:10: %ASA-3-713131: Group = 203.0.113.2, IP = 203.0.113.2, Received "
          "invalid phase 1 ID",), "crypto isakmp identity address"),
    Case("ios-peer-identity-hostname", "crypto.peer-id-mismatch",
         ("crypto isakmp identity hostname",), "crypto isakmp identity address",
         answers={"crypto-q-peer.peer-identity": "no"}),
    Case("asa-wrong-peer-address", "crypto.wrong-peer-address",
         ("1   IKE Peer: 203.0.113.200", "crypto map OUTSIDE-MAP 10 set peer 203.0.113.2"),
         "crypto map OUTSIDE-MAP 10 set peer 203.0.113.200",
         answers={"crypto-q-peer.peer-address": "yes"}, top=False,
         because="crypto.ike-p1-responder-wait3 (the symptom, same severity) comes first"),
    Case("ios-wrong-peer-address", "crypto.wrong-peer-address",
         ("203.0.113.2     198.51.100.99   MM_NO_STATE      1002 ACTIVE", "set peer 198.51.100.2"),
         " set peer 198.51.100.99", answers={"crypto-q-peer.peer-address": "yes"}),
    Case("asa-ikev1-ikev2-mismatch", "crypto.ikev1-ikev2-mismatch", (f"1   IKE Peer: {A}",),
         "crypto ikev2 enable outside", answers={"crypto-q-ike-version.peer-version": "other"},
         top=False, because="crypto.ike-p1-no-response (the symptom, same severity) comes first"),
    Case("ios-ikev1-ikev2-mismatch", "crypto.ikev1-ikev2-mismatch",
         (f"{H}    203.0.113.2     MM_NO_STATE      1001 ACTIVE",), " set ikev2-profile",
         answers={"crypto-q-ike-version.peer-version": "other"},
         top=False, because="crypto.ike-p1-no-response (the symptom, same severity) comes first"),
    Case("asa-ikev2-in-neg", "crypto.ikev2-in-neg",
         ("Session-id:7, Status:UP-IN-NEG, IKE count:1, CHILD count:0",),
         f"debug crypto condition peer {B}"),
    Case("ios-ikev2-in-neg", "crypto.ikev2-in-neg",
         (f"1         203.0.113.2/500       {D}/500        none/none            IN-NEG",),
         f"debug crypto condition peer ipv4 {D}"),
    Case("asa-ikev2-no-proposal", "crypto.ikev2-no-proposal",
         ("Nov 23 2026 10:12:10: %ASA-4-750003: Local:198.51.100.2:500 Remote:192.0.2.45:500 "
          "Username:192.0.2.45 IKEv2 Negotiation aborted due to ERROR: Failed to find a matching "
          "policy",), "crypto ikev2 policy 5"),
    Case("ios-ikev2-in-neg", "crypto.ikev2-no-proposal",
         (f"1         203.0.113.2/500       {D}/500        none/none            IN-NEG",),
         "crypto ikev2 proposal NR-PROP-AES256",
         answers={"crypto-q-ikev2-cause.ikev2-cause": "no-proposal"}, top=False,
         because="crypto.ikev2-in-neg (the symptom, same severity) comes first"),
    Case("asa-ikev2-auth-fail", "crypto.ikev2-auth-fail",
         (f"tunnel-group {B} ipsec-attributes",),
         " ikev2 local-authentication pre-shared-key <peer's-remote-key>"),
    Case("ios-ikev2-auth-fail", "crypto.ikev2-auth-fail",
         ("Nov 23 10:12:11.331: IKEv2:(SESSION ID = 12,SA ID = 1):Processing IKE_AUTH message: "
          "Notify AUTHENTICATION_FAILED",), f"  address {D}"),
    Case("asa-ikev2-ts-unacceptable", "crypto.ikev2-ts-unacceptable",
         ("Session-id:7, Status:UP-ACTIVE, IKE count:1, CHILD count:0",),
         "access-list VPN-BRANCH-B extended permit ip"),
    Case("ios-ikev2-up-no-child", "crypto.ikev2-ts-unacceptable",
         (f"1         203.0.113.2/500       {D}/500        none/none            READY",),
         "ip access-list extended VPN-TO-DC2", answers={"crypto-q-p2-cause.p2-cause": "ts"}),
    Case("asa-ikev2-delete", "crypto.ikev2-delete",
         ("473463832 198.51.100.2/500                                       192.0.2.45/500       "
          "                               DELETE   INITIATOR",), f"clear crypto ikev2 sa {B}"),
    Case("asa-ikev2-delete", "crypto.lifetime-mismatch",
         ("473463832 198.51.100.2/500                                       192.0.2.45/500       "
          "                               DELETE   INITIATOR",),
         "crypto map OUTSIDE-MAP 20 set security-association lifetime seconds "
         "<peer-lifetime-seconds>",
         answers={"crypto-q-peer.peer-lifetime": "yes"}, top=False,
         because="crypto.ikev2-delete (medium) outranks a lifetime mismatch (low)"),
    Case("ios-ikev2-delete", "crypto.ikev2-delete",
         (f"1         203.0.113.2/500       {D}/500        none/none            DELETE",),
         f"clear crypto ikev2 sa remote {D}"),
    Case("ios-ikev2-delete", "crypto.lifetime-mismatch",
         (f"1         203.0.113.2/500       {D}/500        none/none            DELETE",),
         " set security-association lifetime seconds <peer-lifetime-seconds>",
         answers={"crypto-q-peer.peer-lifetime": "yes"}, top=False,
         because="crypto.ikev2-delete (medium) outranks a lifetime mismatch (low)"),
    # IPsec phase 2
    Case("asa-p1-up-no-p2", "crypto.ike-p1-up-no-p2", (f"1   IKE Peer: {A}",),
         f"debug crypto condition peer {A}"),
    Case("ios-p1-up-no-p2", "crypto.ike-p1-up-no-p2",
         (f"{H}    203.0.113.2     QM_IDLE          1001 ACTIVE", "current outbound spi: 0x0(0)"),
         f"debug crypto condition peer ipv4 {H}"),
    Case("ios-ikev2-up-no-child", "crypto.ike-p1-up-no-p2",
         (f"1         203.0.113.2/500       {D}/500        none/none            READY",),
         f"debug crypto condition peer ipv4 {D}"),
    Case("asa-proxy-id-mismatch", "crypto.proxy-id-mismatch",
         ("Nov 23 2026 10:12:10: %ASA-3-713061: Group = 203.0.113.2, IP = 203.0.113.2, Rejecting "
          "IPSec tunnel: no matching crypto map entry for remote proxy 10.20.0.0/255.255.255.0/0/0"
          " local proxy 10.1.0.0/255.255.255.0/0/0 on interface outside", f"1   IKE Peer: {A}"),
         "peer 203.0.113.2: access-list VPN-BRANCH-A extended permit ip 10.20.0.0 255.255.255.0 "
         "10.1.0.0 255.255.255.0"),
    Case("ios-proxy-id-mismatch", "crypto.proxy-id-mismatch",
         ("Nov 23 10:12:11.331: IPSEC(validate_transform_proposal): proxy identities not "
          "supported",), " permit ip 10.20.0.0 0.0.0.255 10.1.0.0 0.0.0.255"),
    Case("asa-p1-up-no-p2", "crypto.proxy-id-mismatch", (f"1   IKE Peer: {A}",),
         "access-list VPN-BRANCH-A extended permit ip 10.1.0.0 255.255.255.0 10.20.0.0",
         answers={"crypto-q-p2-cause.p2-cause": "proxy"}),
    Case("asa-transform-mismatch", "crypto.transform-mismatch",
         ("Nov 23 2026 10:12:10: %ASA-5-713904: Group = 203.0.113.2, IP = 203.0.113.2, All IPSec "
          "SA proposals found unacceptable!",),
         "crypto map OUTSIDE-MAP 10 set ikev1 transform-set NR-AES256 TS-AES256-SHA"),
    Case("ios-transform-mismatch", "crypto.transform-mismatch",
         ("Nov 23 10:12:14.331: ISAKMP:(1001): IPSec policy invalidated proposal with error 256",
          "Nov 23 10:12:13.331: IPSEC(validate_proposal_request): proposal part #1"),
         "crypto map VPN-MAP 10 ipsec-isakmp"),
    Case("asa-pfs-mismatch", "crypto.pfs-mismatch",
         ("Nov 23 2026 10:12:10: %ASA-5-713257: IP = 192.0.2.45, Phase 2 failure: Mismatched "
          "attribute types for class Group Description:  Rcv'd: Unknown  Cfg'd: Group 14",
          "crypto map OUTSIDE-MAP 20 set pfs group14"),
         "crypto map OUTSIDE-MAP 20 set pfs group14"),
    Case("ios-p1-up-no-p2", "crypto.pfs-mismatch",
         (f"{H}    203.0.113.2     QM_IDLE          1001 ACTIVE",), " set pfs group14",
         answers={"crypto-q-p2-cause.p2-cause": "pfs"}),
    Case("ios-p1-up-no-p2", "crypto.transform-mismatch",
         (f"{H}    203.0.113.2     QM_IDLE          1001 ACTIVE",),
         " set transform-set NR-AES256 TS-AES256",
         answers={"crypto-q-p2-cause.p2-cause": "transform"}),
    Case("ios-lifetime-mismatch", "crypto.lifetime-mismatch",
         ("Nov 23 10:12:11.331: ISAKMP:(1001):processing NOTIFY RESPONDER_LIFETIME protocol 3",),
         " set security-association lifetime seconds <peer-lifetime-seconds>"),
    Case("asa-encaps-no-decaps", "crypto.encaps-no-decaps",
         (f"current_peer: {A}", "#pkts encaps: 184233, #pkts encrypt: 184233, #pkts digest: 184233",
          "#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0"), f"clear crypto ipsec sa peer {A}"),
    Case("ios-encaps-no-decaps", "crypto.encaps-no-decaps",
         (f"current_peer {H} port 500", "#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0"),
         f"clear crypto sa peer {H}"),
    Case("asa-decaps-no-encaps", "crypto.decaps-no-encaps",
         ("#pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0",
          "#pkts decaps: 179410, #pkts decrypt: 179410, #pkts verify: 179410"), "show nat detail"),
    Case("ios-decaps-no-encaps", "crypto.decaps-no-encaps",
         ("#pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0",),
         "show ip nat translations | include 10.1.0.0"),
    Case("asa-encaps-zero-nat", "crypto.encaps-zero-nat",
         ("nat (inside,outside) dynamic interface",
          "#pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0"),
         "nat (inside,outside) 1 source static VPN-LOCAL-10.1.0.0 VPN-LOCAL-10.1.0.0 destination "
         "static VPN-REMOTE-10.20.0.0"),
    Case("ios-encaps-zero-nat", "crypto.encaps-zero-nat",
         ("ip nat inside source list NAT-INSIDE interface GigabitEthernet0/0 overload",),
         " 1 deny ip 10.20.0.0 0.0.0.255 10.1.0.0 0.0.0.255"),
    Case("asa-encaps-zero-route", "crypto.encaps-zero-route",
         ("route inside 10.20.0.0 255.255.255.0 10.1.0.254 1",),
         "route outside 10.20.0.0 255.255.255.0 <isp-gateway>"),
    Case("ios-encaps-zero-route", "crypto.encaps-zero-route",
         ("ip route 10.1.0.0 255.255.255.0 10.20.0.254",),
         "ip route 10.1.0.0 255.255.255.0 <isp-gateway>"),
    Case("asa-no-traffic", "crypto.encaps-zero-no-traffic",
         (f"current_peer: {A}", "#pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0"),
         "show access-list VPN-BRANCH-A"),
    Case("ios-no-traffic", "crypto.encaps-zero-no-traffic",
         (f"current_peer {H} port 500", "#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0"),
         "show ip access-lists VPN-TO-HQ"),
    Case("asa-send-errors", "crypto.send-errors", ("#send errors: 1432, #recv errors: 0",),
         "show crypto protocol statistics all"),
    Case("ios-send-errors", "crypto.send-errors", ("#send errors 877, #recv errors 0",),
         "show crypto engine accelerator statistic"),
    Case("asa-recv-errors", "crypto.recv-errors", ("#send errors: 0, #recv errors: 87",),
         "show interface outside"),
    Case("ios-recv-errors", "crypto.recv-errors", ("#send errors 0, #recv errors 41",),
         f"clear crypto sa peer {H}"),
    Case("asa-replay-failures", "crypto.replay-failures", ("#pkts replay failed (rcv): 532",),
         "crypto ipsec security-association replay window-size 1024"),
    Case("ios-replay-failures", "crypto.replay-failures", ("##pkts replay failed (rcv): 211",),
         "crypto ipsec security-association replay window-size 1024"),
    Case("asa-invalid-spi", "crypto.invalid-spi",
         ("Nov 23 2026 10:12:10: %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x5B2C1D3E, "
          "sequence number= 0x1A) from 203.0.113.2 to 198.51.100.2 with an invalid SPI.",),
         f"clear crypto ipsec sa peer {A}"),
    Case("ios-invalid-spi", "crypto.invalid-spi",
         ("Nov 23 10:12:10.331: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has "
          "invalid spi for destaddr=203.0.113.2, prot=50, spi=0x4B2A1C3D(1261050941), "
          "srcaddr=198.51.100.2, input interface=GigabitEthernet0/0",),
         "crypto isakmp invalid-spi-recovery"),
    Case("asa-nat-t-blocked", "crypto.nat-t-blocked",
         ("local crypto endpt.: 198.51.100.2/4500, remote crypto endpt.: 203.0.113.2/4500",
          "#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0"), f"match udp host {A} any eq 4500"),
    Case("ios-nat-t-blocked", "crypto.nat-t-blocked",
         (f"current_peer {H} port 4500", "in use settings ={Tunnel UDP-Encaps, }"),
         "crypto isakmp nat keepalive 20"),
    Case("asa-nat-t-disabled", "crypto.nat-t-disabled", ("no crypto isakmp nat-traversal",),
         "crypto isakmp nat-traversal 20"),
    Case("ios-nat-t-disabled", "crypto.nat-t-disabled",
         ("no crypto ipsec nat-transparency udp-encapsulation",),
         "crypto ipsec nat-transparency udp-encapsulation"),
    Case("asa-mtu-fragmentation", "crypto.mtu-fragmentation",
         ("#pre-frag successes: 0, #pre-frag failures: 212, #fragments created: 0",
          "path mtu 1400, ipsec overhead 74(44), media mtu 1500"),
         "crypto ipsec fragmentation before-encryption outside"),
    Case("ios-mtu-fragmentation", "crypto.mtu-fragmentation",
         ("plaintext mtu 1338, path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/0",),
         " ip tcp adjust-mss 1360"),
    Case("ftd-encaps-no-decaps", "crypto.encaps-no-decaps",
         (f"current_peer: {A}", "#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0"),
         f"capture esp interface outside match esp host {A} any"),
    Case("ftd-ike-not-enabled", "crypto.ike-not-enabled",
         ("crypto map OUTSIDE-MAP interface outside",
          "Rekey   : no              State   : MM_WAIT_MSG2"),
         "! Devices > VPN > Site To Site > edit the topology > Endpoints: select interface "
         "outside"),
    # manual keying
    Case("ios-manual-keying", "crypto.manual-keying-used", ("crypto map VPN-MAP 30 ipsec-manual",),
         "no crypto map VPN-MAP 30 ipsec-manual"),
    Case("pix-manual-keying", "crypto.manual-keying-used",
         ("crypto map MANUAL-MAP 10 ipsec-manual",), "crypto map MANUAL-MAP 11 ipsec-isakmp"),
    Case("ios-manual-key-length", "crypto.manual-key-length",
         ("set session-key inbound esp 300 cipher 6f1c2d3e4f5a6b7c authenticator "
          "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",),
         " set session-key inbound esp 300 cipher <key-of-the-right-length>"),
    Case("pix-manual-key-length", "crypto.manual-key-length",
         ("crypto map MANUAL-MAP 10 set session-key inbound esp 300 cipher 6f1c2d3e4f5a6b7c "
          "authenticator 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",),
         "crypto map MANUAL-MAP 10 set session-key inbound esp 300 cipher <key-of-the-right"),
    Case("ios-manual-key-not-mirrored", "crypto.manual-key-not-mirrored",
         ("crypto map VPN-MAP 30 ipsec-manual",
          "Nov 23 10:12:10.331: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has "
          "invalid spi for destaddr=203.0.113.2, prot=50, spi=0x12D(301), srcaddr=192.0.2.150"),
         " set session-key inbound esp 301 cipher <our-outbound-cipher>",
         answers={"crypto-q-peer.manual-mirror": "no"}),
    Case("pix-manual-key-not-mirrored", "crypto.manual-key-not-mirrored",
         ("crypto map MANUAL-MAP 10 set session-key inbound esp 200 cipher "
          "6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e authenticator "
          "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",),
         "set session-key inbound esp <spi-256-or-more>"),
    # state
    Case("asa-healthy-l2l", "crypto.p1-up-state-ok",
         ("Rekey   : no              State   : MM_ACTIVE",), "! none: phase 1 is healthy"),
    Case("ios-healthy-crypto-map", "crypto.p1-up-state-ok",
         (f"{H}    203.0.113.2     QM_IDLE          1001 ACTIVE",), "! none: phase 1 is healthy"),
]

_analyses: dict[tuple[str, tuple[tuple[str, str], ...]], Analysis] = {}


def analysis(recording: str, answers: dict[str, str] | None = None) -> Analysis:
    key = (recording, tuple(sorted((answers or {}).items())))
    if key not in _analyses:
        _analyses[key] = analyze_paths([CRYPTO / f"{recording}.log"], answers=answers)
    return _analyses[key]


def crypto_findings(result: Analysis):
    return [f for f in result.findings if f.id.startswith("crypto.")]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.recording}:{c.finding}")
def test_fault_is_found_with_its_evidence_and_fix(case: Case):
    found = crypto_findings(analysis(case.recording, case.answers))
    ids = [f.id for f in found]
    assert case.finding in ids, ids
    finding = found[ids.index(case.finding)]
    if case.top:
        assert ids[0] == case.finding, ids
    else:
        assert ids.index(case.finding) > 0 and case.because, "say what outranks it"
    assert finding.severity == load_catalog()[case.finding].severity
    texts = [e.text for e in finding.evidence]
    for line in case.evidence:
        assert line in texts, (line, texts)
    commands = [c for fix in finding.fix for c in fix.commands]
    assert any(case.fix in c for c in commands), commands
    assert finding.fix and all(fix.verify and fix.rollback for fix in finding.fix)
    assert finding.explanation and "<" not in finding.title


@pytest.mark.parametrize("recording", sorted({c.recording for c in CASES}))
def test_evidence_line_numbers_point_into_the_file(recording: str):
    lines = (CRYPTO / f"{recording}.log").read_text().splitlines()
    answers = next((c.answers for c in CASES if c.recording == recording and c.answers), {})
    for finding in crypto_findings(analysis(recording, answers)):
        assert finding.evidence or finding.id == "crypto.p1-up-state-ok"
        for evidence in finding.evidence:
            assert lines[evidence.line - 1].strip() == evidence.text, evidence


@pytest.mark.parametrize("recording", ["asa-healthy-l2l", "ios-healthy-crypto-map",
                                       "ios-healthy-ikev2"])
def test_healthy_device_raises_nothing_above_info(recording: str):
    result = analysis(recording)
    assert [f.id for f in crypto_findings(result) if f.severity != "info"] == []
    assert [u for u in result.undecided if u.tree.startswith("crypto")] == []
    assert [f.id for f in crypto_findings(result)] == ["crypto.p1-up-state-ok"]


def test_every_crypto_id_has_a_recording_per_platform():
    covered: dict[str, set[str]] = {}
    for case in CASES:
        covered.setdefault(case.finding, set()).add(case.recording.split("-", 1)[0])
    missing = []
    for finding_id, entry in load_catalog().items():
        if not finding_id.startswith("crypto."):
            continue
        platforms = set(entry.platforms)
        wanted = {p for p in ("asa", "ios") if p in platforms}
        if not wanted and "pix" in platforms:
            wanted = {"pix"}
        if {"ios", "pix"} >= platforms:  # manual keying: IOS and PIX 6
            wanted = platforms
        for platform in sorted(wanted - covered.get(finding_id, set())):
            missing.append(f"{finding_id} on {platform}")
    assert missing == []


def test_recordings_are_what_the_scenarios_build():
    wanted = recordings()
    on_disk = {p.stem: p.read_text() for p in CRYPTO.glob("*.log")}
    assert sorted(on_disk) == sorted(wanted), "run python -m tests.crypto.make_recordings"
    stale = [name for name, text in wanted.items() if on_disk[name] != text]
    assert stale == [], "run python -m tests.crypto.make_recordings"
