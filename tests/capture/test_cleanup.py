"""Text damaged by the web, chat and mail: each form found and undone, and only where it is.

Each damaged form is made from a clean session written here (an ASA and an IOS router), so
the repaired text can be compared with what the device printed, and the line map with the
file. Each form also has its look-alike that is the device's own text and must stay.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netriage.capture import load_paths
from netriage.capture.cleanup import continues, detect, double_spaced, repair_texts
from netriage.capture.cleanup_rules import annotation, is_label, is_prose, markup, typography
from netriage.capture.formats.common import damage_of
from netriage.capture.model import line_at
from netriage.capture.reader import open_text
from tests.conftest import FIXTURES


def _lines(text: str) -> list[str]:
    return text.split("\n")


ASA = _lines("""fw-lab# show crypto isakmp sa

IKEv1 SAs:

   Active SA: 2
    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)
Total IKE SA: 2

1   IKE Peer: 192.0.2.20
    Type    : L2L             Role    : initiator
    Rekey   : no              State   : MM_ACTIVE

2   IKE Peer: 198.51.100.7
    Type    : L2L             Role    : initiator
    Rekey   : no              State   : MM_WAIT_MSG2

There are no IKEv2 SAs
fw-lab# show failover
Failover On
Failover unit Primary
Failover LAN Interface: folink GigabitEthernet0/3 (up)
Last Failover at: 08:12:40 UTC Nov 2 2026
        This host: Primary - Active
                Active time: 361200 (sec)
                  Interface outside (203.0.113.1): Normal (Monitored)
                  Interface inside (10.1.1.1): Normal (Monitored)
        Other host: Secondary - Standby Ready
                Active time: 0 (sec)
                  Interface outside (203.0.113.2): Normal (Monitored)
                  Interface inside (10.1.1.2): Normal (Monitored)
fw-lab# show clock
10:02:11.512 UTC Mon Nov 3 2026
fw-lab# """)

IOS = _lines("""rtr-lab#show interfaces GigabitEthernet0/1
GigabitEthernet0/1 is up, line protocol is up
  Hardware is iGbE, address is 0c11.2233.4401 (bia 0c11.2233.4401)
  Description: WAN link to the provider, circuit reference LAB-000417-B
  Internet address is 198.51.100.1/30
  MTU 1500 bytes, BW 100000 Kbit/sec, DLY 100 usec,
     reliability 255/255, txload 1/255, rxload 1/255
  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 120
     1204 packets input, 131200 bytes, 0 no buffer
rtr-lab#show crypto ipsec sa | include peer|pkts|endpt
   current_peer 192.0.2.9 port 500
    #pkts encaps: 5120, #pkts encrypt: 5120, #pkts digest: 5120
    #pkts decaps: 5007, #pkts decrypt: 5007, #pkts verify: 5007
     local crypto endpt.: 198.51.100.1, remote crypto endpt.: 192.0.2.9
     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/1
rtr-lab#""")


