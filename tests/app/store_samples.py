"""Sample materials for the library tests: text taken from the seed (县政府党组, 2021)."""

from __future__ import annotations

from app.model import Dimension, Material, Point, Section


def sample_material() -> Material:
    """Two problems dimensions (one with a half-width frame, as the seed's （五）), causes and
    measures with their own points, a preamble and a closing."""
    return Material(
        title="县政府党组党史学习教育专题民主生活会“五个带头”对照检查材料",
        organization="县政府党组",
        scope="group",
        year=2021,
        meeting="党史学习教育专题民主生活会",
        template_id="2021-dangshi-wugedaitou",
        author="县政府办公室",
        date="2022年1月",
        preamble=[
            "按照本次党史学习教育专题民主生活会要求，县政府党组高度重视，精心准备。",
            "现将有关情况对照检查如下：",
        ],
        sections=[
            Section(
                kind="problems",
                heading="存在的主要问题",
                dimensions=[
                    Dimension(
                        heading="带头深刻感悟“两个确立”的决定性意义",
                        short_name="两个确立",
                        heading_prefix="在“",
                        heading_suffix="”方面：",
                        points=[
                            Point(
                                title="学习态度不够积极",
                                body="政府党组能够按照计划深入学习贯彻习近平新时代中国特色社会主义思想，但学习的主动性还不够。",
                                example="个别同志存在以干代学的现象",
                            ),
                            Point(title="学深悟透不够", body="对党的创新理论学习不够系统深入。"),
                        ],
                    ),
                    Dimension(
                        heading="带头深刻汲取党史中正反两方面经验",
                        short_name="正反经验",
                        heading_prefix='在"',
                        heading_suffix='"方面:',
                        intro=["对照中央八项规定精神："],
                        points=[
                            Point(
                                title="纠治“四风”有差距",
                                body="文山会海问题仍有反弹。",
                                example="有的会议开得过长",
                                example_lead="例如",
                                example_sep="：",
                            )
                        ],
                    ),
                ],
            ),
            Section(
                kind="causes",
                heading="问题根源剖析",
                intro=["深刻剖析问题产生的原因，主要有以下几个方面："],
                points=[
                    Point(title="深入学习提高的主动性不够强", body="往往以具体工作代替了理论学习。")
                ],
            ),
            Section(
                kind="measures",
                heading="努力方向和整改措施",
                points=[
                    Point(
                        title="持续加强理论武装",
                        body="坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务。",
                    ),
                    Point(title="坚决纠治“四风”", body="持续精文减会。"),
                ],
            ),
        ],
        closing=["县政府党组将以此次民主生活会为契机，切实抓好整改落实。"],
    )


# Problem ↔ measure pairs by position: 学习态度 ↔ 理论武装, 纠治四风 ↔ 纠治四风.
SAMPLE_LINKS = [[[0, 0, 0], [2, -1, 0]], [[0, 1, 0], [2, -1, 1]]]
