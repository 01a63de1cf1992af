"""The library dialogs on their own: what they list, what they prefill, what they hand back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from app.errors import InputError
from app.importers import ImportReport, read_file
from app.model import Point, Section
from app.templates import get_template, load_templates, material_from_template
from ui.dialogs.duplicate import DuplicateDialog
from ui.dialogs.import_material import HIGHLIGHT, ImportDialog
from ui.dialogs.new_material import NewMaterialDialog


def ok_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_new_material_dialog_lists_every_template_with_year_meeting_and_aspects(qtbot):
    dialog = NewMaterialDialog()
    qtbot.addWidget(dialog)
    rows = [dialog.template_list.item(i).text() for i in range(dialog.template_list.count())]

    templates = load_templates()
    assert len(rows) == len(templates)
    by_id = dict(zip((t.id for t in templates), rows, strict=True))
    assert by_id["2021-dangshi-wugedaitou"].startswith(
        "2021 党史学习教育专题民主生活会“五个带头”\n"
    )
    # The meeting is named when the template's name does not already say it.
    assert (
        "学习贯彻习近平新时代中国特色社会主义思想主题教育"
        in by_id["2023-zhutijiaoyu-liugefangmian"]
    )
    assert "两个确立、根本问题、人民中心、应对风险、正反经验" in by_id["2021-dangshi-wugedaitou"]
    assert "you name the aspects yourself" in by_id["custom"]
    assert rows[-1] == by_id["custom"]


def test_the_title_follows_template_and_organization_until_typed_over(qtbot, typer):
    dialog = NewMaterialDialog()
    qtbot.addWidget(dialog)
    dialog.select_template("2024-niandu-sigedaitou")
    typer(dialog.organization_edit, "某局党委")
    assert dialog.title_edit.text() == get_template("2024-niandu-sigedaitou").title_pattern.format(
        organization="某局党委"
    )

    dialog.title_edit.selectAll()
    typer(dialog.title_edit, "我的标题")
    dialog.select_template("custom")
    typer(dialog.organization_edit, "办")
    assert dialog.values() == ("custom", "我的标题", "某局党委办")


def test_an_empty_title_cannot_be_created(qtbot):
    dialog = NewMaterialDialog()
    qtbot.addWidget(dialog)
    assert ok_button(dialog).isEnabled()
    dialog.title_edit.selectAll()
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(dialog.title_edit, "   ")
    assert not ok_button(dialog).isEnabled()


def _material_with_other_section():
    material = material_from_template(
        get_template("2021-dangshi-wugedaitou"), organization="某党组"
    )
    dims = material.section("problems").dimensions
    dims[0].points = [
        Point(title="学习不够", body="……", example="在某次会上"),
        Point(title="运用不够"),
    ]
    material.sections.append(Section(kind="other", heading="个人有关事项"))
    return material


def test_import_dialog_highlights_what_was_not_classified(qtbot):
    material = _material_with_other_section()
    summary = ImportReport(
        template_id="2021-dangshi-wugedaitou",
        unclassified=["一段无法归类的文字"],
        warnings=["标题缺失"],
    )
    dialog = ImportDialog(material, summary, "x.txt")
    qtbot.addWidget(dialog)

    assert dialog.counts()["problem_points"] == 2 and dialog.counts()["examples"] == 1
    rows = [dialog.attention_list.item(i) for i in range(dialog.attention_list.count())]
    highlighted = [r.text() for r in rows if r.background().color() == HIGHLIGHT]
    assert any("一段无法归类的文字" in t for t in highlighted)
    assert any("个人有关事项" in t for t in highlighted)
    assert any("标题缺失" in r.text() for r in rows)
    assert "(suggested)" in dialog.template_combo.currentText()


def test_import_dialog_shows_how_well_the_suggested_template_matched(qtbot):
    summary = ImportReport(template_id="2021-dangshi-wugedaitou", template_score=0.88)
    dialog = ImportDialog(_material_with_other_section(), summary, "x.txt")
    qtbot.addWidget(dialog)
    assert dialog.template_combo.currentText().endswith("(suggested, 88% match)")
    assert dialog.chosen_template_id() == "2021-dangshi-wugedaitou"


def test_import_dialog_applies_the_template_title_and_organization_the_user_picked(qtbot, typer):
    material = _material_with_other_section()
    material.year = None
    dialog = ImportDialog(material, ImportReport(template_id="2021-dangshi-wugedaitou"), "x.txt")
    qtbot.addWidget(dialog)
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData("2024-niandu-sigedaitou"))
    dialog.title_edit.selectAll()
    typer(dialog.title_edit, "新标题")
    result = dialog.material()
    assert (result.template_id, result.year, result.title) == (
        "2024-niandu-sigedaitou",
        2024,
        "新标题",
    )
    assert result.organization == "某党组"


@pytest.mark.parametrize("name", ["notes.pdf", "missing.txt"])
def test_read_file_refuses_unknown_or_missing_files_in_chinese(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".pdf"):
        path.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.zh and caught.value.en


def test_duplicate_dialog_shows_the_mapping_only_when_the_framework_changes(qtbot):
    source = material_from_template(get_template("2021-dangshi-wugedaitou"), organization="某党组")
    source.id = 1
    dialog = DuplicateDialog(source)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.values() == (2022, "2021-dangshi-wugedaitou")  # no 2022 framework is shipped
    assert dialog.mapping_table.isHidden()

    dialog.select_template("2024-niandu-sigedaitou")
    assert dialog.values() == (2024, "2024-niandu-sigedaitou")
    assert not dialog.mapping_table.isHidden()
    rows = dict(dialog.mapping_rows())
    assert rows["正反经验"] == "政治纪律"  # 严守党的政治纪律 → 政治纪律
    assert rows["人民中心"] == "kept as an extra aspect"


def test_the_draft_title_follows_the_new_framework_until_typed_over(qtbot, typer):
    source = material_from_template(get_template("2024-niandu-sigedaitou"), organization="某局党委")
    dialog = DuplicateDialog(source)
    qtbot.addWidget(dialog)
    assert dialog.values() == (2025, "2025-niandu-wugedaitou")
    assert dialog.title() == "某局党委2025年度民主生活会对照检查材料"

    dialog.select_template("2024-niandu-sigedaitou")  # same framework, a later year
    dialog.year_spin.setValue(2026)
    assert dialog.title() == source.title.replace("2024", "2026")

    dialog.title_edit.selectAll()
    typer(dialog.title_edit, "自拟标题")
    dialog.select_template("2025-niandu-wugedaitou")
    assert dialog.title() == "自拟标题"


def test_changing_the_year_picks_that_years_framework(qtbot):
    source = material_from_template(
        get_template("2023-niandu-zhutijiaoyu-central"), organization="某"
    )
    dialog = DuplicateDialog(source)
    qtbot.addWidget(dialog)
    assert dialog.values() == (2024, "2024-niandu-sigedaitou")
    dialog.year_spin.setValue(2025)
    assert dialog.values() == (2025, "2025-niandu-wugedaitou")
