"""The fix vocabularies refuse what a platform would refuse, by mode and by release."""

from __future__ import annotations

import pytest

from netriage.engine.tree import FixTemplate
from netriage.engine.versions import parse_range, parse_version
from netriage.engine.vocab import check_fix


def fix(platforms, commands, versions="", device="", verify=(), rollback=()):
    return FixTemplate(tuple(platforms), tuple(commands), tuple(verify), tuple(rollback),
                       versions, "", (), device)


@pytest.mark.parametrize(("text", "version"), [
    ("9.16(4)", (9, 16, 4)), ("6.3(5)", (6, 3, 5)), ("12.2(33)SXJ1", (12, 2, 33)),
    ("15.2(4)M7", (15, 2, 4)), ("17.3.4a", (17, 3, 4)), ("7.2.5", (7, 2, 5)), ("9.1", (9, 1, 0)),
])
def test_versions_order_as_releases(text, version):
    assert parse_version(text) == version


def test_version_ranges():
    assert parse_range(">=9.1(2)").contains((9, 1, 2))
    assert not parse_range(">=9.1(2)").contains((9, 1, 1))
    assert parse_range(">=12.4 <15.1").contains((12, 4, 25))
    assert not parse_range("<7").contains((7, 0, 0))
    with pytest.raises(ValueError, match="range"):
        parse_range("nine")


def test_ftd_refuses_lina_configuration():
    problems = check_fix(fix(["ftd"], ["configure terminal", "interface GigabitEthernet0/1",
                                       "speed auto", "end"]), ())
    assert any("'configure terminal' is not a ftd command" in p for p in problems)


def test_ftd_accepts_its_own_cli():
    assert check_fix(fix(["ftd"], ["configure high-availability resume"],
                         verify=["show failover", "show failover history"],
                         rollback=["configure high-availability suspend"]), ()) == []


def test_pix6_refuses_asa_syntax_and_accepts_its_own():
    asa_style = ["configure terminal", "crypto ikev1 policy 10",
                 "access-list VPN extended permit ip 10.0.0.0 255.0.0.0 any",
                 "failover polltime unit 1 holdtime 15", "end"]
    problems = check_fix(fix(["pix"], asa_style, versions="<7"), ())
    assert len(problems) == 3, problems
    pix_style = ["configure terminal", "isakmp policy 10 encryption 3des",
                 "access-list VPN permit ip 10.0.0.0 255.0.0.0 any", "failover poll 15",
                 "sysopt connection permit-ipsec", "ca generate rsa key 1024", "end",
                 "write memory"]
    assert check_fix(fix(["pix"], pix_style, versions="<7"), ()) == []


def test_a_pix_block_without_versions_must_suit_pix6_and_pix7():
    problems = check_fix(fix(["pix"], ["configure terminal", "sysopt connection permit-vpn",
                                       "end"]), ())
    assert any("pix6" in p for p in problems)
    assert not any("[asa" in p for p in problems)


def test_releases_bound_commands():
    line = ["configure terminal", "failover ipsec pre-shared-key 0 s3cret", "end"]
    assert check_fix(fix(["asa"], line, versions=">=9.1(2)"), ()) == []
    assert any("exists only in" in p for p in check_fix(fix(["asa"], line), ()))
    sx = ["configure terminal", "enable algorithm-type scrypt secret s3cret",
          "crypto isakmp policy 20", "hash sha256", "end"]
    assert len(check_fix(fix(["ios"], sx, versions=">=12.2 <12.3"), ())) == 2
    assert check_fix(fix(["ios"], sx, versions=">=15.3(3)"), ()) == []


def test_modes_are_followed():
    ios = ["configure terminal", "crypto map VPN 10 ipsec-isakmp", "set peer 192.0.2.1",
           "set transform-set TS-AES TS-3DES", "interface GigabitEthernet0/0",
           "crypto map VPN", "exit", "do show crypto map", "end"]
    assert check_fix(fix(["ios"], ios), ()) == []
    # `set peer` exists only inside a crypto map entry
    assert check_fix(fix(["ios"], ["configure terminal", "set peer 192.0.2.1", "end"]), ())
    # config lines must be closed
    problems = check_fix(fix(["asa"], ["configure terminal", "failover"]), ())
    assert problems == ["[asa commands] ends in config mode: config lines must close with `end`"]


def test_no_forms_placeholders_and_filters():
    lines = ["configure terminal", "interface {i.name}", "no ip address", "exit",
             "no failover key", "no {h.text}", "end", "show running-config failover | include key"]
    assert check_fix(fix(["asa"], lines), ()) == []
    assert check_fix(fix(["asa"], ["show running-config | section crypto"]), ())


def test_far_end_switch_lines_are_checked_as_ios():
    lines = ["configure terminal", "interface <switch-port>", "spanning-tree portfast",
             "spanning-tree bpduguard disable", "end"]
    assert check_fix(fix(["asa"], lines, device="switch"), ()) == []
    assert check_fix(fix(["asa"], lines), ())  # not ASA commands


def test_an_expression_inside_a_line_may_stand_for_several_words():
    # `{s.asa_ace}` renders as `extended permit ip any any`: five words of the device's config
    assert check_fix(fix(["asa"], ["configure terminal", "no access-list {s.acl} {s.asa_ace}",
                                   "access-list {s.acl} line 3 {s.asa_ace}", "end"]), ()) == []
    # ...but the words around it are still checked
    problems = check_fix(fix(["asa"], ["configure terminal", "access-lst {s.acl} {s.asa_ace}",
                                       "end"]), ())
    assert any("'access-lst" in p for p in problems)


def test_lines_under_a_rendered_header_are_the_devices_own_sub_mode():
    # `{t.header}` is `line vty 0 4` from the capture: its indented lines belong to it
    ios = fix(["ios"], ["configure terminal", "{t.header}", " login local", " end"])
    assert check_fix(ios, ()) == []
    # a line that is not indented is checked at config mode again
    problems = check_fix(fix(["ios"], ["configure terminal", "{t.header}", "login local",
                                       "end"]), ())
    assert any("'login local' is not a ios command at config mode" in p for p in problems)


# Trees whose every fix line has been checked against the platform grammars (issue 11's audit):
# they must stay clean. Add a tree here when its audit is done; the lint then guards it.
AUDITED = ("config-access", "config-acl", "config-auth", "config-keys", "config-services",
           "config-syntax",
           "crypto-config", "crypto-ike", "crypto-ipsec", "crypto-manual",
           "crypto-q-ike-version", "crypto-q-ikev2-cause", "crypto-q-msg5", "crypto-q-p2-cause",
           "crypto-q-peer",
           "failover", "failover-active-active", "failover-config", "failover-history",
           "failover-interfaces", "failover-onsite", "failover-sync", "failover-syslog",
           "interfaces-asa", "interfaces-duplex", "interfaces-errdisable", "interfaces-errors",
           "interfaces-ftd", "interfaces-speed", "interfaces-stability", "interfaces-state",
           "interfaces-unused")


def test_every_tree_is_audited():
    """A new tree joins the audited set: the lint and the rendered-fix test then guard it."""
    from netriage.engine.tree import load_trees

    assert sorted(t.id for t in load_trees()) == sorted(AUDITED)


@pytest.mark.parametrize("tree_id", AUDITED)
def test_audited_trees_have_no_line_a_platform_would_refuse(tree_id):
    from netriage.engine.lint_fixes import vocabulary_problems
    from netriage.engine.tree import load_trees

    [tree] = [t for t in load_trees() if t.id == tree_id]
    assert [f"{p.node}: {p.message}" for p in vocabulary_problems((tree,))] == []
