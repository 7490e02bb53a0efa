"""`netriage analyze PATH...`: headless analysis with a report and a meaningful exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netriage.cli.common import EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, parse_answers
from netriage.errors import NetriageError

_ALARM = ("medium", "high", "critical")
NO_REDACT_WARNING = ("netriage: warning: --no-redact: secrets (keys, passwords, SNMP "
                     "communities) are written in clear text; do not share this output")


def register(sub: argparse._SubParsersAction) -> None:
    analyze = sub.add_parser("analyze", help="analyse captures and print findings (headless)")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="capture file or folder")
    analyze.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    analyze.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    analyze.add_argument("--platform", metavar="P",
                         help="override detection: cisco_asa, cisco_ftd, cisco_ios, cisco_xe")
    analyze.add_argument("--answer", action="append", default=[], metavar="TREE.NODE=ANSWER",
                         help="answer a question no output can tell, e.g. "
                              "failover.meant-to-be-a-pair=yes")
    analyze.add_argument("--no-redact", action="store_true",
                         help="keep secrets (keys, passwords, SNMP communities) in the report")
    analyze.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netriage.analysis import analyze_paths
    from netriage.report import render_report

    if args.output:
        _check_output(Path(args.output))  # before the analysis, not after it
    analysis = analyze_paths(args.paths, platform=args.platform or "",
                             answers=parse_answers(args.answer))
    if not any(d.device.platform for d in analysis.devices):
        raise NetriageError(f"{', '.join(args.paths)}: nothing I can analyse: no device "
                            "platform recognised (try --platform cisco_asa or cisco_ios)")
    if args.no_redact:
        print(NO_REDACT_WARNING, file=sys.stderr)
    text = render_report(analysis, args.format, redact=not args.no_redact)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise NetriageError(f"{args.output}: cannot write the report "
                                f"({exc.strerror or exc})") from None
    else:
        sys.stdout.write(text)
    # a pair verdict holds the findings it folded: it counts like them
    if any(f.severity in _ALARM for f in [*analysis.findings, *analysis.pairs]):
        return EXIT_FINDINGS
    for what in analysis.capture.cut:
        print(f"netriage: incomplete: {what}", file=sys.stderr)
    return EXIT_INCOMPLETE if analysis.capture.cut else EXIT_OK


def _check_output(path: Path) -> None:
    if path.is_dir():
        raise NetriageError(f"{path}: is a folder; give a file name for the report")
    if not path.parent.is_dir():
        raise NetriageError(f"{path}: the folder {path.parent} does not exist")
