"""Hosts the connect screen offers: `~/.ssh/config` Host entries and the inventory file.

The inventory (`userdirs.inventory_path()`, YAML) is a list of hosts or a mapping of names:

    - {name: fw-edge, host: 192.0.2.10, user: netops, platform: cisco_asa}
    fw-branch: {host: fw-branch.example.net, platform: cisco_ftd}
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from netriage.yamlio import load_yaml


@dataclass(frozen=True)
class KnownHost:
    name: str  # what the user types or picks
    host: str  # address to connect to
    user: str = ""
    platform: str = ""
    port: int = 22
    origin: str = ""  # "ssh config" / "inventory"


def ssh_config_hosts(path: Path) -> list[KnownHost]:
    """Concrete `Host` entries (no wildcards) with their HostName, User and Port."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return []
    hosts: list[KnownHost] = []
    names: list[str] = []
    options: dict[str, str] = {}

    def flush() -> None:
        for name in names:
            port = options.get("port", "22")
            hosts.append(KnownHost(name, options.get("hostname", name), options.get("user", ""),
                                   port=int(port) if port.isdigit() else 22,
                                   origin="ssh config"))

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _sep, value = line.replace("=", " ", 1).partition(" ")
        key, value = key.lower(), value.strip()
        if key in ("host", "match"):
            flush()
            names = [n for n in value.split() if key == "host" and not any(c in n for c in "*?!")]
            options = {}
        elif key in ("hostname", "user", "port"):
            options.setdefault(key, value)
    flush()
    return hosts


def inventory_hosts(path: Path) -> list[KnownHost]:
    try:
        raw = load_yaml(path.read_text())
    except (OSError, yaml.YAMLError):
        return []
    items: list[tuple[str, dict]] = []
    if isinstance(raw, dict):
        items = [(str(k), v if isinstance(v, dict) else {}) for k, v in raw.items()]
    elif isinstance(raw, list):
        items = [(str(v.get("name") or v.get("host", "")), v) for v in raw if isinstance(v, dict)]
    hosts = []
    for name, values in items:
        if not name:
            continue
        port = values.get("port", 22)
        hosts.append(KnownHost(name, str(values.get("host") or name), str(values.get("user", "")),
                               str(values.get("platform", "")),
                               port if isinstance(port, int) else 22, "inventory"))
    return hosts


def known_hosts(ssh_config: Path, inventory: Path) -> list[KnownHost]:
    """Inventory first (it knows platforms), then ssh config; one entry per name."""
    seen: dict[str, KnownHost] = {}
    for host in inventory_hosts(inventory) + ssh_config_hosts(ssh_config):
        seen.setdefault(host.name, host)
    return list(seen.values())
