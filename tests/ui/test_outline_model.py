"""OutlineModel: derived numbering in labels, and every structural sync checked by
QAbstractItemModelTester (pytest-qt ``qtmodeltester``) through inserts, moves and deletes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.model import Point
from ui.outline_model import MATERIAL_KEY, OutlineModel

TEMPLATE = "2021-dangshi-wugedaitou"


@pytest.fixture
def mid(library):
    mid = library.create_from_template(TEMPLATE, organization="县政府党组")
    dims = library.get_material(mid).sections[0].dimensions
    for i, title in enumerate(["学习态度不够积极", "学深悟透不够深入", "学以致用不够灵活"]):
        library.insert_point(dims[0].id, i, Point(title=title))
    library.insert_point(dims[1].id, 0, Point(title="改革创新意识不强"))
    return mid


@pytest.fixture
def model(qtmodeltester, library, mid):
    model = OutlineModel()
    model.set_material(library.get_material(mid))
    qtmodeltester.check(model, force_py=False)  # the tester stays attached for later changes
    return model


def labels_under(model: OutlineModel, key: int) -> list[str]:
    parent = model.index_for_key(key)
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def dims(library, mid):
    return library.get_material(mid).sections[0].dimensions


def test_tree_shows_derived_numbering_and_counts(model, library, mid):
    root = model.index(0, 0)
    assert root.data().startswith("县政府党组")
    sections = labels_under(model, MATERIAL_KEY)
    assert sections[0].startswith("一、存在的主要问题")
    assert sections[1].startswith("二、问题根源剖析")
    problems = library.get_material(mid).sections[0]
    dim_labels = labels_under(model, problems.id)
    assert dim_labels[0].startswith("（一）两个确立") and "3" in dim_labels[0]
    assert dim_labels[4].startswith("（五）正反经验")
    assert labels_under(model, problems.dimensions[0].id) == [
        "一是 学习态度不够积极",
        "二是 学深悟透不够深入",
        "三是 学以致用不够灵活",
    ]


def test_sync_after_insert_moves_and_deletes(model, library, mid):
    d = dims(library, mid)
    first, second = d[0], d[1]
    new_id = library.insert_point(first.id, 1, Point(title="新增要点"))
    model.sync(library.get_material(mid))
    assert labels_under(model, first.id)[1] == "二是 新增要点"
    assert labels_under(model, first.id)[2] == "三是 学深悟透不够深入"

    library.move_node(first.points[2].id, first.id, 0)  # 三是 (学以致用) to the top
    model.sync(library.get_material(mid))
    assert labels_under(model, first.id)[0] == "一是 学以致用不够灵活"

    library.move_node(new_id, second.id, 1)  # across dimensions
    model.sync(library.get_material(mid))
    assert labels_under(model, second.id) == ["一是 改革创新意识不强", "二是 新增要点"]

    problems_id = library.get_material(mid).sections[0].id
    library.move_node(d[4].id, problems_id, 0)  # a dimension to the top of its section
    model.sync(library.get_material(mid))
    assert labels_under(model, problems_id)[0].startswith("（一）正反经验")
    assert labels_under(model, problems_id)[1].startswith("（二）两个确立")

    library.delete_node(first.points[0].id)
    library.delete_node(second.id)  # a whole subtree
    model.sync(library.get_material(mid))
    assert model.index_for_key(second.id) == QModelIndex()
    assert labels_under(model, first.id) == ["一是 学以致用不够灵活", "二是 学深悟透不够深入"]


def test_sync_keeps_the_persistent_index_of_a_moved_point(model, library, mid):
    from PySide6.QtCore import QPersistentModelIndex

    point_id = dims(library, mid)[0].points[2].id
    kept = QPersistentModelIndex(model.index_for_key(point_id))
    library.move_node(point_id, dims(library, mid)[3].id, 0)
    model.sync(library.get_material(mid))
    assert kept.isValid()
    assert kept.data(Qt.ItemDataRole.DisplayRole) == "一是 学以致用不够灵活"
    assert kept.parent() == model.index_for_key(dims(library, mid)[3].id)


def test_drop_of_a_point_requests_a_move_and_changes_nothing_itself(model, library, mid):
    first = dims(library, mid)[0]
    requests = []
    model.moveRequested.connect(lambda *args: requests.append(args))
    source = model.index_for_key(first.points[2].id)
    mime = model.mimeData([source])
    parent = model.index_for_key(first.id)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, parent)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, parent) is False
    assert requests == [(first.points[2].id, first.id, 0)]
    assert labels_under(model, first.id)[2] == "三是 学以致用不够灵活"  # unchanged until sync


def test_drop_positions_count_only_siblings_of_the_same_kind(model, library, mid):
    first, second = dims(library, mid)[0], dims(library, mid)[1]
    requests = []
    model.moveRequested.connect(lambda *args: requests.append(args))
    mime = model.mimeData([model.index_for_key(first.points[0].id)])
    # dropped onto the point 一是 of （二）: lands before it
    model.dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, -1, model.index_for_key(second.points[0].id)
    )
    # dropped below the last point of its own dimension: position counts after removal
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, model.index_for_key(first.id))
    assert requests == [(first.points[0].id, second.id, 0), (first.points[0].id, first.id, 2)]


def test_nonsense_drops_are_refused(model, library, mid):
    first = dims(library, mid)[0]
    point_mime = model.mimeData([model.index_for_key(first.points[0].id)])
    dim_mime = model.mimeData([model.index_for_key(first.id)])
    root = model.index_for_key(MATERIAL_KEY)
    move = Qt.DropAction.MoveAction
    assert not model.canDropMimeData(point_mime, move, 0, 0, root)  # a point among sections
    assert not model.canDropMimeData(dim_mime, move, 0, 0, model.index_for_key(first.id))
    assert not model.canDropMimeData(dim_mime, move, 0, 0, root)
