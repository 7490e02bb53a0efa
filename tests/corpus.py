"""The real outputs of ../shared/corpus as test cases: (platform, command, file), with scope.

Two public parser suites: ntc-templates (`ntc/<platform>/<command>/*.raw`, expected records in
`*.yml`) and genieparser (`genie/<os>/<command>/*.txt`, listed in `genie/INDEX.tsv` with the CLI
command and the arguments that fill its `{placeholders}`; no expected records).

"In scope" are the state outputs the checks read: failover, IKE/IPsec SAs, sessions and maps,
and interface state. Statistics, counters tables, transceivers, PKI and the like are read by no
check; they are still parsed (and must never raise) but do not count toward the goal.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from netriage.capture.commands import resolve
from netriage.platforms import get_platform

_GENIE_PLATFORMS = {"asa": "cisco_asa", "ios": "cisco_ios", "iosxe": "cisco_xe"}

# Resolved full commands whose output is state a check reads. The last word may be a filter
# argument (`peer 10.1.1.1`, `remote 10.1.1.1 detail`, an interface name).
_IN_SCOPE = re.compile(
    r"^show (?:"
    r"failover(?: (?:state|history(?: details)?|interface))?"
    r"|monitor-interface"
    r"|(?:crypto )?isakmp sa(?: detail)?"
    r"|crypto (?:ikev1|ikev2) sa(?: (?:local|remote) \S+)?(?: detail(?:ed)?)?"
    r"|crypto ipsec sa(?: (?:peer|interface|address|map) \S+| ipv6)?(?: detail(?:ed)?)?"
    r"|crypto session(?: (?:local|remote) \S+)?(?: detail)?"
    r"|crypto ikev2 session(?: detail(?:ed)?)?"
    r"|crypto map"
    r"|interfaces?(?: [A-Za-z][\w\-]*\s?\d[\d/.:]*)?"
    r"(?: (?:status(?: err-disabled)?|counters errors|switchport|trunk|description|detail))?"
    r"|interface (?:ip brief|summary)"
    r"|ip interface brief"
    r"|nameif"
    r")$"
)


@dataclass(frozen=True)
class CorpusCase:
    platform: str  # netmiko name: cisco_asa, cisco_ios, cisco_xe, cisco_ftd
    command: str  # full command, as the capture layer resolves it
    path: Path

    @property
    def family(self) -> str:
        return get_platform(self.platform).family

    @property
    def in_scope(self) -> bool:
        return "|" not in self.command and _IN_SCOPE.match(self.command) is not None

    @property
    def expected(self) -> Path | None:
        """ntc's expected records, when the case comes from ntc-templates."""
        yml = self.path.with_suffix(".yml")
        return yml if self.path.suffix == ".raw" and yml.exists() else None

    @property
    def group(self) -> str:
        """The command with its arguments generalised, for per-command counts."""
        command = re.sub(r"\b(\d{1,3}(?:\.\d{1,3}){3})\b", "<ip>", self.command)
        command = re.sub(r"\b(interfaces?) [A-Za-z][\w\-]*\s?\d[\d/.:]*", r"\1 <if>", command)
        return f"{self.platform} {command}"


def _resolved(platform: str, typed: str) -> str:
    resolved = resolve(typed, get_platform(platform).family)
    return f"{resolved.command} {resolved.filter}".strip()


def corpus_cases(shared: Path) -> list[CorpusCase]:
    cases: list[CorpusCase] = []
    for raw in sorted((shared / "corpus" / "ntc").glob("*/*/*.raw")):
        platform = raw.parent.parent.name
        cases.append(CorpusCase(platform, _resolved(platform, raw.parent.name.replace("_", " ")),
                                raw))
    index = shared / "corpus" / "genie" / "INDEX.tsv"
    if index.exists():
        with index.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                command = row["cli_command"]
                for key, value in (json.loads(row["arguments"]) if row["arguments"] else {}
                                   ).items():
                    command = command.replace("{" + key + "}", str(value))
                platform = _GENIE_PLATFORMS[row["platform"]]
                cases.append(CorpusCase(platform, _resolved(platform, command),
                                        shared / "corpus" / "genie" / row["file"]))
    return cases
