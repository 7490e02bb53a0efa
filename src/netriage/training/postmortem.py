"""What the end of a training run shows, as plain text lines (the TUI and tests read these).

The score and time, the path the trainee predicted beside the expert's (the engine's) path,
and a post-mortem that walks the tree again, every decision with its reason and the lines of
output it rested on.
"""

from __future__ import annotations

from dataclasses import dataclass

from netriage.training.scoring import HINT_COST, POINTS_RIGHT
from netriage.training.session import TrainingResult

_KIND_LABEL = {"command": "Output", "branch": "Branch", "answer": "Answer", "fault": "Fault"}


@dataclass(frozen=True)
class PathRow:
    step: int
    title: str
    yours: str
    expert: str
    right: bool | None  # None: not scored


def clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def summary_lines(result: TrainingResult) -> list[str]:
    score = result.score
    lines = [
        f"Score {score.points}/{score.maximum} ({score.percent}%)  ·  {score.right} right, "
        f"{score.wrong} wrong, {score.hints} hint(s) (−{HINT_COST} each; "
        f"+{POINTS_RIGHT} a right prediction)  ·  time {clock(result.seconds)}",
    ]
    key = result.scenario.faults
    found = {(f.id) for f in result.expert}
    if key:
        lines.append("Answer key: " + ", ".join(
            f"{fault} {'✓ found' if fault in found else '✗ not found'}" for fault in key))
    else:
        lines.append("Answer key: nothing is wrong here (a valid design); "
                     + ("the walk found nothing either." if not result.found else
                        "yet the walk found: " + ", ".join(f.id for f in result.found)))
    others = [f for f in result.expert if f.id not in key and f.severity not in ("low", "info")]
    if others:
        lines.append("Also found: " + ", ".join(f"{f.id} on {f.device}" for f in others))
    return lines


def path_rows(result: TrainingResult) -> list[PathRow]:
    """Each decision of the walk: what the trainee predicted beside what the engine did."""
    rows: list[PathRow] = []
    for record in result.records:
        for answer in record.answers:
            if answer.kind == "command":
                continue  # the path is the branches taken; commands are in the post-mortem
            rows.append(PathRow(len(rows) + 1, record.title, answer.chosen_text,
                                answer.correct_text or answer.chosen_text,
                                answer.right if answer.scored else None))
    return rows


def path_lines(result: TrainingResult, width: int = 76) -> list[str]:
    half = max(20, (width - 6) // 2)
    lines = [f"   {'Your path':<{half}} {'Expert path'}"]
    for row in path_rows(result):
        mark = {True: "✓", False: "✗", None: "·"}[row.right]
        lines.append(f"{row.step:>2}. {row.title}")
        lines.append(f" {mark}  {_cut(row.yours, half - 1):<{half}}{_cut(row.expert, half)}")
    return lines


def post_mortem_lines(result: TrainingResult) -> list[str]:
    lines: list[str] = []
    walk = None
    for number, record in enumerate(result.records, 1):
        if len(result.walked) > 1 and (record.device, record.tree.id) != walk:
            walk = (record.device, record.tree.id)
            lines += [f"── {record.tree.title} on {record.device} ──", ""]
        kind = {"check": "Check", "question": "Question", "finding": "Finding"}[record.node.kind]
        lines.append(f"{number}. {kind}: {record.title}")
        if record.node.kind != "finding":
            outcome = record.outcome or "(answered by you)"
            lines.append(f"   Decided: {outcome} → {record.goes_to}")
        if record.why:
            lines.append(f"   Why: {record.why}")
        for item in record.evidence[:4]:
            lines.append(f"   Read ({item.command}): {item.text}")
        if len(record.evidence) > 4:
            lines.append(f"   … {len(record.evidence) - 4} more line(s)")
        for answer in record.answers:
            label = _KIND_LABEL.get(answer.kind, answer.kind)
            hint = " (hint taken)" if answer.hinted else ""
            if not answer.scored:
                lines.append(f"   · {label}: you answered {answer.chosen_text}{hint}")
            elif answer.right:
                lines.append(f"   ✓ {label}: {answer.chosen_text}{hint}")
            else:
                lines.append(f"   ✗ {label}: you chose {answer.chosen_text}; "
                             f"right: {answer.correct_text}{hint}")
        lines.append("")
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
