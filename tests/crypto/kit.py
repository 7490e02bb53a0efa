"""Builds the crypto recordings in recordings/fixtures/crypto/ from small scenarios.

A scenario is a healthy device (an ASA L2L headend or an IOS branch router) plus the one
change that makes the fault: a config line removed or altered, a peer stuck in a state, a
counter at zero, a log line. The outputs are written the way the devices print them (ASA 9.x
and IOS 15.x formats, spacing included) and assembled into a terminal log with prompts.
`make_recordings.py` writes the files; `test_recordings.py` checks the files are what the
scenarios produce, so a fixture is never edited by hand without its scenario.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace


@dataclass
class Peer:
    ip: str
    seq: int
    acl: str
    local: tuple[str, str]  # network, mask
    remote: tuple[str, str]
    version: str = "ikev1"
    state: str | None = "MM_ACTIVE"  # IKE state; None = no IKE SA
    role: str = "initiator"
    ipsec: bool = True  # an SA block with SPIs
    encaps: int = 184233
    decaps: int = 179410
    send_errors: int = 0
    recv_errors: int = 0
    nat_t: bool = False
    prefrag_failures: int = 0
    pmtus_rcvd: int = 0
    path_mtu: int = 1500
    replay_failed: int = 0
    invalid_sa: int = 0
    block: bool = True  # IOS prints a block for a configured peer even without SA


@dataclass
class Scenario:
    name: str
    platform: str  # asa / ios
    peers: list[Peer]
    config: str
    logs: list[str] = field(default_factory=list)
    detail: bool = False  # show crypto ipsec sa detail
    extra: list[tuple[str, str]] = field(default_factory=list)  # (command, output)
    isakmp: bool = True  # capture `show crypto isakmp sa`
    ipsec: bool = True


# -- ASA ------------------------------------------------------------------------------------
ASA_HOST = "vpn-fw"
ASA_OUTSIDE = "198.51.100.2"


def asa_peers() -> list[Peer]:
    return [
        Peer("203.0.113.2", 10, "VPN-BRANCH-A", ("10.1.0.0", "255.255.255.0"),
             ("10.20.0.0", "255.255.255.0")),
        Peer("192.0.2.45", 20, "VPN-BRANCH-B", ("10.1.0.0", "255.255.255.0"),
             ("10.30.0.0", "255.255.255.0"), version="ikev2", state="READY",
             encaps=99120, decaps=97811),
    ]


def asa_config(peers: list[Peer]) -> str:
    lines = [
        ": Saved", ":", ": Serial Number: FCH2219J0AB", ": Hardware:   ASA5525, 8192 MB RAM",
        ":", "ASA Version 9.16(4)", "!", "hostname vpn-fw", "domain-name example.net",
        "enable password ***** pbkdf2", "names", "no mac-address auto", "!",
        "interface GigabitEthernet0/0", " nameif outside", " security-level 0",
        f" ip address {ASA_OUTSIDE} 255.255.255.248", "!",
        "interface GigabitEthernet0/1", " nameif inside", " security-level 100",
        " ip address 10.1.0.1 255.255.255.0", "!",
        "interface Management0/0", " management-only", " nameif management",
        " security-level 100", " ip address 192.168.99.2 255.255.255.0", "!",
        "ftp mode passive", "dns server-group DefaultDNS", " domain-name example.net",
        "object network LAN-HQ", " subnet 10.1.0.0 255.255.255.0",
        "object network INSIDE-NET", " subnet 10.1.0.0 255.255.255.0",
    ]
    for peer in peers:
        lines += [f"object network LAN-{peer.acl}", f" subnet {peer.remote[0]} {peer.remote[1]}"]
    for peer in peers:
        lines.append(f"access-list {peer.acl} extended permit ip object LAN-HQ object "
                     f"LAN-{peer.acl}")
    lines += ["access-list OUTSIDE-IN extended deny ip any any log", "pager lines 24",
              "logging enable", "logging timestamp", "logging buffered informational",
              "mtu outside 1500", "mtu inside 1500", "mtu management 1500",
              "no failover", "icmp unreachable rate-limit 1 burst-size 1",
              "no asdm history enable", "arp timeout 14400"]
    for peer in peers:
        lines.append(f"nat (inside,outside) source static LAN-HQ LAN-HQ destination static "
                     f"LAN-{peer.acl} LAN-{peer.acl} no-proxy-arp route-lookup")
    lines += ["!", "object network INSIDE-NET", " nat (inside,outside) dynamic interface",
              "access-group OUTSIDE-IN in interface outside",
              "route outside 0.0.0.0 0.0.0.0 198.51.100.1 1",
              "timeout xlate 3:00:00", "user-identity default-domain LOCAL",
              "aaa authentication ssh console LOCAL", "http server enable",
              "http 192.168.99.0 255.255.255.0 management", "no snmp-server location",
              "no snmp-server contact",
              "crypto ipsec ikev1 transform-set TS-AES256-SHA esp-aes-256 esp-sha-hmac",
              "crypto ipsec ikev2 ipsec-proposal PROP-AES256",
              " protocol esp encryption aes-256", " protocol esp integrity sha-256",
              "crypto ipsec security-association pmtu-aging infinite"]
    for peer in peers:
        name = "OUTSIDE-MAP"
        lines.append(f"crypto map {name} {peer.seq} match address {peer.acl}")
        if peer.version == "ikev2":
            lines.append(f"crypto map {name} {peer.seq} set pfs group14")
        lines.append(f"crypto map {name} {peer.seq} set peer {peer.ip}")
        if peer.version == "ikev2":
            lines.append(f"crypto map {name} {peer.seq} set ikev2 ipsec-proposal PROP-AES256")
        else:
            lines.append(f"crypto map {name} {peer.seq} set ikev1 transform-set TS-AES256-SHA")
    lines += ["crypto map OUTSIDE-MAP interface outside",
              "crypto ca trustpool policy",
              "crypto ikev2 policy 10", " encryption aes-256", " integrity sha256",
              " group 14", " prf sha256", " lifetime seconds 86400",
              "crypto ikev2 enable outside", "crypto ikev1 enable outside",
              "crypto ikev1 am-disable",
              "crypto ikev1 policy 10", " authentication pre-share", " encryption aes-256",
              " hash sha", " group 14", " lifetime 86400",
              "telnet timeout 5", "ssh 192.168.99.0 255.255.255.0 management",
              "ssh timeout 10", "ssh version 2", "console timeout 10",
              "threat-detection basic-threat",
              "ntp server 192.0.2.123 source outside prefer",
              "group-policy GP-L2L internal", "group-policy GP-L2L attributes",
              " vpn-tunnel-protocol ikev1 ikev2",
              "username netops password ***** pbkdf2 privilege 15"]
    for peer in peers:
        lines += [f"tunnel-group {peer.ip} type ipsec-l2l",
                  f"tunnel-group {peer.ip} general-attributes",
                  " default-group-policy GP-L2L",
                  f"tunnel-group {peer.ip} ipsec-attributes"]
        if peer.version == "ikev2":
            lines += [" ikev2 remote-authentication pre-shared-key *****",
                      " ikev2 local-authentication pre-shared-key *****"]
        else:
            lines.append(" ikev1 pre-shared-key *****")
    lines += ["!", "class-map inspection_default", " match default-inspection-traffic",
              "!", "policy-map global_policy", " class inspection_default",
              "  inspect dns", "  inspect icmp", "!",
              "service-policy global_policy global", "prompt hostname context",
              "Cryptochecksum:6f1a2b3c4d5e6f708192a3b4c5d6e7f8", ": end"]
    return "\n".join(lines)


def _asa_isakmp(peers: list[Peer]) -> str:
    v1 = [p for p in peers if p.version == "ikev1" and p.state]
    v2 = [p for p in peers if p.version == "ikev2" and p.state]
    out: list[str] = []
    if v1:
        active = sum(1 for p in v1 if p.state in ("MM_ACTIVE", "AM_ACTIVE"))
        out += ["IKEv1 SAs:", "", f"   Active SA: {active}",
                "    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)",
                f"Total IKE SA: {len(v1)}", ""]
        for index, peer in enumerate(v1, 1):
            out += [f"{index}   IKE Peer: {peer.ip}",
                    f"    Type    : L2L             Role    : {peer.role:<10}",
                    f"    Rekey   : no              State   : {peer.state:<10}"]
        out.append("")
    else:
        out += ["There are no IKEv1 SAs", ""]
    if v2:
        out += ["IKEv2 SAs:", ""]
        for index, peer in enumerate(v2, 7):
            children = 1 if peer.ipsec and peer.state == "READY" else 0
            status = {"READY": "UP-ACTIVE", "IN-NEG": "UP-IN-NEG", "DELETE": "UP-DELETE"}.get(
                peer.state or "", "UP-ACTIVE")
            out += [f"Session-id:{index}, Status:{status}, IKE count:1, CHILD count:{children}",
                    "",
                    "Tunnel-id                 Local                                        "
                    "       Remote                                              Status      "
                    "   Role",
                    f"{473463825 + index:>10} {ASA_OUTSIDE + '/500':<55}"
                    f"{peer.ip + '/500':<52}{peer.state:<9}"
                    f"{peer.role.upper()}"]
            if peer.state == "READY":
                out += ["      Encr: AES-CBC, keysize: 256, Hash: SHA256, DH Grp:14, Auth sign: "
                        "PSK, Auth verify: PSK", "      Life/Active Time: 86400/5407 sec"]
                if children:
                    out += [f"Child sa: local selector  {peer.local[0]}/0 - "
                            f"{_last(peer.local)}/65535",
                            f"          remote selector {peer.remote[0]}/0 - "
                            f"{_last(peer.remote)}/65535",
                            "          ESP spi in/out: 0x2b0d4a5c/0x9e3c1f27  "]
            else:
                out += ["      Encr: Unknown, keysize: 0, Hash: Unknown, DH Grp:0, Auth sign: "
                        "Unknown, Auth verify: Unknown", "      Life/Active Time: 86400/0 sec"]
            out.append("")
    else:
        out += ["There are no IKEv2 SAs"]
    return "\n".join(out)


def _last(net: tuple[str, str]) -> str:
    import ipaddress

    return str(ipaddress.ip_network(f"{net[0]}/{net[1]}", strict=False).broadcast_address)


def _asa_ipsec(peers: list[Peer], detail: bool, rng: random.Random) -> str:
    blocks = [p for p in peers if p.ipsec]
    if not blocks:
        return "There are no ipsec sas"
    out = ["interface: outside"]
    for peer in blocks:
        spi_in, spi_out = rng.randrange(0x10000000, 0xFFFFFFFF), rng.randrange(0x10000000,
                                                                               0xFFFFFFFF)
        port = "4500" if peer.nat_t else "500"
        overhead = "82(52)" if peer.nat_t else "74(44)"
        settings = "L2L, Tunnel, " + (" NAT-T-Encaps, " if peer.nat_t else "") + (
            "PFS Group 14, IKEv2" if peer.version == "ikev2" else "IKEv1")
        transform = ("esp-aes-256 esp-sha-256-hmac no compression" if peer.version == "ikev2"
                     else "esp-aes-256 esp-sha-hmac no compression")
        out += [f"    Crypto map tag: OUTSIDE-MAP, seq num: {peer.seq}, local addr: "
                f"{ASA_OUTSIDE}", "",
                f"      access-list {peer.acl} extended permit ip {peer.local[0]} "
                f"{peer.local[1]} {peer.remote[0]} {peer.remote[1]}",
                f"      local ident (addr/mask/prot/port): ({peer.local[0]}/{peer.local[1]}/0/0)",
                f"      remote ident (addr/mask/prot/port): ({peer.remote[0]}/"
                f"{peer.remote[1]}/0/0)",
                f"      current_peer: {peer.ip}", "", "",
                f"      #pkts encaps: {peer.encaps}, #pkts encrypt: {peer.encaps}, "
                f"#pkts digest: {peer.encaps}",
                f"      #pkts decaps: {peer.decaps}, #pkts decrypt: {peer.decaps}, "
                f"#pkts verify: {peer.decaps}",
                "      #pkts compressed: 0, #pkts decompressed: 0",
                f"      #pkts not compressed: {peer.encaps}, #pkts comp failed: 0, "
                "#pkts decomp failed: 0",
                f"      #pre-frag successes: 0, #pre-frag failures: {peer.prefrag_failures}, "
                "#fragments created: 0",
                f"      #PMTUs sent: 0, #PMTUs rcvd: {peer.pmtus_rcvd}, "
                "#decapsulated frgs needing reassembly: 0",
                "      #TFC rcvd: 0, #TFC sent: 0",
                "      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0",
                f"      #send errors: {peer.send_errors}, #recv errors: {peer.recv_errors}"]
        if detail:
            out += [f"      #pkts no sa (send): 0, #pkts invalid sa (rcv): {peer.invalid_sa}",
                    "      #pkts encaps failed (send): 0, #pkts decaps failed (rcv): 0",
                    f"      #pkts invalid prot (rcv): 0, #pkts verify failed: "
                    f"{peer.recv_errors}",
                    "      #pkts invalid identity (rcv): 0, #pkts invalid len (rcv): 0",
                    "      #pkts invalid pad (rcv): 0,",
                    "      #pkts invalid ip version (rcv): 0,",
                    "      #pkts replay rollover (send): 0, #pkts replay rollover (rcv): 0",
                    f"      #pkts replay failed (rcv): {peer.replay_failed}",
                    "      #pkts min mtu frag failed (send): 0, #pkts bad frag offset (rcv): 0",
                    "      #pkts internal err (send): 0, #pkts internal err (rcv): 0"]
        out += ["",
                f"      local crypto endpt.: {ASA_OUTSIDE}/{port}, remote crypto endpt.: "
                f"{peer.ip}/{port}",
                f"      path mtu {peer.path_mtu}, ipsec overhead {overhead}, media mtu 1500",
                "      PMTU time remaining (sec): 0, DF policy: copy-df",
                "      ICMP error validation: disabled, TFC packets: disabled",
                f"      current outbound spi: {spi_out:08X}",
                f"      current inbound spi : {spi_in:08X}", "",
                "    inbound esp sas:"]
        for direction, spi in (("in", spi_in), ("out", spi_out)):
            if direction == "out":
                out.append("    outbound esp sas:")
            out += [f"      spi: 0x{spi:08X} ({spi})", "         SA State: active",
                    f"         transform: {transform}",
                    f"         in use settings ={{{settings}, }}",
                    f"         slot: 0, conn_id: {rng.randrange(1, 1 << 28)}, crypto-map: "
                    "OUTSIDE-MAP",
                    f"         sa timing: remaining key lifetime (kB/sec): "
                    f"({rng.randrange(3000000, 4373999)}/{rng.randrange(1000, 28000)})",
                    "         IV size: 16 bytes", "         replay detection support: Y",
                    "         Anti replay bitmap:", "          0xFFFFFFFF 0xFFFFFFFF"]
        out.append("")
    return "\n".join(out).rstrip()


ASA_VERSION = """
Cisco Adaptive Security Appliance Software Version 9.16(4)
SSP Operating System Version 2.10(1.1162)
Device Manager Version 7.18(1)

