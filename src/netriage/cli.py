"""Command line: `netriage [PATH...]` opens the TUI; subcommands run headless.

Exit codes of `analyze`: 0 when no finding is medium or worse, 1 when one is, 2 when the
input cannot be used (one sentence on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from netriage import __version__
from netriage.errors import NetriageError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
_ALARM = ("medium", "high", "critical")


def _answers(values: list[str]) -> dict[str, str]:
    answers = {}
    for value in values:
        key, sep, answer = value.partition("=")
        if not sep:
            raise NetriageError(f"--answer {value!r} must look like TREE.NODE=ANSWER")
        answers[key.strip()] = answer.strip()
    return answers


def cmd_analyze(args: argparse.Namespace) -> int:
    from netriage.analysis import analyze_paths
    from netriage.report import render_report

    analysis = analyze_paths(args.paths, platform=args.platform or "",
                             answers=_answers(args.answer))
    if not any(d.device.platform for d in analysis.devices):
        raise NetriageError(f"{', '.join(args.paths)}: nothing I can analyse: no device "
                            "platform recognised (try --platform cisco_asa or cisco_ios)")
    text = render_report(analysis, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_FINDINGS if any(f.severity in _ALARM for f in analysis.findings) else EXIT_OK


def cmd_tui(args: argparse.Namespace) -> int:
    from netriage.resources import demo_capture

    paths = [str(p) for p in args.paths] or [str(demo_capture())]
    from netriage.tui.app import run_app  # Textual is only imported for the TUI

    return run_app(paths, platform=args.platform or "")


def _parser() -> tuple[argparse.ArgumentParser, set[str]]:
    parser = argparse.ArgumentParser(
        prog="netriage",
        description="Troubleshoot Cisco failover, IPsec and interfaces from captures or devices.",
    )
    parser.add_argument("--version", action="version", version=f"netriage {__version__}")
    sub = parser.add_subparsers(dest="command")

    analyze = sub.add_parser("analyze", help="analyse captures and print findings (headless)")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="capture file or folder")
    analyze.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    analyze.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    analyze.add_argument("--platform", metavar="P",
                         help="override detection: cisco_asa, cisco_ftd, cisco_ios, cisco_xe")
    analyze.add_argument("--answer", action="append", default=[], metavar="TREE.NODE=ANSWER",
                         help="answer a question no output can tell, e.g. "
                              "failover.meant-to-be-a-pair=yes")
    analyze.set_defaults(func=cmd_analyze)
    return parser, set(sub.choices)


def _tui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="netriage", description="Open the netriage TUI.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="capture files or folders (default: the bundled demo)")
    parser.add_argument("--platform", metavar="P", help="override platform detection")
    parser.set_defaults(func=cmd_tui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, subcommands = _parser()
    if argv and (argv[0] in subcommands or argv[0] in ("-h", "--help", "--version")):
        args = parser.parse_args(argv)
    else:
        args = _tui_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except NetriageError as exc:
        print(f"netriage: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
