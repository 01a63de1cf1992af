"""The user's steps of issue 13, finding 7, in the window: delete a point (Delete key), restore a
version that has it (历史版本), open the trash, restore from it — the material never gets a second
copy of the point, and undo walks back through every step."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers_editor import type_text
from ui.library_view import LibraryView


@pytest.fixture
def opened(main_window, seeded_library):
    main_window.open_material(seeded_library.seed_id)
    return main_window, seeded_library, seeded_library.seed_id


def point_titles(library, mid) -> list[str]:
    return [p.title for p in library.get_material(mid).all_points()]


def victim_of(library, mid):
    return library.get_material(mid).section("problems").dimensions[1].points[0]


def save_version(window, name: str) -> None:
    dock = window.snapshots_dock
    dock.name_combo.setCurrentText(name)
    dock.save_button.click()


def delete_with_key(qtbot, window, node_id: int) -> None:
    window.select_node(node_id)
    window.activateWindow()
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus, timeout=2000)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)


def restore_version(window, name: str) -> None:
    dock = window.snapshots_dock
    row = next(r for r in range(dock.list.count()) if dock.list.item(r).text().startswith(name))
    dock.list.setCurrentRow(row)
    dock.restore_button.click()


def open_trash(window, monkeypatch, handler) -> list[str]:
    """Open 回收站 from the menu; ``handler(dialog)`` acts in it. Returns the listed labels."""
    listed: list[str] = []

    def fake_exec(view, dialog):
        dialog.show()
        listed.extend(
            dialog.entry_list.topLevelItem(i).text(0) for i in range(len(dialog.entry_ids()))
        )
        handler(dialog)
        dialog.close()
        return False

    monkeypatch.setattr(LibraryView, "_exec_dialog", fake_exec)
    window.actions_by_name["actionShowTrash"].trigger()
    return listed


def restore_everything(dialog) -> None:
    for entry_id in dialog.entry_ids():
        dialog.select_entry(entry_id)
        dialog.restore_button.click()


def test_delete_restore_version_then_trash_keeps_one_copy(qtbot, opened, monkeypatch):
    window, library, mid = opened
    before = point_titles(library, mid)
    victim = victim_of(library, mid)
    save_version(window, "定稿")
    delete_with_key(qtbot, window, victim.id)
    assert len(point_titles(library, mid)) == len(before) - 1

    restore_version(window, "定稿")
    assert point_titles(library, mid) == before

    listed = open_trash(window, monkeypatch, restore_everything)
    assert not any(victim.title in label for label in listed)  # it is back, not in the trash
    assert point_titles(library, mid) == before  # still the same count: no second copy
    assert Counter(point_titles(library, mid))[victim.title] == 1

    window.actions_by_name["actionUndo"].trigger()  # undo the version restore
    assert len(point_titles(library, mid)) == len(before) - 1
    listed = open_trash(window, monkeypatch, lambda dialog: None)
    assert any(victim.title in label for label in listed)  # gone again: listed again
    window.actions_by_name["actionUndo"].trigger()  # undo the delete
    assert point_titles(library, mid) == before
    assert victim_of(library, mid).id == victim.id  # in its own aspect, the same node


def test_text_typed_after_the_version_comes_back_from_the_trash_without_a_copy(
    qtbot, opened, monkeypatch
):
    window, library, mid = opened
    before = point_titles(library, mid)
    victim = victim_of(library, mid)
    save_version(window, "定稿")
    window.select_node(victim.id)
    type_text(window.findChild(object, "pointBodyEdit"), "定稿后补充。")
    window.flush_pending()
    delete_with_key(qtbot, window, victim.id)
    restore_version(window, "定稿")

    notes = []

    def restore_and_read(dialog):
        restore_everything(dialog)
        notes.append(dialog.note_label.text() if dialog.note_label.isVisible() else "")

    listed = open_trash(window, monkeypatch, restore_and_read)

    assert any(victim.title in label for label in listed)  # it holds the newer text
    assert notes == ["The version that was in the material went to the trash in its place."]
    assert point_titles(library, mid) == before
    restored = victim_of(library, mid)
    assert restored.id == victim.id and restored.body.endswith("定稿后补充。")

    # Ctrl+Z walks back through every step and loses nothing on the way.
    undo = window.actions_by_name["actionUndo"]
    undo.trigger()  # the restore from the trash: the version's text is back in the material
    assert victim_of(library, mid).body == victim.body
    assert point_titles(library, mid) == before
    undo.trigger()  # the version restore
    assert len(point_titles(library, mid)) == len(before) - 1
    undo.trigger()  # the delete: the point with the text typed after the version
    assert point_titles(library, mid) == before
    assert victim_of(library, mid).body.endswith("定稿后补充。")
    window.actions_by_name["actionRedo"].trigger()
    window.actions_by_name["actionRedo"].trigger()
    window.actions_by_name["actionRedo"].trigger()  # and forward again to the swap
    assert point_titles(library, mid) == before
    assert victim_of(library, mid).body.endswith("定稿后补充。")
