"""`netriage analyze DIR` (or `--batch`): each capture analysed on its own (one report each),
in `--jobs` worker processes; with `--batch --output OUT` (`--output-dir OUT`) one file per
report plus an index, else the reports one after the other on stdout, then the index. The
exit code is the worst over the captures."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from netriage.batch import (
    Done,
    Unit,
    default_jobs,
    folder_units,
    run_jobs,
    same_name_hints,
    worst_code,
)
from netriage.cli.common import check_writable
from netriage.errors import NetriageError

EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


def batch_units(paths: list[str], each: bool = False) -> list[Unit] | None:
    """The captures the paths hold when one of them is a folder, or `each` (--batch): every
    file its own capture; None when only files were named without it (files named together
    are one capture, e.g. the two units of a pair)."""
    if not each and not any(Path(p).is_dir() for p in paths):
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


def prepare_output_dir(path: Path, flag: str = "--output-dir") -> Path:
    """The batch's folder, made if missing and shown writable before anything is analysed;
    else one sentence (exit 2): a file in the way, no parent folder, not writable."""
    if path.exists() and not path.is_dir():
        raise NetriageError(f"{path}: is a file; {flag} needs a folder")
    if not path.exists():
        if path.parent.exists() and not path.parent.is_dir():
            raise NetriageError(f"{path}: {path.parent} is a file, not a folder")
        if not path.parent.is_dir():
            raise NetriageError(f"{path}: the folder {path.parent} does not exist")
        try:
            path.mkdir()
        except OSError as exc:
            raise NetriageError(f"{path}: cannot create the folder "
                                f"({(exc.strerror or str(exc)).lower()})") from None
    check_writable(path)
    return path


def report_name(label: str, fmt: str, taken: set[str]) -> str:
    """`fw1.log` → `fw1.log.md`; folders and joined files flattened to one safe name."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", label.replace(" + ", "+").strip("/")) or "capture"
    name, n = f"{stem}.{EXTENSIONS[fmt]}", 1
    while name in taken or name.startswith("index."):
        n += 1
        name = f"{stem}-{n}.{EXTENSIONS[fmt]}"
    taken.add(name)
    return name


def run(args: argparse.Namespace, units: list[Unit], answers: dict[str, str],
        out_dir: Path | None) -> int:
    from netriage.report.index import render_index

    # on stdout the reports are one document (and one alone is printed as a file's): the
    # workers send report dicts; into a folder, each report rendered where it was analysed
    done = run_jobs(units, platform=args.platform or "", answers=answers,
                    fmt="" if out_dir is None else args.format, redact=not args.no_redact,
                    jobs=args.jobs or default_jobs())
    usable = [d for d in done if d.usable]
    skipped = [d.problem for d in done if not d.usable]
    if not usable:
        raise NetriageError(f"{', '.join(args.paths)}: nothing I can analyse "
                            f"({len(done)} capture(s) tried; the first: {skipped[0]})")
    notes = same_name_hints(done) + [f"{d.unit.label}: {n}" for d in usable for n in d.notes]
    code = worst_code([d.code for d in done])
    cut = [what for d in usable for what in d.cut]
    if len(usable) == 1 and out_dir is None:  # e.g. a folder holding the two units of a pair
        return _alone(args, usable[0], skipped, cut, code)
    if out_dir is None:
        rows = [d.row for d in usable]
        index = render_index(rows, skipped, notes, args.format)
        sections = [(d.unit.label, _dict(d.output)) for d in usable]
        _emit(args, _stream(sections, rows, skipped=skipped, notes=notes, index=index,
                            fmt=args.format))
        return _incomplete(cut, code)
    taken: set[str] = set()
    for item in usable:
        item.row["report"] = report_name(item.unit.label, args.format, taken)
        _write(out_dir / item.row["report"], str(item.output))
        item.output = ""  # written: let it go
    ext = EXTENSIONS[args.format]
    _write(out_dir / f"index.{ext}",
           render_index([d.row for d in usable], skipped, notes, args.format))
    print(f"{len(usable)} report(s) and index.{ext} written to {out_dir}"
          + (f"; {len(skipped)} file(s) skipped:" if skipped else ""))
    for line in skipped:
        print(f"  skipped: {line}")
    return _incomplete(cut, code)


def _alone(args: argparse.Namespace, item: Done, skipped: list[str], cut: list[str],
           code: int) -> int:
    """One usable capture and no folder to write to: its report, as for a file."""
    from netriage.report.render import FORMATS

    report = item.output
    assert isinstance(report, dict)
    report["skipped"] = [*skipped, *report["skipped"]]
    _emit(args, FORMATS[args.format](report))
    return _incomplete(cut, code)


def _dict(output: str | dict[str, Any]) -> dict[str, Any]:
    assert isinstance(output, dict)  # on stdout the workers send report dicts
    return output


def _incomplete(cut: list[str], code: int) -> int:
    for what in cut:
        print(f"netriage: incomplete: {what}", file=sys.stderr)
    return code


def _stream(sections: list[tuple[str, dict[str, Any]]], rows: list[dict[str, Any]], *,
            skipped: list[str], notes: list[str], index: str, fmt: str) -> str:
    """Every report one after the other, then the index, as one document of the format."""
    from netriage.report import html_page
    from netriage.report.index import index_html
    from netriage.report.markdown_safe import text as markdown_text
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
        heading = (f"# {markdown_text(label)} ({number} of {total})" if fmt == "markdown"
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

