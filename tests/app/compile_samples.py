"""Materials a 汇编 test compiles: the seed as the 班子 material, a member's, and an empty one."""

from __future__ import annotations

import pytest

from app.importers import read_file
from app.model import Material, Point, Section


@pytest.fixture
def three(seed_path) -> list[Material]:
    """The seed as the 班子 material, a short member's material, and one with no text."""
    group, _report = read_file(seed_path)
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
