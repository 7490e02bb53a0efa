"""Training progress per user: every finished run, kept in the user's data directory.

`progress.json` under `<user data dir>/training/` (platformdirs, through netriage.userdirs;
tests point XDG_DATA_HOME at a temporary folder). A damaged file is reported in one sentence
and never overwritten: a trainee's history is worth more than one new run.
"""

from __future__ import annotations

import getpass
import json
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from netriage import userdirs
from netriage.errors import NetriageError

PROGRESS_FORMAT = 1


class ProgressError(NetriageError):
    """The progress file cannot be read or written."""


@dataclass(frozen=True)
class Run:
    scenario: str
    title: str
    level: str
    points: int
    maximum: int
    percent: int
    right: int
    wrong: int
    hints: int
    seconds: int
    finished: str  # local time, ISO 8601 to the second


def progress_path() -> Path:
    return userdirs.data_dir() / "training" / "progress.json"


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return ""


def load_history(path: Path | None = None) -> list[Run]:
    """Every recorded run, oldest first; none yet is an empty list."""
    path = path or progress_path()
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != PROGRESS_FORMAT:
            raise ValueError("unknown format")
        names = {f.name for f in fields(Run)}
        return [Run(**{k: v for k, v in item.items() if k in names})
                for item in data.get("history", [])]
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise ProgressError(f"{path}: the training progress file cannot be read "
                            f"({exc.__class__.__name__}); move it away to start a new one"
                            ) from None


def record_run(result: Any, path: Path | None = None) -> Run:
    """Add a finished `TrainingResult` to the history and write it back."""
    path = path or progress_path()
    history = load_history(path)
    scenario = result.scenario
    run = Run(scenario.id, scenario.title, scenario.level, result.score.points,
              result.score.maximum, result.score.percent, result.score.right,
              result.score.wrong, result.score.hints, round(result.seconds),
              time.strftime("%Y-%m-%dT%H:%M:%S"))
    history.append(run)
    data = {"format": PROGRESS_FORMAT, "user": _user(),
            "history": [asdict(item) for item in history]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise ProgressError(f"{path}: cannot save the training progress ({exc.strerror})"
                            ) from None
    return run


def best_scores(history: list[Run]) -> dict[str, Run]:
    """The best run of each scenario (the later one on a tie)."""
    best: dict[str, Run] = {}
    for run in history:
        if run.scenario not in best or run.percent >= best[run.scenario].percent:
            best[run.scenario] = run
    return best
