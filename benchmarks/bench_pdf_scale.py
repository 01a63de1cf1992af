"""PDF export at the size of a 汇编 (issue 19): a ≈500-page material (the seed's sections
repeated) exported by `duizhao-cli export ID --format pdf` as a whole process, against
LibreOffice converting the same material's DOCX to PDF in the same run; the seed alike; and the
peak RSS of the export at ≈100 and ≈500 pages (memory should not grow with the pages).

Targets: ≈500 pages ≥ 4× faster than LibreOffice; the seed ≤ 0.3 s. Each command runs once
untimed first (bytecode, LibreOffice's profile, the font-metrics cache), then ours and
LibreOffice's alternate so machine load affects both alike; medians of RUNS pairs, and the
median of the pairs' ratios.
Run: `.venv/bin/python benchmarks/bench_pdf_scale.py`
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bench import RUNS, seed_path
from bench_pdf import _cli, _env, median

from tests import libreoffice  # noqa: E402

SIZES = {"≈100 pages": 13, "≈500 pages": 67}  # copies of the seed's sections

WRITE_JSON = """
import sys
from app.importers.text import import_text_file
from app.serialize import material_to_json
material, _ = import_text_file(sys.argv[1])
material.sections = [s for _ in range(int(sys.argv[2])) for s in material.sections]
open(sys.argv[3], "w", encoding="utf-8").write(material_to_json(material))
"""


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one whole process: the
    CPU time says what the work costs when the shared machine is busy."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{cmd[:3]} failed: {proc.stderr.read().decode(errors='replace')}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


class Material:
    """One material in a temporary library, its DOCX, and the two conversions to time."""

    def __init__(self, tmp: Path, source: Path, env: dict[str, str]):
        self.tmp, self.env = tmp, env
        library = tmp / "library.db"
        self.base = _cli() + ["--library", str(library)]
        out = subprocess.run(
            self.base + ["import", str(source)], env=env, check=True, capture_output=True, text=True
        ).stdout
        self.id = out.split()[0]
        self.docx = tmp / "material.docx"
        subprocess.run(
            self.base + ["export", self.id, "--format", "docx", "-o", str(self.docx)],
            env=env,
            check=True,
            capture_output=True,
        )

    def ours(self) -> tuple[float, int, float]:
        pdf = self.tmp / "ours.pdf"
        return _run(self.base + ["export", self.id, "--format", "pdf", "-o", str(pdf)], self.env)

    def libreoffice(self) -> float:
        command, env = libreoffice.soffice_command(
            self.docx, "pdf", self.tmp / "lo", self.tmp / "soffice"
        )
        return _run(command, env)[0]


def pdf_pages(path: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(path).pages)


def compare(label: str, material: Material, soffice: str | None) -> None:
    material.ours()  # untimed: bytecode and font-metrics cache written
    if soffice:
        material.libreoffice()  # untimed: LibreOffice creates its profile
    ours, theirs, rss, cpu = [], [], [], []
    for _ in range(RUNS):
        seconds, peak, used = material.ours()
        ours.append(seconds)
        rss.append(peak)
        cpu.append(used)
        if soffice:
            theirs.append(material.libreoffice())
    pages = pdf_pages(material.tmp / "ours.pdf")
    print(
        f"{f'{label}: duizhao-cli export --format pdf ({pages} p.)':<58} "
        f"{median(ours) * 1000:7.0f} ms  peak RSS {median(rss) / 1024:5.0f} MiB"
        f"  (CPU {median(cpu) * 1000:.0f} ms)",
        flush=True,
    )
    if theirs:
        lo_pages = pdf_pages(material.tmp / "lo" / "material.pdf")
        # The machine's speed drifts within a run: a pair's two runs are seconds apart, so the
        # median of the pairs' ratios is the steadier figure; the ratio of medians is shown too.
        pair_ratio = median([t / o for o, t in zip(ours, theirs, strict=True)])
        print(
            f"{f'{label}: LibreOffice DOCX → PDF, same run ({lo_pages} p.)':<58} "
            f"{median(theirs) * 1000:7.0f} ms  → {pair_ratio:.1f}× faster (median of pair "
            f"ratios; ratio of medians {median(theirs) / median(ours):.1f}×; target ≥ 4×)",
            flush=True,
        )


def main() -> None:
    soffice = libreoffice.soffice_path()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load {load:.2f}")
    if soffice is None:
        print("LibreOffice (soffice) not installed: no comparison")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = _env(tmp / "home", "bundled")
        seed_dir = tmp / "seed"
        seed_dir.mkdir()
        compare("seed (target ≤ 300 ms)", Material(seed_dir, seed_path(), env), soffice)
        for label, copies in SIZES.items():
            folder = tmp / f"x{copies}"
            folder.mkdir()
            source = folder / "material.json"
            subprocess.run(
                [sys.executable, "-c", WRITE_JSON, str(seed_path()), str(copies), str(source)],
                env=env,
                check=True,
            )
            compare(label, Material(folder, source, env), soffice)
    print(f"(medians of {RUNS} alternated pairs; load at the end {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
