"""The 查重 report a writer hands to a reviewer: ``similar ID -o report.html|report.pdf`` writes
the score, each shared passage in this material and the source paragraph holding it (both
spans), with user text escaped; a bad suffix or a write-protected target is refused, nothing
written."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from similar_samples import COPIED, OWN_TEXT, material

from app.cli import main
from app.library import Library

# User text that is markup: must print as typed, never become HTML or ReportLab tags.
HOSTILE = "<b>加粗</b>&amp"
OLD_BODY = f"{OWN_TEXT[0]}{HOSTILE}，{COPIED}。"  # the source paragraph around the copied clause
NEW_BODY = f"{OWN_TEXT[1]}，{COPIED}。{OWN_TEXT[2]}。"


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def library(tmp_path) -> Path:
    path = tmp_path / "library.db"
    with Library.open(path) as lib:
        lib.create_material(material([("旧题", OLD_BODY)], year=2021))
        lib.create_material(material([("新题", NEW_BODY)], title=f"对照检查材料{HOSTILE}"))
    return path


def run(capsys, library: Path, *args) -> tuple[int, str, str]:
    code = main(["--library", str(library), "similar", *[str(a) for a in args]])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_html_report_shows_both_passages_escaped(capsys, library, tmp_path):
    target = tmp_path / "查重报告.html"
    code, out, _ = run(capsys, library, 2, "-o", target)
    assert code == 0 and out.strip() == str(target)
    html = target.read_text(encoding="utf-8")
    assert "<mark>" + COPIED + "</mark>" in html  # the shared words, marked, in both places
    assert html.count(COPIED) == 2
    assert OWN_TEXT[1] in html  # this material's paragraph around the copy
    assert "&lt;b&gt;加粗&lt;/b&gt;&amp;amp" in html  # the source paragraph, escaped
    assert "<b>加粗" not in html
    assert "本单位/本人往年材料" in html and "材料 1（2021年 对照检查材料）" in html
    assert "一、（一）一是 · 正文" in html  # where it is, as printed
    assert not re.search(r"<(script|link|img)\b|src=|href=", html)  # self-contained


def test_pdf_report_holds_both_passages(capsys, library, tmp_path):
    target = tmp_path / "查重报告.pdf"
    code, out, _ = run(capsys, library, 2, "-o", target)
    assert code == 0 and out.strip() == str(target)
    with pdfplumber.open(target) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    text = re.sub(r"\s+", "", text)
    assert text.startswith("查重报告")
    assert text.count(COPIED) == 2
    assert OWN_TEXT[1] in text and OWN_TEXT[0] + "<b>加粗</b>&amp" in text  # as typed
    assert "材料1（2021年对照检查材料）" in text


def test_a_report_that_is_neither_pdf_nor_html_is_bad_input(capsys, library, tmp_path):
    target = tmp_path / "报告.docx"
    code, _, err = run(capsys, library, 2, "-o", target)
    assert code == 2 and ".pdf" in err and not target.exists()
    assert len(err.strip().splitlines()) == 1


def test_a_write_protected_report_is_kept_unless_forced(capsys, library, tmp_path):
    target = tmp_path / "报告.html"
    target.write_text("旧报告", encoding="utf-8")
    target.chmod(0o444)
    code, _, err = run(capsys, library, 2, "-o", target)
    assert code == 2 and "--force" in err
    assert target.read_text(encoding="utf-8") == "旧报告"
    code, _, _ = run(capsys, library, 2, "-o", target, "--force")
    assert code == 0 and COPIED in target.read_text(encoding="utf-8")