def _load(tmp_path: Path, lines: list[str], name: str = "paste.txt"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, load_paths([str(path)])


def _outputs(capture) -> dict[str, str]:
    return {e.command: e.output for d in capture.devices for e in d.entries}


def _assert_lines_point_into(path: Path, capture, same=lambda a, b: a == b) -> None:
    """Every output line maps to the file line that holds it (after undoing the damage)."""
    file_lines = path.read_text(encoding="utf-8").split("\n")
    for device in capture.devices:
        for entry in device.entries:
            for index, text in enumerate(entry.output.split("\n")):
                at = line_at(entry.line_map, index) if entry.line_map else entry.line + 1 + index
                assert same(file_lines[at - 1], text), (entry.command, index, at, text)


def test_clean_sessions_show_no_damage_and_load_untouched(tmp_path: Path):
    assert detect(ASA) is None and detect(IOS) is None
    path, capture = _load(tmp_path, ASA)
    assert damage_of(open_text(path)) is None
    assert _outputs(capture)["show crypto isakmp sa"] == "\n".join(ASA[1:17])
    _assert_lines_point_into(path, capture)


def test_no_fixture_recording_is_taken_for_damaged():
    # hand-written minimal captures of every catalog id: clean by construction
    damaged = [p.name for p in sorted(FIXTURES.rglob("*.log"))
               if damage_of(open_text(p)) is not None]
    assert damaged == []


# --- quoting -------------------------------------------------------------------------------

def test_mail_quoting_taken_off_at_its_depth(tmp_path: Path):
    quoted = ["Hi, see below.", ""] + [">" + (" " + t if t else "") for t in ASA]
    damage = detect(quoted)
    assert damage is not None and damage.quote == 1
    # the greeting is set aside; trailing spaces go with the quoting
    assert repair_texts(quoted, damage) == ["", *ASA[:-1], ASA[-1].rstrip()]
    path, capture = _load(tmp_path, quoted)
    assert _outputs(capture)["show failover"].startswith("Failover On\nFailover unit Primary")
    _assert_lines_point_into(path, capture, lambda f, o: f[2:] == o or (f == ">" and o == ""))


def test_nested_quote_keeps_an_ftd_prompt():
    ftd = ["> show failover", "Failover Off", "Failover unit Primary", "> show clock",
           "10:02:11.512 UTC Mon Nov 3 2026"]
    assert detect(ftd) is None  # an FTD session is not a quoted mail
    damage = detect(["> " + t for t in ftd])
    assert damage is not None and damage.quote == 1
    assert repair_texts(["> " + t for t in ftd], damage) == ftd


# --- markdown and HTML -----------------------------------------------------------------------

def test_markdown_fences_bold_and_code_taken_off(tmp_path: Path):
    post = ["Our `ASA` says the **mate** is fine, but:", "", "```text", *ASA[:17], "```", "",
            "```", ASA[17], *[f"**{t}**" if "Other host" in t else t for t in ASA[18:]], "```"]
    damage = detect(post)
    assert damage is not None and "markup" in damage.kinds
    path, capture = _load(tmp_path, post)
    outputs = _outputs(capture)
    assert outputs["show failover"] == "\n".join(ASA[18:30])
    assert outputs["show crypto isakmp sa"] == "\n".join(ASA[1:17])
    _assert_lines_point_into(path, capture, lambda f, o: markup(f).rstrip() == o)


def test_html_entities_and_tags_taken_off():
    page = ["<pre>&gt; show clock", "10:02:11.512 UTC Mon Nov 3 2026</pre>",
            "<p>and&nbsp;that&#39;s all</p>"]
    assert [markup(t) for t in page] == ["> show clock", "10:02:11.512 UTC Mon Nov 3 2026",
                                         "and\xa0that's all"]


def test_asa_masked_secret_is_not_bold():
    assert markup(" ikev1 pre-shared-key *****") == " ikev1 pre-shared-key *****"
    assert markup("snmp-server host inside 10.1.1.9 community ***** version 2c") \
        == "snmp-server host inside 10.1.1.9 community ***** version 2c"


# --- typography ------------------------------------------------------------------------------

def test_typographic_quotes_dashes_and_spaces_become_ascii(tmp_path: Path):
    word = [t.replace("(A tunnel", "(A\u00a0tunnel").replace("UTC", "UTC\u200b") for t in ASA]
    word = [re.sub(r'"([^"]*)"', "\u00ab\\1\u00bb", t) for t in word]
    word[0] = "fw-lab# show crypto isakmp sa"
    word.insert(0, "Voil\u00e0 \u2013 here\u2019s what I have:")
    damage = detect(word)
    assert damage is not None and "typography" in damage.kinds
    assert typography("System image file is \u00abdisk0:/asa9-16-4-smp-k8.bin\u00bb") \
        == 'System image file is "disk0:/asa9-16-4-smp-k8.bin"'
    _, capture = _load(tmp_path, word)
    assert _outputs(capture)["show crypto isakmp sa"] == "\n".join(ASA[1:17])


# --- annotations -----------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "kept", "note"), [
    ("    Rekey   : no              State   : MM_WAIT_MSG2   <-- here",
     "    Rekey   : no              State   : MM_WAIT_MSG2", "<-- here"),
    ("1   IKE Peer: 192.0.2.20 <<YOUR SIDE BROUGHT THE VPN UP",
     "1   IKE Peer: 192.0.2.20", "<<YOUR SIDE BROUGHT THE VPN UP"),
    ("    #pkts decaps: 0, #pkts decrypt: 0 <=== this one",
     "    #pkts decaps: 0, #pkts decrypt: 0", "<=== this one"),
    ("        Other host: Secondary - Failed (this is the problem)",
     "        Other host: Secondary - Failed", "(this is the problem)"),
    ("Failover On   # turned on yesterday", "Failover On", "# turned on yesterday"),
])
def test_a_posters_note_is_cut_and_kept(line: str, kept: str, note: str):
    assert annotation(line) == (kept, note)


