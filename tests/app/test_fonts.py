"""Fonts for the GB/T 9704 PDF: the bundled set, probing installed fonts, ReportLab embedding."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTCollection, TTFont
from pypdf import PdfReader

from app import font_inspection, font_report, fonts
from app.errors import InputError
from app.resources import resource_path

REPO = Path(__file__).resolve().parents[2]
TEXT_ROLES = ("title", "body", "heading1", "heading2")
# Marks that must take a whole grid cell (1 em) so 28 characters fill a 156 mm line.
GRID_PUNCTUATION = "“”‘’，。、；：？！（）《》…—"
NAME_HANZI = "堃喆玥昇"


def gbk_hanzi() -> set[int]:
    found = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                ch = bytes((hi, lo)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= ch <= "\u9fff":
                found.add(ord(ch))
    return found


@pytest.fixture(autouse=True)
def bundled_by_default(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def choices():
    return fonts.choose_fonts()


def install_copy(
    source: Path, dest: Path, family: str, fs_type: int | None = None, style: str = "Regular"
) -> Path:
    """Copy a bundled font under an office font's file name, with that font's family name."""
    font = TTFont(source, lazy=True)  # only name and OS/2 are rewritten; the rest is copied raw
    name = font["name"]
    for name_id in (1, 2, 4, 16, 17):
        name.removeNames(nameID=name_id)
    for lang in (0x409, 0x804):
        name.setName(family, 1, 3, 1, lang)
        name.setName(style, 2, 3, 1, lang)
        name.setName(family, 4, 3, 1, lang)
    if fs_type is not None:
        font["OS/2"].fsType = fs_type
    dest.parent.mkdir(parents=True, exist_ok=True)
    font.save(dest)
    return dest


def make_cff_font(dest: Path, family: str) -> Path:
    """A tiny PostScript-outline (CFF) font: what an .otf 仿宋 looks like to the probe."""
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "uni4E2D"])
    builder.setupCharacterMap({0x4E2D: "uni4E2D"})
    pen = T2CharStringPen(1000, None)
    pen.moveTo((100, 100))
    pen.lineTo((900, 100))
    pen.lineTo((900, 800))
    pen.closePath()
    square = pen.getCharString()
    builder.setupCFF(
        "FangSongCFF", {"FullName": "FangSong"}, {".notdef": square, "uni4E2D": square}, {}
    )
    builder.setupHorizontalMetrics({".notdef": (1000, 100), "uni4E2D": (1000, 100)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(dest)
    return dest


# ------------------------------------------------------------------------- the bundled fonts


def test_every_role_and_fallback_has_a_bundled_truetype_font_that_allows_embedding(choices):
    assert set(choices) == set(fonts.ROLES)
    for choice in [*choices.values(), *fonts.fallback_fonts()]:
        assert choice.source == "bundled"
        assert choice.path.is_file(), choice.path
        font = TTFont(choice.path, lazy=True)
        assert "glyf" in font and "CFF " not in font, f"{choice.path.name}: not TrueType outlines"
        fs_type = font["OS/2"].fsType
        assert fs_type & 0x000F != 0x0002 and not fs_type & 0x0300, choice.path.name


def test_text_fonts_cover_all_gb2312_hanzi(choices):
    hanzi = font_inspection.gb2312_hanzi()
    assert len(hanzi) == 6763
    for role in TEXT_ROLES:
        missing = hanzi - fonts.codepoints(choices[role])
        assert not missing, f"{role} lacks {''.join(chr(c) for c in sorted(missing)[:20])}"


def test_text_fonts_have_one_em_grid_punctuation(choices):
    for role in TEXT_ROLES:
        font = TTFont(choices[role].path, lazy=True)
        cmap, upm = font.getBestCmap(), font["head"].unitsPerEm
        for ch in GRID_PUNCTUATION:
            assert ord(ch) in cmap, f"{role} has no {ch}"
            assert font["hmtx"][cmap[ord(ch)]][0] == upm, f"{role}: {ch} is not one em wide"


def test_double_dash_prints_as_one_unbroken_line(choices):
    """—— must not show a gap: the em dash outline spans the whole em in every text font."""
    for role in TEXT_ROLES:
        font = TTFont(choices[role].path)
        glyph_name = font.getBestCmap()[ord("—")]
        glyph = font["glyf"][glyph_name]
        glyph.recalcBounds(font["glyf"])
        upm = font["head"].unitsPerEm
        assert glyph.xMin <= 0.02 * upm and glyph.xMax >= 0.98 * upm, role


def test_gb2312_decoded_dash_and_dot_have_glyphs(choices):
    """Python's gb2312 codec gives U+2015 and U+30FB where GBK gives — and ·."""
    dash, dot = "\u2015", "\u30fb"
    assert bytes((0xA1, 0xAA)).decode("gb2312") == dash
    for role in TEXT_ROLES:
        covered = fonts.codepoints(choices[role])
        assert ord(dash) in covered and ord(dot) in covered, role


