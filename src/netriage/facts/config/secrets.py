"""Passwords, secrets and keys in a configuration, and how they are stored."""

from __future__ import annotations

import re
from dataclasses import dataclass

from netriage.facts.config.model import Hit
from netriage.facts.config.tree import ConfigLine, RunningConfig

# The ASA / PIX hash of an empty enable password, and of the factory `passwd` ("cisco").
BLANK_ENABLE_HASH = "8Ry2YjIyt7RRXU24"
DEFAULT_PASSWD_HASH = "2KFQnbNIdI.2KYOU"  # noqa: S105 - a well-known hash we look for
# Pre-shared keys an attacker tries first; shorter than this is brute-forceable offline.
WEAK_WORDS = frozenset({
    "cisco", "cisco123", "cisco1", "ciscovpn", "secret", "secret123", "vpn", "vpn123",
    "vpnkey", "password", "password1", "password123", "admin", "admin123", "test", "test123",
    "changeme", "letmein", "qwerty", "12345678", "123456789", "1234567890", "sharedsecret",
    "presharedkey", "preshared", "psk", "key", "default",
})
MIN_PSK_LENGTH = 12
_MASKED = re.compile(r"^\*+$")


def hit(config: RunningConfig, line: ConfigLine, **fields: str) -> Hit:
    parent = config.parent_of(line)
    return Hit(line.text, line.line, line.command, parent.text if parent else None, **fields)


def _strip_level(words: list[str]) -> list[str]:
    """`enable secret level 15 5 $1$...` → `enable secret 5 $1$...`."""
    if len(words) > 3 and words[2] == "level":
        return words[:2] + words[4:]
    return words


@dataclass
class Credentials:
    enable_cleartext: list[Hit]
    enable_secret: list[Hit]  # every `enable secret` line
    weak_secrets: list[Hit]  # type 4 / 5
    type7: list[Hit]
    user_cleartext: list[Hit]
    line_cleartext: list[Hit]
    cleartext_enable_values: set[str]


def _secret_words(config: RunningConfig) -> str:
    """How this release stores a secret best: scrypt (type 9) from 15.3(3), MD5 (type 5)
    before. A config tells only `version 15.3`; 15.3 and later get scrypt (15.3(1)-(2)
    lack it, the fix block's note says so), no version line gets scrypt too."""
    found = config.find(r"^version \d+\.\d+", top=True)
    if found:
        major, minor = (int(n) for n in found[0].words[1].split(".")[:2])
        if (major, minor) < (15, 3):
            return "secret"
    return "algorithm-type scrypt secret"


def ios_credentials(config: RunningConfig) -> Credentials:
    cred = Credentials([], [], [], [], [], [], set())
    secret = _secret_words(config)
    for line in config.find(r"^enable (password|secret)\b", top=True):
        words = _strip_level(line.words)
        value = words[2:]
        if words[1] == "secret":
            cred.enable_secret.append(hit(config, line))
            if value[:1] in (["4"], ["5"]):
                kind = "MD5 (type 5)" if value[0] == "5" else "the broken SHA-256 type 4"
                cred.weak_secrets.append(hit(
                    config, line, detail=f"hashed with {kind}",
                    set=f"enable {secret} <new-password>", undo=line.text))
            continue
        if value[:1] == ["7"]:
            cred.type7.append(hit(config, line, name="enable", detail="enable",
                                  mode="no enable password",
                                  set=f"enable {secret} <new-password>",
                                  back="no enable secret", undo=line.text))
        elif value:
            password = value[1] if value[0] == "0" and len(value) > 1 else value[0]
            cred.cleartext_enable_values.add(password)
            cred.enable_cleartext.append(hit(config, line, detail="clear-text (type 0)",
                                             undo=line.text))
    for line in config.find(r"^username \S+ .*\bpassword\b", top=True):
        words = line.words
        user = words[1]
        after = words[words.index("password") + 1:]
        privilege = words[words.index("privilege") + 1] if "privilege" in words[:-1] else "1"
        new = f"username {user} privilege {privilege} {secret} <new-password>"
        if after[:1] == ["7"]:
            cred.type7.append(hit(config, line, name=user, detail=f"user {user}",
                                  mode=f"no username {user}", set=new,
                                  back=f"no username {user}", undo=line.text))
        elif after:
            cred.user_cleartext.append(hit(config, line, name=user, detail=privilege,
                                           mode=f"no username {user}", set=new,
                                           back=f"no username {user}", undo=line.text))
    for block in config.blocks(r"line \S"):
        for child in block.all(r"password\b"):
            words = child.words
            if words[1:2] == ["7"]:
                cred.type7.append(hit(config, child, name=block.head.text,
                                      detail=block.head.text,
                                      mode=block.head.text, set=" login local",
                                      then=" no password", back=block.head.text,
                                      undo=f" {child.text}"))
            elif len(words) > 1:
                cred.line_cleartext.append(hit(config, child, name=block.head.text))
    return cred


# -- pre-shared and session keys ------------------------------------------------------------
@dataclass(frozen=True)
class Key:
    hit: Hit
    value: str  # "" when masked or encrypted
    peer: str
    clear: bool  # stored in clear in this output


def _key_hit(config: RunningConfig, line: ConfigLine, peer: str, value: str, *, mode: str,
             new: str) -> Hit:
    undo = line.text if mode == "!" else " " + line.text
    return hit(config, line, name=peer, mode=mode, set=new, back=mode, undo=undo,
               detail=f"{len(value)} characters" if value else "")


