"""Several devices at once: a bounded pool of sessions, one thread each, with progress.

Threads, not processes: a session spends its time waiting on the device, and paramiko's
crypto releases the GIL. The bound protects the devices' and the jump host's SSH limits
(an ASA allows 5 concurrent SSH sessions per context by default) as much as this machine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from netriage.live.client import ConnectOptions, Credentials
from netriage.live.collect import (
    CollectOptions,
    DeviceResult,
    DeviceSpec,
    ProgressFn,
    collect_device,
)
from netriage.live.validate import check_run
from netriage.live.writer import LogNames

DEFAULT_CONCURRENCY = 8


def collect_many(specs: list[DeviceSpec], credentials: Credentials, options: ConnectOptions,
                 collect: CollectOptions, out_dir: Path, *, concurrency: int = DEFAULT_CONCURRENCY,
                 progress: ProgressFn | None = None,
                 ask_enable: Callable[[], str | None] | None = None,
                 cancel: threading.Event | None = None) -> list[DeviceResult]:
    """Collect every device; results come back in the inventory's order.

    `cancel` (for the TUI) stops devices that have not started yet; running ones finish.
    """
    # Every device's values first: a typo in device 14 must not stop a half-collected run.
    check_run(specs, collect.extra_commands, collect.areas)
    names = LogNames(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = threading.Lock()

    def report(event: object) -> None:
        if progress is not None:
            with lock:  # progress renderers are not thread-safe
                progress(event)  # type: ignore[arg-type]

    def one(spec: DeviceSpec) -> DeviceResult | None:
        if cancel is not None and cancel.is_set():
            return None
        return collect_device(spec, credentials, options, collect, out_dir, names=names,
                              progress=report, ask_enable=ask_enable)

    workers = max(1, min(concurrency, len(specs)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="collect") as pool:
        results = list(pool.map(one, specs))
    return [r for r in results if r is not None]
