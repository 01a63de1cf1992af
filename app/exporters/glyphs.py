"""Per-character font coverage: every character is checked against its role's font before it
is drawn; a missing one falls back to the first fallback font that has it (reported), and a
character no font has is collected so the export can refuse with a clear message instead of
printing a blank box.

Fonts are opened lazily: the role fonts only when a character of that role is laid out, the
fallback fonts only when a character needs them (DESIGN §8: registering a CJK font is the
largest cost of a small export).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from app.errors import InputError
from app.exporters.pdf_options import Substitution

# Tabs and no-break spaces print as a space; invisible format characters (zero-width space,
# BOM, joiners, variation selectors) and control characters print as nothing.
_SPACE_LIKE = {"\t": " ", "\xa0": " "}
_INVISIBLE_CATEGORIES = ("Cc", "Cf")


def fonts_api():
    """The font module (role → file, coverage, registration)."""
    from app import fonts

    return fonts


class FontResolver:
    """Chooses, per character, the font that draws it, and remembers what was substituted."""

    def __init__(self, api=None):
        self.api = api or fonts_api()
        self.roles = self.api.choose_fonts()
        self._fallbacks = None
        self._coverage: dict[object, dict[int, int]] = {}
        self._covered: dict[object, set[str]] = {}  # characters already found in the font
        self._names: dict[object, str] = {}
        self._subs: dict[tuple[str, str, str], Substitution] = {}
        self.missing: dict[str, list[str]] = {}  # char → places
        self.used_roles: dict[str, object] = {}

    # ----- coverage ---------------------------------------------------------------------------
    def coverage(self, choice) -> dict[int, int]:
        """Code points the font maps to a glyph. Read from the ReportLab registration, which
        drawing needs anyway, rather than parsing the cmap a second time with fontTools."""
        cover = self._coverage.get(choice)
        if cover is None:
            from reportlab.pdfbase import pdfmetrics

            face = pdfmetrics.getFont(self.register(choice)).face
            cover = self._coverage[choice] = face.charToGlyph
        return cover

    def fallbacks(self) -> list:
        if self._fallbacks is None:
            self._fallbacks = list(self.api.fallback_fonts())
        return self._fallbacks

    def role_font(self, role: str):
        try:
            return self.roles[role]
        except KeyError as exc:
            raise InputError(
                f"没有可用于“{role}”的字体", f"no font available for role {role!r}"
            ) from exc

    def resolve(self, text: Sequence[str], role: str, where: str) -> list:
        """One font choice per character of ``text`` (set in ``role``, a str or a list of its
        characters); None where no font has it."""
        choice = self.role_font(role)
        self.used_roles.setdefault(role, choice)
        cover = self.coverage(choice)
        covered = self._covered.setdefault(choice, set())
        if not covered.issuperset(text):  # a set test per text, not a lookup per character
            covered.update(ch for ch in set(text) - covered if ord(ch) in cover)
            if not covered.issuperset(text):
                return self._resolve_each(text, choice, cover, where)
        return [choice] * len(text)

    def _resolve_each(self, text: str, choice, cover: dict[int, int], where: str) -> list:
        out = []
        for ch, code in zip(text, map(ord, text), strict=True):
            if code in cover:
                out.append(choice)
                continue
            fallback = next((f for f in self.fallbacks() if code in self.coverage(f)), None)
            if fallback is None:
                places = self.missing.setdefault(ch, [])
                if where not in places:
                    places.append(where)
            else:
                key = (ch, where, fallback.family)
                if key not in self._subs:
                    self._subs[key] = Substitution(ch, where, fallback.family)
            out.append(fallback)
        return out

    def sibling(self) -> FontResolver:
        """A resolver sharing this one's fonts and caches but keeping its own reports: the page
        numbers, laid out page by page among the text, report after all of the text
        (``absorb``), as when the text was laid out first."""
        other = FontResolver.__new__(FontResolver)
        other.__dict__.update(self.__dict__)
        other._subs, other.missing, other.used_roles = {}, {}, {}
        return other

    def absorb(self, other: FontResolver) -> None:
        """Add a ``sibling``'s reports after this one's own."""
        for role, choice in other.used_roles.items():
            self.used_roles.setdefault(role, choice)
        for key, sub in other._subs.items():
            self._subs.setdefault(key, sub)
        for ch, places in other.missing.items():
            mine = self.missing.setdefault(ch, [])
            mine += [p for p in places if p not in mine]

    def mark(self) -> tuple[dict[str, int], int]:
        """Where the reports stand now (for ``name_places_since``)."""
        return {ch: len(places) for ch, places in self.missing.items()}, len(self._subs)

    def name_places_since(self, mark: tuple[dict[str, int], int], prefix: str) -> None:
        """Prefix the places reported since ``mark`` (a 汇编: which material they are in)."""
        counts, subs = mark
        for ch, places in self.missing.items():
            start = counts.get(ch, 0)
            places[start:] = [prefix + place for place in places[start:]]
        items = list(self._subs.items())
        for key, sub in items[subs:]:
            self._subs[key] = Substitution(sub.char, prefix + sub.where, sub.font)

    @property
    def substitutions(self) -> list[Substitution]:
        return list(self._subs.values())

    def raise_for_missing(self) -> None:
        """InputError naming every character no installed or bundled font can draw, and where."""
        if not self.missing:
            return
        items = list(self.missing.items())
        shown = items[:20]
        zh = "；".join(f"“{ch}”(U+{ord(ch):04X}) 在 {'、'.join(p[:3])}" for ch, p in shown)
        en = "; ".join(f"{ch!r} (U+{ord(ch):04X}) in {', '.join(p[:3])}" for ch, p in shown)
        more_zh = f" 等 {len(items)} 个字符" if len(items) > len(shown) else ""
        more_en = f" and {len(items) - len(shown)} more" if len(items) > len(shown) else ""
        raise InputError(
            f"以下字符没有任何字体能显示，无法导出 PDF：{zh}{more_zh}。"
            f"请改用常用字或安装含该字的字体。",
            f"no font can draw these characters, PDF not written: {en}{more_en}. "
            "Replace them or install a font that has them.",
        )

    # ----- ReportLab ----------------------------------------------------------------------------
    def register(self, choice) -> str:
        """Register the font with ReportLab (once) and return its ReportLab name."""
        name = self._names.get(choice)
        if name is None:
            name = self._names[choice] = self.api.register(choice)
        return name


def _invisible(ch: str) -> bool:
    return (
        unicodedata.category(ch) in _INVISIBLE_CATEGORIES
        or "\ufe00" <= ch <= "\ufe0f"
        or ("\U000e0100" <= ch <= "\U000e01ef")
    )


def printable_text(text: str) -> str:
    """The characters that are laid out: tabs/no-break spaces as spaces, invisible ones dropped
    (the stored text is left as typed; this is only what goes on paper)."""
    if text.isprintable() and "\xa0" not in text:
        return text
    return "".join(
        _SPACE_LIKE.get(ch, ch) for ch in text if ch in _SPACE_LIKE or not _invisible(ch)
    )
