"""What changed between two versions of a material (征求意见稿 → 定稿): a structural diff.

The material is read as a list of *units* in reading order — the title, the preamble, each
section (heading and intro), each dimension (heading and intro), each point (title, body,
example), the closing. Units of the two versions are paired by node id first (snapshots keep
their nodes' ids, ``app.library.snapshots``), then by equal text, then by text similarity, so
a point that moved to another dimension or another place is reported as *moved*, not as
removed plus added. Inside edited text the change is by character (Chinese has no word
boundaries), computed with ``difflib.SequenceMatcher`` (``autojunk=False``: its popularity
heuristic would treat common hanzi such as 的 as junk) and grouped into readable runs: an
unchanged island of one or two characters between two changes is folded into the change, so
the result reads as phrases (改为“加强” rather than 改“加”…“强”).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal

from app.model import Material, Numbering

UnitKind = Literal["title", "preamble", "section", "dimension", "point", "closing"]
ChangeKind = Literal["unchanged", "added", "removed", "edited", "moved"]
RunKind = Literal["equal", "delete", "insert"]

# An unchanged island this short between two changes joins them (see module docstring).
ISLAND_CHARS = 2
# Unpaired units whose texts are at least this similar (difflib ratio) are the same unit edited.
SIMILAR_ENOUGH = 0.5


@dataclass(frozen=True)
class Run:
    kind: RunKind
    text: str


@dataclass(frozen=True)
class Unit:
    kind: UnitKind
    text: str
    label: str  # where it is, as a reader finds it: 一、存在的主要问题 › （一） › 一是
    node_id: int | None = None
    parent: tuple = ()  # key of the section/dimension holding it (points and dimensions)
    key: tuple = ()


@dataclass
class Change:
    """One row of the comparison: an old unit, a new unit, or both (paired)."""

    kind: ChangeKind
    unit_kind: UnitKind
    old: Unit | None
    new: Unit | None
    runs: list[Run] = field(default_factory=list)  # character changes (paired units)

    @property
    def text_changed(self) -> bool:
        return any(r.kind != "equal" for r in self.runs)

    @property
    def label(self) -> str:
        return (self.new or self.old).label


@dataclass
class VersionDiff:
    old_name: str
    new_name: str
    changes: list[Change]

    def count(self, kind: ChangeKind, unit_kind: UnitKind | None = None) -> int:
        return sum(
            1
            for c in self.changes
            if c.kind == kind and (unit_kind is None or c.unit_kind == unit_kind)
        )

    @property
    def differs(self) -> bool:
        return any(c.kind != "unchanged" for c in self.changes)


# ----- character runs ------------------------------------------------------------------------


def char_runs(old: str, new: str) -> list[Run]:
    """``old`` → ``new`` as equal/delete/insert runs, tiny equal islands folded into changes."""
    if old == new:
        return [Run("equal", old)] if old else []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    # (equal text) or (deleted, inserted) pieces, in order
    pieces: list[tuple[str, str, str]] = []  # kind, deleted/equal text, inserted text
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("equal", old[i1:i2], ""))
        else:
            pieces.append(("change", old[i1:i2], new[j1:j2]))
    merged: list[tuple[str, str, str]] = []
    for index, piece in enumerate(pieces):
        kind, a, b = piece
        if (
            kind == "equal"
            and merged
            and index + 1 < len(pieces)
            and _folds(a, merged[-1], pieces[index + 1])
        ):
            merged[-1] = ("change", merged[-1][1] + a, merged[-1][2] + a)
        elif kind == "change" and merged and merged[-1][0] == "change":
            merged[-1] = ("change", merged[-1][1] + a, merged[-1][2] + b)
        else:
            merged.append(piece)
    merged = _slide_right(merged)
    runs: list[Run] = []
    for kind, a, b in merged:
        if kind == "equal":
            runs.append(Run("equal", a))
        else:
            if a:
                runs.append(Run("delete", a))
            if b:
                runs.append(Run("insert", b))
    return runs


def _slide_right(pieces: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A pure insertion or deletion can sit at several places in a repeated stretch (增强 →
    增强，还需加强: “强，还需加” after 增, or “，还需加强” after 增强); difflib takes the first,
    a reader expects the last, which ends where the added clause ends."""
    out: list[tuple[str, str, str]] = []
    for k, piece in enumerate(pieces):
        kind, a, b = piece
        if kind == "equal" and out and out[-1][0] == "equal":  # what a slide left behind
            out[-1] = ("equal", out[-1][1] + a, "")
            continue
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        if kind != "change" or (a and b) or nxt is None or nxt[0] != "equal":
            out.append(piece)
            continue
        moving, following, shift = a or b, nxt[1], 0
        while shift < len(following) and following[shift] == moving[0]:
            moving = moving[1:] + moving[0]
            shift += 1
        if shift:
            if out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + following[:shift], "")
            else:
                out.append(("equal", following[:shift], ""))
            pieces[k + 1] = ("equal", following[shift:], "")
        out.append(("change", moving if a else "", moving if b else ""))
    return [p for p in out if p[0] != "equal" or p[1]]


