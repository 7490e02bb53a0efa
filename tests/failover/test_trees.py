"""The failover trees as data: every catalog id reachable, with fixes for its platforms, and
the one engine addition they rely on (an unknown fact the expression never reaches)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from netriage.engine.expr import Namespace, PendingUnknown, Unknown, evaluate, render
from netriage.engine.lint import load_catalog
from tests.failover.conftest import failover_trees


def finding_nodes():
    nodes = defaultdict(list)
    for tree in failover_trees():
        for node in tree.nodes.values():
            if node.kind == "finding":
                nodes[node.finding].append((tree, node))
    return nodes


def test_every_failover_id_has_a_finding_node():
    catalog = {i for i in load_catalog() if i.startswith("failover.")}
    assert sorted(catalog - set(finding_nodes())) == []


def test_fixes_cover_the_platforms_of_each_catalog_row():
    catalog = load_catalog()
    for finding_id, nodes in finding_nodes().items():
        for tree, node in nodes:
            covered = {p for fix in node.fixes for p in fix.platforms}
            wanted = set(catalog[finding_id].platforms) & set(tree.platforms)
            assert wanted <= covered, (tree.id, node.id, sorted(wanted - covered))


def test_every_check_says_why_and_every_finding_explains():
    for tree in failover_trees():
        for node in tree.nodes.values():
            if node.kind in ("check", "question"):
                assert len(node.why.split()) >= 8, (tree.id, node.id)
            if node.kind == "finding":
                assert len(node.explanation.split()) >= 15, (tree.id, node.id)


def _namespace(facts: dict) -> Namespace:
    def resolve(name: str):
        value = facts[name]
        if isinstance(value, Unknown):
            raise value
        return value, ("show x",)

    return Namespace(resolve)


@pytest.mark.parametrize(("source", "expected"), [
    ("captured and missing.x", False),  # not captured: the unknown fact is never read
    ("present or missing.x", True),
    ("1 if not captured else missing.x", 1),
])
def test_an_unknown_fact_the_expression_never_reaches_does_not_make_it_unknown(source,
                                                                                 expected):
    namespace = _namespace({"captured": False, "present": True,
                            "missing": Unknown("`show x` was not captured", ("show x",))})
    assert evaluate(source, namespace) == expected


@pytest.mark.parametrize("source", [
    "missing.x", "not missing", "missing == 1", "len(missing) > 0", "[i for i in missing]",
    "missing + 1", "str(missing)", "present and missing.x", "1 in missing",
])
def test_reading_an_unknown_fact_is_still_unknown(source):
    namespace = _namespace({"present": True,
                            "missing": Unknown("`show x` was not captured", ("show x",))})
    with pytest.raises(Unknown, match="not captured"):
        evaluate(source, namespace)


def test_pending_unknown_renders_as_a_placeholder():
    namespace = _namespace({"missing": Unknown("no", ())})
    assert render("interface {missing.lan_interface}", namespace) == "interface <lan_interface>"
    with pytest.raises(Unknown):
        bool(PendingUnknown(Unknown("no", ())))
