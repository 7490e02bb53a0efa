"""ACL analysis: real shadowing on address and port sets, syntax, duplicates, object groups."""

from __future__ import annotations

import pytest

from netriage.facts.config.acl import analyse_acls
from netriage.facts.config.acl_groups import object_groups
from netriage.facts.config.acl_match import (
    AclSyntaxError,
    ObjectGroups,
    covers,
    is_any_any,
    parse_match,
)
from netriage.facts.config.tree import RunningConfig, parse_lines

NONE = ObjectGroups({}, {}, {})


def ios(text: str) -> RunningConfig:
    lines, _ = parse_lines(text + "\nend\n", "cisco_ios", "show running-config")
    return RunningConfig("cisco_ios", lines, complete=True)


def asa(text: str) -> RunningConfig:
    lines, _ = parse_lines(text + "\n: end\n", "cisco_asa", "show running-config")
    return RunningConfig("cisco_asa", lines, complete=True)


def m(text: str, *, on_asa: bool = False, standard: bool = False, groups=NONE):
    return parse_match(text.split()[1:], asa=on_asa, standard=standard, groups=groups)


@pytest.mark.parametrize(("earlier", "later", "expected"), [
    ("permit ip 10.0.0.0 0.255.255.255 any", "deny ip host 10.1.1.5 any", True),
    ("permit ip 10.1.0.0 0.0.255.255 any", "deny ip 10.0.0.0 0.255.255.255 any", False),
    ("permit tcp any any", "permit tcp host 1.1.1.1 host 2.2.2.2 eq 443", True),
    ("permit tcp any any eq 443", "permit tcp any any range 440 450", False),
    ("permit tcp any any range 1 1024", "permit tcp any any eq www", True),
    ("permit udp any any", "permit tcp any any eq 53", False),
    ("permit tcp any any established", "permit tcp any any eq 22", False),  # narrowed
    ("permit ip any any log", "permit icmp any any echo", True),  # log does not narrow
    ("deny ip any any", "permit 105 host 10.0.0.1 host 10.0.0.2", True),
    ("permit tcp any any gt 1023", "permit tcp any any eq 1024", True),
    ("permit tcp any any neq 23", "permit tcp any any eq 23", False),
    ("permit ip 10.0.0.0 0.0.255.0 any", "permit ip host 10.0.1.1 any", False),  # odd wildcard
])
def test_ios_coverage(earlier, later, expected):
    assert covers(m(earlier), m(later), asa=False) is expected


def test_asa_any_is_both_families_and_masks_are_masks():
    assert covers(m("permit ip any any", on_asa=True),
                  m("permit ip 2001:db8::/32 any6", on_asa=True), asa=True)
    assert not covers(m("permit ip any4 any4", on_asa=True),
                      m("permit ip 2001:db8::/32 any6", on_asa=True), asa=True)
    assert covers(m("permit ip 10.0.0.0 255.0.0.0 any", on_asa=True),
                  m("permit tcp host 10.9.9.9 any eq https", on_asa=True), asa=True)
    with pytest.raises(AclSyntaxError):
        m("permit ip 10.0.0.0 0.255.255.255 any", on_asa=True)  # a wildcard is no ASA mask


@pytest.mark.parametrize(("text", "incomplete", "fragment"), [
    ("permit ip host host eq 105", False, "`host` must be followed by an IP address"),
    ("permit ip any any eq 80", False, "port operator `eq` after protocol `ip`"),
    ("permit ip host 10.1.1.1", True, "before the destination"),
    ("permit tcp any", True, "before the destination"),
    ("permit", True, "no protocol"),
    ("permit bogus any any", False, "not a protocol"),
    ("permit tcp any any eq", True, "has no port"),
    ("permit tcp any any range 90 80", False, "`range` needs two ports"),
])
def test_syntax_errors(text, incomplete, fragment):
    with pytest.raises(AclSyntaxError) as error:
        m(text)
    assert error.value.incomplete is incomplete
    assert fragment in error.value.detail


def test_standard_acl_bare_address_is_a_host():
    match = m("permit 10.1.1.1", standard=True)
    assert [str(n) for n in match.src] == ["10.1.1.1/32"]
    assert is_any_any(m("deny any", standard=True), asa=False)


def test_shadows_grouped_and_placed():
    analysis = analyse_acls(ios("""ip access-list extended EDGE
 permit tcp any host 192.0.2.10 eq 443
 deny   ip any any log
 permit tcp any host 192.0.2.10 eq 22
 permit udp any host 192.0.2.10 eq 53
access-list 120 permit ip 10.0.0.0 0.255.255.255 any
access-list 120 deny ip host 10.1.1.5 any
access-list 120 permit ip 10.0.0.0 0.255.255.255 any
access-list 120 remark keep this one
access-list 120 permit tcp any any eq 22"""))
    assert [(s.acl, s.seq, s.insert_seq) for s in analysis.after_deny_any] == [
        ("EDGE", 30, 13), ("EDGE", 40, 16)]
    assert all(s.by_ace == "deny ip any any log" for s in analysis.after_deny_any)
    assert [(s.ace, s.relation) for s in analysis.by_broader] == [
        ("deny ip host 10.1.1.5 any", "never reached")]
    assert [(s.ace, s.by_seq) for s in analysis.duplicates] == [
        ("permit ip 10.0.0.0 0.255.255.255 any", 10)]


def test_asa_lines_count_remarks_and_resolve_object_groups():
    config = asa("""object network WEB
 host 192.0.2.10
object-group network SERVERS
 network-object object WEB
 network-object 192.0.2.128 255.255.255.128
object-group service WEBPORTS tcp
 port-object eq www
 port-object eq https
access-list IN remark published servers
access-list IN extended permit tcp any object-group SERVERS object-group WEBPORTS
access-list IN extended permit tcp any host 192.0.2.200 eq https
access-list IN extended permit tcp any object WEB eq www inactive
access-list IN extended deny ip any any""")
    groups = object_groups(config)
    assert [str(n) for n in groups.networks["SERVERS"]] == ["192.0.2.10/32", "192.0.2.128/25"]
    assert groups.services["WEBPORTS"] == ("tcp", ((80, 80), (443, 443)))
    analysis = analyse_acls(config)
    [shadow] = analysis.by_broader
    assert (shadow.ace, shadow.position, shadow.by_position, shadow.insert_line) == (
        "permit tcp any host 192.0.2.200 eq https", 3, 2, 2)
    assert shadow.asa_ace == "extended permit tcp any host 192.0.2.200 eq https"
    assert [a.inactive for a in analysis.lines] == [False, False, False, True, False]


def test_unknown_object_group_claims_nothing():
    analysis = analyse_acls(asa("""access-list IN extended permit ip object-group NOWHERE any
access-list IN extended permit tcp host 10.0.0.1 any eq 22"""))
    assert analysis.by_broader == [] and analysis.invalid == []
