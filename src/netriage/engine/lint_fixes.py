"""Lint of fix blocks against the per-platform command vocabularies (checks/vocab/*.yaml).

Kept apart from `lint.py`: the structural checks of a tree need no vocabulary, and a tree
author who edits only titles should not pay for loading four vocabularies.
"""

from __future__ import annotations

from netriage.engine.lint import Problem
from netriage.engine.tree import Tree
from netriage.engine.vocab import check_fix


def vocabulary_problems(trees: tuple[Tree, ...]) -> list[Problem]:
    """Every fix, verify and rollback line a platform (or the block's releases) lacks."""
    problems: list[Problem] = []
    for tree in trees:
        for node in tree.nodes.values():
            for fix in node.fixes:
                problems += [Problem(tree.id, node.id, p)
                             for p in check_fix(fix, tuple(tree.platforms))]
    return problems
