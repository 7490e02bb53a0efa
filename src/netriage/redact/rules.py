"""Where secrets sit in Cisco configs and commands: one rule per kind, in netutils' filter shape.

Each rule's regex names the secret with groups `s` (and `s2` for a second one on the same
line, e.g. a manual session key's cipher and authenticator). A rule matches a config line,
the same line typed at a `(config)#` prompt, and its `no` form; matching is case-sensitive
(configuration is lowercase; report prose starts with capitals). Hashes are masked like clear
text: a type-7 password is reversible and a weak hash can be cracked offline.

netutils' `sanitize_config` with its documented filters leaves `enable password cisco` and
manual `set session-key` keys in clear; these rules cover every kind the fault catalog names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# An optional prompt (`fw1(config)# `) and indentation before the command, and its `no` form.
_LEAD = r"^(?:[^\s#>]*(?:\([^)]*\))?[#>][ \t]*)?[ \t]*(?:no[ \t]+)?"
# A secret: any word but a token we wrote ourselves, a placeholder in a fix (`<secret>`) or
# the asterisks a device masks with (nor the type digit in front of one of them:
# `secret 5 <enable-1>` is masked already).
_DONE = r"(?:<[^<>\s]+>(?!\S)|\*+(?:\s|$))"
VALUE = rf"(?!{_DONE})(?![0-9][ \t]+{_DONE})\S+"
_TYPE = r"(?:[0-9][ \t]+(?=\S))?"  # IOS/ASA encryption type: 0 clear, 5/8/9 hash, 6/7 reversible


def _v(group: str = "s") -> str:
    return f"(?P<{group}>{VALUE})"


@dataclass(frozen=True)
class Rule:
    kind: str  # the token's kind, e.g. `psk` gives `<psk-1>`
    # For re.MULTILINE and case-sensitive: configs are lowercase, and a sentence such as
    # "Failover key differs" in a report must not lose the word "differs".
    regex: str


RULES: tuple[Rule, ...] = (
    # IKE pre-shared keys: IOS `crypto isakmp key`, PIX 6 `isakmp key`, keyrings, ASA
    # tunnel-groups (`ikev1 pre-shared-key`, IKEv2 local/remote authentication).
    Rule("psk", _LEAD + rf"(?:crypto[ \t]+)?isakmp[ \t]+key[ \t]+{_TYPE}{_v()}"),
    Rule("psk", _LEAD + rf"pre-shared-key[ \t]+(?:address|hostname)[ \t].*?\bkey[ \t]+"
                        rf"{_TYPE}{_v()}"),
    Rule("psk", _LEAD + r"(?:ikev1[ \t]+|ikev2[ \t]+(?:local|remote)-authentication[ \t]+)?"
                        r"pre-shared-key[ \t]+(?!address\b|hostname\b)(?:(?:local|remote)[ \t]+)?"
                        rf"(?:hex[ \t]+)?{_TYPE}{_v()}"),
    # ASA failover: the key that encrypts failover traffic, and its IPsec variant.
    Rule("failover-key", _LEAD + rf"failover[ \t]+key[ \t]+(?:hex[ \t]+)?{_TYPE}{_v()}"),
    Rule("failover-key", _LEAD + r"failover[ \t]+ipsec[ \t]+pre-shared-key[ \t]+(?:hex[ \t]+)?"
                                 rf"{_TYPE}{_v()}"),
    # Manual IPsec (`crypto map ... ipsec-manual`): the traffic keys themselves.
    Rule("session-key", _LEAD + r"(?:crypto[ \t]+map[ \t]+\S+[ \t]+\d+[ \t]+)?set[ \t]+"
                                r"session-key[ \t]+(?:inbound|outbound)[ \t]+esp[ \t]+\d+"
                                rf"(?:[ \t]+cipher[ \t]+{_TYPE}{_v()})?"
                                rf"(?:[ \t]+authenticator[ \t]+{_TYPE}{_v('s2')})?"),
    Rule("session-key", _LEAD + r"(?:crypto[ \t]+map[ \t]+\S+[ \t]+\d+[ \t]+)?set[ \t]+"
                                r"session-key[ \t]+(?:inbound|outbound)[ \t]+ah[ \t]+\d+[ \t]+"
                                rf"{_TYPE}{_v()}"),
    # Local credentials.
    Rule("enable", _LEAD + r"enable[ \t]+(?:algorithm-type[ \t]+\S+[ \t]+)?(?:password|secret)"
                           rf"[ \t]+(?:level[ \t]+\d+[ \t]+)?{_TYPE}{_v()}"),
    Rule("user-password", _LEAD + r"username[ \t]+\S+[ \t]+(?:.*?[ \t])?(?:password|secret)"
                                  rf"[ \t]+{_TYPE}{_v()}"),
    Rule("passwd", _LEAD + rf"passwd[ \t]+{_v()}"),
    Rule("master-key", _LEAD + r"key[ \t]+config-key[ \t]+password-encrypt(?:ion)?[ \t]+"
                               rf"{_v()}(?:[ \t]+{_v('s2')})?"),
    # SNMP: v1/v2c communities (IOS and ASA forms) and v3 user passphrases.
    Rule("snmp-community", _LEAD + rf"snmp-server[ \t]+community[ \t]+{_TYPE}{_v()}"),
    Rule("snmp-community", _LEAD + r"snmp-server[ \t]+host[ \t].*?\bcommunity[ \t]+"
                                   rf"{_TYPE}{_v()}"),
    Rule("snmp-community", _LEAD + r"snmp-server[ \t]+host[ \t]+\d+\.\d+\.\d+\.\d+[ \t]+"
                                   r"(?!.*\bcommunity\b)(?:vrf[ \t]+\S+[ \t]+)?"
                                   r"(?:(?:informs|traps)[ \t]+)?(?:version[ \t]+(?:1|2c)[ \t]+)?"
                                   r"(?!version\b|informs\b|traps\b|vrf\b|udp-port\b)" + _v()),
    Rule("snmp-community", r"^[ \t]*Community name:[ \t]*" + _v()),
    Rule("snmp-user", _LEAD + r"snmp-server[ \t]+user[ \t]+\S+[ \t]+\S+[ \t]+v3[ \t]+"
                              r"(?:encrypted[ \t]+)?auth[ \t]+\S+[ \t]+" + _v()
                              + r"(?:[ \t]+priv[ \t]+(?:aes[ \t]+\d+|3des|des|aes)[ \t]+"
                              + _v("s2") + ")?"),
    # Key chains, HSRP/VRRP, routing protocol and NTP authentication.
    Rule("key-string", _LEAD + r"(?:standby[ \t]+\d+[ \t]+authentication[ \t]+md5[ \t]+)?"
                               rf"key-string[ \t]+{_TYPE}{_v()}"),
    Rule("key-string", _LEAD + r"(?:standby|vrrp)[ \t]+\d+[ \t]+authentication[ \t]+"
                               r"(?!md5\b)(?:text[ \t]+)?" + _v()),
    Rule("routing-key", _LEAD + r"ip[ \t]+ospf[ \t]+(?:message-digest-key[ \t]+\d+[ \t]+md5|"
                                rf"authentication-key)[ \t]+{_TYPE}{_v()}"),
    Rule("routing-key", _LEAD + r"(?:ospf[ \t]+)?message-digest-key[ \t]+\d+[ \t]+md5[ \t]+"
                                rf"{_TYPE}{_v()}"),
    Rule("routing-key", _LEAD + rf"neighbor[ \t]+\S+[ \t]+password[ \t]+{_TYPE}{_v()}"),
    Rule("ntp-key", _LEAD + rf"ntp[ \t]+authentication-key[ \t]+\d+[ \t]+md5[ \t]+{_v()}"),
    # TACACS+/RADIUS shared secrets (IOS global forms; block forms are in BARE_KEY_BLOCKS).
    Rule("tacacs-key", _LEAD + rf"tacacs-server[ \t]+(?:host[ \t].*?)?key[ \t]+{_TYPE}{_v()}"),
    Rule("radius-key", _LEAD + rf"radius-server[ \t]+(?:host[ \t].*?)?key[ \t]+{_TYPE}{_v()}"),
    Rule("aaa-key", _LEAD + rf"ldap-login-password[ \t]+{_v()}"),
    Rule("ppp-password", _LEAD + r"ppp[ \t]+(?:chap|pap)[ \t]+(?:sent-username[ \t]+\S+[ \t]+)?"
                                 rf"password[ \t]+{_TYPE}{_v()}"),
    # Anything else configured as `password X` / `secret X` (line passwords, ftp, http client):
    # a config line, a few lowercase words then the keyword, never prose or a `| include`.
    Rule("password", r"^[ \t]*(?:[a-z0-9][\w\-]*[ \t]+){0,4}?(?:password|secret)[ \t]+"
                     rf"(?!encryption\b){_TYPE}{_v()}(?=[^:]*$)"),
)

# Bare `key X` lines: a secret under these blocks (`key 1` under a key chain is an index).
BARE_KEY = re.compile(rf"^[ \t]*key[ \t]+{_TYPE}(?P<s>{VALUE})[ \t]*$", re.MULTILINE)
BARE_KEY_BLOCKS = re.compile(
    r"^[ \t]*(?P<opener>tacacs[ \t]+server|radius[ \t]+server|aaa-server[ \t]+\S+[ \t]+\(?\S+"
    r"\)?[ \t]+host|crypto[ \t]+isakmp[ \t]+client[ \t]+configuration[ \t]+group|key[ \t]+chain"
    r"|interface|router|line|!)\b", re.MULTILINE)
BARE_KEY_KINDS = {"tacacs": "tacacs-key", "radius": "radius-key", "aaa-server": "aaa-key",
                  "crypto": "psk"}

TOKEN = re.compile(r"<[a-z][a-z0-9-]*-\d+>")