def psk_keys(config: RunningConfig) -> list[Key]:
    keys: list[Key] = []
    for line in config.find(r"^crypto isakmp key\b", top=True):  # IOS
        words = line.words[3:]
        encrypted = words[:1] == ["6"]
        if words[:1] in (["0"], ["6"], ["7"]):
            words = words[1:]
        if len(words) < 3:
            continue
        value, peer = words[0], words[2]
        new = f"crypto isakmp key <new-random-key> address {peer}"
        keys.append(Key(_key_hit(config, line, peer, value, mode="!", new=new),
                        "" if encrypted else value, peer, not encrypted))
    for line in config.find(r"^isakmp key \S+ address \S+", top=True):  # PIX 6.x
        words = line.words
        value, peer = words[2], words[4]
        mask = words[6] if len(words) > 6 and words[5] == "netmask" else "255.255.255.255"
        new = f"isakmp key <new-random-key> address {peer} netmask {mask}"
        keys.append(Key(_key_hit(config, line, peer, value, mode="!", new=new), value, peer, True))
    for line in config.find(r"^pre-shared-key\b"):
        parent = config.parent_of(line)
        if parent is None:
            continue
        words = line.words
        if parent.text.startswith("crypto keyring") and "key" in words:  # IOS IKEv1 keyring
            after = words[words.index("key") + 1:]
            encrypted = after[:1] == ["6"]
            if after[:1] in (["0"], ["6"]):
                after = after[1:]
            if not after:
                continue
            peer = words[2] if len(words) > 2 else ""
            new = f" pre-shared-key address {peer} key <new-random-key>"
            keys.append(Key(_key_hit(config, line, peer, after[0], mode=parent.text, new=new),
                            "" if encrypted else after[0], peer, not encrypted))
        elif parent.text.startswith("peer "):  # IOS IKEv2 keyring: crypto ikev2 keyring / peer
            after = [w for w in words[1:] if w not in ("local", "remote")]
            encrypted = after[:1] == ["6"]
            if after[:1] in (["0"], ["6"]):
                after = after[1:]
            if not after:
                continue
            peer = parent.words[1]
            side = " ".join(w for w in words[1:2] if w in ("local", "remote"))
            new = f"  pre-shared-key {side + ' ' if side else ''}<new-random-key>"
            keys.append(Key(_key_hit(config, line, peer, after[0], mode=parent.text, new=new),
                            "" if encrypted else after[0], peer, not encrypted))
        elif parent.text.startswith("tunnel-group "):  # PIX 7 / ASA 7.0
            value = words[1] if len(words) > 1 else ""
            keys.append(_asa_key(config, line, parent, value, " pre-shared-key"))
    for line in config.find(r"^(ikev1 pre-shared-key|ikev2 (local|remote)-authentication "
                            r"pre-shared-key)\b"):
        parent = config.parent_of(line)
        if parent is None or not parent.text.startswith("tunnel-group "):
            continue
        value = line.words[-1]
        keys.append(_asa_key(config, line, parent, value,
                             " " + " ".join(line.words[:-1])))
    return keys


def _asa_key(config: RunningConfig, line: ConfigLine, parent: ConfigLine, value: str,
             setting: str) -> Key:
    peer = parent.words[1]
    masked = bool(_MASKED.match(value)) or value in ("0", "8")
    value = "" if masked else value
    hit_ = _key_hit(config, line, peer, value, mode=parent.text,
                    new=f"{setting} <new-random-key>")
    return Key(hit_, value, peer, clear=not masked)


def weak_keys(keys: list[Key], enable_values: set[str]) -> list[Hit]:
    """Keys short, guessable, shared by several peers, or equal to the enable password."""
    values = [k.value for k in keys if k.value]
    weak: list[Hit] = []
    for key in keys:
        if not key.value:
            continue
        reasons = []
        if key.value.lower() in WEAK_WORDS:
            reasons.append("a dictionary word")
        elif len(key.value) < MIN_PSK_LENGTH:
            reasons.append(f"only {len(key.value)} characters")
        if values.count(key.value) > 1:
            reasons.append(f"shared by {values.count(key.value)} peers")
        if key.value in enable_values:
            reasons.append("the same as the enable password")
        if reasons:
            weak.append(Hit(key.hit.text, key.hit.line, key.hit.command, key.hit.parent,
                            key.peer, "; ".join(reasons), key.hit.mode, key.hit.set,
                            key.hit.back, key.hit.undo))
    return weak


def session_keys(config: RunningConfig) -> list[Hit]:
    out: list[Hit] = []
    for line in config.find(r"(^|\s)set session-key (inbound|outbound)\b"):
        parent = config.parent_of(line)
        head = parent.words if parent is not None else line.words
        name = f"{head[2]} {head[3]}" if len(head) > 3 else ""
        out.append(hit(config, line, name=name))
    return out


def set_peer_incomplete(config: RunningConfig) -> list[Hit]:
    """`set peer` with no address: IOS `% Incomplete command.`, ASA `ERROR: % Incomplete`."""
    out: list[Hit] = []
    for line in config.find(r"^set peer$"):  # IOS, under `crypto map <map> <seq> ...`
        parent = config.parent_of(line)
        if parent is None or not parent.text.startswith("crypto map ") or len(parent.words) < 4:
            continue
        out.append(hit(config, line, name=f"{parent.words[2]} {parent.words[3]}",
                       mode=parent.text, set=" set peer <peer-ip>", back=parent.text,
                       undo=" no set peer <peer-ip>"))
    for line in config.find(r"^crypto map \S+ \d+ set peer$", top=True):  # ASA / PIX
        words = line.words
        out.append(hit(config, line, name=f"{words[2]} {words[3]}", mode="!",
                       set=f"crypto map {words[2]} {words[3]} set peer <peer-ip>",
                       undo=f"no crypto map {words[2]} {words[3]} set peer <peer-ip>"))
    return out
