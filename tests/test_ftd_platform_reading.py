"""FTD captures are judged as FTD (issue 11): what FMC/FDM set by design, or what the FTD's own
outputs cannot show, is not reported as a fault.

- `no sysopt connection permit-vpn` is FMC's and FDM's default (the access control policy
  inspects VPN traffic): reported on an ASA, not on an FTD with the same configuration.
- The FTD's CLISH `show version` prints no licensed-features lines: next to the mate's LINA
  `show version` that does, nothing can be compared, so no licence difference is claimed.
"""

from __future__ import annotations

import re
from pathlib import Path

from netriage.analysis import analyze_paths
from tests.conftest import RECORDINGS

FTD = RECORDINGS / "realistic" / "ftd"


def _ids(path: Path) -> dict[str, set[str]]:
    analysis = analyze_paths([path])
    platforms = {d.device.hostname: d.device.platform for d in analysis.devices}
    out: dict[str, set[str]] = {}
    for finding in analysis.findings:
        out.setdefault(platforms[finding.device], set()).add(finding.id)
    return out


def _as_asa(text: str) -> str:
    """The same session as an ASA would print it: no FTD banner or CLISH version, ASA header."""
    text = re.sub(r"(?ms)\A.*?(?=^> show clock)", "", text)
    text = re.sub(r"(?ms)^> show version\n.*?(?=^> )", "", text)
    text = re.sub(r"(?m)^NGFW Version \S+", "ASA Version 9.18(3)39", text)
    return re.sub(r"(?m)^> ", "nyc-br-fw01# ", text)


def test_sysopt_permit_vpn_off_is_the_ftd_design_not_a_fault(tmp_path):
    recording = FTD / "ftd1120-7.2-nyc-branch-hub-vpn-clish-session.log"
    text = recording.read_text()
    assert re.search(r"(?m)^no sysopt connection permit-vpn$", text)
    ftd = _ids(recording)
    assert set(ftd) == {"cisco_ftd"}
    assert "crypto.sysopt-permit-vpn-off" not in ftd["cisco_ftd"]
    assert "crypto.acl-too-broad" in ftd["cisco_ftd"]  # the configuration was read

    asa_copy = tmp_path / "asa-session.log"
    asa_copy.write_text(_as_asa(text))
    asa = _ids(asa_copy)
    assert set(asa) == {"cisco_asa"}
    assert "crypto.sysopt-permit-vpn-off" in asa["cisco_asa"]


MATE_VERSION = """> failover exec mate show version
Cisco Adaptive Security Appliance Software Version 9.18(3)39
SSP Operating System Version 2.12(0.499)

ftd-plant-2 up 2 days 3 hours
failover cluster up 2 days 3 hours

Hardware:   FPR-2120, 6588 MB RAM, CPU MIPS 1200 MHz, 1 CPU (12 cores)

Licensed features for this platform:
Maximum VLANs                     : 1024           perpetual
Inside Hosts                      : Unlimited      perpetual
Failover                          : Active/Active  perpetual
Encryption-DES                    : Enabled        perpetual
Encryption-3DES-AES               : Enabled        perpetual
Security Contexts                 : 2              perpetual
Total VPN Peers                   : 1500           perpetual

Serial Number: JAD24120F7W
"""


def test_no_licence_difference_claimed_when_only_the_mate_prints_licences(tmp_path):
    recording = FTD / "ftd2110-7.2-fdm-plant-pair-primary-wrong-spare-clish-session.log"
    text = recording.read_text().rstrip()
    assert text.endswith(">")
    capture = tmp_path / "with-mate-version.log"
    capture.write_text(text[:-1] + MATE_VERSION + "> \n")
    found = _ids(capture)
    assert set(found) == {"cisco_ftd"}
    assert "failover.hardware-mismatch" in found["cisco_ftd"]  # the outputs were read
    assert "failover.license-mismatch" not in found["cisco_ftd"]
