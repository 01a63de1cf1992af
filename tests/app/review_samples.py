"""A folder of five constructed materials for the batch review tests (as a 督导组 receives
them, from different units in different formats):

- ``甲单位.txt``: every dimension of the 2021 framework, one common typo (拼搏竞劲: an error);
- ``乙单位/材料.docx``: every dimension, one point holding PLANTED, a passage 丙 also holds;
- ``丙单位.md``: every dimension, shorter, holding PLANTED (so more of it is shared);
- ``丁单位.txt``: the 带头汲取经验 dimension left out;
- ``坏文件.docx``: not a Word file at all, ``旧材料.doc``: an old Word file (import failures);
- ``~$甲单位.txt``: an owner file Word leaves beside an open document (passed over).

Each material's own text is random common characters (seeded): no 13 characters in a row
recur between two materials unless planted.
"""

from __future__ import annotations

import random
from pathlib import Path

from app.exporters.docx import export_docx
from app.exporters.text import export_md, export_txt
from app.model import Point
from app.templates import get_template, material_from_template

TEMPLATE = "2021-dangshi-wugedaitou"
PLANTED = "对基层反映的困难问题跟踪督办不够有力，有的问题一拖再拖迟迟没有回音"
TYPO = "拼搏竞劲"
# Common characters that form no typo, no official formulation and no pinyin.
_CHARS = "山水田林路桥车船灯窗门墙书纸笔墨花草树木云雨风雪春夏秋冬东西南北左右前后上下"


def _text(rng: random.Random, sentences: int) -> str:
    return "".join(
        "".join(rng.choice(_CHARS) for _ in range(rng.randint(14, 22))) + "。"
        for _ in range(sentences)
    )


def _material(rng: random.Random, unit: str, *, sentences: int = 4, drop_last: bool = False):
    material = material_from_template(
        get_template(TEMPLATE), title=f"{unit}2021年度专题民主生活会对照检查材料", organization=unit
    )
    dims = material.sections[0].dimensions
    if drop_last:
        del dims[-1]
    for dim in dims:
        dim.points = [
            Point(title=_text(rng, 1)[:-1], body=_text(rng, sentences), example=_text(rng, 1))
        ]
    for section in material.sections[1:3]:
        section.points = [Point(title=_text(rng, 1)[:-1], body=_text(rng, sentences))]
    return material


def write_review_folder(folder: Path) -> Path:
    rng = random.Random(18)
    folder.mkdir(parents=True, exist_ok=True)
    first = _material(rng, "甲单位")
    first.sections[0].dimensions[0].points[0].body += f"我们拼搏竞劲不够。{_text(rng, 1)}"
    (folder / "甲单位.txt").write_text(export_txt(first), encoding="utf-8")
    second = _material(rng, "乙单位")
    second.sections[0].dimensions[1].points[0].body += PLANTED + "。"
    (folder / "乙单位").mkdir()
    export_docx(second, folder / "乙单位" / "材料.docx")
    third = _material(rng, "丙单位", sentences=2)
    third.sections[0].dimensions[2].points[0].body = PLANTED + "。" + _text(rng, 1)
    (folder / "丙单位.md").write_text(export_md(third), encoding="utf-8")
    fourth = _material(rng, "丁单位", drop_last=True)
    (folder / "丁单位.txt").write_text(export_txt(fourth), encoding="utf-8")
    (folder / "坏文件.docx").write_bytes(b"PK\x03\x04 this is no zip archive at all")
    (folder / "~$甲单位.txt").write_bytes(b"\x00owner file")  # what Word leaves while editing
    (folder / "旧材料.doc").write_bytes(b"\xd0\xcf\x11\xe0 an old binary Word file")
    return folder
