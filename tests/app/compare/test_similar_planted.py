"""查重 acceptance with constructed materials: a planted copied clause is found with its exact
spans on both sides; a reworded one is not; punctuation, numbering and width do not hide a
copy; a material compared with a copy of itself is 100 %; problems repeated from last year get
their own finding."""

from __future__ import annotations

import difflib

from similar_samples import COPIED, OWN_TEXT, REWORDED, material

from app.compare.similar import find_similar


def first_point(lib, material_id):
    return lib.get_material(material_id).sections[0].dimensions[0].points[0]


def test_a_planted_copied_clause_is_found_with_its_exact_spans(lib):
    old_body = f"{OWN_TEXT[0]}，{COPIED}，{OWN_TEXT[1]}。"
    old = lib.create_material(material([("作风不够扎实", old_body)], year=2021))
    new_body = f"{OWN_TEXT[2]}；{COPIED}。{OWN_TEXT[3]}。"
    new = lib.create_material(material([("督办落实不够", new_body)], year=2022))

    report = find_similar(lib, new)

    (match,) = report.matches
    start = new_body.index(COPIED)
    assert (match.span.node_id, match.span.field) == (first_point(lib, new).id, "body")
    assert (match.span.start, match.span.end, match.span.text) == (
        start,
        start + len(COPIED),
        COPIED,
    )
    assert match.span.path == "problems/dimensions/0/points/0/body"
    assert match.source.material_id == old and match.source.relation == "earlier"
    old_start = old_body.index(COPIED)
    assert (match.source_span.node_id, match.source_span.field) == (
        first_point(lib, old).id,
        "body",
    )
    assert (match.source_span.start, match.source_span.end) == (
        old_start,
        old_start + len(COPIED),
    )
    assert match.passage_chars == len(COPIED)
    point_chars = len("督办落实不够") + len("".join(c for c in new_body if c not in "，；。"))
    assert match.unit_share == len(COPIED) / point_chars
    assert report.shared_chars == len(COPIED)


def test_a_clause_one_character_short_of_the_minimum_is_not_a_match(lib):
    lib.create_material(material([("甲", f"{OWN_TEXT[0]}，{COPIED}。")], year=2021))
    new = lib.create_material(material([("乙", f"{OWN_TEXT[4]}，{COPIED}。")]))
    assert find_similar(lib, new, min_chars=len(COPIED)).matches
    assert find_similar(lib, new, min_chars=len(COPIED) + 1).matches == []


def test_a_reworded_clause_is_not_a_match(lib):
    shared = difflib.SequenceMatcher(None, COPIED, REWORDED).find_longest_match()
    assert shared.size < 4  # premise: the same meaning in other words
    lib.create_material(material([("作风", f"{OWN_TEXT[0]}，{COPIED}。")], year=2021))
    new = lib.create_material(material([("作风", f"{OWN_TEXT[5]}，{REWORDED}。")]))

    report = find_similar(lib, new)

    assert report.matches == [] and report.shared_chars == 0


def test_punctuation_numbering_and_width_do_not_hide_a_copy(lib):
    source = (
        "一是理论学习不够深入，对习近平新时代中国特色社会主义思想学得不深不透，"
        "2021年以来集中学习12次。"
    )
    lib.create_material(material([("理论武装", source)], year=2021))
    copy = (
        "（一）理论学习不够深入;对习近平新时代中国特色社会主义思想 学得不深不透."
        "２０２１年以来集中学习１２次"
    )
    new = lib.create_material(material([("学用脱节", copy)]))

    report = find_similar(lib, new)

    (match,) = report.matches
    assert match.span.start == copy.index("理论")
    assert match.span.end == len(copy)
    assert match.span.text == copy[copy.index("理论") :]
    assert match.source_span.start == source.index("理论")
    assert match.source_span.end == len(source) - 1  # up to 次, the last 。 is not text


def test_a_material_compared_with_a_copy_of_itself_is_all_shared(lib):
    points = [(f"问题{n}", f"{OWN_TEXT[n]}，{OWN_TEXT[n + 1]}。") for n in range(4)]
    original = lib.create_material(material(points, year=2021))
    copy = lib.duplicate_material(original, year=2022)

    report = find_similar(lib, copy)

    assert report.share == 1.0
    assert [s.share for s in report.sections] == [1.0, 0.0]  # measures: no text
    assert report.sections[1].chars == 0
    assert {m.source.material_id for m in report.matches} == {original}


def test_a_problem_repeated_from_last_year_is_its_own_finding(lib):
    old = lib.create_material(
        material(
            [("督办不力", f"{COPIED}，{OWN_TEXT[0]}。"), ("活动偏少", OWN_TEXT[1])],
            measures=[("建立督办台账", OWN_TEXT[6])],
            year=2021,
        )
    )
    old_material = lib.get_material(old)
    problem = old_material.sections[0].dimensions[0].points[0]
    measure = old_material.sections[1].points[0]
    lib.link_points(problem.id, measure.id)
    new = lib.create_material(
        material([("督办不力", f"{COPIED}，{OWN_TEXT[0]}。"), ("新的问题", OWN_TEXT[7])], year=2022)
    )

    report = find_similar(lib, new)

    (repeated,) = report.repeated
    assert repeated.point_id == first_point(lib, new).id
    assert repeated.share == 1.0
    assert repeated.source.material_id == old and repeated.last_point_id == problem.id
    assert repeated.measure_ids == [measure.id]
    assert repeated.rectification == "not_done"  # last year's measure is still 未开始

    lib.update_node(measure.id, status="done")  # marked 已完成 in last year's 整改清单
    assert find_similar(lib, new).repeated[0].rectification == "done"


def test_only_earlier_materials_of_the_same_unit_and_same_year_ones_are_compared_by_default(lib):
    body = f"{OWN_TEXT[0]}，{COPIED}。"
    other_unit_earlier = lib.create_material(material([("甲", body)], organization="乙", year=2020))
    same_year_colleague = lib.create_material(material([("甲", body)], organization="丙"))
    later_same_unit = lib.create_material(material([("甲", body)], year=2023))
    new = lib.create_material(material([("乙", f"{OWN_TEXT[3]}，{COPIED}。")]))

    related = {m.source.material_id for m in find_similar(lib, new).matches}
    everything = {m.source.material_id for m in find_similar(lib, new, scope="library").matches}

    assert related == {same_year_colleague}
    assert everything == {other_unit_earlier, same_year_colleague, later_same_unit}


def test_the_author_links_materials_of_different_units(lib):
    body = f"{OWN_TEXT[0]}，{COPIED}。"
    old = lib.create_material(
        material([("甲", body)], organization="旧单位", author="张三", year=2020)
    )
    new = lib.create_material(material([("乙", body)], organization="新单位", author="张三"))
    (match,) = find_similar(lib, new).matches
    assert match.source.material_id == old and match.source.relation == "earlier"
