"""Recall and false positives on a material with planted faults; a clean control of similar
length gives nothing. The numbers are printed (run with -s) for the issue note."""

from __future__ import annotations

from app.checks import Finding, run_checks
from app.model import material_word_count
from tests.app.checks_helpers import data_material, planted_faults


def _matches(fault: dict, finding: Finding) -> bool:
    return (
        fault["rule"] == finding.rule
        and fault["path"] == finding.path
        and ("excerpt" not in fault or fault["excerpt"] == finding.excerpt)
    )


def test_planted_faults_are_found_with_recall_of_at_least_90_percent():
    material = data_material("planted-2021.json")
    faults = planted_faults()
    findings = run_checks(material)
    found = [fault for fault in faults if any(_matches(fault, f) for f in findings)]
    false_positives = [f for f in findings if not any(_matches(fault, f) for fault in faults)]
    recall = len(found) / len(faults)
    rules = {fault["rule"].split(".")[0] for fault in faults}
    print(
        f"\nplanted faults {len(faults)} in {len(rules)} rule families, found {len(found)}, "
        f"recall {recall:.2f}, false positives {len(false_positives)}"
    )
    for f in false_positives:
        print("  false positive:", f.rule, f.path, f.excerpt)
    assert len(faults) >= 30
    assert rules == {
        "placeholder",
        "punct",
        "formulation",
        "typo",
        "structure",
        "style",
        "concreteness",
    }
    assert recall >= 0.9, [fault for fault in faults if fault not in found]
    assert len(false_positives) <= 2


def test_clean_control_gives_no_findings_at_all():
    clean = data_material("clean-2025.json")
    planted = data_material("planted-2021.json")
    # similar length, so "no findings" is not just "less text"
    assert material_word_count(clean) >= material_word_count(planted)
    findings = run_checks(clean)
    assert [f for f in findings if f.severity == "error"] == []
    assert findings == []


def test_ignored_findings_are_left_out_by_key():
    material = data_material("planted-2021.json")
    findings = run_checks(material)
    ignored = {f.key for f in findings if f.rule.startswith("punct.")}
    rest = run_checks(material, ignored=ignored)
    assert rest and not any(f.rule.startswith("punct.") for f in rest)
    assert len(rest) == len(findings) - len(ignored)
