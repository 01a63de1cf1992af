"""Field paths, and turning findings into edits (apply_fix / apply_fixes)."""

from __future__ import annotations

import pytest

from app.checks import Finding, apply_edit, apply_fix, apply_fixes, run_checks
from app.checks.paths import get_text, iter_text_fields, node_at, split_path
from app.errors import InputError
from app.model import Section
from tests.app.checks_helpers import data_material, material_with


def test_every_field_path_reads_back_its_own_text():
    material = data_material("planted-2021.json")
    fields = list(iter_text_fields(material))
    assert len({f.path for f in fields}) == len(fields)
    for f in fields:
        assert get_text(material, f.path) == f.text


def test_path_grammar():
    material = data_material("planted-2021.json")
    assert split_path("problems/dimensions/4/heading_suffix") == (
        "problems/dimensions/4",
        "heading_suffix",
        None,
    )
    assert split_path("preamble/0") == ("", "preamble", 0)
    assert split_path("problems/dimensions/1/intro/2") == ("problems/dimensions/1", "intro", 2)
    point = material.sections[0].dimensions[2].points[1]
    assert node_at(material, "problems/dimensions/2/points/1") is point
    assert node_at(material, "problems/2/points/1") is point  # shorthand of the issue text
    assert node_at(material, "causes") is material.sections[1]


def test_sections_of_the_same_kind_are_addressed_by_index():
    material = material_with("学习不够。", example="2021年学习3次。")
    material.sections.append(Section("other", "其他", intro=["第一段。"]))
    material.sections.append(Section("other", "附件", intro=["第二段。"]))
    paths = [f.path for f in iter_text_fields(material)]
    assert "3/intro/0" in paths and "4/heading" in paths and "problems/heading" in paths
    assert get_text(material, "4/intro/0") == "第二段。"


@pytest.mark.parametrize(
    "path",
    [
        "nothing",
        "problems/dimensions/9/heading",
        "problems/points/x/body",
        "preamble/5",
        "problems/dimensions/0/points/0/short_name",
        "",
    ],
)
def test_bad_paths_are_input_errors(path):
    material = material_with("学习不够。")
    with pytest.raises(InputError):
        get_text(material, path)


def test_apply_fix_returns_an_edit_and_leaves_the_material_alone():
    material = material_with('坚持"两个确立"。', example="2021年学习3次。")
    first = next(f for f in run_checks(material) if f.rule == "punct.ascii_quote")
    edit = apply_fix(material, first)
    assert edit == ("problems/dimensions/0/points/0", "body", '坚持“两个确立"。')
    assert material.sections[0].dimensions[0].points[0].body == '坚持"两个确立"。'
    apply_edit(material, edit)
    assert material.sections[0].dimensions[0].points[0].body == '坚持“两个确立"。'


def test_fix_of_a_list_paragraph_edits_the_whole_list():
    material = material_with(
        "学习不够。",
        example="2021年学习3次。",
        preamble=["按照要求，认真准备。", "现将情况报告如下:"],
    )
    findings = [f for f in run_checks(material) if f.path.startswith("preamble/")]
    assert [(f.path, f.excerpt) for f in findings] == [("preamble/1", ":")]
    assert apply_fixes(material, findings) == [
        ("", "preamble", ["按照要求，认真准备。", "现将情况报告如下："])
    ]


def test_several_fixes_in_one_field_make_one_edit():
    material = material_with('学习"两个确立",做到"两个维护"。。', example="2021年学习3次。")
    edits = apply_fixes(material, run_checks(material))
    assert edits == [("problems/dimensions/0/points/0", "body", "学习“两个确立”，做到“两个维护”。")]


def test_stale_or_unfixable_findings_are_refused():
    material = material_with("学习不够,工作不实。", example="2021年学习3次。")
    [comma] = [f for f in run_checks(material) if f.rule == "punct.halfwidth"]
    material.sections[0].dimensions[0].points[0].body = "工作不实。"
    with pytest.raises(InputError):
        apply_fix(material, comma)
    no_fix = Finding(
        "structure.no_example", "hint", "problems/dimensions/0/points/0/title", 0, 2, "学习", "…"
    )
    with pytest.raises(InputError):
        apply_fix(material, no_fix)


def test_finding_json_has_exactly_the_contract_keys():
    f = Finding("punct.halfwidth", "error", "title", 1, 2, ",", "半角", "，")
    assert list(f.to_json()) == [
        "rule",
        "severity",
        "path",
        "start",
        "end",
        "excerpt",
        "message",
        "fix",
    ]
    assert f.key == "punct.halfwidth|title|,"
