"""``run_check_command`` — what ``duizhao-cli check ID [--json] [--strict]`` prints and returns."""

from __future__ import annotations

import io
import json

import pytest

from app.checks_cli import EXIT_ERRORS_FOUND, run_check_command
from app.errors import InputError
from app.library import Library
from tests.app.checks_helpers import data_material, seed_material


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "library.db")
    yield lib
    lib.close()


def run(library, material_id, *, as_json=False, strict=False):
    out = io.StringIO()
    code = run_check_command(library, material_id, as_json, strict, out)
    return code, out.getvalue()


def test_json_output_is_a_list_with_exactly_the_contract_keys(library, seed_path):
    material_id = library.create_material(seed_material(seed_path))
    code, text = run(library, material_id, as_json=True)
    assert code == 0  # findings are output, not failure
    items = json.loads(text)
    assert items and all(
        list(item) == ["rule", "severity", "path", "start", "end", "excerpt", "message", "fix"]
        for item in items
    )
    colon = [
        i
        for i in items
        if i["path"] == "problems/dimensions/4/heading_suffix" and i["rule"] == "punct.halfwidth"
    ]
    assert colon == [{**colon[0], "excerpt": ":", "fix": "："}]
    assert any(i["fix"] is None for i in items)  # null where there is no fix
    assert "dangshi" in {i["excerpt"] for i in items}


def test_strict_exits_3_only_when_errors_exist(library, seed_path):
    seed_id = library.create_material(seed_material(seed_path))
    clean_id = library.create_material(data_material("clean-2025.json"))
    assert run(library, seed_id, strict=True)[0] == EXIT_ERRORS_FOUND == 3
    assert run(library, seed_id, strict=False)[0] == 0
    code, text = run(library, clean_id, strict=True)
    assert code == 0 and text.startswith("共 0 条")


def test_text_output_one_line_per_finding_and_a_count(library):
    material_id = library.create_material(data_material("planted-2021.json"))
    code, text = run(library, material_id)
    lines = text.splitlines()
    assert code == 0
    assert lines[-1].startswith("共 47 条") and "47 findings" in lines[-1]
    assert any(
        line.startswith("错误\tpunct.halfwidth\tproblems/dimensions/1/heading_suffix:3-4\t")
        and line.endswith("→ '：" + "'")
        for line in lines
    )
    assert len(lines) == 48


def test_stored_links_answer_the_dimensions(library):
    material = data_material("planted-2021.json")
    material_id = library.create_material(material)
    stored = library.get_material(material_id)
    risk_point = stored.sections[0].dimensions[3].points[0]
    measure = stored.sections[2].points[0]
    library.link_points(risk_point.id, measure.id)
    items = json.loads(run(library, material_id, as_json=True)[1])
    assert "structure.unanswered" not in {i["rule"] for i in items}


def test_unknown_material_is_bad_input(library):
    with pytest.raises(InputError):
        run(library, 999)
