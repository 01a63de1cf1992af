"""ReportLab runs with its C accelerator (rl_accel): without it every number on a page and every
font checksum goes through pure Python, ≈ 10 % of a small export's work (issue 19)."""

from __future__ import annotations


def test_reportlab_uses_its_c_accelerator():
    from reportlab.lib import rl_accel

    assert rl_accel._py_funcs == {}, f"pure-Python fallbacks in use: {sorted(rl_accel._py_funcs)}"
    assert type(rl_accel.fp_str).__name__ == "builtin_function_or_method"
