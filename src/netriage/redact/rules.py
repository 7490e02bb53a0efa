"""Where secrets sit in Cisco configs and commands: one rule per kind, in netutils' filter shape.

Each rule's regex names the secret with groups `s` (and `s2` for a second one on the same
line, e.g. a manual session key's cipher and authenticator). A rule matches a config line,
the same line typed at any `(config…)#` prompt, its `no` form, in any case and with the
keywords abbreviated as IOS accepts them (`ENA PASS x`, `usern u pass x`). One exception
keeps report prose readable: without a prompt, a line whose first word is Capitalised
("Failover key differs between the units") is prose, not configuration; lowercase and
CAPS-LOCK lines are configuration. Hashes are masked like clear text: a type-7 password is
reversible and a weak hash can be cracked offline.

netutils' `sanitize_config` with its documented filters leaves `enable password cisco` and
manual `set session-key` keys in clear; these rules cover every kind the fault catalog names.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from netriage.lazyre import lazy

# A prompt typed at (`fw1(config)# `, `R1(config-radius-server)#`): named `p`, so a line
# with one is configuration whatever its case, and a bare `key` takes its kind from the mode.
PROMPT = r"(?P<p>[^\s#>(]*(?:\((?P<mode>[^)]*)\))?[#>][ \t]*)"
# Configuration, not prose: a prompt, or a first word that is lowercase or ALL CAPS.
_CONFIG = r"(?(p)|(?-i:(?![A-Z][a-z])))"
# The start of a config line: optional prompt and indentation, the `no` form; case-blind.
# A Capitalised first word (`lc` unset) is prose, or config a mail client capitalised
# ("Username admin password Xy7"): there the secret must not be a plain lowercase word,
# so "Failover key differs" stays while "Enable secret 5 $1$x" is masked.
_LEAD = rf"(?i)^(?:{PROMPT})?[ \t]*(?(p)|(?:(?-i:(?![A-Z][a-z]))(?P<lc>)|))(?:no[ \t]+)?"
# A type digit in front (`Password 7 x`) says configuration: prose never says it.
_GUARD = r"(?(p)|(?(lc)|(?:(?<=[ \t][0-9][ \t])|(?-i:(?![a-z]+(?:[\s.,;]|$))))))"
# A secret: any word but a token we wrote ourselves, a placeholder in a fix (`<secret>`) or
# the asterisks a device masks with (nor the type digit in front of one of them:
# `secret 5 <enable-1>` is masked already).
_DONE = r"(?:<[^<>\s]+>(?!\S)|\*+(?:\s|$))"
VALUE = rf"(?!{_DONE})(?![0-9][ \t]+{_DONE})\S+"
_TYPE = r"(?:[0-9][ \t]+(?=\S))?"  # IOS/ASA encryption type: 0 clear, 5/8/9 hash, 6/7 reversible
_S = r"[ \t]+"
# A Capitalised line's secret: not a lowercase word (prose), unless a type digit is in front.
_MAIL_GUARD = r"(?:(?<=[ \t][0-9][ \t])|(?![a-z]+(?:[\s.,;]|$)))"


# Words that make "Enable secret missing" a state in a title or a table, not a secret.
_STATE = (r"(?!(?:missing|set|unset|configured|required|enabled|disabled|none|not|is|are|"
          r"absent|present|found|differs|mismatch|weak|cleartext|clear|stored|in|on|off)\b)")


def _v(group: str = "s", guard: bool = True) -> str:
    """The secret's group; `guard` for rules that start with `_LEAD` (see there)."""
    return f"{_GUARD if guard else ''}(?P<{group}>{VALUE})"


def ab(word: str, least: int) -> str:
    """`word` or any abbreviation of it down to `least` letters, as the CLI parser accepts."""
    tail = word[least:]
    nested = "".join(f"(?:{re.escape(c)}" for c in tail) + ")?" * len(tail)
    return re.escape(word[:least]) + nested + r"(?![\w-])"


_PASSWORD = ab("password", 4)
_SECRET_KW = ab("secret", 3)
_KEY = r"key(?![\w-])"


