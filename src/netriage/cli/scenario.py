"""`netriage scenario inject CLEAN --fault ID -o OUT`: make a training capture from a healthy one.

The fault is planted consistently in every output that shows it (see
`netriage.training.inject`), the result is analysed beside the clean capture (the fault must be
found, nothing else above `low` may appear), and the capture is saved in netriage's own format,
redacted. `--scenario DIR` also writes a scenario folder (scenario.yaml in the format of
recordings/training/README.md). Exit codes: 0 written, 2 the fault cannot be injected into this
capture (one sentence naming what is missing) or the input cannot be used.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from netriage.cli.common import EXIT_OK
from netriage.errors import NetriageError

if TYPE_CHECKING:
    from netriage.training.inject import Injected


def register(sub: argparse._SubParsersAction) -> None:
    scenario = sub.add_parser("scenario", help="make training scenarios: inject a fault "
                                               "into a healthy capture")
    actions = scenario.add_subparsers(dest="action", required=True, metavar="ACTION")
    inject = actions.add_parser(
        "inject", help="write a copy of a healthy capture with one fault planted",
        description="Plant one catalog fault in a healthy capture, in every output the fault "
                    "changes, check it with the analysis, and save the result (redacted).")
    inject.add_argument("paths", nargs="+", metavar="CLEAN_CAPTURE",
                        help="healthy capture file(s) or folder")
    inject.add_argument("--fault", required=True, metavar="ID",
                        help="catalog id to plant (`netriage scenario faults` lists them)")
    inject.add_argument("--output", "-o", metavar="OUT",
                        help="the netriage capture file to write (required without --scenario)")
    inject.add_argument("--interface", default="", metavar="NAME",
                        help="the interface (nameif) to plant an interface fault on "
                             "(default: the standby unit's last monitored data interface)")
    inject.add_argument("--scenario", metavar="DIR", type=Path,
                        help="also write a training scenario folder DIR (its name is the id)")
    inject.add_argument("--level", default="intermediate",
                        choices=("beginner", "intermediate", "advanced"),
                        help="the scenario's level (with --scenario)")
    inject.add_argument("--platform", default="", metavar="P", help="override detection")
    inject.set_defaults(func=run_inject)
    faults = actions.add_parser("faults", help="list the fault ids injection knows")
    faults.set_defaults(func=run_faults)


def run_faults(_args: argparse.Namespace) -> int:
    from netriage.training.inject import FAULTS

    for fault in sorted(FAULTS.values(), key=lambda f: f.id):
        print(f"{fault.id:32} {','.join(fault.platforms):18} {fault.summary}")
    return EXIT_OK


def run_inject(args: argparse.Namespace) -> int:
    from netriage.capture import load_paths
    from netriage.training.inject import InjectError, inject, injectable, save_injected

    if not args.output and not args.scenario:
        raise NetriageError("give -o OUT (the capture to write) or --scenario DIR")
    folder: Path | None = args.scenario
    if folder is not None:
        _check_folder(folder)
    if args.fault not in injectable():
        raise InjectError(f"{args.fault!r} cannot be injected; injectable faults: "
                          f"{', '.join(injectable())}")
    clean = load_paths(args.paths, platform=args.platform)
    try:
        result = inject(clean, args.fault, interface=args.interface)
    except InjectError as exc:
        raise InjectError(f"{', '.join(args.paths)}: cannot inject {args.fault}: {exc}") from None
    written: list[Path] = []
    if args.output:
        save_injected(result, Path(args.output))
        written.append(Path(args.output))
    if folder is not None:
        written.append(_write_scenario(result, folder, args.level, args.paths))
    print(f"{args.fault} injected into {', '.join(map(str, args.paths))}: "
          f"{len(result.changes)} output(s) changed")
    for change in result.changes:
        print(f"  {change.device}: {change.command}: {change.what}")
    for note in result.notes:
        print(f"  note: {note}")
    already = "" if result.top == args.fault else " (the clean capture already had it)"
    print(f"  analysis of the result: top finding {result.top}{already}; nothing new above "
          f"low but {args.fault}")
    for path in written:
        print(f"  written: {path}")
    return EXIT_OK


def _check_folder(folder: Path) -> None:
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", folder.name):
        raise NetriageError(f"--scenario {folder}: the folder name is the scenario id: "
                            "lower-case words joined by '-'")
    if (folder / "scenario.yaml").exists():
        raise NetriageError(f"--scenario {folder}: a scenario.yaml is already there; "
                            "choose a new folder")


_AREA = {"failover": "the failover pair", "crypto": "the VPN tunnels",
         "iface": "the interfaces"}


def _write_scenario(result: Injected, folder: Path, level: str, sources: list[str]) -> Path:
    import yaml

    from netriage.training import load_scenario
    from netriage.training.inject import save_injected

    folder.mkdir(parents=True, exist_ok=True)
    capture_name = f"{folder.name}.ncap"
    save_injected(result, folder / capture_name)
    hosts = ", ".join(d.hostname for d in result.capture.devices)
    area = _AREA.get(result.fault.split(".")[0], "the device")
    devices = [device for device, fid, _s in result.findings
               if fid == result.fault and " + " not in device]
    data = {
        "id": folder.name,
        "title": f"Something is wrong with {area} of {hosts}",
        "level": level,
        "goals": [f"Find what is wrong with {area} from the outputs alone, as the checks do",
                  "Name the outputs that prove it, and the unit or tunnel to fix"],
        # the story never names the fault: that is the answer key's job
        "story": f"A colleague collected these outputs from {hosts} and says {area} "
                 "is not right. Walk the checks and find out why.",
        "faults": [result.fault],
        "captures": [capture_name],
        **({"device": devices[0]} if devices else {}),
    }
    path = folder / "scenario.yaml"
    header = (f"# made by `netriage scenario inject {' '.join(sources)} --fault "
              f"{result.fault}`\n")
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                            width=100), encoding="utf-8")
    load_scenario(folder)  # the same checks every scenario passes (answer key, fields)
    return path
