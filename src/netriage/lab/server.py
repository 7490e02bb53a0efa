"""The simulated device's SSH server (paramiko's server mode), loopback by default.

One daemon thread accepts; each connection gets a daemon thread that runs the SSH transport
and a shell bound to a fresh `SimulatedDevice`. Every line typed in any session is recorded
in `received`, and every byte in `received_bytes` (passwords excepted), which is how the
tests prove a refused command never reached the device. `stop()` closes the listener and
every transport and joins the threads.
"""

from __future__ import annotations

import contextlib
import hmac
import select
import socket
import threading
import time
from pathlib import Path
from typing import Any

import paramiko

from netriage.capture.model import Capture
from netriage.lab.device import LabConfig, Reply, SimulatedDevice

SERVER_VERSION = "SSH-2.0-Cisco-1.25"  # what ASA and IOS announce


class _Interface(paramiko.ServerInterface):
    def __init__(self, config: LabConfig, authorized: list[paramiko.PKey]) -> None:
        self.config = config
        self.authorized = authorized
        self.shell = threading.Event()

    def check_channel_request(self, kind: str, chanid: int) -> int:
        if kind == "session":
            return paramiko.OPEN_SUCCEEDED
        return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    def get_allowed_auths(self, username: str) -> str:
        return "password,publickey" if self.authorized else "password"

    def check_auth_password(self, username: str, password: str) -> int:
        ok = hmac.compare_digest(username.encode(), self.config.username.encode()) and \
            hmac.compare_digest(password.encode(), self.config.password.encode())
        return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

    def check_auth_publickey(self, username: str, key: paramiko.PKey) -> int:
        if username == self.config.username and any(key == k for k in self.authorized):
            return paramiko.AUTH_SUCCESSFUL
        return paramiko.AUTH_FAILED

    def check_channel_pty_request(self, *_args: Any) -> bool:
        return True

    def check_channel_window_change_request(self, *_args: Any) -> bool:
        return True

    def check_channel_shell_request(self, channel: paramiko.Channel) -> bool:
        self.shell.set()
        return True