def _folds(island: str, before: tuple, after: tuple) -> bool:
    """An unchanged island joins the changes around it when it is tiny and no longer than
    either of them: 改“二三四”为“x三y” reads better than three one-character changes, while a
    two-character word kept between one-character insertions stays visible as kept."""
    if before[0] != "change" or after[0] != "change" or len(island) > ISLAND_CHARS:
        return False
    sizes = (max(len(before[1]), len(before[2])), max(len(after[1]), len(after[2])))
    return len(island) <= min(sizes)


def old_side(runs: list[Run]) -> list[Run]:
    return [r for r in runs if r.kind != "insert"]


def new_side(runs: list[Run]) -> list[Run]:
    return [r for r in runs if r.kind != "delete"]


# ----- units ---------------------------------------------------------------------------------


def _point_text(point) -> str:
    text = point.title
    if point.body:
        text += ("。" if text and text[-1] not in "。！？；：…!?;:" else "") + point.body
    if point.example:
        text += "\n" + point.example_lead + point.example_sep + point.example
    return text


def material_units(material: Material) -> list[Unit]:
    """The material in reading order as comparable units (see module docstring)."""
    numbering = Numbering(material)
    units = [Unit("title", material.title, "标题", key=("title",))]
    if material.preamble:
        units.append(Unit("preamble", "\n".join(material.preamble), "开头", key=("preamble",)))
    for si, section in enumerate(material.sections):
        s_label = f"{numbering.at(si)}{section.heading}" or "（无标题部分）"
        s_key = ("section", section.id if section.id is not None else f"s{si}")
        text = "\n".join([section.heading, *section.intro])
        units.append(Unit("section", text, s_label, section.id, key=s_key))
        for pi, (point, number) in enumerate(
            zip(section.points, numbering.points(si), strict=True)
        ):
            units.append(_point_unit(point, number, s_label, s_key, f"s{si}p{pi}"))
        for di, dim in enumerate(section.dimensions):
            d_label = f"{s_label} › {numbering.at(si, di)}{dim.short_name or dim.heading}"
            d_key = ("dimension", dim.id if dim.id is not None else f"s{si}d{di}")
            text = "\n".join([dim.full_heading(), *dim.intro])
            units.append(Unit("dimension", text, d_label, dim.id, s_key, d_key))
            for pi, (point, number) in enumerate(
                zip(dim.points, numbering.points(si, di), strict=True)
            ):
                units.append(_point_unit(point, number, d_label, d_key, f"s{si}d{di}p{pi}"))
    if material.closing:
        units.append(Unit("closing", "\n".join(material.closing), "结尾", key=("closing",)))
    return units


def _point_unit(point, number: str, parent_label: str, parent: tuple, where: str) -> Unit:
    label = f"{parent_label} › {number or '（不编号段）'}"
    key = ("point", point.id if point.id is not None else where)
    return Unit("point", _point_text(point), label, point.id, parent, key)


# ----- pairing -------------------------------------------------------------------------------


def _pair(old: list[Unit], new: list[Unit]) -> dict[int, int]:
    """old index → new index for units of the same kind: by id, equal text, then similarity."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    fixed = ("title", "preamble", "closing")  # one of each at most: they pair by kind
    by_kind_new = {u.kind: j for j, u in enumerate(new) if u.kind in fixed}
    by_id_new = {(u.kind, u.node_id): j for j, u in enumerate(new) if u.node_id is not None}
    for i, u in enumerate(old):
        j = by_kind_new.get(u.kind) if u.kind in fixed else by_id_new.get((u.kind, u.node_id))
        if j is not None and j not in taken and (u.kind in fixed or u.node_id is not None):
            pairs[i] = j
            taken.add(j)
    # equal text (the same point in a version whose ids were not kept, e.g. an imported file)
    free_new: dict[tuple[str, str], list[int]] = {}
    for j, u in enumerate(new):
        if j not in taken:
            free_new.setdefault((u.kind, u.text), []).append(j)
    for i, u in enumerate(old):
        if i in pairs:
            continue
        candidates = free_new.get((u.kind, u.text))
        if candidates:
            j = candidates.pop(0)
            pairs[i] = j
            taken.add(j)
    # Similar text: parents before their children, and first among the children of paired
    # parents (a point edited in place), then anywhere (a point edited and moved).
    for kind in ("section", "dimension", "point"):
        parent_map = {old[i].key: new[j].key for i, j in pairs.items()}
        left = [i for i, u in enumerate(old) if u.kind == kind and i not in pairs]
        right = [j for j, u in enumerate(new) if u.kind == kind and j not in taken]
        if not left or not right:
            continue
        grams = _Bigrams(old, new)
        by_parent: dict[tuple, list[int]] = {}
        for j in right:
            by_parent.setdefault(new[j].parent, []).append(j)
        local = {i: by_parent.get(parent_map.get(old[i].parent), []) for i in left}
        _pair_similar(local, grams, pairs, taken)
        left = [i for i in left if i not in pairs]
        right = [j for j in right if j not in taken]
        _pair_similar({i: right for i in left}, grams, pairs, taken)
    return pairs


class _Bigrams:
    """Character-bigram sets, computed once per unit: a cheap first test of similarity (set
    intersection runs in C) before difflib's exact ratio."""

    def __init__(self, old: list[Unit], new: list[Unit]):
        self.old, self.new = old, new
        self._sets: dict[tuple[int, int], frozenset[str]] = {}

    def of(self, side: int, index: int) -> frozenset[str]:
        found = self._sets.get((side, index))
        if found is None:
            text = (self.old if side == 0 else self.new)[index].text
            found = self._sets[(side, index)] = frozenset(
                text[k : k + 2] for k in range(max(len(text) - 1, 1))
            )
        return found


