"""Pair keys (`netriage.pairs.device_keys`, `matched_ends`): which devices pair, decided from a
few strings per device, must be exactly what matching on the whole facts decides — over every
pair recording, and over a generated batch folder as `netriage analyze DIR --batch` matches
its captures (the keys are what its workers send instead of the facts)."""

from __future__ import annotations

import pickle
from collections import defaultdict

import pytest

from netriage.batch import folder_units
from netriage.batch.run import pair_edges, pair_keys
from netriage.capture import load_paths
from netriage.errors import NetriageError
from netriage.facts import DeviceFacts
from netriage.pairs import (
    FAILOVER,
    MISSING_END,
    crypto_end,
    device_keys,
    failover_units,
    find_pairs,
    matched_ends,
)
from tests.pairs.helpers import PAIRS
from tests.report.generate import generate, templates

RECORDINGS = sorted(PAIRS.iterdir())


def _whole(all_facts: list[DeviceFacts]) -> list[tuple[str, str, str]]:
    """find_pairs' two-ended pairs, on the whole facts: the reference."""
    return [(p.kind, *p.devices) for p in find_pairs(all_facts)
            if p.verdict != MISSING_END and len(p.devices) == 2]


def _whole_may_pair(facts: list[DeviceFacts]) -> bool:
    """The batch's candidate test before keys (09cc098's `run.may_pair`, verbatim)."""
    return bool(failover_units(facts)) or any(crypto_end(f) is not None for f in facts)


def _whole_edges(captures: dict[int, list[DeviceFacts]],
                 names: dict[int, list[str]]) -> set[tuple[int, int]]:
    """The batch's matching of captures before keys (09cc098's `run.pair_edges`, verbatim
    but for its imports): find_pairs over the candidates' whole facts."""
    owner: dict[str, list[int]] = defaultdict(list)
    for index, hostnames in names.items():
        for name in hostnames:
            owner[name].append(index)
    role: dict[str, str] = {}
    facts = []
    for index, devices in captures.items():
        for item in devices:
            owner[item.device.hostname].append(index)
            failover, _commands = item.resolve("failover")
            role[item.device.hostname] = str(getattr(failover, "unit", "") or "")
            facts.append(item)
    edges = set()
    for pair in find_pairs(facts):
        if pair.verdict == MISSING_END or len(pair.devices) != 2:
            continue
        homes = [owner[name] for name in pair.devices]
        if any(len(h) != 1 for h in homes) or homes[0] == homes[1]:
            continue
        roles = {role.get(name, "") for name in pair.devices}
        if pair.kind == FAILOVER and "" not in roles and len(roles) == 1:
            continue
        a, b = sorted((homes[0][0], homes[1][0]))
        edges.add((a, b))
    return edges


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda p: p.name)
def test_keys_pair_the_devices_of_each_recording_as_find_pairs_does(recording):
    devices = load_paths([recording]).devices
    whole = _whole([DeviceFacts(d) for d in devices])
    # fresh facts for the keys: nothing find_pairs resolved is reused
    assert matched_ends(device_keys([DeviceFacts(d) for d in devices])) == whole


def test_all_pair_recordings_loaded_together_pair_alike():
    """Every pair recording's devices in one list: more candidates, so more ways to
    mismatch (several units sharing a failover link, ends naming addresses twice)."""
    devices = [d for r in RECORDINGS for d in load_paths([r]).devices]
    whole = _whole([DeviceFacts(d) for d in devices])
    # the recordings reuse serials and documentation addresses: most identifiers are claimed
    # by more than two devices, so they pair none (tests/pairs/test_ambiguous_ids.py); those
    # claimed by two still pair
    assert len(whole) >= 2
    assert matched_ends(device_keys([DeviceFacts(d) for d in devices])) == whole


def _batch_compare(units) -> tuple[int, int]:
    """Each folder's captures matched as the batch matches them, on whole facts and on keys:
    the same candidates and the same edges. (candidates, edges) counted."""
    facts, names = {}, {}
    for index, unit in enumerate(units):
        # loaded as `analyse_unit` loads it; facts are read lazily, so the trees' walk (the
        # rest of an analysis) changes none of the facts matching reads
        try:
            capture = load_paths(list(unit.paths))
        except NetriageError:
            continue
        if not any(d.platform for d in capture.devices):
            continue
        devices = [DeviceFacts(d) for d in capture.devices]
        keys = pair_keys(devices)
        assert (keys is not None) == _whole_may_pair(devices), unit.label
        if keys is None:
            names[index] = [d.device.hostname for d in devices]
        else:
            # what a worker sends: small next to the facts (~50 KB), and picklable
            assert len(pickle.dumps(keys)) < 4000, unit.label
            facts[index] = (devices, keys)
    by_folder = defaultdict(list)
    for index in facts:
        by_folder[units[index].folder].append(index)
    edges = 0
    for folder, indexes in by_folder.items():
        elsewhere = {i: n for i, n in names.items() if units[i].folder == folder}
        whole = _whole_edges({i: facts[i][0] for i in indexes}, elsewhere)
        assert pair_edges({i: facts[i][1] for i in indexes}, elsewhere) == whole, folder
        edges += len(whole)
    return len(facts), edges


def test_the_pair_recordings_as_a_batch_folder_match_alike():
    candidates, edges = _batch_compare(folder_units(PAIRS))
    assert candidates >= 20 and edges >= 10  # the two-file recordings pair


def test_a_generated_batch_folder_matches_alike(tmp_path):
    """Every template twice (as the benchmark's 1,000 repeat them): the same serials and
    addresses under other device names, so the matchers meet identifiers several claim."""
    generate(tmp_path, 2 * len(templates()))
    candidates, edges = _batch_compare(folder_units(tmp_path))
    # every serial and address claimed twice over: none identifies a pair, so none pairs
    # (each template once does: tests/pairs/test_ambiguous_ids.py)
    assert candidates > 100 and edges == 0
