"""The secret kinds planted by `secrets_plant`: one configuration line each (with its block).

62+ kinds in IOS, ASA and PIX 6 syntax. A kind may ask for a capitalised ordinary word as its
secret (`word`): `enable password Sunflower` must be masked like `enable password Zk00rsWq8`,
in every form, the mail form (every line Capitalised) included.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    platform: str  # ios, asa, pix
    child: str  # the secret line; `{s}` (and `{t}`) are the secrets
    parents: tuple[str, ...] = ()  # block lines above it, outermost first
    modes: tuple[str, ...] = ()  # the prompt's mode after each parent is typed
    abbr: str = ""  # the child as typed abbreviated, when IOS accepts a shorter form
    hex: bool = False  # the device only takes hex digits here
    word: bool = False  # the secret is a capitalised ordinary word (`Sunflower`)


IF = ("interface GigabitEthernet0/1",)
IFM = ("config-if",)
KINDS: tuple[Kind, ...] = (
    # IOS / IOS-XE
    Kind("enable-password", "ios", "enable password {s}", abbr="ena pass {s}"),
    Kind("enable-secret", "ios", "enable secret {s}", abbr="ena sec {s}"),
    Kind("username-password", "ios", "username jdoe privilege 15 password 0 {s}",
         abbr="usern jdoe priv 15 pass 0 {s}"),
    Kind("username-secret", "ios", "username netops secret {s}", abbr="user netops sec {s}"),
    Kind("line-vty-password", "ios", "password {s}", ("line vty 0 4",), ("config-line",),
         abbr="pass {s}"),
    Kind("line-con-password", "ios", "password 7 {s}", ("line con 0",), ("config-line",)),
    Kind("snmp-community", "ios", "snmp-server community {s} RO 10",
         abbr="snmp-s comm {s} RO 10"),
    Kind("snmp-host-community", "ios", "snmp-server host 192.0.2.50 version 2c {s}"),
    Kind("snmp-v3-user", "ios", "snmp-server user monitor MONGRP v3 auth sha {s} priv aes 128 "
         "{t}"),
    Kind("tacacs-global-key", "ios", "tacacs-server key 7 {s}", abbr="tacacs-s key 7 {s}"),
    Kind("tacacs-host-key", "ios", "tacacs-server host 192.0.2.10 key {s}"),
    Kind("tacacs-server-block", "ios", "key 7 {s}", ("tacacs server TAC-A",),
         ("config-server-tacacs",)),
    Kind("radius-global-key", "ios", "radius-server key {s}", abbr="radius-s key {s}"),
    Kind("radius-host-key", "ios", "radius-server host 192.0.2.11 auth-port 1812 acct-port 1813 "
         "key {s}"),
    Kind("radius-server-block", "ios", "key {s}", ("radius server ISE-1",),
         ("config-radius-server",)),
    Kind("aaa-group-server-private", "ios", "server-private 192.0.2.12 key 7 {s}",
         ("aaa group server tacacs+ TACG",), ("config-sg-tacacs+",)),
    Kind("ntp-key", "ios", "ntp authentication-key 1 md5 {s}", abbr="ntp auth 1 md5 {s}"),
    Kind("isakmp-key", "ios", "crypto isakmp key {s} address 203.0.113.9",
         abbr="cry isa key {s} add 203.0.113.9"),
    Kind("keyring-psk", "ios", "pre-shared-key address 203.0.113.10 key {s}",
         ("crypto keyring BRANCHES",), ("conf-keyring",)),
    Kind("ikev2-keyring-local", "ios", "pre-shared-key local {s}",
         ("crypto ikev2 keyring KR2", "peer HUB"),
         ("config-ikev2-keyring", "config-ikev2-keyring-peer"), abbr="pre-sh local {s}"),
    Kind("ikev2-keyring-remote", "ios", "pre-shared-key remote {s}",
         ("crypto ikev2 keyring KR3", "peer SPOKE"),
         ("config-ikev2-keyring", "config-ikev2-keyring-peer")),
    Kind("ezvpn-group-key", "ios", "key {s}",
         ("crypto isakmp client configuration group REMOTE",), ("config-isakmp-group",)),
    Kind("session-key-esp", "ios",
         "set session-key inbound esp 300 cipher {s} authenticator {t}",
         ("crypto map LEGACY 20 ipsec-manual",), ("config-crypto-map",), hex=True),
    Kind("session-key-ah", "ios", "set session-key outbound ah 301 {s}",
         ("crypto map LEGACY 30 ipsec-manual",), ("config-crypto-map",), hex=True),
    Kind("ospf-auth-key", "ios", "ip ospf authentication-key {s}", IF, IFM,
         abbr="ip ospf auth {s}"),
    Kind("ospf-md5", "ios", "ip ospf message-digest-key 1 md5 {s}",
         ("interface GigabitEthernet0/2",), IFM),
    Kind("key-chain", "ios", "key-string {s}", ("key chain EIGRP-KC", "key 1"),
         ("config-keychain", "config-keychain-key"), abbr="key-s {s}"),
    Kind("eigrp-named-hmac", "ios", "authentication mode hmac-sha-256 {s}",
         ("router eigrp CORE", "address-family ipv4 unicast autonomous-system 100",
          "af-interface default"),
         ("config-router", "config-router-af", "config-router-af-interface")),
    Kind("bgp-neighbor", "ios", "neighbor 192.0.2.1 password {s}", ("router bgp 65010",),
         ("config-router",), abbr="nei 192.0.2.1 pass {s}"),
    Kind("isis-area-password", "ios", "area-password {s}", ("router isis",),
         ("config-router",)),
    Kind("hsrp-md5", "ios", "standby 1 authentication md5 key-string {s}",
         ("interface Vlan10",), IFM),
    Kind("hsrp-text", "ios", "standby 2 authentication {s}", ("interface Vlan20",), IFM),
    Kind("vrrp-text", "ios", "vrrp 3 authentication text {s}", ("interface Vlan30",), IFM),
    Kind("ppp-chap", "ios", "ppp chap password 0 {s}", ("interface Dialer1",), IFM,
         abbr="ppp chap pass 0 {s}"),
    Kind("ppp-pap", "ios", "ppp pap sent-username isp-user password 0 {s}",
         ("interface Dialer2",), IFM),
    Kind("nhrp-auth", "ios", "ip nhrp authentication {s}", ("interface Tunnel0",), IFM),
    Kind("wpa-psk", "ios", "wpa-psk ascii 0 {s}", ("dot11 ssid GUEST-WIFI",),
         ("config-ssid",)),
    Kind("pki-import-password", "ios",
         "crypto pki import ROUTER-ID pkcs12 tftp://192.0.2.5/rtr.p12 password {s}"),
    Kind("config-key", "ios", "key config-key password-encrypt {s}"),
    Kind("ftp-password", "ios", "ip ftp password {s}"),
    Kind("http-client-password", "ios", "ip http client password {s}"),
    # Capitalised ordinary words as secrets: capitalisation never makes a line prose.
    Kind("enable-password-word", "ios", "enable password {s}", abbr="ena pass {s}", word=True),
    Kind("username-password-word", "ios", "username helpdesk password {s}",
         abbr="usern helpdesk pass {s}", word=True),
    Kind("ftp-password-word", "ios", "ip ftp password {s}", word=True),
    # A bare `key` at an ISAKMP sub-mode prompt: the mode, not the line, says it is a key.
    Kind("isakmp-mode-key", "ios", "key {s}",
         ("crypto isakmp client configuration group SITES",), ("config-isakmp",)),
    # RSA keys imported or exported with the passphrase last, after `url URL`.
    Kind("rsa-import-url", "ios", "crypto key import rsa VPNKEY2 pem url "
         "tftp://192.0.2.5/vpnkey2 {s}"),
    Kind("rsa-export-url", "ios", "crypto key export rsa VPNKEY pem url "
         "tftp://192.0.2.5/vpnkey 3des {s}"),
    # ASA
    Kind("asa-enable", "asa", "enable password {s} encrypted", abbr="ena pass {s}"),
    Kind("asa-username", "asa", "username admin password {s} privilege 15",
         abbr="user admin pass {s} priv 15"),
    Kind("asa-passwd", "asa", "passwd {s} encrypted"),
    Kind("failover-key", "asa", "failover key {s}", abbr="fail key {s}"),
    Kind("failover-key-hex", "asa", "failover key hex {s}", hex=True),
    Kind("failover-ipsec-psk", "asa", "failover ipsec pre-shared-key 0 {s}"),
    Kind("tunnel-group-ikev1", "asa", "ikev1 pre-shared-key {s}",
         ("tunnel-group 203.0.113.20 ipsec-attributes",), ("config-tunnel-ipsec",),
         abbr="ikev1 pre-sh {s}"),
    Kind("tunnel-group-ikev2-remote", "asa", "ikev2 remote-authentication pre-shared-key {s}",
         ("tunnel-group 203.0.113.21 ipsec-attributes",), ("config-tunnel-ipsec",)),
    Kind("tunnel-group-ikev2-local", "asa", "ikev2 local-authentication pre-shared-key {s}",
         ("tunnel-group 203.0.113.22 ipsec-attributes",), ("config-tunnel-ipsec",)),
    Kind("tunnel-group-82", "asa", "pre-shared-key {s}",
         ("tunnel-group 203.0.113.23 ipsec-attributes",), ("config-tunnel-ipsec",)),
    Kind("aaa-server-host-key", "asa", "key {s}", ("aaa-server ISE (inside) host 10.20.0.5",),
         ("config-aaa-server-host",)),
    Kind("ldap-login-password", "asa", "ldap-login-password {s}",
         ("aaa-server CORP-AD (inside) host 10.20.0.6",), ("config-aaa-server-host",)),
    Kind("asa-snmp-host", "asa", "snmp-server host inside 10.20.0.7 community {s} version 2c"),
    Kind("asa-snmp-community", "asa", "snmp-server community {s}"),
    Kind("asa-ntp-key", "asa", "ntp authentication-key 2 md5 {s}"),
    Kind("asa-ca-import", "asa", "crypto ca import VPN-ID pkcs12 {s}"),
    Kind("asa-snmp-v3-user", "asa", "snmp-server user monitor MONGRP v3 auth sha {s} priv aes "
         "128 {t}"),
    Kind("asa-username-word", "asa", "username ops password {s} privilege 15",
         abbr="user ops pass {s} priv 15", word=True),
    # PIX 6.x
    Kind("pix-failover-lan-key", "pix", "failover lan key {s}"),
    Kind("pix-aaa-positional", "pix", "aaa-server TACSRV (inside) host 10.30.0.5 {s} timeout 10"),
    Kind("pix-isakmp-key", "pix", "isakmp key {s} address 203.0.113.30 netmask "
         "255.255.255.255"),
    Kind("pix-enable", "pix", "enable password {s} encrypted"),
    Kind("pix-snmp", "pix", "snmp-server community {s}"),
)
