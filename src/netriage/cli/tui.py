"""`netriage [PATH...]`: the TUI, on the bundled demo capture when no path is given."""

from __future__ import annotations

import argparse


def tui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="netriage", description="Open the netriage TUI.",
                                     epilog="Headless subcommands: netriage analyze --help")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="capture files or folders (default: the bundled demo)")
    parser.add_argument("--platform", metavar="P", help="override platform detection")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from netriage.resources import demo_capture
    from netriage.tui.app import run_app  # Textual is only imported for the TUI

    paths = [str(p) for p in args.paths] or [str(demo_capture())]
    return run_app(paths, platform=args.platform or "")
