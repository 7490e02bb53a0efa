"""`netriage checks lint` and `netriage checks list`: the trees, validated and listed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netriage.cli.common import EXIT_BAD_INPUT, EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    checks = sub.add_parser("checks", help="validate or list the decision trees")
    actions = checks.add_subparsers(dest="action", required=True)
    lint = actions.add_parser("lint", help="validate every tree (exit 2 on any problem)")
    lint.add_argument("--dir", type=Path, help="a folder of tree files (default: bundled)")
    lint.add_argument("--no-vocabulary", dest="vocabulary", action="store_false",
                      help="skip checking every fix, verify and rollback line against the "
                           "platform's command vocabulary (checks/vocab), by mode and release")
    lint.add_argument("--scenarios", type=Path, metavar="DIR",
                      help="a folder of training scenarios to check against the trees "
                           "(default: the bundled ones, when the trees are the bundled ones)")
    lint.set_defaults(func=run_lint)
    listing = actions.add_parser("list", help="print trees, their checks and findings")
    listing.add_argument("--dir", type=Path, help="a folder of tree files (default: bundled)")
    listing.set_defaults(func=run_list)


def _trees(directory: Path | None):
    from netriage.engine.tree import load_trees

    return load_trees(directory.resolve() if directory else None)


def run_lint(args: argparse.Namespace) -> int:
    from netriage.engine.lint import lint_trees

    trees = _trees(args.dir)
    problems = lint_trees(trees)
    if args.vocabulary:
        from netriage.engine.lint_fixes import vocabulary_problems

        problems += vocabulary_problems(trees)
        if not args.dir:  # the pair verdicts' fix blocks (checks/pairs/fixes.yaml) too
            from netriage.pairs import fix_templates, fix_vocabulary_problems

            problems += fix_vocabulary_problems()
            print(f"{sum(map(len, fix_templates().values()))} pair fix block(s) checked "
                  "against the vocabularies")
    scenarios = 0
    if args.scenarios or not args.dir:
        checked, scenario_problems = _scenario_problems(args.scenarios)
        scenarios, problems = checked, problems + scenario_problems
    for problem in problems:
        print(problem, file=sys.stderr)
    nodes = sum(len(t.nodes) for t in trees)
    print(f"{len(trees)} tree(s), {nodes} node(s), {scenarios} training scenario(s), "
          f"{len(problems)} problem(s)")
    return EXIT_BAD_INPUT if problems else EXIT_OK


def _scenario_problems(root: Path | None) -> tuple[int, list[str]]:
    """Every training scenario folder, loaded as `netriage train` would load it.

    Loading checks the answer key against the catalog and every hint and question against a
    node of the trees, so a tree edit that renames a node a scenario relies on fails the lint
    here rather than in front of a trainee. Each folder is loaded on its own so one bad
    scenario does not hide the others.
    """
    from netriage.training.scenario import (
        SCENARIO_FILE,
        ScenarioError,
        load_scenario,
        scenarios_root,
    )

    root = root or scenarios_root()
    if not root.is_dir():
        return 0, [f"{root}: no such scenario folder"]
    folders = sorted(p for p in root.iterdir() if p.is_dir() and (p / SCENARIO_FILE).exists())
    problems = []
    for folder in folders:
        try:
            load_scenario(folder)
        except ScenarioError as exc:
            problems.append(f"scenario {folder.name}: {exc}")
    return len(folders), problems


def run_list(args: argparse.Namespace) -> int:
    for tree in _trees(args.dir):
        print(f"{tree.id}: {tree.title} [{', '.join(tree.platforms)}]")
        for node in tree.nodes.values():
            if node.kind == "finding":
                print(f"  finding  {node.severity:<8} {node.finding}  ({node.id})")
            else:
                print(f"  {node.kind:<8} {node.id}: {node.title}")
    return EXIT_OK
