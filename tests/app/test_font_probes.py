"""Remembered probes of installed fonts (app.font_probes): an export on a machine with office
fonts installed must not re-open and re-count every font each time, yet a font file that
changes is judged again."""

from __future__ import annotations

import json

import pytest
from test_fonts import install_copy, make_cff_font

from app import font_inspection, font_probes, fonts


@pytest.fixture
def installed(tmp_path):
    bundled = fonts.choose_fonts(bundled_only=True)
    folder = tmp_path / "Fonts"
    install_copy(bundled["body"].path, folder / "simfang.ttf", "仿宋")
    install_copy(bundled["heading2"].path, folder / "simkai.ttf", "楷体")
    return folder


def refuse_probe(*_args):
    raise AssertionError("font file probed again")


def test_second_choice_reuses_the_probes_and_chooses_the_same(installed, monkeypatch):
    first = fonts.choose_fonts(bundled_only=False, search_dirs=[installed])
    assert first["body"].source == "installed" and first["heading2"].source == "installed"
    assert font_probes.cache_path().is_file()
    monkeypatch.setattr(font_inspection, "probe_font", refuse_probe)
    again = fonts.choose_fonts(bundled_only=False, search_dirs=[installed])
    assert again == first


def test_a_changed_font_file_is_probed_again(installed, tmp_path):
    assert (
        fonts.choose_fonts(bundled_only=False, search_dirs=[installed])["body"].source
        == "installed"
    )
    cff = make_cff_font(tmp_path / "cff.otf", "仿宋")
    (installed / "simfang.ttf").write_bytes(cff.read_bytes())  # same name, now CFF outlines
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[installed])
    assert chosen["body"].source == "bundled"
    assert "CFF" in chosen["body"].reason


def test_refusals_are_remembered_with_their_reason(installed, tmp_path, monkeypatch):
    make_cff_font(installed / "simhei.otf", "黑体")
    first = fonts.choose_fonts(bundled_only=False, search_dirs=[installed])
    monkeypatch.setattr(font_inspection, "probe_font", refuse_probe)
    again = fonts.choose_fonts(bundled_only=False, search_dirs=[installed])
    assert "CFF" in again["heading1"].reason and again["heading1"] == first["heading1"]


@pytest.mark.parametrize(
    "content",
    ["not json", '{"format": 1, "probes": {"k": "v"}}', "[1, 2]", '{"format": 99, "probes": {}}'],
)
def test_damaged_or_foreign_cache_is_ignored_and_rewritten(installed, content):
    path = font_probes.cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    chosen = fonts.choose_fonts(bundled_only=False, search_dirs=[installed])
    assert chosen["body"].source == "installed"
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["format"] == font_probes.FORMAT and len(stored["probes"]) >= 2


def test_entry_with_wrong_field_types_is_not_trusted(installed, monkeypatch):
    fonts.choose_fonts(bundled_only=False, search_dirs=[installed])
    path = font_probes.cache_path()
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["probes"] = {k: ["0", None, None, "x"] for k in stored["probes"]}
    path.write_text(json.dumps(stored), encoding="utf-8")
    assert (
        fonts.choose_fonts(bundled_only=False, search_dirs=[installed])["body"].source
        == "installed"
    )


def test_cache_path_that_cannot_be_written_does_not_stop_the_choice(
    installed, tmp_path, monkeypatch
):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setattr(font_probes, "cache_path", lambda: blocker / "font-probes.json")
    assert (
        fonts.choose_fonts(bundled_only=False, search_dirs=[installed])["body"].source
        == "installed"
    )


def test_machine_without_office_fonts_writes_no_probe_cache(tmp_path):
    (tmp_path / "empty").mkdir()
    fonts.choose_fonts(bundled_only=False, search_dirs=[tmp_path / "empty"])
    assert not font_probes.cache_path().exists()
