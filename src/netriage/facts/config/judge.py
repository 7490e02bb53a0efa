"""How the config checks turn what they found into a `ConfigFacts` field, and what the
families' checks share (idle limit, guessable communities, weak pre-shared keys)."""

from __future__ import annotations

from typing import Any

from netriage.engine.expr import Unknown
from netriage.facts.config.secrets import weak_keys
from netriage.facts.config.tree import RunningConfig

# Longer idle sessions than this stay logged in for too long (`exec-timeout` is in minutes).
MAX_IDLE_MINUTES = 30
GUESSABLE_COMMUNITY = frozenset({"public", "private", "cisco", "secret", "community",
                                  "snmp", "admin", "read", "write", "test", "default"})


class Judge:
    """Turns found lines into a field value: the lines, or (none found) [] when the capture
    covers where they would be, or Unknown when it does not."""

    def __init__(self, config: RunningConfig) -> None:
        self.config = config

    def found(self, items: list, *examples: str) -> Any:
        if items:
            return items
        return self.absent(*examples, value=[])

    def absent(self, *examples: str, value: Any = True) -> Any:
        try:
            self.config.need(*examples)
        except Unknown as unknown:
            return unknown
        return value


def weak_psk(keys: list, enable_values: set[str], judge: Judge, *examples: str) -> Any:
    weak = weak_keys(keys, enable_values)
    if weak:
        return weak
    if keys and all(not k.value for k in keys):
        return Unknown("every pre-shared key is masked or encrypted in this output; "
                       "`more system:running-config` shows them", ("more system:running-config",))
    return judge.absent(*examples, value=[])

