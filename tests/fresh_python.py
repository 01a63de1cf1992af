"""Running a snippet in a fresh interpreter, for tests about what a process imports or how many
connections it makes: the test process has long imported everything, a child has not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def fresh_json(code: str, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    """Run ``code`` (with ``args`` as ``sys.argv[1:]``) in a new interpreter from the
    repository; it must exit 0 and print one JSON value as its last line, which is returned."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        encoding="utf-8",
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
