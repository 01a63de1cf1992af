"""A material whose 整改清单 has ``n`` rows: ``n`` problems, each linked to its own measure with
责任人, 时限 and 状态 filled (tests and benchmarks/bench_rectification.py)."""

from __future__ import annotations

from app.model import Dimension, Material, Point, Section

STATUSES = ("not_started", "in_progress", "done")


def list_material(n: int, per_dimension: int = 400) -> tuple[Material, list]:
    """The material and its links (position pairs, as ``Library.create_material`` takes them)."""
    problems, measures, links = [], [], []
    for d in range((n + per_dimension - 1) // per_dimension):
        count = min(per_dimension, n - d * per_dimension)
        problems.append(
            Dimension(
                heading=f"第{d + 1}个方面",
                short_name=f"方面{d + 1}",
                points=[
                    Point(title=f"问题{d * per_dimension + i + 1}：学习不够深入，以干代学")
                    for i in range(count)
                ],
            )
        )
        measures.append(
            Dimension(
                heading=f"第{d + 1}方面的整改",
                points=[
                    Point(
                        title=f"措施{d * per_dimension + i + 1}：每月集中学习一次，形成制度",
                        responsible=f"县委常委、副县长 张{i % 50}",
                        deadline="长期坚持" if i % 3 == 0 else f"2026-{i % 12 + 1:02d}-28",
                        status=STATUSES[i % 3],
                        status_note="已制定方案" if i % 2 else "",
                    )
                    for i in range(count)
                ],
            )
        )
        links += [[[0, d, i], [1, d, i]] for i in range(count)]
    material = Material(
        title="县政府党组2026年度民主生活会对照检查材料",
        organization="县政府党组",
        year=2026,
        sections=[
            Section(kind="problems", heading="存在的问题", dimensions=problems),
            Section(kind="measures", heading="整改措施", dimensions=measures),
        ],
    )
    return material, links
