"""ASA NAT read in the order the ASA applies it, for VPN traffic.

Section 1 (manual / twice NAT) first, then section 2 (object NAT, statics before dynamics),
then section 3 (after-auto). A proxy pair is exempt only when an identity rule covers the
whole pair; a translating rule that overlaps the local network translates some of it.
"""

from __future__ import annotations

from netriage.facts.crypto.config import CryptoConfig
from netriage.facts.crypto.config_asa import _parse_asa, _resolve_acl_objects
from netriage.facts.crypto.config_sources import blocks
from netriage.facts.crypto.route_nat import nat_translates

OBJECTS = """\
object network OBJ-DC-LAN
 subnet 10.60.0.0 255.255.0.0
object network OBJ-USERS
 subnet 10.60.8.0 255.255.252.0
object network OBJ-PARIS
 subnet 10.110.0.0 255.255.255.0
object network OBJ-LYON
 subnet 10.111.0.0 255.255.255.0
object network OBJ-LILLE
 subnet 10.113.0.0 255.255.255.0
object-group network OG-PARTNER
 network-object 172.31.14.0 255.255.255.0
 network-object host 172.31.99.10
object network OBJ-CLOUD
 fqdn vpn.cloud.example.com
"""
EXEMPT_PARIS = ("nat (inside,outside) source static OBJ-DC-LAN OBJ-DC-LAN destination static "
                "OBJ-PARIS OBJ-PARIS no-proxy-arp route-lookup")
EXEMPT_LYON = ("nat (inside,outside) source static any any destination static OBJ-LYON "
               "OBJ-LYON no-proxy-arp route-lookup")
PAT_ALL = "object network OBJ-DC-LAN\n nat (inside,outside) dynamic interface"
DC, PARIS, LYON, LILLE = "10.60.0.0/16", "10.110.0.0/24", "10.111.0.0/24", "10.113.0.0/24"


def asa(*lines: str) -> CryptoConfig:
    config = CryptoConfig("cisco_asa", covered={"all"})
    _parse_asa(config, blocks(OBJECTS + "\n".join(lines) + "\n"))
    _resolve_acl_objects(config)
    return config


def test_removed_exemption_is_translated_by_object_pat():
    # the hub with one exemption per peer and PAT for the LAN: Lille's line was removed
    config = asa(EXEMPT_PARIS, EXEMPT_LYON, PAT_ALL)
    assert nat_translates(config, DC, PARIS) is False
    assert nat_translates(config, DC, LYON) is False  # `source static any any`
    assert nat_translates(config, DC, LILLE) is True


def test_translating_rule_overlapping_part_of_the_local_network_translates():
    # PAT only for the user range inside the proxy's /16: those hosts are translated
    config = asa(EXEMPT_PARIS, "object network OBJ-USERS\n nat (inside,outside) dynamic "
                 "interface")
    assert nat_translates(config, DC, LILLE) is True
    assert nat_translates(config, DC, PARIS) is False
    assert nat_translates(config, "10.60.200.0/24", LILLE) is False  # nothing NATs it


def test_exemption_covering_part_of_the_pair_is_no_exemption():
    config = asa("nat (inside,outside) source static OBJ-USERS OBJ-USERS destination static "
                 "OBJ-LILLE OBJ-LILLE", PAT_ALL)
    assert nat_translates(config, DC, LILLE) is True
    assert nat_translates(config, "10.60.8.0/22", LILLE) is False


def test_sections_decide_not_the_line_order():
    # an after-auto exemption comes after object PAT, whatever the line order
    after = ("nat (inside,outside) after-auto source static OBJ-DC-LAN OBJ-DC-LAN "
             "destination static OBJ-LILLE OBJ-LILLE")
    assert nat_translates(asa(after, PAT_ALL), DC, LILLE) is True
    # a section 1 exemption typed after the object NAT still comes first
    manual = after.replace("after-auto ", "")
    assert nat_translates(asa(PAT_ALL, manual), DC, LILLE) is False
    # after-auto PAT for everything comes after a manual exemption
    pat_after = "nat (any,outside) after-auto source dynamic any interface"
    assert nat_translates(asa(manual, pat_after), DC, LILLE) is False
    assert nat_translates(asa(manual, pat_after), DC, PARIS) is True


def test_identity_object_nat_exempts_every_destination():
    config = asa("object network OBJ-USERS\n nat (inside,outside) static OBJ-USERS", PAT_ALL)
    assert nat_translates(config, "10.60.9.0/24", LILLE) is False
    assert nat_translates(config, DC, LILLE) is True  # the rest of the /16 is PATed


def test_rules_on_other_interfaces_do_not_apply():
    dmz = ("nat (inside,dmz) source static OBJ-DC-LAN OBJ-DC-LAN destination static OBJ-LILLE "
           "OBJ-LILLE")
    config = asa(dmz, PAT_ALL)
    assert nat_translates(config, DC, LILLE, egress="outside") is True
    assert nat_translates(config, DC, LILLE, egress="dmz") is False


def test_inactive_and_port_limited_exemptions_do_not_exempt_the_pair():
    exempt = ("nat (inside,outside) source static OBJ-DC-LAN OBJ-DC-LAN destination static "
              "OBJ-LILLE OBJ-LILLE")
    assert nat_translates(asa(exempt + " inactive", PAT_ALL), DC, LILLE) is True
    assert nat_translates(asa(exempt + " service SVC-HTTPS SVC-HTTPS", PAT_ALL), DC,
                          LILLE) is True
    assert nat_translates(asa(exempt + " no-proxy-arp route-lookup", PAT_ALL), DC,
                          LILLE) is False


def test_object_groups_resolve_every_member():
    exempt = ("nat (inside,outside) source static OBJ-DC-LAN OBJ-DC-LAN destination static "
              "OG-PARTNER OG-PARTNER no-proxy-arp route-lookup")
    config = asa(exempt, PAT_ALL)
    assert nat_translates(config, DC, "172.31.14.0/24") is False
    assert nat_translates(config, DC, "172.31.99.10/32") is False
    assert nat_translates(config, DC, "172.31.15.0/24") is True


def test_policy_nat_and_unknown_objects():
    # source static with another mapped address is a translation, not an exemption
    policy = ("nat (inside,outside) source static OBJ-DC-LAN OBJ-USERS destination static "
              "OBJ-LILLE OBJ-LILLE")
    assert nat_translates(asa(policy), DC, LILLE) is True
    # an fqdn object cannot be evaluated here: the answer is unknown, not "exempt"
    fqdn = ("nat (inside,outside) source static OBJ-DC-LAN OBJ-DC-LAN destination static "
            "OBJ-CLOUD OBJ-CLOUD")
    assert nat_translates(asa(fqdn, PAT_ALL), DC, LILLE) is None
    # no rule at all touches the pair: nothing translates it
    assert nat_translates(asa(EXEMPT_PARIS), DC, LILLE) is False
