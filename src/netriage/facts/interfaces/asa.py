"""ASA / FTD / PIX interface outputs, merged per interface."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.interfaces.ios import (
    Merger,
    as_int,
    duplex_of,
    read,
    read_singles,
    speed_of,
)
from netriage.lazyre import lazy

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts

_INTERNAL = lazy(r"^(Internal-|Virtual\d|nlp_int_tap|ccl_ha_nlp_int_tap|Null)",
                 re.IGNORECASE)
# 9.x prints how many blocks are free (current / lowest seen); 8.x and PIX print queue depth.
_BLOCKS_FREE = "blocks free curr/low"


def _status(text: str) -> str:
    lower = text.strip().lower()
    return "administratively down" if lower in ("admin down", "administratively down") else lower


def _show_interface(records: list[dict], merge: Merger) -> None:
    for record in records:
        interface = merge.get(record["interface"])
        interface.nameif = record.get("nameif", "")
        interface.nameif_known = True
        interface.status = _status(record["link_status"])
        interface.protocol = record["protocol_status"].strip().lower()
        interface.description = record.get("description", "")
        interface.hardware = record.get("hardware_type", "").strip()
        interface.ip_known = True
        interface.ip = record.get("ip_address", "")
        if interface.ip == "unassigned":  # `detail` keeps the word, as ntc-templates does
            interface.ip = ""
        interface.management_only = bool(record.get("management_only"))
        if (interface.ip, record.get("netmask")) == ("127.0.0.1", "255.255.255.255"):
            interface.ip = ""  # PIX 6.x prints this for an interface without an address
        interface.mtu = as_int(record.get("mtu"))
        interface.vlan = record.get("vlan_id", "")
        interface.channel = record.get("bonded_port", "")
        interface.subinterface = "." in interface.name
        interface.parent = interface.name.split(".")[0] if interface.subinterface else ""
        interface.internal = bool(_INTERNAL.match(interface.name))
        configured = record.get("duplex_configured", "")
        negotiated = record.get("duplex", "")
        if configured:
            interface.duplex_hardcoded = not configured.lower().startswith("auto")
        interface.duplex = duplex_of(negotiated) or (
            "auto" if configured.lower().startswith("auto") else duplex_of(configured))
        speed_configured = record.get("speed_configured", "")
        if speed_configured:
            interface.speed_hardcoded = not speed_configured.lower().startswith("auto")
        interface.speed = speed_of(record.get("speed", "")) or speed_of(speed_configured)
        if interface.speed is None and record.get("bandwidth", "").lower().endswith("kbit"):
            interface.speed = speed_of(record["bandwidth"])  # PIX 6.x: "BW 100000 Kbit"
        if record.get("input_packets"):
            interface.counters_source = "show interface"
            for field in ("input_packets", "output_packets", "input_errors", "crc", "frame",
                          "runts", "giants", "overrun", "ignored", "no_buffer", "collisions",
                          "late_collisions", "deferred", "output_errors", "underruns",
                          "lost_carrier"):
                setattr(interface, field, as_int(record.get(field)))
            interface.resets = as_int(record.get("interface_resets"))
            # the ASA counts no egress drops per interface here: an exhausted output queue
            # (no free block now, none at the low mark) is what shows them
            # virtual and Firepower NICs print "(0/0)" for both queues whatever the load: the
            # numbers only count free blocks where one of the two queues shows some
            queue = record.get("output_queue_hardware", "")
            inbound = record.get("input_queue_hardware", "")
            interface.output_queue = queue
            if (record.get("queue_units") == _BLOCKS_FREE and queue and inbound
                    and (queue, inbound) != ("0/0", "0/0")):
                interface.queue_known = True
                interface.queue_exhausted = int(queue.split("/")[1]) == 0
        interface.err_disabled = False
        description = interface.description.lower()
        if "failover interface" in description:  # the ASA writes these for its links
            interface.failover_link = True


def _nameif(records: list[dict], merge: Merger) -> None:
    for record in records:
        interface = merge.get(record["interface"])
        interface.nameif = interface.nameif or record["nameif"]
        interface.security_level = as_int(record.get("security_level"))


def _brief(records: list[dict], merge: Merger) -> None:
    for record in records:
        interface = merge.get(record["interface"])
        if interface.status is None:
            interface.status = _status(record["status"])
            interface.protocol = record["proto"].strip().lower()
        interface.ip_known = True
        address = record.get("ip_address", "")
        if address and address != "unassigned" and not interface.ip:
            interface.ip = address
        interface.internal = interface.internal or bool(_INTERNAL.match(interface.name))


def asa_sources(facts: DeviceFacts, merge: Merger, states: dict[str, Unknown | None]) -> None:
    _show_interface(read_singles(facts, "show interface"), merge)
    # `show interface detail` prints every line of `show interface` and more: either will do;
    # `summary` prints state, names and addresses but no counter
    for command in ("show interface", "show interface detail"):
        if states.get("state", False) is not None:
            _show_interface(read(facts, command, states, "state"), merge)
    states["counters"] = states["state"]
    if states["state"] is not None:
        _show_interface(read(facts, "show interface summary", states, "state"), merge)
    _nameif(read(facts, "show nameif", states, "nameif"), merge)
    _brief(read(facts, "show interface ip brief", states, "brief"), merge)
    if states["nameif"] is None:  # show nameif lists every named interface: the rest have none
        for interface in merge.by_key.values():
            interface.nameif_known = True
