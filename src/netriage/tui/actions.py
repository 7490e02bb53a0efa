"""One definition per user action feeds its key binding, the footer, the key panel and the
command palette.

A screen (or the app) lists its actions once in `ACTIONS` and sets `BINDINGS =
bindings(ACTIONS)`; `ActionsProvider` offers the same list in the command palette, asking the
owner's `check_action` first so the palette never offers what cannot run, exactly like the
footer hides it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any, NamedTuple

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class Act(NamedTuple):
    """A user action: `action` is a Textual action string such as `forward` or `answer(1)`.

    A NamedTuple, not a frozen dataclass: made ~5x faster, and every screen class defines
    several at import, before the first frame. Only read by attribute (nothing compares,
    unpacks or replaces one)."""

    action: str
    keys: str  # comma-separated Textual key names
    label: str  # footer and palette title
    help: str = ""  # palette help line and footer tooltip
    show: bool = True  # listed in the footer
    palette: bool = True  # offered in the command palette
    group: str = ""  # footer group, e.g. "Answer" for keys 1..9
    key_display: str | None = None
    priority: bool = False

    def binding(self) -> Binding:
        group = Binding.Group(self.group, compact=True) if self.group else None
        return Binding(self.keys, self.action, self.label, show=self.show,
                       key_display=self.key_display, priority=self.priority,
                       tooltip=self.help, group=group)

    @property
    def first_key(self) -> str:
        return self.key_display or self.keys.split(",")[0]


def bindings(acts: Iterable[Act]) -> list[Binding]:
    return [act.binding() for act in acts]


def available(owner: Any) -> Iterator[tuple[Act, str]]:
    """The owner's actions that can run now, with their palette titles."""
    for act in getattr(owner, "ACTIONS", ()):
        if not act.palette:
            continue
        _namespace, name, params = parse(act.action)
        if owner.check_action(name, params) is not True:
            continue
        title = getattr(owner, "action_title", lambda _act: None)(act) or act.label
        yield act, title


class ActionsProvider(Provider):
    """The calling screen's actions, then the app's, for the command palette."""

    def _hits(self) -> Iterator[tuple[str, str, Any]]:
        for owner in (self.screen, self.app):
            for act, title in available(owner):
                key = f"key {act.first_key}"
                help_text = f"{act.help} · {key}" if act.help else key
                yield title, help_text, partial(owner.run_action, act.action)

    async def discover(self) -> Hits:
        for title, help_text, command in self._hits():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in self._hits():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_text)
