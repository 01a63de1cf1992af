"""Plain-text / Markdown export, and atomic writing of export files."""

from __future__ import annotations

import os
import stat

import pytest

from app.errors import InputError
from app.exporters import files
from app.exporters.files import write_bytes_atomic, write_text_atomic
from app.exporters.text import export_md, export_txt
from app.model import Dimension, Material, Point, Section


def small_material() -> Material:
    """Two dimensions (one with an intro and a body break), causes and measures."""
    problems = Section(
        kind="problems",
        heading="存在的主要问题",
        dimensions=[
            Dimension(
                heading="带头强化政治忠诚",
                heading_prefix="在“",
                heading_suffix="”方面：",
                points=[
                    Point(
                        title="学习不够系统", body="平时以干代学。", example="在疫情期间学得少。"
                    ),
                    Point(
                        title="学用脱节！",
                        body="联系实际不紧。",
                        example="会上讲得多。",
                        example_lead="例如",
                        example_sep="：",
                    ),
                ],
            ),
            Dimension(
                heading="带头担当作为",
                heading_prefix="关于",
                heading_suffix="方面，",
                intro=["主要是担当不够。"],
                points=[Point(title="创新不足", body="凭老经验办事。\n有时等靠要。")],
            ),
        ],
    )
    causes = Section(
        kind="causes",
        heading="问题根源剖析",
        points=[
            Point(title="学习主动性不强", body="事务多。"),
            Point(title="宗旨意识弱化", body="联系群众少。"),
        ],
    )
    measures = Section(
        kind="measures",
        heading="努力方向和整改措施",
        points=[Point(title="坚定政治信仰，做到对党忠诚", body="带头学。")],
    )
    return Material(
        title="某局党组对照检查材料",
        preamble=["按照要求，现将情况报告如下："],
        sections=[problems, causes, measures],
    )


RUN_IN_TXT = """某局党组对照检查材料

按照要求，现将情况报告如下：

一、存在的主要问题

（一）在“带头强化政治忠诚”方面：一是学习不够系统。平时以干代学。比如，在疫情期间学得少。\
二是学用脱节！联系实际不紧。例如：会上讲得多。

（二）关于带头担当作为方面，主要是担当不够。一是创新不足。凭老经验办事。

有时等靠要。

二、问题根源剖析

一是学习主动性不强。事务多。

二是宗旨意识弱化。联系群众少。

三、努力方向和整改措施

一是坚定政治信仰，做到对党忠诚。带头学。
"""


def test_txt_runs_each_dimensions_points_into_one_paragraph():
    assert export_txt(small_material()) == RUN_IN_TXT


def test_md_differs_from_txt_only_by_title_and_section_markers():
    md = export_md(small_material())
    assert md.startswith("# 某局党组对照检查材料\n\n")
    assert "\n\n**一、存在的主要问题**\n\n" in md
    assert "\n\n**三、努力方向和整改措施**\n\n" in md
    unmarked = md.replace("# ", "", 1).replace("**", "")
    assert unmarked == RUN_IN_TXT


def test_point_paragraphs_puts_heading_then_each_point_on_its_own():
    text = export_txt(small_material(), point_paragraphs=True)
    paragraphs = text.rstrip("\n").split("\n\n")
    start = paragraphs.index("（一）在“带头强化政治忠诚”方面：")
    assert paragraphs[start + 1] == "一是学习不够系统。平时以干代学。比如，在疫情期间学得少。"
    assert paragraphs[start + 2] == "二是学用脱节！联系实际不紧。例如：会上讲得多。"
    assert paragraphs[start + 3 : start + 7] == [
        "（二）关于带头担当作为方面，",
        "主要是担当不够。",
        "一是创新不足。凭老经验办事。",
        "有时等靠要。",
    ]
    # The causes and measures look the same in both layouts.
    assert text.split("二、问题根源剖析")[1] == RUN_IN_TXT.split("二、问题根源剖析")[1]


def test_paragraphs_are_separated_by_exactly_one_blank_line():
    m = small_material()
    m.sections[1].points[0].body = "事务多。\n\n\n（空行不应成串）"
    m.preamble.append("")
    for text in (export_txt(m), export_md(m), export_txt(m, point_paragraphs=True)):
        assert "\n\n\n" not in text
        assert text.endswith("。\n") and not text.endswith("\n\n")
        assert "（空行不应成串）" in text


