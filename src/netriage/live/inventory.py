"""Inventories: which devices to collect, from three kinds of YAML file.

1. A simple list, optionally with defaults:

       defaults: {username: netops, platform: cisco_asa}
       devices:
         - fw-dc1                      # a name (looked up in ~/.ssh/config) ...
         - {host: 192.0.2.10, name: fw-branch, port: 2222, legacy: sha1}
         - {host: core-sw1, platform: cisco_xe}

   (a bare top-level list works too).
2. netmiko-style (`.netmiko.yml`): `name: {device_type, host|ip, port, username}`; entries
   whose value is a list are netmiko groups and are skipped.
3. nornir SimpleInventory hosts files: `name: {hostname, port, username, platform, groups,
   data, connection_options: {netmiko: {platform, extras}}}`, with `groups.yaml` and
   `defaults.yaml` beside the hosts file inherited as nornir does.

Passwords and secrets in an inventory are ignored (with a warning): they come from
NETRIAGE_PASSWORD / NETRIAGE_ENABLE_PASSWORD or a prompt, so none is ever kept in a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from netriage.errors import NetriageError
from netriage.live.collect import DeviceSpec
from netriage.live.validate import check_spec
from netriage.platforms import get_platform
from netriage.yamlio import load_yaml

_SECRET_KEYS = ("password", "secret", "enable_password")


@dataclass
class Inventory:
    devices: list[DeviceSpec] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _platform(value: Any, where: str) -> str:
    if not value:
        return ""
    name = str(value).strip().lower().removesuffix("_ssh")
    try:
        return get_platform(name).name
    except NetriageError as exc:
        raise NetriageError(f"{where}: {exc}") from None


def _contexts(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if not isinstance(value, (list, tuple)):
        return (str(value),)  # checked as a context name with the rest of the device
    return tuple(str(v) for v in value)


def _mapping(value: Any) -> dict[str, Any]:
    """A hand-edited section that is not a mapping reads as empty (its keys are optional)."""
    return value if isinstance(value, dict) else {}


def _spec(name: str, data: dict[str, Any], where: str, inventory: Inventory) -> DeviceSpec:
    if any(k in data for k in _SECRET_KEYS):
        inventory.warnings.append(f"{where}: password/secret ignored; passwords come from "
                                  "NETRIAGE_PASSWORD / NETRIAGE_ENABLE_PASSWORD or a prompt")
    netmiko = _mapping(_mapping(data.get("connection_options")).get("netmiko"))
    extras = _mapping(netmiko.get("extras"))
    host = data.get("host") or data.get("ip") or data.get("hostname") or netmiko.get("hostname")
    platform = (extras.get("device_type") or netmiko.get("platform") or data.get("device_type")
                or data.get("platform"))
    nested = _mapping(data.get("data"))
    port = data.get("port") or netmiko.get("port")
    try:
        port_number = int(port) if port else None
    except (TypeError, ValueError):
        raise NetriageError(f"{where}: port {port!r} is not a number") from None
    return DeviceSpec(
        name=str(name), host=str(host) if host and host != name else "",
        port=port_number,
        username=str(data.get("username") or netmiko.get("username") or ""),
        platform=_platform(platform, where),
        legacy=str(data.get("legacy") or nested.get("netriage_legacy") or ""),
        contexts=_contexts(data.get("contexts") or nested.get("contexts")),
        mate=bool(data.get("mate", nested.get("mate", True))),
    )


def _merge(*layers: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in _mapping(layer).items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = _merge(merged[key], value)
            elif value is not None:
                merged[key] = value
    return merged


def _read_yaml(path: Path) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NetriageError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise NetriageError(f"{path}: not a text file (an inventory is YAML text)") from None
    except yaml.YAMLError as exc:
        raise NetriageError(f"{path}: not valid YAML ({exc})") from None


def _nornir_layers(path: Path, data: dict[str, Any]) -> tuple[dict, dict]:
    groups_file, defaults_file = path.parent / "groups.yaml", path.parent / "defaults.yaml"
    groups = _read_yaml(groups_file) if groups_file.is_file() else {}
    defaults = _read_yaml(defaults_file) if defaults_file.is_file() else {}
    return groups or {}, defaults or {}


def _group_chain(names: list[str], groups: dict[str, Any], seen: set[str]) -> list[dict]:
    """Group layers, most general first (a group's own groups come before it)."""
    layers: list[dict] = []
    for name in names:
        if name in seen or name not in groups:
            continue
        seen.add(name)
        group = groups[name] or {}
        layers += _group_chain(list(group.get("groups") or []), groups, seen)
        layers.append(group)
    return layers


def load_inventory(path: Path) -> Inventory:
    data = _read_yaml(path)
    inventory = Inventory()
    if isinstance(data, dict) and "devices" in data:
        defaults, items = data.get("defaults") or {}, data.get("devices") or []
    elif isinstance(data, list):
        defaults, items = {}, data
    elif isinstance(data, dict):
        groups, nornir_defaults = _nornir_layers(path, data)
        for name, host in data.items():
            if isinstance(host, list):
                continue  # a netmiko group: a list of device names
            if not isinstance(host, dict):
                raise NetriageError(f"{path}: entry {name!r} is not a mapping of settings")
            layers = _group_chain(list(host.get("groups") or []), groups, set())
            merged = _merge(nornir_defaults, *layers, host)
            inventory.devices.append(_spec(name, merged, f"{path}: {name}", inventory))
        return _checked(path, inventory)
    else:
        raise NetriageError(f"{path}: expected a list of devices or a mapping of hosts")
    for index, raw in enumerate(items, 1):
        where = f"{path}: device {index}"
        item = {"host": raw} if isinstance(raw, str) else raw
        if not isinstance(item, dict):
            raise NetriageError(f"{where}: expected a name or a mapping")
        merged = _merge(defaults, item)
        name = merged.get("name") or merged.get("host") or merged.get("hostname")
        if not name:
            raise NetriageError(f"{where}: needs a host (or name)")
        inventory.devices.append(_spec(str(name), merged, where, inventory))
    return _checked(path, inventory)


def _checked(path: Path, inventory: Inventory) -> Inventory:
    if not inventory.devices:
        raise NetriageError(f"{path}: no devices in this inventory")
    seen: set[str] = set()
    for spec in inventory.devices:
        check_spec(spec, f"{path}: {spec.name}")  # hosts, ports, contexts: before connecting
        if spec.name in seen:
            raise NetriageError(f"{path}: device {spec.name!r} is listed twice")
        seen.add(spec.name)
    return inventory
