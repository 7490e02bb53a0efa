from netriage.parsing import PARSED, PARTIAL, UNPARSED, parse_output
from netriage.parsing.registry import find_template
from tests.conftest import FIXTURES

FAILOVER_OK = (FIXTURES / "failover" / "healthy-pair.log").read_text().split("\n", 1)[1]
FAILOVER_OK = FAILOVER_OK.rsplit("hq-fw/pri/act#", 1)[0]


def test_our_template_wins_over_ntc():
    assert find_template("cisco_asa", "show failover").origin == "netriage"


def test_lookup_is_exact_not_by_prefix():
    # ntc-templates would hand `show failover history` to the `show failover` template
    ref = find_template("cisco_asa", "show failover history")
    assert ref is None or "history" in ref.name
    assert find_template("cisco_asa", "show failover").name.endswith("show_failover.textfsm")


def test_clean_output_is_parsed():
    result = parse_output(FAILOVER_OK, "show failover", "cisco_asa")
    assert result.status == PARSED
    record = result.records[0]
    assert record["interfaces_ip_mate"] == ["192.0.2.11", "10.1.0.2", "10.2.0.2"]
    assert record["state_link_name"] == "statelink"


def test_an_unexpected_line_makes_it_partial_not_lost():
    text = FAILOVER_OK.replace("Failover unit Primary",
                               "Failover unit Primary\nSome line a new release prints")
    result = parse_output(text, "show failover", "cisco_asa")
    assert result.status == PARTIAL
    assert [t for _n, t in result.not_understood] == ["Some line a new release prints"]
    assert result.records[0]["state"] == "On"  # the rest is still read
    assert not result.usable


def test_ntc_template_that_raises_is_retried_without_the_offending_line():
    text = ("Cisco Adaptive Security Appliance Software Version 9.8(4)\n"
            "Device Manager Version 7.9(2)\n\nCompiled on Mon 01-Jan-18 by builders\n"
            "System image file is \"disk0:/asa984-smp-k8.bin\"\n"
            "fw up 2 days 3 hours\n\nHardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series"
            " 2416 MHz, 1 CPU (8 cores)\n")
    result = parse_output(text, "show version", "cisco_asa")
    assert result.status in (PARSED, PARTIAL)
    assert result.records and result.records[0]["version"] == "9.8(4)"


def test_device_error_is_unparsed_with_reason():
    result = parse_output("          ^\nERROR: % Invalid input detected at '^' marker.\n",
                          "show failover", "cisco_asa")
    assert result.status == UNPARSED
    assert "rejected" in result.reason


def test_unknown_command_and_empty_output_are_unparsed():
    assert parse_output("x\n", "show nothing-like-this", "cisco_asa").status == UNPARSED
    empty = parse_output("", "show failover", "cisco_asa")
    assert empty.status == UNPARSED and empty.reason == "the output is empty"


def test_garbage_gives_unparsed_not_an_empty_healthy_table():
    result = parse_output("lorem ipsum\ndolor sit amet\n", "show failover", "cisco_asa")
    assert result.status == UNPARSED
    assert result.records == []


def test_a_config_display_says_it_is_read_as_configuration():
    result = parse_output("hostname fw1\ninterface Gi0/0\n", "show running-config interface",
                          "cisco_asa")
    assert result.status == UNPARSED
    assert "configuration text" in result.reason


def test_an_ntc_template_that_reads_nothing_from_a_long_output_is_unparsed():
    """`show interfaces accounting` falls on ntc's `show interfaces` row (one extra word is
    allowed for an interface name) and gives no record: that is not an empty table."""
    text = "\n".join(
        f"GigabitEthernet0/{n}\n  Protocol    Pkts In   Chars In   Pkts Out  Chars Out\n"
        f"        IP   {n}1234   {n}98765   {n}4321   {n}56789" for n in range(4))
    result = parse_output(text, "show interfaces accounting", "cisco_ios")
    assert result.status == UNPARSED
    assert "no record from" in result.reason


def test_a_saved_outputs_terminal_frame_is_not_output():
    # a corpus or ticket file: the command echoed first, the prompt back last
    body = (
        "GigabitEthernet1 is up, line protocol is up\n"
        "  Hardware is CSR vNIC, address is 5254.0012.3456 (bia 5254.0012.3456)\n"
        "  Internet address is 10.1.1.1/24\n"
        "  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec,\n"
    )
    framed = "PE1>show interfaces GigabitEthernet1\n" + body + "PE1>\n"
    plain, with_frame = (parse_output(t, "show interfaces", "cisco_ios") for t in (body, framed))
    assert with_frame.records == plain.records and plain.records
    # nothing of the frame is "not understood", and line numbers still count the echo line
    assert with_frame.not_understood == [(n + 1, t) for n, t in plain.not_understood]


def test_a_platforms_own_template_falls_back_to_the_familys_when_it_reads_nothing():
    # FTD's CLISH `show version` is a banner of its own ...
    clish = ("-------------------[ ftd-a ]--------------------\n"
             "Model                     : Cisco Firepower 2110 Threat Defense (77) Version "
             "7.2.5 (Build 208)\n"
             "LINA version              : 9.18(3)56\n")
    result = parse_output(clish, "show version", "cisco_asa", platform="cisco_ftd")
    assert (result.status, result.records[0]["version"]) == (PARSED, "7.2.5")
    # ... but the diagnostic CLI prints the ASA's, which the ASA template reads
    lina = ("Cisco Adaptive Security Appliance Software Version 9.18(3)56\n"
            "Firepower Extensible Operating System Version 2.12(0.498)\n"
            "Hardware:   FPR-2110, 6588 MB RAM, CPU MIPS 1200 MHz, 1 CPU (6 cores)\n")
    result = parse_output(lina, "show version", "cisco_asa", platform="cisco_ftd")
    assert result.records and result.records[0]["version"] == "9.18(3)56"
    assert "show_version_ftd" not in result.template
