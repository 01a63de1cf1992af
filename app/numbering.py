"""Numbering, derived from a node's position and never stored: 一、 for sections, （一） for
dimensions, 一是 / 1. / （1） / ① / 第一， for points in the material's style, and ``Numbering``,
the one place that says which number a node prints (every exporter, ``show``, the outline and
the checks ask it).

Separate from ``app.model`` (the plain data it numbers) because it is the rules of 公文
numbering, not the shape of a material. ``app.model`` still offers these names (imported on
first use), so ``from app.model import Numbering`` keeps working.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from app.model import _CIRCLED, Material, Node, Point, Position

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九, 100 → 一百 (as 公文 write them)."""
    if n <= 0:
        raise ValueError(f"numbering starts at 1, got {n}")
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            return _DIGITS[hundreds] + "百"
        # 101 → 一百零一, 110 → 一百一十
        mid = (
            "零" + _DIGITS[rest]
            if rest < 10
            else (("一" if rest // 10 == 1 else "") + chinese_number(rest))
        )
        return _DIGITS[hundreds] + "百" + mid
    raise ValueError(f"numbering above 999 is not supported, got {n}")


PointStyle = Literal["shi", "arabic", "paren", "circled", "di"]


def section_number(index: int) -> str:
    """0-based position → 一、 二、 …"""
    return f"{chinese_number(index + 1)}、"


def dimension_number(index: int) -> str:
    """0-based position → （一） （二） …"""
    return f"（{chinese_number(index + 1)}）"


def point_number(index: int, style: PointStyle = "shi") -> str:
    """0-based position → 一是 / 1. / （1） / ① / 第一，(① past ⑳ goes on as （21）)."""
    if style == "circled" and index < len(_CIRCLED):
        return _CIRCLED[index]
    if style == "di":
        return f"第{chinese_number(index + 1)}，"
    if style == "shi":
        return f"{chinese_number(index + 1)}是"
    if style == "arabic":
        return f"{index + 1}."
    if style in ("paren", "circled"):
        return f"（{index + 1}）"
    raise ValueError(f"unknown point numbering style {style!r}")


# The one place that says which number a node prints (every exporter, the outline, ``show``,
# the checks' locations): sections and dimensions count by position, an unnumbered one
# (``numbered`` False) prints no number but keeps its place; points count only the enumerated
# ones, in the material's point style; running text prints no number. Nodes are found by their
# position (``app.model.Position``).


def _positions(material: Material) -> Iterator[tuple[Node, Position, int | None]]:
    """Every node in reading order with its position and its count (None: prints no number)."""
    for si, section in enumerate(material.sections):
        yield section, (si,), si if section.numbered else None
        for pi, (point, n) in enumerate(_counted(section.points)):
            yield point, (si, None, pi), n
        for di, dim in enumerate(section.dimensions):
            yield dim, (si, di), di if dim.numbered else None
            for pi, (point, n) in enumerate(_counted(dim.points)):
                yield point, (si, di, pi), n


def _counted(points: list[Point]) -> Iterator[tuple[Point, int | None]]:
    n = 0
    for p in points:
        yield p, (n if p.numbered else None)
        n += p.numbered


def _survey(material: Material, until: Node | None = None):
    """(count by position, (node, position) by node identity), up to ``until`` if given."""
    counts: dict[Position, int | None] = {}
    where: dict[int, tuple[Node, Position]] = {}
    for node, pos, count in _positions(material):
        if until is None or len(pos) < 3 or node is until:  # a search keeps only what it needs
            counts[pos] = count
        if until is None or node is until:
            where.setdefault(id(node), (node, pos))  # a node held twice: its first place
            if node is until:
                break
    return counts, where


def _number(pos: Position, count: int | None, style: str) -> str:
    if count is None:
        return ""
    if len(pos) == 1:
        return section_number(count)
    if len(pos) == 2:
        return dimension_number(count)
    return point_number(count, style)  # type: ignore[arg-type]


def _path(pos: Position, counts: dict[Position, int | None], style: str) -> str:
    """Section, dimension and point numbers down to ``pos``; past 999 a place reads ``[1000]``."""
    above = [pos[:1]] + ([pos[:2]] if len(pos) > 1 and pos[1] is not None else [])
    out = []
    for step in dict.fromkeys([*above, pos]):
        try:
            out.append(_number(step, counts[step], style))
        except ValueError:  # Chinese numbering stops at 999; the place still helps a reader
            out.append(f"[{counts[step] + 1}]")
    return "".join(out)


def _place(where: dict[int, tuple[Node, Position]], node: Node) -> Position:
    found = where.get(id(node))
    if found is None or found[0] is not node:
        raise KeyError(f"{type(node).__name__} is not part of this material")
    return found[1]


class Numbering:
    """The number every node of one material prints, worked out in one pass.

    ``at(*position)`` and ``label(node)`` give the number printed before a node (``二、`` /
    ``（三）`` / ``一是`` or the material's point style), "" for a node printed without one and
    for the material itself; ``path(node)`` is a reader's name for where a node is
    (``一、（二）三是``). A snapshot of the material's shape: build a new one after a
    structural change (``is_current`` sees a changed style or ``numbered`` flag).
    """

    def __init__(self, material: Material) -> None:
        self.material = material
        self.style = material.point_style
        self._counts, self._where = _survey(material)

    def at(self, *pos: int | None) -> str:
        return _number(pos, self._counts[pos], self.style)

    def points(self, si: int, di: int | None = None) -> list[str]:
        """The numbers of section ``si``'s own points, or of its dimension ``di``'s."""
        section = self.material.sections[si]
        points = section.points if di is None else section.dimensions[di].points
        return [self.at(si, di, pi) for pi in range(len(points))]

    def label(self, node: Node | Material) -> str:
        return "" if isinstance(node, Material) else self.at(*_place(self._where, node))

    def path(self, node: Node | Material) -> str:
        if isinstance(node, Material):
            return ""
        return _path(_place(self._where, node), self._counts, self.style)

    def is_current(self) -> bool:
        """Whether the material still has the point style and ``numbered`` flags this was made
        from (an edit typed into a live material). A structural change is not seen here."""
        return self.material.point_style == self.style and all(
            node.numbered == (self._counts[pos] is not None) for node, pos in self._where.values()
        )


def node_label(material: Material, node: Node | Material) -> str:
    """The number ``node`` prints (see ``Numbering``), walking the material only up to it.
    For many nodes build one ``Numbering``."""
    if isinstance(node, Material):
        return ""
    counts, where = _survey(material, until=node)
    pos = _place(where, node)
    return _number(pos, counts[pos], material.point_style)


def node_path_label(material: Material, node: Node | Material) -> str:
    """Where ``node`` is, as numbers from its section down (see ``Numbering.path``); "" for the
    material and for a node not in it. Walks the material only up to the node."""
    if isinstance(node, Material):
        return ""
    counts, where = _survey(material, until=node)
    try:
        return _path(_place(where, node), counts, material.point_style)
    except KeyError:
        return ""
