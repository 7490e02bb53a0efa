"""What can go wrong with a live device, one class and one exit code each.

Every error here is a `NetriageError`, so the CLI prints its message as one sentence and
exits with its `exit_code`. The codes are part of the command-line contract (documented in
docs/live.md); never renumber one. 0/1/2 belong to `analyze` (ok / findings / bad
input), 130 to Ctrl-C.

None of these subclass `OSError` or paramiko's `SSHException` on purpose: netmiko wraps those
into its own generic exceptions, and ours must pass through it untouched.
"""

from __future__ import annotations

from netriage.errors import NetriageError


class LiveError(NetriageError):
    """Base for live-session errors; `target` names the device as the user gave it."""

    exit_code = 2

    def __init__(self, message: str, target: str = "") -> None:
        super().__init__(f"{target}: {message}" if target else message)
        self.target = target
        self.detail = message


class AuthenticationFailedError(LiveError):
    """The device refused the username, password or keys."""

    exit_code = 10


class ConnectionRefusedByPeerError(LiveError):
    """Nothing listens on that port (or a firewall actively rejects)."""

    exit_code = 11


class DeviceTimeoutError(LiveError):
    """No TCP connection, no SSH banner, no login answer, or no output for too long."""

    exit_code = 12


class HostKeyChangedError(LiveError):
    """The device's host key differs from the one in known_hosts: refuse, never continue."""

    exit_code = 13


class HostKeyUnknownError(LiveError):
    """The host key is not in known_hosts and was not accepted."""

    exit_code = 14


class NoCommonAlgorithmError(LiveError):
    """Key exchange, host-key type, cipher or MAC negotiation found nothing in common."""

    exit_code = 15


class SessionDroppedError(LiveError):
    """The device closed the session (exec-timeout, reload, failover) before we finished."""

    exit_code = 16


class EnableRefusedError(LiveError):
    """`enable` failed: wrong or missing enable password, or privilege not granted."""

    exit_code = 17


class CommandRefusedError(LiveError):
    """The read-only allow-list refused a command before it reached the wire."""

    exit_code = 18


class UnreachableError(LiveError):
    """Name does not resolve, no route, or another failure before SSH could start."""

    exit_code = 19


class SomeDevicesFailedError(LiveError):
    """Several devices were collected and at least one failed (each one is reported)."""

    exit_code = 20


EXIT_CODES: dict[int, str] = {
    cls.exit_code: cls.__name__
    for cls in (AuthenticationFailedError, ConnectionRefusedByPeerError, DeviceTimeoutError,
                HostKeyChangedError, HostKeyUnknownError, NoCommonAlgorithmError,
                SessionDroppedError, EnableRefusedError, CommandRefusedError, UnreachableError,
                SomeDevicesFailedError)
}
