"""The regexes behind the fast path of `asa_ipsec_sa`: ntc's rules, and one regex per SA block.

ntc-templates' `cisco_asa_show_crypto_ipsec_sa.textfsm` rules and values are copied verbatim
(tests check they still agree with the installed template). From them one compiled regex
describes a canonical SA block: the lines of ntc's own rules, in the order ASA 7.x–9.x print
them, each wrapped in an atomic group `(?>rule)` and required to end the line. An atomic group
keeps the first way a rule matches, exactly as TextFSM's prefix `re.match` does, so a block the
regex accepts yields the values TextFSM would have taken. Lines ntc ignores (the ACL line,
`#TFC`, `SA State`, the anti-replay bitmap, the `detail` counters) are allowed only where no
rule of the state could take them. The same ignorable lines, one at a time, tell the slow path
which lines it may leave unread without calling the output partial.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path

from netriage.parsing.native.fsm import Template, load_template

TEMPLATE_NAME = "cisco_asa_show_crypto_ipsec_sa.textfsm"

# -- ntc's rules, verbatim (tests check they still agree with the installed template) -------
_IP = r"\d+\.\d+\.\d+\.\d+"
VALUES: dict[str, str] = {
    "INTERFACE": r"\S+", "CRYPTO_MAP_TAG": r"\S+", "SEQUENCE_NUMBER": r"\d+",
    "LOCAL_ADDRESS": _IP, "LOCAL_ADDRESS_NAME": r"\S+",
    "LOCAL_IDENTITY_ADDR": _IP, "LOCAL_IDENTITY_MASK": _IP, "LOCAL_IDENTITY_PROTOCOL": r"\d+",
    "LOCAL_IDENTITY_PORT": r"\d+", "REMOTE_IDENTITY_ADDR": _IP, "REMOTE_IDENTITY_MASK": _IP,
    "REMOTE_IDENTITY_PROTOCOL": r"\d+", "REMOTE_IDENTITY_PORT": r"\d+",
    "CURRENT_PEER": _IP, "DYNAMIC_PEER": _IP, "CURRENT_PEER_NAME": r"\S+",
    "DYNAMIC_PEER_NAME": r"\S+",
    "PACKETS_ENCAPSULATED": r"\d+", "PACKETS_ENCRYPTED": r"\d+", "PACKETS_DIGESTED": r"\d+",
    "PACKETS_DECAPSULATED": r"\d+", "PACKETS_DECRYPTED": r"\d+", "PACKETS_VERIFIED": r"\d+",
    "PACKETS_COMPRESSED": r"\d+", "PACKETS_DECOMPRESSED": r"\d+",
    "PACKETS_NOT_COMPRESSED": r"\d+", "PACKETS_COMPRESS_FAILED": r"\d+",
    "PACKETS_DECOMPRESS_FAILED": r"\d+", "PRE_FRAGMENT_SUCCESS": r"\d+",
    "PRE_FRAGMENT_FAILURES": r"\d+", "FRAGMENTS_CREATED": r"\d+", "PMTUS_SENT": r"\d+",
    "PMTUS_RECEIVED": r"\d+", "DECAP_FRAGS_NEEDING_REASSEMBLY": r"\d+",
    "SEND_ERRORS": r"\d+", "RECEIVE_ERRORS": r"\d+",
    "LOCAL_CRYPTO_ENDPOINT": _IP, "REMOTE_CRYPTO_ENDPOINT": _IP,
    "LOCAL_CRYPTO_ENDPOINT_NAME": r"\S+", "REMOTE_CRYPTO_ENDPOINT_NAME": r"\S+",
    "PATH_MTU": r"\d+", "IPSEC_OVERHEAD": r"\d+", "MEDIA_MTU": r"\d+",
    "CURRENT_INBOUND_SPI": r"\w+", "CURRENT_OUTBOUND_SPI": r"\w+",
}
for _d in ("INBOUND", "OUTBOUND"):
    VALUES.update({
        f"{_d}_SPI_HEX": r"\w+", f"{_d}_SPI_INTEGER": r"\d+", f"{_d}_ENCRYPTION": r"\S+",
        f"{_d}_AUTHENTICATION": r"\S+", f"{_d}_SETTINGS_IN_USE": r".*", f"{_d}_SLOT": r"\d+",
        f"{_d}_CONNECTION_ID": r"\d+", f"{_d}_CRYPTO_MAP": r"\S+",
        f"{_d}_REMAINING_LIFETIME": r"\d+", f"{_d}_REMAINING_LIFETIME_KILOBYTES": r"\d+",
        f"{_d}_IV_SIZE": r"\d+\s+\w+", f"{_d}_REPLAY_DETECTION": r"\w+",
    })

# The template's value names, in its order, as records name them (a test checks them against
# the installed template: reading them from it costs loading it, ~16 ms)
NAMES = tuple(name.lower() for name in VALUES)

RULES: dict[str, str] = {
    "interface": r"^interface:\s+${INTERFACE}\s*",
    "map": r"^\s+Crypto map tag:\s+${CRYPTO_MAP_TAG},\s+local addr:\s+(?:${LOCAL_ADDRESS}|"
           r"${LOCAL_ADDRESS_NAME})\s*",
    "map_seq": r"^\s+Crypto map tag:\s+${CRYPTO_MAP_TAG}, seq num:\s+${SEQUENCE_NUMBER},\s+"
               r"local addr:\s+(?:${LOCAL_ADDRESS}|${LOCAL_ADDRESS_NAME})\s*",
    "local_ident": r"^\s+local\s+ident\s+\(addr\/mask\/prot\/port\):\s+\(${LOCAL_IDENTITY_ADDR}"
                   r"\/${LOCAL_IDENTITY_MASK}\/${LOCAL_IDENTITY_PROTOCOL}\/"
                   r"${LOCAL_IDENTITY_PORT}\)\s*",
    "remote_ident": r"^\s+remote\s+ident\s+\(addr/mask/prot/port\):\s+\("
                    r"${REMOTE_IDENTITY_ADDR}\/${REMOTE_IDENTITY_MASK}\/"
                    r"${REMOTE_IDENTITY_PROTOCOL}\/${REMOTE_IDENTITY_PORT}\)\s*",
    "peer": r"^\s+current_peer:\s+(?:${CURRENT_PEER}|${CURRENT_PEER_NAME})\s*",
    "dynamic": r"^\s+dynamic\s+allocated\s+peer\s+ip:\s+(?:${DYNAMIC_PEER}|${DYNAMIC_PEER_NAME})"
               r"\s*",
    "encaps": r"^\s+#pkts\s+encaps:\s+${PACKETS_ENCAPSULATED},\s+#pkts\s+encrypt:\s+"
              r"${PACKETS_ENCRYPTED},\s+#pkts\s+digest:\s+${PACKETS_DIGESTED}\s*",
    "decaps": r"^\s+#pkts\s+decaps:\s+${PACKETS_DECAPSULATED},\s+#pkts\s+decrypt:\s+"
              r"${PACKETS_DECRYPTED},\s+#pkts\s+verify:\s+${PACKETS_VERIFIED}\s*",
    "compressed": r"^\s+#pkts\s+compressed:\s+${PACKETS_COMPRESSED},\s+#pkts\s+decompressed:"
                  r"\s+${PACKETS_DECOMPRESSED}\s*",
    "not_compressed": r"^\s+#pkts\s+not\s+compressed:\s+${PACKETS_NOT_COMPRESSED},\s+#pkts\s+"
                      r"comp\s+failed:\s+${PACKETS_COMPRESS_FAILED},\s+#pkts\s+decomp\s+failed:"
                      r"\s+${PACKETS_DECOMPRESS_FAILED}\s*",
    "prefrag": r"^\s+#pre-frag\s+successes:\s+${PRE_FRAGMENT_SUCCESS},\s+#pre-frag\s+failures:"
               r"\s+${PRE_FRAGMENT_FAILURES},\s+#fragments\s+created:\s+${FRAGMENTS_CREATED}\s*",
    "pmtus": r"^\s+#PMTUs\s+sent:\s+${PMTUS_SENT},\s+#PMTUs\s+rcvd:\s+${PMTUS_RECEIVED},\s+"
             r"#decapsulated\s+fra?gs\s+needing\s+reassembly:\s+"
             r"${DECAP_FRAGS_NEEDING_REASSEMBLY}\s*",
    "errors": r"^\s+#send\s+errors:\s+${SEND_ERRORS},\s+#recv\s+errors:\s+${RECEIVE_ERRORS}\s*",
    "endpoints": r"^\s+local\s+crypto\s+endpt\.:\s+${LOCAL_CRYPTO_ENDPOINT},\s+remote\s+crypto"
                 r"\s+endpt\.:\s+${REMOTE_CRYPTO_ENDPOINT}\s*",
    "endpoints_port": r"^\s+local\s+crypto\s+endpt\.:\s+(?:${LOCAL_CRYPTO_ENDPOINT}|"
                      r"${LOCAL_CRYPTO_ENDPOINT_NAME})(\/\d+),\s+remote\s+crypto\s+endpt\.:\s+"
                      r"(?:${REMOTE_CRYPTO_ENDPOINT}|${REMOTE_CRYPTO_ENDPOINT_NAME})(\/\d+)\s*",
    "mtu": r"^\s+path\s+mtu\s+${PATH_MTU},\s+ipsec\s+overhead\s+${IPSEC_OVERHEAD}(\(\d+\))?,"
           r"\s+media\s+mtu\s+${MEDIA_MTU}\s*",
    "spi_out": r"^\s+current\s+outbound\s+spi:\s+${CURRENT_OUTBOUND_SPI}\s*",
    "spi_in": r"^\s+current\s+inbound\s+spi\s+:\s+${CURRENT_INBOUND_SPI}\s*",
    "inbound": r"^\s+inbound\s+esp\s+sas:\s*",
    "outbound": r"^\s+outbound\s+esp\s+sas:\s*",
}
for _d, _p in (("INBOUND", "in"), ("OUTBOUND", "out")):
    RULES.update({
        f"{_p}_spi": rf"^\s+spi:\s+${{{_d}_SPI_HEX}}\s+\(${{{_d}_SPI_INTEGER}}\)\s*",
        f"{_p}_transform": rf"^\s+transform:\s+${{{_d}_ENCRYPTION}}\s+${{{_d}_AUTHENTICATION}}\s*",
        f"{_p}_settings": rf"^\s+in\s+use\s+settings\s+=\{{${{{_d}_SETTINGS_IN_USE}},\s+\}}\s*",
        f"{_p}_slot": rf"^\s+slot:\s+${{{_d}_SLOT}},\s+conn_id:\s+${{{_d}_CONNECTION_ID}},\s+"
                      rf"crypto-map:\s+${{{_d}_CRYPTO_MAP}}\s*",
        f"{_p}_life": rf"^\s+sa\s+timing:\s+remaining\s+key\s+lifetime\s+\(sec\):\s+"
                      rf"${{{_d}_REMAINING_LIFETIME}}\s*",
        f"{_p}_life_kb": rf"^\s+sa\s+timing:\s+remaining\s+key\s+lifetime\s+\(kB\/sec\):\s+"
                         rf"\(${{{_d}_REMAINING_LIFETIME_KILOBYTES}}\/"
                         rf"${{{_d}_REMAINING_LIFETIME}}\)\s*",
        f"{_p}_iv": rf"^\s+IV\s+size:\s+${{{_d}_IV_SIZE}}\s*",
        f"{_p}_replay": rf"^\s+replay\s+detection\s+support:\s+${{{_d}_REPLAY_DETECTION}}\s*",
    })

# Lines ntc's template has no rule for, which ASA prints: understood, values ignored (or, for
# the `detail` counters, kept as the extra keys). Each is matched whole.
_N = r"[^\S\n]"  # whitespace within a line
EXTRA_KEYS = ("no_sa_send", "invalid_sa_rcv", "encaps_failed_send", "decaps_failed_rcv",
              "verify_failed", "replay_failed_rcv")
_DETAIL = {
    "no_sa": rf"{_N}+#pkts no sa \(send\):{_N}*(?P<no_sa_send>\d+),{_N}*#pkts invalid sa "
             rf"\(rcv\):{_N}*(?P<invalid_sa_rcv>\d+)",
    "failed": rf"{_N}+#pkts encaps failed \(send\):{_N}*(?P<encaps_failed_send>\d+),{_N}*"
              rf"#pkts decaps failed \(rcv\):{_N}*(?P<decaps_failed_rcv>\d+)",
    "verify": rf"{_N}+#pkts invalid prot \(rcv\):{_N}*\d+,{_N}*#pkts verify failed:{_N}*"
              rf"(?P<verify_failed>\d+)",
    "identity": rf"{_N}+#pkts invalid identity \(rcv\):{_N}*\d+,{_N}*#pkts invalid len "
                rf"\(rcv\):{_N}*\d+",
    "pad": rf"{_N}+#pkts invalid pad \(rcv\):{_N}*\d+,?",
    "ipver": rf"{_N}+#pkts invalid ip version \(rcv\):{_N}*\d+,?",
    "rollover": rf"{_N}+#pkts replay rollover \(send\):{_N}*\d+,{_N}*#pkts replay rollover "
                rf"\(rcv\):{_N}*\d+",
    "replay": rf"{_N}+#pkts replay failed(?: \(rcv\))?:{_N}*(?P<replay_failed_rcv>\d+)",
    "minmtu": rf"{_N}+#pkts min mtu frag failed \(send\):{_N}*\d+,{_N}*#pkts bad frag offset "
              rf"\(rcv\):{_N}*\d+",
    "internal": rf"{_N}+#pkts internal err \(send\):{_N}*\d+,{_N}*#pkts internal err "
                rf"\(rcv\):{_N}*\d+",
}
_IGNORED = {
    "acl": rf"{_N}+access-list{_N}+\S.*",
    "tfc": rf"{_N}+#TFC rcvd:{_N}*\d+,{_N}*#TFC sent:{_N}*\d+",
    "icmp": rf"{_N}+#Valid ICMP Errors rcvd:{_N}*\d+,{_N}*#Invalid ICMP Errors rcvd:{_N}*\d+",
    "pmtu_time": rf"{_N}+PMTU time remaining \(sec\):{_N}*\d+,{_N}*DF policy:{_N}*\S+",
    "icmp_validation": rf"{_N}+ICMP error validation:{_N}*\S+,{_N}*TFC packets:{_N}*\S+",
    "sa_state": rf"{_N}+SA State:{_N}*\S+",
    "bitmap": rf"{_N}+Anti replay bitmap:",
    "bitmap_words": rf"{_N}+0x[0-9A-Fa-f]{{8}}(?:{_N}+0x[0-9A-Fa-f]{{8}})*",
    "none": rf"{_N}*There are no ipsec sas",
    "blank": rf"{_N}*",
}


def _expand(rule: str, tag: str, used: dict[str, str]) -> str:
    r"""ntc's rule as a piece of a block regex: `\s` may not cross a line, groups renamed."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        group = f"{tag}__{name.lower()}"
        used[group] = name.lower()
        return f"(?P<{group}>{VALUES[name].replace(chr(92) + 's', _N)})"

    body = rule.removeprefix("^").replace("\\s", _N)
    return re.sub(r"\$\{(\w+)\}", value, body)


