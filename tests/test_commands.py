import pytest

from netriage.capture.commands import resolve


@pytest.mark.parametrize(
    ("typed", "family", "full"),
    [
        ("sh fail", "cisco_asa", "show failover"),
        ("sho cry isa sa", "cisco_asa", "show crypto isakmp sa"),
        ("sh cry ip sa", "cisco_asa", "show crypto ipsec sa"),
        ("sh run", "cisco_asa", "show running-config"),
        ("sh fail hist", "cisco_asa", "show failover history"),
        ("sh int", "cisco_asa", "show interface"),
        ("sh int", "cisco_ios", "show interfaces"),
        ("sh ip int br", "cisco_ios", "show ip interface brief"),
        ("SH VER", "cisco_ios", "show version"),
        ("sh run int Gi0/1", "cisco_ios", "show running-config interface GigabitEthernet0/1"),
        ("do sh fail", "cisco_asa", "show failover"),
    ],
)
def test_abbreviations_resolve_to_full_form(typed, family, full):
    assert resolve(typed, family).command == full


def test_filter_is_split_off_and_normalised():
    resolved = resolve("sh run | i failover", "cisco_asa")
    assert resolved.command == "show running-config"
    assert resolved.filter == "| include failover"


def test_ambiguous_word_is_kept_as_typed():
    # `c` could be crypto, clock, conn, cpu ...: the device would refuse it, so do we
    assert resolve("sh c", "cisco_asa").command == "show c"