def test_page_number_font_has_digits_and_dashes(choices):
    covered = fonts.codepoints(choices["page_number"])
    assert set(map(ord, "0123456789— ")) <= covered
    font = TTFont(choices["page_number"].path, lazy=True)
    upm = font["head"].unitsPerEm
    assert font["hmtx"][font.getBestCmap()[ord("—")]][0] == upm


def test_name_hanzi_outside_gb2312_reach_a_ming_style_fallback(choices):
    fallbacks = fonts.fallback_fonts()
    first = fonts.codepoints(fallbacks[0])
    for ch in NAME_HANZI:
        assert ord(ch) not in font_inspection.gb2312_hanzi()
        assert ord(ch) in first, ch
    assert "Ming" in fallbacks[0].path.name


def test_last_fallback_covers_all_of_gbk():
    last = fonts.codepoints(fonts.fallback_fonts()[-1])
    missing = gbk_hanzi() - last
    assert not missing, f"{len(missing)} GBK hanzi missing"


def test_bundled_fonts_stay_under_25_mb_and_ship_their_licences():
    folder = resource_path("fonts")
    total = sum(p.stat().st_size for p in folder.glob("*.ttf"))
    assert total <= 25_000_000
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for font_file in folder.glob("*.ttf"):
        assert font_file.name in readme, f"README does not say where {font_file.name} came from"
    for licence in (
        "LICENSE-Fandol-GPL-3.0.txt",
        "LICENSE-Fandol-font-exception.txt",
        "COPYRIGHT-fonts-noto-cjk-OFL-1.1.txt",
        "LICENSE-Apache-2.0.txt",
        "LICENSE-Arphic-Public-License.txt",
    ):
        assert (folder / licence).stat().st_size > 500, licence


def test_modified_noto_is_renamed():
    """OFL + trademark: the converted Noto may not call itself Noto."""
    title = TTFont(fonts.choose_fonts()["title"].path, lazy=True)
    for record in title["name"].names:
        if record.nameID in (1, 4, 6, 16):
            assert "noto" not in record.toUnicode().lower()


# ----------------------------------------------------------------- ReportLab registration


def test_every_font_registers_and_embeds_as_a_truetype_subset(choices):
    from reportlab.pdfgen import canvas

    used = [*choices.values(), *fonts.fallback_fonts()]
    names = [fonts.register(c) for c in used]
    assert len(set(names)) == len(used)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, initialFontName=names[1], initialFontSize=16)
    for i, (choice, name) in enumerate(zip(used, names, strict=True)):
        pdf.setFont(name, 16)
        sample = "— 12 —" if choice.role == "page_number" else "对照检查“两个确立”，" + NAME_HANZI
        pdf.drawString(72, 760 - 30 * i, sample)
    pdf.save()

    resources = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]["/Resources"]["/Font"]
    embedded = set()
    for ref in resources.values():
        font = ref.get_object()
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
        embedded.add(str(font["/BaseFont"]).split("+", 1)[-1])
    assert len(embedded) == len(used)  # one embedded subset per font, no stray Helvetica


def test_register_is_lazy_and_cached(choices):
    from reportlab.pdfbase import pdfmetrics

    name = fonts.register(choices["heading2"])
    first = pdfmetrics.getFont(name)
    assert fonts.register(choices["heading2"]) == name
    assert pdfmetrics.getFont(name) is first


def test_importing_fonts_does_not_import_reportlab():
    code = "import sys, app.fonts; print('reportlab' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_register_reports_an_unusable_font_file(tmp_path):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font at all" * 10)
    choice = fonts.FontChoice("body", "DZ-test-broken", "broken", broken, 0, "installed", "")
    with pytest.raises(InputError) as err:
        fonts.register(choice)
    assert "broken.ttf" in err.value.zh
    with pytest.raises(InputError):
        fonts.codepoints(choice)


# ------------------------------------------------------------------ probing installed fonts


def test_installed_fangsong_is_preferred_over_the_bundled_one(tmp_path):
    bundled = fonts.choose_fonts()
    simfang = install_copy(bundled["body"].path, tmp_path / "Fonts" / "simfang.ttf", "仿宋")
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path / "Fonts"])
    assert chosen["body"].source == "installed"
    assert chosen["body"].path == simfang
    assert chosen["body"].family == "仿宋"
    assert "已安装" in chosen["body"].reason
    assert chosen["body"].name != bundled["body"].name
    for role in ("title", "heading1", "heading2", "page_number"):
        assert chosen[role].source == "bundled"


def test_env_var_forces_bundled_fonts_even_with_an_installed_one(tmp_path):
    install_copy(fonts.choose_fonts()["body"].path, tmp_path / "simfang.ttf", "仿宋")
    assert fonts.choose_fonts(search_dirs=[tmp_path])["body"].source == "bundled"


def test_env_var_with_a_wrong_value_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "everything")
    with pytest.raises(InputError) as err:
        fonts.choose_fonts()
    assert "DUIZHAO_FONTS" in err.value.zh and "DUIZHAO_FONTS" in err.value.en


def test_cff_outline_font_is_refused(tmp_path):
    make_cff_font(tmp_path / "simfang.ttf", "仿宋")
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path])
    assert chosen["body"].source == "bundled"
    assert "simfang.ttf" in chosen["body"].reason and "CFF" in chosen["body"].reason


