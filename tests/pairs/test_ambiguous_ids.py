"""Identifiers that identify nothing: an identifier more than two loaded devices claim pairs
none of them (captures reusing documentation addresses, one lab's failover link), and an
address both units of a failover pair own is an IPsec end only on the unit holding it.

Real recordings through `netriage analyze`, the same folders as a batch matches them, and the
pair keys (`matched_ends`) against matching on the whole facts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import jsonschema

from netriage.batch import folder_units
from netriage.capture import load_paths
from netriage.facts import DeviceFacts
from netriage.pairs import device_keys, failover_units, find_pairs, matched_ends
from netriage.pairs.failover_match import holder, unit_key
from tests.conftest import RECORDINGS
from tests.pairs.helpers import PAIRS, analyze, two_ended
from tests.pairs.test_keys import _batch_compare, _whole
from tests.report.generate import generate, templates

SITES = PAIRS / "ambiguous-documentation-addresses"
EDGE = PAIRS / "failover-pair-and-vpn-peer"
ROOT = RECORDINGS.parent
LYON, OSLO, PORTO = (SITES / f"fw-{name}.log" for name in ("lyon", "oslo", "porto"))


def _said(report, kind: str) -> dict[str, str]:
    """{device: sentence} of the one-device entries of `kind` (missing ends, shared ids)."""
    return {p["devices"][0]: p["summary"] for p in report["pairs"]
            if p["kind"] == kind and len(p["devices"]) == 1 and p["verdict"] == "missing end"}


def test_three_sites_sharing_a_failover_link_and_an_address_pair_nothing():
    code, report, err = analyze(LYON, OSLO, PORTO)
    assert code == 1, err  # the devices' own findings (mates not detected), not a pair's
    assert two_ended(report) == []
    assert _said(report, "failover") == {
        name: f"{name} shares its failover link folink 10.0.0.1 standby 10.0.0.2 with "
              f"{others}: a failover pair has two units, so no mate can be told from it, and "
              f"{name} was not paired."
        for name, others in (("fw-lyon/pri", "fw-oslo/sec and fw-porto/sec"),
                             ("fw-oslo/sec", "fw-lyon/pri and fw-porto/sec"),
                             ("fw-porto/sec", "fw-lyon/pri and fw-oslo/sec"))}
    refused = ("{0} names 198.51.100.1, which fw-porto/sec owns, but fw-porto/sec's peer "
               "203.0.113.1 is owned by fw-lyon/pri and fw-oslo/sec: which of them is its end "
               "cannot be told, so {0}'s tunnel to 198.51.100.1 was judged from its end only.")
    assert _said(report, "ipsec") == {
        "fw-porto/sec": "fw-porto/sec names 203.0.113.1 as a peer, but fw-lyon/pri and "
                        "fw-oslo/sec both own it: no tunnel end can be told from it, so that "
                        "tunnel was judged from fw-porto/sec's end only.",
        "fw-lyon/pri": refused.format("fw-lyon/pri"),
        "fw-oslo/sec": refused.format("fw-oslo/sec")}
    # the evidence shows the shared address on each device that holds or names it
    [porto] = [p for p in report["pairs"] if p["kind"] == "ipsec"
               and p["devices"] == ["fw-porto/sec"]]
    assert {e["device"] for e in porto["evidence"]} == {"fw-lyon/pri", "fw-oslo/sec",
                                                        "fw-porto/sec"}
    assert all("203.0.113.1" in e["text"] for e in porto["evidence"])
    # no pair verdict reaches any device: nothing was concluded over two ends
    assert all(d["pair_verdicts"] == [] for d in report["devices"])
    # the report's contract holds (a pair entry names one or two devices)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)


def test_two_of_those_sites_alone_still_pair_as_before():
    """Two devices: every identifier is claimed by at most two, so matching is today's."""
    _code, report, _err = analyze(LYON, OSLO)
    [pair] = two_ended(report)
    assert (pair["kind"], pair["devices"]) == ("failover", ["fw-lyon/pri", "fw-oslo/sec"])
    assert pair["matched_by"].startswith("failover link folink 10.0.0.1 standby 10.0.0.2")
    _code, report, _err = analyze(LYON, PORTO)
    # two claimants of the link and of 203.0.113.1: both identifiers still pair (a pair of
    # devices reusing one lab's configuration looks exactly like a pair; only a third tells)
    assert sorted((p["kind"], p["devices"]) for p in two_ended(report)) == [
        ("failover", ["fw-lyon/pri", "fw-porto/sec"]), ("ipsec", ["fw-lyon/pri", "fw-porto/sec"])]
    assert [p for p in report["pairs"] if p["verdict"] == "missing end"] == []


def test_a_vpn_peer_pairs_with_the_active_unit_only():
    code, report, err = analyze(*sorted(EDGE.glob("*.log")))
    assert code == 0, err  # a healthy edge: the standby's idle tunnel is no fault of its own
    pairs = {(p["kind"], tuple(p["devices"])): p for p in two_ended(report)}
    assert set(pairs) == {("failover", ("fw-edge/pri", "fw-edge/sec")),
                          ("ipsec", ("branch-b-fw", "fw-edge/pri"))}
    assert pairs["failover", ("fw-edge/pri", "fw-edge/sec")]["verdict"] == "healthy"
    tunnel = pairs["ipsec", ("branch-b-fw", "fw-edge/pri")]
    assert tunnel["verdict"] == "established"
    assert tunnel["matched_by"].endswith(
        "; 203.0.113.10 is also configured on fw-edge/sec, fw-edge/pri's failover mate, which "
        "does not hold it now: no end of this tunnel")
    # the standby is in no IPsec entry at all (no false two-ended fault, no missing end)
    assert not [p for p in report["pairs"] if p["kind"] == "ipsec"
                and "fw-edge/sec" in p["devices"]]


