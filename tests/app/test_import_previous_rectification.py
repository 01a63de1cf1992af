"""Importing a material that opens with last year's rectification (issue 17.3): the report is a
section of its own (上年度整改落实情况), whether numbered 一、, bold, or a plain line — never
part of the preamble — and the sections after it keep their kinds."""

from __future__ import annotations

import pytest

from app.importers import read_file

HEAD = "县政府党组2022年度民主生活会对照检查材料\n\n按照县委要求，现将有关情况报告如下：\n\n"
REST = (
    "存在的主要问题\n\n（一）在“两个确立”方面：一是学习不够。以干代学。\n\n"
    "努力方向和整改措施\n\n一是强化学习。每月集中学习一次。\n"
)
REVIEW = "一是建立理论学习长效机制。已完成。\n\n二是推动民生实事。正在推进。\n\n"


@pytest.mark.parametrize(
    "heading",
    [
        "上年度民主生活会整改落实情况",
        "上一年度专题民主生活会查摆问题整改情况：",
        "2021年度民主生活会整改措施落实情况",
    ],
)
def test_a_plain_review_heading_opens_its_own_section(tmp_path, heading):
    path = tmp_path / "material.txt"
    path.write_text(f"{HEAD}{heading}\n\n{REVIEW}一、{REST.replace('努力', '二、努力')}", "utf-8")
    material, _report = read_file(path)
    assert material.preamble == ["按照县委要求，现将有关情况报告如下："]
    review = material.sections[0]
    assert (review.kind, review.heading, review.numbered) == (
        "previous_rectification",
        heading,
        False,  # printed as written: no 一、 added
    )
    assert [p.title for p in review.points] == ["建立理论学习长效机制", "推动民生实事"]
    assert [s.kind for s in material.sections[1:]] == ["problems", "measures"]


def test_a_numbered_review_heading_counts_as_the_first_section(tmp_path):
    path = tmp_path / "material.md"
    text = (
        f"{HEAD}一、上年度民主生活会整改落实情况\n\n{REVIEW}二、{REST.replace('努力', '三、努力')}"
    )
    path.write_text(text, "utf-8")
    material, _report = read_file(path)
    assert [(s.kind, s.numbered) for s in material.sections] == [
        ("previous_rectification", True),
        ("problems", True),
        ("measures", True),
    ]
    assert len(material.sections[0].points) == 2


def test_a_sentence_about_last_year_stays_in_the_preamble(tmp_path):
    path = tmp_path / "material.txt"
    sentence = "上年度整改情况总体良好，已全部完成。"
    path.write_text(f"{HEAD}{sentence}\n\n一、{REST.replace('努力', '二、努力')}", "utf-8")
    material, _report = read_file(path)
    assert material.preamble[-1] == sentence
    assert [s.kind for s in material.sections] == ["problems", "measures"]
