"""Platform-specific templates apply only where the output really differs."""

from netriage.analysis import analyze_paths
from netriage.capture import load_paths
from netriage.facts import DeviceFacts
from tests.conftest import FIXTURES


def test_pix_7_prints_asa_output_and_is_parsed_with_the_asa_template():
    [device] = load_paths([FIXTURES / "platforms" / "pix7-pair-healthy.log"]).devices
    assert (device.platform, device.version) == ("cisco_pix", "7.2(4)")
    result = DeviceFacts(device).result("show failover")
    assert result.status == "parsed"
    assert result.template == "netriage:cisco_asa_show_failover.textfsm"
    analysis = analyze_paths([FIXTURES / "platforms" / "pix7-pair-healthy.log"])
    assert [f.id for f in analysis.findings if f.severity != "info"] == []


def test_pix_6_keeps_its_own_template():
    pix6 = sorted((FIXTURES / "failover").glob("*pix*"))
    assert pix6, "the failover fixtures include PIX 6.x captures"
    templates = set()
    for path in pix6:
        for device in load_paths([path]).devices:
            if device.platform == "cisco_pix" and device.version.startswith("6"):
                result = DeviceFacts(device).result("show failover")
                if result is not None:
                    templates.add(result.template)
    assert templates == {"netriage:cisco_asa_show_failover_pix.textfsm"}
