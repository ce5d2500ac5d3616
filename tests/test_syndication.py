"""The documented syndication edits of bench/syndication.py do what their docstrings say."""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import syndication as S

PARAGRAPHS = (
    "WASHINGTON — Officials said on Monday that 1,200 people began to leave the city.",
    "The evacuation started after a large storm, officials said.",
    "About 25000 homes lost power, and 12,345,678 dollars of damage was reported in 2010.",
    "Police told residents to stay near shelters. However, some people refused.",
    "The storm killed three people, the agency announced.",
    "Forecasters said the rain would end by Friday.",
)
TEXT = "\n".join(PARAGRAPHS)
BLANK_LINE_TEXT = TEXT.replace("\n", "\n\n")

paragraph = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60
)
texts = st.lists(paragraph.filter(lambda p: p.strip()), min_size=1, max_size=12).map("\n".join)


@pytest.mark.parametrize("name", [*S.TEXT_EDITS])
def test_each_text_edit_is_deterministic_for_a_seed(name: str) -> None:
    edit = S.TEXT_EDITS[name]
    assert edit(TEXT, random.Random(5)) == edit(TEXT, random.Random(5))


def test_apply_edits_is_deterministic_and_uses_one_to_four_edits() -> None:
    for seed in range(30):
        a = S.apply_edits(TEXT, "Storm hits city", random.Random(seed), ["Other story"])
        b = S.apply_edits(TEXT, "Storm hits city", random.Random(seed), ["Other story"])
        assert (a.text, a.title, a.edits) == (b.text, b.title, b.edits)
        assert 1 <= len(a.edits) <= 4
        assert set(a.edits) <= set(S.ALL_EDITS)


@given(texts, st.integers(0, 10_000))
def test_trimmed_ending_keeps_a_proper_prefix_of_paragraphs(text: str, seed: int) -> None:
    paras = S.split_paragraphs(text)
    out = S.split_paragraphs(S.trim_ending(text, random.Random(seed)))
    assert out == paras[: len(out)]
    if len(paras) >= 2:
        assert 1 <= len(out) < len(paras)
        # at most 40% dropped (rounded), at least one
        assert len(paras) - len(out) <= max(1, round(len(paras) * 0.4))


@given(texts, st.integers(0, 10_000))
def test_swapped_paragraphs_keep_the_multiset_and_the_first_and_last(text: str, seed: int) -> None:
    paras = S.split_paragraphs(text)
    out = S.split_paragraphs(S.swap_paragraphs(text, random.Random(seed)))
    assert Counter(out) == Counter(paras)
    assert out[0] == paras[0] and out[-1] == paras[-1]
    if len(paras) >= 4:
        assert sum(a != b for a, b in zip(out, paras, strict=True)) in (0, 2)


def test_swap_changes_the_order_of_a_long_text() -> None:
    assert S.swap_paragraphs(TEXT, random.Random(1)) != TEXT


_NUMBER_SEPARATORS = re.compile(r"(?<=\d)[ ,](?=\d{3})")


@given(st.lists(st.integers(0, 99_999_999), min_size=1, max_size=6), st.integers(0, 10_000))
def test_number_reformat_changes_only_digit_group_separators(numbers: list[int], seed: int) -> None:
    text = " and ".join(f"{n:,}" if i % 2 else str(n) for i, n in enumerate(numbers)) + " in 2010, 3.14."
    out = S.reformat_numbers(text, random.Random(seed))
    # Removing group separators from both gives the same text.
    assert _NUMBER_SEPARATORS.sub("", out) == _NUMBER_SEPARATORS.sub("", text)
    assert "2010" in out and "3.14" in out
    assert re.sub(r"\d", "", out).replace(" ", "").replace(",", "") == re.sub(r"\d", "", text).replace(
        " ", ""
    ).replace(",", "")


def test_number_reformat_examples() -> None:
    outs = {S.reformat_numbers("1,200 and 25000 in 2010", random.Random(seed)) for seed in range(20)}
    assert outs == {"1 200 and 25 000 in 2010", "1200 and 25000 in 2010", "1,200 and 25,000 in 2010"}


@given(texts, st.integers(0, 10_000))
def test_boilerplate_insertion_only_adds_lines(text: str, seed: int) -> None:
    paras = S.split_paragraphs(text)
    out = S.split_paragraphs(S.insert_boilerplate(text, random.Random(seed), ["Other headline"]))
    assert 1 <= len(out) - len(paras) <= 3
    # Removing the inserted lines (in order) leaves the original paragraphs.
    it = iter(out)
    assert all(any(p == q for q in it) for p in paras)
    extra = Counter(out) - Counter(paras)
    assert all(line in S.BOILERPLATE or line == "READ: Other headline" for line in extra.elements())


def test_lead_edit_removes_a_dateline_and_touches_only_the_first_paragraph() -> None:
    out = S.lead_edit(TEXT, random.Random(0))
    first = S.split_paragraphs(out)[0]
    assert first == "Officials said on Monday that 1,200 people began to leave the city."
    assert S.split_paragraphs(out)[1:] == S.split_paragraphs(TEXT)[1:]


@pytest.mark.parametrize("seed", range(10))
def test_lead_edit_without_dateline_adds_one_or_rewords(seed: int) -> None:
    text = "Officials said that people began to leave.\nSecond paragraph."
    out = S.lead_edit(text, random.Random(seed))
    first = S.split_paragraphs(out)[0]
    assert first != "Officials said that people began to leave."
    assert any(first.startswith(d) for d in S._DATELINES) or len(first.split()) == 7
    assert out.endswith("\nSecond paragraph.")


def test_light_word_edits_swap_listed_words_only() -> None:
    out = S.light_word_edits(TEXT, random.Random(3))
    assert out != TEXT
    before, after = TEXT.split(), out.split()
    changed = [w for w in before if w not in after]
    assert changed and all(re.sub(r"\W", "", w).lower() in S.SYNONYMS for w in changed)
    assert len(S.split_paragraphs(out)) == len(S.split_paragraphs(TEXT))


@pytest.mark.parametrize("seed", range(10))
def test_headline_swap_always_gives_a_new_headline(seed: int) -> None:
    title = "Storm hits city"
    assert S.headline_swap(title, TEXT, random.Random(seed)) not in ("", title)
    assert S.headline_swap(None, TEXT, random.Random(seed))


def test_blank_line_paragraphs_keep_their_separator() -> None:
    for name, edit in S.TEXT_EDITS.items():
        out = edit(BLANK_LINE_TEXT, random.Random(2))
        assert "\n\n" in out, name


@settings(max_examples=50)
@given(st.integers(0, 10_000))
def test_split_sentences_keeps_every_word(seed: int) -> None:
    rng = random.Random(seed)
    words = ["Mr.", "Smith", "said", "the", "U.S.", "Army", "left.", "Then", "3", "people", "came!"]
    text = " ".join(rng.choice(words) for _ in range(20))
    assert " ".join(S.split_sentences(text)).split() == text.split()
