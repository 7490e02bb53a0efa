"""`netriage lab CAPTURE --port N ...`: an SSH server that behaves like the captured device.

For training (connect with `ssh` or `netriage collect` and practise) and for tests. It serves
loopback only unless --host says otherwise. The password is a flag here on purpose: it is the
pretend device's password, chosen for the exercise, not a real credential.

`netriage lab --scenario ID` serves a training scenario (recordings/training/ID); a valid show
command it did not record gets a line saying so, not `% Invalid input`. `netriage lab --score
ID SESSION_LOG` then scores what the trainee collected: exit 0 when every command the
scenario's faults need was collected, 1 when some are missing, 2 for bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from netriage.errors import NetriageError

if TYPE_CHECKING:
    from netriage.capture import Capture


def register(sub: argparse._SubParsersAction) -> None:
    lab = sub.add_parser(
        "lab", help="run a simulated device (SSH server) from a capture, for training/tests",
        description="Serve CAPTURE as a simulated Cisco device over SSH: prompt, login, "
                    "enable, pager, recorded commands answered, anything else refused as "
                    "the device would. Stop with Ctrl-C.")
    lab.add_argument("capture", metavar="CAPTURE", nargs="?",
                     help="capture file or folder to serve (with --score: the session log)")
    lab.add_argument("--scenario", metavar="ID",
                     help="serve a training scenario instead of a capture")
    lab.add_argument("--score", metavar="ID",
                     help="score the session log CAPTURE against scenario ID: were the "
                          "commands its faults need collected?")
    lab.add_argument("--port", type=int, default=2222, metavar="N",
                     help="port to listen on (default 2222; 0 picks a free one)")
    lab.add_argument("--username", metavar="U", help="login to accept (required to serve)")
    lab.add_argument("--password", metavar="P", help="password to accept (required to serve)")
    lab.add_argument("--enable-password", metavar="P",
                     help="require enable with this password (default: start privileged)")
    lab.add_argument("--latency", type=float, default=0.0, metavar="MS",
                     help="milliseconds before each command's output")
    lab.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default 127.0.0.1, loopback only)")
    lab.add_argument("--device", default="", metavar="NAME",
                     help="which device of the capture to be (default: the first)")
    lab.add_argument("--hostname", default="", metavar="NAME", help="rename the device")
    lab.add_argument("--platform", default="", metavar="P", help="override detection")
    lab.add_argument("--host-key", type=Path, metavar="FILE",
                     help="host key file (default: one kept in netriage's state folder)")
    faults = lab.add_argument_group("fault knobs")
    faults.add_argument("--drop-after", type=int, metavar="N",
                        help="answer N commands, then drop the session mid-output")
    faults.add_argument("--stall-after", type=int, metavar="N",
                        help="answer N commands, then stop answering")
    faults.add_argument("--failover-after", type=int, metavar="N",
                        help="after N commands the unit changes role (prompt act <-> stby)")
    faults.add_argument("--slow-banner", type=float, default=0.0, metavar="S",
                        help="wait S seconds before the SSH banner")
    faults.add_argument("--new-host-key", action="store_true",
                        help="present a new host key (clients should refuse: key changed)")
    faults.add_argument("--legacy-only", action="store_true",
                        help="offer only SHA-1 SSH algorithms, like ASA 8.x")
    lab.set_defaults(func=run)


def _default_host_key() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir("netriage")) / "lab" / "host_key"


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    if args.score:
        return _score(args)  # reads logs only: no SSH library loaded
    import signal
    import time

    from netriage.cli.collect import quiet_ssh_logs
    from netriage.lab.device import LabConfig
    from netriage.lab.server import LabServer, load_host_key

    if bool(args.capture) == bool(args.scenario):
        raise NetriageError("give a CAPTURE to serve, or --scenario ID (not both)")
    if not args.username or not args.password:
        raise NetriageError("--username and --password are required to serve a device "
                            "(they are the pretend device's login, chosen for the exercise)")
    quiet_ssh_logs()
    if not 0 <= args.port < 65536:
        raise NetriageError(f"--port {args.port}: give a TCP port 1-65535 (0 picks a free one)")
    if args.latency < 0 or args.slow_banner < 0:
        raise NetriageError("--latency and --slow-banner cannot be negative")
    for flag in ("drop_after", "stall_after", "failover_after"):
        if (getattr(args, flag) or 0) < 0:
            raise NetriageError(f"--{flag.replace('_', '-')} cannot be negative")
    capture, recording = _served(args)
    config = LabConfig(
        username=args.username, password=args.password, enable_password=args.enable_password,
        latency=max(args.latency, 0.0) / 1000, drop_after=args.drop_after,
        stall_after=args.stall_after, failover_after=args.failover_after,
        slow_banner=args.slow_banner, new_host_key=args.new_host_key,
        legacy_only=args.legacy_only, hostname=args.hostname, device=args.device,
        recording=recording)
    key_file = args.host_key or _default_host_key()
    try:
        key = load_host_key(key_file)
    except Exception as exc:  # paramiko's SSHException for a damaged key, OSError
        raise NetriageError(f"{key_file}: not a usable host key ({exc})") from None
    try:
        server = LabServer(capture, config, host=args.host, port=args.port, host_key=key)
        server.start()
    except ValueError as exc:
        raise NetriageError(f"{args.capture or args.scenario}: {exc}") from None
    except (OSError, OverflowError) as exc:
        raise NetriageError(f"cannot listen on {args.host}:{args.port}: "
                            f"{getattr(exc, 'strerror', None) or exc}") from None
    device = server.capture.devices[0] if not args.device else next(
        d for d in server.capture.devices if d.hostname == args.device)
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        print(f"netriage lab: WARNING: listening on {args.host}, not loopback only",
              file=sys.stderr)
    print(f"netriage lab: {device.hostname} ({device.platform or 'unknown platform'}) on "
          f"{args.host}:{server.port}, host key {server.fingerprint}")
    print(f"  try: netriage collect {args.host} --port {server.port} --username "
          f"{args.username} --accept-new -o capture-dir")
    print("  stop with Ctrl-C", flush=True)
    # SIGTERM stops it as cleanly as Ctrl-C (a lab started in the background ignores SIGINT).
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        print(f"netriage lab: stopped after {server.sessions} session(s), "
              f"{len(server.received)} command(s) received")
    return 0


def _served(args: argparse.Namespace) -> tuple[Capture, str]:
    """The capture to serve (a scenario's when --scenario), and what to call it; sets
    args.device to the scenario's device when none was given."""
    from netriage.capture import load_paths

    served: list[str | Path] = [args.capture] if args.capture else []
    recording = "capture"
    if args.scenario:
        from netriage.training import find_scenario

        scenario = find_scenario(args.scenario)
        served, recording = list(scenario.capture_paths), "scenario"
        args.device = args.device or scenario.device
        args.platform = args.platform or scenario.platform
        print(f"netriage lab: scenario {scenario.id} ({scenario.level}): {scenario.title}")
        print(f"  {scenario.story}")
    capture = load_paths(served, platform=args.platform or "")
    if args.device and args.device not in {d.hostname for d in capture.devices}:
        names = ", ".join(d.hostname for d in capture.devices)
        raise NetriageError(f"no device {args.device!r} to serve (there are: {names})")
    return capture, recording


def _score(args: argparse.Namespace) -> int:
    from netriage.cli.common import EXIT_FINDINGS, EXIT_OK
    from netriage.training import find_scenario
    from netriage.training.handson import render, score

    if not args.capture:
        raise NetriageError("--score ID needs the session log to score: netriage lab --score "
                            "ID SESSION_LOG")
    result = score(find_scenario(args.score), [args.capture])
    print("\n".join(render(result)))
    return EXIT_OK if result.complete else EXIT_FINDINGS