Compiled on Mon 13-Feb-23 09:15 GMT by builders
System image file is "disk0:/asa9-16-4-smp-k8.bin"
Config file at boot was "startup-config"

vpn-fw up 41 days 3 hours

Hardware:   ASA5525, 8192 MB RAM, CPU Lynnfield 2394 MHz, 1 CPU (4 cores)
""".strip()


FTD_VERSION = """
-------------------[ firepower ]--------------------------
Model                     : Cisco Firepower 2130 Threat Defense (77) Version 7.2.5 (Build 208)
UUID                      : 3e5a1c2e-8f0b-11ee-9a3d-4f1e2b7c9d10
LSP version               : lsp-rel-20231115-1530
VDB version               : 365
----------------------------------------------------
""".strip()


def asa_log(scenario: Scenario) -> str:
    """ASA (prompt `vpn-fw#`) or FTD (CLISH prompt `>`, the same outputs)."""
    rng = random.Random(scenario.name)
    ftd = scenario.platform == "ftd"
    parts: list[tuple[str, str]] = [("show version", FTD_VERSION if ftd else ASA_VERSION),
                                    ("show running-config", scenario.config)]
    if scenario.isakmp:
        parts.append(("show crypto isakmp sa", _asa_isakmp(scenario.peers)))
    if scenario.ipsec:
        command = "show crypto ipsec sa detail" if scenario.detail else "show crypto ipsec sa"
        parts.append((command, _asa_ipsec(scenario.peers, scenario.detail, rng)))
    parts += scenario.extra
    if scenario.logs:
        parts.append(("show logging", "\n".join(
            ["Syslog logging: enabled", "    Facility: 20", "    Timestamp logging: enabled",
             "    Buffer logging: level informational, 4832 messages logged", ""]
            + scenario.logs)))
    return _terminal("> " if ftd else ASA_HOST + "# ", parts)


# -- IOS ------------------------------------------------------------------------------------
IOS_HOST = "branch-rtr"
IOS_OUTSIDE = "203.0.113.2"


def ios_peers(ikev2: bool = False) -> list[Peer]:
    """HQ over IKEv1; DC2 over IKEv1, or over IKEv2 with a profile when `ikev2`."""
    return [
        Peer("198.51.100.2", 10, "VPN-TO-HQ", ("10.20.0.0", "255.255.255.0"),
             ("10.1.0.0", "255.255.255.0"), state="QM_IDLE", encaps=48211, decaps=47960),
        Peer("192.0.2.77", 20, "VPN-TO-DC2", ("10.20.0.0", "255.255.255.0"),
             ("10.40.0.0", "255.255.0.0"), version="ikev2" if ikev2 else "ikev1",
             state="READY" if ikev2 else "QM_IDLE", encaps=1022, decaps=1019),
    ]


def _wild(mask: str) -> str:
    return ".".join(str(255 - int(o)) for o in mask.split("."))


def ios_config(peers: list[Peer]) -> str:
    lines = [
        "Building configuration...", "", "Current configuration : 4512 bytes", "!",
        "! Last configuration change at 09:12:44 UTC Mon Nov 23 2026 by netops", "!",
        "version 15.7", "service timestamps debug datetime msec",
        "service timestamps log datetime msec", "service password-encryption", "!",
        "hostname branch-rtr", "!", "boot-start-marker", "boot-end-marker", "!",
        "logging buffered 64000", "enable secret 9 $9$Kl1Hc9aLx0sXqE$Zx1p9V6bqWq3oF2G7nH0kD",
        "!", "aaa new-model", "aaa authentication login default local",
        "aaa authorization exec default local", "!", "aaa session-id common", "!",
        "ip domain name example.net", "ip cef", "no ipv6 cef", "!",
        "username netops privilege 15 secret 9 $9$uT3rWq0vBn1$Y6eJcK2mP8sQ4wL0zR5tA3", "!",
    ]
    v2 = [p for p in peers if p.version == "ikev2"]
    if v2:
        lines += ["crypto ikev2 proposal PROP-AES256", " encryption aes-cbc-256",
                  " integrity sha256", " group 14", "!", "crypto ikev2 policy POL-AES256",
                  " proposal PROP-AES256", "!", "crypto ikev2 keyring KR-L2L"]
        for peer in v2:
            lines += [f" peer DC2-{peer.seq}", f"  address {peer.ip}",
                      "  pre-shared-key local 6 OBVWZGaaXRXVAJbbHOEFfCdIDUZhLgAAB",
                      "  pre-shared-key remote 6 SgEYZhPOLbAMSTTQTMdPgFbUKgXeBAAB", " !"]
        lines += ["!", "!", "crypto ikev2 profile IKEV2-PROF"]
        lines += [f" match identity remote address {p.ip} 255.255.255.255" for p in v2]
        lines += [" authentication remote pre-share", " authentication local pre-share",
                  " keyring local KR-L2L", " dpd 10 3 periodic", "!", "!"]
    lines += ["crypto isakmp policy 10", " encr aes 256", " hash sha256",
              " authentication pre-share", " group 14"]
    for peer in peers:
        if peer.version == "ikev1":
            lines.append(f"crypto isakmp key 6 FJZQbZNHRcVcXDRbGcUJbEjTLAAB address {peer.ip}")
    lines += ["crypto isakmp keepalive 10 3 periodic", "crypto isakmp aggressive-mode disable",
              "!", "!", "crypto ipsec transform-set TS-AES256 esp-aes 256 esp-sha256-hmac",
              " mode tunnel", "!", "!"]
    for peer in peers:
        lines += [f"crypto map VPN-MAP {peer.seq} ipsec-isakmp",
                  f" set peer {peer.ip}", " set transform-set TS-AES256", " set pfs group14"]
        if peer.version == "ikev2":
            lines.append(" set ikev2-profile IKEV2-PROF")
        lines.append(f" match address {peer.acl}")
    lines += ["!", "!", "!", "interface GigabitEthernet0/0", " description WAN",
              f" ip address {IOS_OUTSIDE} 255.255.255.252", " ip nat outside",
              " ip virtual-reassembly in", " duplex auto", " speed auto",
              " crypto map VPN-MAP", "!", "interface GigabitEthernet0/1", " description LAN",
              " ip address 10.20.0.1 255.255.255.0", " ip nat inside",
              " ip virtual-reassembly in", " duplex auto", " speed auto", "!",
              "ip forward-protocol nd", "no ip http server", "no ip http secure-server", "!",
              "ip nat inside source list NAT-INSIDE interface GigabitEthernet0/0 overload",
              "ip route 0.0.0.0 0.0.0.0 203.0.113.1", "ip ssh version 2", "!",
              "ip access-list extended MGMT", " permit tcp 10.20.0.0 0.0.0.255 any eq 22",
              "ip access-list extended NAT-INSIDE"]
    for peer in peers:
        lines.append(f" deny   ip {peer.local[0]} {_wild(peer.local[1])} {peer.remote[0]} "
                     f"{_wild(peer.remote[1])}")
    lines.append(" permit ip 10.20.0.0 0.0.0.255 any")
    for peer in peers:
        lines += [f"ip access-list extended {peer.acl}",
                  f" permit ip {peer.local[0]} {_wild(peer.local[1])} {peer.remote[0]} "
                  f"{_wild(peer.remote[1])}"]
    lines += ["!", "logging host 10.20.0.10", "!", "banner motd ^C", "Authorised access only",
              "^C", "!", "line con 0", " exec-timeout 5 0", " logging synchronous",
              "line aux 0", " no exec", " transport input none", "line vty 0 4",
              " access-class MGMT in", " exec-timeout 10 0", " transport input ssh", "!",
              "ntp server 192.0.2.123", "!", "end"]
    return "\n".join(lines)


def _ios_isakmp(peers: list[Peer]) -> str:
    out = ["IPv4 Crypto ISAKMP SA", "dst             src             state          conn-id status"]
    for index, peer in enumerate(p for p in peers if p.state and p.version == "ikev1"):
        dst, src = (peer.ip, IOS_OUTSIDE) if peer.role == "initiator" else (IOS_OUTSIDE,
                                                                           peer.ip)
        status = "ACTIVE"
        out.append(f"{dst:<16}{src:<16}{peer.state:<14}{1001 + index:>7} {status}")
    out += ["", "IPv6 Crypto ISAKMP SA", ""]
    return "\n".join(out)


def _ios_ikev2(peers: list[Peer]) -> str:
    out = [" IPv4 Crypto IKEv2  SA ", ""]
    for index, peer in enumerate((p for p in peers if p.state and p.version == "ikev2"), 1):
        out += ["Tunnel-id Local                 Remote                fvrf/ivrf            "
                "Status ",
                f"{index:<10}{IOS_OUTSIDE + '/500':<22}{peer.ip + '/500':<22}"
                f"{'none/none':<21}{peer.state:<7}"]
        if peer.state == "READY":
            out += ["      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, "
                    "Auth sign: PSK, Auth verify: PSK", "      Life/Active Time: 86400/3321 sec"]
        else:
            out += ["      Encr: Unknown - 0, PRF: Unknown - 0, Hash: None, DH Grp:0, Auth sign: "
                    "Unknown - 0, Auth verify: Unknown - 0", "      Life/Active Time: 86400/0 sec"]
        out.append("")
    out += [" IPv6 Crypto IKEv2  SA ", ""]
    return "\n".join(out)


def _ios_ipsec(peers: list[Peer], detail: bool, rng: random.Random) -> str:
    out = ["", "interface: GigabitEthernet0/0",
           f"    Crypto map tag: VPN-MAP, local addr {IOS_OUTSIDE}", ""]
    for peer in [p for p in peers if p.block]:
        up = peer.ipsec
        spi_in, spi_out = rng.randrange(0x10000000, 0xFFFFFFFF), rng.randrange(0x10000000,
                                                                               0xFFFFFFFF)
        encaps, decaps = (peer.encaps, peer.decaps) if up else (0, 0)
        port = 4500 if peer.nat_t else 500
        out += ["   protected vrf: (none)",
                f"   local  ident (addr/mask/prot/port): ({peer.local[0]}/{peer.local[1]}/0/0)",
                f"   remote ident (addr/mask/prot/port): ({peer.remote[0]}/{peer.remote[1]}/0/0)",
                f"   current_peer {peer.ip} port {port}",
                "     PERMIT, flags={origin_is_acl,}",
                f"    #pkts encaps: {encaps}, #pkts encrypt: {encaps}, #pkts digest: {encaps}",
                f"    #pkts decaps: {decaps}, #pkts decrypt: {decaps}, #pkts verify: {decaps}",
                "    #pkts compressed: 0, #pkts decompressed: 0",
                "    #pkts not compressed: 0, #pkts compr. failed: 0",
                "    #pkts not decompressed: 0, #pkts decompress failed: 0"]
        if detail:
            out += [f"    #pkts no sa (send) 0, #pkts invalid sa (rcv) {peer.invalid_sa}",
                    "    #pkts encaps failed (send) 0, #pkts decaps failed (rcv) 0",
                    f"    #pkts invalid prot (recv) 0, #pkts verify failed: {peer.recv_errors}",
                    "    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0",
                    "    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0",
                    f"    ##pkts replay failed (rcv): {peer.replay_failed}",
                    "    #pkts internal err (send): 0, #pkts internal err (recv) 0"]
        else:
            out.append(f"    #send errors {peer.send_errors}, #recv errors {peer.recv_errors}")
        mtu = peer.path_mtu
        out += ["",
                f"     local crypto endpt.: {IOS_OUTSIDE}, remote crypto endpt.: {peer.ip}",
                f"     plaintext mtu {mtu - 62 if up else 1500}, path mtu {mtu}, ip mtu 1500, "
                "ip mtu idb GigabitEthernet0/0",
                f"     current outbound spi: 0x{spi_out if up else 0:X}({spi_out if up else 0})",
                "     PFS (Y/N): Y, DH group: group14" if up else
                "     PFS (Y/N): N, DH group: none", "", "     inbound esp sas:"]
        settings = "{Tunnel UDP-Encaps, }" if peer.nat_t else "{Tunnel, }"
        for direction, spi in (("in", spi_in), ("out", spi_out)):
            if direction == "out":
                out += ["     outbound esp sas:"]
            if up:
                conn = rng.randrange(2001, 2999)
                out += [f"      spi: 0x{spi:X}({spi})",
                        "        transform: esp-256-aes esp-sha256-hmac ,",
                        f"        in use settings ={settings}",
                        f"        conn id: {conn}, flow_id: SW:{conn - 2000}, sibling_flags "
                        "80000040, crypto map: VPN-MAP",
                        f"        sa timing: remaining key lifetime (k/sec): "
                        f"({rng.randrange(4400000, 4608000)}/{rng.randrange(600, 3600)})",
                        "        IV size: 16 bytes", "        replay detection support: Y",
                        "        Status: ACTIVE(ACTIVE)"]
            out += ["", f"     {direction}bound ah sas:", "", f"     {direction}bound pcp sas:",
                    ""]
    return "\n".join(out).rstrip()


IOS_VERSION = """
Cisco IOS Software, ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 15.7(3)M8, \
RELEASE SOFTWARE (fc2)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2021 by Cisco Systems, Inc.
Compiled Fri 19-Feb-21 11:32 by prod_rel_team

ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)

