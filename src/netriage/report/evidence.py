"""A finding's evidence as a report shows it: the deciding lines first, each group in file order.

The walk stores a finding's own lines (the ones its node matched) before the lines of the checks
on its path (`Failover On`, `Version: Ours …`), which say how the walk got there. Reports open
with the deciding lines so the first line read is the one that shows the fault.
"""

from __future__ import annotations

from netriage.engine.findings import Evidence, Finding

_Key = tuple[str, int, str]


def _key(item: Evidence) -> _Key:
    return item.command, item.line, item.text


def ordered(finding: Finding, sources: list[str]) -> list[tuple[Evidence, bool]]:
    """(evidence, deciding) pairs: deciding lines first, then the rest, each in file order.

    Deciding lines are the ones the finding's own rules matched (and those a twin finding
    merged into it added), i.e. not the lines of the checks on its path; a finding whose own
    rules matched nothing rests on its path's lines, which then all decide it.
    """
    path = {_key(e) for step in finding.path for e in step.evidence}
    own = [e for e in finding.evidence if _key(e) not in path]
    if not own:
        own, path = list(finding.evidence), set()
    rank = {source: index for index, source in enumerate(sources)}

    def place(item: Evidence) -> tuple[int, int]:
        return rank.get(item.source, len(rank)), item.line

    rest = [e for e in finding.evidence if _key(e) in path]
    return ([(e, True) for e in sorted(own, key=place)]
            + [(e, False) for e in sorted(rest, key=place)])
