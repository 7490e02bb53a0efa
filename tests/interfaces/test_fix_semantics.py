"""Issue 11 for the interface trees: fixes right for the platform and release, filled from the
capture, with their impact; conclusions drawn only from what the capture holds."""

from __future__ import annotations

from netriage.engine.fixes import choose
from netriage.engine.tree import load_trees
from tests.conftest import FIXTURES
from tests.helpers_trees import cdp_duplex_mismatch_capture, run

IFS = FIXTURES / "interfaces"


def _only(findings, finding_id):
    [finding] = [f for f in findings if f.id == finding_id]
    return finding


def _above_low(analysis):
    return [f.id for f in analysis.findings if f.severity not in ("low", "info")]


def test_crc_errors_do_not_conclude_the_physical_path_without_the_far_end():
    finding = _only(run(IFS / "crc-errors.log")[0], "iface.input-errors-crc")
    text = finding.explanation
    assert "so this is the physical path" not in text
    # what this end says is quoted as read, and the far end is named as what decides
    assert "(full duplex, negotiated by this end)" in text
    assert "cannot tell" in text and "far end" in text


def test_half_duplex_and_late_collisions_of_an_unplugged_port_are_not_reported():
    findings, analysis = run(IFS / "switch-half-duplex-port-unplugged.log")
    facts = analysis.devices[0].facts.resolve("interfaces")[0]
    port = next(i for i in facts.interfaces if i.name == "GigabitEthernet1/0/3")
    # the counters were read: the port is down with half duplex and lifetime late collisions
    assert (port.duplex, port.late_collisions, port.up) == ("half", 12, False)
    assert findings == [] and _above_low(analysis) == []
    # the described spare is a question for the engineer, not a finding
    assert any(u.node == "meant-to-be-used" for u in analysis.undecided)


def test_a_shut_port_with_only_an_address_is_asked_about_not_called_in_use():
    path = IFS / "router-shut-port-keeps-address.log"
    findings, analysis = run(path)
    assert findings == [] and _above_low(analysis) == []
    assert any(u.node == "meant-to-be-used" and u.question for u in analysis.undecided)
    assert run(path, {"interfaces-unused.meant-to-be-used": "no"})[0] == []
    finding = _only(run(path, {"interfaces-unused.meant-to-be-used": "yes"})[0],
                    "iface.admin-down")
    assert "GigabitEthernet0/2 (has address 10.44.9.1)" in finding.explanation
    assert "(your answer)" in finding.explanation


def test_a_shut_port_in_use_says_which_evidence_shows_it():
    finding = _only(run(IFS / "admin-down-router.log")[0], "iface.admin-down")
    assert "in use: went down in the log (it was up before), description 'LAN'" in (
        finding.explanation)
    [fix] = finding.fix
    assert fix.commands == ["configure terminal", "interface GigabitEthernet0/1",
                            " no shutdown", "end"]
    assert fix.rollback == ["configure terminal", "interface GigabitEthernet0/1", " shutdown",
                            "end"]


def test_duplex_fix_on_a_monitored_failover_interface_says_the_pair_may_fail_over():
    findings, analysis = run(IFS / "asa-pair-inside-half-duplex-late-collisions.log")
    assert _above_low(analysis) == ["iface.duplex-mismatch"]
    finding = _only(findings, "iface.duplex-mismatch")
    switch = [f for f in finding.fix if f.device == "switch"]
    own = [f for f in finding.fix if not f.device]
    assert len(switch) == 1 and len(own) == 1
    assert "interface <far-end-port>" in switch[0].commands
    assert switch[0].commands[1] == "configure terminal" and switch[0].commands[-1] == "end"
    # the far end's change flaps this monitored link too
    assert "Flaps GigabitEthernet1/2 (inside)" in switch[0].impact
    assert "monitored failover interface, so the pair may fail over" in switch[0].impact
    # this end negotiates already (Auto-Duplex, Auto-Speed, no speed/duplex lines): nothing
    # to type here, nothing to roll back, and its impact says so
    assert own[0].commands[:2] == ["configure terminal", "interface GigabitEthernet1/2"]
    assert not any(c.strip().startswith(("speed", "duplex")) for c in own[0].commands)
    assert not any(c.strip().startswith(("speed", "duplex")) for c in own[0].rollback)
    assert own[0].impact.startswith("None on GigabitEthernet1/2 (inside)")


