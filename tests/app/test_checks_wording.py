"""Placeholders, official formulations (提法, sessions by year, dimension headings) and typos."""

from __future__ import annotations

import pytest

from app.checks import run_checks
from app.checks.wordlists import WordList, WrongWord
from app.templates import get_template
from tests.app.checks_helpers import BODY, findings_in, material_with


def rules(body: str, prefix: str = "", **kw) -> list[tuple[str, str, str | None]]:
    return [
        (f.rule, f.excerpt, f.fix) for f in findings_in(material_with(body, **kw), BODY, prefix)
    ]


@pytest.mark.parametrize(
    "text, excerpt",
    [
        ("XX局报送的材料。", "XX"),
        ("xx乡的经验。", "xx"),
        ("××同志的发言。", "××"),
        ("某某项目没有开工。", "某某"),
        ("202X年完成。", "X"),
        ("X年X月召开。", "X"),
        ("**镇的做法。", "**"),
        ("按照〔*〕号文件。", "〔*〕"),
    ],
)
def test_placeholders(text, excerpt):
    found = rules(text, "placeholder.")
    assert found and found[0][:2] == ("placeholder.mask", excerpt)


def test_bracket_prompt_and_pinyin_standins():
    assert rules("按照【填写单位】要求，开好mzshh，学好dangshi。", "placeholder.") == [
        ("placeholder.bracket", "【填写单位】", None),
        ("placeholder.pinyin", "mzshh", "民主生活会"),
        ("placeholder.pinyin", "dangshi", "党史"),
    ]


def test_unknown_lowercase_latin_inside_chinese_is_a_warning_but_known_words_are_not():
    material = material_with("按照gbqz安排，用app和WPS办公，二〇〇八年以来。")
    found = findings_in(material, BODY, "placeholder.")
    assert [(f.rule, f.excerpt, f.severity) for f in found] == [
        ("placeholder.latin", "gbqz", "warning")
    ]


def test_another_organization_name_is_flagged_but_ours_and_generic_ones_are_not():
    body = "县政府党组研究部署，政府党组成员带头，督促各乡镇党委落实，市财政局党组交办的任务。"
    assert rules(body, "placeholder.") == [("placeholder.other_org", "市财政局党组", None)]


def test_formulation_misspellings_from_the_data_list():
    assert rules("做到两个拥护，落实中央八条规定精神，坚定四个自信。", "formulation.term") == [
        ("formulation.term", "两个拥护", "两个维护"),
        ("formulation.term", "中央八条规定精神", "中央八项规定精神"),
    ]


def test_session_later_than_the_material_year_is_an_error():
    found = findings_in(
        material_with("学习贯彻党的二十大精神和二十届三中全会精神。", year=2022), BODY
    )
    assert [(f.excerpt, f.severity) for f in found] == [("二十届三中全会", "error")]
    # a 2021 material cannot cite 二十大 (held 2022-10) either
    found = findings_in(material_with("学习贯彻党的二十大精神。", year=2021), BODY)
    assert [(f.excerpt, f.severity) for f in found] == [("二十大", "error")]


def test_outdated_congress_is_a_warning_but_shibada_yilai_is_a_fixed_phrase():
    found = findings_in(
        material_with("学习党的十九大精神，党的十八大以来成绩显著。", year=2023), BODY
    )
    assert [(f.rule, f.excerpt, f.severity) for f in found] == [
        ("formulation.session", "十九大", "warning")
    ]
    assert findings_in(material_with("学习党的十九大精神。", year=2021), BODY) == []


def test_plenums_of_the_previous_term_are_outdated_once_the_next_congress_has_met():
    body = "学习贯彻党的十九届五中全会精神、十九届六中全会精神和党的十九届历次全会精神。"
    found = findings_in(material_with(body, year=2025), BODY)
    assert [(f.rule, f.excerpt, f.severity) for f in found] == [
        ("formulation.session", "十九届五中全会", "warning"),
        ("formulation.session", "十九届六中全会", "warning"),
        ("formulation.session", "十九届历次全会", "warning"),
    ]
    assert "二十大" in found[0].message
    assert [f.excerpt for f in findings_in(material_with(body, year=2023), BODY)] == [
        "十九届五中全会",
        "十九届六中全会",
        "十九届历次全会",
    ]
    # While the 十九届 term ran (its last plenum 2022-10), its plenums were the year's study.
    for year in (2021, 2022):
        assert findings_in(material_with(body, year=year), BODY) == []
    # The current term's plenums are fine; a plenum after the material's meeting is an error.
    assert findings_in(material_with("学习二十届三中全会精神。", year=2025), BODY) == []
    found = findings_in(material_with("学习贯彻十九届六中全会精神。", year=2020), BODY)
    assert [(f.excerpt, f.severity) for f in found] == [("十九届六中全会", "error")]


def test_no_year_means_no_session_check():
    assert findings_in(material_with("学习贯彻党的二十大精神。", year=None), BODY) == []