branch-rtr uptime is 12 weeks, 3 days, 4 hours, 9 minutes
System returned to ROM by power-on
System image file is "flash:isr4300-universalk9.15.7.3.M8.SPA.bin"

cisco ISR4331/K9 (1RU) processor with 1795999K/6147K bytes of memory.
3 Gigabit Ethernet interfaces
Configuration register is 0x2102
""".strip()


def ios_log(scenario: Scenario) -> str:
    rng = random.Random(scenario.name)
    parts: list[tuple[str, str]] = [("show version", IOS_VERSION),
                                    ("show running-config", scenario.config)]
    if scenario.isakmp:
        parts.append(("show crypto isakmp sa", _ios_isakmp(scenario.peers)))
        if any(p.version == "ikev2" for p in scenario.peers):
            parts.append(("show crypto ikev2 sa", _ios_ikev2(scenario.peers)))
    if scenario.ipsec:
        command = "show crypto ipsec sa detail" if scenario.detail else "show crypto ipsec sa"
        parts.append((command, _ios_ipsec(scenario.peers, scenario.detail, rng)))
    parts += scenario.extra
    if scenario.logs:
        parts.append(("show logging", "\n".join(
            ["Syslog logging: enabled (0 messages dropped, 0 flushes, 0 overruns)",
             "    Buffer logging:  level debugging, 212 messages logged, xml disabled", "",
             "Log Buffer (64000 bytes):", ""] + scenario.logs)))
    return _terminal(IOS_HOST + "#", parts)


def _terminal(prompt: str, parts: list[tuple[str, str]]) -> str:
    lines: list[str] = []
    if prompt != "> ":  # FTD's CLISH has no pager setting
        lines.append(prompt + ("terminal pager 0" if prompt.endswith("# ")
                               else "terminal length 0"))
    for command, output in parts:
        lines.append(prompt + command)
        lines += output.split("\n")
    lines.append(prompt)
    return "\n".join(lines) + "\n"


def build(scenario: Scenario) -> str:
    return ios_log(scenario) if scenario.platform == "ios" else asa_log(scenario)


def peer(peers: list[Peer], index: int, **changes: object) -> list[Peer]:
    """A copy of `peers` with peer `index` changed."""
    out = list(peers)
    out[index] = replace(out[index], **changes)  # type: ignore[arg-type]
    return out
