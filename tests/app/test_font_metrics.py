"""Cached ReportLab font metrics (app.font_metrics): a cached font must behave exactly like a
parsed one, stale or damaged cache entries are never trusted, and the committed entries for the
bundled fonts are current (else every export silently pays the parse again)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import font_metrics, fonts
from app.resources import resource_path

REPO = Path(__file__).resolve().parents[2]
BUNDLED = sorted(resource_path("fonts").glob("*.ttf"))


def parsed(path: Path, name: str = "DZ-test"):
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(name, str(path))


def comparable(font) -> tuple[dict, dict]:
    """A font's own attributes and its face's, in a form that compares by value."""
    own = {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")}
    own["encoding"] = (type(font.encoding), vars(font.encoding))
    own["state"] = (type(font.state), len(font.state))
    font.face.glyphToChar  # noqa: B018 — a cached face decodes it on first use, as read here
    face = dict(vars(font.face))
    scale = face.pop("_pdfScale")
    face["_pdfScale"] = [scale(v) for v in (0, 1, 517, 2048, -300)]
    face["_ttf_data"] = bytes(face["_ttf_data"])
    face.pop("get_table", None)  # the cached face's zero-copy glyf window (checked by output)
    for field in ("name", "familyName", "styleName", "fullName", "uniqueFontID"):
        face[field] = (type(face[field]), bytes(face[field]), getattr(face[field], "ustr", None))
    return own, face


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_committed_metrics_of_every_bundled_font_are_current(path):
    """Fails after rebuilding a font or upgrading ReportLab/Python without running
    packaging/fonts/build_metrics.py."""
    entry = font_metrics.prebuilt_path(path, 0)
    key = font_metrics.cache_key(path.read_bytes(), 0)
    assert font_metrics.read_metrics(entry, key) is not None, f"stale or missing: {entry.name}"


@pytest.mark.parametrize("path", BUNDLED[:3], ids=lambda p: p.name)
def test_font_from_cached_metrics_equals_the_parsed_font(path):
    cached = font_metrics.load_font("DZ-test", path, 0, prebuilt=True)
    assert type(cached) is type(parsed(path)) and type(cached.face) is type(parsed(path).face)
    assert comparable(cached) == comparable(parsed(path))


def test_glyph_to_char_is_decoded_only_when_read():
    """Drawing never reads ``glyphToChar`` (the dearest table to load): a cached face keeps it
    as stored bytes until something asks, then has exactly the parsed dict."""
    path = resource_path("fonts", "DZKai-Regular.ttf")
    cached = font_metrics.load_font("DZ-test", path, 0, prebuilt=True)
    assert "glyphToChar" not in vars(cached.face)
    assert cached.face.glyphToChar == parsed(path).face.glyphToChar
    assert "glyphToChar" in vars(cached.face)
    assert not [k for k in vars(cached.face) if k.startswith("_dz_")]


def test_an_entry_stores_each_repeated_width_once():
    """Thousands of CJK glyphs share one advance width: the entry holds it once and refers to
    it (what keeps loading a face cheap), with the values of the parse unchanged."""
    path = resource_path("fonts", "DZFang-Regular.ttf")
    attrs = font_metrics.read_metrics(
        font_metrics.prebuilt_path(path, 0), font_metrics.cache_key(path.read_bytes(), 0)
    )
    widths = list(attrs["charWidths"].values())
    assert len({id(w) for w in widths}) == len(set(widths)) < len(widths) // 10
    pairs = attrs["hmetrics"]
    assert len({id(p) for p in pairs}) == len(set(pairs))
    face = parsed(path).face
    assert (attrs["charWidths"], attrs["hmetrics"]) == (face.charWidths, face.hmetrics)


def test_a_pdf_export_never_decodes_glyph_to_char(seed_path):
    code = (
        "import sys\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from app.importers.text import import_text_file\n"
        "from app.exporters.pdf import render_pdf\n"
        "render_pdf(import_text_file(sys.argv[1])[0])\n"
        "faces = [f.face for n, f in pdfmetrics._fonts.items() if n.startswith('DZ-')]\n"
        "print(len(faces), sum('glyphToChar' in vars(f) for f in faces))\n"
    )
    env = dict(os.environ, DUIZHAO_FONTS="bundled")
    done = subprocess.run(
        [sys.executable, "-c", code, str(seed_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    registered, decoded = map(int, done.stdout.split())
    assert registered >= 5 and decoded == 0


def test_the_glyf_window_slices_like_the_table_it_stands_for():
    data = bytes(range(256)) * 4
    window = font_metrics._GlyfWindow(data, 100, 500)
    table = data[100:600]
    cuts = [None, -600, -3, 0, 1, 7, 250, 499, 500, 700]
    for start in cuts:
        for stop in cuts:
            for step in (None, 1, 2, -1):
                assert window[start:stop:step] == table[start:stop:step], (start, stop, step)
    assert (window[0], window[-1], len(window)) == (table[0], table[-1], 500)


def test_subset_from_cached_metrics_is_byte_identical_to_reportlab_own():
    path = resource_path("fonts", "DZFang-Regular.ttf")
    subset = [0x20] + [ord(c) for c in "对照检查材料，一是学习不够深入。（一）“两个确立”—1—"]
    cached = font_metrics.load_font("DZ-test", path, 0, prebuilt=True)
    assert cached.face.makeSubset(subset) == parsed(path).face.makeSubset(subset)


def test_pdf_is_byte_identical_with_and_without_the_metrics_cache(tmp_path, seed_path):
    """The whole export, once from cached metrics and once with every cache refused."""
    script = (
        "import sys\n"
        "import app.font_metrics as m\n"
        "if sys.argv[2] == 'parse':\n"
        "    m.read_metrics = lambda *a: None\n"
        "    m.write_metrics = lambda *a: None\n"
        "from app.importers.text import import_text_file\n"
        "from app.exporters.pdf import render_pdf\n"
        "data, _ = render_pdf(import_text_file(sys.argv[1])[0])\n"
        "sys.stdout.buffer.write(data)\n"
    )
    env = dict(os.environ, DUIZHAO_FONTS="bundled")
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script, str(seed_path), mode],
            cwd=REPO,
            env=env,
            capture_output=True,
            check=True,
        ).stdout
        for mode in ("cache", "parse")
    ]
    assert outputs[0].startswith(b"%PDF") and outputs[0] == outputs[1]


def test_damaged_user_cache_entry_is_ignored_and_replaced(tmp_path):
    font = tmp_path / "Fonts" / "simkai.ttf"
    font.parent.mkdir()
    shutil.copy(resource_path("fonts", "DZKai-Regular.ttf"), font)
    entry = font_metrics.user_cache_path("DZ-test-kai")
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"DZRLM1\n\x00\x00\x00\x00garbage")
    loaded = font_metrics.load_font("DZ-test-kai", font, 0, prebuilt=False)
    assert comparable(loaded) == comparable(parsed(font, "DZ-test-kai"))
    key = font_metrics.cache_key(font.read_bytes(), 0)
    assert font_metrics.read_metrics(entry, key) is not None  # rewritten with a sound entry


def test_entry_of_another_font_is_not_used(tmp_path):
    """Same cache name, different file (an installed font updated in place): parsed again."""
    font = tmp_path / "simhei.ttf"
    shutil.copy(resource_path("fonts", "DZHei-Regular.ttf"), font)
    font_metrics.load_font("DZ-test-hei", font, 0, prebuilt=False)  # cache written for Hei
    shutil.copy(resource_path("fonts", "DZSong-Regular.ttf"), font)  # the file changes
    loaded = font_metrics.load_font("DZ-test-hei", font, 0, prebuilt=False)
    assert comparable(loaded) == comparable(parsed(font, "DZ-test-hei"))
    assert len(loaded.face.charToGlyph) < 1000  # Song's few characters, not Hei's thousands


def test_truncated_font_is_still_a_clear_input_error(tmp_path):
    from app.errors import InputError

    font = tmp_path / "simfang.ttf"
    font.write_bytes(resource_path("fonts", "DZFang-Regular.ttf").read_bytes()[:300])
    choice = fonts.FontChoice("body", "DZ-test-truncated", "仿宋", font, 0, "installed", "")
    with pytest.raises(InputError) as err:
        fonts.register(choice)
    assert "simfang.ttf" in err.value.zh


def test_unwritable_cache_folder_does_not_stop_the_export(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(font_metrics, "user_cache_path", lambda name: blocker / f"{name}.rlmetrics")
    font = font_metrics.load_font(
        "DZ-test-ro", resource_path("fonts", "DZSong-Regular.ttf"), 0, prebuilt=False
    )
    assert 0x2014 in font.face.charToGlyph


def test_bundled_export_reads_no_font_file_parse(tmp_path):
    """With current committed metrics, registering the bundled fonts never runs ReportLab's
    parser (the cost this cache exists to remove) and writes nothing to the user's cache."""
    code = (
        "import os, sys\n"
        "from reportlab.pdfbase import ttfonts\n"
        "def refuse(*a, **k):\n"
        "    raise SystemExit('parsed')\n"
        "ttfonts.TTFontFile.extractInfo = refuse\n"
        "from app import fonts\n"
        "for choice in fonts.choose_fonts().values():\n"
        "    fonts.register(choice)\n"
        "print('ok')\n"
    )
    env = dict(os.environ, DUIZHAO_FONTS="bundled", XDG_CACHE_HOME=str(tmp_path / "cache"))
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip() == "ok", out.stderr
    assert not (tmp_path / "cache").exists()
