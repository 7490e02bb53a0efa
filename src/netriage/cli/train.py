"""`netriage train`: list the training scenarios, start one in the TUI, show your history.

    netriage train --list [--format json]   the scenarios (never their answer keys)
    netriage train ID                       start scenario ID in the TUI's training mode
    netriage train --history [--format json]  your finished runs and scores

An unknown id, a bad scenario file or a damaged progress file is one sentence and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from netriage.errors import NetriageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train", help="training: predict each step of a recorded fault, be scored",
        description="Learn troubleshooting on recorded faults: predict each step of the "
                    "walk before netriage reveals it, and be scored.")
    parser.add_argument("scenario", nargs="?", metavar="ID", help="the scenario to start")
    parser.add_argument("--list", action="store_true", help="list the scenarios")
    parser.add_argument("--history", action="store_true", help="your finished runs and scores")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output of --list and --history (default: text)")
    parser.add_argument("--scenarios", metavar="DIR", type=Path,
                        help="read scenarios from DIR (a trainer's own) instead of the "
                             "bundled recordings/training")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netriage.training import find_scenario, list_scenarios
    from netriage.training.progress import ProgressError, best_scores, load_history

    if args.scenarios is not None and not args.scenarios.is_dir():
        raise NetriageError(f"{args.scenarios}: not a folder of training scenarios")
    if args.list and args.history:
        raise NetriageError("use --list or --history, not both")
    if args.list or args.history:
        if args.scenario:
            raise NetriageError(f"--{'list' if args.list else 'history'} takes no scenario id")
        if args.history:
            _print_history(load_history(), args.format)
            return 0
        try:
            best = best_scores(load_history())
        except ProgressError as exc:  # the list is still useful without the best scores
            print(f"netriage: warning: {exc}", file=sys.stderr)
            best = {}
        _print_list(list_scenarios(args.scenarios), best, args.format)
        return 0
    if not args.scenario:
        raise NetriageError("name a scenario to start (netriage train ID), or list them with "
                            "netriage train --list")
    scenario = find_scenario(args.scenario, args.scenarios)
    from netriage.tui.training_app import run_training  # Textual only for the TUI

    return run_training(scenario)


def _print_list(scenarios: list, best: dict, form: str) -> None:
    if form == "json":
        items = [{"id": s.id, "title": s.title, "level": s.level, "goals": list(s.goals),
                  "goal_count": len(s.goals), "fault_count": len(s.faults),
                  "captures": list(s.captures), "platform": s.platform or None,
                  "best_percent": best[s.id].percent if s.id in best else None}
                 for s in scenarios]
        print(json.dumps(items, indent=2))
        return
    if not scenarios:
        print("No training scenario is installed.")
        return
    width = max(len(s.id) for s in scenarios)
    print(f"{'ID':<{width}}  {'LEVEL':<12}  {'FAULTS':>6}  {'BEST':>4}  TITLE")
    for s in scenarios:
        mark = f"{best[s.id].percent}%" if s.id in best else "-"
        print(f"{s.id:<{width}}  {s.level:<12}  {len(s.faults):>6}  {mark:>4}  {s.title}")
    print(f"\n{len(scenarios)} scenarios. Start one with: netriage train ID")


def _print_history(history: list, form: str) -> None:
    from dataclasses import asdict

    if form == "json":
        print(json.dumps([asdict(run) for run in history], indent=2))
        return
    if not history:
        print("No finished training run yet. Start one with: netriage train ID")
        return
    from netriage.training.postmortem import clock

    width = max(len(r.scenario) for r in history)
    print(f"{'FINISHED':<19}  {'SCENARIO':<{width}}  {'SCORE':>9}  {'%':>4}  HINTS  TIME")
    for r in history:
        print(f"{r.finished.replace('T', ' '):<19}  {r.scenario:<{width}}  "
              f"{f'{r.points}/{r.maximum}':>9}  {r.percent:>3}%  {r.hints:>5}  {clock(r.seconds)}")
    sys.stdout.flush()
