"""A failover pair's standby unit passes no traffic by design: a configured peer with no SA,
or an idle SA, is no `crypto.encaps-zero-no-traffic` there. The same unit, were it the active
one, is told about it; and a unit whose failover state is unknown is judged as before."""

from __future__ import annotations

from pathlib import Path

from netriage.analysis import analyze_paths
from tests.conftest import RECORDINGS

STANDBY = RECORDINGS / "pairs" / "failover-pair-and-vpn-peer" / "fw-edge-secondary.log"


def _ids(path: Path) -> set[str]:
    return {f.id for f in analyze_paths([path]).findings}


def test_the_standby_unit_is_not_told_it_has_no_traffic():
    text = STANDBY.read_text()
    assert "This host: Secondary - Standby Ready" in text and "There are no ipsec sas" in text
    assert "crypto.encaps-zero-no-traffic" not in _ids(STANDBY)


def test_the_same_unit_active_is(tmp_path):
    active = tmp_path / "active.log"
    text = STANDBY.read_text()
    for old, new in (("This host: Secondary - Standby Ready", "This host: Secondary - Active"),
                     ("Other host: Primary - Active", "Other host: Primary - Standby Ready")):
        text = text.replace(old, new)
    active.write_text(text)
    assert "crypto.encaps-zero-no-traffic" in _ids(active)


def test_without_show_failover_it_is_judged_as_before(tmp_path):
    text = STANDBY.read_text()
    start = text.index("fw-edge/sec/stby# show failover")
    end = text.index("fw-edge/sec/stby# ", start + 10)
    alone = tmp_path / "no-failover.log"
    alone.write_text(text[:start] + text[end:])
    assert "crypto.encaps-zero-no-traffic" in _ids(alone)
