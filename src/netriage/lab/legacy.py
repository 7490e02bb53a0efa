"""A device that only speaks SHA-1-era SSH, for the `--legacy-only` fault.

paramiko's server cannot offer algorithms it no longer implements, so this speaks just
enough SSH by hand: the version banner and a KEXINIT listing what an ASA 8.x offers
(diffie-hellman-group1-sha1, ssh-rsa, aes-cbc, hmac-sha1). A modern client finds nothing in
common and hangs up, which is exactly the failure netriage must explain.
"""

from __future__ import annotations

import os
import socket
import struct
import threading

from netriage.lab.server import SERVER_VERSION

OFFER = {
    "kex": ["diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1"],
    "host key": ["ssh-rsa"],
    "cipher": ["aes128-cbc", "aes256-cbc", "3des-cbc"],
    "mac": ["hmac-sha1", "hmac-md5"],
}
_KEXINIT = 20


def _name_list(names: list[str]) -> bytes:
    data = ",".join(names).encode()
    return struct.pack(">I", len(data)) + data


def kexinit_packet() -> bytes:
    payload = bytes([_KEXINIT]) + os.urandom(16)
    for names in (OFFER["kex"], OFFER["host key"], OFFER["cipher"], OFFER["cipher"],
                  OFFER["mac"], OFFER["mac"], ["none"], ["none"], [], []):
        payload += _name_list(names)
    payload += b"\x00" + struct.pack(">I", 0)  # first_kex_packet_follows, reserved
    padding = 8 - (len(payload) + 5) % 8
    padding += 8 if padding < 4 else 0
    return struct.pack(">IB", len(payload) + padding + 1, padding) + payload + bytes(padding)


def serve_legacy_kex(client: socket.socket, stop: threading.Event) -> None:
    client.settimeout(0.2)
    client.sendall(SERVER_VERSION.encode() + b"\r\n")
    received = b""
    while not stop.is_set() and b"\n" not in received:  # the client's version line
        try:
            chunk = client.recv(1024)
        except TimeoutError:
            continue
        if not chunk:
            return
        received += chunk
    client.sendall(kexinit_packet())
    for _ in range(50):  # wait (≤10 s) for the client to give up and close
        if stop.is_set():
            return
        try:
            if not client.recv(4096):
                return
        except TimeoutError:
            continue
