"""`netriage analyze DIR`: each capture of a folder analysed on its own (one report each), in
one process; with `--output-dir OUT` one file per report plus an index, else the reports one
after the other on stdout, then the index. The exit code is the worst over the captures."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from netriage.batch import Unit, folder_units, run_batch, same_name_hints, worst_code
from netriage.errors import NetriageError

EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


def batch_units(paths: list[str]) -> list[Unit] | None:
    """The captures the paths hold when one of them is a folder; None when only files were
    named (files named together are one capture, e.g. the two units of a pair)."""
    if not any(Path(p).is_dir() for p in paths):
        return None
    units: list[Unit] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = folder_units(path)
            if not found:
                raise NetriageError(f"{path}: is an empty folder")
            units += found
        else:
            units.append(Unit(str(path), [path], path.parent))
    return units


def check_output_dir(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise NetriageError(f"{path}: is a file; --output-dir needs a folder")
    if not path.exists() and not path.parent.is_dir():
        raise NetriageError(f"{path}: the folder {path.parent} does not exist")


def report_name(label: str, fmt: str, taken: set[str]) -> str:
    """`fw1.log` → `fw1.log.md`; folders and joined files flattened to one safe name."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", label.replace(" + ", "+").strip("/")) or "capture"
    name, n = f"{stem}.{EXTENSIONS[fmt]}", 1
    while name in taken or name.startswith("index."):
        n += 1
        name = f"{stem}-{n}.{EXTENSIONS[fmt]}"
    taken.add(name)
    return name


def run(args: argparse.Namespace, units: list[Unit], answers: dict[str, str]) -> int:
    from netriage.report.index import index_row, render_index
    from netriage.report.model import report_dict
    from netriage.report.render import FORMATS

    results = run_batch(units, args.platform or "", answers)
    usable = [r for r in results if r.analysis is not None]
    skipped = [r.problem for r in results if r.analysis is None]
    if not usable:
        raise NetriageError(f"{', '.join(args.paths)}: nothing I can analyse "
                            f"({len(results)} capture(s) tried; the first: {skipped[0]})")
    notes = same_name_hints(results)
    notes += [f"{r.unit.label}: {n}" for r in usable for n in r.notes]
    out_dir = Path(args.output_dir) if args.output_dir else None
    if out_dir is not None:
        try:
            out_dir.mkdir(exist_ok=True)
        except OSError as exc:
            raise NetriageError(f"{out_dir}: cannot create the folder "
                                f"({exc.strerror or exc})") from None
    code = worst_code(results)  # before the analyses are let go
    cut = [what for r in usable if r.analysis for what in r.analysis.capture.cut]
    if len(usable) == 1 and out_dir is None:  # e.g. a folder holding the two units of a pair
        report = report_dict(usable[0].analysis, redact=not args.no_redact)
        report["skipped"] = [*skipped, *report["skipped"]]
        _emit(args, FORMATS[args.format](report))
        return _incomplete(cut, code)
    taken: set[str] = set()
    rows, sections = [], []
    for result in usable:
        assert result.analysis is not None
        report = report_dict(result.analysis, redact=not args.no_redact)
        written = report_name(result.unit.label, args.format, taken) if out_dir else ""
        rows.append(index_row(result.unit.label, report, written))
        if out_dir is not None:
            _write(out_dir / written, FORMATS[args.format](report))
        else:
            sections.append((result.unit.label, report))
        result.analysis = None  # rendered: let it go before the next one is rendered
    index = render_index(rows, skipped, notes, args.format)
    if out_dir is not None:
        _write(out_dir / f"index.{EXTENSIONS[args.format]}", index)
        print(f"{len(rows)} report(s) and index.{EXTENSIONS[args.format]} written to "
              f"{out_dir}" + (f"; {len(skipped)} file(s) skipped:" if skipped else ""))
        for line in skipped:
            print(f"  skipped: {line}")
    else:
        _emit(args, _stream(sections, rows, skipped=skipped, notes=notes, index=index,
                            fmt=args.format))
    return _incomplete(cut, code)


def _incomplete(cut: list[str], code: int) -> int:
    for what in cut:
        print(f"netriage: incomplete: {what}", file=sys.stderr)
    return code


def _stream(sections: list[tuple[str, dict[str, Any]]], rows: list[dict[str, Any]], *,
            skipped: list[str], notes: list[str], index: str, fmt: str) -> str:
    """Every report one after the other, then the index, as one document of the format."""
    from netriage.report import html_page
    from netriage.report.index import index_html
    from netriage.report.render import FORMATS

    total = len(sections)
    if fmt == "json":
        return json.dumps({"batch": [{"file": label, "report": report}
                                     for label, report in sections],
                           "index": rows, "skipped": skipped, "notes": notes},
                          indent=2) + "\n"
    if fmt == "html":
        body = index_html(rows, skipped, notes)
        for label, report in sections:
            body += html_page.body(report, heading=label)
        return html_page.page("netriage batch report", body)
    parts = []
    for number, (label, report) in enumerate(sections, 1):
        heading = (f"# {label} ({number} of {total})" if fmt == "markdown"
                   else f"=== {label} ({number} of {total}) ===")
        text = FORMATS[fmt](report)
        if fmt == "markdown":
            text = text.split("\n", 1)[1]  # its own "# netriage report" title
        parts.append(f"{heading}\n{text}")
    return "\n".join(parts) + "\n" + index


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output:
        _write(Path(args.output), text)
    else:
        sys.stdout.write(text)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise NetriageError(f"{path}: cannot write the report ({exc.strerror or exc})") from None

