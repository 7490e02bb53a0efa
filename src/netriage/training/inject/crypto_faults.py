"""IPsec counter faults planted in one SA, the same SA in every `show crypto ipsec sa` form.

An SA is told by its peer and proxy identities (`local ident`, `remote ident`, `current_peer`),
which ASA, FTD, PIX 7+ and IOS print alike; its counters follow. The SA chosen is the first one
that passes traffic both ways, so the fault is the only thing wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from netriage.capture.model import Device, Entry
from netriage.training.inject.base import InjectError, Plan, entries, fault

_SA_COMMANDS = ("show crypto ipsec sa",)
_IDENT = re.compile(r"^\s*local\s+ident\b")
_PEER = re.compile(r"current_peer:?\s+(\S+)")
_COUNT = re.compile(r"#pkts (encaps|decaps):\s*(\d+)")
_NAT_T = re.compile(r"NAT-T|UDP-Encaps|port 4500\b|/4500\b")


@dataclass
class _Block:
    key: tuple[str, ...]
    start: int
    end: int
    encaps: int
    decaps: int
    nat_t: bool


def _blocks(lines: list[str]) -> list[_Block]:
    starts = [i for i, line in enumerate(lines) if _IDENT.match(line)]
    blocks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        text = "\n".join(lines[start:end])
        peer = _PEER.search(text)
        remote = next((x.strip() for x in lines[start:end] if "remote ident" in x), "")
        counts = dict((k, int(v)) for k, v in _COUNT.findall(text))
        blocks.append(_Block((lines[start].strip(), remote, peer.group(1) if peer else ""),
                             start, end, counts.get("encaps", -1), counts.get("decaps", -1),
                             bool(_NAT_T.search(text))))
    return blocks


def _sa_outputs(plan: Plan) -> list[tuple[Device, Entry]]:
    return [(d, e) for d in plan.devices(("asa", "ftd", "pix", "ios"))
            for e in entries(d, *_SA_COMMANDS, prefix=True)]


def _choose(plan: Plan, usable: Callable[[_Block], bool], why: str) -> tuple[Device, tuple]:
    outputs = _sa_outputs(plan)
    if not outputs:
        raise InjectError("no `show crypto ipsec sa` was captured")
    for device, entry in outputs:
        for block in _blocks(entry.output.split("\n")):
            if block.encaps > 0 and block.decaps > 0 and usable(block):
                return device, block.key
    raise InjectError(f"the captured show crypto ipsec sa has no SA {why}")


def _rewrite(plan: Plan, device: Device, key: tuple, edit: Callable[[str], str],
             what: str) -> None:
    for entry in entries(device, *_SA_COMMANDS, prefix=True):
        lines = entry.output.split("\n")
        for block in _blocks(lines):
            if block.key == key:
                lines[block.start:block.end] = [edit(x) for x in lines[block.start:block.end]]
        plan.edit(device, entry, lines, f"{what} (peer {key[2]})")


def _zero(*names: str) -> Callable[[str], str]:
    words = "|".join(map(re.escape, names))
    pattern = re.compile(rf"(#pkts (?:{words}):\s*)\d+")
    return lambda line: pattern.sub(r"\g<1>0", line)


@fault("crypto.encaps-no-decaps", ("asa", "ftd", "pix", "ios"),
       "one SA (not NAT-T) keeps encrypting while nothing comes back: decaps, decrypt and "
       "verify 0")
def encaps_no_decaps(plan: Plan) -> None:
    device, key = _choose(plan, lambda b: not b.nat_t,
                          "that passes traffic both ways without NAT-T (UDP 4500); encaps "
                          "without decaps under NAT-T is crypto.nat-t-blocked")
    _rewrite(plan, device, key, _zero("decaps", "decrypt", "verify"), "decaps 0")
    plan.notes.append("show vpn-sessiondb / show crypto session byte counters are left as "
                      "recorded")


@fault("crypto.decaps-no-encaps", ("asa", "ftd", "pix", "ios"),
       "one SA decrypts what the peer sends but encrypts nothing back: encaps, encrypt and "
       "digest 0")
def decaps_no_encaps(plan: Plan) -> None:
    device, key = _choose(plan, lambda b: True, "that passes traffic both ways")
    zero = _zero("encaps", "encrypt", "digest")
    # ASA counts each packet it encapsulates as `not compressed` too
    not_compressed = re.compile(r"(#pkts not compressed:\s*)\d+")
    _rewrite(plan, device, key, lambda x: not_compressed.sub(r"\g<1>0", zero(x)), "encaps 0")
    plan.notes.append("show vpn-sessiondb / show crypto session byte counters are left as "
                      "recorded")


_RECV = re.compile(r"(#recv errors:?\s*)(\d+)")


@fault("crypto.recv-errors", ("asa", "ftd", "pix", "ios"),
       "one SA counts receive errors (packets that failed authentication)")
def recv_errors(plan: Plan) -> None:
    device, key = _choose(plan, lambda b: True, "that passes traffic both ways with a "
                          "`#recv errors` counter")
    outputs = [e for e in entries(device, *_SA_COMMANDS, prefix=True) if _RECV.search(e.output)]
    if not outputs:
        raise InjectError("the captured show crypto ipsec sa prints no `#recv errors` counter")
    _rewrite(plan, device, key, lambda x: _RECV.sub(r"\g<1>37", x), "#recv errors 37")
