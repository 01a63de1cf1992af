"""`duizhao-cli diff ID --from SNAPSHOT [--to SNAPSHOT] [--json]`."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.library import Library
from tests.app.test_cli import assert_one_line_error, library_hash


@pytest.fixture
def versions(tmp_path, seed_path):
    """A library with the seed, snapshot 征求意见稿, an edit, snapshot 定稿, another edit."""
    path = tmp_path / "library.db"
    assert main(["--library", str(path), "import", str(seed_path)]) == 0
    library = Library.open(path)
    try:
        first = library.create_snapshot(1, "征求意见稿")
        material = library.get_material(1)
        point = material.sections[0].dimensions[0].points[0]
        point.body = point.body.replace("还不够积极主动", "还不太积极主动")
        library.replace_material(1, material)
        second = library.create_snapshot(1, "定稿")
        material.title = "定稿后又改的标题"
        library.replace_material(1, material)
    finally:
        library.close()
    return path, first, second


def run(capsys, path, *args) -> tuple[int, str, str]:
    code = main(["--library", str(path), *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_diff_between_two_snapshots_marks_the_changed_characters(versions, capsys):
    path, first, second = versions
    code, out, _err = run(capsys, path, "diff", 1, "--from", first, "--to", "定稿")
    assert code == 0
    assert out.startswith("比较：征求意见稿（") and "→ 定稿（" in out
    assert "修改 1" in out
    assert "还不【删：够】【增：太】积极主动" in out
    assert "定稿后又改的标题" not in out  # the current text is not one of the two


def test_diff_against_the_current_text_by_default(versions, capsys):
    path, _first, second = versions
    code, out, _err = run(capsys, path, "diff", 1, "--from", second)
    assert code == 0 and "→ 当前文本" in out
    assert "【修改标题】" in out and "【增：定稿后又改的标题】" in out


def test_json_lists_the_changes_with_their_runs(versions, capsys):
    path, first, _second = versions
    code, out, _err = run(capsys, path, "diff", 1, "--from", first, "--json")
    data = json.loads(out)
    assert code == 0 and data["to"] == "当前文本"
    assert data["summary"] == {"added": 0, "removed": 0, "moved": 0, "edited": 2}
    point = next(c for c in data["changes"] if c["unit"] == "point")
    assert {"kind": "insert", "text": "太"} in point["runs"]


@pytest.mark.parametrize("bad", ["99", "初稿"])
def test_an_unknown_snapshot_is_bad_input(versions, capsys, bad):
    path = versions[0]
    before = library_hash(path)
    code, out, err = run(capsys, path, "diff", 1, "--from", bad)
    assert code == 2 and out == ""
    assert_one_line_error(err, f"没有历史版本“{bad}”", "1（征求意见稿）")
    assert library_hash(path) == before


def test_a_snapshot_of_another_material_is_refused(versions, capsys, seed_path):
    path, first, _second = versions
    assert main(["--library", str(path), "import", str(seed_path)]) == 0
    capsys.readouterr()
    code, _out, err = run(capsys, path, "diff", 2, "--from", first)
    assert code == 2 and "材料 2 没有历史版本" in err
