"""The three materials a 汇编 is tested and measured with (tests/app/conftest.py's ``three``,
benchmarks/pdf_identity.py): the seed as the 班子 material, a short member's material, and a
member's material with no text."""

from __future__ import annotations

from app.model import Material, Point, Section


def three_materials(group: Material) -> list[Material]:
    """``group`` (the seed, read by the caller) retitled, then the two members' materials."""
    group.title = "县政府党组2021年度民主生活会对照检查材料"
    member = Material(
        title="张三同志个人对照检查材料",
        scope="individual",
        author="张三",
        job_title="县长",
        rank=1,
        sections=[
            Section(
                kind="problems",
                heading="存在的问题",
                points=[Point(title="学习不够深入", body="学得不深不透。" * 40)],
            )
        ],
    )
    empty = Material(scope="individual", author="李四", job_title="副县长", rank=2)
    return [group, member, empty]