def _line(name: str, used: dict[str, str], tag: str = "") -> str:
    # Atomic: keep the first match, as TextFSM's prefix `re.match` does; like TextFSM, ignore
    # whatever follows on the line (`transform: esp-aes esp-sha-hmac no compression`).
    return rf"(?>{_expand(RULES[name], tag or name, used)})[^\n]*\n"


def _plain(pattern: str) -> str:
    return rf"{pattern}{_N}*\n"


def _anonymous(name: str) -> str:
    """A rule's regex with its groups unnamed (for guards and lines whose values are unused)."""
    return re.sub(r"\(\?P<\w+>", "(?:", _expand(RULES[name], "x", {}))


def _not(*names: str) -> str:
    """Guard: none of these rules (earlier in TextFSM's order) would take this line."""
    return "".join(f"(?!{_anonymous(n)})" for n in names)


def _sa(prefix: str | None, used: dict[str, str]) -> str:
    """One SA of `inbound/outbound esp sas:`; prefix None = an SA TextFSM reads in Start."""
    state = _plain(_IGNORED["sa_state"])
    bitmap = rf"{_plain(_IGNORED['bitmap'])}(?:{_plain(_IGNORED['bitmap_words'])})*"
    if prefix is None:
        # a second SA (a rekey): TextFSM is back in Start, where no rule takes these lines
        lines = [rf"{_anonymous('in_' + k)}[^\n]*\n" for k in
                 ("spi", "transform", "settings", "slot", "life", "life_kb", "iv", "replay")]
        return "(?:" + "|".join([*lines, state, bitmap]) + ")"
    p = prefix
    life = rf"(?:{_line(f'{p}_life', used)}|{_line(f'{p}_life_kb', used)})"
    return (rf"{_line(f'{p}_spi', used)}(?:{state})?{_line(f'{p}_transform', used)}"
            rf"{_line(f'{p}_settings', used)}{_line(f'{p}_slot', used)}{life}"
            rf"{_line(f'{p}_iv', used)}{_line(f'{p}_replay', used)}(?:{bitmap})?")


