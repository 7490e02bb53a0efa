"""Configurations pasted through mail and word processors: capitals, merged lines, flat blocks.

`capture.hierarchy` repairs these on any configuration output; each repair only runs when the
damage is plain, and a clean configuration comes out exactly as it went in.
"""

from __future__ import annotations

import re

import pytest

from netriage.capture.hierarchy import (
    capitalised,
    indentation_lost,
    lowercase_keywords,
    recover,
    split_merged,
    tidy_config,
)
from netriage.capture.model import line_at

CONFIG = ["hostname rtr-lab", "enable secret 9 $9$abcdefghijklmn$opqrstuvwxyz0123456789ABCDEFGHIJ",
          "interface GigabitEthernet0/1", " description WAN Link", " ip address 198.51.100.1 "
          "255.255.255.252", " crypto map VPN", "crypto map VPN 10 ipsec-isakmp",
          " set peer 192.0.2.9", " match address 110", "banner motd ^C", "Authorised Access Only",
          "Line by line logging is in place^C", "line vty 0 4", " access-class 5 in",
          " transport input ssh", "end"]


def test_word_processor_capitals_put_back_in_lowercase():
    pasted = [re.sub(r"^(\s*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), t)
              for t in CONFIG]
    assert pasted[12] == "Line vty 0 4" and pasted[1].startswith("Enable secret")
    assert capitalised(pasted) and not capitalised(CONFIG)
    # the rest of each line (a description, the banner text) keeps its case
    assert lowercase_keywords(pasted) == CONFIG


def test_device_capitals_stay():
    asa = ["ASA Version 9.16(4)", "!", "hostname fw-lab", "Cryptochecksum:0a1b2c3d", ": end"]
    ios = ["Building configuration...", "", "Current configuration : 1204 bytes", "end"]
    assert not capitalised(asa) and not capitalised(ios)


@pytest.mark.parametrize(("line", "parts"), [
    ("hostname rtr-lab enable secret 5 $1$Yk3t$6b3ZlPzU3oVr2fQ0wR1uc/",
     ["hostname rtr-lab", "enable secret 5 $1$Yk3t$6b3ZlPzU3oVr2fQ0wR1uc/"]),
    ("version 15.4 service timestamps log datetime msec",
     ["version 15.4", "service timestamps log datetime msec"]),
    ("hostname Company A 6509", ["hostname Company A 6509"]),  # a name with spaces, as posted
    ("hostname rtr-lab", ["hostname rtr-lab"]),
    ("enable secret 5 $1$Yk3t$6b3ZlPzU3oVr2fQ0wR1uc/",
     ["enable secret 5 $1$Yk3t$6b3ZlPzU3oVr2fQ0wR1uc/"]),
])
def test_merged_lines_split_only_where_the_split_is_the_only_reading(line, parts):
    assert split_merged(line) == parts


def test_merged_line_parts_keep_the_line_number():
    texts = ["!", "hostname rtr-lab enable secret 5 $1$x$y", "!", "end"]
    fixed, runs = tidy_config(texts, [], 40)
    assert fixed == ["!", "hostname rtr-lab", "enable secret 5 $1$x$y", "!", "end"]
    assert [line_at(runs, i) for i in range(len(fixed))] == [40, 41, 41, 42, 43]


def test_clean_config_left_exactly_as_it_was():
    fixed, runs = tidy_config(list(CONFIG), [(0, 7)], 7)
    assert fixed == CONFIG and runs == [(0, 7)]


def test_asa_object_group_indentation_rebuilt_and_kept():
    asa = ["object-group network BRANCHES", " description branch LANs",
           " network-object 10.20.0.0 255.255.0.0", " group-object LAB-NETS",
           "access-list OUT extended permit ip object-group BRANCHES any"]
    assert not indentation_lost(asa)  # indented as the ASA prints it: untouched
    assert recover([t.strip() for t in asa]) == asa


def test_unknown_line_inside_an_interface_keeps_the_block_open():
    # IOS-XE prints `no mop enabled` under every interface; no list holds every sub-command
    flat = ["interface GigabitEthernet1", "description WAN", "no mop enabled",
            "no some-future-knob", "crypto map CMAP", "!", "ip route 0.0.0.0 0.0.0.0 203.0.113.1"]
    assert recover(flat) == ["interface GigabitEthernet1", " description WAN", " no mop enabled",
                             " no some-future-knob", " crypto map CMAP", "!",
                             "ip route 0.0.0.0 0.0.0.0 203.0.113.1"]
    # a top-level command ends the block even without a `!` between them
    assert recover(["interface Vlan10", "ip address 10.0.10.1 255.255.255.0",
                    "hostname sw1"])[2] == "hostname sw1"
