"""上年度整改落实情况 (issue 17.3): next year's draft opens with last year's measures and their
status as prose starters, placed where the template says (first by default); the draft's own
measures start afresh; PDF, Word, text and JSON print it in order with the numbering moved on."""

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest

from app.exporters.docx import render_docx
from app.exporters.text import export_txt
from app.model import Material, Section
from app.previous_rectification import review_section, status_starter
from app.serialize import material_from_json, material_to_json
from tests.app.pdf_fixtures import render_bundled
from tests.app.previous_rectification_samples import PREAMBLE, last_year


@pytest.fixture
def drafted(lib):
    """(library, last year's id, next year's draft) made with the review section."""
    old_id = lib.create_material(last_year())
    draft_id = lib.duplicate_material(
        old_id, template_id="2025-niandu-wugedaitou", year=2025, review=True
    )
    return lib, old_id, lib.get_material(draft_id)


def test_the_draft_opens_with_last_years_measures_and_their_status(drafted):
    lib, old_id, draft = drafted
    review = draft.sections[0]
    assert review.kind == "previous_rectification"
    assert review.heading == "上年度民主生活会整改落实情况"  # the 2025 template's wording
    assert [s.kind for s in draft.sections[1:]] == ["problems", "causes", "measures"]
    assert [p.title for p in review.points] == [
        "建立理论学习长效机制",
        "推动民生实事落地见效",
        "健全调查研究制度",
    ]
    done, going, waiting = (p.body for p in review.points)
    assert done == (
        "已完成。已制定学习制度并按月落实。责任人：县委常委、副县长 张三；完成时限：2022年6月30日。"
    )
    assert going == "正在推进：十件实事已完成七件。责任人：李四；长期坚持。"
    assert waiting == "尚未启动。"
    assert review.intro == [
        "针对上年度查摆的问题，共制定整改措施3项，目前已完成1项、正在推进1项、尚未启动1项。"
    ]
    assert draft.preamble == [PREAMBLE]  # the preamble stays before it


def test_the_drafts_measures_start_afresh_and_last_year_keeps_its_status(drafted):
    lib, old_id, draft = drafted
    measures = draft.section("measures").points
    assert [(m.status, m.status_note) for m in measures] == [("not_started", "")] * 3
    # who answers for it and by when are kept for the writer to revise
    assert [m.responsible for m in measures][:2] == ["县委常委、副县长 张三", "李四"]
    old = lib.get_material(old_id).section("measures").points
    assert [m.status for m in old] == ["done", "in_progress", "not_started"]
    assert old[0].status_note == "已制定学习制度并按月落实"


def test_without_review_only_the_measures_are_reset(lib):
    old_id = lib.create_material(last_year())
    draft = lib.get_material(lib.duplicate_material(old_id, year=2022))
    assert [s.kind for s in draft.sections] == ["problems", "causes", "measures"]
    assert {m.status for m in draft.section("measures").points} == {"not_started"}


def test_a_template_without_a_rule_puts_it_first_under_the_plain_heading(lib):
    """The 2021 framework names no place: right after the preamble, 上年度整改落实情况."""
    old_id = lib.create_material(last_year())
    draft = lib.get_material(lib.duplicate_material(old_id, year=2022, review=True))
    assert [(s.kind, s.heading) for s in draft.sections][:2] == [
        ("previous_rectification", "上年度整改落实情况"),
        ("problems", "存在的主要问题"),
    ]


def test_a_templates_rule_can_place_it_after_the_problems(lib, isolated_dirs):
    """Position is template data: a user template listing it after 存在的问题 gets it there."""
    folder = isolated_dirs / "config" / "duizhao" / "templates"
    folder.mkdir(parents=True)
    (folder / "user-late.toml").write_text(
        'id = "user-late"\nname = "整改情况放在问题之后"\nyear = 2022\n'
        '[[sections]]\nkind = "problems"\nheading = "存在的问题"\n'
        '[[sections]]\nkind = "previous_rectification"\nheading = "上年度整改情况"\n'
        "optional = true\n"
        '[[sections]]\nkind = "measures"\nheading = "整改措施"\n'
        '[[dimensions]]\nshort_name = "两个确立"\nheading = "带头深刻感悟“两个确立”"\n',
        encoding="utf-8",
    )
    old_id = lib.create_material(last_year())
    draft = lib.get_material(lib.duplicate_material(old_id, template_id="user-late", review=True))
    assert [s.kind for s in draft.sections] == [
        "problems",
        "previous_rectification",
        "causes",
        "measures",
    ]
    assert draft.sections[1].heading == "上年度整改情况"


