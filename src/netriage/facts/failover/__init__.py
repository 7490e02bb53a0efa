"""Failover facts: one public entry for the rest of netriage.

The package reads `show failover` (and its history, state, interface and syslog relatives)
into per-unit observations the trees test. Outside this package, import from here only; the
modules behind it (`model`, `build`, `config`, `history`, `platform`, `syslog`, `common`) are
free to change. Each name is imported from its module when first used (`lazy_exports`): a
capture without `show running-config failover` never imports `config`.
"""

from typing import TYPE_CHECKING

from netriage.facts.lazy_exports import exports

if TYPE_CHECKING:
    from netriage.facts.failover.build import build_failover, build_mate_failover
    from netriage.facts.failover.common import (
        FailoverOutputs,
        build_history,
        build_outputs,
        build_standby_edits,
        build_syslog,
    )
    from netriage.facts.failover.config import (
        ActiveActiveConfig,
        FailoverConfig,
        FailoverLinks,
        FailoverMonitor,
        build_active_active,
        build_config,
        build_links,
        build_monitor,
    )
    from netriage.facts.failover.history import FailoverHistory, FailoverState, build_state
    from netriage.facts.failover.model import FailoverFacts
    from netriage.facts.failover.platform import (
        FailoverPlatform,
        StartupConfig,
        build_platform,
        build_startup,
    )
    from netriage.facts.failover.syslog import FailoverSyslog, StandbyEdits

WHERE = {
    "build_failover": "build", "build_mate_failover": "build",
    # build_history, build_syslog and build_standby_edits are in `common`: they find the
    # output missing without the history or syslog models
    **dict.fromkeys(("FailoverOutputs", "build_outputs", "build_history", "build_syslog",
                     "build_standby_edits"), "common"),
    **dict.fromkeys(("ActiveActiveConfig", "FailoverConfig", "FailoverLinks", "FailoverMonitor",
                     "build_active_active", "build_config", "build_links", "build_monitor"),
                    "config"),
    **dict.fromkeys(("FailoverHistory", "FailoverState", "build_state"), "history"),
    "FailoverFacts": "model",
    **dict.fromkeys(("FailoverPlatform", "StartupConfig", "build_platform", "build_startup"),
                    "platform"),
    "FailoverSyslog": "syslog", "StandbyEdits": "syslog",
}
__getattr__ = exports(__name__, WHERE)

__all__ = [
    "ActiveActiveConfig", "FailoverConfig", "FailoverFacts", "FailoverHistory", "FailoverLinks",
    "FailoverMonitor", "FailoverOutputs", "FailoverPlatform", "FailoverState", "FailoverSyslog",
    "StandbyEdits", "StartupConfig", "build_active_active", "build_config", "build_failover",
    "build_history", "build_links", "build_mate_failover", "build_monitor", "build_outputs",
    "build_platform", "build_standby_edits", "build_startup", "build_state", "build_syslog",
]
