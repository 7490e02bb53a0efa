"""Interface counter faults, planted in one port's block of `show interface(s)` and its row of
`show interfaces counters errors`, on the first device that shows a port passing traffic.

A port block opens with `GigabitEthernet0/1 is up, line protocol is up` (IOS) or `Interface
GigabitEthernet1/1 "outside", is up, line protocol is up` (ASA, FTD) and runs to the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from netriage.capture.model import Device, Entry
from netriage.training.inject.base import InjectError, Plan, fault

# IOS `Gi0/1 is up, …`; ASA and FTD `Interface Gi1/1 "outside", is up, …`; PIX 6 `interface
# ethernet0 "outside" is up, …`
_HEADER = re.compile(r"^(?:[Ii]nterface )?(?P<port>[A-Za-z][\w./:-]*\d)(?: \"[^\"]*\")?,? is "
                     r"(?P<state>up|down|administratively down), line protocol is "
                     r"(?P<protocol>\w+)")
_PACKETS = re.compile(r"^\s*(\d+) packets input")
_ERRORS = re.compile(r"^(?P<lead>\s*)(?P<input>\d+) input errors, (?P<crc>\d+) CRC(?P<tail>.*)$")
_LISTINGS = ("show interface ip brief", "show interfaces status", "show interfaces trunk",
             "show interfaces description", "show interfaces counters",
             "show interfaces transceiver", "show interface detail")
_SHORT = {"GigabitEthernet": "Gi", "FastEthernet": "Fa", "TenGigabitEthernet": "Te",
          "TwentyFiveGigE": "Twe", "FortyGigabitEthernet": "Fo", "Ethernet": "Et",
          "Port-channel": "Po"}


@dataclass
class _Port:
    name: str
    start: int
    end: int
    packets: int
    half: bool


def _blocks(lines: list[str]) -> list[_Port]:
    heads = [(i, m) for i, line in enumerate(lines) if (m := _HEADER.match(line))]
    ports = []
    for n, (start, match) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        body = lines[start:end]
        up = match.group("state") == "up" and match.group("protocol") == "up"
        packets = next((int(m.group(1)) for x in body if (m := _PACKETS.match(x))), 0)
        if up and any(_ERRORS.match(x) for x in body):
            ports.append(_Port(match.group("port"), start, end, packets,
                               any("Half-duplex" in x or "half-duplex" in x for x in body)))
    return ports


def _port_outputs(device: Device) -> Iterator[Entry]:
    for entry in device.entries:
        command = entry.command
        if command.startswith(("show interface", "show interfaces")) \
                and not command.startswith(_LISTINGS) and not entry.filter:
            yield entry


def _short(port: str) -> str:
    match = re.match(r"([A-Za-z-]+)(.*)", port)
    if match is None:
        return port
    return _SHORT.get(match.group(1), match.group(1)[:2]) + match.group(2)


def _set_columns(line: str, values: dict[int, int]) -> str:
    """Numbers of a right-aligned table row replaced by column (0-based among the numbers),
    each keeping its right edge."""
    numbers = list(re.finditer(r"(\s+)(\d+)", line))
    out, at = [], 0
    for index, match in enumerate(numbers):
        out.append(line[at:match.start()])
        gap, number = match.group(1), match.group(2)
        if index in values:
            new = str(values[index])
            gap = gap[:max(len(gap) + len(number) - len(new), 1)]
            number = new
        out.append(gap + number)
        at = match.end()
    return "".join(out) + line[at:]


@fault("iface.input-errors-crc", ("asa", "ftd", "pix", "ios"),
       "one port that passes traffic at full duplex counts CRC (input) errors")
def input_errors_crc(plan: Plan) -> None:
    for device in plan.devices(("asa", "ftd", "pix", "ios")):
        for entry in _port_outputs(device):
            ports = [p for p in _blocks(entry.output.split("\n")) if p.packets > 0 and not p.half]
            if ports:
                _plant(plan, device, ports[0].name, max(250, ports[0].packets // 2000))
                return
    raise InjectError("no `show interface(s)` block of a port that is up, at full duplex, with "
                      "packets input and an `input errors, CRC` line was captured")


def _plant(plan: Plan, device: Device, port: str, count: int) -> None:
    for entry in _port_outputs(device):
        lines = entry.output.split("\n")
        for block in _blocks(lines):
            if block.name != port:
                continue
            for i in range(block.start, block.end):
                match = _ERRORS.match(lines[i])
                if match:
                    lines[i] = (f"{match.group('lead')}{int(match.group('input')) + count} input "
                                f"errors, {int(match.group('crc')) + count} CRC"
                                f"{match.group('tail')}")
        plan.edit(device, entry, lines, f"{port}: {count} CRC errors")
    short = _short(port)
    for entry in device.entries:
        if entry.command != "show interfaces counters errors" or entry.filter:
            continue
        lines = entry.output.split("\n")
        columns: dict[int, int] = {}
        for i, line in enumerate(lines):
            words = line.split()
            if words[:1] == ["Port"]:  # each table has its header (Align-Err …, Single-Col …)
                # a CRC error is an FCS error, and a receive error
                columns = {n: count for n, word in enumerate(words[1:])
                           if word in ("FCS-Err", "Rcv-Err")}
            elif words[:1] == [short] and columns:
                lines[i] = _set_columns(line, columns)
        plan.edit(device, entry, lines, f"{short}: FCS-Err and Rcv-Err {count}")
