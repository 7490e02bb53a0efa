"""`netriage parse FILE`: what netriage read from each output — records and honest status."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from netriage.cli.common import EXIT_BAD_INPUT, EXIT_OK
from netriage.errors import NetriageError

NO_REDACT_WARNING = ("netriage: warning: --no-redact: secrets (keys, passwords, SNMP "
                     "communities) are shown in clear text")


def register(sub: argparse._SubParsersAction) -> None:
    parse = sub.add_parser("parse", help="print the parsed records and status of each output")
    parse.add_argument("file", metavar="FILE",
                       help="a capture, or the bare output of one command with --command")
    parse.add_argument("--command", "-c", metavar="CMD",
                       help="FILE holds only this command's output (abbreviations allowed)")
    parse.add_argument("--platform", metavar="P",
                       help="cisco_asa, cisco_ftd, cisco_ios, cisco_xe (needed with --command)")
    parse.add_argument("--format", choices=["text", "json"], default="text")
    parse.add_argument("--no-redact", action="store_true",
                       help="show secrets (keys, passwords, communities) in the records")
    parse.set_defaults(func=run)


_KEEP = frozenset({"device", "command", "status", "template"})  # names, never secrets


def _result_dict(device: str, result: Any) -> dict[str, Any]:
    return {"device": device, "command": result.command, "status": result.status,
            "template": result.template or None, "reason": result.reason,
            "records": [dict(r) for r in result.records],  # compact SA records too
            "not_understood": [{"line": n, "text": t} for n, t in result.not_understood]}


def _bare_output(args: argparse.Namespace) -> list[dict[str, Any]]:
    from netriage.capture.commands import resolve
    from netriage.capture.debris import clean
    from netriage.capture.reader import open_text
    from netriage.parsing import parse_output
    from netriage.platforms import get_platform

    if not args.platform:
        raise NetriageError("--command needs --platform (the output alone does not say)")
    platform = get_platform(args.platform)
    path = Path(args.file)
    # The loader's reader (encodings, binary and empty checks) and debris cleaning; a line
    # that was only a pager prompt stays as a blank one so line numbers match the file.
    lines = (clean(raw) for raw in open_text(path).lines())
    text = "\n".join("" if line is None else line for line in lines)
    command = resolve(args.command, platform.family).command
    results = [_result_dict(path.name, parse_output(text, command, platform.family))]
    if args.no_redact:
        return results
    from netriage.redact import TokenMap, redact_text, redact_tree

    tokens = TokenMap()  # learnt from the output, so records holding a secret alone are masked
    redact_text(text, tokens, command=command)
    return redact_tree(results, tokens, _KEEP)


def _capture(args: argparse.Namespace) -> list[dict[str, Any]]:
    from netriage.capture import load_paths
    from netriage.facts import DeviceFacts

    capture = load_paths([args.file], platform=args.platform or "")
    results = []
    for device in capture.devices:
        facts = DeviceFacts(device)
        results += [_result_dict(device.hostname, r) for r in facts.all_results()]
    if args.no_redact:
        return results
    from netriage.redact import TokenMap, capture_secrets, redact_tree

    tokens = TokenMap()  # learnt from the capture: records print keys and PSKs otherwise
    capture_secrets(capture, tokens)
    return redact_tree(results, tokens, _KEEP)


def run(args: argparse.Namespace) -> int:
    if args.no_redact:
        print(NO_REDACT_WARNING, file=sys.stderr)
    results = _bare_output(args) if args.command else _capture(args)
    if args.format == "json":
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for item in results:
            print(f"== {item['device']}: {item['command']} — {item['status']}"
                  + (f" ({item['template']})" if item["template"] else "")
                  + (f": {item['reason']}" if item["reason"] else ""))
            for number, record in enumerate(item["records"], 1):
                fields = {k: v for k, v in record.items() if v not in ("", [])}
                print(f"  [{number}] " + json.dumps(fields))
            for line in item["not_understood"]:
                print(f"  not understood, line {line['line']}: {line['text']}")
    unusable = not results or all(r["status"] == "unparsed" for r in results)
    return EXIT_BAD_INPUT if unusable else EXIT_OK
