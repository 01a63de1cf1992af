"""Library search: FTS5 trigram for 3+ characters, LIKE for 1–2, CJK text, snippets in 【】,
trashed materials left out, the index kept in step with every edit."""

from __future__ import annotations

import pytest
from store_samples import sample_material

from app.library.search import snippet
from app.model import Point


@pytest.fixture
def mid(lib):
    return lib.create_material(sample_material())


def fields(hits):
    return [(h.node_id, h.field) for h in hits]


def test_three_characters_or_more_use_the_trigram_index(lib, mid):
    point = lib.get_material(mid).sections[0].dimensions[0].points[0]
    (hit,) = lib.search("以干代学")
    assert (hit.material_id, hit.node_id, hit.field) == (mid, point.id, "example")
    assert hit.material_title == sample_material().title
    assert hit.snippet == "个别同志存在【以干代学】的现象"


def test_two_characters_fall_back_to_like(lib, mid):
    hits = lib.search("四风")
    m = lib.get_material(mid)
    assert fields(hits) == [
        (m.sections[0].dimensions[1].points[0].id, "title"),
        (m.sections[2].points[1].id, "title"),
    ]
    assert all("【四风】" in h.snippet for h in hits)


def test_one_character_matches_too(lib, mid):
    assert {h.field for h in lib.search("会")} >= {"title", "preamble", "body"}


def test_material_fields_are_found_without_a_node(lib, mid):
    (hit,) = lib.search("抓好整改落实")
    assert (hit.node_id, hit.field) == (None, "closing")
    (hit,) = lib.search("精心准备")
    assert (hit.node_id, hit.field) == (None, "preamble")


def test_headings_and_intros_are_searched(lib, mid):
    m = lib.get_material(mid)
    assert fields(lib.search("深刻感悟")) == [(m.sections[0].dimensions[0].id, "heading")]
    assert fields(lib.search("中央八项规定")) == [(m.sections[0].dimensions[1].id, "intro")]


def test_query_characters_are_taken_literally(lib, mid):
    lib.update_node(lib.get_material(mid).sections[2].points[0].id, body='他说"AND" OR 100%_完成*')
    assert len(lib.search('"AND" OR')) == 1
    assert len(lib.search("100%_")) == 1
    assert lib.search("%_") != [] and lib.search("_%") == []
    assert lib.search("NOT") == []


def test_latin_text_is_matched_case_insensitively(lib, mid):
    lib.update_node(lib.get_material(mid).sections[2].points[0].id, body="推进 COVID-19 防控")
    assert len(lib.search("covid")) == 1


def test_edits_update_the_index(lib, mid):
    point_id = lib.get_material(mid).sections[2].points[0].id
    lib.update_node(point_id, body="全新的独特措辞")
    assert fields(lib.search("独特措辞")) == [(point_id, "body")]
    assert lib.search("首要政治任务") == []
    lib.delete_node(point_id)
    assert lib.search("独特措辞") == []
    new_id = lib.insert_point(lib.get_material(mid).sections[1].id, 0, Point(example="第三种说法"))
    assert fields(lib.search("第三种说法")) == [(new_id, "example")]
    lib.update_material(mid, preamble=["换了开头"])
    assert lib.search("精心准备") == [] and len(lib.search("换了开头")) == 1


def test_trashed_materials_are_not_searched(lib, mid):
    lib.trash_material(mid)
    assert lib.search("以干代学") == [] and lib.search("四风") == []
    lib.restore_from_trash(lib.list_trash()[0].id)
    assert len(lib.search("以干代学")) == 1


def test_search_within_one_material_and_limit(lib, mid):
    other = lib.create_material(sample_material())
    assert {h.material_id for h in lib.search("学习")} == {mid, other}
    assert {h.material_id for h in lib.search("学习", material_id=mid)} == {mid}
    assert len(lib.search("学习", limit=3)) == 3
    assert lib.search("") == [] and lib.search("   ") == []


def test_snippet_is_about_forty_characters_around_the_hit():
    text = "甲" * 100 + "目标词" + "乙" * 100
    s = snippet(text, "目标词")
    assert "【目标词】" in s
    assert s.startswith("…") and s.endswith("…")
    assert 38 <= len(s.strip("…").replace("【", "").replace("】", "")) <= 42


def test_snippet_at_the_start_and_end_of_short_text():
    assert snippet("目标词在开头", "目标词") == "【目标词】在开头"
    assert snippet("结尾是目标词", "目标词") == "结尾是【目标词】"


def _expected_hits(material, query):
    """(node_id, field) of every text containing ``query``, computed without the library."""
    out = set()
    for field in ("title", "preamble", "closing"):
        value = getattr(material, field)
        if query.lower() in ("\n".join(value) if isinstance(value, list) else value).lower():
            out.add((None, field))
    for s in material.sections:
        nodes = [(s, ("heading", "intro")), *((d, ("heading", "intro")) for d in s.dimensions)]
        nodes += [(p, ("title", "body", "example")) for p in s.all_points()]
        for node, names in nodes:
            for name in names:
                value = getattr(node, name)
                if (
                    query.lower()
                    in ("\n".join(value) if isinstance(value, list) else value).lower()
                ):
                    out.add((node.id, name))
    return out


@pytest.mark.parametrize("fallback", [False, True])
def test_short_queries_find_exactly_the_texts_containing_them(lib, mid, monkeypatch, fallback):
    if fallback:  # too many trigrams: the plain LIKE scan must give the same answer
        monkeypatch.setattr("app.library.search.MAX_SHORT_TERMS", 0)
    lib.insert_point(lib.get_material(mid).sections[1].id, 0, Point(title="整改", body="Ab"))
    m = lib.get_material(mid)
    text = m.title + "".join(m.preamble) + "".join(p.title + p.body for p in m.all_points())
    queries = sorted({text[i : i + n] for n in (1, 2) for i in range(len(text) - n + 1)} - {" "})
    queries += ["ab", "AB", "改"]
    for query in queries:
        got = {(h.node_id, h.field) for h in lib.search(query, limit=1000)}
        assert got == _expected_hits(m, query), query
