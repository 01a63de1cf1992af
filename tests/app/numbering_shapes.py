"""A material in every numbering shape the importers produce, shared by the numbering tests."""

from __future__ import annotations

from app.model import Dimension, Material, Point, Section

# The first and second enumerated point of a list, per style.
FIRST_SECOND = {
    "shi": ("一是", "二是"),
    "arabic": ("1.", "2."),
    "paren": ("（1）", "（2）"),
    "circled": ("①", "②"),
    "di": ("第一，", "第二，"),
}


def shaped(style: str = "shi") -> Material:
    """Text before the first heading (no 一、), a bold 在××方面 line without （一） written as
    one paragraph, running text between enumerated points, and plain numbered parts."""
    return Material(
        title="对照检查材料",
        point_style=style,
        sections=[
            Section(
                kind="other", numbered=False, points=[Point(title="开头的一段话", numbered=False)]
            ),
            Section(
                kind="problems",
                heading="存在的主要问题",
                dimensions=[
                    Dimension(
                        heading="在学习方面",
                        numbered=False,
                        heading_alone=True,
                        points=[Point(title="学习不够系统", numbered=False)],
                    ),
                    Dimension(
                        heading="在担当方面",
                        short_name="担当",
                        points=[
                            Point(title="甲项不足"),
                            Point(title="一段说明", numbered=False),
                            Point(title="乙项不足"),
                        ],
                    ),
                ],
            ),
            Section(
                kind="measures",
                heading="整改措施",
                points=[Point(title="丙项措施"), Point(title="丁项措施")],
            ),
        ],
    )
