"""Training scenarios: `recordings/training/<id>/scenario.yaml` beside its capture file(s).

A scenario is data, so a trainer adds one without code. Every field is checked when it is
loaded, and a bad file gives one sentence naming the file and the field (exit code 2), never a
traceback: a typo in an answer key would otherwise silently score every trainee wrong.
The format is documented in recordings/training/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from netriage.errors import NetriageError
from netriage.resources import data_dir
from netriage.yamlio import load_yaml

LEVELS = ("beginner", "intermediate", "advanced")
SCENARIO_FILE = "scenario.yaml"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REQUIRED = ("id", "title", "level", "goals", "story", "faults", "captures")
_OPTIONAL = ("platform", "hints", "questions", "tree", "device", "walks")


class ScenarioError(NetriageError):
    """A scenario file that cannot be used, or a scenario id that does not exist."""


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    level: str  # beginner | intermediate | advanced
    goals: tuple[str, ...]
    story: str  # what the trainee is told before the walk starts
    faults: tuple[str, ...]  # catalog finding ids planted in the captures: the answer key
    captures: tuple[str, ...]  # file names inside the scenario's folder
    folder: Path
    platform: str = ""  # netmiko name, when the captures do not tell it
    hints: dict[str, str] = field(default_factory=dict)  # "tree.node" → hint text
    questions: dict[str, str] = field(default_factory=dict)  # "tree.node" → answer
    tree: str = ""  # the tree the trainee walks; "" → the tree that reaches faults[0]
    device: str = ""  # hostname walked; "" → the first device where faults[0] is found
    # several walks one after the other, (tree, device) each ("" device: where the tree's
    # fault of the key is found): both ends of a fault (the firewall, then its switch)
    walks: tuple[tuple[str, str], ...] = ()

    @property
    def capture_paths(self) -> list[Path]:
        return [self.folder / name for name in self.captures]

    def hint(self, tree: str, node: str) -> str:
        return self.hints.get(f"{tree}.{node}", "")


def scenarios_root() -> Path:
    return data_dir("recordings") / "training"


def load_scenario(folder: Path) -> Scenario:
    """Read and check one scenario folder; ScenarioError (one sentence) when unusable."""
    path = folder / SCENARIO_FILE
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScenarioError(f"{folder}: no {SCENARIO_FILE} in this scenario folder") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ScenarioError(f"{path}: not valid YAML{where}") from None
    return _scenario(raw, folder, path)


def _scenario(raw: Any, folder: Path, path: Path) -> Scenario:
    def bad(problem: str) -> ScenarioError:
        return ScenarioError(f"{path}: {problem}")

    if not isinstance(raw, dict):
        raise bad("a scenario is a mapping of fields (id, title, level, ...)")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise bad(f"missing field(s) {', '.join(missing)}")
    unknown = sorted(str(k) for k in raw if k not in _REQUIRED + _OPTIONAL)
    if unknown:
        raise bad(f"unknown field(s) {', '.join(unknown)}")
    scenario_id = _text(raw, "id", bad)
    if not _ID.match(scenario_id) or scenario_id != folder.name:
        raise bad(f"id {scenario_id!r} must be lower-case words joined by '-' and equal "
                  f"the folder name {folder.name!r}")
    level = _text(raw, "level", bad)
    if level not in LEVELS:
        raise bad(f"level {level!r} is not one of {', '.join(LEVELS)}")
    # An empty answer key is a scenario whose lesson is that nothing is wrong (stateless
    # failover by design): then the tree to walk must be named, as no fault points to one.
    faults = _texts(raw, "faults", bad, allow_empty=True)
    if not faults and not raw.get("tree") and not raw.get("walks"):
        raise bad("a scenario with no fault in 'faults' must name the 'tree' to walk")
    captures = _texts(raw, "captures", bad)
    for name in captures:
        if Path(name).name != name:
            raise bad(f"capture {name!r} must be a file name inside the scenario folder")
        if not (folder / name).is_file():
            raise bad(f"capture {name!r} is not in {folder}")
    platform = str(raw.get("platform") or "")
    if platform:
        from netriage.platforms import get_platform

        try:
            platform = get_platform(platform).name
        except NetriageError as exc:
            raise bad(str(exc)) from None
    scenario = Scenario(
        id=scenario_id, title=_text(raw, "title", bad), level=level,
        goals=tuple(_texts(raw, "goals", bad)), story=_text(raw, "story", bad),
        faults=tuple(faults), captures=tuple(captures), folder=folder, platform=platform,
        hints=_mapping(raw, "hints", bad), questions=_mapping(raw, "questions", bad),
        tree=str(raw.get("tree") or ""), device=str(raw.get("device") or ""),
        walks=_walks(raw, bad),
    )
    _check_against_checks(scenario, bad)
    return scenario


def _text(raw: dict[str, Any], key: str, bad: Any) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise bad(f"field {key!r} must be non-empty text")
    return value.strip()


def _texts(raw: dict[str, Any], key: str, bad: Any, *, allow_empty: bool = False
           ) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not (value or allow_empty):
        raise bad(f"field {key!r} must be a {'' if allow_empty else 'non-empty '}list")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise bad(f"every item of {key!r} must be non-empty text")
    return [v.strip() for v in value]


def _walks(raw: dict[str, Any], bad: Any) -> tuple[tuple[str, str], ...]:
    value = raw.get("walks")
    if value is None:
        return ()
    if raw.get("tree") or raw.get("device"):
        raise bad("give either 'walks' or 'tree'/'device', not both")
    if not isinstance(value, list) or not value or not all(
            isinstance(w, dict) and isinstance(w.get("tree"), str) and set(w) <= {"tree", "device"}
            and isinstance(w.get("device", ""), str) for w in value):
        raise bad("field 'walks' must be a non-empty list of {tree, device} mappings")
    return tuple((w["tree"], w.get("device", "")) for w in value)


def _mapping(raw: dict[str, Any], key: str, bad: Any) -> dict[str, str]:
    value = raw.get(key) or {}
    if not isinstance(value, dict):
        raise bad(f"field {key!r} must map 'tree.node' to text")
    out: dict[str, str] = {}
    for k, v in value.items():
        if not isinstance(k, str) or "." not in k or not isinstance(v, str | int | bool):
            raise bad(f"{key} entry {k!r} must be 'tree.node': text")
        out[k] = str(v).lower() if isinstance(v, bool) else str(v).strip()
    return out


def _check_against_checks(scenario: Scenario, bad: Any) -> None:
    """The answer key, hints and questions must name what the trees really have."""
    from netriage.engine.lint import load_catalog
    from netriage.engine.tree import load_trees

    catalog = load_catalog()
    for fault in scenario.faults:
        if fault not in catalog:
            raise bad(f"fault {fault!r} is not a finding id of checks/catalog.tsv")
    trees = {t.id: t for t in load_trees()}
    for tree_id in [scenario.tree, *(t for t, _device in scenario.walks)]:
        if tree_id and tree_id not in trees:
            raise bad(f"tree {tree_id!r} is not a tree of checks/")
    for key in scenario.hints:
        _node_of(key, trees, "hints", bad)
    for key, answer in scenario.questions.items():
        node = _node_of(key, trees, "questions", bad)
        choices = [a for a, _next in node.choices]
        if node.kind != "question" or answer not in choices:
            raise bad(f"questions {key!r}: answer {answer!r} is not one of "
                      f"{', '.join(choices) or 'its choices (not a question node)'}")


def _node_of(key: str, trees: dict[str, Any], field_name: str, bad: Any) -> Any:
    tree_id, node_id = key.split(".", 1)
    tree = trees.get(tree_id)
    if tree is None or node_id not in tree.nodes:
        raise bad(f"{field_name} key {key!r} names no node of the trees in checks/")
    return tree.nodes[node_id]


def list_scenarios(root: Path | None = None) -> list[Scenario]:
    """Every scenario under `root`, ordered by level then id; the first bad one raises."""
    root = root or scenarios_root()
    if not root.is_dir():
        return []
    found = [load_scenario(p) for p in sorted(root.iterdir())
             if p.is_dir() and (p / SCENARIO_FILE).exists()]
    return sorted(found, key=lambda s: (LEVELS.index(s.level), s.id))


def find_scenario(scenario_id: str, root: Path | None = None) -> Scenario:
    root = root or scenarios_root()
    folder = root / scenario_id
    if not _ID.match(scenario_id) or not (folder / SCENARIO_FILE).is_file():
        # the folder names, not loaded: a broken scenario must not hide which ids exist
        known = ", ".join(sorted(p.name for p in root.iterdir() if (p / SCENARIO_FILE).is_file())
                          ) if root.is_dir() else ""
        known = known or "none installed"
        raise ScenarioError(f"no training scenario {scenario_id!r}; known ids: {known}")
    return load_scenario(folder)
