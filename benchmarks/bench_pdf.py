"""PDF export speed (DESIGN §8): `duizhao-cli export SEED --format pdf` as a whole process,
LibreOffice converting the same material's DOCX in the same run, in-process renders, and a
≈500-page material.

Targets: whole-process export of the seed ≤ 0.3 s and ≥ 4× faster than LibreOffice; ≈500 pages
≤ 10 s, linear in pages. Each process is started once untimed first, as a user's second export
is: Python has written its bytecode, LibreOffice its profile, Duizhao its font-metrics cache.
The exports with bundled and with auto fonts and LibreOffice's run alternate in one loop (the
two font settings in turns), so machine load affects all alike.
Run: `.venv/bin/python benchmarks/bench_pdf.py`
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bench import REPO, RUNS, SEED_CANDIDATES

from tests import libreoffice  # noqa: E402

BIG_SCRIPT = """
import sys, time
start = time.perf_counter()
from app.importers.text import import_text_file
from app.exporters.pdf import render_pdf
material, _ = import_text_file(sys.argv[1])
copies = int(sys.argv[2])
material.sections = [s for _ in range(copies) for s in material.sections]
data, report = render_pdf(material)
print(report.pages, time.perf_counter() - start, len(data))
"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def _env(home: Path, fonts: str) -> dict[str, str]:
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        DUIZHAO_FONTS=fonts,
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode cached
    return env


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("duizhao-cli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]


def _timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


class SeedExports:
    """A temporary library holding the seed, its DOCX, and the commands to time."""

    def __init__(self, tmp: Path, seed: Path, fonts: str):
        self.tmp = tmp
        self.env = _env(tmp / "home", fonts)
        self.library = tmp / "library.db"
        out = subprocess.run(
            _cli() + ["--library", str(self.library), "import", str(seed)],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        self.material_id = out.split()[0]
        self.pdf = tmp / "seed.pdf"
        self.docx = tmp / "seed.docx"
        subprocess.run(
            [
                sys.executable,
                "-c",
                (
                    "import sys\nfrom app.importers.text import import_text_file\n"
                    "from app.exporters.docx import export_docx\n"
                    "export_docx(import_text_file(sys.argv[1])[0], sys.argv[2])"
                ),
                str(seed),
                str(self.docx),
            ],
            env=self.env,
            check=True,
        )

    def export_pdf(self) -> float:
        return _timed(
            _cli()
            + [
                "--library",
                str(self.library),
                "export",
                self.material_id,
                "--format",
                "pdf",
                "-o",
                str(self.pdf),
            ],
            self.env,
        )

    def libreoffice(self) -> float:
        # The tests' LibreOffice setup: the bundled fonts under the DOCX's font names.
        command, env = libreoffice.soffice_command(
            self.docx, "pdf", self.tmp / "lo", self.tmp / "soffice"
        )
        return _timed(command, env)


def whole_process(
    seed: Path, fonts: tuple[str, ...], soffice: str | None
) -> tuple[dict[str, float], float | None]:
    """Median seconds of the CLI export per font setting and (when installed) of LibreOffice,
    all alternated in one loop, so a drift in the machine's load falls on each alike."""
    with tempfile.TemporaryDirectory() as tmp:
        benches = {}
        for name in fonts:
            folder = Path(tmp) / name
            folder.mkdir()
            benches[name] = SeedExports(folder, seed, name)
            benches[name].export_pdf()  # untimed: bytecode and font-metrics cache written
        lo = benches[fonts[0]]
        if soffice:
            lo.libreoffice()  # untimed: LibreOffice creates its profile
        ours: dict[str, list[float]] = {name: [] for name in fonts}
        theirs = []
        for run in range(RUNS):
            order = fonts if run % 2 == 0 else fonts[::-1]
            for name in order:
                ours[name].append(benches[name].export_pdf())
            if soffice:
                theirs.append(lo.libreoffice())
    return {name: median(times) for name, times in ours.items()}, (
        median(theirs) if theirs else None
    )


def python_floor() -> float:
    return median([_timed([sys.executable, "-c", "pass"]) for _ in range(RUNS)])


def in_process(seed: Path) -> tuple[float, int]:
    os.environ["DUIZHAO_FONTS"] = "bundled"
    from app.exporters.pdf import render_pdf
    from app.importers.text import import_text_file

    material, _ = import_text_file(seed)
    _, report = render_pdf(material)  # warm: fonts registered
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        render_pdf(material)
        times.append(time.perf_counter() - start)
    return median(times), report.pages


def big(seed: Path, copies: int) -> tuple[int, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp), "bundled")
        out = subprocess.run(
            [sys.executable, "-c", BIG_SCRIPT, str(seed), str(copies)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    return int(out[0]), float(out[1]), int(out[2])


def main() -> None:
    seed = next(p for p in SEED_CANDIDATES if p.exists())
    soffice = libreoffice.soffice_path()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load {load:.2f}")
    print(f"{'python -c pass (floor)':<52} {python_floor() * 1000:8.0f} ms")
    ours, theirs = whole_process(seed, ("bundled", "auto"), soffice)
    for fonts, seconds in ours.items():
        label = f"duizhao-cli export SEED --format pdf ({fonts} fonts)"
        print(f"{label:<52} {seconds * 1000:8.0f} ms  (target ≤ 300)")
    if theirs is None:
        print("LibreOffice (soffice) not installed: no comparison")
    else:
        print(
            f"{'LibreOffice: seed DOCX → PDF, same run':<52} {theirs * 1000:8.0f} ms"
            f"  → {theirs / ours['bundled']:.1f}× faster (target ≥ 4×)"
        )
    seconds, pages = in_process(seed)
    print(f"{f'seed → PDF in-process, warm ({pages} pages)':<52} {seconds * 1000:8.0f} ms")
    for copies in (11, 67):
        pages, seconds, size = big(seed, copies)
        print(
            f"{f'{pages} pages, whole process':<52} {seconds * 1000:8.0f} ms"
            f"  ({seconds / pages * 1000:.1f} ms/page, {size / 1e6:.1f} MB; target ≤ 10 s for ≈500)"
        )
    print(f"(median of {RUNS} runs where repeated)")


if __name__ == "__main__":
    main()
