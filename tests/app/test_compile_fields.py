"""The 汇编 fields of a material (issue 17): the author's 职务 and the member's rank, stored in
the library (m004), in JSON (optional, old files load), and the compile order they give."""

from __future__ import annotations

import json

import pytest

from app.errors import InputError
from app.model import Material, Point, Section
from app.serialize import material_from_json, material_to_json


def _material(title: str, scope: str = "individual", **fields) -> Material:
    return Material(
        title=title,
        scope=scope,
        sections=[Section(kind="problems", heading="存在的问题", points=[Point(title="学习不够")])],
        **fields,
    )


def test_job_title_and_rank_are_stored_and_read_back(lib):
    mid = lib.create_material(_material("张三同志个人对照检查材料", author="张三"))
    lib.update_material(mid, job_title="县委副书记", rank=2)
    material = lib.get_material(mid)
    assert (material.author, material.job_title, material.rank) == ("张三", "县委副书记", 2)


@pytest.mark.parametrize("bad", [-1, 10_000, True, "2", 1.5, None])
def test_a_bad_rank_is_refused_and_nothing_changes(lib, bad):
    mid = lib.create_material(_material("材料", rank=3))
    with pytest.raises(InputError) as caught:
        lib.update_material(mid, rank=bad, job_title="不应写入")
    assert "排序" in caught.value.zh
    assert (lib.get_material(mid).rank, lib.get_material(mid).job_title) == (3, "")


def test_json_carries_the_fields_only_when_set_so_older_files_are_unchanged():
    plain = material_to_json(_material("无职务"))
    assert "job_title" not in plain and '"rank"' not in plain
    text = material_to_json(_material("有职务", job_title="县长", rank=3))
    material, _links = material_from_json(text)
    assert (material.job_title, material.rank) == ("县长", 3)
    assert material_to_json(material) == text


def test_a_file_written_before_the_fields_existed_still_loads():
    data = json.loads(material_to_json(_material("旧文件")))
    data.pop("job_title", None)
    data.pop("rank", None)
    material, _links = material_from_json(json.dumps(data, ensure_ascii=False))
    assert (material.job_title, material.rank) == ("", 0)


@pytest.mark.parametrize("bad", [-3, "一", True, 99_999])
def test_a_bad_rank_in_json_names_the_field(bad):
    data = json.loads(material_to_json(_material("坏文件")))
    data["rank"] = bad
    with pytest.raises(InputError) as caught:
        material_from_json(json.dumps(data, ensure_ascii=False))
    assert "$.rank" in caught.value.zh


def test_compile_order_puts_the_group_first_then_members_by_rank_unranked_last(lib):
    unranked = lib.create_material(_material("未排序成员"))
    second = lib.create_material(_material("成员二", rank=2))
    first = lib.create_material(_material("成员一", rank=1))
    group = lib.create_material(_material("班子材料", scope="group"))
    trashed = lib.create_material(_material("已删除", rank=1))
    lib.trash_material(trashed)
    order = [e.id for e in lib.list_compile_entries()]
    assert order == [group, first, second, unranked]
    chosen = lib.list_compile_entries([unranked, first, 999])
    assert [e.id for e in chosen] == [first, unranked]
    assert chosen[0].title == "成员一"
