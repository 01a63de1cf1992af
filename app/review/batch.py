"""Review a folder of materials at once: every .docx/.txt/.md under it is imported (as
``duizhao-cli import`` would: ``read_file``, the template the importer suggests) into a scratch
library — a temporary file, never the user's library, removed afterwards — then each material
is checked (``run_checks``) and compared with every other material of the batch (the 查重 of
``app.compare``, every pair at once: ``overlap``), and its missing dimensions are those of its
template's framework that no dimension of its 存在的问题 matches (the structure check's
matching).

A file that cannot be imported is listed with its reason in Chinese; it never stops the batch.

Ranking (``attention_key``), most attention first: errors found by the checks, then the share of
the material's text shared with other materials of the batch, then missing dimensions, then
warnings; ties by file name. Errors come first because a reviewer sends those back in any case;
a copied material next, because a share says more than a count of missing parts.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.checks import Finding, run_checks
from app.compare.similar import DEFAULT_MIN_CHARS
from app.errors import DuizhaoError, InputError
from app.importers.legacy import LEGACY_SUFFIXES
from app.model import Material

SUFFIXES = (".docx", ".txt", ".md")
MAX_FILES = 2000  # beyond this it is not a batch of materials but a disk
SEVERITY_RANK = {"error": 0, "warning": 1, "hint": 2}

# progress(stage, done, total): stage is "import", "check" or "similar".
Progress = Callable[[str, int, int], object]


@dataclass(frozen=True)
class SharedWith:
    """Characters of this material (normalised, punctuation and numbering left out) found in
    ``other``'s text; ``share`` is of this material's characters."""

    other: str  # the other material's file, relative to the folder
    other_title: str
    chars: int
    share: float
    example: str = ""  # the longest shared passage, normalised (no punctuation), cut short


@dataclass
class MaterialReview:
    file: str  # relative to the folder, "/"-separated
    title: str
    organization: str
    template_id: str
    template_name: str
    year: int | None
    chars: int
    shared_chars: int
    findings: list[Finding]
    shared: list[SharedWith]  # most characters first
    missing_dimensions: list[str]  # the framework's short names
    rank: int = 0

    @property
    def share(self) -> float:
        return self.shared_chars / self.chars if self.chars else 0.0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass(frozen=True)
class ImportFailure:
    file: str
    reason: str  # Chinese


@dataclass
class BatchReview:
    folder: str
    min_chars: int
    materials: list[MaterialReview] = field(default_factory=list)  # ranked
    failures: list[ImportFailure] = field(default_factory=list)


def attention_key(review: MaterialReview) -> tuple:
    """Sort key, most attention first (see the module docstring)."""
    return (
        -review.count("error"),
        -round(review.share, 4),
        -len(review.missing_dimensions),
        -review.count("warning"),
        review.file,
    )


def collect_files(folder: str | Path) -> tuple[Path, list[Path], list[ImportFailure]]:
    """The folder (resolved), its material files in name order, and old Word/WPS files listed
    as failures. A missing folder, a file, or a folder with no material file is InputError."""
    root = Path(folder).expanduser().absolute()
    if not root.exists():
        raise InputError(f"文件夹不存在：{root}", f"folder does not exist: {root}")
    if not root.is_dir():
        raise InputError(f"不是文件夹：{root}", f"not a folder: {root}")
    try:
        found = sorted(p for p in root.rglob("*") if p.is_file())
    except OSError as exc:
        raise InputError(
            f"无法读取文件夹：{root}", f"cannot read the folder {root}: {exc}"
        ) from exc
    # Word's owner files (~$材料.docx, while a document is open) and hidden files are no
    # materials: passed over, not listed as failures.
    found = [p for p in found if not p.name.startswith(("~$", "."))]
    files = [p for p in found if p.suffix.lower() in SUFFIXES]
    legacy = [
        ImportFailure(_relative(p, root), "旧版 Word/WPS 文件，请另存为 .docx 后再审阅")
        for p in found
        if p.suffix.lower() in LEGACY_SUFFIXES
    ]
    if not files:
        raise InputError(
            f"文件夹里没有 .docx/.txt/.md 材料：{root}",
            f"no .docx/.txt/.md material in the folder: {root}",
        )
    if len(files) > MAX_FILES:
        raise InputError(
            f"文件夹里的材料太多（{len(files)} 份，上限 {MAX_FILES}）：{root}",
            f"too many materials in the folder ({len(files)}, limit {MAX_FILES}): {root}",
        )
    return root, files, legacy


def review_folder(
    folder: str | Path,
    *,
    min_chars: int = DEFAULT_MIN_CHARS,
    progress: Progress | None = None,
) -> BatchReview:
    """Import, check and compare every material of ``folder``. InputError when the folder is
    missing, holds no material file, or no file could be imported."""
    from app.library import Library

    root, files, failures = collect_files(folder)
    report = BatchReview(str(root), min_chars, failures=list(failures))
    tick = progress or (lambda *_: None)
    with tempfile.TemporaryDirectory(prefix="duizhao-review-") as scratch:
        library = Library.open(Path(scratch) / "review.duizhao", auto_backup=False)
        try:
            imported = _import_all(library, root, files, report.failures, tick)
            if not imported:
                raise InputError(
                    f"文件夹里没有能导入的材料（{len(report.failures)} 个文件均无法读取）：{root}",
                    f"no material in the folder could be imported "
                    f"({len(report.failures)} unreadable files): {root}",
                )
            stored = {mid: library.get_material(mid) for mid in imported}
            checked = {}
            for done, (mid, material) in enumerate(stored.items(), start=1):
                checked[mid] = run_checks(material)
                tick("check", done, len(stored))
            from app.review.overlap import batch_overlaps

            overlaps = batch_overlaps(
                stored, min_chars, lambda done, total: tick("similar", done, total)
            )
            names = {mid: (imported[mid], stored[mid].title) for mid in imported}
            for mid in imported:
                report.materials.append(
                    _review(imported[mid], stored[mid], checked[mid], overlaps[mid], names)
                )
        finally:
            library.close()
    report.materials.sort(key=attention_key)
    for rank, review in enumerate(report.materials, start=1):
        review.rank = rank
    return report


def _import_all(
    library, root: Path, files: list[Path], failures: list[ImportFailure], tick: Progress
) -> dict[int, str]:
    """Material id → relative file, in file order; what fails is added to ``failures``."""
    from app.importers import read_file

    read: list[tuple[str, Material, list | None]] = []
    for done, path in enumerate(files, start=1):
        name = _relative(path, root)
        try:
            material, import_report = read_file(path)
            read.append((name, material, import_report.links or None))
        except DuizhaoError as err:
            failures.append(ImportFailure(name, err.zh))
        except (OSError, ValueError, KeyError, IndexError) as exc:  # a reader's unforeseen case
            failures.append(ImportFailure(name, f"无法读取（{type(exc).__name__}：{exc}）"))
        tick("import", done, len(files))
    try:  # one transaction for the batch (the index refresh runs once)
        ids = library.create_materials([(material, links) for _, material, links in read])
        return dict(zip(ids, (name for name, _, _ in read), strict=True))
    except DuizhaoError:  # one material the library refuses: store them one by one
        pass
    imported: dict[int, str] = {}
    for name, material, links in read:
        try:
            imported[library.create_material(material, links)] = name
        except DuizhaoError as err:
            failures.append(ImportFailure(name, err.zh))
    return imported


def _review(file: str, material: Material, findings, overlap, names) -> MaterialReview:
    template_id, template_name, missing = missing_dimensions(material)
    order = sorted(findings, key=lambda f: SEVERITY_RANK.get(f.severity, 9))  # stable: reading
    chars = overlap.chars
    shared = [
        SharedWith(
            names[other][0],
            names[other][1],
            count,
            count / chars if chars else 0.0,
            overlap.example[other],
        )
        for other, count in overlap.with_other.items()
    ]
    return MaterialReview(
        file=file,
        title=material.title,
        organization=material.organization,
        template_id=template_id,
        template_name=template_name,
        year=material.year,
        chars=chars,
        shared_chars=overlap.shared_chars,
        findings=order,
        shared=sorted(shared, key=lambda s: (-s.chars, s.other)),
        missing_dimensions=missing,
    )


def missing_dimensions(material: Material) -> tuple[str, str, list[str]]:
    """(template id, template name, the framework's dimensions no problem dimension of the
    material matches). A material whose framework was not recognised has none to miss."""
    from app.checks.structure import match_dimensions
    from app.templates import get_template

    try:
        template = get_template(material.template_id)
    except InputError:
        return material.template_id, "", []
    if not template.dimensions:
        return template.id, template.name, []
    problems = material.section("problems")
    matched = match_dimensions(problems, template) if problems is not None else {}
    found = {td.short_name for td in matched.values()}
    missing = [td.short_name for td in template.dimensions if td.short_name not in found]
    return template.id, template.name, missing


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