class Rule(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """A redaction rule: the words it needs and the pattern whose secret it masks."""

    kind: str  # the token's kind, e.g. `psk` gives `<psk-1>`
    # Words the rule cannot match without, keywords as abbreviated at their shortest: the
    # text must hold a word of every group (`enable` needs "ena" and "pass" or "sec"), else
    # the rule is skipped. Lowercase: tested on text.lower().
    needs: tuple[tuple[str, ...], ...]
    regex: str  # for re.MULTILINE; case-blindness is in the pattern (`(?i)`)


_SNMP = ab("snmp-server", 6)
_AUTH_KEY = ab("authentication-key", 4)

RULES: tuple[Rule, ...] = (
    # IKE pre-shared keys: IOS `crypto isakmp key`, PIX 6 `isakmp key`, keyrings, ASA
    # tunnel-groups (`ikev1 pre-shared-key`, IKEv2 local/remote authentication).
    Rule("psk", (("isa",), ("key",)),
         _LEAD + rf"(?:{ab('crypto', 3)}{_S})?{ab('isakmp', 3)}{_S}{_KEY}{_S}{_TYPE}"
         + _v()),
    Rule("psk", (("pre-sh",), ("address", "hostname")),
         _LEAD + rf"{ab('pre-shared-key', 6)}{_S}(?:address|hostname)[ \t].*?\bkey"
         rf"{_S}{_TYPE}{_v()}"),
    Rule("psk", (("pre-sh",),),
         _LEAD + r"(?:ikev1[ \t]+|ikev2[ \t]+(?:local|remote)-authentication[ \t]+)?"
         rf"{ab('pre-shared-key', 6)}{_S}(?!address\b|hostname\b)"
         rf"(?:(?:local|remote)[ \t]+)?(?:hex[ \t]+)?{_TYPE}{_v()}"),
    # ASA failover (and PIX 6 `failover lan key`): the key that encrypts failover traffic.
    Rule("failover-key", (("fail",), ("key",)),
         _LEAD + rf"{ab('failover', 4)}{_S}(?:lan{_S})?{_KEY}{_S}"
         rf"(?:hex[ \t]+)?{_TYPE}{_v()}"),
    Rule("failover-key", (("fail",), ("ipsec",)),
         _LEAD + rf"{ab('failover', 4)}{_S}ipsec{_S}pre-shared-key{_S}"
         rf"(?:hex[ \t]+)?{_TYPE}{_v()}"),
    # Manual IPsec (`crypto map ... ipsec-manual`): the traffic keys themselves.
    Rule("session-key", (("session-key",),),
         _LEAD + r"(?:crypto[ \t]+map[ \t]+\S+[ \t]+\d+[ \t]+)?set[ \t]+"
         r"session-key[ \t]+(?:inbound|outbound)[ \t]+esp[ \t]+\d+"
         rf"(?:[ \t]+cipher[ \t]+{_TYPE}{_v()})?"
         rf"(?:[ \t]+authenticator[ \t]+{_TYPE}{_v('s2')})?"),
    Rule("session-key", (("session-key",),),
         _LEAD + r"(?:crypto[ \t]+map[ \t]+\S+[ \t]+\d+[ \t]+)?set[ \t]+"
         r"session-key[ \t]+(?:inbound|outbound)[ \t]+ah[ \t]+\d+[ \t]+"
         rf"{_TYPE}{_v()}"),
    # Local credentials.
    Rule("enable", (("ena",), ("pass", "sec")),
         _LEAD + rf"{ab('enable', 3)}{_S}(?:algorithm-type[ \t]+\S+[ \t]+)?"
         rf"(?:{_PASSWORD}|{_SECRET_KW}){_S}(?:level[ \t]+\d+[ \t]+)?"
         rf"{_TYPE}{_v()}"),
    Rule("user-password", (("user",), ("pass", "sec")),
         _LEAD + rf"{ab('username', 4)}{_S}\S+[ \t]+(?:.*?[ \t])?"
         rf"(?:{_PASSWORD}|{_SECRET_KW}){_S}{_TYPE}{_v()}"),
    # A mail client capitalised the whole line and the secret is a plain lowercase word
    # (`Enable password cisco`, `Username admin password letmein`): the rules above leave
    # that word as prose, but a whole line of exactly this shape is no sentence netriage or
    # an engineer writes, so the word is masked here (on this line; nothing is learnt).
    Rule("enable", (("ena",), ("pass", "sec")),
         r"^[ \t]*Enable[ \t]+(?:password|secret)[ \t]+(?:level[ \t]+\d+[ \t]+)?"
         + _STATE + r"(?P<s>[a-z][a-z0-9]*)(?:[ \t]+(?:encrypted|pbkdf2))?[ \t]*$"),
    Rule("user-password", (("user",), ("pass", "sec")),
         r"^[ \t]*Username[ \t]+\S+[ \t]+(?:privilege[ \t]+\d+[ \t]+)?(?:password|secret)"
         r"[ \t]+" + _STATE + r"(?P<s>[a-z][a-z0-9]*)"
         r"(?:[ \t]+(?:encrypted|pbkdf2|privilege[ \t]+\d+))*"
         r"[ \t]*$"),
    Rule("passwd", (("passwd",),),
         _LEAD + rf"passwd{_S}{_v()}"),
    Rule("master-key", (("config-key",), ("password-encrypt",)),
         _LEAD + r"key[ \t]+config-key[ \t]+password-encrypt(?:ion)?[ \t]+"
         rf"{_v()}(?:[ \t]+{_v('s2')})?"),
    # SNMP: v1/v2c communities (IOS and ASA forms) and v3 user passphrases.
    Rule("snmp-community", (("snmp-s",), ("comm",)),
         _LEAD + rf"{_SNMP}{_S}{ab('community', 4)}{_S}{_TYPE}{_v()}"),
    Rule("snmp-community", (("snmp-s",), ("community",)),
         _LEAD + rf"{_SNMP}{_S}host[ \t].*?\bcommunity{_S}{_TYPE}{_v()}"),
    Rule("snmp-community", (("snmp-s",), ("host",)),
         _LEAD + rf"{_SNMP}{_S}host[ \t]+\d+\.\d+\.\d+\.\d+[ \t]+"
         r"(?!.*\bcommunity\b)(?:vrf[ \t]+\S+[ \t]+)?"
         r"(?:(?:informs|traps)[ \t]+)?(?:version[ \t]+(?:1|2c)[ \t]+)?"
         r"(?!version\b|informs\b|traps\b|vrf\b|udp-port\b)" + _v()),
    Rule("snmp-community", (("community name",),),
         r"^[ \t]*Community name:[ \t]*" + _v(guard=False)),
    Rule("snmp-user", (("snmp-s",), ("v3",)),
         _LEAD + rf"{_SNMP}{_S}user[ \t]+\S+[ \t]+\S+[ \t]+v3[ \t]+"
         r"(?:encrypted[ \t]+)?auth[ \t]+\S+[ \t]+" + _v()
         + r"(?:[ \t]+priv[ \t]+(?:aes[ \t]+\d+|3des|des|aes)[ \t]+"
         + _v("s2") + ")?"),
    # Key chains, HSRP/VRRP, routing protocol and NTP authentication.
    Rule("key-string", (("key-s",),),
         _LEAD + r"(?:standby[ \t]+\d+[ \t]+authentication[ \t]+md5[ \t]+)?"
         rf"{ab('key-string', 5)}{_S}{_TYPE}{_v()}"),
    Rule("key-string", (("standby", "vrrp"), ("authentication",)),
         _LEAD + r"(?:standby|vrrp)[ \t]+\d+[ \t]+authentication[ \t]+"
         r"(?!md5\b)(?:text[ \t]+)?" + _v()),
    Rule("routing-key", (("ospf",), ("message-digest-key", "auth")),
         _LEAD + r"ip[ \t]+ospf[ \t]+(?:message-digest-key[ \t]+\d+[ \t]+md5|"
         rf"{_AUTH_KEY}){_S}{_TYPE}{_v()}"),
    Rule("routing-key", (("message-digest-key",), ("md5",)),
         _LEAD + r"(?:ospf[ \t]+)?message-digest-key[ \t]+\d+[ \t]+md5[ \t]+"
         rf"{_TYPE}{_v()}"),
    Rule("routing-key", (("nei",), ("pass",)),
         _LEAD + rf"{ab('neighbor', 3)}{_S}\S+{_S}{_PASSWORD}{_S}{_TYPE}"
         + _v()),
    # Named EIGRP (`authentication mode hmac-sha-256 x`) and DMVPN's NHRP password.
    Rule("routing-key", (("hmac-sha-256",),),
         _LEAD + rf"authentication{_S}mode{_S}hmac-sha-256{_S}{_TYPE}{_v()}"),
    Rule("routing-key", (("nhrp",), ("authentication",)),
         _LEAD + rf"ip{_S}nhrp{_S}authentication{_S}{_v()}"),
    Rule("ntp-key", (("ntp",), ("auth",)),
         _LEAD + rf"ntp{_S}{_AUTH_KEY}{_S}\d+[ \t]+md5[ \t]+{_v()}"),
    # TACACS+/RADIUS shared secrets (IOS global forms; block forms are in BARE_KEY_BLOCKS).
    Rule("tacacs-key", (("tacacs-s",), ("key",)),
         _LEAD + rf"{ab('tacacs-server', 8)}{_S}(?:host[ \t].*?)?{_KEY}{_S}"
         rf"{_TYPE}{_v()}"),
    Rule("radius-key", (("radius-s",), ("key",)),
         _LEAD + rf"{ab('radius-server', 8)}{_S}(?:host[ \t].*?)?{_KEY}{_S}"
         rf"{_TYPE}{_v()}"),
    Rule("aaa-key", (("server-private",), ("key",)),
         _LEAD + rf"server-private{_S}\S+[ \t].*?\bkey{_S}{_TYPE}{_v()}"),
    # PIX 6: `aaa-server TAG (if) host A KEY [timeout N]`, the key positional.
    Rule("aaa-key", (("aaa-server",), ("host",)),
         _LEAD + rf"aaa-server{_S}\S+{_S}(?:\([^)]*\){_S})?host{_S}\S+{_S}"
         rf"(?!timeout\b)(?:key{_S}(?!timeout\b))?{_v()}"),
    Rule("aaa-key", (("ldap-login-password",),),
         _LEAD + rf"ldap-login-password{_S}{_v()}"),
    Rule("ppp-password", (("ppp",), ("pass",)),
         _LEAD + r"ppp[ \t]+(?:chap|pap)[ \t]+(?:sent-username[ \t]+\S+[ \t]+)?"
         rf"{_PASSWORD}{_S}{_TYPE}{_v()}"),
    # Wireless: an SSID's WPA pre-shared key, `wpa-psk ascii|hex [0|7] x`.
    Rule("wpa-psk", (("wpa-p",), ("ascii", "hex")),
         _LEAD + rf"{ab('wpa-psk', 5)}{_S}(?:ascii|hex){_S}{_TYPE}{_v()}"),
    # Certificates: PKCS#12 import passwords (IOS `crypto pki import ... password x`, ASA
    # `crypto ca import TP pkcs12 x`) and RSA key import passphrases.
    Rule("pki-password", (("pkcs12",), ("import",)),
         _LEAD + rf"crypto{_S}(?:pki|ca){_S}import{_S}\S+{_S}pkcs12{_S}"
         rf"(?:.*?[ \t]password{_S}{_v()}"
         rf"|(?!\S+:)(?!terminal\b){_v('s2')})"),
    Rule("pki-password", (("import",), ("pass",)),
         _LEAD + rf"crypto{_S}key{_S}import{_S}.*?[ \t]"
         rf"(?:password|passphrase){_S}{_v()}"),
    Rule("pki-password", (("import", "export"), ("rsa",)),
         _LEAD + rf"crypto{_S}key{_S}(?:import|export){_S}rsa{_S}\S+{_S}"
         r".*?\b(?:terminal|url[ \t]+\S+)(?:[ \t]+(?:3des|des|aes))?"
         rf"{_S}(?!password\b|passphrase\b){_v()}"),
    # Anything else configured as `password X` / `secret X` (line passwords, ftp, http client,
    # `area-password`): a config line, a few words then the keyword, never prose or a filter.
    # `Password x` as a mail client capitalises a line password; not a lowercase word.
    Rule("password", (("password", "secret"),),
         r"^[ \t]*(?:Password|Secret)[ \t]+" + _TYPE + _MAIL_GUARD
         + _v(guard=False) + r"(?=[^:]*$)"),
    # The same lines a mail client capitalised (`Ip ftp password Xy`, `Area-password Xy`):
    # only the first word Capitalised, so a table row ("DH Share Secret 0") is not one.
    Rule("password", (("pass", "sec"),),
         r"^[ \t]*(?=[A-Z][a-z])(?:\w[\w.\-:/]*[ \t]+"
         r"(?:(?![A-Z][a-z])\w[\w.\-:/]*[ \t]+){0,3}?)?(?:\w+-)*"
         rf"(?:{_PASSWORD}|{_SECRET_KW}){_S}(?!encryption\b|log\b){_TYPE}"
         + _MAIL_GUARD + _v(guard=False) + r"(?=[^:]*$)"),
    # Without a prompt no word may be Capitalised ("DH Share Secret 0" is a table row).
    Rule("password", (("pass", "sec"),),
         rf"(?i)^(?:{PROMPT})?[ \t]*(?:{_CONFIG}[\w][\w.\-:/]*[ \t]+){{0,4}}?"
         rf"{_CONFIG}(?:\w+-)*(?:{_PASSWORD}|{_SECRET_KW}){_S}(?!encryption\b|log\b)"
         rf"{_TYPE}{_v(guard=False)}(?=[^:]*$)"),
)

# Bare `key X` lines: a secret under these blocks (`key 1` under a key chain is an index),
# or typed at these sub-mode prompts (the mode says which block it is in).
BARE_KEY = lazy(rf"(?i)^(?:{PROMPT})?[ \t]*key[ \t]+{_TYPE}(?P<s>{VALUE})[ \t]*$",
                 re.MULTILINE)
BARE_KEY_BLOCKS = lazy(
    rf"(?i)^(?:{PROMPT})?[ \t]*(?P<opener>tacacs[ \t]+server|radius[ \t]+server|aaa-server"
    r"[ \t]+\S+[ \t]+(?:\([^)]*\)[ \t]+)?host|crypto[ \t]+isakmp[ \t]+client[ \t]+"
    r"configuration[ \t]+group|key[ \t]+chain|interface|router|line|!)\b", re.MULTILINE)
BARE_KEY_KINDS = {"tacacs": "tacacs-key", "radius": "radius-key", "aaa-server": "aaa-key",
                  "crypto": "psk"}
# The kind of a bare `key` typed at a sub-mode prompt: IOS `radius server`
# (config-radius-server), `tacacs server` (config-server-tacacs), ASA `aaa-server ... host`
# (config-aaa-server-host), ISAKMP modes (config-isakmp, config-isakmp-group). Any other
# sub-mode's bare `key X` is masked too, as `key` (unknown is never taken as harmless), but a
# key chain's (config-keychain) `key 1` is an index.
MODE_KINDS = (("radius", "radius-key"), ("tacacs", "tacacs-key"), ("aaa-server", "aaa-key"),
              ("isakmp", "psk"))
INDEX_MODES = ("keychain", "key-chain")

# PEM private keys (`-----BEGIN [RSA |EC |ENCRYPTED ]PRIVATE KEY-----`) and the base64 of a
# PKCS#12 pasted after `crypto ca import TP pkcs12 x`: every body line is the key.
PEM_BEGIN = lazy(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----", re.IGNORECASE)
PEM_END = lazy(r"-----END [A-Z0-9 ]*PRIVATE KEY-----", re.IGNORECASE)
PKCS12_BEGIN = lazy(rf"(?i)^(?:{PROMPT})?[ \t]*crypto{_S}(?:ca|pki){_S}import{_S}\S+"
                     rf"{_S}pkcs12{_S}(?!\S+:)\S+[ \t]*$")
KEY_BODY = lazy(r"^[ \t]*(?:[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9+/]{1,15}={1,2}"
                 r"|(?:Proc-Type|DEK-Info):.*|)[ \t]*$")

TOKEN = lazy(r"<[a-z][a-z0-9-]*-\d+>")
