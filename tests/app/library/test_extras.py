"""Library extras: several field edits in one transaction (a fix, a replace-all) and the
findings a user ignored, kept in the library file."""

from __future__ import annotations

import sqlite3

import pytest
from store_samples import SAMPLE_LINKS, sample_material

from app.errors import InputError, LibraryError, NotFoundError
from app.library import Library


@pytest.fixture
def mid(lib):
    return lib.create_material(sample_material(), SAMPLE_LINKS)


def _points(lib, mid):
    return lib.get_material(mid).sections[0].dimensions[0].points


# ----- apply_edits ------------------------------------------------------------------------
def test_apply_edits_changes_nodes_and_material_fields_together(lib, mid):
    m = lib.get_material(mid)
    first, second = m.sections[0].dimensions[0].points
    lib.apply_edits(
        mid,
        [
            (first.id, {"title": "学习态度不足", "body": "改过的正文。"}),
            (second.id, {"example": "新的例子"}),
            (None, {"title": "新标题", "preamble": ["第一段。"]}),
        ],
    )
    after = lib.get_material(mid)
    p0, p1 = after.sections[0].dimensions[0].points
    assert (p0.title, p0.body, p1.example) == ("学习态度不足", "改过的正文。", "新的例子")
    assert (after.title, after.preamble) == ("新标题", ["第一段。"])


def test_apply_edits_refreshes_word_count_and_updated_time(lib, mid):
    before = next(s for s in lib.list_materials() if s.id == mid)
    point = _points(lib, mid)[0]
    lib.apply_edits(mid, [(point.id, {"body": point.body + "再加十个字的一句话。"})])
    after = next(s for s in lib.list_materials() if s.id == mid)
    assert after.word_count == before.word_count + 10
    assert after.updated >= before.updated


def test_apply_edits_is_one_transaction_a_bad_edit_changes_nothing(lib, mid):
    point = _points(lib, mid)[0]
    with pytest.raises(InputError):
        lib.apply_edits(mid, [(point.id, {"title": "已改"}), (point.id, {"no_such_field": "x"})])
    assert _points(lib, mid)[0].title == point.title
    with pytest.raises(NotFoundError):
        lib.apply_edits(mid, [(point.id, {"title": "已改"}), (999_999, {"title": "x"})])
    assert _points(lib, mid)[0].title == point.title


def test_apply_edits_refuses_a_node_of_another_material(lib, mid):
    other = lib.create_material(sample_material(), SAMPLE_LINKS)
    foreign = _points(lib, other)[0]
    with pytest.raises(InputError, match="不属于"):
        lib.apply_edits(mid, [(foreign.id, {"title": "越界"})])
    assert _points(lib, other)[0].title == foreign.title


@pytest.mark.parametrize(
    "edits",
    [
        "not a list",
        [("1", {"title": "x"})],
        [(1,)],
        [(1, {})],
        [(1, "title")],
        [(True, {"title": "x"})],
    ],
)
def test_apply_edits_rejects_malformed_edits_with_a_chinese_message(lib, mid, edits):
    with pytest.raises(InputError) as info:
        lib.apply_edits(mid, edits)
    assert "修改内容格式有误" in info.value.zh


def test_apply_edits_on_an_unknown_material(lib):
    with pytest.raises(NotFoundError):
        lib.apply_edits(12345, [(None, {"title": "x"})])


def test_apply_edits_on_a_readonly_library_is_refused(tmp_path, lib, mid):
    lib.close()
    ro = Library.open(tmp_path / "library.db", readonly=True)
    try:
        with pytest.raises(LibraryError):
            ro.apply_edits(mid, [(None, {"title": "x"})])
    finally:
        ro.close()


def test_apply_edits_keeps_the_touch_method_after_a_failure(lib, mid):
    point = _points(lib, mid)[0]
    with pytest.raises(InputError):
        lib.apply_edits(mid, [(point.id, {"bogus": 1})])
    assert "_touch" not in vars(lib)  # the per-call shadow is gone
    lib.update_node(point.id, title="之后的修改")  # later writes still refresh the counts
    assert _points(lib, mid)[0].title == "之后的修改"


