"""整改清单 in the core: what a user types as 完成时限 and 状态, what the library and JSON keep, and
the list's rows in order."""

from __future__ import annotations

import json

import pytest

from app import rectification
from app.errors import InputError
from app.serialize import material_from_json, material_to_dict, material_to_json
from tests.app.store_samples import sample_material


def _ids(lib):
    mid = lib.create_material(sample_material())
    m = lib.get_material(mid)
    problems = [p.id for p in m.section("problems").all_points()]
    measures = [p.id for p in m.section("measures").all_points()]
    return mid, problems, measures


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-06-30", "2026-06-30"),
        ("2026/6/30", "2026-06-30"),
        ("2026.6.3", "2026-06-03"),
        ("2026年6月30日", "2026-06-30"),
        (" 2026年6月30日前 ", "2026-06-30"),
        ("长期坚持", "长期坚持"),
        ("长期", "长期坚持"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_deadlines_a_user_types_are_stored_in_one_form(typed, stored):
    assert rectification.parse_deadline(typed) == stored


@pytest.mark.parametrize(
    "typed", ["not a date", "2026-02-30", "2026-13-01", "6月底", "明年", "2026", "<b>2026</b>"]
)
def test_text_that_is_not_a_date_is_refused_with_a_chinese_message(typed):
    with pytest.raises(InputError) as raised:
        rectification.parse_deadline(typed)
    assert "不是日期" in raised.value.zh and "2026-06-30" in raised.value.zh


def test_deadline_labels_read_as_chinese_dates():
    assert rectification.deadline_label("2026-06-03") == "2026年6月3日"
    assert rectification.deadline_label("长期坚持") == "长期坚持"
    assert rectification.deadline_label("") == ""


def test_status_accepts_codes_and_chinese_labels():
    assert rectification.parse_status("推进中") == "in_progress"
    assert rectification.parse_status("done") == "done"
    with pytest.raises(InputError):
        rectification.parse_status("差不多了")


def test_library_keeps_the_measure_fields_and_refuses_a_bad_deadline(lib):
    mid, _problems, measures = _ids(lib)
    name = "张三 <b>局长</b> & <script>alert(1)</script>"
    lib.update_node(measures[0], responsible=name, deadline="2026-06-30", status="in_progress")
    lib.update_node(measures[0], status_note="已完成初稿")
    with pytest.raises(InputError):
        lib.update_node(measures[0], deadline="not a date")
    with pytest.raises(InputError):
        lib.update_node(measures[0], status="finished")
    stored = lib.get_material(mid).section("measures").points[0]
    assert (stored.responsible, stored.deadline, stored.status, stored.status_note) == (
        name,
        "2026-06-30",
        "in_progress",
        "已完成初稿",
    )


def test_a_trashed_measure_comes_back_with_its_fields_and_link(lib):
    mid, problems, measures = _ids(lib)
    lib.link_points(problems[0], measures[1])
    lib.update_node(measures[1], responsible="李四", deadline="长期坚持", status="done")
    entry = lib.delete_node(measures[1])
    lib.restore_from_trash(entry)
    back = lib.get_material(mid).section("measures").points[1]
    assert (back.id, back.responsible, back.deadline, back.status) == (
        measures[1],
        "李四",
        "长期坚持",
        "done",
    )
    assert problems[0] in back.links
    assert lib.list_trash(mid) == []


def test_json_round_trip_keeps_the_list_and_old_files_still_load(lib):
    mid, problems, measures = _ids(lib)
    lib.link_points(problems[0], measures[0])
    lib.update_node(measures[0], responsible="王五", deadline="2026-12-31", status="done")
    material = lib.get_material(mid)
    text = material_to_json(material)
    data = json.loads(text)
    point = data["sections"][2]["points"][0]
    assert (point["responsible"], point["deadline"], point["status"]) == (
        "王五",
        "2026-12-31",
        "done",
    )
    assert "responsible" not in data["sections"][2]["points"][1]  # defaults are not written
    again, links = material_from_json(text)
    new_id = lib.create_material(again, links)
    assert material_to_dict(lib.get_material(new_id)) == data
    # A file from before the 整改清单 has none of the fields: it loads with the defaults.
    for section in data["sections"]:
        for p in section["points"]:
            for key in ("responsible", "deadline", "status", "status_note"):
                p.pop(key, None)
    old, _links = material_from_json(json.dumps(data, ensure_ascii=False))
    assert {p.status for p in old.all_points()} == {"not_started"}


def test_json_with_a_bad_deadline_is_refused_naming_where(lib):
    data = material_to_dict(sample_material())
    data["sections"][2]["points"][0]["deadline"] = "下个月"
    with pytest.raises(InputError) as raised:
        material_from_json(json.dumps(data, ensure_ascii=False))
    assert "$.sections[2].points[0].deadline" in raised.value.zh


def test_new_measure_from_a_problem_is_linked_and_at_the_end_of_the_measures(lib):
    mid, problems, measures = _ids(lib)
    root, point = lib.add_measure_for(problems[1], "加强学习")
    assert root == point
    material = lib.get_material(mid)
    made = material.section("measures").points[-1]
    assert (made.id, made.title, made.links) == (point, "加强学习", [problems[1]])


def test_new_measure_makes_the_measures_section_when_there_is_none(lib):
    material = sample_material()
    material.sections = [s for s in material.sections if s.kind != "measures"]
    mid = lib.create_material(material)
    problem = lib.get_material(mid).all_points()[0].id
    root, point = lib.add_measure_for(problem)
    stored = lib.get_material(mid)
    section = stored.section("measures")
    assert section.id == root and [p.id for p in section.points] == [point]
    lib.delete_node(root)  # one delete undoes it: the section goes with its point
    assert lib.get_material(mid).section("measures") is None


def test_rows_follow_the_problems_then_the_unlinked_measures(lib):
    mid, problems, measures = _ids(lib)
    lib.link_points(problems[0], measures[1])
    lib.link_points(measures[0], problems[0])  # either order of the pair
    material = lib.get_material(mid)
    rows = rectification.rows(material)
    assert [r.number for r in rows] == [1, 2, 3, 4]
    assert [r.cells()[1] for r in rows] == [
        "两个确立：学习态度不够积极",
        "两个确立：学习态度不够积极",
        "两个确立：学深悟透不够",
        "正反经验：纠治“四风”有差距",
    ]
    assert [r.measure.id if r.measure else None for r in rows] == [
        measures[0],
        measures[1],
        None,
        None,
    ]
    assert rows[0].cells()[2] == "持续加强理论武装。"


def test_measure_statuses_for_next_years_draft(lib):
    mid, problems, measures = _ids(lib)
    lib.link_points(problems[2], measures[1])
    lib.update_node(measures[1], deadline="2026-06-30", status="in_progress", status_note="过半")
    statuses = rectification.measure_statuses(lib.get_material(mid))
    assert [s.point_id for s in statuses] == measures
    second = statuses[1]
    assert (second.status_label, second.deadline_label, second.note, second.problems) == (
        "推进中",
        "2026年6月30日",
        "过半",
        ["正反经验：纠治“四风”有差距"],
    )


def test_unlinked_problems_and_measures_are_findings_once_the_list_is_started(lib):
    from app.checks import run_checks

    mid, problems, measures = _ids(lib)
    rules = ("rectification.unlinked_problem", "rectification.unlinked_measure")
    before = [f for f in run_checks(lib.get_material(mid)) if f.rule in rules]
    assert before == []  # links never used: no flood of findings
    lib.link_points(problems[0], measures[0])
    found = [f for f in run_checks(lib.get_material(mid)) if f.rule in rules]
    assert sorted((f.rule, f.path) for f in found) == [
        ("rectification.unlinked_measure", "measures/points/1/title"),
        ("rectification.unlinked_problem", "problems/dimensions/0/points/1/title"),
        ("rectification.unlinked_problem", "problems/dimensions/1/points/0/title"),
    ]
    assert all(f.severity == "warning" and f.excerpt for f in found)
    assert "学深悟透不够" in found[1].message or "学深悟透不够" in found[0].message
