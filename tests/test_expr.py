from dataclasses import dataclass, field

import pytest

from netriage.engine.expr import ExprError, Namespace, Unknown, evaluate, render


@dataclass
class Port:
    name: str
    status: str | None


@dataclass
class Facts:
    state: str | None
    ports: list[Port] = field(default_factory=list)


def namespace(**facts):
    def resolve(name):
        value = facts[name]
        if isinstance(value, Unknown):
            return value, value.commands
        return value, ("show thing",)

    return Namespace(resolve)


def test_conditions_read_facts():
    ns = namespace(f=Facts("up", [Port("a", "Failed"), Port("b", "Normal")]))
    assert evaluate("f.state == 'up'", ns) is True
    assert evaluate("any(p.status == 'Failed' for p in f.ports)", ns) is True
    assert evaluate("[p.name for p in f.ports if p.status == 'Normal']", ns) == ["b"]


def test_a_missing_field_is_unknown_never_false():
    ns = namespace(f=Facts(None))
    with pytest.raises(Unknown) as unknown:
        evaluate("f.state == 'up'", ns)
    assert unknown.value.commands == ("show thing",)


def test_a_missing_fact_is_unknown_with_its_reason():
    ns = namespace(f=Unknown("`show thing` was not captured", ("show thing",)))
    with pytest.raises(Unknown, match="not captured"):
        evaluate("f.state", ns)


@pytest.mark.parametrize("source", ["__import__('os')", "f.__class__", "(lambda: 1)()",
                                    "open('x')", "f.state = 1"])
def test_unsafe_expressions_are_refused(source):
    with pytest.raises(ExprError):
        evaluate(source, namespace(f=Facts("up")))


def test_render_fills_known_and_marks_unknown():
    ns = namespace(f=Facts(None, [Port("gi0", "x")]))
    assert render("interface {f.ports[0].name}", ns) == "interface gi0"
    assert render("state {f.state}", ns) == "state <state>"
    assert render(r"\d{1,3} stays", ns) == r"\d{1,3} stays"


def test_check_titles_are_rendered_in_the_steps(tmp_path):
    import textwrap

    from netriage.analysis import start_walk
    from netriage.capture import load_paths
    from netriage.engine.tree import load_tree
    from netriage.facts import DeviceFacts
    from tests.conftest import FIXTURES

    tree_file = tmp_path / "t.yaml"
    tree_file.write_text(textwrap.dedent("""
        tree: t
        title: t
        platforms: [asa]
        start: a
        nodes:
          a:
            check: failover.lan_up
            title: "Is {failover.lan_interface} up?"
            why: because
            if_true: null
            if_false: null
    """))
    capture = load_paths([FIXTURES / "failover" / "lan-if-down.log"])
    walk = start_walk(load_tree(tree_file), DeviceFacts(capture.devices[0])).run()
    assert walk.steps[0].title == "Is GigabitEthernet1/8 up?"
