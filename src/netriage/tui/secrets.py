"""Secrets off the screen: every text the TUI shows, copies or writes passes through here.

One `ScreenMask` per open capture, on the shared redaction model (`netriage.redact`): it
learns the capture's secrets once, in the loading worker, so a key configured in one output
is masked wherever another output or a finding echoes it, and a secret keeps one token
(`<psk-1>`) on every screen, in the clipboard and in exports. There is deliberately no "show
secrets" switch: a screen share or a pasted ticket must never carry them; `netriage parse
--no-redact` or the capture file itself are the ways to read a secret on purpose.

No Textual here: workers build it, screens only call it.
"""

from __future__ import annotations

import dataclasses
import threading

from netriage.capture.model import Capture, Entry
from netriage.engine.findings import Evidence, Finding, Fix, Step
from netriage.engine.guided import Position
from netriage.redact import TokenMap, mask_value, redact_text


class ScreenMask:
    def __init__(self) -> None:
        self.tokens = TokenMap()
        self._outputs: dict[int, tuple[Entry, str]] = {}  # id(entry) -> (entry, masked text)
        self._lock = threading.Lock()  # a worker may learn while the UI masks

    def learn(self, capture: Capture) -> ScreenMask:
        """Learn every secret of `capture` (one pass over its outputs and typed lines)."""
        for device in capture.devices:
            for entry in [*device.entries, *device.console]:
                self.learn_entry(entry)
        return self

    def learn_entry(self, entry: Entry) -> None:
        with self._lock:
            for text in (entry.typed, entry.command):
                self._typed(entry, text)
            redact_text(entry.output, self.tokens, command=entry.command)

    def _typed(self, entry: Entry, text: str) -> str:
        # A line typed at a sub-mode prompt (`fw(config-aaa-server-host)# key x`) takes its
        # context from the prompt's mode, as the saved captures' headers do: masked with its
        # prompt, which is then taken off again.
        if not text:
            return text
        if entry.prompt and "(" in entry.prompt:
            prefix = entry.prompt + " "
            out = redact_text(prefix + text, self.tokens).text
            if out.startswith(prefix):
                return out[len(prefix):]
        return redact_text(text, self.tokens).text

    # -- masking --------------------------------------------------------------------------
    def text(self, value: str) -> str:
        if not value:
            return value
        with self._lock:
            return mask_value(value, self.tokens)

    def typed(self, entry: Entry) -> str:
        """The command line as typed (or resolved), as the screen shows it."""
        with self._lock:
            return mask_value(self._typed(entry, entry.command or entry.typed), self.tokens)

    def output(self, entry: Entry) -> str:
        """`entry.output` as the screen shows it (same lines, secrets as tokens); cached."""
        cached = self._outputs.get(id(entry))
        if cached is not None and cached[0] is entry:
            return cached[1]
        with self._lock:
            masked = redact_text(entry.output, self.tokens, command=entry.command).text
        self._outputs[id(entry)] = (entry, masked)
        return masked

    def evidence(self, item: Evidence) -> Evidence:
        return dataclasses.replace(item, text=self.text(item.text))

    def step(self, step: Step) -> Step:
        return dataclasses.replace(step, evidence=[self.evidence(e) for e in step.evidence],
                                   reason=self.text(step.reason), title=self.text(step.title))

    def fix(self, fix: Fix) -> Fix:
        many = self.many
        return dataclasses.replace(fix, commands=many(fix.commands), verify=many(fix.verify),
                                   rollback=many(fix.rollback), manager=many(fix.manager),
                                   impact=self.text(fix.impact))

    def finding(self, finding: Finding) -> Finding:
        """A copy of `finding` whose every free text is masked (ids and names kept)."""
        return dataclasses.replace(
            finding, title=self.text(finding.title),
            explanation=self.text(finding.explanation),
            evidence=[self.evidence(e) for e in finding.evidence],
            fix=[self.fix(f) for f in finding.fix], path=[self.step(s) for s in finding.path],
            fix_note=self.text(finding.fix_note))

    def findings(self, findings: list[Finding]) -> list[Finding]:
        return [self.finding(f) for f in findings]

    def many(self, values: list[str]) -> list[str]:
        return [self.text(v) for v in values]

    def position(self, position: Position) -> Position:
        """A walkthrough position as the screen shows it (same steps, texts masked)."""
        return dataclasses.replace(
            position, steps=[self.step(s) for s in position.steps],
            findings=self.findings(position.findings), pending=self.findings(position.pending),
            evidence=[self.evidence(e) for e in position.evidence],
            decision=self.step(position.decision) if position.decision else None)
