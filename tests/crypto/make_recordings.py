"""Write recordings/fixtures/crypto/*.log from tests/crypto/scenarios.py.

    /work/venv/bin/python -m tests.crypto.make_recordings

`test_recordings.py` fails when a file differs from its scenario, so edit the scenario (or
the kit) and run this, never the .log by hand.
"""

from __future__ import annotations

from tests.conftest import FIXTURES
from tests.crypto.scenarios import recordings

FOLDER = FIXTURES / "crypto"


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    wanted = recordings()
    for stale in FOLDER.glob("*.log"):
        if stale.stem not in wanted:
            stale.unlink()
    for name, text in wanted.items():
        (FOLDER / f"{name}.log").write_text(text)
    print(f"{len(wanted)} recordings in {FOLDER}")


if __name__ == "__main__":
    main()