def test_last_years_own_review_gives_way_to_the_new_one(lib):
    old = last_year()
    old.sections.insert(0, Section(kind="previous_rectification", heading="2020年整改情况"))
    old_id = lib.create_material(old)
    draft = lib.get_material(lib.duplicate_material(old_id, year=2022, review=True))
    reviews = [s for s in draft.sections if s.kind == "previous_rectification"]
    assert len(reviews) == 1 and len(reviews[0].points) == 3


def test_asking_for_a_review_of_a_material_without_measures_is_refused(lib):
    from app.errors import InputError

    bare = last_year()
    bare.sections.pop()
    old_id = lib.create_material(bare)
    with pytest.raises(InputError) as info:
        lib.duplicate_material(old_id, review=True)
    assert "没有整改措施" in info.value.zh
    assert len(lib.list_materials()) == 1  # nothing half-made


def test_status_starters_close_the_note_as_a_sentence():
    assert status_starter("done", "") == "已完成。"
    assert status_starter("in_progress", "已完成一半；") == "正在推进：已完成一半。"
    assert status_starter("done", "提前完成！") == "已完成。提前完成！"
    assert status_starter("in_progress", "；") == "正在推进。"
    assert status_starter("not_started", "  待年底启动 ") == "尚未启动：待年底启动。"
    assert review_section(Material()).points == []


# ----- exporters --------------------------------------------------------------------------------

HEADINGS = ["一、上年度民主生活会整改落实情况", "二、存在的主要问题", "三、问题根源剖析"]


def _in_order(text: str, parts: list[str]) -> bool:
    places = [text.find(p) for p in parts]
    return -1 not in places and places == sorted(places)


def test_pdf_prints_it_between_the_preamble_and_the_problems_numbered_on(drafted):
    _lib, _old, draft = drafted
    data, _report = render_bundled(draft)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    assert _in_order(text, [PREAMBLE[:12], *HEADINGS, "四、努力方向和整改措施"])
    assert _in_order(text, ["一是建立理论学习长效机制。已完成。", "二是推动民生实事", "三是健全"])
    assert "四、上年度" not in text and "一、存在的主要问题" not in text


def test_word_prints_it_in_the_same_place(drafted):
    _lib, _old, draft = drafted
    document = docx.Document(io.BytesIO(render_docx(draft)))
    paragraphs = [p.text for p in document.paragraphs]
    heads = [p for p in paragraphs if p[:2] in ("一、", "二、", "三、", "四、")]
    assert heads == [*HEADINGS, "四、努力方向和整改措施"]
    assert paragraphs.index(HEADINGS[0]) > paragraphs.index(PREAMBLE)
    assert any(p.startswith("二是推动民生实事落地见效。正在推进：") for p in paragraphs)


def test_text_export_and_json_round_trip_keep_it(drafted):
    _lib, _old, draft = drafted
    assert _in_order(export_txt(draft), [PREAMBLE, *HEADINGS])
    back, _links = material_from_json(material_to_json(draft))
    assert back.sections[0].kind == "previous_rectification"
    assert [p.body for p in back.sections[0].points] == [p.body for p in draft.sections[0].points]
    assert material_to_json(back) == material_to_json(draft)


def test_markup_in_a_name_or_note_prints_as_typed(lib):
    old = last_year()
    old.sections[2].points[0].responsible = "张三<b>局长</b>&<script>"
    old.sections[2].points[1].status_note = "<i>进展</i>&完成"
    draft = lib.get_material(lib.duplicate_material(lib.create_material(old), review=True))
    data, _report = render_bundled(draft)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    words = docx.Document(io.BytesIO(render_docx(draft))).paragraphs
    for printed in (text, "".join(p.text for p in words)):
        assert "责任人：张三<b>局长</b>&<script>；" in printed
        assert "正在推进：<i>进展</i>&完成。" in printed
