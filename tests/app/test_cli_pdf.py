"""`duizhao-cli export ID --format pdf` and `duizhao-cli fonts`: the PDF a user prints from the
CLI."""

from __future__ import annotations

import pypdf
import pytest

from app.cli import main

A4 = (595.28, 841.89)


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_seed_exports_to_an_a4_pdf_with_its_title_and_page_numbers(tmp_path, seed_path, capsys):
    lib = tmp_path / "lib.db"
    code, out, _ = run(capsys, "--library", lib, "import", seed_path)
    assert code == 0
    material_id = out.strip()
    pdf_path = tmp_path / "out" / "材料.pdf"
    pdf_path.parent.mkdir()
    code, out, err = run(
        capsys, "--library", lib, "export", material_id, "--format", "pdf", "-o", pdf_path
    )
    assert code == 0, err
    assert out.strip() == str(pdf_path)
    reader = pypdf.PdfReader(pdf_path)
    assert len(reader.pages) >= 9
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4, abs=0.5
        )
    first = reader.pages[0].extract_text()
    assert "对照检查材料" in first and "— 1 —" in first
    assert "— 2 —" in reader.pages[1].extract_text()


def test_pdf_options_change_the_page_number_position(tmp_path, seed_path, capsys):
    lib = tmp_path / "lib.db"
    material_id = run(capsys, "--library", lib, "import", seed_path)[1].strip()

    def number_x(option: str) -> float:
        out = tmp_path / f"{option}.pdf"
        assert (
            run(
                capsys,
                "--library",
                lib,
                "export",
                material_id,
                "--format",
                "pdf",
                "-o",
                out,
                "--page-numbers",
                option,
            )[0]
            == 0
        )
        xs = []

        def visit(text, cm, tm, font_dict, font_size):
            if "—" in text and tm[5] < 100:  # the footer line sits below the text block
                xs.append(tm[4])

        pypdf.PdfReader(out).pages[0].extract_text(visitor_text=visit)
        assert xs, "no page number found on page 1"
        return xs[0]

    # Odd pages: GB/T 9704 puts the number at the right; centred puts it mid-page.
    assert number_x("outside") > number_x("center") + 50


def test_a_character_no_font_has_is_a_clear_error_and_writes_nothing(tmp_path, capsys):
    lib = tmp_path / "lib.db"
    code, out, _ = run(
        capsys,
        "--library",
        lib,
        "new",
        "--template",
        "custom",
        "--title",
        "测试\U000e0101\U0010fffd",
    )
    assert code == 0
    target = tmp_path / "x.pdf"
    code, _, err = run(
        capsys, "--library", lib, "export", out.strip(), "--format", "pdf", "-o", target
    )
    assert code == 2
    assert err.startswith("错误：") and "\n" == err[-1]
    assert not target.exists()


def test_fonts_lists_every_role(capsys):
    code, out, _ = run(capsys, "fonts")
    assert code == 0
    for word in ("标题", "正文", "黑体", "楷体", "页码"):
        assert word in out, out
