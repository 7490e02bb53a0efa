"""Issue 4: a VPN headend's `show crypto ipsec sa` with 5,000 SAs, ours against stock.

    /work/venv/bin/python benchmarks/parse_bench.py [--sas 5000] [--detail] [--runs 3]

Builds an ASA 9.x `show crypto ipsec sa` of N SA blocks (about 2.2 KB each: 5,000 make
~11 MB; `--detail` adds the detail counters, ~14 MB), with exactly one SA whose decaps is 0,
and times, in this one process:

* stock: ntc-templates' own `ntc_templates.parse.parse_output` (clitable + TextFSM), once;
* ours, parse only: `netriage.parsing.parse_output` (the native parser), best of N;
* ours, end to end: `netriage analyze` (the CLI, in process: load the capture file, parse,
  facts, every tree, the text report), best of N, with the parse cache emptied each run;
  also with `--no-redact` (the report's secret masking scans every output).

It checks that our records equal stock's for every field (ntc's keys) and that the report
names the one SA with decaps 0, then prints the times, the ratios, and where the end-to-end
time goes.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netriage.cli import main as netriage_main
from netriage.parsing import parse_output, runner
from netriage.parsing.native.synth import asa_ipsec_sa

ZERO_AT = 3137  # the SA whose decaps is 0


def _best(runs: int, function) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, value = float("inf"), None
    for _ in range(runs):
        runner._cache.clear()
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value


def _phases(path: Path, command: str) -> dict[str, float]:
    """Where the end-to-end time goes (one run)."""
    from netriage.analysis import analyze_capture
    from netriage.capture import load_paths
    from netriage.report import render_report

    runner._cache.clear()
    times: dict[str, float] = {}
    start = time.perf_counter()
    capture = load_paths([path], "cisco_asa")
    times["load capture"] = time.perf_counter() - start
    entry = capture.devices[0].find(command)
    start = time.perf_counter()
    parse_output(entry.output, command, "cisco_asa")
    times["parse (native)"] = time.perf_counter() - start
    start = time.perf_counter()
    analysis = analyze_capture(capture)  # parse is cached now: facts, trees, evidence
    times["facts + trees + evidence"] = time.perf_counter() - start
    start = time.perf_counter()
    render_report(analysis, "text", redact=False)
    times["report (text, --no-redact)"] = time.perf_counter() - start
    start = time.perf_counter()
    render_report(analysis, "text")
    times["report (text, redacted)"] = time.perf_counter() - start
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sas", type=int, default=5000)
    parser.add_argument("--detail", action="store_true", help="`show crypto ipsec sa detail`")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    text, written = asa_ipsec_sa(args.sas, zero_decaps_at=ZERO_AT % args.sas,
                                 detail=args.detail)
    command = "show crypto ipsec sa detail" if args.detail else "show crypto ipsec sa"
    zero = written[ZERO_AT % args.sas]
    print(f"{args.sas} SAs, {len(text) / 1e6:.1f} MB, {text.count(chr(10))} lines; "
          f"decaps 0 on SA #{zero.index} (peer {zero.peer})")

    from ntc_templates.parse import parse_output as ntc_parse_output

    start = time.perf_counter()
    stock = ntc_parse_output(platform="cisco_asa", command="show crypto ipsec sa", data=text)
    stock_time = time.perf_counter() - start

    parse_time, result = _best(args.runs, lambda: parse_output(text, command, "cisco_asa"))
    assert result.status == "parsed", (result.status, result.not_understood[:3])
    ours = [{k: r[k] for k in stock[0]} for r in result.records]
    assert ours == stock, "native records differ from ntc-templates' records"

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vpn-headend.log"
        path.write_text(f"vpn-fw# {command}\n{text}vpn-fw# \n")
        report = io.StringIO()

        def analyze(*extra: str) -> int:
            report.seek(0)
            report.truncate()
            with contextlib.redirect_stdout(report), contextlib.redirect_stderr(io.StringIO()):
                return netriage_main(["analyze", str(path), "--platform", "cisco_asa", *extra])

        start = time.perf_counter()
        analyze()  # the first run also loads the trees and compiles what is compiled once
        first_time = time.perf_counter() - start
        analyze_time, code = _best(args.runs, analyze)
        assert "crypto.encaps-no-decaps" in report.getvalue(), "the one-way SA was not found"
        assert zero.peer in report.getvalue(), "the one-way SA's peer is not named"
        plain_time, _ = _best(args.runs, lambda: analyze("--no-redact"))
        phases = _phases(path, command)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "netriage", "analyze", str(path), "--platform",
                        "cisco_asa"], capture_output=True, check=False)
        process_time = time.perf_counter() - start

    print(f"stock ntc-templates parse_output:      {stock_time:7.3f} s")
    print(f"netriage parse (native), best of {args.runs}:  {parse_time:7.3f} s   "
          f"{stock_time / parse_time:6.1f}x faster than stock")
    print(f"netriage analyze end to end, best of {args.runs}: {analyze_time:7.3f} s   "
          f"{stock_time / analyze_time:6.1f}x faster than stock (exit {code})")
    print(f"  the same with --no-redact:           {plain_time:7.3f} s   "
          f"{stock_time / plain_time:6.1f}x faster than stock")
    print(f"  its first run in this process:       {first_time:7.3f} s   "
          f"{stock_time / first_time:6.1f}x faster than stock")
    print(f"  as a new process (python start, imports, trees): {process_time:7.3f} s   "
          f"{stock_time / process_time:6.1f}x faster than stock in-process parsing")
    print("one end-to-end run, by phase:")
    for phase, seconds in phases.items():
        print(f"  {phase:28} {seconds:7.3f} s")
    print(f"records identical to stock for all {len(stock[0])} ntc fields: yes; "
          f"crypto.encaps-no-decaps names {zero.peer}: yes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
