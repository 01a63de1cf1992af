"""``duizhao-cli similar``: Chinese report, ``--json`` in the documented shape, ``--against`` a
folder of .txt 范文, ``--min-chars``; bad input is one bilingual line and exit 2, the library
untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from similar_samples import COPIED, OWN_TEXT, material

from app.cli import main
from app.library import Library


@pytest.fixture
def library(tmp_path) -> Path:
    path = tmp_path / "library.db"
    with Library.open(path) as lib:
        lib.create_material(material([("旧题", f"{OWN_TEXT[0]}，{COPIED}。")], year=2021))
        lib.create_material(material([("新题", f"{OWN_TEXT[1]}，{COPIED}。{OWN_TEXT[2]}。")]))
    return path


@pytest.fixture
def fanwen(tmp_path) -> Path:
    """A folder of downloaded 范文: one shares a clause, one shares nothing, one is no text."""
    folder = tmp_path / "范文"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "范文一.txt").write_text(
        f"一、存在的问题\n（一）{OWN_TEXT[2]}；其他内容与本材料毫不相干\n", encoding="gb18030"
    )
    (folder / "范文二.md").write_text(f"# 标题\n\n{OWN_TEXT[5]}\n", encoding="utf-8")
    (folder / "损坏.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "旧稿.doc").write_bytes(b"\xd0\xcf\x11\xe0old word")
    return folder


def run(capsys, library: Path, *args) -> tuple[int, str, str]:
    code = main(["--library", str(library), "similar", *[str(a) for a in args]])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_report_names_each_shared_passage_with_both_spans_in_chinese(capsys, library):
    code, out, _ = run(capsys, library, 2)
    assert code == 0
    body = f"{OWN_TEXT[1]}，{COPIED}。{OWN_TEXT[2]}。"
    start = body.index(COPIED)
    assert f"【problems/dimensions/0/points/0/body {start}-{start + len(COPIED)}】{COPIED}" in out
    assert "本单位/本人往年材料 材料 1（2021年 对照检查材料）" in out
    assert "存在的主要问题：18 / " in out and "重复字数 18 / " in out


def test_against_a_folder_of_texts_finds_the_shared_clause_and_lists_what_it_skipped(
    capsys, library, fanwen
):
    code, out, _ = run(capsys, library, 2, "--against", fanwen, "--json")
    assert code == 0
    found = json.loads(out)
    from_files = [m for m in found["matches"] if m["source"]["kind"] == "file"]
    (match,) = from_files
    assert match["source"]["file"] == str(fanwen / "sub" / "范文一.txt")
    assert match["span"]["text"] == OWN_TEXT[2]
    assert (match["source_span"]["paragraph"], match["source_span"]["start"]) == (1, 3)
    assert match["source_span"]["text"] == OWN_TEXT[2]
    assert [s["file"] for s in found["skipped_files"]] == [
        str(fanwen / "旧稿.doc"),
        str(fanwen / "损坏.txt"),
    ]
    assert "另存为 .docx" in found["skipped_files"][0]["reason"]
    assert found["sources_compared"] == 1 + 2  # last year's material and two readable files


def test_json_has_the_documented_shape(capsys, library):
    code, out, _ = run(capsys, library, 2, "--json")
    found = json.loads(out)
    assert set(found) == {
        "material_id", "title", "min_chars", "chars", "shared_chars", "share",
        "sources_compared", "sections", "matches", "repeated_problems", "skipped_files",
    }  # fmt: skip
    (match,) = found["matches"]
    assert set(match) == {"span", "source", "source_span", "passage_chars", "unit_share"}
    assert set(match["span"]) == {"node_id", "field", "paragraph", "start", "end", "text", "path"}
    assert match["source"]["material_id"] == 1 and match["source"]["relation"] == "earlier"


def test_min_chars_raises_the_bar(capsys, library):
    assert json.loads(run(capsys, library, 2, "--json", "--min-chars", 19)[1])["matches"] == []


@pytest.mark.parametrize(
    "args, fragment",
    [
        ((99,), "没有编号为 99 的材料"),
        (("--against", "/no/such/范文.txt"), "文件不存在"),
        (("--min-chars", 3), "不能小于 8"),
        (("abc",), "命令行参数有误"),
    ],
)
def test_bad_input_is_one_bilingual_line_and_exit_2(capsys, library, args, fragment):
    before = digest(library)
    code, out, err = run(capsys, library, *(args if args[0] in (99, "abc") else (2, *args)))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("错误：") and " / error: " in err
    assert fragment in err
    assert digest(library) == before


def test_a_file_too_large_to_compare_says_its_size_and_the_limit(capsys, library, tmp_path):
    huge = tmp_path / "范文.txt"
    with huge.open("wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: the size alone refuses it
    code, out, err = run(capsys, library, 2, "--against", huge)
    assert code == 2 and out == ""
    assert "文件过大（65.0 MB，上限 64 MB）" in err
    assert "file too large (65.0 MB, limit 64 MB)" in err


def test_a_folder_with_nothing_readable_is_bad_input(capsys, library, tmp_path):
    empty = tmp_path / "空"
    empty.mkdir()
    (empty / "a.txt").write_bytes(b"\x00\x00binary")
    code, _, err = run(capsys, library, 2, "--against", empty)
    assert code == 2 and "没有可比对" in err


def test_all_compares_with_every_material_of_the_library(capsys, library):
    with Library.open(library) as lib:
        other = lib.create_material(
            material([("别家", f"{OWN_TEXT[3]}，{COPIED}。")], organization="外单位", year=2019)
        )
    related = json.loads(run(capsys, library, 2, "--json")[1])
    everything = json.loads(run(capsys, library, 2, "--json", "--all")[1])
    assert {m["source"]["material_id"] for m in related["matches"]} == {1}
    assert {m["source"]["material_id"] for m in everything["matches"]} == {1, other}
    assert {m["source"]["relation"] for m in everything["matches"]} == {"earlier", "other"}


def test_a_repeated_problem_is_listed_with_last_years_measures(capsys, tmp_path):
    path = tmp_path / "repeated.db"
    with Library.open(path) as lib:
        old = lib.create_material(
            material([("督办不力", f"{COPIED}，{OWN_TEXT[0]}。")], measures=[("台账", OWN_TEXT[6])])
        )
        lib.update_material(old, year=2021)
        tree = lib.get_material(old)
        problem, measure = tree.sections[0].dimensions[0].points[0], tree.sections[1].points[0]
        lib.link_points(problem.id, measure.id)
        new = lib.create_material(material([("督办不力", f"{COPIED}，{OWN_TEXT[0]}。")]))
    code, out, _ = run(capsys, path, new)
    assert code == 0
    assert (
        f"problems/dimensions/0/points/0「督办不力」与 材料 {old}（2021年 对照检查材料） "
        f"重复 100%；上年要点 节点 {problem.id}，对应整改措施：节点 {measure.id}；未标记完成"
    ) in out
