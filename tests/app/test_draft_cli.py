"""``duizhao-cli draft``: next year's draft with the suggested mapping and, by default when last
year's 整改清单 was kept, the 上年度整改落实情况 section; bad input is exit 2, one line, and the
library as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.cli import main
from app.library import Library
from app.serialize import material_to_json
from tests.app.previous_rectification_samples import last_year


@pytest.fixture
def stored(tmp_path, capsys) -> tuple[Path, str]:
    """(library file, id of last year's material as the CLI imported it)."""
    source = tmp_path / "last-year.json"
    source.write_text(material_to_json(last_year()), encoding="utf-8")
    path = tmp_path / "library.db"
    assert main(["--library", str(path), "import", str(source)]) == 0
    material_id = capsys.readouterr().out.strip()
    return path, material_id


def draft(path: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(path), "draft", *args])
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err


def digest(path: Path) -> str:
    return hashlib.sha256(
        b"".join(p.read_bytes() for p in sorted(path.parent.glob("*.db*")))
    ).hexdigest()


def test_draft_maps_to_the_new_framework_and_opens_with_the_review(stored, capsys):
    path, old_id = stored
    code, out, err = draft(path, capsys, old_id, "--template", "2025-niandu-wugedaitou")
    assert code == 0, err
    assert "3 项措施" in err
    with Library.open(path, readonly=True) as lib:
        new = lib.get_material(int(out))
    assert (new.year, new.template_id) == (2025, "2025-niandu-wugedaitou")
    assert new.title == "县政府党组2025年度民主生活会对照检查材料"  # the new framework's title
    assert [s.kind for s in new.sections] == [
        "previous_rectification",
        "problems",
        "causes",
        "measures",
    ]
    assert new.sections[0].points[0].body.startswith("已完成。")
    problems = new.section("problems")
    # last year's point goes where the suggested mapping puts 两个确立: kept, not lost
    assert "学习态度不够积极" in [p.title for p in problems.all_points()]
    assert {m.status for m in new.section("measures").points} == {"not_started"}


def test_no_review_and_a_year_and_title_of_ones_own(stored, capsys):
    path, old_id = stored
    code, out, _err = draft(
        path,
        capsys,
        old_id,
        "--template",
        "2021-dangshi-wugedaitou",
        "--year",
        "2022",
        "--title",
        "县政府党组2022年度对照检查材料",
        "--no-review",
    )
    assert code == 0
    with Library.open(path, readonly=True) as lib:
        new = lib.get_material(int(out))
    assert (new.year, new.title) == (2022, "县政府党组2022年度对照检查材料")
    assert [s.kind for s in new.sections] == ["problems", "causes", "measures"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["999", "--template", "2025-niandu-wugedaitou"], "999"),
        (["{id}", "--template", "1999-nothing"], "没有这个模板"),
        (["{id}", "--template", "2025-niandu-wugedaitou", "--year", "20255"], "年度应在"),
        (["{id}", "--template", "2025-niandu-wugedaitou", "--year", "二〇二五"], "命令行参数有误"),
        (["abc", "--template", "2025-niandu-wugedaitou"], "命令行参数有误"),
        (["{id}"], "命令行参数有误"),
    ],
)
def test_bad_input_is_exit_2_and_leaves_the_library_as_it_was(stored, capsys, args, fragment):
    path, old_id = stored
    before = digest(path)
    code, out, err = draft(path, capsys, *(a.format(id=old_id) for a in args))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("错误：") and " / error: " in err
    assert fragment in err
    assert digest(path) == before


def test_review_of_a_material_without_measures_is_refused(tmp_path, capsys):
    bare = last_year()
    bare.sections.pop()
    source = tmp_path / "bare.json"
    source.write_text(material_to_json(bare), encoding="utf-8")
    path = tmp_path / "library.db"
    assert main(["--library", str(path), "import", str(source)]) == 0
    old_id = capsys.readouterr().out.strip()
    before = digest(path)
    code, _out, err = draft(path, capsys, old_id, "--template", "custom", "--review")
    assert code == 2 and "没有整改措施" in err
    assert digest(path) == before
    code, out, _err = draft(path, capsys, old_id, "--template", "custom")  # default: no review
    assert code == 0 and out
