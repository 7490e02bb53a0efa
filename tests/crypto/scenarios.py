"""The crypto recordings: one healthy device per platform and one scenario per fault.

Each entry is a `Scenario` built from the healthy ASA headend (two L2L peers: 203.0.113.2 over
IKEv1, 192.0.2.45 over IKEv2) or the healthy IOS branch router (peers 198.51.100.2 and
192.0.2.77), changed in the one place that makes the fault.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.crypto.kit import (
    Peer,
    Scenario,
    asa_config,
    asa_peers,
    ios_config,
    ios_peers,
    peer,
)

A, B = "203.0.113.2", "192.0.2.45"  # ASA's peers
H, D = "198.51.100.2", "192.0.2.77"  # IOS's peers


def _asa(name: str, peers: list[Peer] | None = None, edit: Callable[[str], str] | None = None,
         **kwargs: object) -> Scenario:
    peers = peers if peers is not None else asa_peers()
    config = asa_config(asa_peers())
    return Scenario(name, "asa", peers, edit(config) if edit else config, **kwargs)  # type: ignore[arg-type]


def _ios(name: str, peers: list[Peer] | None = None, edit: Callable[[str], str] | None = None,
         ikev2: bool = False, **kwargs: object) -> Scenario:
    peers = peers if peers is not None else ios_peers(ikev2)
    config = ios_config(ios_peers(ikev2))
    return Scenario(name, "ios", peers, edit(config) if edit else config, **kwargs)  # type: ignore[arg-type]


def _drop(*lines: str) -> Callable[[str], str]:
    def edit(config: str) -> str:
        out = config.split("\n")
        for line in lines:
            out.remove(line)
        return "\n".join(out)
    return edit


def _swap(old: str, new: str) -> Callable[[str], str]:
    def edit(config: str) -> str:
        assert old in config, old
        return config.replace(old, new, 1)
    return edit


def _both(*edits: Callable[[str], str]) -> Callable[[str], str]:
    def edit(config: str) -> str:
        for step in edits:
            config = step(config)
        return config
    return edit


_ASA_LOG = "Nov 23 2026 10:12:{:02d}: {}"
_IOS_LOG = "Nov 23 10:12:{:02d}.331: {}"


def asa_logs(*messages: str) -> list[str]:
    return [_ASA_LOG.format(10 + i, m) for i, m in enumerate(messages)]


def ios_logs(*messages: str) -> list[str]:
    return [_IOS_LOG.format(10 + i, m) for i, m in enumerate(messages)]


ASA_CERTS = """Certificate
  Status: Available
  Certificate Serial Number: 5f1a2b3c
  Certificate Usage: General Purpose
  Public Key Type: RSA (2048 bits)
  Signature Algorithm: SHA256 with RSA Encryption
  Issuer Name:
    cn=Example Issuing CA
    o=Example
  Subject Name:
    cn=vpn-fw.example.net
  Validity Date:
    start date: 09:00:00 UTC Jan 10 2024
    end   date: 09:00:00 UTC Jan 10 2026
  Storage: config
  Associated Trustpoints: VPN-TP

