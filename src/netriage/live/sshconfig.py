"""Where and how to connect, from the user's `~/.ssh/config` as OpenSSH would read it.

Honoured: HostName, Port, User, IdentityFile, ProxyCommand, ProxyJump (through the local
`ssh -W`, so the jump host gets the user's own agent, keys and config), UserKnownHostsFile,
ServerAliveInterval, ConnectTimeout, and `KexAlgorithms/HostKeyAlgorithms/Ciphers/MACs`
additions (`+alg`), which join the device's legacy profile. Command-line values win over the
file, as with `ssh -p`/`-l`.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import paramiko

from netriage.errors import NetriageError

_ALGORITHM_KEYS = {"kexalgorithms": "kex", "hostkeyalgorithms": "host key",
                   "ciphers": "cipher", "macs": "mac"}


@dataclass
class Target:
    name: str  # as the user gave it (inventory name or HOST argument)
    hostname: str  # what we connect to
    port: int = 22
    username: str = ""
    identity_files: list[str] = field(default_factory=list)
    proxy_command: str = ""
    known_hosts: Path | None = None
    keepalive: float | None = None
    connect_timeout: float | None = None
    extra_algorithms: dict[str, list[str]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        where = f"{self.hostname}:{self.port}"
        return self.name if self.name == where else f"{self.name} ({where})"


def default_config_path() -> Path:
    return Path.home() / ".ssh" / "config"


def _proxy_jump_command(jumps: str, host: str, port: int, config: Path | None) -> str:
    hops = [h.strip() for h in jumps.split(",") if h.strip()]
    if not hops or hops == ["none"]:
        return ""
    parts = ["ssh"]
    if config is not None:
        parts += ["-F", str(config)]
    if len(hops) > 1:
        parts += ["-J", ",".join(hops[:-1])]
    parts += ["-W", f"{host}:{port}", hops[-1]]
    return shlex.join(parts)


def _number(options: dict, key: str, path: Path | None, kind: type) -> Any:
    """A numeric setting, or None when absent; a bad one is the user's to fix, in one line."""
    if key not in options:
        return None
    try:
        value = kind(options[key])
    except (TypeError, ValueError):
        value = None
    if value is None or value < 0 or (key == "port" and not 0 < value < 65536):
        raise NetriageError(f"{path}: {key} {options[key]!r} in the ssh config is not a valid "
                            "number")
    return value


def resolve_target(name: str, port: int | None = None, username: str | None = None,
                   config_path: Path | None = None) -> Target:
    """The connection settings for `name`, with the ssh config applied where it exists."""
    from netriage.live.validate import check_host, check_port, check_username

    # Every caller (collect, inventories, the TUI's connect form) passes here before any
    # connection: `name` is about to become a `Host` line and a ProxyCommand's `%h`.
    check_host(name)
    check_port(port)
    check_username(username or "")
    path = config_path if config_path is not None else default_config_path()
    if config_path is not None and config_path.exists() and not config_path.is_file():
        raise NetriageError(f"{config_path}: not an ssh config file (a folder?)")
    options: dict = {}
    if path.is_file():
        # Command-line values go in a first stanza: ssh_config takes the first value it
        # finds, so they win and `%p`/`%r` in a ProxyCommand expand to them.
        first = "".join(f"  {k} {v}\n" for k, v in (("Port", port), ("User", username)) if v)
        try:
            text = path.read_text(encoding="utf-8")
            text = (f"Host {name}\n{first}\n" if first else "") + text
            options = dict(paramiko.SSHConfig.from_text(text).lookup(name))
        except (OSError, UnicodeDecodeError) as exc:
            raise NetriageError(f"{path}: the ssh config cannot be read "
                                f"({getattr(exc, 'strerror', None) or exc.__class__.__name__})"
                                ) from None
        except Exception as exc:  # paramiko's ConfigParseError and friends
            raise NetriageError(f"{path}: not a valid ssh config ({exc})") from None
    else:
        path = None
    hostname = options.get("hostname", name)
    target = Target(
        name=name, hostname=hostname,
        port=port if port else _number(options, "port", path, int) or 22,
        username=username or options.get("user", ""),
    )
    for identity in options.get("identityfile", []):
        expanded = Path(identity).expanduser()
        if expanded.is_file():
            target.identity_files.append(str(expanded))
    if "proxycommand" in options and options["proxycommand"].lower() != "none":
        target.proxy_command = options["proxycommand"]
    elif "proxyjump" in options:
        target.proxy_command = _proxy_jump_command(options["proxyjump"], hostname,
                                                   target.port, path)
    if "userknownhostsfile" in options:
        first = options["userknownhostsfile"].split()[0]
        target.known_hosts = Path(first).expanduser()
    target.keepalive = _number(options, "serveraliveinterval", path, float)
    target.connect_timeout = _number(options, "connecttimeout", path, float)
    for key, category in _ALGORITHM_KEYS.items():
        value = options.get(key, "")
        names = [a.strip() for a in value.lstrip("+^").split(",") if a.strip()]
        if names and not value.startswith("-"):
            target.extra_algorithms[category] = names
    return target
