"""A fact builder that meets an output it does not expect never takes the analysis down."""

from netriage import facts as facts_module
from netriage.analysis import analyze_paths
from netriage.capture import load_paths
from netriage.engine.expr import Unknown
from netriage.errors import NetriageError
from netriage.facts import DeviceFacts
from tests.conftest import DEMO, RECORDINGS


def test_a_fact_that_fails_to_build_is_unknown_with_the_reason(monkeypatch):
    builder = facts_module.BUILDERS["failover"]

    def broken(_facts):
        raise TypeError("expected string, got list")

    monkeypatch.setitem(facts_module.BUILDERS, "failover",
                        facts_module.FactBuilder(builder.name, builder.commands,
                                                 builder.fact_type, build_device=broken))
    facts = DeviceFacts(load_paths([DEMO]).devices[0])
    value, _commands = facts.resolve("failover")
    assert isinstance(value, Unknown)
    assert "could not be read" in value.reason and "TypeError" in value.reason
    analysis = analyze_paths([DEMO])  # the failover checks become undecided, nothing raises
    assert not [f for f in analysis.findings if f.tree == "failover"]
    assert any("TypeError" in u.reason for u in analysis.undecided)


def test_every_fact_builds_or_is_plainly_unknown_on_every_recording():
    """No builder may crash on any capture we ship (a crash is reported as 'could not be read')."""
    crashed = []
    for path in sorted(RECORDINGS.rglob("*")):
        if not path.is_file() or path.suffix == ".md":
            continue
        try:
            capture = load_paths([path])
        except NetriageError:  # recordings of unusable input, tested elsewhere
            continue
        for device in capture.devices:
            facts = DeviceFacts(device)
            for name in facts_module.BUILDERS:
                value, _ = facts.resolve(name)
                if isinstance(value, Unknown) and "could not be read" in value.reason:
                    crashed.append(f"{path.relative_to(RECORDINGS)} {device.hostname} "
                                   f"{name}: {value.reason}")
    assert crashed == []
