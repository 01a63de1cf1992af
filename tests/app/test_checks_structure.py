"""Structure, repetition and 见人见事 rules."""

from __future__ import annotations

from app.checks import CheckOptions, concreteness_scores, run_checks
from app.checks.repetition import is_stock_sentence
from app.model import Dimension, Point
from app.templates import get_template, material_from_template
from tests.app.checks_helpers import at, data_material, material_with


def test_missing_and_empty_sections():
    material = material_with("学习不够。", example="2021年学习了3次。")
    material.sections.pop(1)  # no causes
    material.sections[1].points.clear()  # measures left empty
    found = run_checks(material)
    [missing] = at(found, "structure.section_missing")
    assert "问题根源剖析" in missing.message and missing.path == "title"
    [empty] = at(found, "structure.section_empty", "measures/heading")
    assert empty.excerpt == "努力方向和整改措施"


def test_template_dimensions_present_and_filled():
    template = get_template("2025-niandu-wugedaitou")
    material = material_from_template(template, organization="县政府党组")
    problems = material.sections[0]
    del problems.dimensions[2]  # 三个敬畏 removed
    problems.dimensions[0].points = [
        Point("学习不够", "学习不深。", "2025年学习3次。"),
        Point("落实不够", "落实不力。", "6月推迟10天。"),
    ]
    found = run_checks(material)
    [missing] = at(found, "structure.dimension_missing")
    assert "三个敬畏" in missing.message
    empty = at(found, "structure.dimension_empty")
    assert [f.path for f in empty] == [f"problems/dimensions/{i}/heading" for i in (1, 2, 3)]


def test_point_count_outside_the_template_range_is_a_hint():
    material = data_material("clean-2025.json")
    dim = material.sections[0].dimensions[0]
    assert at(run_checks(material), "structure.point_count") == []
    dim.points = dim.points * 4  # the 2025 template gives no range: the default 1–6 applies
    [f] = at(run_checks(material), "structure.point_count")
    assert (
        f.path == "problems/dimensions/0/heading" and f.severity == "hint" and "8 条" in f.message
    )


def test_problem_point_without_example_unless_switched_off():
    material = material_with("学习不深，效果不好。")
    [f] = at(run_checks(material), "structure.no_example")
    assert f.path == "problems/dimensions/0/points/0/title" and f.excerpt == "学习不够系统"
    assert (
        at(
            run_checks(material, options=CheckOptions(require_examples=False)),
            "structure.no_example",
        )
        == []
    )


def test_dimension_not_answered_by_any_measure_unless_linked():
    material = data_material("clean-2025.json")
    measures = material.sections[2]
    del measures.points[2]  # the measure about 敬畏人民/群众 goes
    for p in measures.points:  # and no other measure mentions its key words
        p.body = p.body.replace("群众", "").replace("敬畏", "")
        p.title = p.title.replace("敬畏", "")
    found = at(run_checks(material), "structure.unanswered")
    assert [f.path for f in found] == ["problems/dimensions/2/heading"]
    # a link from one of its points to a measure answers it
    measures.points[0].id = 501
    material.sections[0].dimensions[2].points[0].links = [501]
    assert at(run_checks(material), "structure.unanswered") == []


def test_causes_thinner_than_a_fifth_of_the_problems():
    material = data_material("clean-2025.json")
    causes = material.sections[1]
    causes.points = causes.points[:1]
    found = run_checks(material)
    [thin] = at(found, "structure.causes_thin", "causes/heading")
    assert thin.severity == "warning"
    assert at(found, "structure.word_count", "causes/heading")


def test_same_sentence_twice():
    sentence = "对群众急难愁盼的问题了解不全面，解决办法不多。"
    material = material_with(sentence, example="2021年调研3次。" + sentence)
    [f] = at(run_checks(material), "structure.duplicate_sentence")
    assert f.path == "problems/dimensions/0/points/0/example" and f.excerpt == sentence
    assert "problems/dimensions/0/points/0/body" in f.message


