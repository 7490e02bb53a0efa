"""`netriage analyze PATH...` (or `analyse`): headless analysis with a report and a meaningful
exit code. Files named together are one capture; a folder is a batch, each capture in it
analysed on its own (`cli.analyze_batch`) unless `--merge` makes everything one capture."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from netriage import regexcache
from netriage.cli.common import (
    EXIT_FINDINGS,
    EXIT_INCOMPLETE,
    EXIT_OK,
    check_writable,
    parse_answers,
)
from netriage.errors import NetriageError

_ALARM = ("medium", "high", "critical")
NO_REDACT_WARNING = ("netriage: warning: --no-redact: secrets (keys, passwords, SNMP "
                     "communities) are written in clear text; do not share this output")


EPILOG = """\
files named together are one capture (e.g. the two units of a pair); a folder is a batch:
each capture in it is analysed on its own, one report each (per-command files of one folder
are one capture; the two ends of a failover pair or IPsec tunnel found in one folder are
analysed together). --batch makes each file named a capture of its own too, and
--batch --output OUTDIR writes one report per capture and an index (in --format) into
OUTDIR; --jobs N analyses in N processes. --merge analyses everything given as one capture.

  netriage analyze captures/ --batch --output reports/ --format html --jobs 2

exit codes:
  0  no finding is medium or worse (in any capture of a batch)
  1  at least one finding is medium or worse
  2  bad input, one sentence on stderr: the capture cannot be used (empty, binary, not a
     capture, nothing recognisable; in a batch, when no file can), --output unusable (a
     file where a folder is needed or the reverse, no parent folder, not writable), or an
     --answer that answers no question (an unknown TREE.NODE, a node that is not a
     question, or an answer not among its choices: the valid ones are named)
  3  no finding medium or worse, but part of the capture was cut at a size bound"""


def register(sub: argparse._SubParsersAction) -> None:
    analyze = sub.add_parser("analyze", aliases=["analyse"], epilog=EPILOG,
                             formatter_class=argparse.RawDescriptionHelpFormatter,
                             help="analyse captures and print findings (headless)",
                             description="Analyse captures and report findings, what would "
                                         "decide more, and questions to answer.")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="capture file or folder")
    analyze.add_argument("--format", choices=["text", "markdown", "html", "json"],
                         default="text", help="report format (html: one self-contained file)")
    analyze.add_argument("--output", "-o", metavar="FILE|DIR",
                         help="write the report to FILE; with --batch, the folder DIR for "
                              "one report per capture and the index (created if missing)")
    analyze.add_argument("--batch", action="store_true",
                         help="each capture its own report: every file named, and every "
                              "capture of a folder (a folder is a batch without it too)")
    analyze.add_argument("--output-dir", metavar="DIR",
                         help="the same as --batch --output DIR")
    analyze.add_argument("--jobs", "-j", type=_jobs, metavar="N",
                         help="batch: analyse in N processes (default: the CPU count, "
                              f"{os.cpu_count() or 1} here; 1: in this process)")
    analyze.add_argument("--merge", action="store_true",
                         help="analyse every path given as one capture (no batch)")
    analyze.add_argument("--platform", metavar="P",
                         help="override detection: cisco_asa, cisco_ftd, cisco_ios, cisco_xe")
    analyze.add_argument("--answer", action="append", default=[], metavar="TREE.NODE=ANSWER",
                         help="answer a question no output can tell, e.g. "
                              "failover.meant-to-be-a-pair=yes (the report prints each open "
                              "question in this form, with its answers; a node or answer "
                              "that does not exist is exit 2)")
    analyze.add_argument("--no-redact", action="store_true",
                         help="keep secrets (keys, passwords, SNMP communities) in the report")
    analyze.set_defaults(func=run)


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (1 or more)")
    return int(value)


def run(args: argparse.Namespace) -> int:
    answers = parse_answers(args.answer)  # a bad answer stops before any analysis
    if args.output and args.output_dir:
        raise NetriageError("--output and --output-dir both say where to write; give one "
                            "(--batch --output DIR is --output-dir DIR)")
    # the output is checked (and a batch's folder made) before the analysis, not after it
    folder = args.output_dir or (args.output if args.batch else None)
    if folder is None:
        if args.output:
            _check_output(Path(args.output))
        if not args.batch and (args.merge or not any(Path(p).is_dir() for p in args.paths)):
            # files named together, no batch: one capture (what `batch_units` answers with
            # None), without importing the batch machinery (~0.01 s of the demo's start-up)
            return _one(args, answers)
    from netriage.cli import analyze_batch

    flag = "--output-dir" if args.output_dir else "--batch --output"
    out_dir = analyze_batch.prepare_output_dir(Path(folder), flag) if folder else None
    units = None if args.merge else analyze_batch.batch_units(args.paths, each=args.batch)
    if out_dir is not None or args.batch or (units is not None and len(units) > 1):
        if units is None:  # one capture, still written as a report + index
            paths = [Path(p) for p in args.paths]
            units = [analyze_batch.Unit(" + ".join(args.paths), paths, Path("."))]
        if args.no_redact:
            print(NO_REDACT_WARNING, file=sys.stderr)
        return analyze_batch.run(args, units, answers, out_dir)
    return _one(args, answers)


def _one(args: argparse.Namespace, answers: dict[str, str]) -> int:
    """The paths as one capture, its report on stdout or in --output FILE."""
    from netriage.gcpause import paused

    with paused():  # ~100 modules: nothing they make is garbage
        from netriage.analysis import analyze_paths
        from netriage.report import render_report
    regexcache.snapshot()  # no capture read yet: what was compiled is the code's own

    analysis = analyze_paths(args.paths, platform=args.platform or "", answers=answers)
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
    """--output FILE: refused in one sentence (exit 2) before anything is analysed."""
    if path.is_dir():
        raise NetriageError(f"{path}: is a folder; give a file name for the report (or "
                            "--batch to write one report per capture into it)")
    if path.parent.exists() and not path.parent.is_dir():
        raise NetriageError(f"{path}: {path.parent} is a file, not a folder")
    if not path.parent.is_dir():
        raise NetriageError(f"{path}: the folder {path.parent} does not exist")
    check_writable(path.parent)
