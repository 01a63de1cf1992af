"""Import the seed and export it as txt / md / json: medians in-process and as whole processes.

Targets (DESIGN §8): importing the seed (txt) ≤ 0.1 s. Run:
`.venv/bin/python benchmarks/bench_import_export.py`
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _bench import REPO, SEED_CANDIDATES, median_seconds, report


def cli_command() -> list[str]:
    script = Path(sys.executable).parent / "duizhao-cli"
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]


def in_process(seed: Path) -> None:
    from app.exporters.text import export_md, export_txt
    from app.importers import text as text_importer
    from app.serialize import material_from_json, material_to_json

    material, _ = text_importer.import_text_file(seed)
    report("import seed (in-process)", median_seconds(lambda: text_importer.import_text_file(seed)))
    report("export txt (in-process)", median_seconds(lambda: export_txt(material)))
    report("export md (in-process)", median_seconds(lambda: export_md(material)))
    report("export json (in-process)", median_seconds(lambda: material_to_json(material)))
    text = material_to_json(material)
    report("read json back (in-process)", median_seconds(lambda: material_from_json(text)))


def whole_process(seed: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "library.db"
        env = dict(os.environ, PYTHONPATH=str(REPO))
        base = cli_command() + ["--library", str(library)]

        def run(*args: str) -> str:
            done = subprocess.run(
                base + list(args), capture_output=True, text=True, env=env, check=True
            )
            return done.stdout.strip()

        run("list")  # warm the OS file cache once
        ids: list[str] = []
        report(
            "process: duizhao-cli import seed",
            median_seconds(lambda: ids.append(run("import", str(seed)))),
        )
        out = str(Path(tmp) / "seed.txt")
        report(
            "process: duizhao-cli export --format txt",
            median_seconds(lambda: run("export", ids[0], "--format", "txt", "-o", out)),
        )
        report(
            "process: duizhao-cli templates (no library)", median_seconds(lambda: run("templates"))
        )


def main() -> int:
    seed = next((p for p in SEED_CANDIDATES if p.exists()), None)
    if seed is None:
        print("seed fixture missing", file=sys.stderr)
        return 1
    print(
        f"machine: {os.cpu_count()} cpus, python {sys.version.split()[0]}, cli "
        f"{' '.join(cli_command())}"
    )
    in_process(seed)
    whole_process(seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