def _block_pieces(header: str, used: dict[str, str]) -> list[str]:
    """The canonical SA block, piece by piece (a list, so a test can say which piece fails)."""
    blank = _plain(_IGNORED["blank"])
    acl = _plain(_IGNORED["acl"])
    # `show crypto ipsec sa detail` counters: after `not compressed` or after `send errors`
    detail = "(?:" + "|".join(_plain(re.sub(r"\(\?P<\w+>", "(?:", p))
                              for p in _DETAIL.values()) + ")*"
    endpoints = (rf"(?:{_line('endpoints', used)}|{_not('endpoints')}"
                 rf"{_line('endpoints_port', used, 'endpoints_port')})")
    return [
        _line(header, used), rf"(?:{blank}|{acl})*",
        _line("local_ident", used), _line("remote_ident", used), _line("peer", used),
        rf"(?:{_line('dynamic', used)})?(?:{blank})*",
        _line("encaps", used), _line("decaps", used), _line("compressed", used),
        _line("not_compressed", used), detail,
        rf"(?:{_line('prefrag', used)})?", rf"(?:{_line('pmtus', used)})?",
        rf"(?:{_plain(_IGNORED['tfc'])})?(?:{_plain(_IGNORED['icmp'])})?",
        _line("errors", used), detail, rf"(?:{blank})*",
        endpoints, _line("mtu", used),
        rf"(?:{_plain(_IGNORED['pmtu_time'])})?(?:{_plain(_IGNORED['icmp_validation'])})?",
        _line("spi_out", used), rf"(?:{_line('spi_in', used)})?(?:{blank})*",
        _line("inbound", used), _sa("in", used), rf"{_sa(None, used)}*",
        _line("outbound", used), _sa("out", used), rf"(?:{_sa(None, used)}|{blank})*",
    ]


