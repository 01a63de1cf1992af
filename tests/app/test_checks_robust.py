"""Any material, however odd, is checked without crashing, and every fix applies cleanly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.checks import apply_edit, apply_fixes, run_checks
from app.checks.paths import get_text
from app.model import Dimension, Material, Point, Section

ALPHABET = (
    "学习党史不够，。、；：？！“”‘’（）《》\"',;:?!() "
    "\n　XxX某【】*2021年dangshimzshh二十大越来愈多…—"
)
texts = st.text(alphabet=ALPHABET, max_size=60)
points = st.builds(Point, title=texts, body=texts, example=texts)
dimensions = st.builds(
    Dimension,
    heading=texts,
    heading_prefix=texts,
    heading_suffix=texts,
    intro=st.lists(texts, max_size=2),
    points=st.lists(points, max_size=3),
)
sections = st.builds(
    Section,
    kind=st.sampled_from(["problems", "causes", "measures", "other"]),
    heading=texts,
    intro=st.lists(texts, max_size=2),
    dimensions=st.lists(dimensions, max_size=2),
    points=st.lists(points, max_size=3),
)
materials = st.builds(
    Material,
    title=texts,
    organization=st.sampled_from(["", "县政府党组", "党组"]),
    year=st.sampled_from([None, 2019, 2021, 2025]),
    template_id=st.sampled_from(["custom", "2021-dangshi-wugedaitou", "no-such-template"]),
    preamble=st.lists(texts, max_size=2),
    sections=st.lists(sections, max_size=4),
    closing=st.lists(texts, max_size=1),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(materials)
def test_random_materials_are_checked_and_fixed_without_errors(material):
    findings = run_checks(material)
    for f in findings:
        assert f.severity in ("error", "warning", "hint")
        assert get_text(material, f.path)[f.start : f.end] == f.excerpt
    for edit in apply_fixes(material, findings):
        apply_edit(material, edit)
    run_checks(material)


def test_empty_material():
    findings = run_checks(Material())
    assert {f.rule for f in findings} == {"structure.section_missing"}
