"""The material list on its own: grouping by year, the trash group, in-place updates."""

from __future__ import annotations

import datetime as dt

from app.library import MaterialSummary
from ui.library_tree import MaterialTree


def _summary(material_id, year, updated, title="", trashed=False):
    return MaterialSummary(
        id=material_id,
        title=title or f"材料{material_id}",
        organization="某党组",
        year=year,
        meeting="",
        template_id="custom",
        created="2026-01-01T08:00:00+08:00",
        updated=f"2026-01-{updated:02d}T08:00:00+08:00",
        word_count=100 * material_id,
        dimension_count=0,
        point_count=0,
        trashed=trashed,
    )


def test_the_list_follows_edits_in_place_and_keeps_the_selection(qtbot):
    tree = MaterialTree()
    qtbot.addWidget(tree)
    tree.populate([_summary(2, 2021, 2), _summary(1, 2021, 1), _summary(3, 2020, 1)])
    group = tree.topLevelItem(0)
    tree.select_material(1)

    assert [group.child(i).text(0) for i in range(2)] == ["材料1", "材料2"]

    # Material 1 was edited (now the newest): its row stays where it was (issue 16).
    tree.populate([_summary(1, 2021, 4), _summary(2, 2021, 2), _summary(3, 2020, 1)])
    assert [group.child(i).text(0) for i in range(2)] == ["材料1", "材料2"]

    # Renamed: the year's rows go by title as read in pinyin (改 gai after 材 cai).
    tree.populate([_summary(1, 2021, 5, "改过的标题"), _summary(2, 2021, 2), _summary(3, 2020, 1)])

    assert tree.topLevelItem(0) is group  # updated in place, not rebuilt
    assert [group.child(i).text(0) for i in range(2)] == ["材料2", "改过的标题"]
    assert tree.selected_material_id() == 1

    # A new material and a trashed one change the groups: rebuilt, selection kept.
    tree.populate(
        [
            _summary(4, 2025, 6),
            _summary(1, 2021, 5, "改过的标题"),
            _summary(2, 2021, 2, trashed=True),
            _summary(3, 2020, 1),
        ]
    )
    assert tree.group_labels() == [
        "2025 annual (1)",
        "2021 annual (1)",
        "2020 annual (1)",
        "Trash (1)",
    ]
    assert tree.listed_material_ids() == [4, 1, 3]
    assert tree.listed_material_ids(trashed=True) == [2]
    assert tree.selected_material_id() == 1


def test_groups_remember_being_collapsed_and_the_trash_starts_collapsed(qtbot):
    tree = MaterialTree()
    qtbot.addWidget(tree)
    rows = [_summary(1, 2021, 1), _summary(2, None, 2), _summary(3, 2020, 3, trashed=True)]
    tree.populate(rows)
    assert tree.group_labels() == ["2021 annual (1)", "No year (1)", "Trash (1)"]
    assert [tree.topLevelItem(i).isExpanded() for i in range(3)] == [True, True, False]

    tree.topLevelItem(0).setExpanded(False)  # the user folds 2021
    tree.populate(rows + [_summary(4, 2021, 4)])  # rebuilt: a new material
    assert [tree.topLevelItem(i).isExpanded() for i in range(3)] == [False, True, False]


def test_a_row_shows_organization_time_and_word_count_and_narrow_shows_titles_only(qtbot):
    tree = MaterialTree()
    qtbot.addWidget(tree)
    tree.populate([_summary(12, 2021, 3)])
    row = tree.material_item(12)
    local = dt.datetime.fromisoformat("2026-01-03T08:00:00+08:00").astimezone()
    assert [row.text(c) for c in range(4)] == [
        "材料12",
        "某党组",
        local.strftime("%Y-%m-%d %H:%M"),
        "1,200",
    ]

    tree.set_narrow(True)
    assert tree.isHeaderHidden() and all(tree.isColumnHidden(c) for c in (1, 2, 3))
    assert "1,200" in row.toolTip(0) and "某党组" in row.toolTip(0)
