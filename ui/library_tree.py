"""The 材料库 list: materials grouped by year (newest first), then a 回收站 group.

A plain ``QTreeWidget`` rebuilt from ``MaterialSummary`` rows (a library holds hundreds, not
millions, of materials). It remembers which groups the user collapsed and keeps the selected
material selected across rebuilds.

Within a year the order is stable — by title (pinyin), then by id — so an edit never moves a
row. Materials of one year sharing a title show what tells them apart (unit, author, time of
the last change) after the title, subdued (``ui.library_title_delegate``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator

from PySide6.QtCore import QCollator, QLocale, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.exporters.title_breaks import one_line
from app.library import MaterialSummary
from ui.dialogs.common import short_time
from ui.library_title_delegate import DETAIL_ROLE, DETAIL_SEPARATOR, TitleDelegate

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "material" | "trashed" | "year" | "trash"
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # a stable key per group, to keep expansion state
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 3  # the MaterialSummary a row shows
MAX_SINGLE_MOVES = 20
COL_TITLE, COL_ORGANIZATION, COL_UPDATED, COL_WORDS = range(4)


class MaterialTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("materialTree")
        self.setHeaderLabels(
            [self.tr("Title"), self.tr("Organization"), self.tr("Updated"), self.tr("Words")]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setUniformRowHeights(True)
        self.title_delegate = TitleDelegate(self)
        self.title_delegate.key_of = self._renamed_id
        self.setItemDelegateForColumn(COL_TITLE, self.title_delegate)
        self._title_ranks: dict[str, int] = {}
        self._detail_texts: dict[tuple, str] = {}
        self._title_keys: dict[str, str] = {}
        self._shown: dict[int, tuple] = {}  # id → (summary, detail) its row shows
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # Not ResizeToContents: that re-measures every row on each change (≈10 ms per setText
        # with 5,000 materials). Columns are fitted once per rebuild instead.
        for col in (COL_ORGANIZATION, COL_UPDATED, COL_WORDS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.refreshing = False  # true while rebuilding: item signals then mean nothing
        self._collapsed_groups: set[str] = {"trash"}
        self._by_id: dict[int, QTreeWidgetItem] = {}
        self._membership: dict[str, set[int]] = {}  # group key → ids, as last built
        self._group_order: list[str] = []
        self.itemExpanded.connect(self._remember_expansion)
        self.itemCollapsed.connect(self._remember_expansion)

    def populate(self, summaries: list[MaterialSummary]) -> None:
        """Show ``summaries`` (newest first). When the same materials sit in the same groups
        — the usual case after an edit — rows are updated and reordered in place, which keeps
        a 5,000-material library responsive while the user types."""
        self._rank_titles({s.title for s in summaries})
        groups = self._grouped(summaries)
        membership = {key: {s.id for s in rows} for key, (_label, _kind, rows) in groups.items()}
        self.refreshing = True
        try:
            if membership == self._membership and list(groups) == self._group_order:
                self._update_in_place(groups)
            else:
                self._rebuild(groups)
                self._membership, self._group_order = membership, list(groups)
        finally:
            self.refreshing = False

    def _grouped(self, summaries: list[MaterialSummary]) -> dict[str, tuple[str, str, list]]:
        """group key → (label, kind, summaries): years newest first, undated, then the trash."""
        by_year: dict[int | None, list[MaterialSummary]] = defaultdict(list)
        trashed = []
        for summary in summaries:
            (trashed if summary.trashed else by_year[summary.year]).append(summary)
        groups = {}
        years = sorted((y for y in by_year if y is not None), reverse=True)
        for year in years + ([None] if None in by_year else []):
            label = self.tr("{year} annual").format(year=year) if year else self.tr("No year")
            groups[f"year:{year}"] = (label, "year", self._stable_order(by_year[year]))
        if trashed:
            groups["trash"] = (self.tr("Trash"), "trash", trashed)
        return groups

    def _rank_titles(self, titles: set[str]) -> None:
        """Each title's place as a Chinese reader sorts (pinyin, 第2 before 第10), worked out
        again only when a title is new: a populate after each edit then sorts by integers.
        The collator lives only meanwhile (an ICU object kept to the end of the process is
        one more thing to tear down in the right order)."""
        if titles <= self._title_ranks.keys():
            return
        collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        collator.setNumericMode(True)
        ordered = sorted(titles, key=collator.sortKey)
        self._title_ranks = {title: rank for rank, title in enumerate(ordered)}
        # titles as they were while being typed: no longer listed
        self._title_keys = {t: k for t, k in self._title_keys.items() if t in titles}

    def _stable_order(self, rows: list[MaterialSummary]) -> list[MaterialSummary]:
        """By title (pinyin), then by id: never by the time of the last change, so the row
        the user knows stays where it was after an edit."""
        ranks = self._title_ranks
        return sorted(rows, key=lambda s: (ranks[s.title], s.id))

    def _details(self, rows: list[MaterialSummary]) -> dict[int, str]:
        """id → what tells a material apart from others of the same title in its group."""
        known = self._title_keys
        keys = [known.get(s.title) or self._same_title_key(s.title) for s in rows]
        details: dict[int, str] = {}
        if len(set(keys)) == len(keys):
            return details  # the usual case: every title its own
        by_title: dict[str, list[MaterialSummary]] = defaultdict(list)
        for key, summary in zip(keys, rows, strict=True):
            by_title[key].append(summary)
        for same in by_title.values():
            if len(same) < 2:
                continue
            texts = {s.id: self._detail(s) for s in same}
            repeated = {t for t, n in Counter(texts.values()).items() if n > 1}
            for s in same:
                text = texts[s.id]
                if text in repeated:  # all else equal: the number the library knows it by
                    text = DETAIL_SEPARATOR.join(
                        p for p in (text, self.tr("No. {n}").format(n=s.id)) if p
                    )
                details[s.id] = text
        return details

    def _same_title_key(self, title: str) -> str:
        key = self._title_keys.get(title)
        if key is None:  # spacing and case aside, the same title
            key = self._title_keys[title] = "".join(title.split()).casefold()
        return key

    def _detail(self, summary: MaterialSummary) -> str:
        key = (summary.id, summary.organization, summary.author, summary.updated)
        text = self._detail_texts.get(key)
        if text is None:  # formatting the time is the slow part: once per change
            text = self._detail_texts[key] = self._format_detail(summary)
        return text

    def _format_detail(self, summary: MaterialSummary) -> str:
        parts = (
            summary.organization.strip(),
            summary.author.strip(),
            self.tr("changed {t}").format(t=_this_year_short(short_time(summary.updated))),
        )
        return DETAIL_SEPARATOR.join(p for p in parts if p)

    def _rebuild(self, groups) -> None:
        selected = self.selected_material_id(include_trashed=True)
        self.setUpdatesEnabled(False)
        try:
            self.clear()
            self._by_id.clear()
            self._shown.clear()
            if len(self._detail_texts) > 4 * len(self._ids_in(groups)) + 100:
                self._detail_texts.clear()  # times of older edits: no longer shown
            for key, (label, kind, rows) in groups.items():
                group = self._group_item(label, kind, key, len(rows))
                child_kind = "trashed" if kind == "trash" else "material"
                details = self._details(rows)
                for summary in rows:
                    item = self._material_item(summary, child_kind, details.get(summary.id, ""))
                    self._by_id[summary.id] = item
                    group.addChild(item)
                group.setExpanded(key not in self._collapsed_groups)
            for col in (COL_ORGANIZATION, COL_UPDATED, COL_WORDS):
                self.resizeColumnToContents(col)
        finally:
            self.setUpdatesEnabled(True)
        if selected is not None:
            self.select_material(selected)

    @staticmethod
    def _ids_in(groups) -> list[int]:
        return [s.id for _label, _kind, rows in groups.values() for s in rows]

    def _update_in_place(self, groups) -> None:
        current = self.currentItem()
        for index, (_label, _kind, rows) in enumerate(groups.values()):
            group = self.topLevelItem(index)
            details = self._details(rows)
            for summary in rows:
                item = self._by_id[summary.id]
                detail = details.get(summary.id, "")
                shown = self._shown.get(summary.id)
                if shown is None or shown != (summary, detail):
                    self._fill(item, summary, detail)
            self._reorder(group, [self._by_id[s.id] for s in rows])
        if current is not None and self.currentItem() is not current:
            self.setCurrentItem(current)

    @staticmethod
    def _reorder(group: QTreeWidgetItem, wanted: list[QTreeWidgetItem]) -> None:
        """Move rows into ``wanted`` order; an edit moves one row to the top, so move rows one
        by one and fall back to re-adding all when many moved."""
        moves = 0
        for index, item in enumerate(wanted):
            if group.child(index) is item:
                continue
            moves += 1
            if moves > MAX_SINGLE_MOVES:
                group.takeChildren()
                group.addChildren(wanted)
                return
            group.takeChild(group.indexOfChild(item))
            group.insertChild(index, item)

    def set_narrow(self, narrow: bool) -> None:
        """Docked narrow beside the outline only titles fit; the rest stays in the tooltip."""
        for col in (COL_ORGANIZATION, COL_UPDATED, COL_WORDS):
            self.setColumnHidden(col, narrow)
        self.setHeaderHidden(narrow)

    # ----- items ---------------------------------------------------------------------------------
    def _group_item(self, label: str, kind: str, key: str, count: int) -> QTreeWidgetItem:
        # The count is part of the label, so a change of membership rebuilds (see populate).
        item = QTreeWidgetItem([self.tr("{label} ({n})").format(label=label, n=count), "", "", ""])
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, GROUP_ROLE, key)
        item.setToolTip(0, self.tr("{n} materials").format(n=count))
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.addTopLevelItem(item)
        return item

    def _material_item(self, summary: MaterialSummary, kind: str, detail: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, ID_ROLE, summary.id)
        item.setData(0, KIND_ROLE, kind)
        item.setTextAlignment(
            COL_WORDS, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if kind == "material":
            flags |= Qt.ItemFlag.ItemIsEditable  # inline rename (F2)
        else:
            item.setForeground(0, self.palette().placeholderText())
        item.setFlags(flags)
        self._fill(item, summary, detail)
        return item

    def _fill(self, item: QTreeWidgetItem, summary: MaterialSummary, detail: str) -> None:
        words = f"{summary.word_count:,}"
        updated = short_time(summary.updated)
        title = one_line(summary.title) or self.tr("(untitled)")
        item.setText(COL_TITLE, title)
        item.setText(COL_ORGANIZATION, summary.organization)
        item.setText(COL_UPDATED, updated)
        item.setText(COL_WORDS, words)
        details = self.tr("{d} aspects, {p} points, {w} characters, updated {t}").format(
            d=summary.dimension_count, p=summary.point_count, w=words, t=updated
        )
        author = self.tr("Author: {name}").format(name=summary.author) if summary.author else ""
        lines = (summary.title, summary.organization, author, summary.meeting, details)
        item.setToolTip(COL_TITLE, "\n".join(line for line in lines if line))
        item.setData(0, SUMMARY_ROLE, summary)
        item.setData(0, DETAIL_ROLE, detail)
        self._shown[summary.id] = (summary, detail)
        shown = f"{title}{DETAIL_SEPARATOR}{detail}" if detail else title
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, shown)  # what a reader hears

    def shown_text(self, material_id: int) -> str:
        """The row's title as the user reads it, with the subdued detail when there is one."""
        item = self.material_item(material_id)
        if item is None:
            return ""
        return item.data(0, Qt.ItemDataRole.AccessibleTextRole) or item.text(COL_TITLE)

    @staticmethod
    def _renamed_id(index) -> int | None:
        """The material a title editor renames (None: not a material's title)."""
        if index.column() != COL_TITLE or index.data(KIND_ROLE) != "material":
            return None
        return index.data(ID_ROLE)

    def summary(self, material_id: int) -> MaterialSummary | None:
        item = self.material_item(material_id)
        return item.data(0, SUMMARY_ROLE) if item is not None else None

    def material_items(self) -> Iterator[QTreeWidgetItem]:
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            for j in range(group.childCount()):
                yield group.child(j)

    def material_item(self, material_id: int) -> QTreeWidgetItem | None:
        return self._by_id.get(material_id)

    def listed_material_ids(self, *, trashed: bool = False) -> list[int]:
        wanted = "trashed" if trashed else "material"
        return [
            it.data(0, ID_ROLE) for it in self.material_items() if it.data(0, KIND_ROLE) == wanted
        ]

    def group_labels(self) -> list[str]:
        return [self.topLevelItem(i).text(COL_TITLE) for i in range(self.topLevelItemCount())]

    # ----- selection -----------------------------------------------------------------------------
    def select_material(self, material_id: int) -> bool:
        item = self.material_item(material_id)
        if item is None:
            return False
        if item.parent() is not None:
            item.parent().setExpanded(True)
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    def selected_material_id(self, *, include_trashed: bool = False) -> int | None:
        item = self.currentItem()
        if item is None:
            return None
        kind = item.data(0, KIND_ROLE)
        if kind == "material" or (include_trashed and kind == "trashed"):
            return item.data(0, ID_ROLE)
        return None

    def _remember_expansion(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, GROUP_ROLE)
        if key is None or self.refreshing:
            return
        if item.isExpanded():
            self._collapsed_groups.discard(key)
        else:
            self._collapsed_groups.add(key)


def _this_year_short(stamp: str) -> str:
    """``2026-12-06 09:05`` → ``12-06 09:05`` in the current year: the row has little room."""
    this_year = f"{dt.date.today().year}-"
    return stamp.removeprefix(this_year) if len(stamp) == 16 else stamp