@dataclass(frozen=True)
class Block:
    pattern: re.Pattern[str]
    keys: tuple[str, ...]  # record keys, in template order
    take: Callable[[dict[str, str]], tuple[str, ...]]  # groupdict -> the keys' first groups
    second: tuple[tuple[str, str], ...]  # (key, group) where a second rule may give the value
    has_seq: bool
    groups: tuple[str, ...] = ()  # the keys' first groups (what `take` reads), in key order


def _block(header: str, ascii_only: bool, keep: frozenset[str] | None = None) -> Block:
    used: dict[str, str] = {}
    # an always-empty group stands for the keys this block never sets (Filldown ones)
    source = "(?P<none>)" + "".join(_block_pieces(header, used))
    if keep is not None:
        # Only the keys a compact record keeps are captured: the regex compiles in half the
        # time and matches ~15% faster without the other ~30 groups
        for group, key in list(used.items()):
            if key not in keep:
                source = source.replace(f"(?P<{group}>", "(?:")
                del used[group]
    if ascii_only:
        # In ASCII text without \r \v \f \x1c-\x1f, `\s` within a line is exactly [ \t]; the
        # plain class is a third faster than `[^\S\n]`.
        source = source.replace(_N, "[ \t]")
    groups: dict[str, list[str]] = {}
    for group, key in used.items():
        groups.setdefault(key, []).append(group)
    keys = NAMES
    first = [groups.get(key, ["none"])[0] for key in keys]
    second = tuple((key, groups[key][1]) for key in keys if len(groups.get(key, ())) > 1)
    return Block(re.compile(source), keys, itemgetter(*first), second, header == "map_seq",
                 tuple(first))