def test_short_repeated_phrases_are_not_duplicates():
    material = material_with("学习不够深入。", example="2021年学习3次，学习不够深入。")
    assert at(run_checks(material), "structure.duplicate_sentence") == []


def test_stock_sentences():
    assert is_stock_sentence("高度重视，精心准备，认真组织。")
    assert is_stock_sentence("真抓实干，久久为功。")
    assert not is_stock_sentence("年底前完成62个老旧小区改造，真抓实干。")
    assert not is_stock_sentence("高度重视。")  # one phrase alone is not a pattern


def test_stock_phrase_density_hint_only_when_the_section_is_mostly_stock():
    material = data_material("clean-2025.json")
    assert at(run_checks(material), "style.stock_phrases") == []
    measures = material.sections[2]
    measures.points[0].body += "高度重视，精心准备。真抓实干，久久为功。守正创新，踔厉奋发。"
    measures.points[1].body += "扎实推进，狠抓落实。凝心聚力，攻坚克难。"
    # 5 stock sentences among 18 (28 %) stay under the 34 % share
    assert at(run_checks(material), "style.stock_phrases") == []
    measures.points[2].body += "提高站位，压实责任。开拓进取，奋发有为。锐意进取，埋头苦干。"
    found = at(run_checks(material), "style.stock_phrases")
    assert len(found) == 8 and {f.severity for f in found} == {"hint"}
    assert {f.path for f in found} == {f"measures/points/{i}/body" for i in range(3)}


def test_concreteness_scores_and_hint_on_vague_examples():
    material = material_with("学习不够。", example="能够按照要求开展工作，但在前瞻性上还存在差距。")
    [score] = concreteness_scores(material)
    assert score.score == 0 and score.path == "problems/dimensions/0/points/0"
    [f] = at(run_checks(material), "concreteness.vague")
    assert f.path == "problems/dimensions/0/points/0/example"
    concrete = material_with(
        "学习不够。", example="2025年3月县住建局3个项目停工，青石镇群众投诉43件。"
    )
    [score] = concreteness_scores(concrete)
    assert score.score == 75 and set(score.features) == {"date", "number", "unit"}
    assert at(run_checks(concrete), "concreteness.vague") == []


def test_generic_words_are_not_named_units():
    material = material_with("学习不够。", example="深入乡村调研少，导致被动局面，没有把握大局。")
    assert concreteness_scores(material)[0].features == ()


def test_custom_material_without_template_still_checks_structure():
    material = material_with("学习不够。", example="2021年学习3次。")
    material.sections[0].dimensions.append(Dimension("带头担当作为", "担当作为", "在“", "”方面："))
    assert at(run_checks(material), "structure.dimension_empty", "problems/dimensions/1/heading")


def test_each_missing_dimension_and_section_is_its_own_finding():
    # Two of five 2025 dimensions written, no causes and no measures: every missing part is
    # listed (they share a path and range, so they must not collapse into one).
    template = get_template("2025-niandu-wugedaitou")
    material = material_from_template(template, organization="县政府党组")
    problems = material.sections[0]
    problems.dimensions = problems.dimensions[:2]
    for dim in problems.dimensions:
        dim.points = [Point("学习不够", "学习不深。", "2025年学习3次。")]
    material.sections = [problems]
    found = run_checks(material)
    missing = at(found, "structure.dimension_missing")
    assert sorted(m.message.split("”")[0][3:] for m in missing) == sorted(
        ["三个敬畏", "担当作为", "管党治党"]
    )
    assert len(at(found, "structure.section_missing")) == 2
    # Ignoring one missing dimension leaves the others reported.
    rest = at(run_checks(material, ignored=[missing[0].key]), "structure.dimension_missing")
    assert len(rest) == 2 and missing[0].message not in [m.message for m in rest]
