"""Chinese is the default interface; every string is translated; ``--lang en`` shows English."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import ui.i18n as i18n
from ui.i18n import install_translators, remove_translators, ts_path
from ui.library_view import LibraryView

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(qapp):
    yield qapp
    remove_translators(qapp)


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def _translations(message) -> list[str]:
    """The translated text(s) of a message: one, or one per plural form."""
    translation = message.find("translation")
    if translation is None:
        return []
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return forms or [translation.text or ""]


def test_every_message_in_the_ts_file_has_a_finished_translation():
    missing = []
    for context, message in _messages(ts_path()):
        texts = _translations(message)
        if (
            message.find("translation").get("type")
            or not texts
            or not all(t.strip() for t in texts)
        ):
            missing.append(f"{context}: {message.findtext('source')}")
    assert missing == []


def test_the_ts_file_covers_every_string_in_ui(tmp_path):
    """lupdate over ui/ finds no string the committed .ts lacks (run it, translate, commit)."""
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), "-silent", *i18n.LUPDATE_ARGS, str(REPO / "ui"), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    committed = {(c, m.findtext("source")) for c, m in _messages(ts_path())}
    found = {(c, m.findtext("source")) for c, m in _messages(fresh)}
    assert sorted(found - committed) == []


def test_placeholders_survive_translation():
    broken = []
    for context, message in _messages(ts_path()):
        source = message.findtext("source")
        for text in _translations(message):
            if any(source.count(mark) != text.count(mark) for mark in ("{", "}", "%1", "%2")):
                broken.append(f"{context}: {source} → {text}")
    assert broken == []


def test_chinese_by_default_and_english_with_lang_en(app, qtbot, library):
    loaded = install_translators(app, "zh_CN")
    assert "duizhao_zh_CN" in loaded and "qtbase_zh_CN" in loaded
    view = LibraryView(library)
    qtbot.addWidget(view)
    assert view.action_new.text() == "从模板新建…"
    assert view.search_edit.placeholderText().startswith("搜索")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"

    assert install_translators(app, "en") == []
    english = LibraryView(library)
    qtbot.addWidget(english)
    assert english.action_new.text() == "New from template…"
    assert QApplication.translate("LibraryView", "Trash") == "Trash"


def test_strings_behind_translate_helpers_are_found(app):
    """Helpers such as ``_tr(text)`` translate with their own context; lupdate files their
    strings under "" and the translator looks there too."""
    install_translators(app, "zh_CN")
    assert QApplication.translate("MainWindow", "Undo") == "撤销"
    assert QApplication.translate("panels", "Heading") == "标题"
    assert QApplication.translate("panels", "not a known string") == "not a known string"


def test_a_stale_qm_is_rebuilt_from_the_ts_into_the_cache(app, monkeypatch, tmp_path):
    missing_qm = tmp_path / "duizhao_zh_CN.qm"
    monkeypatch.setattr(i18n, "qm_path", lambda lang="zh_CN": missing_qm)
    loaded = install_translators(app, "zh_CN")
    assert "duizhao_zh_CN" in loaded
    assert QApplication.translate("LibraryView", "Move to trash") == "移到回收站"
    assert not missing_qm.exists()  # built into the user cache, never into resources/
