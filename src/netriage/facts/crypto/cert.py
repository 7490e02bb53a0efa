"""Certificates for rsa-sig IKE: ASA `show crypto ca certificates`, IOS `show crypto pki
certificates`, judged against the device's own `show clock` (its notion of now is what the
validity check uses, and a wrong clock is itself a classic cause)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from netriage.capture.model import Device
from netriage.engine.expr import Unknown
from netriage.facts.clock import device_clock, parse_time

CERT_COMMANDS = {"cisco_asa": "show crypto ca certificates",
                 "cisco_ios": "show crypto pki certificates"}
_END = re.compile(r"^\s*end\s+date:\s*(.+)$", re.IGNORECASE)
_STATUS = re.compile(r"^\s*Status:\s*(\S+)", re.IGNORECASE)
_TRUSTPOINTS = re.compile(r"^\s*Associated Trustpoints?:\s*(.+)$", re.IGNORECASE)
_SUBJECT_CN = re.compile(r"^\s*(?:cn|CN)\s*=\s*(.+)$")
_HEADER = re.compile(r"^(?:CA )?Certificate\s*$|^Router Self-Signed Certificate|"
                     r"^(?:CA|RA \w+) Certificate\s*$", re.IGNORECASE)


@dataclass
class Certificate:
    kind: str  # "Certificate", "CA Certificate" ...
    subject: str
    status: str  # Available, Expired, Pending ...
    end: str  # as printed
    trustpoints: str
    expired: bool


def certificates(device: Device, family: str) -> list[Certificate]:
    command = CERT_COMMANDS.get(family, "show crypto ca certificates")
    entry = device.find(command)
    if entry is None:
        raise Unknown(f"`{command}` was not captured", (command,))
    # any unfiltered `show clock` holding a time will do here, as it always has
    now = device_clock(device, whole=False)
    if now is None:
        raise Unknown("the device clock is not known", ("show clock",))
    out: list[Certificate] = []
    current: dict[str, str] | None = None
    for line in [*entry.output.splitlines(), "Certificate"]:
        if _HEADER.match(line.strip()):
            if current is not None and (current["end"] or current["status"]):
                end = parse_time(current["end"])
                out.append(Certificate(current["kind"], current["subject"], current["status"],
                                       current["end"], current["trustpoints"],
                                       current["status"].lower() == "expired"
                                       or (end is not None and end < now)))
            current = {"kind": line.strip(), "subject": "", "status": "", "end": "",
                       "trustpoints": "", "section": ""}
            continue
        if current is None:
            continue
        stripped = line.strip().lower()
        if stripped.startswith(("subject name", "subject:")):
            current["section"] = "subject"
        elif stripped.startswith(("issuer name", "issuer:", "validity", "associated")):
            current["section"] = ""
        for pattern, key in ((_END, "end"), (_STATUS, "status"), (_TRUSTPOINTS, "trustpoints"),
                             (_SUBJECT_CN, "subject")):
            if key == "subject" and current.get("section") != "subject":
                continue
            match = pattern.match(line)
            if match and not current[key]:
                current[key] = match.group(1).strip()
    return out
