"""Next year's draft: the successions table, the suggested mapping of last year's dimensions
onto this year's template, and applying any mapping without losing a point."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.dimension_mapping import KEEP, OTHER, apply_mapping, suggest_mapping
from app.errors import InputError
from app.importers.text import import_text_file
from app.model import Dimension, Material, Point, Section
from app.serialize import material_to_dict
from app.successions import load_successions
from app.templates import get_template, load_templates, material_from_template


def filled_from_template(template_id: str) -> Material:
    """A material of that framework with one point per dimension, named after it."""
    material = material_from_template(get_template(template_id), organization="某党组")
    for dim in material.section("problems").dimensions:
        dim.points = [Point(title=f"{dim.short_name}方面的问题")]
    return material


def suggested_names(source: Material, new_id: str) -> dict[str, str]:
    """Old short name → new short name (or keep/other) as the suggestion has it."""
    template = get_template(new_id)
    old = source.section("problems").dimensions
    targets = suggest_mapping(old, template, source.template_id)
    return {
        d.short_name: t if isinstance(t, str) else template.dimensions[t].short_name
        for d, t in zip(old, targets, strict=True)
    }


# ----- the successions table -------------------------------------------------------------------


def test_every_succession_names_templates_and_dimensions_that_are_bundled():
    templates = {t.id: t for t in load_templates()}
    entries = load_successions()
    assert entries, "the bundled table is empty"
    for entry in entries:
        old, new = templates[entry.from_id], templates[entry.to_id]
        assert old.year < new.year, entry
        old_names = {d.short_name for d in old.dimensions}
        new_names = {d.short_name for d in new.dimensions}
        for old_name, new_name in entry.dimensions:
            assert old_name in old_names, (entry.from_id, old_name)
            assert new_name in new_names, (entry.to_id, new_name)
    pairs = [(e.from_id, e.to_id) for e in entries]
    assert len(pairs) == len(set(pairs)), "a pair listed twice"


def test_each_yearly_framework_has_a_succession_to_the_next_year_shipped():
    yearly = sorted(
        (t for t in load_templates() if t.year and t.scope == "group"), key=lambda t: t.year
    )
    years = sorted({t.year for t in yearly})
    pairs = {(e.from_id, e.to_id) for e in load_successions()}
    for earlier, later in zip(years, years[1:], strict=False):
        for old in (t for t in yearly if t.year == earlier):
            for new in (t for t in yearly if t.year == later):
                assert (old.id, new.id) in pairs, (old.id, new.id)


def test_a_malformed_successions_file_is_refused_in_chinese(tmp_path):
    path = tmp_path / "successions.toml"
    path.write_text('[[succession]]\nfrom = "a"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_successions(path)
    assert "框架对应表" in caught.value.zh
    assert load_successions(tmp_path / "none.toml") == ()  # then the wording alone suggests


# ----- suggestions -----------------------------------------------------------------------------


def test_2021_to_2025_suggests_five_different_dimensions():
    names = suggested_names(
        filled_from_template("2021-dangshi-wugedaitou"), "2025-niandu-wugedaitou"
    )
    assert names == {
        "两个确立": "政治忠诚",
        "根本问题": "担当作为",
        "人民中心": "三个敬畏",
        "应对风险": "固本培元",
        "正反经验": "管党治党",
    }


def test_the_imported_seed_is_recognised_despite_its_wording_and_maps_onto_2025(seed_path):
    seed, _report = import_text_file(seed_path)
    names = suggested_names(seed, "2025-niandu-wugedaitou")
    assert len(set(names.values())) == 5 and KEEP not in names.values()


def test_2024_to_2025_follows_the_table():
    names = suggested_names(
        filled_from_template("2024-niandu-sigedaitou"), "2025-niandu-wugedaitou"
    )
    assert names == {
        "政治纪律": "政治忠诚",
        "党性作风": "固本培元",
        "担责创新": "担当作为",
        "从严治党": "管党治党",
    }


def test_2021_to_the_2023_six_aspects_and_several_old_ones_into_one_for_2024():
    names = suggested_names(
        filled_from_template("2021-dangshi-wugedaitou"), "2023-zhutijiaoyu-liugefangmian"
    )
    assert names["两个确立"] == "政治素质" and names["应对风险"] == "能力本领"
    assert len(set(names.values())) == 5
    six = suggested_names(
        filled_from_template("2023-zhutijiaoyu-liugefangmian"), "2024-niandu-sigedaitou"
    )
    assert six["理论学习"] == six["工作作风"] == "党性作风"
    assert six["能力本领"] == six["担当作为"] == "担责创新"


def test_2019_to_2020_leaves_what_has_no_successor_to_the_wording_or_keeps_it():
    names = suggested_names(filled_from_template("2019-buwangchuxin"), "2020-niandu")
    assert names["理想信念"] == "理论武装" and names["清正廉洁"] == "从严治党"
    assert names["考虑设想"] == KEEP  # no successor, no similar wording: kept, not lost


def test_without_a_known_succession_the_wording_decides():
    source = filled_from_template("2021-dangshi-wugedaitou")
    source.template_id = "custom"
    source.section("problems").dimensions[2].short_name = "政治忠诚"
    names = suggested_names(source, "2025-niandu-wugedaitou")
    assert names["政治忠诚"] == "政治忠诚"
    assert names["两个确立"] == KEEP


def test_an_old_other_goes_into_other_and_an_empty_one_there_adds_nothing():
    template = get_template("2025-niandu-wugedaitou")
    old = [
        Dimension(heading="其他方面", short_name="其他"),
        Dimension(heading="杂项", short_name="杂"),
    ]
    source = Material(template_id="custom", sections=[Section(kind="problems", dimensions=old)])
    assert suggested_names(source, template.id) == {"其他": OTHER, "杂": KEEP}
    copy = apply_mapping(old, template, [OTHER, OTHER])
    assert [d.short_name for d in copy] == [d.short_name for d in template.dimensions]


# ----- applying a mapping ----------------------------------------------------------------------


def test_several_old_dimensions_into_one_keep_and_other_land_in_order():
    template = get_template("2024-niandu-sigedaitou")
    old = [
        Dimension(short_name=name, heading=name, intro=[f"{name}导语"], points=[Point(title=name)])
        for name in ("甲", "乙", "丙", "丁", "戊")
    ]
    dims = apply_mapping(old, template, [1, KEEP, 1, OTHER, OTHER])
    assert [d.short_name for d in dims] == [
        "政治纪律",
        "党性作风",
        "担责创新",
        "从严治党",
        "乙",
        "其他",
    ]
    assert [p.title for p in dims[1].points] == ["甲", "丙"]
    assert dims[1].intro == ["甲导语", "丙导语"]
    assert dims[1].heading == "带头增强党性、严守纪律、砥砺作风"
    assert [p.title for p in dims[5].points] == ["丁", "戊"]
    # The catch-all reads 在其他方面： in a framework that writes 在“…”方面：
    assert (dims[5].heading_prefix, dims[5].heading, dims[5].heading_suffix) == (
        "在",
        "其他",
        "方面：",
    )


@pytest.mark.parametrize("mapping", [[0, 1], [9], ["drop"]])
def test_a_bad_mapping_is_refused_in_chinese(mapping):
    old = [Dimension(short_name="甲", points=[Point(title="甲")])]
    with pytest.raises(InputError) as caught:
        apply_mapping(old, get_template("2025-niandu-wugedaitou"), mapping)
    assert caught.value.zh


texts = st.text(alphabet="学习党性作风问题不足，。", min_size=1, max_size=8)
old_dimensions = st.lists(
    st.builds(
        lambda name, titles: Dimension(
            short_name=name, heading=name, points=[Point(title=t, body=t * 2) for t in titles]
        ),
        texts,
        st.lists(texts, max_size=4),
    ),
    max_size=6,
)
TEMPLATES = ("2025-niandu-wugedaitou", "2024-niandu-sigedaitou", "custom")


@settings(max_examples=120, deadline=None)
@given(old=old_dimensions, template_id=st.sampled_from(TEMPLATES), data=st.data())
def test_any_mapping_keeps_every_points_text_and_order(old, template_id, data):
    template = get_template(template_id)
    choices = [*range(len(template.dimensions)), KEEP, OTHER]
    mapping = data.draw(st.lists(st.sampled_from(choices), min_size=len(old), max_size=len(old)))
    for index, dim in enumerate(old):
        for number, point in enumerate(dim.points):
            point.id = index * 100 + number
    dims = apply_mapping(old, template, mapping)

    def texts_of(dimensions):
        return Counter((p.title, p.body) for d in dimensions for p in d.points)

    assert texts_of(dims) == texts_of(old)
    # Points keep their ids, and their old order inside whichever dimension they landed in.
    for dim in dims:
        ids = [p.id for p in dim.points]
        assert ids == sorted(ids)
    assert [d.short_name for d in dims[: len(template.dimensions)]] == [
        d.short_name for d in template.dimensions
    ]


# ----- through the library ---------------------------------------------------------------------


def test_the_library_stores_the_draft_with_the_users_mapping_and_links(lib, seed_path):
    seed, _report = import_text_file(seed_path)
    seed_id = lib.create_material(seed)
    stored_seed = lib.get_material(seed_id)
    first_point = stored_seed.section("problems").dimensions[0].points[0]
    measure = stored_seed.section("measures").all_points()[0]
    lib.link_points(first_point.id, measure.id)
    before = material_to_dict(lib.get_material(seed_id))
    mapping = [0, 3, KEEP, 0, OTHER]
    draft = lib.get_material(
        lib.duplicate_material(seed_id, template_id="2025-niandu-wugedaitou", mapping=mapping)
    )
    dims = draft.section("problems").dimensions
    seed_dims = stored_seed.section("problems").dimensions
    assert [d.short_name for d in dims] == [
        "政治忠诚",
        "固本培元",
        "三个敬畏",
        "担当作为",
        "管党治党",
        "人民中心",
        "其他",
    ]
    titles = [[p.title for p in d.points] for d in dims]
    assert titles[0] == [p.title for p in seed_dims[0].points + seed_dims[3].points]
    assert titles[5] == [p.title for p in seed_dims[2].points]
    assert titles[6] == [p.title for p in seed_dims[4].points]
    assert titles[1] == titles[2] == titles[4] == []
    # The link from the first point to its measure travels with the point.
    moved = dims[0].points[0]
    assert [lib_point.title for lib_point in draft.all_points() if lib_point.id in moved.links] == [
        measure.title
    ]
    assert material_to_dict(lib.get_material(seed_id)) == before  # the source is untouched
