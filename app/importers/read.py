"""The one way a file becomes a Material: ``read_file``, used by duizhao-cli and the window alike.

It decides everything both front ends must agree on — which names are accepted, the size cap,
what a file that is not a regular file or an old Word/WPS document gets told — and then hands
the file to its reader (text/Markdown, Word, the JSON interchange format). Converting an old
.doc/.wps through LibreOffice is an explicit option: the caller asks the user first.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from app.errors import InputError
from app.importers.legacy import LEGACY_SUFFIXES, convert_with_soffice, is_legacy_word_file
from app.importers.structure import ImportReport
from app.model import Material
from app.target_guard import describe_input

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
WORD_SUFFIXES = (".docx", *LEGACY_SUFFIXES)
# Larger inputs are refused before any reader opens them: no real material comes near this.
MAX_INPUT_BYTES = 64 * 1024 * 1024

Progress = Callable[[str], object]


class LegacyWordError(InputError):
    """An old binary .doc/.wps read without the user's consent to convert it."""


def refuse_unreadable(path: Path, suffixes: tuple[str, ...], accepted: tuple[str, str]) -> str:
    """The refusals every reader of a user's file makes before opening it — not a regular file
    (missing, a link loop, a FIFO, a device, a folder), a name it does not take, over the size
    cap (both sizes said) — as InputError (zh, en). ``accepted`` says what it takes, e.g.
    ("可导入 .txt .md", "import .txt or .md"). Returns the lower-case suffix."""
    problem = describe_input(path)
    if problem is not None:
        raise problem
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise InputError(
            f"不支持的文件类型“{suffix or '无扩展名'}”（{accepted[0]}）：{path}",
            f"unsupported file type {suffix or '(none)'!r} ({accepted[1]}): {path}",
        )
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // 1024 // 1024
        raise InputError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {limit} MB）：{path}",
            f"file too large ({size / 1024 / 1024:.1f} MB, limit {limit} MB): {path}",
        )
    return suffix


def read_file(
    path: str | Path,
    template: str | None = None,
    *,
    keep: list[str] | None = None,
    convert_legacy: bool = False,
    workdir: str | Path | None = None,
    progress: Progress | None = None,
) -> tuple[Material, ImportReport]:
    """Read ``path`` into a new Material and the report of what was recognised.

    ``template``: a template id the classification follows (for .json only its id is set); an
    unknown id is bad input. ``keep``: lines a previous read set aside as page furniture that
    the user brought back. ``convert_legacy``: convert an old .doc/.wps with LibreOffice (the
    user agreed); the .docx goes to ``workdir`` (kept, see ``report.read_path``) or a throw-away
    folder. ``progress(stage)`` is called with "converting" / "reading" before each step; it
    may raise to stop the read. Bad input raises InputError (zh + en), nothing is written.
    """
    path = Path(path)
    suffix = refuse_unreadable(
        path,
        (*TEXT_SUFFIXES, *WORD_SUFFIXES, ".json"),
        ("可导入 .txt .md .docx .json", "import .txt, .md, .docx or .json"),
    )
    if template:
        from app.templates import get_template

        template = get_template(template).id  # an unknown id is refused before reading
    if suffix in LEGACY_SUFFIXES and is_legacy_word_file(path):
        if not convert_legacy:
            raise LegacyWordError(
                f"不支持旧版 Word/WPS 文件（{suffix}）：{path.name}。请在 Word/WPS "
                f"中另存为 .docx 后再导入。",
                f"legacy Word/WPS {suffix} is not supported: {path.name}; please save it as .docx",
            )
        return _read_converted(path, template, keep, workdir, progress)
    _stage(progress, "reading")
    material, report = _read(path, suffix, template, keep)
    report.read_path = path
    return material, report


