"""The PDF record of a version diff: changes marked (red strike-through, blue underline)."""

from __future__ import annotations

import copy
import stat

import pdfplumber
import pytest

from app.cli import main
from app.errors import InputError
from app.exporters.diff_pdf import DELETE_COLOR, INSERT_COLOR, export_diff_pdf
from app.importers import read_file
from app.version_diff import compare_materials
from tests.app.test_version_diff_cli import versions  # noqa: F401 (fixture)


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def _rgb(color: str) -> tuple[float, ...]:
    return tuple(round(int(color[k : k + 2], 16) / 255, 3) for k in (1, 3, 5))


def _lines_of(pdf_path, color: str) -> list[dict]:
    with pdfplumber.open(pdf_path) as pdf:
        return [
            line
            for page in pdf.pages
            for line in page.lines
            if tuple(round(c, 3) for c in line.get("stroking_color") or ()) == _rgb(color)
        ]


def _chars_in(pdf_path, color: str) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "".join(
            ch["text"]
            for page in pdf.pages
            for ch in page.chars
            if tuple(round(c, 3) for c in ch.get("non_stroking_color") or ()) == _rgb(color)
        )


def _text(pdf_path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "".join((page.extract_text() or "") for page in pdf.pages).replace("\n", "")


@pytest.fixture
def edited(seed_path):
    old, _report = read_file(seed_path)
    new = copy.deepcopy(old)
    point = new.sections[0].dimensions[0].points[0]
    point.body = point.body.replace("还不够积极主动", "还不太积极主动")
    dims = new.sections[0].dimensions
    dims[2].points.append(dims[1].points.pop(0))
    return compare_materials(old, new, "征求意见稿", "定稿")


def test_deleted_text_is_struck_red_and_inserted_underlined_blue(edited, tmp_path):
    out = export_diff_pdf(edited, "县委常委班子对照检查材料", tmp_path / "差异.pdf")
    text = _text(out)
    assert "县委常委班子对照检查材料修改对照" in text
    assert "征求意见稿 → 定稿" in text and "移动 1 · 修改 1" in text
    assert "还不够太积极主动" in text  # both sides in place, each marked
    # the legend's sample words plus the change itself, in their colours
    assert _chars_in(out, DELETE_COLOR) == "红色删除线够"
    assert _chars_in(out, INSERT_COLOR) == "蓝色下划线太"
    assert len(_lines_of(out, DELETE_COLOR)) >= 2  # a strike line through each red run
    assert len(_lines_of(out, INSERT_COLOR)) >= 2
    assert "【移动要点】从 一、存在的主要问题 › （二）" in text


def test_user_text_with_markup_characters_prints_as_typed(seed_path, tmp_path):
    old, _report = read_file(seed_path)
    new = copy.deepcopy(old)
    new.title = "<b>标题</b> & “引号”"
    out = export_diff_pdf(compare_materials(old, new), new.title, tmp_path / "d.pdf")
    assert "<b>标题</b> & “引号”" in _text(out)


def test_cli_writes_the_pdf_and_refuses_a_read_only_target(versions, tmp_path, capsys):  # noqa: F811
    path, first, second = versions
    out = tmp_path / "record.pdf"
    assert main(["--library", str(path), "diff", "1", "--from", str(first), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert "还不够太积极主动" in _text(out)
    out.chmod(stat.S_IRUSR)
    before = out.read_bytes()
    args = ["--library", str(path), "diff", "1", "--from", str(first), "--to", str(second)]
    assert main([*args, "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err and out.read_bytes() == before
    assert main([*args, "-o", str(out), "--force"]) == 0


def test_the_library_itself_is_never_the_target(versions, capsys):  # noqa: F811
    path, first, _second = versions
    before = path.read_bytes()
    assert main(["--library", str(path), "diff", "1", "--from", str(first), "-o", str(path)]) == 2
    assert path.read_bytes() == before
    assert "错误：" in capsys.readouterr().err


def test_a_character_no_font_has_is_named(seed_path, tmp_path):
    old, _report = read_file(seed_path)
    new = copy.deepcopy(old)
    new.title += "\U0001fae8"  # a recent emoji no bundled font draws
    with pytest.raises(InputError, match="标题"):
        export_diff_pdf(compare_materials(old, new), "x", tmp_path / "d.pdf")
    assert not (tmp_path / "d.pdf").exists()


def test_a_changed_point_reads_as_one_paragraph(edited, tmp_path):
    """The record prints a point as the material does: its example (比如…) runs on after the
    body instead of starting a line of its own."""
    out = export_diff_pdf(edited, "县委常委班子对照检查材料", tmp_path / "差异.pdf")
    with pdfplumber.open(out) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").split("\n")]
    assert any("效果不佳。比如" in line for line in lines), lines
