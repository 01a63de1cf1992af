"""Build ``v6.db``: the library of ``v2.db`` as schema version 6 stores it
(``m007_similarity_renormalise``: the 查重 index built again after normalising changed), for the
test that every later Duizhao still opens it and keeps its content. Made as ``make_v5`` makes
v5, one step further. Run from the repository root:

    .venv/bin/python tests/data/libraries/make_v6.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # a script run from anywhere; not a package import path

from make_v5 import V5_MIGRATIONS  # noqa: E402
from make_v5 import build as build_v5  # noqa: E402

V6_MIGRATIONS = [*V5_MIGRATIONS, "m007_similarity_renormalise"]


def build(path: Path) -> None:
    build_v5(path, V6_MIGRATIONS)


if __name__ == "__main__":
    build(HERE / "v6.db")
    print(HERE / "v6.db")