def _split_brain(tmp_path):
    """The same folder, the secondary Active too: it lists the pair's active addresses as
    its own, as a unit that lost its mate does (a real `show failover` of a split brain)."""
    folder = tmp_path / "edge-split"
    shutil.copytree(EDGE, folder)
    path = folder / "fw-edge-secondary.log"
    text = path.read_text(encoding="utf-8")
    for old, new in (("This host: Secondary - Standby Ready", "This host: Secondary - Active"),
                     ("Other host: Primary - Active", "Other host: Primary - Failed"),
                     ("Interface outside (203.0.113.11)", "Interface outside (203.0.113.99)"),
                     ("Interface outside (203.0.113.10)", "Interface outside (203.0.113.11)"),
                     ("Interface outside (203.0.113.99)", "Interface outside (203.0.113.10)"),
                     ("fw-edge/sec/stby", "fw-edge/sec/act")):
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return folder


def test_when_both_units_hold_the_address_no_end_is_guessed(tmp_path):
    folder = _split_brain(tmp_path)
    _code, report, err = analyze(*sorted(folder.glob("*.log")))
    assert [(p["kind"], p["devices"]) for p in two_ended(report)] == [
        ("failover", ["fw-edge/pri", "fw-edge/sec"])], err
    refused = ("{0} names 192.0.2.45, which branch-b-fw owns, but branch-b-fw's peer "
               "203.0.113.10 is owned by fw-edge/pri and fw-edge/sec: which of them is its end "
               "cannot be told, so {0}'s tunnel to 192.0.2.45 was judged from its end only.")
    assert _said(report, "ipsec") == {
        "branch-b-fw": "branch-b-fw names 203.0.113.10 as a peer, owned by fw-edge/pri and "
                       "fw-edge/sec, the two units of one failover pair, and both units' `show "
                       "failover` list it as their own (a split brain): no tunnel end can be "
                       "told from it, so that tunnel was judged from branch-b-fw's end only.",
        "fw-edge/pri": refused.format("fw-edge/pri"),
        "fw-edge/sec": refused.format("fw-edge/sec")}


def test_active_active_the_unit_holding_the_group_is_the_end():
    """Active/Active: `show failover` lists each context's interfaces under the unit active
    for its group; an address neither lists cannot be placed, and is said so."""
    devices = load_paths([PAIRS / "failover-active-active-healthy"]).devices
    units = {u.name: unit_key(u) for u in failover_units([DeviceFacts(d) for d in devices])}
    pri, sec = units["mc4-fw/pri"], units["mc4-fw/sec"]
    assert holder(pri, sec, "10.132.8.5") == ("mc4-fw/pri", "")  # ctx1: group 1 on primary
    assert holder(pri, sec, "10.3.3.1") == ("mc4-fw/sec", "")  # ctx2: group 2 on secondary
    end, why = holder(pri, sec, "192.0.2.200")
    assert end == "" and "which failover group (and unit) holds it is not shown" in why


def test_keys_match_as_whole_facts_on_the_ambiguous_folders(tmp_path):
    expected = {
        SITES: [],
        EDGE: [("failover", "fw-edge/pri", "fw-edge/sec"), ("ipsec", "branch-b-fw", "fw-edge/pri")],
        _split_brain(tmp_path): [("failover", "fw-edge/pri", "fw-edge/sec")],
    }
    for folder, pairs in expected.items():
        devices = load_paths(sorted(folder.glob("*.log"))).devices
        whole = _whole([DeviceFacts(d) for d in devices])
        assert sorted(whole) == pairs, folder.name
        assert matched_ends(device_keys([DeviceFacts(d) for d in devices])) == whole


def test_the_batch_matches_these_folders_as_the_whole_facts_do():
    for folder, edges in ((SITES, 0), (EDGE, 2)):
        assert _batch_compare(folder_units(folder)) == (3, edges), folder.name


def test_the_batch_path_pairs_no_capture_of_three_sites(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(SITES),
                             "--batch", "--output", str(out), "--format", "json"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert sorted(row["file"] for row in index["index"]) == [p.name for p in (LYON, OSLO, PORTO)]
    # each capture analysed on its own, and no note says another capture holds its mate or
    # peer (matched on the shared link and address, each had two, and was noted so)
    assert [row["devices"] for row in index["index"]] == [[n] for n in (
        "fw-lyon/pri", "fw-oslo/sec", "fw-porto/sec")]
    assert all(row["pairs"] == 0 for row in index["index"])
    assert index["notes"] == []


def test_each_template_once_still_pairs_across_captures(tmp_path):
    """A generated folder without repeats: ends of different captures still pair (the keys
    as the whole facts), so the rule takes only what several devices share."""
    generate(tmp_path, len(templates()))
    candidates, edges = _batch_compare(folder_units(tmp_path))
    assert candidates > 80 and edges >= 5


def test_find_pairs_of_two_devices_is_untouched_by_the_rule():
    """Every two-device pair recording still pairs, and no entry for a shared identifier
    appears (their sentences say what cannot "be told")."""
    checked = 0
    for recording in sorted(p for p in PAIRS.iterdir() if p.is_dir()):
        devices = load_paths([recording]).devices
        if len(devices) != 2:
            continue
        pairs = find_pairs([DeviceFacts(d) for d in devices])
        assert [p.kind for p in pairs if len(p.devices) == 2], recording.name
        assert not [p.summary for p in pairs if "be told" in p.summary], recording.name
        checked += 1
    assert checked >= 10
