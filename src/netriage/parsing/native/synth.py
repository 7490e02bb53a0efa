"""Synthetic ASA `show crypto ipsec sa` text: for the benchmark and the property tests.

Real VPN headends print thousands of SA blocks; the corpus has a handful. This writes
realistic 9.x (and 7.x/8.x) blocks with the variations the field shows: several SAs per peer,
IKEv1 and IKEv2, NAT-T, `names` (a peer printed as a name), a rekey in progress (two inbound
and two outbound SAs), and optionally one SA whose decaps is 0 at a known index.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class SyntheticSa:
    """What was written for one block, to check the parser against."""

    index: int
    interface: str
    map_name: str
    seq: int
    peer: str
    local_net: str
    remote_net: str
    encaps: int
    decaps: int


def _ip(rng: random.Random, first: int) -> str:
    return f"{first}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def _spi(rng: random.Random) -> int:
    return rng.randrange(0x100, 0xFFFFFFFF)


def _sa_lines(rng: random.Random, direction_spi: int, *, crypto_map: str, settings: str,
              transform: str, style: str, indent: str) -> list[str]:
    lines = [f"{indent}  spi: 0x{direction_spi:08X} ({direction_spi})"]
    if style == "9x":
        lines.append(f"{indent}     SA State: active")
    lines += [
        f"{indent}     transform: {transform}",
        f"{indent}     in use settings ={{{settings}, }}",
        f"{indent}     slot: 0, conn_id: {rng.randrange(1, 1 << 28)}, crypto-map: {crypto_map}",
    ]
    if style == "7x":
        lines.append(f"{indent}     sa timing: remaining key lifetime (sec): "
                     f"{rng.randrange(28800)}")
    else:
        lines.append(f"{indent}     sa timing: remaining key lifetime (kB/sec): "
                     f"({rng.randrange(4608000)}/{rng.randrange(28800)})")
    lines += [f"{indent}     IV size: {rng.choice((8, 16))} bytes",
              f"{indent}     replay detection support: Y"]
    if style == "9x":
        lines += [f"{indent}     Anti replay bitmap:", f"{indent}      0xFFFFFFFF 0xFFFFFFFF"]
    return lines


@dataclass(frozen=True)
class _Block:
    """What one SA block looks like (chosen per index, so outputs are reproducible)."""

    index: int
    interface: str
    local: str
    peer_no: int
    peer: str
    zero_decaps: bool
    style: str
    detail: bool


def asa_ipsec_sa(count: int, *, seed: int = 4, peers: int = 0, zero_decaps_at: int | None = None,
                 style: str = "9x", detail: bool = False) -> tuple[str, list[SyntheticSa]]:
    """`count` SA blocks of ASA `show crypto ipsec sa` (or `... detail`) and what they hold.

    `peers` (default: count // 2) peers share the SAs; `zero_decaps_at` gives that SA
    encaps > 0 and decaps 0; every other SA has traffic both ways.
    """
    rng = random.Random(seed)
    peers = peers or max(1, count // 2)
    peer_ips = [_ip(rng, 203) for _ in range(peers)]
    lines: list[str] = []
    written: list[SyntheticSa] = []
    interfaces = ("outside", "outside2") if count > 1 else ("outside",)
    per_interface = (count + len(interfaces) - 1) // len(interfaces)
    index = 0
    for interface in interfaces:
        local = _ip(rng, 198)
        lines.append(f"interface: {interface}")
        for _ in range(per_interface):
            if index >= count:
                break
            block = _Block(index, interface, local, index % peers, peer_ips[index % peers],
                           index == zero_decaps_at, style, detail)
            written.append(_write_block(rng, block, lines))
            index += 1
    return "\n".join(lines) + "\n", written


def _write_block(rng: random.Random, block: _Block, lines: list[str]) -> SyntheticSa:
    index, style, peer_no = block.index, block.style, block.peer_no
    map_name = f"{block.interface}_map"
    seq = 10 + peer_no
    ikev2, nat_t, named = peer_no % 3 == 0, peer_no % 7 == 3, peer_no % 11 == 5
    rekey = index % 97 == 13
    local_net = f"10.{index // 250 % 250}.{index % 250}.0"
    remote_net = f"172.{16 + index // 62500 % 16}.{index // 250 % 250}.{index % 250}"
    remote_mask = "255.255.255.255" if index % 5 == 0 else "255.255.255.0"
    if remote_mask != "255.255.255.255":
        remote_net = remote_net.rsplit(".", 1)[0] + ".0"
    encaps = rng.randrange(1, 10**8)
    decaps = 0 if block.zero_decaps else rng.randrange(1, 10**8)
    errors = rng.choice((0, 0, 0, 0, 3))
    shown_peer = f"PEER-{peer_no}" if named else block.peer
    local = block.local
    if style == "7x":
        lines.append(f"    Crypto map tag: {map_name}, local addr: {local}")
    else:
        lines.append(f"    Crypto map tag: {map_name}, seq num: {seq}, local addr: {local}")
    lines += [
        "",
        f"      access-list {map_name}_{seq} extended permit ip {local_net} 255.255.255.0 "
        f"{remote_net} {remote_mask}",
        f"      local ident (addr/mask/prot/port): ({local_net}/255.255.255.0/0/0)",
        f"      remote ident (addr/mask/prot/port): ({remote_net}/{remote_mask}/0/0)",
        f"      current_peer: {shown_peer}",
        "", "",
        f"      #pkts encaps: {encaps}, #pkts encrypt: {encaps}, #pkts digest: {encaps}",
        f"      #pkts decaps: {decaps}, #pkts decrypt: {decaps}, #pkts verify: {decaps}",
        "      #pkts compressed: 0, #pkts decompressed: 0",
        f"      #pkts not compressed: {encaps}, #pkts comp failed: 0, #pkts decomp failed: 0",
        "      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0",
        "      #PMTUs sent: 0, #PMTUs rcvd: 0, #decapsulated frgs needing reassembly: 0",
    ]
    if style == "9x":
        lines += ["      #TFC rcvd: 0, #TFC sent: 0",
                  "      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0"]
    lines.append(f"      #send errors: {errors}, #recv errors: 0")
    if block.detail:
        lines += _DETAIL_LINES
    lines.append("")
    port = "4500" if nat_t else "500" if style == "9x" else ""
    endpoints = (f"{local}/{port}", f"{shown_peer}/{port}") if port else (local, shown_peer)
    lines.append(f"      local crypto endpt.: {endpoints[0]}, remote crypto endpt.: "
                 f"{endpoints[1]}")
    lines.append(f"      path mtu 1500, ipsec overhead {'82(52)' if nat_t else '74(44)'}, "
                 "media mtu 1500")
    if style == "9x":
        lines += ["      PMTU time remaining (sec): 0, DF policy: copy-df",
                  "      ICMP error validation: disabled, TFC packets: disabled"]
    spi_in, spi_out = _spi(rng), _spi(rng)
    lines.append(f"      current outbound spi: {spi_out:08X}")
    if style != "7x":
        lines.append(f"      current inbound spi : {spi_in:08X}")
    lines.append("")
    settings = (f"L2L, Tunnel, {' NAT-T-Encaps, ' if nat_t else ''}"
                f"{'PFS Group 14, ' if ikev2 else ''}{'IKEv2' if ikev2 else 'IKEv1'}")
    transform = ("esp-aes-256 esp-sha-256-hmac no compression" if ikev2
                 else "esp-aes-256 esp-sha-hmac no compression")
    for direction, first_spi in (("inbound", spi_in), ("outbound", spi_out)):
        lines.append(f"    {direction} esp sas:")
        for spi in [first_spi] + ([_spi(rng)] if rekey else []):
            lines += _sa_lines(rng, spi, crypto_map=map_name, settings=settings,
                               transform=transform, style=style, indent="    ")
    lines.append("")
    return SyntheticSa(index, block.interface, map_name, seq, shown_peer, local_net,
                       remote_net, encaps, decaps)


_DETAIL_LINES = [
    "      #pkts no sa (send): 0, #pkts invalid sa (rcv): 0",
    "      #pkts encaps failed (send): 0, #pkts decaps failed (rcv): 0",
    "      #pkts invalid prot (rcv): 0, #pkts verify failed: 0",
    "      #pkts invalid identity (rcv): 0, #pkts invalid len (rcv): 0",
    "      #pkts invalid pad (rcv): 0,",
    "      #pkts invalid ip version (rcv): 0,",
    "      #pkts replay rollover (send): 0, #pkts replay rollover (rcv): 0",
    "      #pkts replay failed (rcv): 0",
    "      #pkts min mtu frag failed (send): 0, #pkts bad frag offset (rcv): 0",
    "      #pkts internal err (send): 0, #pkts internal err (rcv): 0",
]
