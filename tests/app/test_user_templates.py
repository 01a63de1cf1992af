"""The user's own templates: saved in the config folder, listed and used wherever templates are
(new material, the importer's suggestion, the next year's draft), exported and imported as TOML
without loss; a broken or shadowing file in the folder is skipped, never fatal."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import InputError
from app.importers.text import import_text
from app.notice import framework_from_notice
from app.templates import (
    Template,
    get_template,
    load_templates,
    material_from_template,
    parse_template_text,
    user_templates_dir,
)
from app.user_templates import (
    DimensionDraft,
    TemplateExistsError,
    export_template,
    import_template_file,
    install_template,
    remove_user_template,
    template_from_notice,
    template_to_toml,
)

NOTICES = Path(__file__).resolve().parents[1] / "data" / "notices"


def notice_template(name: str = "2026年度民主生活会（本单位）", **changes) -> Template:
    framework = framework_from_notice(
        (NOTICES / "fictional-2026-notice.txt").read_text(encoding="utf-8")
    )
    rows = [DimensionDraft(i.heading, i.short_name) for i in framework.items]
    return template_from_notice(
        framework, name=name, dimensions=changes.pop("dimensions", rows), year=2026, **changes
    )


def test_a_saved_template_is_listed_and_makes_materials_with_its_dimensions():
    template = notice_template()
    path = install_template(template)
    assert path.parent == user_templates_dir() and path.name == "user-2026.toml"
    listed = {t.id: t for t in load_templates()}
    assert listed["user-2026"].user and not listed["2025-niandu-wugedaitou"].user
    assert load_templates()[-1].id == "custom"
    material = material_from_template(get_template("user-2026"), organization="某局党组")
    problems = material.sections[0]
    assert [d.short_name for d in problems.dimensions] == ["理论武装", "履职本领", "联系群众"]
    assert problems.dimensions[0].heading == "深化理论武装、坚定理想信念"
    assert material.title == "某局党组2026年度民主生活会对照检查材料"
    assert (material.year, material.meeting) == (2026, "2026年度民主生活会")


def test_a_second_template_of_the_same_year_gets_its_own_id():
    install_template(notice_template())
    second = notice_template("另一份")
    assert second.id == "user-2026-2"
    install_template(second)
    assert {"user-2026", "user-2026-2"} <= {t.id for t in load_templates()}


def test_the_importer_suggests_the_users_template_for_a_material_written_to_it():
    install_template(notice_template())
    text = (
        "某局党组2026年度民主生活会对照检查材料\n\n"
        "一、存在的主要问题\n"
        "（一）在深化理论武装、坚定理想信念方面\n一是学习不够系统。平时以干代学。\n"
        "（二）在提升履职本领、推动改革发展方面\n一是本领不足。遇到新问题办法不多。\n"
        "（三）在密切联系群众、纠治“四风”方面\n一是调研不深。下基层次数少。\n"
        "二、问题根源剖析\n一是理想信念有所松懈。\n"
        "三、努力方向和整改措施\n一是加强学习。\n"
    )
    material, report = import_text(text)
    assert report.template_id == "user-2026"
    problems = material.sections[0]
    assert [d.short_name for d in problems.dimensions] == ["理论武装", "履职本领", "联系群众"]


def test_the_next_years_draft_can_target_the_users_template(tmp_path):
    from app.library import Library

    install_template(notice_template())
    library = Library.open(tmp_path / "library.db")
    try:
        old = library.create_from_template("2025-niandu-wugedaitou", organization="某局党组")
        new = library.duplicate_material(old, template_id="user-2026")
        copy = library.get_material(new)
    finally:
        library.close()
    assert copy.template_id == "user-2026" and copy.year == 2026
    assert [d.short_name for d in copy.sections[0].dimensions][:3] == [
        "理论武装",
        "履职本领",
        "联系群众",
    ]


def test_a_bundled_id_is_refused_and_nothing_is_written():
    bundled = get_template("2025-niandu-wugedaitou")
    with pytest.raises(InputError, match="内置模板"):
        install_template(bundled)
    assert not user_templates_dir().exists() or not list(user_templates_dir().iterdir())


def test_the_users_own_id_is_replaced_only_when_asked():
    install_template(notice_template())
    renamed = notice_template("改过的名称", template_id="user-2026")
    with pytest.raises(TemplateExistsError):
        install_template(renamed)
    assert get_template("user-2026").name == "2026年度民主生活会（本单位）"
    install_template(renamed, replace=True)
    assert get_template("user-2026").name == "改过的名称"


def test_a_shadowing_or_broken_file_in_the_folder_is_skipped_with_a_warning(caplog):
    folder = user_templates_dir()
    folder.mkdir(parents=True)
    bundled = folder / "2025-niandu-wugedaitou.toml"
    bundled.write_text(
        template_to_toml(get_template("2025-niandu-wugedaitou")).replace(
            "带头强化政治忠诚", "被改过的表述"
        ),
        encoding="utf-8",
    )
    (folder / "broken.toml").write_text('id = "broken\nname = 1', encoding="utf-8")
    (folder / "wrong-types.toml").write_text('id = "wrong-types"\nname = 5\n', encoding="utf-8")
    (folder / "not-utf8.toml").write_bytes('id = "x"'.encode("utf-16"))
    install_template(notice_template())
    with caplog.at_level(logging.WARNING, logger="duizhao.templates"):
        templates = load_templates()
    ids = [t.id for t in templates]
    assert "user-2026" in ids and "broken" not in ids and "wrong-types" not in ids
    assert ids.count("2025-niandu-wugedaitou") == 1
    assert get_template("2025-niandu-wugedaitou").dimensions[0].heading.startswith("带头强化")
    logged = caplog.text
    for name in ("2025-niandu-wugedaitou.toml", "broken.toml", "wrong-types.toml", "not-utf8"):
        assert name in logged


def test_export_then_import_gives_the_same_template(tmp_path):
    template = notice_template()
    install_template(template)
    exported = export_template(get_template("user-2026"), tmp_path / "mine.toml")
    remove_user_template("user-2026")
    assert "user-2026" not in {t.id for t in load_templates()}
    imported = import_template_file(exported)
    assert imported == template


def test_a_bundled_template_exports_to_the_same_template():
    for template in load_templates():
        assert parse_template_text(template_to_toml(template)) == template


_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
).filter(lambda s: s.strip())


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_text, heading=_text, short=_text, meeting=st.text(max_size=40))
def test_any_wording_survives_the_toml_round_trip(name, heading, short, meeting):
    # Quotes, backslashes, newlines, control characters, “”, {organization} braces…
    framework = framework_from_notice(
        (NOTICES / "fictional-2026-notice.txt").read_text(encoding="utf-8")
    )
    template = template_from_notice(
        framework,
        name=name,
        dimensions=[DimensionDraft(heading, short), DimensionDraft("第二项", "二")],
        meeting=meeting,
        year=2026,
        template_id="user-x",
    )
    assert parse_template_text(template_to_toml(template)) == template
    made = material_from_template(template, organization="某局")
    assert made.title == f"某局{meeting.strip()}对照检查材料"


@pytest.mark.parametrize(
    "rows, message",
    [
        ([], "至少"),
        ([DimensionDraft("带头学习", "")], "缺少"),
        ([DimensionDraft("带头学习", "学习"), DimensionDraft("带头干事", "学习")], "重复"),
    ],
)
def test_a_template_needs_named_distinct_dimensions(rows, message):
    with pytest.raises(InputError, match=message):
        notice_template(dimensions=rows)


def test_import_refuses_what_is_not_a_template(tmp_path):
    not_toml = tmp_path / "a.txt"
    not_toml.write_text("x", encoding="utf-8")
    bad_id = tmp_path / "b.toml"
    bad_id.write_text(
        template_to_toml(notice_template()).replace('id = "user-2026"', 'id = "../evil"'),
        encoding="utf-8",
    )
    pattern = tmp_path / "c.toml"
    pattern.write_text(
        template_to_toml(notice_template()).replace("{organization}", "{0}"), encoding="utf-8"
    )
    for path in (not_toml, bad_id, pattern, tmp_path / "missing.toml"):
        with pytest.raises(InputError):
            import_template_file(path)
    assert not user_templates_dir().exists()