CA Certificate
  Status: Available
  Certificate Serial Number: 01
  Certificate Usage: Signature
  Public Key Type: RSA (4096 bits)
  Signature Algorithm: SHA256 with RSA Encryption
  Issuer Name:
    cn=Example Root CA
  Subject Name:
    cn=Example Issuing CA
  Validity Date:
    start date: 00:00:00 UTC Mar 1 2020
    end   date: 00:00:00 UTC Mar 1 2035
  Storage: config
  Associated Trustpoints: VPN-TP"""

IOS_CERTS = ASA_CERTS.replace("vpn-fw.example.net", "branch-rtr.example.net").replace(
    "VPN-TP", "TP-VPN").replace("Jan 10 2026", "Feb 2 2026")

CLOCK_ASA = "10:31:07.118 UTC Mon Nov 23 2026"
CLOCK_IOS = "*10:31:07.118 UTC Mon Nov 23 2026"


def _scenarios() -> list[Scenario]:
    asa, ios = asa_peers(), ios_peers()
    ios2 = ios_peers(ikev2=True)
    return [
        # healthy
        _asa("asa-healthy-l2l"),
        _ios("ios-healthy-crypto-map"),
        _ios("ios-healthy-ikev2", ikev2=True),
        # configuration
        _asa("asa-ike-not-enabled", peer(asa, 0, state=None, ipsec=False),
             _drop("crypto ikev1 enable outside")),
        _ios("ios-ike-disabled", [Peer(**{**vars(p), "state": None, "ipsec": False})
                                  for p in ios],
             _swap("crypto isakmp keepalive", "no crypto isakmp enable\ncrypto isakmp keepalive")),
        _asa("asa-map-not-applied", [Peer(**{**vars(p), "state": None, "ipsec": False})
                                     for p in asa],
             _drop("crypto map OUTSIDE-MAP interface outside")),
        _ios("ios-map-not-applied", [Peer(**{**vars(p), "state": None, "ipsec": False,
                                             "block": False}) for p in ios],
             _drop(" crypto map VPN-MAP")),
        _asa("asa-map-two-on-interface",
             [Peer(**{**vars(p), "state": None, "ipsec": False}) for p in asa]
             + [Peer("198.18.7.9", 10, "VPN-PARTNER", ("10.1.0.0", "255.255.255.0"),
                     ("10.77.0.0", "255.255.255.0"))],
             _both(_swap("crypto map OUTSIDE-MAP interface outside",
                         "crypto map PARTNER-MAP 10 match address VPN-PARTNER\n"
                         "crypto map PARTNER-MAP 10 set peer 198.18.7.9\n"
                         "crypto map PARTNER-MAP 10 set ikev1 transform-set TS-AES256-SHA\n"
                         "crypto map PARTNER-MAP interface outside"),
                   _swap("access-list OUTSIDE-IN",
                         "access-list VPN-PARTNER extended permit ip 10.1.0.0 255.255.255.0 "
                         "10.77.0.0 255.255.255.0\naccess-list OUTSIDE-IN"),
                   _swap("!\nclass-map", "tunnel-group 198.18.7.9 type ipsec-l2l\n"
                         "tunnel-group 198.18.7.9 ipsec-attributes\n"
                         " ikev1 pre-shared-key *****\n!\nclass-map"))),
        _ios("ios-map-two-on-interface",
             [Peer(**{**vars(p), "state": None, "ipsec": False, "block": False}) for p in ios]
             + [Peer("198.18.7.9", 10, "VPN-TO-HQ", ("10.20.0.0", "255.255.255.0"),
                     ("10.1.0.0", "255.255.255.0"), state="QM_IDLE")],
             _both(_swap(" crypto map VPN-MAP", " crypto map NEW-MAP"),
                   _swap("crypto isakmp keepalive", "crypto isakmp key 6 GHJQbZNHRcVcXDRbGcUJ "
                         "address 198.18.7.9\ncrypto isakmp keepalive"),
                   _swap("!\ninterface GigabitEthernet0/0",
                         "crypto map NEW-MAP 10 ipsec-isakmp\n set peer 198.18.7.9\n"
                         " set transform-set TS-AES256\n match address VPN-TO-HQ\n"
                         "!\ninterface GigabitEthernet0/0"))),
        _asa("asa-map-incomplete", peer(asa, 0, state=None, ipsec=False),
             _drop("crypto map OUTSIDE-MAP 10 set ikev1 transform-set TS-AES256-SHA")),
        _ios("ios-map-incomplete", peer(ios, 1, state=None, ipsec=False, block=False),
             _drop(" match address VPN-TO-DC2")),
        _asa("asa-map-acl-missing", peer(asa, 0, state=None, ipsec=False),
             _drop("access-list VPN-BRANCH-A extended permit ip object LAN-HQ "
                   "object LAN-VPN-BRANCH-A")),
        _ios("ios-map-acl-missing", peer(ios, 1, state=None, ipsec=False, block=False),
             _drop("ip access-list extended VPN-TO-DC2",
                   " permit ip 10.20.0.0 0.0.0.255 10.40.0.0 0.0.255.255")),
        _asa("asa-acl-too-broad", edit=_swap(
            "access-list VPN-BRANCH-A extended permit ip object LAN-HQ object LAN-VPN-BRANCH-A",
            "access-list VPN-BRANCH-A extended permit ip object LAN-HQ any4")),
        _ios("ios-acl-too-broad", edit=_swap(
            " permit ip 10.20.0.0 0.0.0.255 10.1.0.0 0.0.0.255\nip access-list extended VPN-TO-DC2",
            " permit ip 10.20.0.0 0.0.0.255 any\nip access-list extended VPN-TO-DC2")),
        _asa("asa-dynamic-map-order", edit=_swap(
            "crypto map OUTSIDE-MAP 10 match address VPN-BRANCH-A",
            "crypto dynamic-map DYN-RA 5 set ikev1 transform-set TS-AES256-SHA\n"
            "crypto map OUTSIDE-MAP 5 ipsec-isakmp dynamic DYN-RA\n"
            "crypto map OUTSIDE-MAP 10 match address VPN-BRANCH-A")),
        _ios("ios-dynamic-map-order", edit=_swap(
            "crypto map VPN-MAP 10 ipsec-isakmp",
            "crypto dynamic-map DYN-MAP 10\n set transform-set TS-AES256\n!\n"
            "crypto map VPN-MAP 5 ipsec-isakmp dynamic DYN-MAP\ncrypto map VPN-MAP 10 ipsec-isakmp"
        )),
        _asa("asa-tunnel-group-missing", peer(asa, 0, state=None, ipsec=False),
             _drop("tunnel-group 203.0.113.2 type ipsec-l2l",
                   "tunnel-group 203.0.113.2 general-attributes",
                   "tunnel-group 203.0.113.2 ipsec-attributes")),
        _ios("ios-psk-missing", peer(ios, 0, state="MM_NO_STATE", ipsec=False),
             _drop("crypto isakmp key 6 FJZQbZNHRcVcXDRbGcUJbEjTLAAB address 198.51.100.2")),
        _asa("asa-sysopt-permit-vpn-off", edit=_swap(
            "telnet timeout 5", "no sysopt connection permit-vpn\ntelnet timeout 5")),
        _asa("asa-weak-ike-policy", edit=_swap(
            "telnet timeout 5", "crypto ikev1 policy 20\n authentication pre-share\n"
            " encryption 3des\n hash md5\n group 2\n lifetime 86400\ntelnet timeout 5")),
        _ios("ios-weak-ike-policy", edit=_swap(
            "crypto isakmp key", "crypto isakmp policy 20\n encr 3des\n hash md5\n"
            " authentication pre-share\n group 2\ncrypto isakmp key")),
        _asa("asa-weak-transform", edit=_both(
            _swap("crypto ipsec ikev1 transform-set TS-AES256-SHA esp-aes-256 esp-sha-hmac",
                  "crypto ipsec ikev1 transform-set TS-AES256-SHA esp-aes-256 esp-sha-hmac\n"
                  "crypto ipsec ikev1 transform-set TS-3DES-MD5 esp-3des esp-md5-hmac"),
            _swap("crypto map OUTSIDE-MAP 10 set ikev1 transform-set TS-AES256-SHA",
                  "crypto map OUTSIDE-MAP 10 set ikev1 transform-set TS-3DES-MD5"))),
        _ios("ios-weak-transform", edit=_both(
            _swap(" mode tunnel\n", " mode tunnel\ncrypto ipsec transform-set TS-3DES "
                                    "esp-3des esp-md5-hmac\n mode tunnel\n"),
            _swap(" set peer 192.0.2.77\n set transform-set TS-AES256",
                  " set peer 192.0.2.77\n set transform-set TS-3DES"))),
        # issue 11: an IKEv2 weak proposal on IOS gets `crypto ikev2 proposal` lines, and an ASA
        # IKEv2 ipsec-proposal gets `set ikev2 ipsec-proposal`, never IKEv1 syntax
        _ios("ios-weak-ikev2-proposal", ikev2=True, edit=_both(
            _swap(" encryption aes-cbc-256\n integrity sha256\n group 14\n",
                  " encryption aes-cbc-256\n integrity sha256\n group 14\n!\n"
                  "crypto ikev2 proposal PROP-3DES\n encryption 3des\n integrity sha1\n"
                  " group 2\n"),
            _swap("\n proposal PROP-AES256\n", "\n proposal PROP-3DES\n proposal PROP-AES256\n"))),
        _asa("asa-weak-ikev2-ipsec-proposal", edit=_both(
            _swap(" protocol esp integrity sha-256\n",
                  " protocol esp integrity sha-256\ncrypto ipsec ikev2 ipsec-proposal PROP-3DES\n"
                  " protocol esp encryption 3des\n protocol esp integrity md5\n"),
            _swap("set ikev2 ipsec-proposal PROP-AES256",
                  "set ikev2 ipsec-proposal PROP-3DES PROP-AES256"))),
        _asa("asa-psk-wildcard", edit=_swap(
            "!\nclass-map", "tunnel-group DefaultL2LGroup ipsec-attributes\n"
                            " ikev1 pre-shared-key *****\n!\nclass-map")),
        _ios("ios-psk-wildcard", edit=_swap(
            "crypto isakmp keepalive", "crypto isakmp key 6 RWxQPdDWWLRHVVRWaQADDJBbLdHYAAB "
                                       "address 0.0.0.0 0.0.0.0\ncrypto isakmp keepalive")),
        _asa("asa-aggressive-mode", edit=_drop("crypto ikev1 am-disable")),
        _ios("ios-aggressive-mode", edit=_drop("crypto isakmp aggressive-mode disable")),
        _asa("asa-dpd-missing", edit=_swap(
            " ikev1 pre-shared-key *****",
            " ikev1 pre-shared-key *****\n isakmp keepalive disable")),
        _ios("ios-dpd-missing", edit=_drop("crypto isakmp keepalive 10 3 periodic")),
        _asa("asa-certificate-expired", edit=_both(
            _swap(" ikev1 pre-shared-key *****", " ikev1 trust-point VPN-TP"),
            _swap("crypto ca trustpool policy",
                  "crypto ca trustpoint VPN-TP\n enrollment terminal\n"
                  " subject-name CN=vpn-fw.example.net\n keypair VPN-KEY\n"
                  "crypto ca trustpool policy"),
            _swap(" authentication pre-share\n encryption aes-256\n hash sha",
                  " authentication rsa-sig\n encryption aes-256\n hash sha")),
             extra=[("show clock", CLOCK_ASA), ("show crypto ca certificates", ASA_CERTS)]),
        _ios("ios-certificate-expired", edit=_swap(
            " authentication pre-share\n group 14",
            " authentication rsa-sig\n group 14"),
             extra=[("show clock", CLOCK_IOS), ("show crypto pki certificates", IOS_CERTS)]),
        # IKE phase 1
        _asa("asa-p1-no-response", peer(asa, 0, state="MM_WAIT_MSG2", ipsec=False)),
        _ios("ios-p1-no-response", peer(ios, 0, state="MM_NO_STATE", ipsec=False)),
        _asa("asa-p1-responder-wait3", peer(asa, 0, state="MM_WAIT_MSG3", role="responder",
                                            ipsec=False)),
        _asa("asa-p1-proposal-mismatch", peer(asa, 0, state="MM_WAIT_MSG2", ipsec=False),
             logs=asa_logs("%ASA-5-713257: IP = 203.0.113.2, Phase 1 failure: Mismatched "
                           "attribute types for class Group:  Rcv'd: Group 14  Cfg'd: Group 5")),
        _ios("ios-p1-proposal-mismatch", peer(ios, 0, state="MM_NO_STATE", ipsec=False),
             logs=ios_logs("ISAKMP (0): received packet from 198.51.100.2 dport 500 sport 500 "
                           "Global (I) MM_NO_STATE",
                           "ISAKMP:(0):atts are not acceptable. Next payload is 3",
                           "ISAKMP:(0):no offers accepted!",
                           "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with "
                           "peer at 198.51.100.2")),
        _asa("asa-p1-dh-nat-t", peer(asa, 0, state="MM_WAIT_MSG4", ipsec=False)),
        _ios("ios-p1-dh-nat-t", peer(ios, 0, state="MM_SA_SETUP", ipsec=False)),
        _asa("asa-p1-responder-msg5", peer(asa, 0, state="MM_WAIT_MSG5", role="responder",
                                           ipsec=False)),
        _asa("asa-p1-psk-mismatch", peer(asa, 0, state="MM_WAIT_MSG6", ipsec=False),
             logs=asa_logs("%ASA-3-713902: Group = 203.0.113.2, IP = 203.0.113.2, Removing "
                           "peer from peer table failed, no match!",
                           "%ASA-4-713903: Group = 203.0.113.2, IP = 203.0.113.2, Error: "
                           "Unable to remove PeerTblEntry")),
        _ios("ios-p1-psk-mismatch", peer(ios, 0, state="MM_KEY_EXCH", ipsec=False),
             logs=ios_logs("%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.2 failed "
                           "its sanity check or is malformed")),
        _asa("asa-peer-id-mismatch", peer(asa, 0, state="MM_WAIT_MSG6", ipsec=False),
             logs=asa_logs("%ASA-3-713131: Group = 203.0.113.2, IP = 203.0.113.2, Received "
                           "invalid phase 1 ID")),
        _ios("ios-peer-identity-hostname", peer(ios, 0, state=None, ipsec=False),
             _swap("crypto isakmp keepalive", "crypto isakmp identity hostname\n"
                                              "crypto isakmp keepalive")),
        _asa("asa-wrong-peer-address",
             peer(asa, 0, state=None, ipsec=False) + [Peer(
                 "203.0.113.200", 10, "VPN-BRANCH-A", ("10.1.0.0", "255.255.255.0"),
                 ("10.20.0.0", "255.255.255.0"), state="MM_WAIT_MSG3", role="responder",
                 ipsec=False)]),
        _ios("ios-wrong-peer-address",
             peer(ios, 0, state=None, ipsec=False) + [Peer(
                 "198.51.100.99", 10, "VPN-TO-HQ", ("10.20.0.0", "255.255.255.0"),
                 ("10.1.0.0", "255.255.255.0"), state="MM_NO_STATE", role="responder",
                 ipsec=False, block=False)]),
        _asa("asa-ikev1-ikev2-mismatch", peer(asa, 0, state="MM_WAIT_MSG2", ipsec=False)),
        _ios("ios-ikev1-ikev2-mismatch", peer(ios, 0, state="MM_NO_STATE", ipsec=False)),
        _asa("asa-ikev2-in-neg", peer(asa, 1, state="IN-NEG", ipsec=False)),
        _ios("ios-ikev2-in-neg", peer(ios2, 1, state="IN-NEG", ipsec=False), ikev2=True),
        _asa("asa-ikev2-no-proposal", peer(asa, 1, state="IN-NEG", ipsec=False),
             logs=asa_logs("%ASA-4-750003: Local:198.51.100.2:500 Remote:192.0.2.45:500 "
                           "Username:192.0.2.45 IKEv2 Negotiation aborted due to ERROR: Failed "
                           "to find a matching policy")),
        _asa("asa-ikev2-auth-fail", peer(asa, 1, state=None, ipsec=False),
             _drop(" ikev2 local-authentication pre-shared-key *****")),
        _ios("ios-ikev2-auth-fail", peer(ios2, 1, state="IN-NEG", ipsec=False), ikev2=True,
             logs=ios_logs("IKEv2:(SESSION ID = 12,SA ID = 1):Received Packet [From "
                           "192.0.2.77:500/To 203.0.113.2:500/VRF i0:f0]",
                           "IKEv2:(SESSION ID = 12,SA ID = 1):Processing IKE_AUTH message: "
                           "Notify AUTHENTICATION_FAILED")),
        _asa("asa-ikev2-ts-unacceptable", peer(asa, 1, ipsec=False),
             logs=asa_logs("%ASA-4-750003: Local:198.51.100.2:500 Remote:192.0.2.45:500 "
                           "Username:192.0.2.45 IKEv2 Negotiation aborted due to ERROR: "
                           "Received TS_UNACCEPTABLE notify")),
        _asa("asa-ikev2-delete", peer(asa, 1, state="DELETE", ipsec=False)),
        _ios("ios-ikev2-delete", peer(ios2, 1, state="DELETE", ipsec=False), ikev2=True),
        # IPsec phase 2
        _asa("asa-p1-up-no-p2", peer(asa, 0, ipsec=False)),
        _ios("ios-p1-up-no-p2", peer(ios, 0, ipsec=False)),
        _ios("ios-ikev2-up-no-child", peer(ios2, 1, ipsec=False), ikev2=True),
        _asa("asa-proxy-id-mismatch", peer(asa, 0, ipsec=False),
             logs=asa_logs("%ASA-3-713061: Group = 203.0.113.2, IP = 203.0.113.2, Rejecting "
                           "IPSec tunnel: no matching crypto map entry for remote proxy "
                           "10.20.0.0/255.255.255.0/0/0 local proxy 10.1.0.0/255.255.255.0/0/0 "
                           "on interface outside")),
        _ios("ios-proxy-id-mismatch", peer(ios, 0, ipsec=False),
             logs=ios_logs("ISAKMP (1001): received packet from 198.51.100.2 dport 500 sport "
                           "500 Global (I) QM_IDLE",
                           "IPSEC(validate_transform_proposal): proxy identities not supported",
                           "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with "
                           "peer at 198.51.100.2")),
        _asa("asa-transform-mismatch", peer(asa, 0, ipsec=False),
             logs=asa_logs("%ASA-5-713904: Group = 203.0.113.2, IP = 203.0.113.2, All IPSec "
                           "SA proposals found unacceptable!")),
        _ios("ios-transform-mismatch", peer(ios, 0, ipsec=False),
             logs=ios_logs("ISAKMP (1001): received packet from 198.51.100.2 dport 500 sport "
                           "500 Global (I) QM_IDLE",
                           "ISAKMP:(1001):Checking IPSec proposal 1",
                           "ISAKMP:(1001):atts are not acceptable.",
                           "IPSEC(validate_proposal_request): proposal part #1",
                           "ISAKMP:(1001): IPSec policy invalidated proposal with error 256",
                           "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with "
                           "peer at 198.51.100.2")),
        _asa("asa-pfs-mismatch", peer(asa, 1, ipsec=False, version="ikev1", state="MM_ACTIVE"),
             logs=asa_logs("%ASA-5-713257: IP = 192.0.2.45, Phase 2 failure: Mismatched "
                           "attribute types for class Group Description:  Rcv'd: Unknown  "
                           "Cfg'd: Group 14")),
        _ios("ios-lifetime-mismatch", logs=ios_logs(
            "ISAKMP (1001): received packet from 198.51.100.2 dport 500 sport 500 Global (I) "
            "QM_IDLE",
            "ISAKMP:(1001):processing NOTIFY RESPONDER_LIFETIME protocol 3")),
        _asa("asa-encaps-no-decaps", peer(asa, 0, decaps=0)),
        _ios("ios-encaps-no-decaps", peer(ios, 0, decaps=0)),
        _asa("asa-decaps-no-encaps", peer(asa, 0, encaps=0)),
        _ios("ios-decaps-no-encaps", peer(ios, 0, encaps=0)),
        _asa("asa-encaps-zero-nat", peer(asa, 0, encaps=0), _drop(
            "nat (inside,outside) source static LAN-HQ LAN-HQ destination static "
            "LAN-VPN-BRANCH-A LAN-VPN-BRANCH-A no-proxy-arp route-lookup")),
        _ios("ios-encaps-zero-nat", peer(ios, 0, encaps=0), _drop(
            " deny   ip 10.20.0.0 0.0.0.255 10.1.0.0 0.0.0.255")),
        _asa("asa-encaps-zero-route", peer(asa, 0, encaps=0), _swap(
            "route outside 0.0.0.0 0.0.0.0 198.51.100.1 1",
            "route outside 0.0.0.0 0.0.0.0 198.51.100.1 1\n"
            "route inside 10.20.0.0 255.255.255.0 10.1.0.254 1")),
        _ios("ios-encaps-zero-route", peer(ios, 0, encaps=0), _swap(
            "ip route 0.0.0.0 0.0.0.0 203.0.113.1",
            "ip route 0.0.0.0 0.0.0.0 203.0.113.1\nip route 10.1.0.0 255.255.255.0 10.20.0.254")),
        _asa("asa-no-traffic", peer(asa, 0, encaps=0, decaps=0)),
        _ios("ios-no-traffic", peer(ios, 0, encaps=0, decaps=0)),
        _asa("asa-send-errors", peer(asa, 0, send_errors=1432)),
        _ios("ios-send-errors", peer(ios, 0, send_errors=877)),
        _asa("asa-recv-errors", peer(asa, 0, recv_errors=87)),
        _ios("ios-recv-errors", peer(ios, 0, recv_errors=41)),
        _asa("asa-replay-failures", peer(asa, 0, replay_failed=532), detail=True),
        _ios("ios-replay-failures", peer(ios, 0, replay_failed=211), detail=True),
        _asa("asa-invalid-spi", peer(asa, 0, decaps=0),
             logs=asa_logs("%ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x5B2C1D3E, "
                           "sequence number= 0x1A) from 203.0.113.2 to 198.51.100.2 with an "
                           "invalid SPI.")),
        _ios("ios-invalid-spi", peer(ios, 0, decaps=0),
             logs=ios_logs("%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid "
                           "spi for destaddr=203.0.113.2, prot=50, spi=0x4B2A1C3D(1261050941), "
                           "srcaddr=198.51.100.2, input interface=GigabitEthernet0/0")),
        _asa("asa-nat-t-blocked", peer(asa, 0, decaps=0, nat_t=True)),
        _ios("ios-nat-t-blocked", peer(ios, 0, decaps=0, nat_t=True)),
        _asa("asa-nat-t-disabled", peer(asa, 0, decaps=0), _swap(
            "crypto ikev1 am-disable", "crypto ikev1 am-disable\nno crypto isakmp nat-traversal")),
        _ios("ios-nat-t-disabled", peer(ios, 0, decaps=0), _swap(
            " mode tunnel\n",
            " mode tunnel\nno crypto ipsec nat-transparency udp-encapsulation\n")),
        _asa("asa-mtu-fragmentation", peer(asa, 0, prefrag_failures=212, pmtus_rcvd=19,
                                           path_mtu=1400)),
        _ios("ios-mtu-fragmentation", peer(ios, 0, path_mtu=1400)),
        # FTD: the same outputs from the CLISH `>` prompt, FMC-side fixes
        Scenario("ftd-encaps-no-decaps", "ftd", peer(asa, 0, decaps=0),
                 asa_config(asa_peers())),
        Scenario("ftd-ike-not-enabled", "ftd", peer(asa, 0, state="MM_WAIT_MSG2", ipsec=False),
                 asa_config(asa_peers()).replace("crypto ikev1 enable outside\n", "")),
        # FTD: weak IKE policy and transform set, and a proposal mismatch (fixes in FMC/FDM)
        Scenario("ftd-weak-crypto", "ftd", asa, _both(
            _swap("telnet timeout 5", "crypto ikev1 policy 20\n authentication pre-share\n"
                  " encryption 3des\n hash md5\n group 2\n lifetime 86400\ntelnet timeout 5"),
            _swap("crypto ipsec ikev1 transform-set TS-AES256-SHA esp-aes-256 esp-sha-hmac",
                  "crypto ipsec ikev1 transform-set TS-AES256-SHA esp-aes-256 esp-sha-hmac\n"
                  "crypto ipsec ikev1 transform-set TS-3DES-MD5 esp-3des esp-md5-hmac"),
            _swap("crypto map OUTSIDE-MAP 10 set ikev1 transform-set TS-AES256-SHA",
                  "crypto map OUTSIDE-MAP 10 set ikev1 transform-set TS-AES256-SHA "
                  "TS-3DES-MD5"))(asa_config(asa_peers()))),
        Scenario("ftd-p1-proposal-mismatch", "ftd",
                 peer(asa, 0, state="MM_WAIT_MSG2", ipsec=False), asa_config(asa_peers()),
                 logs=asa_logs("%ASA-5-713257: IP = 203.0.113.2, Phase 1 failure: Mismatched "
                               "attribute types for class Group:  Rcv'd: Group 14  "
                               "Cfg'd: Group 5")),
        # manual keying
        _ios("ios-manual-keying", ios, _swap(
            "!\n!\n!\ninterface GigabitEthernet0/0",
            "crypto map VPN-MAP 30 ipsec-manual\n set peer 192.0.2.150\n"
            " set session-key inbound esp 300 cipher 6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e "
            "authenticator 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567\n"
            " set session-key outbound esp 301 cipher 7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d "
            "authenticator 1b2c3d4e5f60718293a4b5c6d7e8f90123456789\n"
            " set transform-set TS-MANUAL\n match address VPN-MANUAL\n"
            "!\n!\n!\ninterface GigabitEthernet0/0")),
        _ios("ios-manual-key-length", ios, _swap(
            "!\n!\n!\ninterface GigabitEthernet0/0",
            "crypto map VPN-MAP 30 ipsec-manual\n set peer 192.0.2.150\n"
            " set session-key inbound esp 300 cipher 6f1c2d3e4f5a6b7c "
            "authenticator 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567\n"
            " set session-key outbound esp 301 cipher 7a8b9c0d1e2f3a4b "
            "authenticator 1b2c3d4e5f60718293a4b5c6d7e8f90123456789\n"
            " set transform-set TS-MANUAL\n match address VPN-MANUAL\n"
            "!\n!\n!\ninterface GigabitEthernet0/0")),
        _ios("ios-manual-key-not-mirrored",
             [*ios, Peer("192.0.2.150", 30, "VPN-MANUAL", ("10.20.0.0", "255.255.255.0"),
                           ("10.60.0.0", "255.255.255.0"), state=None, decaps=0)],
             _swap("!\n!\n!\ninterface GigabitEthernet0/0",
                   "crypto map VPN-MAP 30 ipsec-manual\n set peer 192.0.2.150\n"
                   " set session-key inbound esp 300 cipher 6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e "
                   "authenticator 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567\n"
                   " set session-key outbound esp 301 cipher 7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d "
                   "authenticator 1b2c3d4e5f60718293a4b5c6d7e8f90123456789\n"
                   " set transform-set TS-MANUAL\n match address VPN-MANUAL\n"
                   "!\n!\n!\ninterface GigabitEthernet0/0"),
             logs=ios_logs("%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid "
                           "spi for destaddr=203.0.113.2, prot=50, spi=0x12D(301), "
                           "srcaddr=192.0.2.150")),
    ]


def _manual_extras(scenario: Scenario) -> Scenario:
    """The manual scenarios also need the transform set and ACL their entry names."""
    if "manual" in scenario.name and scenario.platform == "ios":
        scenario.config = scenario.config.replace(
            " mode tunnel\n", " mode tunnel\ncrypto ipsec transform-set TS-MANUAL esp-aes "
                              "esp-sha-hmac\n mode tunnel\n", 1).replace(
            "ip access-list extended MGMT", "ip access-list extended VPN-MANUAL\n"
            " permit ip 10.20.0.0 0.0.0.255 10.60.0.0 0.0.0.255\nip access-list extended MGMT")
    return scenario


PIX_MANUAL = """PIX Version 6.3(5)
interface ethernet0 auto
interface ethernet1 100full
nameif ethernet0 outside security0
nameif ethernet1 inside security100
enable password 8Ry2YjIyt7RRXU24 encrypted
passwd 2KFQnbNIdI.2KYOU encrypted
hostname pix-branch
domain-name example.net
fixup protocol dns maximum-length 512
fixup protocol ftp 21
names
access-list VPN-MANUAL permit ip 10.5.0.0 255.255.255.0 10.6.0.0 255.255.255.0
access-list NONAT permit ip 10.5.0.0 255.255.255.0 10.6.0.0 255.255.255.0
pager lines 24
mtu outside 1500
mtu inside 1500
ip address outside 198.51.100.10 255.255.255.248
ip address inside 10.5.0.1 255.255.255.0
global (outside) 1 interface
nat (inside) 0 access-list NONAT
nat (inside) 1 0.0.0.0 0.0.0.0 0 0
route outside 0.0.0.0 0.0.0.0 198.51.100.9 1
sysopt connection permit-ipsec
crypto ipsec transform-set TS-MANUAL esp-aes esp-sha-hmac
crypto map MANUAL-MAP 10 ipsec-manual
crypto map MANUAL-MAP 10 match address VPN-MANUAL
crypto map MANUAL-MAP 10 set peer 192.0.2.200
crypto map MANUAL-MAP 10 set transform-set TS-MANUAL
{session_keys}
crypto map MANUAL-MAP interface outside
telnet timeout 5
ssh 10.5.0.0 255.255.255.0 inside
ssh timeout 5
terminal width 80
Cryptochecksum:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d
: end"""


def pix_manual(name: str, in_spi: int, in_cipher: str) -> str:
    keys = "\n".join([
        f"crypto map MANUAL-MAP 10 set session-key inbound esp {in_spi} cipher {in_cipher} "
        "authenticator 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
        "crypto map MANUAL-MAP 10 set session-key outbound esp 301 cipher "
        "7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d authenticator 1b2c3d4e5f60718293a4b5c6d7e8f90123456789"])
    config = PIX_MANUAL.format(session_keys=keys)
    prompt = "pix-branch# "
    lines = [prompt + "write terminal", "Building configuration...",
             ": Saved", ":", *config.split("\n"), "[OK]", prompt]
    return "\n".join(lines) + "\n"


PIX = {
    "pix-manual-keying": pix_manual("pix-manual-keying", 300,
                                    "6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"),
    "pix-manual-key-length": pix_manual("pix-manual-key-length", 300, "6f1c2d3e4f5a6b7c"),
    "pix-manual-key-not-mirrored": pix_manual("pix-manual-key-not-mirrored", 200,
                                              "6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"),
}


def recordings() -> dict[str, str]:
    """File name (without .log) -> the recording's text."""
    from tests.crypto.kit import build

    out = {s.name: build(_manual_extras(s)) for s in _scenarios()}
    out.update(PIX)
    return out
