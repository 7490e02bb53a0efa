"""netmiko over paramiko, made read-only, with errors the user can act on.

`open_connection()` builds a netmiko connection of the device's type whose `write_channel`
(the one place netmiko puts bytes on the wire) only passes lines the allow-list accepts, an
Enter, or the enable password while an enable prompt is being answered. netmiko's own
session preparation is skipped (on an ASA it enters configuration mode to set the terminal
width); `live.session` prepares the session with allowed commands instead.

paramiko is given our host-key policy and a transport that records what the device offered,
so a failed negotiation can say which algorithm is missing and why.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import paramiko
from paramiko.ssh_exception import (
    AuthenticationException,
    IncompatiblePeer,
    NoValidConnectionsError,
    ProxyCommandFailure,
    SSHException,
)

from netriage.errors import NetriageError
from netriage.live import legacy
from netriage.live.allowlist import check
from netriage.live.errors import (
    AuthenticationFailedError,
    CommandRefusedError,
    ConnectionRefusedByPeerError,
    DeviceTimeoutError,
    NoCommonAlgorithmError,
    SessionDroppedError,
    UnreachableError,
)
from netriage.live.hostkeys import AskHostKey, HostKeyChecker, VerifyingPolicy, default_known_hosts
from netriage.live.sshconfig import Target
from netriage.platforms import get_platform


@dataclass
class ConnectOptions:
    platform: str = ""  # netriage platform name; "" = detect from `show version`
    known_hosts: Path | None = None  # default: ssh config UserKnownHostsFile, ~/.ssh/known_hosts
    accept_new: bool = False
    ask_host_key: AskHostKey | None = None
    legacy: str = "modern"
    conn_timeout: float = 10.0  # TCP connect
    banner_timeout: float = 15.0  # SSH banner after TCP
    auth_timeout: float = 20.0
    read_timeout: float = 60.0  # no output at all for this long = stalled
    keepalive: float = 30.0  # SSH-level keepalive, keeps NAT/firewall state
    use_keys: bool = True  # ~/.ssh/id_* and the ssh config's IdentityFile
    allow_agent: bool = True


@dataclass
class Credentials:
    username: str
    password: str | None = None  # None: keys and agent only
    enable_password: str | None = None


Gate = Callable[[str], None]


def _refuse_channel(*_args: Any, **_kwargs: Any) -> Any:
    raise CommandRefusedError("netriage is read-only: only an interactive shell's allowed "
                              "lines are sent (no exec, subsystem or stderr data)")


class GuardedChannel(paramiko.Channel):
    """Every channel of our transports: data passes the same gate as netmiko's write_channel.

    netmiko's `write_channel` is checked too, but anything holding the paramiko channel (a
    helper calling `remote_conn.sendall`, a new `open_session()`) would bypass it: here is
    where bytes become packets. With no gate set, nothing is sent (fail closed).
    """

    netriage_gate: Gate | None = None

    def _gate(self, data: bytes | str) -> None:
        try:
            text = data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else str(data)
        except UnicodeDecodeError:
            raise CommandRefusedError("refused to send bytes that are not text") from None
        if self.netriage_gate is None:
            raise CommandRefusedError("refused to send on a channel with no read-only guard")
        self.netriage_gate(text)

    def send(self, s: bytes | str) -> int:  # type: ignore[override]
        self._gate(s)
        return super().send(s)

    def sendall(self, s: bytes | str) -> None:  # type: ignore[override]
        self._gate(s)  # the whole line once; its pieces then go out unchecked
        data = s.encode("utf-8") if isinstance(s, str) else bytes(s)
        while data:
            sent = paramiko.Channel.send(self, data)
            data = data[sent:]

    send_stderr = sendall_stderr = exec_command = invoke_subsystem = _refuse_channel


class _RecordingTransport(paramiko.Transport):
    """A client transport with our algorithm preferences that remembers the peer's offer."""

    def __init__(self, sock: Any, *, plan: legacy.Plan, prefer_keys: list[str],
                 gate: Gate | None = None, **kwargs: Any) -> None:
        super().__init__(sock, **kwargs)
        self.netriage_gate = gate
        self.peer_offer: dict[str, list[str]] = {}
        legacy.apply(self, plan)
        if prefer_keys:  # negotiate the key type known_hosts holds, as OpenSSH does
            options = self.get_security_options()
            known = [k for k in prefer_keys if k in options.key_types]
            options.key_types = tuple(known + [k for k in options.key_types if k not in known])

    def open_channel(self, *args: Any, **kwargs: Any) -> paramiko.Channel:
        channel = super().open_channel(*args, **kwargs)
        channel.__class__ = GuardedChannel  # same object, guarded send methods
        channel.netriage_gate = self.netriage_gate
        return channel

    def _really_parse_kex_init(self, m: Any) -> dict:
        parsed = super()._really_parse_kex_init(m)
        self.peer_offer = {
            "kex": [a for a in parsed["kex_algo_list"]
                    if not a.startswith(("ext-info-", "kex-strict-"))],
            "host key": list(parsed["server_key_algo_list"]),
            "cipher": list(parsed["server_encrypt_algo_list"]),
            "mac": list(parsed["server_mac_algo_list"]),
        }
        return parsed


