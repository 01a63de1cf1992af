"""A .docx within every zip limit but absurdly long inside is refused while it is being read —
quickly and in little memory — while real long materials still import whole (issue 13).

Before, a million short paragraphs (50 MB of XML, 7 MB zipped) took ~35 s of processor time
and ~1 GB before the refusal; now ~1 s and ~40 MB."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx_builders import build_long_docx, build_paragraph_flood, para, table, write_docx

from app.errors import InputError
from app.importers import docx_stream
from app.importers.docx import read_docx_paragraphs

REPO = Path(__file__).resolve().parents[2]
MEMORY_BOUND_MB = 300
CPU_BOUND_S = 5  # processor time, not wall time: a loaded machine does not change it much
HANG_GUARD_S = 60

# Runs the real CLI import in a child and reports that child's peak memory and processor time:
# measured from a fresh wrapper so no earlier subprocess of the test run counts.
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
sys.stderr.buffer.write(done.stderr)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(done.returncode, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime)
"""


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "duizhao-cli"
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory of a child via getrusage: Linux")
def test_a_million_paragraph_docx_is_refused_quickly_in_little_memory(tmp_path):
    hostile = build_paragraph_flood(tmp_path / "百万段.docx", 1_000_000)
    assert hostile.stat().st_size < 10 * 1024 * 1024, "small on disk: every zip limit passes"
    library = tmp_path / "lib.db"
    env = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            *_cli(),
            "--library",
            str(library),
            "import",
            str(hostile),
        ],
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=HANG_GUARD_S,
    )
    returncode, peak_mb, cpu_s = done.stdout.split()
    message = done.stderr.decode("utf-8")
    assert int(returncode) == 2, message
    assert int(peak_mb) < MEMORY_BOUND_MB, f"the refused import peaked at {peak_mb} MB"
    assert float(cpu_s) < CPU_BOUND_S, f"the refused import took {cpu_s} s of processor time"
    assert (
        message.count("\n") == 1
        and "段落超过 50,000 个" in message
        and "over 50,000 paragraphs" in message
    )
    assert "百万段.docx" in message
    assert not library.exists() or library.stat().st_size == 0 or _materials(library) == 0


def _materials(library: Path) -> int:
    import sqlite3

    with sqlite3.connect(library) as conn:
        return conn.execute("SELECT count(*) FROM materials").fetchone()[0]


def test_a_five_hundred_page_material_still_imports_every_paragraph(tmp_path):
    path, points = build_long_docx(tmp_path / "五百页.docx", pages=500)
    read = read_docx_paragraphs(path)
    # Title, opening, 3 section headings, 10 dimension headings and the points.
    assert len(read.paragraphs) == 2 + 3 + 10 + points
    assert read.paragraphs[0] == "县委常委班子2023年度主题教育专题民主生活会对照检查材料"
    assert f"第{points}个方面工作还有差距。" in read.paragraphs[-1]


def test_one_giant_table_is_refused_before_it_is_held_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_stream, "MAX_BLOCK_ELEMENTS", 500)
    rows = [[f"第{r}行第{c}格" for c in range(4)] for r in range(200)]  # ~4,000 elements
    path = write_docx(tmp_path / "大表格.docx", para("开头") + table(rows))
    with pytest.raises(InputError) as caught:
        read_docx_paragraphs(path)
    assert "表格、控件或段落过大" in caught.value.zh and "大表格.docx" in caught.value.zh


def test_too_much_text_is_refused_while_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_stream, "MAX_TEXT_CHARS", 5_000)
    path = write_docx(tmp_path / "长文.docx", "".join(para("问题" * 50) for _ in range(100)))
    with pytest.raises(InputError) as caught:
        read_docx_paragraphs(path)
    assert "文字超过 5,000 字" in caught.value.zh and "over 5,000 characters" in caught.value.en


def test_paragraphs_just_under_the_limit_are_all_read(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_stream, "MAX_PARAGRAPHS", 300)
    path = write_docx(tmp_path / "刚好.docx", "".join(para(f"第{i}段。") for i in range(300)))
    assert read_docx_paragraphs(path).paragraphs[-1] == "第299段。"
    path = write_docx(tmp_path / "多一段.docx", "".join(para(f"第{i}段。") for i in range(301)))
    with pytest.raises(InputError, match="段落超过 300 个"):
        read_docx_paragraphs(path)