# ----- ignored findings -------------------------------------------------------------------
def test_ignored_findings_are_remembered_per_material(lib, mid):
    other = lib.create_material(sample_material(), SAMPLE_LINKS)
    assert lib.ignored_findings(mid) == set()
    lib.set_finding_ignored(mid, "typo|title|越来愈多", True)
    lib.set_finding_ignored(mid, 'punct.ascii_quote|preamble/0|"', True)
    assert lib.ignored_findings(mid) == {"typo|title|越来愈多", 'punct.ascii_quote|preamble/0|"'}
    assert lib.ignored_findings(other) == set()
    lib.set_finding_ignored(mid, "typo|title|越来愈多", False)
    assert lib.ignored_findings(mid) == {'punct.ascii_quote|preamble/0|"'}


def test_ignored_findings_survive_reopening_the_library(tmp_path, lib, mid):
    lib.set_finding_ignored(mid, "placeholder.pinyin|title|dangshi", True)
    lib.close()
    again = Library.open(tmp_path / "library.db")
    try:
        assert again.ignored_findings(mid) == {"placeholder.pinyin|title|dangshi"}
    finally:
        again.close()


def test_clearing_ignored_findings_removes_the_setting(lib, mid):
    lib.set_finding_ignored(mid, "typo|title|x", True)
    lib.clear_ignored_findings(mid)
    assert lib.ignored_findings(mid) == set()
    rows = lib.db.execute("SELECT key FROM settings WHERE key LIKE 'ignored-findings:%'").fetchall()
    assert rows == []


def test_many_materials_are_stored_all_or_none(lib):
    before = len(lib.list_materials())
    ids = lib.create_materials([(sample_material(), None), (sample_material(), SAMPLE_LINKS)])
    assert len(ids) == 2 and len(lib.list_materials()) == before + 2
    assert lib.get_material(ids[1]).title == sample_material().title
    with pytest.raises(InputError):  # the second one's links point nowhere
        lib.create_materials([(sample_material(), None), (sample_material(), [[[9, 9, 9]]])])
    assert len(lib.list_materials()) == before + 2


def test_setting_the_ignored_findings_puts_back_exactly_those_keys(lib, mid):
    lib.set_finding_ignored(mid, "typo|title|x", True)
    lib.set_ignored_findings(mid, {"typo|title|y", "pinyin|body|z"})
    assert lib.ignored_findings(mid) == {"typo|title|y", "pinyin|body|z"}
    with pytest.raises(InputError):
        lib.set_ignored_findings(mid, {"ok", ""})
    assert lib.ignored_findings(mid) == {"typo|title|y", "pinyin|body|z"}  # refused: unchanged


def test_ignoring_does_not_count_as_an_edit_of_the_material(lib, mid):
    before = next(s for s in lib.list_materials() if s.id == mid).updated
    lib.set_finding_ignored(mid, "typo|title|x", True)
    assert next(s for s in lib.list_materials() if s.id == mid).updated == before


def test_a_damaged_ignored_setting_reads_as_nothing_ignored(lib, mid):
    for value in ("not json", '{"a": 1}', '[1, 2, "typo|t|x"]'):
        with lib.db.atomic():
            lib.db["settings"].upsert({"key": f"ignored-findings:{mid}", "value": value}, pk="key")
        assert lib.ignored_findings(mid) <= {"typo|t|x"}
    lib.set_finding_ignored(mid, "typo|t|y", True)  # and writing repairs it
    assert lib.ignored_findings(mid) == {"typo|t|x", "typo|t|y"}


@pytest.mark.parametrize("key", ["", None, 5])
def test_a_bad_finding_key_is_refused(lib, mid, key):
    with pytest.raises(InputError):
        lib.set_finding_ignored(mid, key, True)


def test_ignoring_in_an_unknown_material_is_refused(lib):
    with pytest.raises(NotFoundError):
        lib.set_finding_ignored(777, "typo|title|x", True)


def test_the_setting_is_plain_json_in_the_settings_table(tmp_path, lib, mid):
    lib.set_finding_ignored(mid, "typo|title|越来愈多", True)
    conn = sqlite3.connect(tmp_path / "library.db")
    try:
        value = conn.execute(
            "SELECT value FROM settings WHERE key = ?", [f"ignored-findings:{mid}"]
        ).fetchone()[0]
    finally:
        conn.close()
    assert value == '["typo|title|越来愈多"]'
