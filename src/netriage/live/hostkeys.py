"""Host-key checking against an OpenSSH known_hosts file.

Unknown key: show its fingerprint and ask (or accept it with `--accept-new`, as OpenSSH's
`StrictHostKeyChecking accept-new` does), then append one line to the file. Changed key:
refuse loudly and send nothing. The file is only ever appended to, never rewritten, so
comments, hashed names and `@cert-authority` lines of a user's own known_hosts survive.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import paramiko

from netriage.errors import NetriageError
from netriage.live.errors import HostKeyChangedError, HostKeyUnknownError

# ask(host_entry, key_type, fingerprint) -> accept?
AskHostKey = Callable[[str, str, str], bool]


def entry_name(host: str, port: int) -> str:
    """The name OpenSSH files a host under: `host`, or `[host]:port` off port 22."""
    return host if port == 22 else f"[{host}]:{port}"


def fingerprint(key: paramiko.PKey) -> str:
    return key.fingerprint  # SHA256:..., as `ssh-keygen -lf` and OpenSSH print it


def default_known_hosts() -> Path:
    return Path.home() / ".ssh" / "known_hosts"


@dataclass
class HostKeyChecker:
    known_hosts: Path
    accept_new: bool = False
    ask: AskHostKey | None = None
    target: str = ""  # for messages: the device as the user named it

    def known(self, name: str) -> dict[str, paramiko.PKey]:
        if not self.known_hosts.is_file():
            return {}
        try:
            found = paramiko.HostKeys(str(self.known_hosts)).lookup(name)
        except (OSError, UnicodeDecodeError) as exc:
            # Not a host-key problem (13/14): the file itself is unusable, a bad input (2).
            raise NetriageError(f"{self.known_hosts}: the known_hosts file cannot be read "
                                f"({getattr(exc, 'strerror', None) or exc.__class__.__name__})"
                                ) from None
        return dict(found) if found else {}

    def preferred_types(self, name: str) -> list[str]:
        """Key types to negotiate first, so a known key is the one the device presents."""
        types: list[str] = []
        for key_type in self.known(name):
            types += ["rsa-sha2-512", "rsa-sha2-256"] if key_type == "ssh-rsa" else [key_type]
        return types

    def verify(self, name: str, key: paramiko.PKey) -> None:
        known = self.known(name)
        if known:
            ours = known.get(key.get_name())
            if ours is not None and ours == key:
                return
            old = ", ".join(f"{t} {fingerprint(k)}" for t, k in known.items())
            raise HostKeyChangedError(
                f"HOST KEY CHANGED for {name}. {self.known_hosts} has {old}; the device now "
                f"presents {key.get_name()} {fingerprint(key)}. The device was replaced or "
                "re-keyed, or someone is in the middle. Nothing was sent. If the change is "
                f"expected, remove the old key (ssh-keygen -R '{name}' -f {self.known_hosts}) "
                "and connect again.", self.target)
        key_type, fp = key.get_name(), fingerprint(key)
        if self.accept_new or (self.ask is not None and self.ask(name, key_type, fp)):
            self.add(name, key)
            return
        raise HostKeyUnknownError(
            f"the host key of {name} is not in {self.known_hosts}: {key_type} {fp}. Compare "
            "it with the device's own fingerprint, then connect again with --accept-new "
            "(or answer yes when asked).", self.target)

    def add(self, name: str, key: paramiko.PKey) -> None:
        path = self.known_hosts
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        needs_newline = path.is_file() and path.stat().st_size > 0 and not (
            path.read_bytes().endswith(b"\n"))
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="ascii") as handle:
            if needs_newline:
                handle.write("\n")
            handle.write(f"{name} {key.get_name()} {key.get_base64()}\n")


class VerifyingPolicy(paramiko.MissingHostKeyPolicy):
    """paramiko calls this for every host: the client itself is given no keys to check."""

    def __init__(self, checker: HostKeyChecker) -> None:
        self.checker = checker

    def missing_host_key(self, client: paramiko.SSHClient, hostname: str,
                         key: paramiko.PKey) -> None:
        self.checker.verify(hostname, key)
