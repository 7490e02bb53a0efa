"""Crypto messages in `show logging` and `debug crypto ...` output: what a failure says.

The SA tables say *where* a negotiation stops; the messages say *why* (proposal mismatch,
pre-shared key, proxy identities ...). Each known message becomes an event of one catalog
cause, with the peer it names. Messages are only ever used to add a cause: no message is not
read as "no problem".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netriage.capture.model import Device
from netriage.facts.crypto.commands import read_whole as _read_whole
from netriage.facts.syslog_lines import collect
from netriage.lazyre import LazyRe, lazy  # compiled when a log is read, not at every start

# (cause, pattern): first match wins, so the more specific patterns come first.
_MESSAGES: list[tuple[str, LazyRe]] = [(cause, lazy(pattern, re.IGNORECASE))
                                      for cause, pattern in [
    ("pfs", r"Phase 2 failure: Mismatched attribute types for class Group Description"
            r"|PFS was not received|validate_proposal_request.*pfs"),
    ("transform", r"Phase 2 failure: Mismatched attribute|All IPSec SA proposals found "
                  r"unacceptable|IPSec policy invalidated proposal|"
                  r"validate_proposal_request\): proposal part"),
    ("proposal", r"Phase 1 failure: Mismatched attribute|All SA proposals found unacceptable"
                 r"|atts are not acceptable|no offers accepted|"
                 r"Processing of Main mode failed"),
    ("proxy-id", r"713061|no matching crypto map entry for remote proxy|"
                 r"proxy identities not supported"),
    ("ts", r"TS_UNACCEPTABLE|traffic selectors? (?:are )?unacceptable"),
    ("ikev2-proposal", r"NO_PROPOSAL_CHOSEN|Failed to find a matching policy"),
    ("ikev2-auth", r"AUTHENTICATION_FAILED|Auth exchange failed|Failed to locate an item in "
                   r"the database"),
    ("tunnel-group", r"Can't find a valid tunnel group|landed on tunnel_group DefaultL2LGroup"),
    ("psk-missing", r"No pre-shared key with|Looking for a matching key for .* : fail"),
    ("psk", r"mismatched pre-shared key|problems decrypting packet|Received encrypted Oakley "
            r"Main Mode packet with invalid payloads|IKMP_BAD_MESSAGE|IKMP_NOT_ENCRYPTED|"
            r"713902|713903"),
    # ours rejected: the peer's notify (ASA 713068 "Invalid ID info (18)", IOS/RFC name)
    ("peer-id", r"Received invalid phase 1 ID|IKMP_NO_SA|ID payload.*FQDN|"
                r"Notify message: Invalid ID info|INVALID_ID_INFORMATION"),
    ("invalid-spi", r"402114|RECVD_PKT_INV_SPI|with an invalid SPI"),
    ("replay", r"402119|PKT_REPLAY_ERR|failed anti-replay"),
    ("recv-errors", r"402120|RECVD_PKT_MAC_ERR|that failed authentication|mac verify failed"),
    ("lifetime", r"RESPONDER[_ ]LIFETIME"),
    ("no-response", r"retransmitting phase 1|Retransmitting MM1"),
    # generic phase 2 failure: a specific message (proxy, transform, PFS) names the cause
    ("p2-failed", r"Processing of Quick mode failed"),
    ("certificate", r"CERTIFICATE_INVALID_EXPIRED|certificate validation failed|"
                    r"IKMP_BAD_CERT_USE|certificate has expired"),
    # an SA or the whole tunnel torn down (IOS `crypto logging session`: SESSION_STATUS DOWN)
    ("delete", r"IPSEC: An outbound LAN-to-LAN SA .* deleted|602304|Received DELETE|"
               r"Crypto tunnel (?:v2 )?is DOWN"),
]]


def _leading_literals(pattern: str) -> list[str]:
    """Per alternative, the literal text it must start with (lowercase): `Received DELETE`."""
    out = []
    for alternative in pattern.split("|"):
        literal = re.match(r"[^.*?+()\[\]{}|\\^$]*", alternative).group(0)  # type: ignore[union-attr]
        if alternative[len(literal):len(literal) + 1] in ("?", "*"):
            literal = literal[:-1]  # `selectors?`: the last letter is optional
        out.append(literal.lower())
    return out


# A line holds one of these, or no message pattern can match it: a busy `show logging` is
# mostly connection messages, passed over with plain substring tests instead of ~30 searches
# (70,000 lines: 13 s → under 1 s).
_KEYWORDS = tuple(dict.fromkeys(k for _c, p in _MESSAGES for k in _leading_literals(p.pattern)))


# Words of a line that may name the peer a later debug line leans on.
_NEGOTIATION = ("isakmp", "ikev", "ike ", "ipsec", "crypto", "peer", "ip = ", "group = ")


def _may_be_message(line: str) -> bool:
    lower = line.lower()
    return any(k in lower for k in _KEYWORDS)


_PEER = [lazy(p) for p in (
    r"IP = (\d+\.\d+\.\d+\.\d+)", r"Group = (\d+\.\d+\.\d+\.\d+)", r"peer at (\d+\.\d+\.\d+\.\d+)",
    r"\(user= ?(\d+\.\d+\.\d+\.\d+)\)",  # ASA 602303/602304: "between A and B (user= B)"
    r"srcaddr=(\d+\.\d+\.\d+\.\d+)", r"Remote:(\d+\.\d+\.\d+\.\d+)",
    r"No pre-shared key with (\d+\.\d+\.\d+\.\d+)", r"key for (\d+\.\d+\.\d+\.\d+)",
    r"[Ff]rom (\d+\.\d+\.\d+\.\d+)", r"peer (\d+\.\d+\.\d+\.\d+)",
    r"remote peer (\d+\.\d+\.\d+\.\d+)", r"(\d+\.\d+\.\d+\.\d+)\)?:\d+ ?\(?I?\)?")]
LOG_COMMANDS = ("show logging",)


@dataclass
class LogEvent:
    """A crypto log message read as the catalog cause it names, with its peer."""

    cause: str  # proposal, psk, proxy-id, transform, pfs, ts, invalid-spi, ...
    peer: str  # "" when the message names none
    text: str
    command: str


_ANY_PEER = lazy("|".join(f"(?:{p.pattern})" for p in _PEER))


def _peer(line: str) -> str:
    for pattern in _PEER:
        match = pattern.search(line)
        if match:
            return match.group(1)
    return ""


_CANDIDATE = lazy("|".join(re.escape(word) for word in sorted(
    set(_KEYWORDS) | set(_NEGOTIATION), key=len, reverse=True)))


def _candidate_lines(text: str) -> list[str]:
    """The lines that hold a message keyword or name a negotiation, in order: found by one
    search over the whole (lowercased) output, not line by line (a 400,000-line connection
    log holds none of them)."""
    lower = text.lower()
    lines: list[str] = []
    end = -1
    for match in _CANDIDATE.finditer(lower):
        if match.start() <= end:
            continue  # another word on a line already taken
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        end = len(text) if end < 0 else end
        lines.append(text[start:end].rstrip("\r"))
    return lines


def log_events(device: Device) -> list[LogEvent]:
    """Every crypto failure message in the device's logs and debug outputs.

    A debug line that names no peer (`ISAKMP:(1001):atts are not acceptable.`) belongs to the
    negotiation of the last peer the same output named: debug output is sequential.
    """
    events: list[LogEvent] = []
    read: set[str] = set()  # messages of the outputs read whole, to count each event once
    for entry in device.entries:
        if not _read_whole(entry.command):
            continue
        last_peer = ""
        for line in _candidate_lines(entry.output):
            # every candidate holds a message keyword or a negotiation word (the peer)
            message = _may_be_message(line)
            peer = _peer(line) if _ANY_PEER.search(line) else ""
            last_peer = peer or last_peer  # a debug line may lean on the peer named before
            if not message:
                continue
            for cause, pattern in _MESSAGES:
                if pattern.search(line):
                    events.append(LogEvent(cause, peer or last_peer, line.strip(),
                                           entry.command))
                    read.add(_message_key(line))
                    break
    # Console messages between commands or inside other outputs: syslog lines only (a
    # debug line out of its output has no negotiation to belong to).
    for message in collect(device).lines:
        if (_read_whole(message.where) or not _may_be_message(message.text)
                or _message_key(message.text) in read):
            continue
        for cause, pattern in _MESSAGES:
            if pattern.search(message.text):
                events.append(LogEvent(cause, _peer(message.text), message.text,
                                       message.where))
                break
    return events


def _message_key(line: str) -> str:
    at = line.find("%")
    return "".join(line[at:].split()) if at >= 0 else ""