@pytest.mark.parametrize("line", [
    " description <-- uplink to core",  # the device's own text, whatever it says
    " description ==> to ISP",
    "access-list OUTSIDE remark <== partner range (see ticket)",
    "fw-lab# show run | include crypto",  # a prompt's `#`
    "# show failover",  # a bare `#` prompt
    "                  Interface outside (203.0.113.1): Normal (Monitored)",
    "Type escape sequence to abort.",
    "!!!!!",
    "  Last input 00:00:01, output 00:00:00, output hang never",
])
def test_device_text_that_looks_like_a_note_stays(line: str):
    assert annotation(line) == (line, "")


def test_notes_reported_with_their_line(tmp_path: Path):
    noted = list(ASA)
    noted[14] += "   <-- here"
    _, capture = _load(tmp_path, noted)
    assert _outputs(capture)["show crypto isakmp sa"] == "\n".join(ASA[1:17])
    assert any("line 15: a note added to the output ('<-- here')" in s for s in capture.skipped)


# --- double spacing --------------------------------------------------------------------------

def test_blank_line_after_every_line_dropped_real_blanks_kept(tmp_path: Path):
    spaced = [x for t in ASA for x in (t, "")]
    assert double_spaced(spaced)
    path, capture = _load(tmp_path, spaced)
    # each of the device's own blank lines was two in the paste, and stays one
    assert _outputs(capture)["show crypto isakmp sa"] == "\n".join(ASA[1:17])
    _assert_lines_point_into(path, capture)


def test_output_with_blank_lines_between_records_is_not_double_spaced():
    assert not double_spaced(ASA)
    records = [x for n in range(1, 9) for x in (f"{n}   IKE Peer: 192.0.2.{n}",
                                                "    Type    : L2L", "")]
    assert not double_spaced(records)


# --- lines wrapped by a mail client ------------------------------------------------------------

def _wrap(lines: list[str], width: int) -> list[str]:
    out = []
    for line in lines:
        rest = line
        while len(rest) > width and " " in rest[:width + 1].lstrip():
            cut = rest.rfind(" ", 0, width + 1)
            out.append(rest[:cut])
            rest = rest[cut + 1:]
        out.append(rest)
    return out


def test_mail_wrap_at_72_joined_line_numbers_kept(tmp_path: Path):
    wrapped = ["Hello, outputs below.", "", *_wrap(IOS, 72)]
    assert len(wrapped) > len(IOS) + 2
    damage = detect(wrapped)
    assert damage is not None and 66 <= damage.wrap <= 72  # the longest line left
    path, capture = _load(tmp_path, wrapped)
    outputs = _outputs(capture)
    assert outputs["show interfaces GigabitEthernet0/1"] == "\n".join(IOS[1:9])
    assert outputs["show crypto ipsec sa"] == "\n".join(IOS[10:15])
    # a joined line points at its first part
    _assert_lines_point_into(path, capture, lambda f, o: o.startswith(f))


def test_show_interfaces_lines_that_look_wrapped_stay_apart():
    # an indented line near the width, then the next interface's header line: no wrap
    session = ["rtr-lab#show interfaces"]
    for n in range(4):
        session += [f"GigabitEthernet0/{n} is up, line protocol is up",
                    f"  Hardware is iGbE, address is 0c11.2233.44{n:02d} (bia 0c11.2233.44{n:02d})",
                    "  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0",
                    "     0 output errors, 0 collisions, 1 interface resets, 0 unknown protocol"]
    assert detect(session) is None
    assert not continues(session[4], session[4], session[5], 72)
    assert not continues(session[4], session[4], "interface GigabitEthernet0/2", 72)


