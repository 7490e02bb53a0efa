"""What the TUI has open: a capture, its analysis and overview, and outputs added live.

No Textual here: workers build a `Workspace` in a thread, screens only read it. Adding a live
output makes a new workspace (new capture lists, fresh facts), so a screen never sees one
change under its feet.
"""

from __future__ import annotations

import dataclasses
import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from netriage.analysis import Analysis, DeviceAnalysis, analyze_capture, applicable_trees
from netriage.capture import Capture, Entry, load_paths
from netriage.capture.detect import detect_version
from netriage.engine.findings import Finding, severity_rank
from netriage.engine.guided import GuidedWalk
from netriage.engine.tree import Tree, load_trees
from netriage.errors import NetriageError
from netriage.tui.secrets import ScreenMask
from netriage.tui.summary import Overview, build_overview

LIVE_PREFIX = "live:"


def worst_first(findings: list[Finding]) -> list[Finding]:
    """Severity first; a stable sort, so the tree's own order (root cause before its
    consequences, as the walk met them) breaks ties. Every list of findings uses it."""
    return sorted(findings, key=lambda f: -severity_rank(f.severity))


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """A big capture makes millions of objects; a full garbage collection over them holds the
    GIL, and so stalls the UI thread, for 100 ms and more. Collect nothing while loading, then
    freeze what was built: the collector skips it from then on (reference counting still
    frees it when the workspace goes)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class WalkTarget:
    hostname: str
    tree: Tree

    @property
    def label(self) -> str:
        return f"{self.tree.title} on {self.hostname}"


@dataclass
class Workspace:
    analysis: Analysis
    sources: list[str]  # what was opened (paths; `live:host` for a connection)
    platform: str = ""
    overview: Overview = field(default_factory=Overview)
    mask: ScreenMask = field(default_factory=ScreenMask)  # secrets off every screen
    _findings: list[Finding] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, paths: list[str], platform: str = "") -> Workspace:
        """Load, parse and analyse (slow on big captures: call it from a worker thread).

        Paths are kept absolute: a saved walkthrough reopens them from any folder."""
        paths = [str(Path(p).expanduser().resolve()) for p in paths]
        with no_gc_pauses():
            return cls.from_capture(load_paths(paths, platform), paths, platform)

    @classmethod
    def from_capture(cls, capture: Capture, sources: list[str], platform: str = "",
                     mask: ScreenMask | None = None) -> Workspace:
        with no_gc_pauses():
            analysis = analyze_capture(capture)
            mask = mask if mask is not None else ScreenMask().learn(capture)
            overview = build_overview(analysis)
            for problem in overview.unparsed:  # lines not understood may be secret lines
                problem.lines = [(n, mask.text(text)) for n, text in problem.lines]
            workspace = cls(analysis, sources, platform, overview, mask)
            _ = workspace.findings  # masked here, in the worker: not on the UI's first paint
            return workspace

    @property
    def findings(self) -> list[Finding]:
        """The findings as every view shows them: worst first, secrets masked."""
        if self._findings is None:
            self._findings = self.mask.findings(worst_first(self.analysis.findings))
        return self._findings

    @property
    def capture(self) -> Capture:
        return self.analysis.capture

    @property
    def title(self) -> str:
        names = [s if s.startswith(LIVE_PREFIX) else Path(s).name for s in self.sources]
        return ", ".join(names) or "capture"

    def device(self, hostname: str) -> DeviceAnalysis:
        for item in self.analysis.devices:
            if item.device.hostname == hostname:
                return item
        raise NetriageError(f"device {hostname!r} is not in this capture")

    def targets(self) -> list[WalkTarget]:
        """Every walkthrough this capture offers: one per device and applicable tree."""
        trees = load_trees()
        return [WalkTarget(item.device.hostname, tree) for item in self.analysis.devices
                for tree in applicable_trees(item.device, trees)]

    def target(self, hostname: str, tree_id: str) -> WalkTarget:
        for target in self.targets():
            if target.hostname == hostname and target.tree.id == tree_id:
                return target
        raise NetriageError(f"no {tree_id!r} walkthrough for {hostname!r} in this capture")

    def walk(self, target: WalkTarget, answers: dict[str, str] | None = None,
             overrides: dict[str, tuple[str, str]] | None = None,
             position: int = 0) -> GuidedWalk:
        from netriage.analysis import guided_walk

        facts = self.device(target.hostname).facts
        return guided_walk(target.tree, facts, answers, overrides, position)

    def deciding_position(self, target: WalkTarget, finding_id: str) -> int:
        """How many steps the walkthrough of `target` takes before the check that decided
        `finding_id` (the one whose branch led to the finding), so it can open there; the
        steps before it stay reachable with Back. A question on the way stops it there:
        only the user's answer can lead on. 0 when the walk never reaches the finding."""
        walk = self.walk(target)
        position = walk.view()
        for _ in range(len(target.tree.nodes) + 1):  # each node once at most: no loop
            node = position.node
            if node is None or position.waiting_for_answer:
                return walk.position if node is not None else 0
            if node.kind == "finding" and any(f.id == finding_id for f in position.pending):
                led_here = position.steps[-1] if position.steps else None
                decided_by_check = led_here is not None and (
                    target.tree.nodes.get(led_here.node) is not None
                    and target.tree.nodes[led_here.node].kind == "check")
                return walk.position - 1 if decided_by_check else walk.position
            before = walk.position
            position = walk.forward()
            if walk.position == before:
                break
        return 0

    # -- live outputs ---------------------------------------------------------------------
    def with_output(self, hostname: str, command: str, output: str,
                    cut_short: str = "") -> Workspace:
        """A new workspace whose capture also holds `command`'s output (slow: a worker).

        `cut_short` says why an output is incomplete (the session dropped mid-output): the
        lines that arrived are kept, marked as `netriage collect` marks them, so the parser
        reads them as partial and a saved log reopens the same way."""
        from netriage.parsing.marks import cut_short_line

        text = output.rstrip("\n")
        if cut_short:
            text = (text + "\n" if text else "") + cut_short_line(cut_short)
        capture = Capture(list(self.capture.sources), [], list(self.capture.skipped))
        for device in self.capture.devices:
            copy = dataclasses.replace(device, entries=list(device.entries))
            if device.hostname == hostname:
                entry = Entry(command=command, output=text, typed=command,
                              prompt=f"{hostname}#", source=LIVE_PREFIX + hostname,
                              timestamp=time.strftime("%Y-%m-%d %H:%M:%S"),
                              truncated=bool(cut_short))
                copy.entries.append(entry)
                copy.version = copy.version or detect_version(copy)
                self.mask.learn_entry(entry)
            capture.devices.append(copy)
        if not any(d.hostname == hostname for d in capture.devices):
            raise NetriageError(f"device {hostname!r} is not in this capture")
        return Workspace.from_capture(capture, self.sources, self.platform, self.mask)

    def live_entries(self) -> list[tuple[str, Entry]]:
        return [(device.hostname, entry) for device in self.capture.devices
                for entry in device.entries if entry.source.startswith(LIVE_PREFIX)]

    def write_live_log(self, path: Path) -> Path | None:
        """Outputs collected live as a terminal log any netriage can reopen; None if none."""
        entries = self.live_entries()
        if not entries:
            return None
        lines = []
        for hostname, entry in entries:  # the screen's tokens: the same key, the same token
            lines += [f"{hostname}# {entry.command}", *self.mask.output(entry).split("\n")]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + f"\n{entries[-1][0]}# \n")
        return path

    def reopenable_sources(self, live_log: Path) -> list[str]:
        """Sources a saved session can reopen: the files, plus a log of the live outputs."""
        files = [s for s in self.sources if not s.startswith(LIVE_PREFIX)]
        written = self.write_live_log(live_log)
        return files + ([str(written)] if written else [])
