"""Every value that will reach a device or a shell, checked before any connection is opened.

A host name goes into an ssh config lookup (`Host NAME` lines) and into a ProxyCommand's
`%h`, a context name is typed after `changeto context`, an extra command is typed as is: a
newline, a space or a leading `-` in any of them would be input nobody meant to send. One bad
value in an inventory stops the whole run before the first device is contacted, so nothing is
half collected because device 14 of 20 had a typo.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from netriage.errors import NetriageError
from netriage.live.allowlist import check
from netriage.live.errors import CommandRefusedError

# Names, IPv4/IPv6 addresses (bracketed or not, with a %zone), ssh config aliases.
_HOST = re.compile(r"^\[?[A-Za-z0-9_][A-Za-z0-9_.:%\-]{0,252}\]?$")
_USER = re.compile(r"^[\x21-\x7e]{1,64}$")  # printable ASCII, no space (DOMAIN\user is fine)
# Context names that are exec verbs: `changeto context reload` is harmless on an ASA, but an
# inventory that says so is most likely a pasted command list, not context names.
_VERBS = ("reload", "write", "clear", "configure", "copy", "erase", "delete", "format", "no",
          "debug", "undebug", "shutdown", "failover", "changeto", "enable", "disable", "exit",
          "quit", "logout", "shun", "crypto", "terminal", "more", "show", "system")


def check_host(value: str, where: str = "host") -> str:
    text = str(value)
    if not _HOST.match(text) or text.startswith("-"):
        raise NetriageError(f"{where}: {text!r} is not a host name or address (letters, "
                            "digits, '.', '-', '_', ':' only)")
    return text


def check_username(value: str, where: str = "username") -> str:
    text = str(value)
    if text and (not _USER.match(text) or text.startswith("-")):
        raise NetriageError(f"{where}: {text!r} is not a user name (printable ASCII without "
                            "spaces)")
    return text


def check_port(value: int | None, where: str = "port") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
        raise NetriageError(f"{where}: {value!r} is not a TCP port (1-65535)")
    return value


def check_context(value: str, where: str = "context") -> str:
    text = str(value)
    if text == "all":
        return text
    if text.lower() in _VERBS:
        raise NetriageError(f"{where}: {text!r} is a command word, not a context name")
    try:
        check(f"changeto context {text}", "cisco_asa")
    except CommandRefusedError:
        raise NetriageError(f"{where}: {text!r} is not a context name (letters, digits, "
                            "'.', '-', '_'; up to 64)") from None
    if " " in text:
        raise NetriageError(f"{where}: {text!r} is not a context name (no spaces)")
    return text


def check_commands(commands: Iterable[str], platform: str = "", where: str = "") -> None:
    for command in commands:
        try:
            check(command, platform)
        except CommandRefusedError as exc:
            raise CommandRefusedError(f"{where}: {exc}" if where else str(exc)) from None


def check_spec(spec: object, where: str) -> None:
    """A `collect.DeviceSpec`: every field that will be looked up, typed or connected to."""
    from netriage.live import legacy
    from netriage.platforms import get_platform

    name, host = str(getattr(spec, "name", "")), str(getattr(spec, "host", "") or "")
    if host:
        check_host(host, f"{where}: host")
        if not name.isprintable() or not name.strip():
            raise NetriageError(f"{where}: name {name!r} has control characters")
    else:
        check_host(name, f"{where}: host")
    check_port(getattr(spec, "port", None), f"{where}: port")
    check_username(str(getattr(spec, "username", "") or ""), f"{where}: username")
    platform = str(getattr(spec, "platform", "") or "")
    if platform:
        get_platform(platform)
    if getattr(spec, "legacy", ""):
        legacy.get_profile(str(spec.legacy))  # type: ignore[attr-defined]
    for context in getattr(spec, "contexts", ()) or ():
        check_context(context, f"{where}: context")


def check_run(specs: Iterable[object], extra_commands: Iterable[str] = (),
              areas: Iterable[str] | None = None) -> None:
    """All devices of a run, their extra commands and areas, before the first connection."""
    from netriage.live.commands import standard_commands

    extra = tuple(extra_commands)
    for index, spec in enumerate(specs, 1):
        where = str(getattr(spec, "name", "") or f"device {index}")
        check_spec(spec, where)
        platform = str(getattr(spec, "platform", "") or "")
        check_commands(extra, platform, where)
        if areas is not None:
            standard_commands(platform or "cisco_asa", tuple(areas) or None)
