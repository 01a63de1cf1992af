"""The outline's labels: the numbers every other surface prints (``show``, check locations,
export), and cached so that typing relabels only the row being typed in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from app.checks.paths import iter_text_fields
from app.cli_commands import outline
from app.exporters.text import export_txt
from app.model import Numbering, Point
from tests.app.numbering_shapes import FIRST_SECOND, shaped
from tests.ui.helpers_editor import type_text
from ui.check_commands import location_label
from ui.outline_model import OutlineModel


def shown_rows(model: OutlineModel, parent: QModelIndex | None = None) -> dict[int, str]:
    """Every row's label by node key, read as a fully expanded view reads them."""
    parent = parent or QModelIndex()
    out = {}
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out[model.item_at(index).key] = index.data()
        out.update(shown_rows(model, index))
    return out


@pytest.fixture
def stored(library):
    def store(style: str):
        mid = library.create_material(shaped(style))
        return mid, library.get_material(mid)

    return store


@pytest.fixture
def model(qtmodeltester):
    model = OutlineModel()
    qtmodeltester.check(model, force_py=False)  # stays attached through every change below
    return model


@pytest.mark.parametrize("style", sorted(FIRST_SECOND))
def test_labels_agree_across_outline_show_checks_and_export(stored, model, style):
    mid, material = stored(style)
    model.set_material(material)
    rows = shown_rows(model)
    shown = outline(material).splitlines()
    exported = export_txt(material, point_paragraphs=True).rstrip("\n").split("\n\n")
    first, second = FIRST_SECOND[style]
    opening, problems, measures = material.sections
    learning, duty = problems.dimensions
    expected = [  # (node, its printed number, the numbers down to it)
        (opening, "", ""),
        (problems, "二、", "二、"),
        (measures, "三、", "三、"),
        (learning, "", "二、"),
        (duty, "（二）", "二、（二）"),
        (opening.points[0], "", ""),
        (learning.points[0], "", "二、"),
        (duty.points[0], first, "二、（二）" + first),
        (duty.points[1], "", "二、（二）"),
        (duty.points[2], second, "二、（二）" + second),
        (measures.points[0], first, "三、" + first),
        (measures.points[1], second, "三、" + second),
    ]
    located = {}
    for text_field in iter_text_fields(material):
        node = text_field.point or text_field.dimension
        if text_field.role in ("point_title", "dim_heading"):
            located[node.id] = location_label(material, text_field.path).split(" · ")[0]
    assert len(located) == 9  # seven points, two dimensions
    for node, number, place in expected:
        if isinstance(node, Point):
            assert rows[node.id] == f"{number} {node.title}".lstrip()
            assert f"{number or '·'} {node.title}" in [line.strip() for line in shown]
            assert f"{number}{node.title}。" in exported
            assert located[node.id] == (place or "Title")
        elif any(node is d for d in problems.dimensions):
            assert rows[node.id].startswith(f"{number}{node.short_name or node.heading}  ")
            assert any(
                line.strip().startswith(f"{number}{node.short_name or node.heading}  ")
                for line in shown
            )
            assert f"{number}{node.heading}" in exported
            assert located[node.id] == place
        else:
            heading = f"{number}{node.heading}"
            assert rows[node.id].split("  ")[0] == (heading or "—")  # a row even without either
            assert f"{heading}  [{node.kind}]" in shown
            assert (heading in exported) == bool(heading)


def test_typing_a_title_relabels_only_that_row(opened_shaped, monkeypatch):
    window, material = opened_shaped
    model = window.outline_model
    rows_before = shown_rows(model)  # every row labelled, as an expanded tree shows them
    point = material.sections[1].dimensions[1].points[2]
    window.select_node(point.id)
    composed, numberings = [], []
    compose = OutlineModel._compose
    monkeypatch.setattr(
        OutlineModel,
        "_compose",
        lambda self, item: composed.append(item.key) or compose(self, item),
    )
    monkeypatch.setattr(
        "ui.outline_model.Numbering", lambda material: numberings.append(1) or Numbering(material)
    )
    type_text(window.findChild(object, "pointTitleEdit"), "了")
    assert composed == [point.id]
    assert numberings == []  # the numbering of the other rows is not worked out again
    rows = shown_rows(model)
    assert rows[point.id] == "二是 乙项不足了"
    assert {k: v for k, v in rows.items() if k != point.id} == {
        k: v for k, v in rows_before.items() if k != point.id
    }