def read_paragraphs(path: str | Path) -> list[str]:
    """The paragraphs of a .txt/.md/.docx file, unclassified (a notice read for its framework,
    ``app.notice``): the same refusals as ``read_file`` (type, size, not a file), the same
    encodings and Word reading, hard wraps joined. Bad input raises InputError."""
    path = Path(path)
    suffix = refuse_unreadable(
        path, (*TEXT_SUFFIXES, *WORD_SUFFIXES), ("可读取 .txt .md .docx", "read .txt, .md or .docx")
    )
    if suffix in LEGACY_SUFFIXES and is_legacy_word_file(path):
        raise LegacyWordError(
            f"不支持旧版 Word/WPS 文件（{suffix}）：{path.name}。请在 Word/WPS 中另存为 .docx。",
            f"legacy Word/WPS {suffix} is not supported: {path.name}; please save it as .docx",
        )
    if suffix in TEXT_SUFFIXES:
        from collections import Counter

        from app.importers.encoding import MAX_TEXT_BYTES, check_magic, decode_bytes
        from app.importers.text import text_to_paragraphs

        try:
            with path.open("rb") as handle:
                head = handle.read(16)
                check_magic(head)
                data = head + handle.read(MAX_TEXT_BYTES)
        except OSError as exc:
            raise InputError(
                f"无法读取文件：{path}（{exc.strerror or exc}）", f"cannot read {path}: {exc}"
            ) from exc
        return text_to_paragraphs(decode_bytes(data).text, Counter())[0]
    from app.importers.docx import read_docx_paragraphs
    from app.importers.text import rejoin_hard_wraps

    read = read_docx_paragraphs(path)
    rejoined = rejoin_hard_wraps(read.paragraphs, read.hints)
    return rejoined[0] if rejoined is not None else read.paragraphs


def _read_converted(
    path: Path,
    template: str | None,
    keep: list[str] | None,
    workdir: str | Path | None,
    progress: Progress | None,
) -> tuple[Material, ImportReport]:
    _stage(progress, "converting")
    poll = (lambda: progress("converting")) if progress is not None else None
    if workdir is not None:
        converted = convert_with_soffice(path, workdir, poll=poll)
        _stage(progress, "reading")
        material, report = _read(converted, ".docx", template, keep)
        report.read_path = converted
        return material, report
    with tempfile.TemporaryDirectory(prefix="duizhao-convert-") as folder:
        converted = convert_with_soffice(path, folder, poll=poll)
        _stage(progress, "reading")
        material, report = _read(converted, ".docx", template, keep)
    report.read_path = None  # gone with its folder
    return material, report


def _read(
    path: Path, suffix: str, template: str | None, keep: list[str] | None
) -> tuple[Material, ImportReport]:
    if suffix == ".json":
        return _read_json(path, template)
    if suffix in TEXT_SUFFIXES:
        from app.importers.text import import_text_file

        return import_text_file(path, template_id=template, keep=keep)
    # A .doc/.wps that is not an old binary one goes here too: the Word reader checks the real
    # type from the bytes (a renamed .docx imports; anything else is explained).
    from app.importers.docx import import_docx_file

    return import_docx_file(path, template_id=template, keep=keep)


def _read_json(path: Path, template: str | None) -> tuple[Material, ImportReport]:
    from app.serialize import material_from_json

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"JSON 文件不是 UTF-8 编码：{path}", f"JSON file is not UTF-8: {path}"
        ) from exc
    except OSError as exc:
        raise InputError(
            f"无法读取文件：{path}（{exc.strerror or exc}）", f"cannot read {path}: {exc}"
        ) from exc
    material, links = material_from_json(text)
    if template:
        material.template_id = template
    points = material.all_points()
    report = ImportReport(
        template_id=material.template_id,
        classified=False,
        links=links,
        dimension_count=sum(len(s.dimensions) for s in material.sections),
        point_count=len(points),
        example_count=sum(1 for p in points if p.example),
    )
    return material, report


def _stage(progress: Progress | None, stage: str) -> None:
    if progress is not None:
        progress(stage)
