"""What a 汇编 (compilation of several materials into one document, issue 17) is asked to do,
the defaults its cover starts from, and how each material is named in the 目录 and bookmarks.
Shared by the PDF and DOCX compilers, the CLI and the window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date

from app.errors import InputError
from app.exporters.pdf_options import PdfOptions
from app.model import Material

# A compilation of the whole 班子 and every member is a few dozen materials; far more is a
# mistake (or a script gone wrong) and would make a file no one prints.
MAX_MATERIALS = 1000
UNTITLED = "（无标题）"
BOOKMARK_CHARS = 40

# ``progress(done, total)``; it may raise (a cancelled task) to stop the work where it is.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CompileOptions:
    """The cover's fields (each may be empty: its line is left out), whether each material
    starts on an odd (right-hand) page — a blank page is put in before it when needed — and
    the layout options every material is typeset with (as its own export)."""

    title: str = "对照检查材料汇编"
    unit: str = ""
    meeting: str = ""
    date: str = ""
    odd_pages: bool = False
    layout: PdfOptions = field(default_factory=PdfOptions)


def default_options(materials: Sequence, today: Date | None = None) -> CompileOptions:
    """Cover fields a user would write for these materials (``Material``s, or the library's
    ``CompileEntry`` rows, which have the same fields): the unit of the 班子 material (else the
    first), its year and meeting (under the title), and today's date."""
    if not materials:
        return CompileOptions()
    lead = next((m for m in materials if m.scope == "group"), materials[0])
    year = f"{lead.year}年度" if lead.year else ""
    meeting = lead.meeting if lead.meeting.startswith(year) else year + lead.meeting
    today = today or Date.today()
    return CompileOptions(
        title="对照检查材料汇编",  # the meeting prints under it: no need to say it twice
        unit=lead.organization,
        meeting=meeting,
        date=f"{today.year}年{today.month}月{today.day}日",
    )


def entry_label(material: Material) -> str:
    """How the material is listed in the 目录: its title on one line, and who wrote it when the
    title does not already say (``（县委副书记 张三）``)."""
    title = " ".join(material.title.split()) or UNTITLED
    if material.author and material.author not in title:
        who = " ".join(x for x in (material.job_title, material.author) if x)
        title += f"（{who}）"
    return title


def bookmark_label(material: Material) -> str:
    label = entry_label(material)
    return label if len(label) <= BOOKMARK_CHARS else label[: BOOKMARK_CHARS - 1] + "…"


def check_materials(materials: Sequence[Material]) -> None:
    if not materials:
        raise InputError("没有选择要汇编的材料", "no materials chosen for the compilation")
    if len(materials) > MAX_MATERIALS:
        raise InputError(
            f"一次最多汇编 {MAX_MATERIALS} 份材料，这里有 {len(materials)} 份",
            f"at most {MAX_MATERIALS} materials in one compilation, got {len(materials)}",
        )


@dataclass
class CompileReport:
    """What a compilation produced: the pages, where each material starts (the printed page
    number, as in the 目录), and substituted characters (as a single export reports them)."""

    pages: int = 0
    front_pages: int = 0  # cover and 目录 (with their blank backs): no printed number
    starts: list[int] = field(default_factory=list)  # printed `— N —` of each material's 1st page
    substitutions: list = field(default_factory=list)
