"""The trees' expressions compiled once, kept with the trees in the user's cache dir.

A walk evaluates a few hundred conditions and `{placeholders}`, and each distinct one was
parsed three times per run (`compile_expr` to check and compile it, `names_in` and `fields_in`
to read its names): ~5 % of the demo's analysis (issue 13, start-up). When the trees are
built, every expression they hold is compiled by those same functions and the results are
pickled with the trees (the code object as `marshal` bytes: a pickle cannot hold code), under
a key that also covers this module and `engine/expr.py` (`engine.tree.load_trees`). `install`
hands them to `engine.expr`, which answers from them first. An expression that does not
compile is left out: asking for it raises the same error as before, at the same place.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Iterator

from netriage.engine import expr
from netriage.engine.tree import Node, Tree

Compiled = tuple[bytes, frozenset[str], frozenset[tuple[str, str]]]


def _texts(node: Node) -> Iterator[str]:
    """The strings of a node that may hold `{expr}` placeholders."""
    yield from (node.title, node.why, node.explanation)
    for rule in node.evidence:
        yield rule.match
    for fix in node.fixes:
        yield from (*fix.commands, *fix.verify, *fix.rollback, fix.impact, *fix.manager)


def sources(trees: Iterable[Tree]) -> set[str]:
    """Every expression the trees may evaluate: conditions, `each` and placeholders."""
    found: set[str] = set()
    for tree in trees:
        for node in tree.nodes.values():
            found.update(s for s in (node.condition, node.each) if s)
            for text in _texts(node):
                found.update(expr.PLACEHOLDER.findall(text))
    return found


def compile_all(trees: Iterable[Tree]) -> dict[str, Compiled]:
    table: dict[str, Compiled] = {}
    for source in sorted(sources(trees)):
        try:
            code = expr.compile_expr(source)
            table[source] = (marshal.dumps(code), expr.names_in(source),
                             expr.fields_in(source))
        except (expr.ExprError, SyntaxError, ValueError):
            continue  # reported where it is evaluated (and by `checks lint`), as before
    return table


def install(table: dict[str, Compiled]) -> None:
    expr.PRECOMPILED.update(table)
