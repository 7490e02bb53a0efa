"""Command line: `netriage [PATH...]` opens the TUI; subcommands run headless.

Each subcommand lives in its own module with a `register(subparsers)` function; add new ones
to `_SUBCOMMANDS`. Exit codes of `analyze`: 0 when no finding is medium or worse, 1 when one
is, 3 when none is but an output was cut at a size bound, 2 when the input cannot be used (one
sentence on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Callable, Sequence

from netriage import __version__, gcpause, regexcache
from netriage.errors import NetriageError

# Modules under netriage.cli, imported only to build the parser: each keeps its heavy imports
# (Textual, netmiko, paramiko) inside its run function.
_SUBCOMMANDS = ["analyze", "checks", "parse", "collect", "lab", "save", "train", "scenario"]
_ALIASES = {"analyse": "analyze"}  # as each module registers them (`aliases=`)
_TOP_LEVEL = ("-h", "--help", "--version")  # the whole parser's own options


_TUI_HELP = """\
the TUI (interactive):
  netriage [PATH...]         open capture files or folders (no PATH: the start screen)
  netriage --demo            open the bundled demo capture (an ASA failover pair)
  netriage --resume FILE     resume a saved walkthrough (reopens its capture)
  netriage --platform P ...  override platform detection (cisco_asa, cisco_ftd, cisco_ios,
                             cisco_xe, cisco_pix)

headless: netriage analyze PATH... (alias: analyse); `netriage COMMAND --help` for each.
exit codes of analyze: 0 no finding medium or worse, 1 one is, 2 bad input (one sentence on
stderr), 3 no such finding but part of the capture was cut at a size bound."""


def _parser(only: str = "") -> tuple[argparse.ArgumentParser, set[str]]:
    """The whole parser; with `only` (a module of `_SUBCOMMANDS`) just that subcommand's:
    the others' modules and parsers (~0.01 s of every start) cannot change how its
    arguments are read, and the top-level usage and errors are the same."""
    parser = argparse.ArgumentParser(
        prog="netriage",
        usage="netriage [PATH...] [--demo] [--resume FILE] [--platform P]\n"
              "       netriage COMMAND ...",
        description="Troubleshoot Cisco failover, IPsec and interfaces from captures or devices.",
        epilog=_TUI_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"netriage {__version__}")
    sub = parser.add_subparsers(dest="command")
    for name in [only] if only else _SUBCOMMANDS:
        importlib.import_module(f"netriage.cli.{name}").register(sub)
    return parser, set(sub.choices)


def main(argv: Sequence[str] | None = None) -> int:
    own = argv is None  # the command's own process (its arguments from sys.argv)
    if own:
        gcpause.own_process()
        regexcache.activate()  # what earlier runs compiled, not compiled again (see there)
    code = _main(argv)
    if own:
        regexcache.save()
        # The command's own process (its arguments from sys.argv) is about to end: the
        # objects left are freed as it exits, and the garbage collection the interpreter runs
        # over all of them first is wasted (~4% of the demo's CPU). Frozen, it skips them.
        gc.freeze()
    return code


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = argv[0] if argv else ""
    module = _ALIASES.get(first, first)
    if module in _SUBCOMMANDS or first in _TOP_LEVEL:
        parser, subcommands = _parser(module if module in _SUBCOMMANDS else "")
        if first not in subcommands:  # not what that module registers after all: every parser
            parser, subcommands = _parser()
    else:  # the TUI's paths and options: no subcommand's parser is needed (~10 ms of a start)
        parser, subcommands = None, set()
    if parser is not None and (first in subcommands or first in _TOP_LEVEL):
        args = parser.parse_args(argv)
    else:
        from netriage.cli.tui import tui_parser

        args = tui_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except NetriageError as exc:
        print(f"netriage: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `netriage ... | head`: the reader left, nothing to report
        sys.stderr.close()
        return 0
