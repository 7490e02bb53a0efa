"""Generate a folder of typical captures for batch tests and the batch benchmark.

Each capture is a real recording (a session of a firewall, router or switch) with its device
names made unique (`fw-edge` → `fw-edge-b0007`), so a thousand of them are a thousand
devices, never one device seen a thousand times.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORDINGS = ROOT / "recordings"


def templates() -> list[Path]:
    """Single-file sessions: the realistic ones and the demo (no answers files, no folders)."""
    found = sorted((RECORDINGS / "realistic").rglob("*.log"))
    return [RECORDINGS / "demo" / "asa-pair-failover.log", *found]


def _hostnames(path: Path) -> list[str]:
    from netriage.capture import load_paths

    names = {d.hostname.split("/")[0] for d in load_paths([path]).devices}
    return sorted((n for n in names if len(n) > 2), key=len, reverse=True)


def generate(folder: Path, count: int) -> list[Path]:
    """`count` captures in `folder`, cycling over the templates."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = templates()[:count]
    texts = {}
    for source in sources:
        names = _hostnames(source)
        text = source.read_text(encoding="utf-8", errors="replace")
        texts[source] = (text, re.compile("|".join(map(re.escape, names))) if names else None)
    written = []
    for number in range(count):
        source = sources[number % len(sources)]
        text, pattern = texts[source]
        if pattern is not None:
            text = pattern.sub(lambda m, n=number: f"{m.group(0)}-b{n:04d}", text)
        path = folder / f"{number:04d}-{source.name}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