@pytest.fixture
def opened_shaped(main_window, library):
    mid = library.create_material(shaped("shi"))
    main_window.open_material(mid)
    return main_window, library.get_material(mid)


def test_a_live_change_of_style_or_numbered_renumbers_every_row(stored, model):
    mid, material = stored("shi")
    model.set_material(material)
    duty = model.material().sections[1].dimensions[1]
    shown_rows(model)
    duty.points[1].numbered = True  # as the panel sets it before the command stores it
    model.refresh_labels()
    assert [shown_rows(model)[p.id] for p in duty.points] == [
        "一是 甲项不足",
        "二是 一段说明",
        "三是 乙项不足",
    ]
    model.material().point_style = "arabic"
    model.refresh_labels()
    assert [shown_rows(model)[p.id] for p in duty.points] == [
        "1. 甲项不足",
        "2. 一段说明",
        "3. 乙项不足",
    ]


def test_rows_and_numbers_follow_inserts_moves_and_deletes(stored, model, library):
    mid, material = stored("paren")
    model.set_material(material)
    shown_rows(model)
    duty = material.sections[1].dimensions[1]
    new_id = library.insert_point(duty.id, 0, Point(title="新增一项"))
    model.sync(library.get_material(mid))
    assert [shown_rows(model)[p] for p in [new_id] + [p.id for p in duty.points]] == [
        "（1） 新增一项",
        "（2） 甲项不足",
        "一段说明",
        "（3） 乙项不足",
    ]
    library.move_node(new_id, duty.id, 3)  # to the end, past running text
    model.sync(library.get_material(mid))
    assert [model.item_for(p.id).row() for p in duty.points] == [0, 1, 2]
    assert shown_rows(model)[new_id] == "（3） 新增一项"
    learning = material.sections[1].dimensions[0]
    library.move_node(new_id, learning.id, 0)  # into the unnumbered heading's paragraph
    library.delete_node(duty.points[0].id)
    model.sync(library.get_material(mid))
    assert model.item_for(new_id).position() == 0 and model.item_for(new_id).row() == 0
    assert [model.item_for(p.id).row() for p in duty.points[1:]] == [0, 1]
    assert shown_rows(model)[new_id] == "（1） 新增一项"
    assert [shown_rows(model)[p.id] for p in duty.points[1:]] == ["一段说明", "（1） 乙项不足"]
    assert shown_rows(model)[duty.id] == "（二）担当  2 point(s)"


def test_link_menu_names_partner_points_by_their_printed_numbers(stored, model):
    from ui.outline_view import link_candidates

    mid, material = stored("arabic")
    model.set_material(material)
    measure = model.item_for(material.sections[2].points[0].id)
    assert [label for _, label in link_candidates(model, measure)] == [
        "在学习方面 · 学习不够系统",
        "担当 · 1. 甲项不足",
        "担当 · 一段说明",
        "担当 · 2. 乙项不足",
    ]


def test_a_points_links_are_named_with_the_numbers_the_export_prints(main_window, library):
    """The point panel's 对应整改措施 list names the linked measure as it is printed: in the
    material's point style (here 1. 2.), not as 一是."""
    from PySide6.QtWidgets import QListWidget

    mid = library.create_material(shaped("arabic"))
    material = library.get_material(mid)
    measures = next(s for s in material.sections if s.kind == "measures")
    problem = material.sections[1].dimensions[1].points[0]
    library.link_points(problem.id, measures.points[1].id)
    main_window.open_material(mid, problem.id)
    links = main_window.findChild(QListWidget, "pointLinksList")
    assert [links.item(i).text() for i in range(links.count())] == [
        f"{measures.heading} · 2. {measures.points[1].title}"
    ]
