"""`netriage collect HOST -o DIR`: a read-only capture of live devices, for `analyze DIR`.

Passwords come from NETRIAGE_PASSWORD / NETRIAGE_ENABLE_PASSWORD or a prompt, never from a
flag (a flag shows in `ps` and shell history). Exit codes: see `netriage.live.errors`.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from netriage.errors import NetriageError

PASSWORD_ENV, ENABLE_ENV = "NETRIAGE_PASSWORD", "NETRIAGE_ENABLE_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    collect = sub.add_parser(
        "collect", help="collect show commands from live devices over SSH (read-only)",
        description="Collect the standard show commands from a device (or an inventory) "
                    "over SSH into DIR, a capture that `netriage analyze DIR` reads. Only "
                    "allow-listed read-only commands are ever sent.",
        epilog=f"Passwords: {PASSWORD_ENV} and {ENABLE_ENV}, or you are asked. Exit codes: "
               "0 ok, 2 bad input, 10 authentication, 11 refused, 12 timeout, 13 host key "
               "changed, 14 host key unknown, 15 no common algorithm, 16 session dropped, "
               "17 enable refused, 18 command refused, 19 unreachable, 20 some devices "
               "failed.")
    collect.add_argument("host", nargs="?", metavar="HOST",
                         help="device name or address (looked up in ~/.ssh/config)")
    collect.add_argument("--port", type=int, metavar="N", help="SSH port (default 22)")
    collect.add_argument("--username", "-u", metavar="U",
                         help="login user (default: the ssh config's User)")
    collect.add_argument("--platform", metavar="P", default="",
                         help="cisco_asa, cisco_ftd, cisco_ios, cisco_xe (default: detect "
                              "from show version)")
    collect.add_argument("--inventory", metavar="FILE", type=Path,
                         help="YAML list, netmiko or nornir hosts file of devices")
    collect.add_argument("--output", "-o", metavar="DIR", type=Path, required=True,
                         help="folder for the capture (one .log per device)")
    collect.add_argument("--known-hosts", metavar="FILE", type=Path,
                         help="known_hosts file (default: ~/.ssh/known_hosts)")
    collect.add_argument("--accept-new", action="store_true",
                         help="trust and record unknown host keys (changed keys are still "
                              "refused)")
    collect.add_argument("--area", action="append", metavar="AREA",
                         help="only these areas: system, failover, interfaces, vpn, routing, "
                              "config (repeatable; default all but config)")
    collect.add_argument("--command", action="append", default=[], metavar="CMD",
                         help="an extra show command (must pass the read-only allow-list)")
    collect.add_argument("--context", action="append", default=[], metavar="NAME",
                         help="ASA multi-context: collect this context too ('all' for every "
                              "one)")
    collect.add_argument("--no-mate", action="store_true",
                         help="do not collect the failover mate via failover exec mate")
    collect.add_argument("--legacy", metavar="PROFILE", default="modern",
                         help="SSH algorithm profile for old devices: modern, cbc, sha1")
    collect.add_argument("--ssh-config", metavar="FILE", type=Path,
                         help="OpenSSH config (default: ~/.ssh/config)")
    collect.add_argument("--concurrency", type=int, default=8, metavar="N",
                         help="devices collected at once from an inventory (default 8)")
    collect.add_argument("--timeout", type=float, default=60.0, metavar="S",
                         help="give up when a device sends nothing for S seconds (default 60)")
    collect.add_argument("--connect-timeout", type=float, default=10.0, metavar="S",
                         help="TCP connect and SSH banner timeout (default 10)")
    collect.set_defaults(func=run)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _password(username: str) -> str | None:
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    if not _interactive():
        return None  # keys and agent only
    import getpass

    return getpass.getpass(f"Password for {username or 'the devices'} (Enter for keys/agent "
                           "only): ") or None


def _once(ask: Callable[[], str | None]) -> Callable[[], str | None]:
    """Ask one question for all devices, one thread at a time, and remember the answer."""
    lock, answer = threading.Lock(), []

    def wrapped() -> str | None:
        with lock:
            if not answer:
                answer.append(ask())
            return answer[0]

    return wrapped


def _ask_host_key() -> Callable[[str, str, str], bool]:
    lock = threading.Lock()

    def ask(name: str, key_type: str, fingerprint: str) -> bool:
        with lock:
            print(f"The authenticity of host {name} can't be established.\n"
                  f"{key_type} key fingerprint is {fingerprint}.", file=sys.stderr)
            reply = input("Trust it and add it to known_hosts (yes/no)? ")
            return reply.strip().lower() in ("y", "yes")

    return ask


class _Progress:
    def __init__(self) -> None:
        self.live = sys.stderr.isatty()

    def __call__(self, event: Any) -> None:
        if event.stage == "command" and self.live:
            where = f"{event.index}/{event.total} " if event.total else ""
            sys.stderr.write(f"\r\x1b[K{event.device}: {where}{event.command}")
            sys.stderr.flush()
        elif event.stage == "connecting" and self.live:
            sys.stderr.write(f"\r\x1b[K{event.device}: connecting")
            sys.stderr.flush()
        elif event.stage in ("done", "failed") and self.live:
            sys.stderr.write("\r\x1b[K")


def quiet_ssh_logs() -> None:
    """paramiko logs negotiation failures with tracebacks; our error already says it all.

    Without a handler Python's last-resort one would print them on the user's terminal.
    """
    import logging

    for name in ("paramiko", "netmiko"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def run(args: argparse.Namespace) -> int:
    from netriage.live.batch import collect_many
    from netriage.live.client import ConnectOptions, Credentials
    from netriage.live.collect import CollectOptions, DeviceSpec
    from netriage.live.errors import SomeDevicesFailedError
    from netriage.live.inventory import load_inventory
    from netriage.live.validate import check_run

    quiet_ssh_logs()
    _check_args(args)
    if args.output.exists() and not args.output.is_dir():
        raise NetriageError(f"{args.output}: exists and is not a folder")
    platform = args.platform
    if platform:
        from netriage.platforms import get_platform

        platform = get_platform(platform).name
    specs: list[DeviceSpec] = []
    if args.inventory:
        inventory = load_inventory(args.inventory)
        for warning in inventory.warnings:
            print(f"netriage: {warning}", file=sys.stderr)
        specs = inventory.devices
    if args.host:
        specs.append(DeviceSpec(args.host, port=args.port, platform=platform))
    if not specs:
        raise NetriageError("collect needs a HOST or --inventory FILE")
    contexts = tuple(args.context)
    for spec in specs:
        spec.contexts = spec.contexts or contexts
        spec.mate = spec.mate and not args.no_mate
    # Every host, context, area and command of the run, before a password is asked or any
    # device contacted (collect_many checks again for callers other than this command).
    check_run(specs, args.command, args.area)
    try:  # before any password prompt or connection: a run with nowhere to write is no run
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NetriageError(f"{args.output}: cannot create the folder "
                            f"({exc.strerror or exc})") from None
    interactive = _interactive()
    credentials = Credentials(args.username or "", _password(args.username or ""),
                              os.environ.get(ENABLE_ENV))
    ask_enable = None
    if credentials.enable_password is None and interactive:
        import getpass

        ask_enable = _once(lambda: getpass.getpass("Enable password: "))
    options = ConnectOptions(
        platform=platform, known_hosts=args.known_hosts, accept_new=args.accept_new,
        ask_host_key=_ask_host_key() if interactive and not args.accept_new else None,
        legacy=args.legacy, conn_timeout=args.connect_timeout,
        banner_timeout=args.connect_timeout, read_timeout=args.timeout)
    collect = CollectOptions(areas=tuple(args.area) if args.area else None,
                             extra_commands=tuple(args.command), ssh_config=args.ssh_config)
    results = collect_many(specs, credentials, options, collect, args.output,
                           concurrency=args.concurrency, progress=_Progress(),
                           ask_enable=ask_enable)
    for result in results:
        _report(result, show_error=len(results) > 1)  # a single error is raised below
    failed = [r for r in results if not r.ok]
    if any(r.files for r in results):
        print(f"analyse with: netriage analyze {args.output}")
    if len(results) == 1 and failed:
        raise failed[0].error  # type: ignore[misc]
    if failed:
        raise SomeDevicesFailedError(f"{len(failed)} of {len(results)} devices failed: "
                                + ", ".join(r.spec.name for r in failed))
    return 0


def _check_args(args: argparse.Namespace) -> None:
    """Numbers and names that argparse lets through, refused before anything starts."""
    from netriage.live.legacy import get_profile
    from netriage.live.validate import check_context, check_port, check_username

    check_port(args.port, "--port")
    if not 1 <= args.concurrency <= 256:
        raise NetriageError(f"--concurrency {args.concurrency}: give 1 to 256 devices at once")
    for flag, value in (("--timeout", args.timeout), ("--connect-timeout", args.connect_timeout)):
        if not 0 < value < 86400:  # NaN fails this too
            raise NetriageError(f"{flag} {value:g}: give a number of seconds above 0")
    for context in args.context:
        check_context(context, "--context")
    check_username(args.username or "", "--username")
    if args.ssh_config is not None and not args.ssh_config.is_file():
        raise NetriageError(f"{args.ssh_config}: not an ssh config file (missing, or a folder)")
    get_profile(args.legacy)


def _report(result: Any, show_error: bool) -> None:
    name = result.spec.name
    files = ", ".join(str(f) for f in result.files) or "nothing written"
    count = len(result.collected)
    status = "ok" if result.ok else f"FAILED (exit {result.error.exit_code})"
    print(f"{name}: {status}: {count} outputs in {result.seconds:.1f} s -> {files}")
    if result.rejected:
        print(f"  not accepted by the device (left out): {', '.join(result.rejected)}")
    if result.truncated:
        print(f"  cut short (partial output kept): {', '.join(result.truncated)}")
    for note in result.notes:
        print(f"  {note}")
    if show_error and result.error is not None:
        print(f"  {result.error}")
