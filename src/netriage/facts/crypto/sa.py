"""IKE and IPsec security associations, from the SA tables of ASA / FTD / PIX and IOS.

IKE: ASA `show crypto isakmp sa` (IKEv1 and, 8.4+, IKEv2), `show crypto ikev1 sa`,
`show crypto ikev2 sa [detail]`; IOS `show crypto isakmp sa`, `show crypto ikev2 sa`,
`show crypto session`. IPsec: `show crypto ipsec sa [detail]` on both families (ASA records
are ntc-templates' shape, from the native parser; IOS records are our template's shape).

The IKEv1 state names differ by family and mean different things: ASA names the message it is
*waiting for* (`MM_WAIT_MSG2` = sent MM1, no answer), IOS names the last exchange completed
(`MM_NO_STATE` → `MM_SA_SETUP` → `MM_KEY_EXCH` → `MM_KEY_AUTH` → `QM_IDLE`). `STAGES` says what
each means for a trainee.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter

from netriage.parsing import ParseResult

ESTABLISHED = {"MM_ACTIVE", "AM_ACTIVE", "QM_IDLE", "READY", "UP-ACTIVE", "ACTIVE"}
AGGRESSIVE = re.compile(r"^(AM_|AG_)", re.IGNORECASE)

# What each IKE state means (ASA: waiting for message N; IOS: last exchange completed).
STAGES: dict[str, str] = {
    "MM_WAIT_MSG2": "sent MM1 (our proposals) and no MM2 came back: the peer does not answer "
                    "UDP 500, or rejects every proposal",
    "MM_WAIT_MSG3": "as responder, sent MM2 (the chosen proposal) and the initiator did not "
                    "continue with MM3",
    "MM_WAIT_MSG4": "sent MM3 (DH public value, nonce, NAT-D) and no MM4 came back",
    "MM_WAIT_MSG5": "as responder, sent MM4 and the encrypted MM5 (identity and hash proving "
                    "the pre-shared key) never arrived or could not be decrypted",
    "MM_WAIT_MSG6": "sent MM5 (identity and hash) and no MM6: the peer could not decrypt it "
                    "(different pre-shared key) or rejected our identity",
    "MM_ACTIVE": "phase 1 complete",
    "AM_WAIT_MSG2": "sent aggressive-mode message 1, no answer",
    "AM_WAIT_MSG3": "as responder, sent aggressive-mode message 2, no message 3",
    "AM_ACTIVE": "phase 1 complete in aggressive mode",
    "MM_NO_STATE": "(IOS) MM1 sent or received, no proposal agreed yet",
    "MM_SA_SETUP": "(IOS) proposals agreed (MM1/MM2), the DH exchange (MM3/MM4) did not finish",
    "MM_KEY_EXCH": "(IOS) DH exchange done (MM3/MM4), authentication (MM5/MM6) did not "
                   "finish: typically a pre-shared key mismatch",
    "MM_KEY_AUTH": "(IOS) MM5/MM6 done, phase 1 finishing",
    "QM_IDLE": "(IOS) phase 1 complete and idle, ready for quick mode",
    "AG_NO_STATE": "(IOS) aggressive mode started, no answer",
    "AG_INIT_EXCH": "(IOS) aggressive-mode exchange under way",
    "AG_AUTH": "(IOS) aggressive-mode authentication",
    "READY": "(IKEv2) IKE SA established",
    "IN-NEG": "(IKEv2) still negotiating",
    "DELETE": "(IKEv2) being deleted",
}


@dataclass
class IkeSa:
    version: str  # ikev1 / ikev2
    peer: str
    state: str  # MM_ACTIVE, MM_WAIT_MSG2, QM_IDLE, READY, IN-NEG, DELETE ...
    role: str = ""  # initiator / responder, "" when the output does not say
    type: str = ""  # L2L / user (ASA IKEv1)
    local: str = ""
    status: str = ""  # IOS ACTIVE / DELETED; ASA IKEv2 session status UP-ACTIVE ...
    remote_port: str = ""
    children: int | None = None  # IKEv2 child SAs, when printed
    command: str = ""  # the output it came from

    @property
    def established(self) -> bool:
        return self.state.upper() in ESTABLISHED and "DELETE" not in self.status.upper()

    @property
    def aggressive(self) -> bool:
        return bool(AGGRESSIVE.match(self.state))

    @property
    def stage(self) -> str:
        return STAGES.get(self.state.upper(), self.state)


@dataclass(slots=True)  # a headend has thousands: slots make them cheaper to build and read
class IpsecSa:
    """One `show crypto ipsec sa` block: a proxy pair (local/remote ident) with one peer."""

    interface: str
    map: str
    seq: str  # "" when the release does not print it (ASA 7.x, IOS)
    peer: str
    local_address: str
    local_net: str
    local_mask: str
    remote_net: str
    remote_mask: str
    protocol: str  # ident protocol, "0" = ip
    encaps: int
    decaps: int
    encrypt: int
    decrypt: int
    send_errors: int
    recv_errors: int
    outbound_spi: str  # hex as printed; 0 / 0x0 / "" = no SA yet
    inbound_spi: str
    transform: str  # "esp-aes-256 esp-sha-hmac"
    settings: str  # "L2L, Tunnel, NAT-T-Encaps, IKEv1" / IOS "Tunnel UDP-Encaps"
    remote_endpoint: str
    prefrag_failures: int = 0
    pmtus_received: int = 0
    fragments_created: int = 0
    path_mtu: int = 0
    media_mtu: int = 0  # ASA media mtu / IOS ip mtu
    pfs: str = ""  # "" unknown; IOS `PFS (Y/N)`, ASA `PFS Group 14` in the settings
    lifetime_kb: str = ""
    lifetime_sec: str = ""
    replay_failed: int = 0  # `detail` outputs only (0 when not printed)
    invalid_sa: int = 0
    verify_failed: int = 0
    no_sa_send: int = 0
    detail: bool = False  # the output printed the detail counters
    command: str = ""

    @property
    def established(self) -> bool:
        spi = self.outbound_spi.lower().removeprefix("0x").lstrip("0")
        return bool(spi)

    @property
    def nat_t(self) -> bool:
        text = self.settings.lower()
        return "nat-t" in text or "udp-encaps" in text or self.remote_endpoint.endswith("/4500")

    @property
    def ike(self) -> str:
        text = self.settings.lower()
        return "ikev2" if "ikev2" in text else "ikev1" if "ikev1" in text else ""

    @property
    def proxy(self) -> str:
        return (f"{self.local_net}/{self.local_mask} -> {self.remote_net}/{self.remote_mask}")


def _int(value: object) -> int:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else 0


# -- IKE ------------------------------------------------------------------------------------
def ike_from_asa(result: ParseResult) -> list[IkeSa]:
    """`show crypto isakmp sa` / `ikev1 sa` / `ikev2 sa [detail]` records (our templates)."""
    out: list[IkeSa] = []
    for r in result.records:
        version = str(r.get("ike_version", "") or "").lower() or (
            "ikev2" if r.get("tunnel_id") else "ikev1")
        if "ikev2" in result.command:
            version = "ikev2"
        if version == "ikev2":
            status = str(r.get("status", ""))
            out.append(IkeSa(
                "ikev2", str(r.get("remote") or r.get("peer", "")), status.upper(),
                str(r.get("role", "")).lower(), "L2L", str(r.get("local", "")),
                str(r.get("session_status", "")), str(r.get("remote_port", "")),
                _int(r["child_count"]) if str(r.get("child_count", "")).isdigit() else None,
                result.command))
        else:
            out.append(IkeSa("ikev1", str(r.get("peer", "")), str(r.get("state", "")).upper(),
                             _role(str(r.get("role", ""))), str(r.get("type", "")),
                             command=result.command))
    return out


def _role(role: str) -> str:
    role = role.lower()
    return {"resp": "responder", "init": "initiator"}.get(role, role)


def ike_from_ios(result: ParseResult, local_addresses: set[str]) -> list[IkeSa]:
    """IOS `show crypto isakmp sa`: columns `dst src`, where dst is the responder and src the
    initiator, so which one is the peer depends on who started. Ours is an address of this
    router (`local_addresses`), else the one address every row shares when the rows name
    several peers. When nothing tells, the SA's peer is "" (the caller makes it unknown):
    a guess would make a healthy responder look like a router with no tunnel to itself."""
    rows = [(str(r.get("dst", "")), str(r.get("src", ""))) for r in result.records]
    own = set(local_addresses) | _common_address(rows)
    out: list[IkeSa] = []
    for r, (dst, src) in zip(result.records, rows, strict=True):
        if src in own and dst not in own:
            peer, local, role = dst, src, "initiator"
        elif dst in own and src not in own:
            peer, local, role = src, dst, "responder"
        else:
            peer, local, role = "", "", ""
        out.append(IkeSa("ikev1", peer, str(r.get("state", "")).upper(), role, "L2L", local,
                         str(r.get("status", "")).upper(), command=result.command))
    return out


def _common_address(rows: list[tuple[str, str]]) -> set[str]:
    """The one address in every row, when the rows hold at least two other addresses: a
    router with SAs to several peers appears in all of them (one peer alone tells nothing)."""
    if len(rows) < 2:
        return set()
    common = set(rows[0]).intersection(*map(set, rows[1:]))
    others = {a for row in rows for a in row} - common
    return common if len(common) == 1 and len(others) >= 2 else set()


def ike_from_ios_detail(result: ParseResult) -> list[IkeSa]:
    """IOS `show crypto isakmp sa detail`: it names local and remote, but prints no main-mode
    state, only the status (ACTIVE / DELETED). The state stays "" (no stuck-state check reads
    it, and an SA is not called established from ACTIVE alone: MM_NO_STATE SAs are ACTIVE too)."""
    return [IkeSa("ikev1", str(r.get("remote", "")), "", "", "L2L", str(r.get("local", "")),
                  str(r.get("status", "")).upper(), command=result.command)
            for r in result.records]


def ikev2_from_ios(result: ParseResult) -> list[IkeSa]:
    """IOS `show crypto ikev2 sa [detail]`; detail says who initiated ("Initiator of SA")."""
    roles = {"yes": "initiator", "no": "responder"}
    return [IkeSa("ikev2", str(r.get("remote", "")), str(r.get("status", "")).upper(),
                  roles.get(str(r.get("initiator", "")).lower(), ""), "L2L",
                  str(r.get("local", "")), remote_port=str(r.get("remote_port", "")),
                  command=result.command)
            for r in result.records]


def ike_from_ios_session(result: ParseResult) -> list[IkeSa]:
    """IOS `show crypto session`: one IKE SA per line, only Active or Inactive.

    It cannot say where a negotiation stops, only whether phase 1 is up: an Inactive SA gets
    the state INACTIVE, which no stuck-state check reads.
    """
    out: list[IkeSa] = []
    for r in result.records:
        versions, remotes = r.get("ike_version") or [], r.get("ike_remote") or []
        statuses, locals_ = r.get("ike_status") or [], r.get("ike_local") or []
        for index, version in enumerate(versions):
            remote = remotes[index] if index < len(remotes) else str(r.get("peer", ""))
            status = statuses[index] if index < len(statuses) else ""
            out.append(IkeSa("ikev2" if version.lower() == "ikev2" else "ikev1",
                             remote.split("/")[0],
                             "ACTIVE" if status.lower() == "active" else "INACTIVE", "", "L2L",
                             locals_[index].split("/")[0] if index < len(locals_) else "",
                             remote_port=remote.split("/")[1] if "/" in remote else "",
                             command=result.command))
    return out


# -- IPsec ----------------------------------------------------------------------------------
_PFS = re.compile(r"PFS Group (\d+)", re.IGNORECASE)


# The fields `ipsec_from_asa` reads, in the order it unpacks them; the `detail` counters are
# read with `get` (a record from another reader may lack them)
_ASA_FIELDS = (
    "current_peer", "current_peer_name", "inbound_settings_in_use", "outbound_settings_in_use",
    "outbound_encryption", "outbound_authentication", "interface", "crypto_map_tag",
    "sequence_number", "local_address", "local_address_name", "local_identity_addr",
    "local_identity_mask", "remote_identity_addr", "remote_identity_mask",
    "local_identity_protocol", "packets_encapsulated", "packets_decapsulated",
    "packets_encrypted", "packets_decrypted", "send_errors", "receive_errors",
    "current_outbound_spi", "outbound_spi_hex", "current_inbound_spi", "inbound_spi_hex",
    "remote_crypto_endpoint", "remote_crypto_endpoint_name", "pre_fragment_failures",
    "pmtus_received", "fragments_created", "path_mtu", "media_mtu",
    "outbound_remaining_lifetime_kilobytes", "outbound_remaining_lifetime")
_ASA_DETAIL = ("replay_failed_rcv", "invalid_sa_rcv", "verify_failed", "no_sa_send")


def _asa_rows(records: list) -> Iterator[tuple]:
    """Each record's `_ASA_FIELDS` then `_ASA_DETAIL` values as one tuple: compact records of
    one kind in one C call each, other records (dicts) by key."""
    from netriage.parsing.native.compact import CompactRecord

    kind = type(records[0]) if records else dict
    if issubclass(kind, CompactRecord) and set(_ASA_DETAIL) <= set(kind.FIELDS) \
            and all(r.__class__ is kind for r in records):
        yield from map(kind.getter((*_ASA_FIELDS, *_ASA_DETAIL)), records)
        return
    main = itemgetter(*_ASA_FIELDS)
    for r in records:
        yield (*main(r), *(r.get(name) for name in _ASA_DETAIL))


def ipsec_from_asa(result: ParseResult, names: dict[str, str]) -> list[IpsecSa]:
    """From ntc-templates' record shape (the native parser's): values are digit strings or ""
    where a number is expected, so they convert without checks."""
    out: list[IpsecSa] = []
    append = out.append
    detail = bool(result.records) and bool(result.records[0].get("no_sa_send") or
                                            result.records[0].get("replay_failed_rcv"))
    command = result.command
    # settings and transforms repeat across a headend's SAs: each distinct one worked out once
    pfs_of: dict[str, str] = {}
    transform_of: dict[tuple[object, object], str] = {}
    for (peer, peer_name, in_settings, out_settings, encryption, authentication, interface,
         map_tag, seq, local_address, local_address_name, local_net, local_mask, remote_net,
         remote_mask, protocol, encaps, decaps, encrypt, decrypt, send_errors, recv_errors,
         outbound_spi, outbound_hex, inbound_spi, inbound_hex, remote_endpoint,
         remote_endpoint_name, prefrag_failures, pmtus_received, fragments_created, path_mtu,
         media_mtu, lifetime_kb, lifetime_sec, replay_failed, invalid_sa, verify_failed,
         no_sa_send) in _asa_rows(result.records):
        settings = in_settings or out_settings
        pfs = pfs_of.get(settings)
        if pfs is None:
            found = _PFS.search(settings) if "PFS" in settings else None
            pfs = pfs_of[settings] = f"group{found.group(1)}" if found else ""
        transform = transform_of.get((encryption, authentication))
        if transform is None:
            transform = transform_of[encryption, authentication] = (
                f"{encryption} {authentication}".strip())
        append(IpsecSa(
            interface=interface, map=map_tag, seq=seq,
            peer=peer or names.get(peer_name, peer_name),
            local_address=local_address or local_address_name,
            local_net=local_net, local_mask=local_mask,
            remote_net=remote_net, remote_mask=remote_mask, protocol=protocol,
            encaps=int(encaps or 0), decaps=int(decaps or 0),
            encrypt=int(encrypt or 0), decrypt=int(decrypt or 0),
            send_errors=int(send_errors or 0), recv_errors=int(recv_errors or 0),
            outbound_spi=outbound_spi or outbound_hex, inbound_spi=inbound_spi or inbound_hex,
            transform=transform, settings=settings,
            remote_endpoint=remote_endpoint or remote_endpoint_name,
            prefrag_failures=int(prefrag_failures or 0),
            pmtus_received=int(pmtus_received or 0),
            fragments_created=int(fragments_created or 0),
            path_mtu=int(path_mtu or 0), media_mtu=int(media_mtu or 0),
            pfs=pfs, lifetime_kb=lifetime_kb, lifetime_sec=lifetime_sec,
            replay_failed=int(replay_failed or 0), invalid_sa=int(invalid_sa or 0),
            verify_failed=int(verify_failed or 0), no_sa_send=int(no_sa_send or 0),
            detail=detail, command=command))
    return out


def _first(value: object) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def ipsec_from_ios(result: ParseResult) -> list[IpsecSa]:
    out: list[IpsecSa] = []
    for r in result.records:
        detail = bool(str(r.get("pkts_no_sa_send", "")))
        pfs = str(r.get("pfs", ""))
        dh = str(r.get("dh_group", ""))
        out.append(IpsecSa(
            interface=str(r["interface"]), map=str(r["crypto_map_tag"]), seq="",
            peer=str(r["current_peer"]), local_address=str(r["local_addr"]),
            local_net=str(r["local_ident_addr"]), local_mask=str(r["local_ident_mask"]),
            remote_net=str(r["remote_ident_addr"]), remote_mask=str(r["remote_ident_mask"]),
            protocol=str(r["local_ident_prot"]),
            encaps=_int(r["pkts_encaps"]), decaps=_int(r["pkts_decaps"]),
            encrypt=_int(r["pkts_encrypt"]), decrypt=_int(r["pkts_decrypt"]),
            send_errors=_int(r["send_errors"]), recv_errors=_int(r["recv_errors"]),
            outbound_spi=str(r["current_outbound_spi"]),
            inbound_spi=_first(r.get("inbound_esp_spi")),
            transform=_first(r.get("outbound_esp_transform")).rstrip(" ,"),
            settings=_first(r.get("outbound_esp_settings") or r.get("inbound_esp_settings")),
            remote_endpoint=str(r["remote_crypto_endpt"]) + (
                f"/{r['peer_port']}" if r.get("peer_port") else ""),
            path_mtu=_int(r["path_mtu"]), media_mtu=_int(r["ip_mtu"] or r["media_mtu"]),
            pfs=(dh if pfs.upper() == "Y" else "none") if pfs else "",
            lifetime_kb=_first(r.get("outbound_esp_lifetime_kb")),
            lifetime_sec=_first(r.get("outbound_esp_lifetime_sec")),
            replay_failed=_int(r.get("pkts_replay_failed_rcv")),
            invalid_sa=_int(r.get("pkts_invalid_sa_rcv")),
            verify_failed=_int(r.get("pkts_verify_failed")),
            no_sa_send=_int(r.get("pkts_no_sa_send")), detail=detail, command=result.command))
    return out