def _pair_similar(
    candidates: dict[int, list[int]], grams: _Bigrams, pairs: dict[int, int], taken: set[int]
) -> None:
    """Pair each old unit with a free candidate of similar text, most alike first: ranked by
    bigram overlap (cheap), each pair confirmed by difflib's ratio ≥ SIMILAR_ENOUGH."""
    scored: list[tuple[float, int, int]] = []
    for i, js in candidates.items():
        a = grams.of(0, i)
        for j in js:
            if j in taken:
                continue
            b = grams.of(1, j)
            dice = 2 * len(a & b) / ((len(a) + len(b)) or 1)
            if dice >= SIMILAR_ENOUGH * 0.8:  # fewer shared pairs than this never reach it
                scored.append((dice, i, j))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for _dice, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i in pairs or j in taken:
            continue
        matcher.set_seqs(grams.old[i].text, grams.new[j].text)
        if matcher.ratio() >= SIMILAR_ENOUGH:
            pairs[i] = j
            taken.add(j)


def _in_order(sequence: list[int]) -> set[int]:
    """The longest increasing subsequence of ``sequence`` (its values): what kept its order."""
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    back: list[int] = [-1] * len(sequence)
    for k, value in enumerate(sequence):
        pos = bisect.bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_index.append(k)
        else:
            tails[pos] = value
            tail_index[pos] = k
        back[k] = tail_index[pos - 1] if pos else -1
    kept: set[int] = set()
    k = tail_index[-1] if tail_index else -1
    while k != -1:
        kept.add(sequence[k])
        k = back[k]
    return kept


def compare_units(old: list[Unit], new: list[Unit], old_name: str, new_name: str) -> VersionDiff:
    pairs = _pair(old, new)
    # The parent a unit sits in, mapped to the new version: a paired point whose dimension is
    # another one (or whose place among its paired siblings changed) has moved.
    parent_map = {old[i].key: new[j].key for i, j in pairs.items()}
    moved: set[int] = set()
    groups: dict[tuple, list[int]] = {}
    for i in sorted(pairs):
        u, v = old[i], new[pairs[i]]
        if u.kind not in ("point", "dimension"):
            continue
        if parent_map.get(u.parent) != v.parent:
            moved.add(i)
        else:
            groups.setdefault((u.kind, v.parent), []).append(i)
    for members in groups.values():
        kept = _in_order([pairs[i] for i in members])
        moved.update(i for i in members if pairs[i] not in kept)

    def change_for(i: int) -> Change:
        u, v = old[i], new[pairs[i]]
        runs = char_runs(u.text, v.text)
        if i in moved:
            kind: ChangeKind = "moved"
        else:
            kind = "edited" if u.text != v.text else "unchanged"
        return Change(kind, u.kind, u, v, runs)

    # Rows in the new version's order; a removed unit follows the row of the nearest old unit
    # before it that is still there (or opens the list), so it shows where it used to be.
    by_new = {j: i for i, j in pairs.items()}
    after: dict[int, list[int]] = {}
    anchor = -1
    for i in range(len(old)):
        if i in pairs:
            anchor = pairs[i]
        else:
            after.setdefault(anchor, []).append(i)

    def removed(i: int) -> Change:
        return Change("removed", old[i].kind, old[i], None, [Run("delete", old[i].text)])

    changes = [removed(i) for i in after.get(-1, [])]
    for j, v in enumerate(new):
        if j in by_new:
            changes.append(change_for(by_new[j]))
        else:
            changes.append(Change("added", v.kind, None, v, [Run("insert", v.text)]))
        changes.extend(removed(i) for i in after.get(j, []))
    return VersionDiff(old_name, new_name, changes)


def compare_materials(
    old: Material, new: Material, old_name: str = "旧版本", new_name: str = "新版本"
) -> VersionDiff:
    """The structural diff of two versions of a material (see module docstring)."""
    return compare_units(material_units(old), material_units(new), old_name, new_name)
