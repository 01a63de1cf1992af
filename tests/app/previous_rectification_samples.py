"""Last year's material for the 上年度整改落实情况 tests: three measures, one done, one in
progress, one not started, with notes, 责任人 and 时限."""

from __future__ import annotations

from app.model import Dimension, Material, Point, Section

PREAMBLE = "按照县委统一部署，县政府党组认真开展对照检查，现将有关情况报告如下："


def last_year() -> Material:
    """A 2021 material whose three measures are done / in progress / not started."""
    measures = [
        Point(
            title="建立理论学习长效机制",
            body="每月集中学习一次。",
            responsible="县委常委、副县长 张三",
            deadline="2022-06-30",
            status="done",
            status_note="已制定学习制度并按月落实",
        ),
        Point(
            title="推动民生实事落地见效",
            body="办好十件实事。",
            responsible="李四",
            deadline="长期坚持",
            status="in_progress",
            status_note="十件实事已完成七件",
        ),
        Point(title="健全调查研究制度", body="每季度下基层一次。", status="not_started"),
    ]
    problems = Dimension(
        heading="带头深刻感悟“两个确立”的决定性意义",
        short_name="两个确立",
        points=[Point(title="学习态度不够积极", body="以干代学。")],
    )
    return Material(
        title="县政府党组2021年度民主生活会对照检查材料",
        organization="县政府党组",
        year=2021,
        template_id="2021-dangshi-wugedaitou",
        preamble=[PREAMBLE],
        sections=[
            Section(kind="problems", heading="存在的主要问题", dimensions=[problems]),
            Section(
                kind="causes", heading="问题根源剖析", points=[Point(title="学习主动性不够强")]
            ),
            Section(kind="measures", heading="努力方向和整改措施", points=measures),
        ],
    )
