"""Which configuration lines open a block, and which lines belong inside it (ASA, PIX, IOS).

Used to put back the indentation a config loses when pasted into an email or a forum. Each
block lists its sub-commands; a line that is no sub-command of the open block ends it. The
lists cover the blocks the checks read (interfaces, crypto, tunnel-groups, lines, AAA,
routing, policies) rather than every command IOS knows: an unknown line is left at the top.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from netriage.lazyre import LazyRe, lazy  # ~100 patterns, read only for a pasted config


def _any(*starts: str) -> LazyRe:
    """A line starting with one of `starts` (each a regex of whole words), `no ` allowed."""
    return lazy(r"^(?:no\s+)?(?:" + "|".join(starts) + r")(?:\s|$)", re.IGNORECASE)


class Block(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """A configuration block: the line that opens it and the lines that belong inside."""

    name: str
    opens: LazyRe  # the line that opens the block
    children: LazyRe  # lines that belong inside it
    nested: tuple[Block, ...] = ()  # blocks that open inside it


_IP_IF = (r"ip (?:address|nat (?:inside|outside|enable)|access-group|ospf|helper-address|mtu|"
          r"tcp adjust-mss|virtual-reassembly|verify|unreachables|redirects|proxy-arp|"
          r"directed-broadcast|policy|pim|igmp|flow|nbar|dhcp|vrf|mroute-cache|route-cache|"
          r"summary-address|authentication|hello-interval|hold-time|split-horizon|wccp|"
          r"local-proxy-arp|inspect|ips|load-sharing|accounting|information-reply|mask-reply|"
          r"unnumbered|bandwidth-percent|router)")
INTERFACE = Block("interface", lazy(r"^interface\s+\S+", re.I), _any(
    "description", "shutdown", "nameif", "security-level", "speed", "duplex", "switchport",
    "channel-group", "standby", "vrrp", "crypto map \\S+$", "tunnel", "encapsulation", "mtu",
    "bandwidth", "delay", "negotiation", "media-type", "spanning-tree", "storm-control",
    "service-policy", "management-only", "vlan", "member-interface", "cdp", "load-interval",
    "keepalive", "pppoe", "dialer", "zone-member", "vrf", "mac-address", "lacp", _IP_IF,
    r"ipv6 (?:address|enable|nd|ospf|traffic-filter|mtu|unreachables|redirects|dhcp|verify)",
    "pvc", "hold-queue", "carrier-delay", "flowcontrol", "power", "mls", "udld", "logging",
    "snmp", "ppp", "priority-queue", "rate-limit", "arp", "auto", "mdix", "fair-queue",
    "authentication", "dot1x", "mab", "macsec", "peer", "ospf", "eigrp", "bfd", "dampening",
    "platform", "medium", "fabric", "wrr-queue", "srr-queue", "qos", "trust",
    # IOS-XE defaults printed under every interface (`no mop enabled`), and other common ones
    "mop", "lldp", "ntp", "cts", "device-tracking", "access-session", "autostate",
))
_CLASS = Block("class", lazy(r"^class\s+\S+", re.I), _any(
    "inspect", "police", "set", "priority", "bandwidth", "shape", "service-policy",
    "drop", "pass", "random-detect", "queue-limit", "fair-queue", "user-statistics",
    "sfr", "ips", "csc", "cxsc", "match", "user-message", "log", "reset",
))
_PARAMETERS = Block("parameters", lazy(r"^parameters$", re.I), _any(
    "message-length", "dns-guard", "protocol-enforcement", "nat-rewrite", "id-randomization",
    "tsig", "no-tcp-keepalive", "strict-http", "mask", "body", "allow", "inspect",
))
_CERT = Block("certificate", lazy(r"^certificate\s+", re.I),
              lazy(r"^(?:[0-9A-Fa-f]{2,}(?:\s+[0-9A-Fa-f]{2,})*|quit)$"))
_KEY = Block("key", lazy(r"^key\s+\d+$", re.I), _any(
    "key-string", "accept-lifetime", "send-lifetime", "cryptographic-algorithm"))
_PEER = Block("peer", lazy(r"^peer\s+\S+", re.I), _any(
    "address", "pre-shared-key", "identity", "description", "hostname"))
_AF = Block("address-family", lazy(r"^address-family\s+", re.I), _any(
    "neighbor", "network", "redistribute", "exit-address-family", "maximum-paths",
    "aggregate-address", "bgp", "default-information", "auto-summary", "synchronization",
    "distance", "table-map", "import", "export"))
_WEBVPN = Block("webvpn", lazy(r"^webvpn$", re.I), _any(
    "anyconnect", "svc", "url-list", "filter", "homepage", "customization", "keep-alive-ignore",
    "http-comp", "always-on-vpn", "deny-message", "file-entry", "file-browsing", "hidden-shares",
))


def _block(name: str, opens: str, *children: str, nested: tuple[Block, ...] = ()) -> Block:
    return Block(name, lazy(opens, re.I), _any(*children), nested)


BLOCKS: tuple[Block, ...] = (
    INTERFACE,
    _block("line", r"^line\s+(?:con|vty|aux|tty|console|\d)", "password", "login", "transport",
           "exec-timeout", "logging", "access-class", "privilege", "stopbits", "speed",
           "session-timeout", "history", "length", "width", "exec", "modem", "autocommand",
           "rotary", "authorization", "accounting", "absolute-timeout", "flowcontrol", "escape",
           "ipv6 access-class", "databits", "parity", "location", "activation-character"),
    _block("tunnel-group-attributes",
           r"^tunnel-group\s+\S+\s+(?:ipsec|general|webvpn|ppp)-attributes",
           "ikev1", "ikev2", "pre-shared-key", "isakmp", "peer-id-validate", "chain",
           "trust-point", "default-group-policy", "address-pool", "authentication",
           "authorization", "accounting", "authentication-server-group",
           "authorization-server-group", "accounting-server-group", "dhcp-server",
           "group-alias", "group-url", "strip-group", "strip-realm", "password-management",
           "secondary", "nbns-server", "customization", "dns-group", "radius-reject-message",
           "without-csd", "pre-fill-username", "proxy-auth", "saml", "username-from-certificate",
           "secondary-username-from-certificate", "ipv6-address-pool", "nat-assigned-to-public-ip",
           "scep-enrollment", "override-svc-download", "authenticated-session-username",
           "authentication-attr-from-server", "secondary-authentication-server-group",
           "authorization-required", "tunnel-group-map", "ppp", "isakmp keepalive",
           "remote-access", "peer-ip"),
    _block("group-policy", r"^group-policy\s+\S+\s+attributes", "vpn-\\S+", "split-\\S+",
           "dns-server", "default-domain", "address-pools", "banner", "wins-server",
           "dhcp-network-scope", "ipv6-split-tunnel-policy", "group-lock", "password-storage",
           "ip-comp", "re-xauth", "pfs", "ipsec-udp", "ipsec-udp-port", "client-access-rule",
           "client-firewall", "msie-proxy", "nac-settings", "address-assignment",
           "intercept-dhcp", "smartcard-removal-disconnect", "user-authentication", "ipv6-\\S+",
           "security-association", "backup-servers", "leap-bypass", "nem",
           "user-authentication-idle-timeout", "ip-phone-bypass", "webvpn", "anyconnect",
           "description", "gateway-fqdn", "dynamic-access-policy-record", "filter",
           nested=(_WEBVPN,)),
    _block("username-attributes", r"^username\s+\S+\s+attributes", "vpn-\\S+", "service-type",
           "group-lock", "password-storage", "webvpn", "memberof", "ssh authentication"),
    _block("policy-map", r"^policy-map\s+", "class", "description", "parameters",
           nested=(_CLASS, _PARAMETERS)),
    _block("class-map", r"^class-map\s+", "match", "description"),
    _block("router", r"^router\s+(?:ospf|eigrp|bgp|rip|isis|odr)", "network", "router-id",
           "passive-interface", "area", "redistribute", "default-information",
           "log-adjacency-changes", "auto-cost", "distance", "maximum-paths", "timers",
           "neighbor", "bgp", "auto-summary", "synchronization", "eigrp", "variance",
           "distribute-list", "default-metric", "summary-address", "address-family", "version",
           "ignore", "compatible", "nsf", "metric", "offset-list", "traffic-share", "bfd",
           "default", "net", "is-type", "ospf", nested=(_AF,)),
    _block("isakmp-policy", r"^(?:crypto\s+)?(?:isakmp|ikev1)\s+policy\s+\d+", "encr",
           "encryption", "authentication", "hash", "group", "lifetime"),
    _block("ikev2-policy", r"^crypto\s+ikev2\s+policy\s+\S+", "encryption", "integrity",
           "group", "prf", "lifetime", "proposal", "match"),
    _block("ikev2-proposal", r"^crypto\s+ikev2\s+proposal\s+\S+", "encryption", "integrity",
           "group", "prf"),
    _block("ikev2-profile", r"^crypto\s+ikev2\s+profile\s+\S+", "match", "identity",
           "authentication", "keyring", "lifetime", "dpd", "ivrf", "description", "nat",
           "virtual-template", "aaa", "config-exchange"),
    _block("ikev2-keyring", r"^crypto\s+ikev2\s+keyring\s+\S+", "peer", nested=(_PEER,)),
    _block("keyring", r"^crypto\s+keyring\s+\S+", "pre-shared-key", "local-address",
           "description", "rsa-pubkey"),
    _block("isakmp-profile", r"^crypto\s+isakmp\s+profile\s+\S+", "keyring", "match",
           "self-identity", "keepalive", "initiate", "ca", "local-address", "description",
           "vrf", "isakmp", "client", "virtual-template"),
    _block("ipsec-profile", r"^crypto\s+ipsec\s+profile\s+\S+", "set", "description",
           "responder-only"),
    _block("transform-set", r"^crypto\s+ipsec\s+transform-set\s+\S+\s+\S+", "mode"),
    _block("ipsec-proposal", r"^crypto\s+ipsec\s+ikev2\s+ipsec-proposal\s+\S+", "protocol"),
    # IOS crypto map entries are blocks; ASA writes `crypto map NAME SEQ set ...` flat.
    _block("crypto-map", r"^crypto\s+map\s+\S+\s+\d+\s+(?:ipsec-isakmp|ipsec-manual|gdoi)"
                         r"(?:\s+dynamic\s+\S+)?$",
           "set", "match", "description", "reverse-route", "qos"),
    _block("dynamic-map", r"^crypto\s+dynamic-map\s+\S+\s+\d+$", "set", "match",
           "reverse-route", "description"),
    _block("trustpoint", r"^crypto\s+(?:ca|pki)\s+trustpoint\s+\S+", "enrollment",
           "subject-name", "keypair", "revocation-check", "crl", "fqdn", "ip-address",
           "validation-usage", "rsakeypair", "serial-number", "id-usage", "auto-enroll",
           "email", "ignore-ipsec-keyusage", "match", "ocsp", "source", "vrf", "usage",
           "proxy-ldc-issuer", "crl configure"),
    _block("certificate-chain", r"^crypto\s+(?:ca|pki)\s+certificate\s+chain\s+\S+",
           "certificate", nested=(_CERT,)),
    _block("aaa-server-host", r"^aaa-server\s+\S+\s+\(\S+\)\s+host\s+\S+", "key", "timeout",
           "retry-interval", "server-port", "ldap-\\S+", "server-type", "authentication-port",
           "accounting-port", "acl-netmask-convert", "radius-common-pw", "sdi-version",
           "kerberos-realm", "nt-auth-domain-controller", "server-secret"),
    _block("aaa-server", r"^aaa-server\s+\S+\s+protocol\s+\S+$", "max-failed-attempts",
           "reactivation-mode", "accounting-mode", "dynamic-authorization",
           "interim-accounting-update", "merge-dacl", "ad-agent-mode"),
    _block("aaa-server-new", r"^(?:tacacs|radius)\s+server\s+\S+", "address", "key", "timeout",
           "single-connection", "port", "automate-tester", "retransmit", "pac"),
    _block("key-chain", r"^key\s+chain\s+\S+", "key", nested=(_KEY,)),
    _block("vlan", r"^vlan\s+\d+(?:[,-]\d+)*$", "name", "state", "shutdown"),
    _block("route-map", r"^route-map\s+\S+", "match", "set", "description", "continue"),
    _block("acl", r"^ip(?:v6)?\s+access-list\s+(?:extended\s+|standard\s+)?\S+$", "permit",
           "deny", "remark", "\\d+", "evaluate", "sequence"),
    _block("object", r"^object\s+(?:network|service)\s+\S+$", "host", "subnet", "range", "fqdn",
           "nat", "description", "service"),
    _block("object-group", r"^object-group\s+\S+", "network-object", "group-object",
           "description", "port-object", "service-object", "icmp-object", "protocol-object",
           "user", "user-group", "security-group"),
    _block("failover-group", r"^failover\s+group\s+\d+$", "primary", "secondary", "preempt",
           "interface-policy", "polltime", "replication", "mac-address"),
    _block("context", r"^context\s+\S+$", "allocate-interface", "config-url",
           "join-failover-group", "description", "member", "allocate-ips"),
    _block("ip-sla", r"^ip\s+sla\s+\d+$", "icmp-echo", "frequency", "threshold", "timeout",
           "tag", "type", "udp-jitter", "tcp-connect", "vrf", "source-interface"),
    _block("sla-monitor", r"^sla\s+monitor\s+\d+$", "type", "frequency", "threshold",
           "timeout", "num-packets", "request-data-size", "tos"),
    _block("track", r"^track\s+\d+\s+", "delay", "default-state"),
    _block("control-plane", r"^control-plane$", "service-policy"),
    _block("dynamic-access-policy-record", r"^dynamic-access-policy-record\s+\S+", "action",
           "description", "priority", "network-acl", "webvpn", "user-message"),
    _block("webvpn", r"^webvpn$", "enable", "anyconnect", "tunnel-group-list", "port",
           "dtls", "cache", "error-recovery", "csd", "keepout", "certificate-group-map",
           "hostscan", "anyconnect-essentials", "tunnel-group-preference", "inactive"),
    _block("call-home", r"^call-home$", "profile", "contact-email-addr", "http-proxy",
           "mail-server", "sender", "source-interface", "vrf"),
    _block("dhcp-pool", r"^ip\s+dhcp\s+pool\s+\S+$", "network", "default-router",
           "dns-server", "domain-name", "lease", "option", "netbios-name-server", "host",
           "client-identifier", "hardware-address"),
    _block("archive", r"^archive$", "path", "maximum", "log", "write-memory", "time-period"),
    _block("zone-pair", r"^zone-pair\s+", "service-policy"),
    _block("zone", r"^zone\s+security\s+\S+$", "description"),
)


def _flatten(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    return tuple(x for b in blocks for x in (b, *_flatten(b.nested)))


# Every block, nested ones included (for telling a configuration line at any level).
ALL_BLOCKS: tuple[Block, ...] = _flatten(BLOCKS)


# IOS banners run to the repeated delimiter: their lines are text, never re-indented.
BANNER = lazy(r"^banner\s+\S+\s+(\^C|\S)(.*)$", re.IGNORECASE)

# First words of lines a configuration holds (for recognising a pasted config at all).
CONFIG_WORDS = frozenset({
    "!", ":", "aaa", "aaa-server", "access-group", "access-list", "alias", "arp", "asdm", "asp",
    "banner", "boot", "call-home", "cdp", "class", "class-map", "clock", "command-alias",
    "console", "crypto", "dhcpd", "dhcprelay", "dns", "dns-server-group", "domain-name",
    "dynamic-access-policy-record", "enable", "end", "failover", "flow-export", "ftp",
    "group-policy", "hostname", "http", "icmp", "interface", "ip", "ipv6", "line", "logging",
    "mac-address", "management-access", "monitor-interface", "mtu", "names", "name", "nat", "no",
    "ntp", "object", "object-group", "pager", "passwd", "policy-map", "prompt", "route",
    "route-map", "router", "same-security-traffic", "service", "service-policy", "snmp-server",
    "spanning-tree", "ssh", "ssl", "sysopt", "tacacs-server", "radius-server", "telnet",
    "terminal", "threat-detection", "timeout", "tunnel-group", "user-identity", "username",
    "version", "vlan", "vpdn", "webvpn", "wccp", "xlate", "building", "current", "asa", "pix",
    "ngfw", "control-plane", "key", "archive", "track", "zone", "zone-pair", "redundancy", "vtp",
    "errdisable", "memory", "platform", "license", "multilink", "transceiver", "udld", "vrf",
    "subscriber", "login", "diagnostic",
    # IOS / IOS-XE top-level words a flat paste must not read as an open block's children
    "boot-start-marker", "boot-end-marker", "dot11", "scheduler", "upgrade", "mls",
    "port-channel", "sdm", "exception", "lldp", "macro", "hw-module", "kron", "mpls",
    "parameter-map", "table-map", "sampler", "dial-peer", "privilege", "cts", "device-tracking",
})

# First words a device itself prints capitalised in a configuration (`Building configuration`,
# `Current configuration`, `ASA Version`): never a word processor's capital.
DEVICE_CAPITALS = frozenset({"building", "current", "cryptochecksum:", "asa", "pix", "ngfw",
                             "fwsm"})

# Commands that take a fixed number of words after them: a paste that joined the next line
# onto one of these can be split without guessing (`hostname R1 enable secret 5 $1$...`).
MERGE_AFTER = {"hostname": 1, "version": 1, "boot-start-marker": 0, "boot-end-marker": 0,
               "domain-name": 1}
