"""Normalisation keeps a way back to the text as typed: each normalised character is the
(width- and case-folded) character at its raw offset, whatever the input."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from app.compare.fingerprints import GUARANTEE, winnow
from app.compare.normalise import normalise, normalise_with_offsets

TEXTS = st.text(
    alphabet=st.sampled_from(list("一二三是、（）()1２.．，。；: \nＡa学习不够第①") + ["\u3000"]),
    max_size=60,
) | st.text(max_size=60)


def fold(char: str) -> str:
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:
        char = chr(code - 0xFEE0)
    return char.lower() if char.isascii() else char


@given(TEXTS)
@example("二是1.一")  # a marker right after a marker: the cut passage starts with one
@example("—1.一")  # a marker after a mark the old clause-start list did not name
def test_every_normalised_character_maps_back_to_its_raw_character(text):
    found = normalise_with_offsets(text)
    assert found.text == normalise(text)
    for index, char in enumerate(found.text):
        assert fold(text[found.raw_index(index)]) == char
    if found.text:
        start, end = found.raw_span(0, len(found.text))
        assert normalise(text[start:end]) == found.text


def test_markers_marks_and_widths_are_dropped_but_words_that_contain_them_are_not():
    assert (
        normalise("一是理论学习；（二）作风建设。3. 第一，统一是前提")
        == "理论学习作风建设统一是前提"
    )
    assert normalise("ＡＢＣ２０２１年 abc2021年") == "abc2021年abc2021年"


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40), max_size=80))
def test_a_shared_passage_of_the_guaranteed_length_shares_a_fingerprint(text):
    if len(text) < GUARANTEE:
        return
    passage = text[:GUARANTEE]
    inside = {h for h, _ in winnow(f"甲乙丙{passage}丁戊")}
    assert inside & {h for h, _ in winnow(f"子丑{passage}寅卯辰")}