def test_numbering_follows_position_beyond_ten():
    section = Section(
        kind="causes", heading="原因", points=[Point(title=f"原因{i}") for i in range(12)]
    )
    m = Material(
        title="T",
        sections=[Section(kind="other", heading=f"部分{i}") for i in range(10)] + [section],
    )
    text = export_txt(m)
    assert "\n\n十一、原因\n\n一是原因0。\n\n" in text
    assert "\n\n十一是原因10。\n\n十二是原因11。\n" in text
    assert "\n\n十、部分9\n\n" in text


def test_non_problems_dimension_is_a_plain_sub_heading():
    causes = Section(
        kind="causes",
        heading="问题根源剖析",
        dimensions=[
            Dimension(
                heading="思想根源", points=[Point(title="理想信念有所弱化", body="放松了学习。")]
            ),
        ],
    )
    text = export_txt(Material(title="T", sections=[causes]))
    assert text == "T\n\n一、问题根源剖析\n\n（一）思想根源\n\n一是理想信念有所弱化。放松了学习。\n"


def test_title_on_two_lines_keeps_both_lines_marked_in_markdown():
    m = Material(title="县委常委班子\n对照检查材料", preamble=["按照要求。"])
    assert export_md(m) == "# 县委常委班子\n# 对照检查材料\n\n按照要求。\n"
    assert export_txt(m) == "县委常委班子\n对照检查材料\n\n按照要求。\n"


def test_masked_words_and_placeholders_survive_untouched():
    m = Material(
        title="XX镇党委202X年度对照检查材料", preamble=["按照**镇dangshi学习要求，〔*〕号文件。"]
    )
    assert "按照**镇dangshi学习要求，〔*〕号文件。" in export_md(m)
    assert export_txt(m).startswith("XX镇党委202X年度对照检查材料\n")


def test_empty_material_exports_nothing_and_closing_comes_last():
    assert export_txt(Material()) == ""
    assert export_md(Material()) == ""
    m = Material(title="T", closing=["以上材料，请批评指正。"], author="张三", date="2026年2月5日")
    assert export_txt(m) == "T\n\n张三\n\n2026年2月5日\n\n以上材料，请批评指正。\n"


# ----- the seed (needs the text importer) ---------------------------------------------------


def test_seed_markdown_round_trips_byte_for_byte(seed_path):
    from app.importers.text import import_text_file

    material, _report = import_text_file(seed_path)
    assert export_md(material).encode("utf-8") == seed_path.read_bytes()


def test_seed_text_export_is_the_seed_without_markdown_markers(seed_text, seed_path):
    from app.importers.text import import_text_file

    material, _report = import_text_file(seed_path)
    expected = seed_text.replace("# ", "", 1).replace("**", "")
    assert export_txt(material) == expected


# ----- atomic writing ------------------------------------------------------------------------


@pytest.fixture
def out_dir(tmp_path):
    """An empty folder (tmp_path itself holds the isolated home)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_write_text_atomic_writes_utf8_and_returns_absolute_path(out_dir, monkeypatch):
    monkeypatch.chdir(out_dir)
    written = write_text_atomic("out.txt", "一是学习。\n")
    assert written == out_dir / "out.txt"
    assert (out_dir / "out.txt").read_bytes() == "一是学习。\n".encode()
    assert os.listdir(out_dir) == ["out.txt"]


def test_failed_replace_keeps_old_file_and_leaves_no_temp(out_dir, monkeypatch):
    target = out_dir / "report.md"
    target.write_text("旧内容", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(InputError) as info:
        write_text_atomic(target, "新内容")
    assert "No space left on device" in info.value.en and "无法写入" in info.value.zh
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert os.listdir(out_dir) == ["report.md"]


def test_failure_while_writing_leaves_no_half_file(out_dir, monkeypatch):
    target = out_dir / "new.txt"
    real_write = os.write

    def write_half_then_fail(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "write", write_half_then_fail)
    with pytest.raises(InputError):
        write_bytes_atomic(target, b"x" * 1000)
    assert os.listdir(out_dir) == []


def test_missing_folder_or_folder_target_is_bad_input(tmp_path):
    with pytest.raises(InputError) as info:
        write_text_atomic(tmp_path / "nope" / "a.txt", "x")
    assert "文件夹不存在" in info.value.zh and "folder does not exist" in info.value.en
    (tmp_path / "dir").mkdir()
    with pytest.raises(InputError) as info:
        write_text_atomic(tmp_path / "dir", "x")
    assert "folder" in info.value.en


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_new_file_follows_umask_and_replaced_file_keeps_its_mode(tmp_path):
    old_umask = os.umask(0o022)
    try:
        fresh = write_text_atomic(tmp_path / "fresh.txt", "a")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o600)
    write_text_atomic(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept.read_text() == "new"
