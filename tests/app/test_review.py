"""``duizhao-cli review FOLDER -o report``: a folder of five constructed materials (two sharing a
planted passage, one missing a dimension, one with a typo, a .md, a corrupt .docx) gives one
report, read back from HTML, XLSX and PDF: the materials ranked, the shared pair with its
share, the missing dimension, the import failure; bad input is one bilingual line, exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from review_samples import PLANTED, write_review_folder

from app.cli import main
from app.compare.normalise import normalise
from app.paths import library_path
from app.review.batch import review_folder

RANKED = ["甲单位.txt", "丙单位.md", "乙单位/材料.docx", "丁单位.txt"]
FAILED = "坏文件.docx"


@pytest.fixture
def folder(tmp_path) -> Path:
    return write_review_folder(tmp_path / "收到的材料")


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["review", *[str(a) for a in args]])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ranked_by_errors_then_shared_share_then_missing_dimensions(folder):
    review = review_folder(folder)
    assert [m.file for m in review.materials] == RANKED
    first, third, second, fourth = review.materials
    assert first.count("error") >= 1 and any("拼搏竞进" in f.message for f in first.findings)
    assert [m.count("error") for m in review.materials[1:]] == [0, 0, 0]
    planted = len(normalise(PLANTED))
    # The planted passage, counted on both sides, as a share of each material's own text.
    assert [(s.other, s.chars >= planted) for s in third.shared] == [("乙单位/材料.docx", True)]
    assert [(s.other, s.chars >= planted) for s in second.shared] == [("丙单位.md", True)]
    assert third.shared[0].chars == second.shared[0].chars <= planted + 2
    assert third.shared[0].share == pytest.approx(third.shared[0].chars / third.chars)
    assert third.share > second.share > 0
    assert PLANTED[:18] in third.shared[0].example
    assert fourth.missing_dimensions == ["正反经验"]
    assert [m.missing_dimensions for m in review.materials[:3]] == [[], [], []]
    assert first.shared == [] and fourth.shared == []
    assert [(f.file, "另存为 .docx" in f.reason) for f in review.failures] == [
        ("旧材料.doc", True),
        (FAILED, True),
    ]
    assert "损坏" in review.failures[1].reason


def test_html_report(folder, tmp_path, capsys):
    out = tmp_path / "报告.html"
    code, stdout, stderr = run(capsys, folder, "-o", out)
    assert code == 0 and stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    summary = html[html.index('id="summary"') : html.index("</table>")]
    assert [summary.index(f"<td>{name}</td>") for name in RANKED] == sorted(
        summary.index(f"<td>{name}</td>") for name in RANKED
    )
    third = html[html.index('id="m2"') : html.index('id="m3"')]
    share = re.search(r"<td>乙单位/材料\.docx</td>.*?<td class=\"n\">(\d+)</td>", third).group(1)
    assert int(share) >= len(normalise(PLANTED))
    assert "缺少的方面：正反经验" in html[html.index('id="m4"') :]
    assert FAILED in html[html.index('id="failures"') :]
    assert "<script" not in html and "http" not in html.replace("https", "")  # self-contained
    assert "导入 5/5" in stderr and "查重 4/4" in stderr and "未能导入 2 个文件" in stderr


def test_html_escapes_user_text(tmp_path, capsys):
    folder = tmp_path / "<i>各单位&材料"
    folder.mkdir()
    (folder / "<script>单位&.txt").write_text(
        "对照检查材料\n一、存在的问题\n有的同志学习不深入。\n", encoding="utf-8"
    )
    code, _, _ = run(capsys, folder, "-o", tmp_path / "r.html", "--quiet")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert code == 0
    assert "<script" not in html and "<i>" not in html
    assert "&lt;script&gt;单位&amp;.txt" in html and "&lt;i&gt;各单位&amp;材料" in html


def test_xlsx_report(folder, tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "报告.xlsx"
    code, _, stderr = run(capsys, folder, "-o", out, "--quiet")
    assert code == 0 and stderr.startswith("未能导入 2 个文件")  # no progress lines
    book = load_workbook(out)
    summary = book["汇总"]
    assert summary.freeze_panes == "A2"
    assert [summary.cell(row=r, column=2).value for r in range(2, 6)] == RANKED
    assert [summary.cell(row=r, column=1).value for r in range(2, 6)] == [1, 2, 3, 4]
    assert summary.cell(row=5, column=7).value == "正反经验"
    assert summary.cell(row=2, column=2).alignment.wrap_text
    shared = {
        (row[1], row[2]): (row[4], row[5])
        for row in book["重复"].iter_rows(min_row=2, values_only=True)
    }
    assert set(shared) == {("丙单位.md", "乙单位/材料.docx"), ("乙单位/材料.docx", "丙单位.md")}
    chars, share = shared["丙单位.md", "乙单位/材料.docx"]
    assert chars >= len(normalise(PLANTED)) and 0 < share < 1
    assert summary.cell(row=3, column=6).value == pytest.approx(share)
    findings = list(book["问题"].iter_rows(min_row=2, values_only=True))
    assert any(r[1] == "甲单位.txt" and r[2] == "错误" and "拼搏竞进" in r[6] for r in findings)
    failed = [r[0] for r in book["未能导入"].iter_rows(min_row=2, values_only=True)]
    assert failed == ["旧材料.doc", FAILED]


def test_pdf_report(folder, tmp_path, capsys):
    import pdfplumber

    out = tmp_path / "报告.pdf"
    code, _, _ = run(capsys, folder, "-o", out, "--quiet")
    assert code == 0
    with pdfplumber.open(out) as pdf:
        assert round(pdf.pages[0].width) == 595 and round(pdf.pages[0].height) == 842  # A4
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    flat = text.replace("\n", "")
    summary = flat[: flat.index("1. 甲单位")]
    positions = [summary.index(name) for name in RANKED]
    assert positions == sorted(positions)
    third = flat[flat.index("2. 丙单位") : flat.index("3. 乙单位")]
    assert re.search(r"乙单位/材料\.docx.*?(\d+)\s*(\d+)%", third)
    assert "缺少的方面：正反经验" in flat[flat.index("4. 丁单位") :]
    assert FAILED in flat[flat.index("未能导入的文件") :]


def test_the_scratch_library_is_gone_and_the_users_untouched(folder, tmp_path, capsys):
    import tempfile

    before = set(Path(tempfile.gettempdir()).glob("duizhao-review-*"))
    code, _, _ = run(capsys, folder, "-o", tmp_path / "r.html", "--quiet")
    assert code == 0
    assert set(Path(tempfile.gettempdir()).glob("duizhao-review-*")) == before
    assert not library_path(None).exists()


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ("missing", "文件夹不存在"),
        ("empty", "没有 .docx/.txt/.md 材料"),
        ("unreadable", "没有能导入的材料"),
        ("output-is-folder", "不是普通文件"),
        ("output-is-device", "不是普通文件"),
        ("output-suffix", "须以 .html、.xlsx 或 .pdf 结尾"),
    ],
)
def test_bad_input_is_exit_2_with_one_bilingual_line(tmp_path, capsys, setup, words):
    folder = tmp_path / "材料"
    out = tmp_path / "r.html"
    if setup != "missing":
        folder.mkdir()
    if setup == "unreadable":
        (folder / "坏.docx").write_bytes(b"not a word file")
        (folder / "空.txt").write_bytes(b"\x00\x01\x02\x03binary")
    elif setup != "empty" and setup != "missing":
        (folder / "a.txt").write_text("对照检查材料\n一、存在的问题\n学习不深入。\n", "utf-8")
    if setup == "output-is-folder":
        out = folder
    elif setup == "output-is-device":
        out = Path("/dev/null")
    elif setup == "output-suffix":
        out = tmp_path / "r.docx"
    code, stdout, stderr = run(capsys, folder, "-o", out)
    assert code == 2 and stdout == ""
    lines = [line for line in stderr.splitlines() if line.startswith("错误")]
    assert len(lines) == 1 and words in lines[0] and " / error: " in lines[0]
    assert not (tmp_path / "r.html").exists()


def test_html_lists_the_ten_sharing_most_and_counts_the_rest():
    from app.review.batch import BatchReview, MaterialReview, SharedWith
    from app.review.report_html import render_review_html

    shared = [SharedWith(f"其他{n:02d}.txt", "", 100 - n, (100 - n) / 1000) for n in range(12)]
    material = MaterialReview(
        "本单位.txt", "标题", "", "custom", "", None, 1000, 150, [], shared, []
    )
    material.rank = 1
    html = render_review_html(BatchReview("收到的材料", 13, [material]))
    listed = html[html.index('id="m1"') :]
    assert [f"其他{n:02d}.txt" in listed for n in range(12)] == [True] * 10 + [False] * 2
    assert "另有 2 份材料与本材料有相同文字，每份不超过 90 字" in listed
