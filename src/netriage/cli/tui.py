"""`netriage [PATH...]`: the TUI. Without a path it opens on the start screen (the bundled
demo is its first entry); `--demo` opens the demo directly, `--resume FILE` a saved
walkthrough."""

from __future__ import annotations

import argparse
from pathlib import Path


def tui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="netriage", description="Open the netriage TUI.",
                                     epilog="Headless subcommands: netriage analyze --help")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="capture files or folders to open (default: the start screen)")
    parser.add_argument("--platform", metavar="P", help="override platform detection")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo capture")
    parser.add_argument("--resume", metavar="FILE", type=Path,
                        help="resume a saved walkthrough (reopens its capture)")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from netriage import regexcache
    from netriage.resources import demo_capture
    from netriage.tui.app import run_app  # Textual is only imported for the TUI

    # No capture read yet: what importing compiled (Textual's, Rich's, ours) is the code's own,
    # kept now for the next start rather than at exit, which a killed terminal never reaches
    regexcache.snapshot()
    regexcache.save()

    # a damaged file is a one-line error here, not inside the TUI; a file not written yet is
    # where the walkthrough will be saved
    if args.resume is not None and args.resume.exists():
        from netriage.engine.guided import load_session

        load_session(args.resume)
    paths = [str(p) for p in args.paths] + ([str(demo_capture())] if args.demo else [])
    resume = args.resume.expanduser().resolve() if args.resume is not None else None
    return run_app(paths, platform=args.platform or "", resume=resume)