class _Client(paramiko.SSHClient):
    """SSHClient whose failures become netriage errors (netmiko would blur them)."""

    def __init__(self, checker: HostKeyChecker, plan: legacy.Plan, label: str) -> None:
        super().__init__()
        self.set_missing_host_key_policy(VerifyingPolicy(checker))
        self._checker, self._plan, self._label = checker, plan, label
        self.gate: Gate | None = None  # set to the connection's gate by open_connection

    def connect(self, hostname: str, port: int = 22, **kwargs: Any) -> None:  # type: ignore[override]
        from netriage.live.hostkeys import entry_name

        prefer = self._checker.preferred_types(entry_name(hostname, port))

        def factory(sock: Any, **kw: Any) -> _RecordingTransport:
            return _RecordingTransport(sock, plan=self._plan, prefer_keys=prefer,
                                       gate=self.gate, **kw)

        kwargs["transport_factory"] = factory
        started = time.monotonic()
        try:
            super().connect(hostname, port, **kwargs)
            sock = self.get_transport().sock  # type: ignore[union-attr]
            if isinstance(sock, socket.socket):  # one command, one packet: no Nagle wait
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except NetriageError:
            self.close()
            raise
        except Exception as exc:
            error = self._translate(exc, {**kwargs, "port": port},
                                    time.monotonic() - started)  # reads transport
            self.close()
            raise error from None

    def _translate(self, exc: Exception, kwargs: dict, elapsed: float) -> NetriageError:
        label = self._label
        if isinstance(exc, AuthenticationException):
            how = "password" if kwargs.get("password") else "keys/agent (no password given)"
            return AuthenticationFailedError(f"authentication failed for user "
                                        f"{kwargs.get('username')!r} with {how}: {exc}", label)
        if isinstance(exc, IncompatiblePeer):
            offer = getattr(self._transport, "peer_offer", {})
            text = legacy.explain(offer, self._plan.preferred, self._plan.profile) if offer \
                else str(exc)
            return NoCommonAlgorithmError(text, label)
        if isinstance(exc, ProxyCommandFailure):
            return UnreachableError(f"the ProxyCommand/ProxyJump failed: {exc}", label)
        if isinstance(exc, SSHException):
            cause = exc.__context__
            text = str(exc)
            # paramiko's reader thread may have failed on the banner while the caller only
            # sees "No existing session": the thread's own exception says what happened.
            # Or it gave up waiting before the banner came (no `remote_version` yet).
            saved = getattr(self._transport, "saved_exception", None)
            no_banner = self._transport is not None and not getattr(
                self._transport, "remote_version", "")
            if "banner" not in text.lower() and ("banner" in str(saved).lower() or no_banner):
                return DeviceTimeoutError("TCP connected but the device sent no SSH banner (is "
                                          "an SSH server listening on this port?)", label)
            if "banner" in text.lower():
                if isinstance(cause, (TimeoutError, socket.timeout)) or (
                        elapsed >= (kwargs.get("banner_timeout") or 15) * 0.9):
                    return DeviceTimeoutError(f"TCP connected but no SSH banner within "
                                         f"{kwargs.get('banner_timeout')} s", label)
                return SessionDroppedError("the device closed the connection before SSH started "
                                      "(too many sessions, or an ssh access list)", label)
            if "authentication timeout" in text.lower():
                return DeviceTimeoutError("no answer to authentication within "
                                     f"{kwargs.get('auth_timeout')} s", label)
            return SessionDroppedError(f"SSH failed during setup: {text}", label)
        if isinstance(exc, NoValidConnectionsError):
            errors = list(exc.errors.values())
            if errors and all(isinstance(e, ConnectionRefusedError) for e in errors):
                return ConnectionRefusedByPeerError("connection refused: nothing listens on port "
                                         f"{kwargs.get('port', '?')}, or a firewall rejects",
                                         label)
            return UnreachableError(f"cannot connect: {exc}", label)
        if isinstance(exc, ConnectionRefusedError):
            return ConnectionRefusedByPeerError("connection refused", label)
        if isinstance(exc, (TimeoutError, socket.timeout)):
            return DeviceTimeoutError(f"no TCP connection within {kwargs.get('timeout')} s", label)
        if isinstance(exc, socket.gaierror):
            return UnreachableError(f"the name does not resolve: {exc}", label)
        if isinstance(exc, EOFError):
            return SessionDroppedError("the device closed the connection during SSH setup", label)
        if isinstance(exc, OSError):
            return UnreachableError(f"cannot connect: {exc}", label)
        return UnreachableError(f"cannot connect: {exc!r}", label)


