"""Inject one fault into a healthy capture, prove it with the analysis, write it back.

The injected capture is analysed beside the clean one: the fault must be found, and nothing
else above `low` may appear that the clean capture did not have. A capture where that does not
hold (an injection the trees read differently here) is refused in one sentence rather than
written as a scenario that would teach the wrong answer.
"""

from __future__ import annotations

import copy
import inspect
from dataclasses import dataclass, field
from pathlib import Path

import netriage.training.inject.crypto_faults
import netriage.training.inject.failover_faults
import netriage.training.inject.interface_faults  # noqa: F401 - imported to register faults
from netriage.capture import Capture
from netriage.training.inject.base import FAULTS, Change, InjectError, Plan, tag_of

_LOW = 1  # severity_rank("low")


@dataclass
class Injected:
    capture: Capture
    fault: str
    changes: list[Change]
    notes: list[str]
    top: str = ""  # id of the worst finding of the injected capture
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # (device, id, severity)


def injectable() -> list[str]:
    return sorted(FAULTS)


def inject(clean: Capture, fault_id: str, *, interface: str = "",
           verify: bool = True) -> Injected:
    """A copy of `clean` with `fault_id` planted; InjectError (one sentence) when it cannot be."""
    fault = FAULTS.get(fault_id)
    if fault is None:
        raise InjectError(f"{fault_id!r} cannot be injected; injectable faults: "
                          f"{', '.join(injectable())}")
    tags = {tag_of(d) for d in clean.devices} - {""}
    if not tags & set(fault.platforms):
        platforms = ", ".join(sorted({d.platform or "unknown" for d in clean.devices}))
        raise InjectError(f"{fault_id} applies to {', '.join(fault.platforms)}, and this "
                          f"capture holds {platforms}")
    capture = copy.deepcopy(clean)
    plan = Plan(capture, fault_id)
    if interface and "interface" in inspect.signature(fault.apply).parameters:
        fault.apply(plan, interface=interface)  # type: ignore[call-arg]
    elif interface:
        raise InjectError(f"--interface does not apply to {fault_id}")
    else:
        fault.apply(plan)
    if not plan.changes:
        raise InjectError(f"{fault_id}: nothing in this capture shows what the fault changes")
    result = Injected(capture, fault_id, plan.changes, plan.notes)
    if verify:
        _verify(clean, result)
    return result


def reported(capture: Capture) -> list[tuple[str, str, str]]:
    """(device, id, severity) of everything the analysis reports, worst first: one-ended
    findings, and the catalog ids a two-ended pair verdict stands for (it folds the findings
    of both ends into itself)."""
    from netriage.analysis import analyze_capture
    from netriage.engine.findings import severity_rank

    analysis = analyze_capture(capture)
    found = [(f.device, f.id, f.severity) for f in analysis.findings]
    for pair in getattr(analysis, "pairs", []):
        found += [(" + ".join(pair.devices), fid, pair.severity) for fid in pair.findings]
    return sorted(found, key=lambda x: -severity_rank(x[2]))


def _verify(clean: Capture, result: Injected) -> None:
    from netriage.engine.findings import severity_rank

    before = {(device, fid) for device, fid, _severity in reported(clean)}
    after = reported(result.capture)
    result.findings = after
    result.top = after[0][1] if after else ""
    if not any(fid == result.fault for _device, fid, _severity in after):
        raise InjectError(f"the analysis does not find {result.fault} in the injected capture, "
                          "so this capture cannot carry it (the outputs that decide it differ "
                          "from what the injection knows)")
    extra = sorted({f"{fid} on {device}" for device, fid, severity in after
                    if fid != result.fault and severity_rank(severity) > _LOW
                    and (device, fid) not in before})
    if extra:
        raise InjectError(f"injecting {result.fault} here would also raise {', '.join(extra)}: "
                          "not a one-fault scenario")


def save_injected(result: Injected, out: Path) -> None:
    from netriage.capture import saved

    try:
        saved.save(result.capture, out, redact=True, in_place=True)
    except OSError as exc:
        raise InjectError(f"{out}: cannot be written ({exc.strerror or exc})") from None
