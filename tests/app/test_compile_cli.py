"""`duizhao-cli compile ID... -o FILE`: the 汇编 from the command line, its options, and bad
input (one bilingual line, exit 2, nothing written)."""

from __future__ import annotations

import pypdf
import pytest

from app.cli import main
from app.library import Library
from app.model import Material, Point, Section


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _material(title: str, scope: str, rank: int = 0) -> Material:
    return Material(
        title=title,
        organization="县政府党组",
        scope=scope,
        year=2021,
        meeting="民主生活会",
        rank=rank,
        sections=[Section(kind="problems", heading="存在的问题", points=[Point(title="学习不够")])],
    )


@pytest.fixture
def library_ids(tmp_path):
    path = tmp_path / "lib.db"
    with Library.open(path) as library:
        second = library.create_material(_material("李四个人材料", "individual", 2))
        first = library.create_material(_material("张三个人材料", "individual", 1))
        group = library.create_material(_material("班子材料", "group"))
    return path, [second, first, group]


def outline_titles(path) -> list[str]:
    return [item.title for item in pypdf.PdfReader(path).outline if not isinstance(item, list)]


def test_compile_writes_one_pdf_in_the_given_order_or_by_rank(tmp_path, library_ids, capsys):
    lib, ids = library_ids
    out = tmp_path / "out" / "汇编.pdf"
    out.parent.mkdir()
    code, stdout, err = run(capsys, "--library", lib, "compile", *ids, "-o", out, "--odd-pages")
    assert code == 0, err
    assert stdout.strip() == str(out)
    assert outline_titles(out) == ["目录", "李四个人材料", "张三个人材料", "班子材料"]
    cover = pypdf.PdfReader(out).pages[0].extract_text()
    assert "对照检查材料汇编" in cover and "县政府党组" in cover and "2021年度民主生活会" in cover

    code, _out, err = run(
        capsys, "--library", lib, "compile", *ids, "-o", out, "--by-rank", "--title", "材料汇编"
    )
    assert code == 0, err
    assert outline_titles(out) == ["目录", "班子材料", "张三个人材料", "李四个人材料"]
    assert "材料汇编" in pypdf.PdfReader(out).pages[0].extract_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999"], "999"),  # no such material
        (["{0}", "{0}"], "两次"),  # the same material twice
        (["{0}", "--suffix", ".txt"], ".pdf"),  # a format a compilation is not written in
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_file(tmp_path, library_ids, capsys, args, message):
    lib, ids = library_ids
    suffix = ".pdf"
    if "--suffix" in args:
        suffix = args[args.index("--suffix") + 1]
        args = args[: args.index("--suffix")]
    out = tmp_path / f"汇编{suffix}"
    code, stdout, err = run(
        capsys, "--library", lib, "compile", *[a.format(ids[0]) for a in args], "-o", out
    )
    assert code == 2
    assert stdout == ""
    assert len(err.strip().splitlines()) == 1 and message in err and " / error: " in err
    assert not out.exists()