@cache
def compiled_block(header: str, ascii_only: bool, keep: frozenset[str] | None = None) -> Block:
    return _block(header, ascii_only, keep)


def compiled_blocks(ascii_only: bool, keep: frozenset[str] | None = None) -> Iterator[Block]:
    """The block regexes in the order they are tried; each compiled when first reached (one
    takes ~0.04 s, and an output usually needs only the `seq num` one). With `keep`, only
    those keys' groups capture (the others are still matched, and read by no one)."""
    for header in ("map_seq", "map"):
        yield compiled_block(header, ascii_only, keep)


INTERFACE_LINE = re.compile(rf"interface:{_N}+(?P<interface>\S+){_N}*\n(?:{_N}*\n)*")
UNDERSTOOD_EXTRA = re.compile("|".join(f"(?:{p})" for p in (*_DETAIL.values(),
                                                              *_IGNORED.values())) + r"\Z")
DETAIL_LINE = re.compile("|".join(f"(?:{p})" for p in _DETAIL.values()) + rf"{_N}*\Z")
# the same counters found inside a block the fast path already accepted line by line
DETAIL_VALUES = re.compile("|".join(f"(?:{p.removeprefix(_N + '+')})" for p in
                                    _DETAIL.values() if "(?P<" in p))


@cache
def template_path() -> Path:
    from netriage.parsing.registry import ntc_templates_dir

    folder = ntc_templates_dir()
    if folder is None:
        raise FileNotFoundError("ntc-templates is not installed")
    return folder / TEMPLATE_NAME


def template() -> Template:
    return load_template(template_path())