@pytest.mark.parametrize(("full", "text", "joined"), [
    # a log message is one line on the device, however long
    ("Mar 13 17:03:02.877 CET: %CRYPTO-4-IKMP_NO_SA: IKE message from",
     "192.0.2.77 has no SA and is not an initialization offer", True),
    ("Mar 13 17:03:02.877 CET: %CRYPTO-4-IKMP_NO_SA: IKE message from 192.0.2.77",
     "Mar 13 17:03:09.120 CET: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of", False),
    # a configuration line's tail, even when it starts like a command word
    ("access-list L2L-HQ extended permit ip 10.60.9.0 255.255.255.0 object",
     "OBJ-HQ-LAN", True),
    ("access-list L2L-HQ extended permit ip 10.60.9.0 255.255.255.0 10.1.0.0",
     "255.255.0.0", True),
    ("access-list L2L-SUPPLIER extended permit ip 10.60.9.0 255.255.255.0",
     "object OBJ-SUPPLIER-LAN", True),
    ("access-list L2L-SUPPLIER extended permit ip 10.60.9.0 255.255.255.0",
     "object network OBJ-SUPPLIER-LAN", False),
    # a value cut off a line, and what a device prints alone after a long line
    ("Configuration last modified by enable_15 at 10:12:40.120 CEST Nov 12", "2026", True),
    ("  3082034A 30820232 A0030201 02020101 300D0609 2A864886 F70D0101 0B05", "quit", False),
    ("  3082034A 30820232 A0030201 02020101 300D0609 2A864886 F70D0101 0B05", "0030", True),
    ("From State                 To State                   Reason",
     "==================================================================", False),
])
def test_what_continues_a_line_cut_at_72(full: str, text: str, joined: bool):
    assert continues(full, full, text, 72) is joined


# --- prose between outputs ---------------------------------------------------------------------

def test_prose_between_outputs_is_set_aside(tmp_path: Path):
    post = ["Hi all,", "", "here is the firewall:", "", *ASA[:17], "",
            "and the failover status:", "", *ASA[17:30], "", "Thanks for looking", "", "Paul"]
    path, capture = _load(tmp_path, post)
    outputs = _outputs(capture)
    assert outputs["show failover"] == "\n".join(ASA[18:30])
    assert outputs["show crypto isakmp sa"] == "\n".join(ASA[1:17])
    notes = [s for s in capture.skipped if "a person's words" in s]
    assert len(notes) == 3, capture.skipped
    _assert_lines_point_into(path, capture)


@pytest.mark.parametrize(("text", "prose"), [
    ("and here is the other side:", True),
    ("and the history:", True),
    ("On Tue, 3 Nov 2026 at 10:41, Paul Martin wrote:", True),
    ("Kind regards,", True),
    ("Thanks for looking", True),
    ("There are no IKEv2 SAs", False),
    ("Type help or '?' for a list of available commands.", False),
    ("Failover On", False),
    ("Best Effort", False),
    ("Building configuration...", False),
    ("Hello interval 10", False),
])
def test_what_reads_as_a_persons_sentence(text: str, prose: bool):
    assert is_prose(text) is prose


def test_a_heading_over_the_next_output_is_set_aside(tmp_path: Path):
    post = ["Hub:", "", *ASA[:17], "", "Spoke 2 (the one that fails):", "", *ASA[17:30]]
    _, capture = _load(tmp_path, post)
    assert _outputs(capture)["show crypto isakmp sa"] == "\n".join(ASA[1:17])
    assert sum("a person's words" in s for s in capture.skipped) == 2


@pytest.mark.parametrize("text", [
    "     outbound pcp sas:",  # indented, even when the paste lost it: lowercase
    "outbound pcp sas:",
    "Log Buffer (4096 bytes):",  # an empty IOS log buffer ends with this before the prompt
    "Interface GigabitEthernet0/1 \"outside\", is up, line protocol is up:",
])
def test_device_lines_ending_with_a_colon_are_no_heading(text: str):
    assert not is_label(text)


def test_a_chat_clients_line_is_prose_a_bracketed_device_line_is_not():
    from netriage.capture.cleanup_rules import is_prose

    assert is_prose("[14:03] noc-leo: 192.0.2.201 and 198.51.100.150 look one-way to me")
    assert is_prose("[2:14 PM] <paul> any idea?")
    assert not is_prose("[OK]")
    assert not is_prose("[Resuming connection 1 to fw1 ... ]")
