"""`netriage save PATH... -o FILE`: load captures in any format, write one netriage capture.

The file is human-readable (a YAML header, then the outputs as the terminal showed them) and
redacted by default: keys, passwords and SNMP communities become stable tokens, listed in
the header's manifest. `--no-redact` keeps them, with a warning.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netriage.cli.common import EXIT_OK

NO_REDACT_WARNING = ("netriage: warning: --no-redact: secrets (keys, passwords, SNMP "
                     "communities) are saved in clear text; do not share this file")


def register(sub: argparse._SubParsersAction) -> None:
    save = sub.add_parser("save", help="load captures (any format) and save one netriage "
                                       "capture file, secrets masked")
    save.add_argument("paths", nargs="+", metavar="PATH", help="capture file or folder")
    save.add_argument("--output", "-o", metavar="FILE", required=True,
                      help="the netriage capture file to write")
    save.add_argument("--no-redact", action="store_true",
                      help="keep secrets (keys, passwords, SNMP communities) in the file")
    save.add_argument("--platform", metavar="P",
                      help="override detection: cisco_asa, cisco_ftd, cisco_ios, cisco_xe")
    save.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netriage.capture import load_paths, saved
    from netriage.errors import NetriageError

    capture = load_paths(args.paths, platform=args.platform or "")
    if args.no_redact:
        print(NO_REDACT_WARNING, file=sys.stderr)
    out = Path(args.output)
    try:
        capture = saved.save(capture, out, redact=not args.no_redact, in_place=True)
    except OSError as exc:
        raise NetriageError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    devices = ", ".join(d.hostname for d in capture.devices)
    secrets = len({row["token"] for row in capture.redactions})
    print(f"saved {capture.entry_count} output(s) of {len(capture.devices)} device(s) "
          f"({devices}) to {out}; {secrets} secret(s) masked")
    for note in capture.skipped:
        print(f"  skipped: {note}")
    return EXIT_OK