def test_dimension_heading_near_miss_against_the_template():
    template = get_template("2021-dangshi-wugedaitou")
    official = template.dimensions[2].heading
    dropped = official.replace("有效保障", "保障")
    material = material_with("学习不够。", heading=dropped, template_id=template.id)
    [f] = [f for f in run_checks(material) if f.rule == "formulation.dimension_heading"]
    assert (f.path, f.severity) == ("problems/dimensions/0/heading", "warning")
    assert "有效" in f.message and f.fix.endswith("有效")
    swapped = official.replace("获得感幸福感", "幸福感获得感")
    material = material_with("学习不够。", heading=swapped, template_id=template.id)
    assert [f.rule for f in run_checks(material) if f.rule == "formulation.dimension_heading"]


def test_official_heading_with_ascii_quotes_and_pinyin_is_not_a_near_miss():
    template = get_template("2021-dangshi-wugedaitou")
    heading = (
        template.dimensions[0]
        .heading.replace("“", "'")
        .replace("”", "'")
        .replace("党史", "dangshi")
    )
    material = material_with("学习不够。", heading=heading, template_id=template.id)
    assert not [f for f in run_checks(material) if f.rule == "formulation.dimension_heading"]


def test_own_wording_far_from_the_official_one_is_not_reported():
    material = material_with(
        "学习不够。", heading="理论学习方面", template_id="2021-dangshi-wugedaitou"
    )
    assert not [f for f in run_checks(material) if f.rule == "formulation.dimension_heading"]


def test_typos_with_and_without_context():
    assert rules("工作再接再励，按步就班推进。", "typo") == [
        ("typo", "再接再励", "再接再厉"),
        ("typo", "按步就班", "按部就班"),
    ]
    # 工资投资 is a typo only where investment in projects is the topic
    assert rules("重大项目较少，工资投资支撑乏力。", "typo") == [("typo", "工资投资", "工业投资")]
    assert rules("职工工资投资理财的问题。", "typo") == []


def test_wordlist_prefers_the_longest_literal_and_supports_patterns():
    words = WordList(
        [
            WrongWord("越来越", wrong="越来愈"),
            WrongWord("越来越多", wrong="越来愈多"),
            WrongWord("走好新的赶考之路", pattern="走好[^新的]的赶考之路"),
        ]
    )
    text = "越来愈多，走好行的赶考之路，走好新的赶考之路"
    assert [(text[s:e], w.right) for s, e, w in words.matches(text)] == [
        ("越来愈多", "越来越多"),
        ("走好行的赶考之路", "走好新的赶考之路"),
    ]


def test_user_extends_the_typo_list_with_their_own_file():
    from app.checks.data import user_data_path

    material = material_with("坚持以人名为本。", example="2021年学习3次。")
    assert not [f for f in run_checks(material) if f.rule == "typo"]
    path = user_data_path("typos")  # under the test's own config dir (conftest)
    path.parent.mkdir(parents=True)
    path.write_text('[[typo]]\nwrong = "以人名为本"\nright = "以人民为本"\n', encoding="utf-8")
    [f] = [f for f in run_checks(material) if f.rule == "typo"]
    assert (f.excerpt, f.fix) == ("以人名为本", "以人民为本")
    # the bundled list still applies alongside the user's entries
    assert [f.fix for f in findings_in(material_with("再接再励。"), BODY, "typo")] == ["再接再厉"]


def test_broken_user_file_is_a_clear_input_error():
    from app.checks.data import user_data_path
    from app.errors import InputError

    path = user_data_path("typos")
    path.parent.mkdir(parents=True)
    path.write_text("[[typo]\nwrong = ", encoding="utf-8")
    with pytest.raises(InputError) as info:
        run_checks(material_with("学习。"))
    assert "typos.toml" in info.value.zh


@pytest.mark.parametrize(
    "entry", ['[[typo]]\npattern = "走好(的"\nright = "x"\n', '[[typo]]\nwrong = "以人名"\n']
)
def test_bad_user_entries_are_input_errors(entry):
    from app.checks.data import user_data_path
    from app.errors import InputError

    path = user_data_path("typos")
    path.parent.mkdir(parents=True)
    path.write_text(entry, encoding="utf-8")
    with pytest.raises(InputError):
        run_checks(material_with("学习。"))


def test_heading_without_daitou_or_with_fangmian_is_the_units_own_style():
    template = get_template("2021-dangshi-wugedaitou")
    official = template.dimensions[3].heading
    for heading in (official.removeprefix("带头"), official + "方面", "在" + official):
        material = material_with("学习不够。", heading=heading, template_id=template.id)
        assert not [f for f in run_checks(material) if f.rule == "formulation.dimension_heading"], (
            heading
        )


def test_abbreviated_own_name_is_not_another_organization():
    material = material_with(
        "县政府党组和县委办公室党支部研究，严格执行党委决定。", organization="XX县人民政府党组"
    )
    assert [f.excerpt for f in findings_in(material, BODY, "placeholder.other_org")] == [
        "县委办公室党支部"
    ]
    material = material_with("市政府党组部署的任务。", organization="县人民政府党组")
    assert [f.excerpt for f in findings_in(material, BODY, "placeholder.other_org")] == [
        "市政府党组"
    ]
