"""sha256 of the PDFs a set of materials renders to, recorded once and checked after a change to
the PDF internals (issue 19: a speed-up must not change a byte). Not a bench_*.py: `make bench`
does not run it.

    .venv/bin/python benchmarks/pdf_identity.py record /tmp/pdf-hashes.json   # before
    .venv/bin/python benchmarks/pdf_identity.py check /tmp/pdf-hashes.json    # after each change

The set: the seed (default options and every option turned), the punctuation stress material,
the ≈500-page material of the benchmarks, a 汇编 of three (plain and odd pages), every import
fixture, and random materials mixing CJK, punctuation, Latin words, digits and spaces.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import random
import sys
from collections.abc import Callable, Iterator

from _bench import REPO, seed_path

os.environ["DUIZHAO_FONTS"] = "bundled"

from app.exporters.compile_options import CompileOptions  # noqa: E402
from app.exporters.compile_pdf import render_compiled_pdf  # noqa: E402
from app.exporters.pdf import render_pdf  # noqa: E402
from app.exporters.pdf_options import PdfOptions  # noqa: E402
from app.importers.text import import_text_file  # noqa: E402
from app.model import Dimension, Material, Point, Section  # noqa: E402
from app.serialize import material_from_json  # noqa: E402
from tests.app.compile_samples import three_materials  # noqa: E402

DATA = REPO / "tests" / "data"
ALL_ON = PdfOptions(
    point_paragraphs=True,
    bold_point_titles=True,
    page_number_position="center",
    include_signature=True,
)
BOLD = PdfOptions(bold_point_titles=True, include_signature=True)


def _seed() -> Material:
    return import_text_file(seed_path())[0]


def _stress() -> Material:
    text = (DATA / "stress-punctuation.json").read_text(encoding="utf-8")
    return material_from_json(text)[0]


def _big(copies: int = 67) -> Material:
    material = _seed()
    material.sections = [s for _ in range(copies) for s in material.sections]
    return material


def _three() -> list[Material]:
    return three_materials(_seed())


_PIECES = (
    list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你")
    + list("，。、；：？！（）《》“”‘’…—%")
    + ["——", "……", "COVID-19", "2.5%", "1,000", "GB/T 9704", "http://a.b/c", " ", "  ", "\t"]
    + ["Word", "PDF", "x", "(1)", '"q"', "'s'", "2021年", "①", "·", "\xa0", "A" * 30]
)


def _random_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(n))


def _random_material(seed: int) -> Material:
    rng = random.Random(seed)
    dims = [
        Dimension(
            heading=_random_text(rng, rng.randint(2, 20)),
            intro=[_random_text(rng, rng.randint(0, 40))],
            points=[
                Point(
                    title=_random_text(rng, rng.randint(0, 30)),
                    body=_random_text(rng, rng.randint(0, 200)),
                )
                for _ in range(rng.randint(1, 4))
            ],
        )
        for _ in range(rng.randint(1, 4))
    ]
    return Material(
        title=_random_text(rng, rng.randint(1, 40)),
        author=_random_text(rng, rng.randint(0, 8)),
        date="2021年12月" if seed % 2 else "",
        preamble=[_random_text(rng, rng.randint(0, 300))],
        sections=[
            Section(kind="problems", heading=_random_text(rng, 8), dimensions=dims),
            Section(kind="measures", heading=_random_text(rng, 6), intro=[_random_text(rng, 90)]),
        ],
        closing=[_random_text(rng, rng.randint(0, 60))],
    )


def cases() -> Iterator[tuple[str, Callable[[], bytes]]]:
    yield "seed", lambda: render_pdf(_seed())[0]
    yield "seed-all-options", lambda: render_pdf(_seed(), ALL_ON)[0]
    yield "stress", lambda: render_pdf(_stress())[0]
    yield "stress-bold", lambda: render_pdf(_stress(), BOLD)[0]
    yield "500-pages", lambda: render_pdf(_big())[0]
    yield "compile-three", lambda: render_compiled_pdf(_three())[0]
    yield (
        "compile-three-odd",
        lambda: render_compiled_pdf(_three(), CompileOptions(odd_pages=True, layout=ALL_ON))[0],
    )
    for folder in ("import", "import-shapes"):
        for path in sorted((DATA / folder).glob("*.txt")) + sorted((DATA / folder).glob("*.md")):
            material = import_text_file(path)[0]
            yield f"{folder}/{path.name}", lambda m=material: render_pdf(copy.deepcopy(m))[0]
    for n in range(12):
        options = ALL_ON if n % 3 == 0 else PdfOptions()
        yield f"random-{n}", lambda n=n, o=options: render_pdf(_random_material(n), o)[0]


def fingerprints() -> dict[str, str]:
    out = {}
    for name, render in cases():
        try:
            out[name] = hashlib.sha256(render()).hexdigest()
        except Exception as exc:  # a refusal is part of the behaviour too
            out[name] = f"error: {type(exc).__name__}: {exc}"
    return out


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "check"):
        print(__doc__)
        return 2
    action, path = sys.argv[1:]
    now = fingerprints()
    if action == "record":
        with open(path, "w", encoding="utf-8") as f:
            json.dump(now, f, ensure_ascii=False, indent=1)
        print(f"recorded {len(now)} fingerprints in {path}")
        return 0
    with open(path, encoding="utf-8") as f:
        before = json.load(f)
    changed = [k for k in before if now.get(k) != before[k]] + [k for k in now if k not in before]
    for k in changed:
        print(f"CHANGED {k}: {before.get(k)} → {now.get(k)}")
    print(f"{len(now) - len(changed)}/{len(now)} identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