class LabServer:
    def __init__(self, capture: Capture, config: LabConfig, *, host: str = "127.0.0.1",
                 port: int = 0, host_key: paramiko.PKey | None = None,
                 authorized_keys: list[paramiko.PKey] | None = None) -> None:
        SimulatedDevice(capture, config)  # fail now, not in a connection thread
        self.capture = capture
        self.config = config
        self.host = host
        self.port = port
        self.host_key = paramiko.ECDSAKey.generate() if (
            host_key is None or config.new_host_key) else host_key
        self.authorized = authorized_keys or []
        self.received: list[str] = []
        # Every byte typed in any session as it arrived (password answers excepted): the
        # lines above are what the device understood, these are what reached it.
        self.received_bytes = bytearray()
        self.sessions = 0
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._transports: list[paramiko.Transport] = []
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    # -- lifecycle ----------------------------------------------------------------------
    def start(self) -> LabServer:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(32)
        listener.settimeout(0.2)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._spawn(self._accept_loop, "lab accept")
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            transports, sockets = list(self._transports), list(self._sockets)
        for transport in transports:
            transport.close()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.close()
        for thread in list(self._threads):
            thread.join(timeout=5)

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def fingerprint(self) -> str:
        return self.host_key.fingerprint

    def _spawn(self, target: Any, name: str, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stop.is_set():
            try:
                client, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # listener closed by stop()
            # A shell writes small pieces (echo, output, prompt): without NODELAY, Nagle and
            # the client's delayed ACK add 40 ms to many commands.
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._sockets.append(client)
                self.sessions += 1
            self._spawn(self._serve, "lab session", client)

    # -- one connection -----------------------------------------------------------------
    def _serve(self, client: socket.socket) -> None:
        try:
            if self.config.legacy_only:
                from netriage.lab.legacy import serve_legacy_kex

                serve_legacy_kex(client, self._stop)
                return
            if self.config.slow_banner and self._stop.wait(self.config.slow_banner):
                return
            self._serve_ssh(client)
        except (OSError, EOFError, paramiko.SSHException):
            pass  # the client went away: nothing to serve
        finally:
            client.close()

    def _serve_ssh(self, client: socket.socket) -> None:
        transport = paramiko.Transport(client)
        with self._lock:
            self._transports.append(transport)
        transport.local_version = SERVER_VERSION
        transport.add_server_key(self.host_key)
        interface = _Interface(self.config, self.authorized)
        try:
            transport.start_server(server=interface)
            channel = None
            deadline = time.monotonic() + 30
            # Short waits: a client that failed to log in must not hold stop() for 30 s.
            while channel is None and transport.is_active() and not self._stop.is_set() \
                    and time.monotonic() < deadline:
                channel = transport.accept(timeout=0.1)
            if channel is None or not interface.shell.wait(10):
                return
            _Shell(channel, SimulatedDevice(self.capture, self.config), self).run()
        finally:
            transport.close()

    def record_bytes(self, raw: bytes) -> None:
        with self._lock:
            self.received_bytes += raw

    def record(self, line: str, raw: bytes = b"") -> None:
        with self._lock:
            self.received.append(line)
            self.received_bytes += raw


class _Shell:
    """Bytes in, lines out: echo, line editing, the pager, latency and the fault kinds."""

    def __init__(self, channel: paramiko.Channel, device: SimulatedDevice,
                 server: LabServer) -> None:
        self.channel = channel
        self.device = device
        self.server = server
        self.pending = b""
        self.echo: list[str] = []
        self.raw = bytearray()  # the bytes of the line being read, as they came

    def flush_echo(self) -> None:
        if self.echo:
            self.send("".join(self.echo))
            self.echo = []

    def send(self, text: str) -> None:
        self.channel.sendall(text.replace("\r\n", "\n").replace("\n", "\r\n").encode())

    def _recv(self) -> bytes:
        while not self.server._stop.is_set():
            if self.channel.recv_ready() or self.channel.closed or self.channel.eof_received:
                return self.channel.recv(4096)
            # paramiko channels are selectable; the timeout only bounds how late stop() is seen
            select.select([self.channel], [], [], 0.2)
        return b""

    def read_key(self) -> str | None:
        while not self.pending:
            self.flush_echo()  # before waiting: what was typed so far is shown at once
            data = self._recv()
            if not data:
                return None
            self.pending += data
        key, self.pending = self.pending[:1], self.pending[1:]
        self.raw += key
        return key.decode("latin-1")

    def read_line(self, echo: bool) -> str | None:
        self.raw = bytearray()
        line = ""
        while True:
            key = self.read_key()
            if key is None:
                return None
            if key in "\r\n":
                if key == "\r" and self.pending[:1] == b"\n":
                    self.pending = self.pending[1:]
                self.echo.append("\n")
                self.flush_echo()
                return line
            if key in "\x7f\x08":
                if line:
                    line = line[:-1]
                    if echo:
                        self.echo.append("\b \b")
            elif key == "\x03":
                self.echo.append("^C\n")
                self.flush_echo()
                return ""
            elif key >= " ":  # other control keys are ignored here but kept in self.raw
                line += key
                if echo:
                    self.echo.append(key)

    def run(self) -> None:
        device = self.device
        self.send(device.banner() + device.prompt())
        password_mode = False
        while not self.server._stop.is_set():
            line = self.read_line(echo=not password_mode)
            if line is None:
                return
            if password_mode:
                reply = device.password(line)
            else:
                # Recorded as UTF-8 (what a lookalike `｜` or U+2028 arrives as), not latin-1.
                text = bytes(self.raw).rstrip(b"\r\n").decode("utf-8", "backslashreplace")
                self.server.record(text, bytes(self.raw))
                reply = device.handle(line)
            password_mode = reply.kind == "password"
            if not self._deliver(reply):
                return
            if not password_mode:
                self.send(device.prompt())

    def _deliver(self, reply: Reply) -> bool:
        """Send a reply; False ends the session."""
        latency = self.device.config.latency
        if reply.slow and latency and self.server._stop.wait(latency):
            return False
        if reply.kind == "stall":
            self.server._stop.wait()  # echoed, never answered, until the lab stops
            return False
        if reply.kind == "drop":
            self.send(reply.text)
            time.sleep(0.05)  # let the half output leave before the connection dies
            self.channel.get_transport().close()
            return False
        if reply.paged and self.device.pager:
            return self._paged(reply.text)
        self.send(reply.text)
        return reply.kind != "close"

    def _paged(self, text: str) -> bool:
        lines = text.split("\n")
        page = max(self.device.config.page_lines - 1, 1)
        more = "<--- More --->" if self.device.asa_style else " --More-- "
        start = 0
        while start < len(lines):
            chunk = lines[start:start + page]
            start += page
            self.send("\n".join(chunk) + ("\n" if start < len(lines) else ""))
            if start >= len(lines):
                break
            self.send(more)
            self.raw = bytearray()
            key = self.read_key()
            self.server.record_bytes(bytes(self.raw))  # a pager key: not a command line
            self.send("\r" + " " * len(more) + "\r")
            if key is None:
                return False
            if key in "qQ":
                break
            # Enter shows one more line, any other key a page, as on the device.
            page = 1 if key in "\r\n" else max(self.device.config.page_lines - 1, 1)
        return True


def load_host_key(path: Path) -> paramiko.PKey:
    """The lab's persistent host key (created on first use), so known_hosts stays valid."""
    if path.is_file():
        return paramiko.ECDSAKey.from_private_key_file(str(path))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = paramiko.ECDSAKey.generate()
    key.write_private_key_file(str(path))
    path.chmod(0o600)
    return key