def test_a_hard_coded_end_is_set_to_auto_and_rolled_back_to_its_captured_lines():
    finding = _only(run(IFS / "catalyst-6500-hardcoded-full-crc.log",
                        {"interfaces-duplex.far-end": "auto"})[0], "iface.duplex-mismatch")
    [own] = [f for f in finding.fix if not f.device]
    assert " speed auto" in own.commands and " duplex auto" in own.commands
    assert " speed 100" in own.rollback and " duplex full" in own.rollback
    assert own.impact.startswith("Flaps GigabitEthernet3/12")


def test_cdp_names_the_far_end_port_of_the_switch_side_fix(tmp_path):
    path = cdp_duplex_mismatch_capture(tmp_path)
    finding = _only(run(path)[0], "iface.duplex-mismatch")
    [switch] = [f for f in finding.fix if f.device == "switch"]
    assert "interface GigabitEthernet1/0/23" in switch.commands


def test_pix_6_gets_its_flat_interface_syntax():
    finding = _only(run(IFS / "pix-duplex-mismatch.log")[0], "iface.duplex-mismatch")
    [own] = [f for f in finding.fix if not f.device]
    assert own.commands == ["configure terminal", "interface ethernet0 auto", "end",
                            "clear interface"]
    assert not any(line.strip().startswith(("speed", "duplex")) for line in own.commands)


def _templates(tree_id: str, node_id: str):
    [tree] = [t for t in load_trees() if t.id == tree_id]
    return tree.nodes[node_id].fixes


def test_pix_7_speaks_the_asa_interface_language_and_pix_6_its_own():
    templates = _templates("interfaces-duplex", "mismatch-found")
    pix7 = [t for t in choose(templates, "pix", "7.2(4)").chosen if not t.device]
    pix6 = [t for t in choose(templates, "pix", "6.3(5)").chosen if not t.device]
    assert pix7[0].platforms == ("asa", "pix") and " {i.duplex_auto_line}" in pix7[0].commands
    assert "interface {i.name} auto" in pix6[0].commands


def test_ftd_gets_manager_steps_and_fxos_chassis_lines_never_lina_config():
    path = IFS / "ftd-fxos-admin-down.log"
    fxos = _only(run(path, {"interfaces-ftd.enabled-in-fmc": "yes"})[0],
                 "iface.ftd-fxos-admin-down")
    [fix] = fxos.fix
    assert fix.commands[0] == "connect fxos"
    assert "enter interface Ethernet1/1" in fix.commands
    assert any("Chassis Manager" in step for step in fix.manager)
    # disabled in FMC, and nothing but its name and address shows use: asked, not assumed
    findings, analysis = run(path, {"interfaces-ftd.enabled-in-fmc": "no"})
    assert findings == []
    assert any(u.node == "meant-to-be-used" for u in analysis.undecided)
    fmc = _only(run(path, {"interfaces-ftd.enabled-in-fmc": "no",
                           "interfaces-ftd.meant-to-be-used": "yes"})[0], "iface.admin-down")
    [fix] = fmc.fix
    assert fix.commands == []
    assert any(step.startswith("FMC: Devices > Device Management") and "Enabled" in step
               for step in fix.manager)


def test_every_speed_or_duplex_change_says_it_flaps_the_link():
    for tree in load_trees():
        if not tree.id.startswith("interfaces"):
            continue
        for node in tree.nodes.values():
            for template in node.fixes:
                lines = " ".join(template.commands + template.manager).lower()
                if any(word in lines for word in ("speed auto", "speed_auto_line",
                                                  "duplex = auto", "} auto")):
                    # auto_impact is flap_impact unless this end already negotiates
                    assert ("flap" in template.impact.lower()
                            or "auto_impact" in template.impact), (tree.id, node.id)
                assert template.impact, (tree.id, node.id, template.platforms)