def test_font_whose_licence_forbids_embedding_is_refused(tmp_path):
    hei = fonts.choose_fonts()["heading1"].path
    install_copy(hei, tmp_path / "simhei.ttf", "黑体", fs_type=0x0002)
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path])
    assert chosen["heading1"].source == "bundled"
    assert "fsType" in chosen["heading1"].reason


def test_font_missing_gb2312_hanzi_is_refused(tmp_path):
    # The bundled page-number font has digits and punctuation only.
    install_copy(fonts.choose_fonts()["page_number"].path, tmp_path / "simsun.ttf", "宋体")
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path])
    assert chosen["page_number"].source == "bundled"
    assert "GB2312" in chosen["page_number"].reason


def test_file_with_the_right_name_but_another_family_is_ignored(tmp_path):
    shutil.copy(fonts.choose_fonts()["heading2"].path, tmp_path / "simkai.ttf")
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path])
    assert chosen["heading2"].source == "bundled"


def test_damaged_font_file_is_skipped_not_fatal(tmp_path):
    (tmp_path / "simfang.ttf").write_bytes(b"\x00\x01\x00\x00" + b"garbage" * 50)
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path, tmp_path / "absent"])
    assert chosen["body"].source == "bundled"
    assert "无法读取" in chosen["body"].reason


def make_collection(tmp_path: Path, dest: Path, faces: list[tuple[str, str]]) -> Path:
    """A .ttc whose faces are copies of the bundled 楷体 named (family, style)."""
    kai = fonts.choose_fonts()["heading2"].path
    members = []
    for i, (family, style) in enumerate(faces):
        members.append(TTFont(install_copy(kai, tmp_path / f"face{i}.ttf", family, style=style)))
    collection = TTCollection()
    collection.fonts = members
    dest.parent.mkdir(parents=True, exist_ok=True)
    collection.save(dest)
    return dest


def test_face_of_a_collection_is_chosen_by_name(tmp_path):
    """simsun.ttc holds 新宋体 and 宋体; the face whose name matches is the one used."""
    fonts_dir = tmp_path / "Fonts"
    make_collection(
        tmp_path, fonts_dir / "simsun.ttc", [("新宋体", "Regular"), ("宋体", "Regular")]
    )
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[fonts_dir])
    assert chosen["page_number"].source == "installed"
    assert chosen["page_number"].subfont_index == 1
    assert chosen["page_number"].family == "宋体"
    fallback = fonts.fallback_fonts(bundled_only=False, search_dirs=[fonts_dir])
    assert fallback[0].path == fonts_dir / "simsun.ttc"  # installed 宋体 first for missing glyphs
    assert fallback[0].name == chosen["page_number"].name  # same file + face: registered once
    assert [f.source for f in fallback[1:]] == ["bundled", "bundled"]
    fonts.register(chosen["page_number"])  # ReportLab opens the same face


def test_regular_face_of_a_family_is_preferred_to_bold(tmp_path):
    """macOS Songti.ttc holds several weights of one family: the regular one prints page numbers."""
    make_collection(
        tmp_path,
        tmp_path / "Fonts" / "Songti.ttc",
        [("Songti SC", "Bold"), ("Songti SC", "Regular")],
    )
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path / "Fonts"])
    assert chosen["page_number"].source == "installed"
    assert chosen["page_number"].subfont_index == 1


# ------------------------------------------------------------------------------- the report


def test_font_report_names_every_role_its_font_and_why(choices, tmp_path):
    lines = font_report.font_report(choices)
    assert len(lines) == len(fonts.ROLES)
    for line, role in zip(lines, fonts.ROLES, strict=True):
        assert font_report.ROLE_LABELS[role] in line
        assert choices[role].family in line and "内置" in line
    install_copy(choices["body"].path, tmp_path / "simfang.ttf", "仿宋")
    installed = fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path])
    body_line = font_report.font_report(installed)[fonts.ROLES.index("body")]
    assert "已安装" in body_line and "simfang.ttf" in body_line


def test_font_summary_names_fonts_as_users_know_them_without_file_paths(choices, tmp_path):
    """The export dialog's lines: 仿宋/黑体/楷体, bundled or installed, never a file path."""
    lines = font_report.font_summary(choices)
    body = lines[fonts.ROLES.index("body")]
    assert body == "正文（仿宋 3号）：仿宋（对照自带，代替仿宋_GB2312）"
    assert lines[fonts.ROLES.index("heading1")].endswith("：黑体（对照自带）")
    assert "楷体（对照自带，代替楷体_GB2312）" in lines[fonts.ROLES.index("heading2")]
    assert not any("/" in line or ".ttf" in line for line in lines)
    install_copy(choices["body"].path, tmp_path / "simfang.ttf", "仿宋")
    installed = fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path])
    body = font_report.font_summary(installed)[fonts.ROLES.index("body")]
    assert body == "正文（仿宋 3号）：仿宋（本机已安装）"
    assert str(tmp_path) not in "".join(font_report.font_summary(installed))