class ReadOnlyMixin:
    """Placed before a netmiko driver class: every write passes the allow-list."""

    netriage_platform: str = ""
    netriage_client: paramiko.SSHClient | None = None
    armed_secret: str | None = None  # the enable password, only while answering its prompt

    def _build_ssh_client(self) -> paramiko.SSHClient:
        assert self.netriage_client is not None
        return self.netriage_client

    def write_channel(self, out_data: str) -> None:
        self.gate(out_data)
        super().write_channel(out_data)  # type: ignore[misc]

    def gate(self, out_data: str) -> None:
        if not out_data.strip("\r\n \x00"):
            return  # Enter, a space for a pager, a keepalive NUL
        text = out_data.replace("\r\n", "\n").replace("\r", "\n")
        if not text.endswith("\n") or text.count("\n") != 1:
            raise CommandRefusedError("refused to send several lines (or a partial line) at once; "
                                 "commands go one line at a time")
        line = text[:-1]
        if self.armed_secret is not None and line == self.armed_secret:
            return
        check(line, self.netriage_platform)

    # netmiko's helpers that would configure the device: refused outright, whatever they send.
    def _refuse(self, *_args: Any, **_kwargs: Any) -> str:
        raise CommandRefusedError("netriage is read-only: configuration mode is never entered")

    config_mode = send_config_set = send_config_from_file = save_config = commit = _refuse
    exit_config_mode = _refuse

    def normalize_linefeeds(self, a_string: str) -> str:
        # Line endings become \n, but a lone \r stays: it is a terminal overwrite (a pager
        # prompt being erased), which the session replays per line. netmiko would turn it
        # into a line break and leave the erased text behind as a line of its own.
        return re.sub(r"\r+\n|\n\r", "\n", a_string)

    def session_preparation(self) -> None:
        """Replaced by `live.session.ReadOnlySession.prepare` (allowed commands only)."""

    def cleanup(self, command: str = "") -> None:
        """No `exit` on disconnect: closing the channel ends the session just as well."""


@cache
def guarded_class(device_type: str) -> type:
    from netmiko.ssh_dispatcher import CLASS_MAPPER

    base = CLASS_MAPPER[device_type]
    return type(f"ReadOnly{base.__name__}", (ReadOnlyMixin, base), {})


def _proxy(target: Target) -> paramiko.ProxyCommand:
    try:
        return paramiko.ProxyCommand(target.proxy_command)
    except (OSError, ValueError) as exc:  # program missing or not executable, bad quoting
        raise UnreachableError(f"the ProxyCommand {target.proxy_command!r} cannot run: "
                               f"{getattr(exc, 'strerror', None) or exc}", target.label) from None


def open_connection(target: Target, credentials: Credentials, options: ConnectOptions) -> Any:
    """An authenticated netmiko connection with an interactive shell, nothing sent yet."""
    platform = get_platform(options.platform) if options.platform else None
    # Before detection any Cisco driver will do: ours reads prompts itself.
    device_type = platform.netmiko if platform else "cisco_ios"
    profile = legacy.custom_profile(legacy.get_profile(options.legacy),
                                    target.extra_algorithms)
    plan = legacy.plan(profile)
    checker = HostKeyChecker(
        known_hosts=options.known_hosts or target.known_hosts or default_known_hosts(),
        accept_new=options.accept_new, ask=options.ask_host_key, target=target.label)
    sock = _proxy(target) if target.proxy_command else None
    cls = guarded_class(device_type)
    conn = cls(
        host=target.hostname, port=target.port, username=credentials.username,
        password=credentials.password, secret=credentials.enable_password or "",
        device_type=device_type, use_keys=False, allow_agent=options.allow_agent,
        conn_timeout=target.connect_timeout or options.conn_timeout,
        banner_timeout=options.banner_timeout, auth_timeout=options.auth_timeout,
        keepalive=int(target.keepalive or options.keepalive), sock=sock,
        disabled_algorithms=plan.disabled_algorithms, auto_connect=False, fast_cli=True)
    # Set after construction: netmiko insists on one existing key file when use_keys is
    # given to it, while paramiko happily looks for ~/.ssh/id_* and takes a list.
    conn.use_keys = options.use_keys
    conn.key_file = target.identity_files or None
    conn.netriage_platform = platform.name if platform else ""
    conn.netriage_client = _Client(checker, plan, target.label)
    conn.netriage_client.gate = conn.gate
    conn.netriage_plan = plan
    try:
        conn.establish_connection()
    except NetriageError:
        raise
    except Exception as exc:  # invoke_shell and friends, after authentication
        conn.paramiko_cleanup()
        raise SessionDroppedError(f"the device closed the session before a shell opened: {exc}",
                             target.label) from None
    return conn
