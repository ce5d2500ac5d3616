"""Sentence splitting and sentence alignment between two texts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.reuse.align import MAX_FUZZY_SENTENCES, align, order_consistency
from storytrace.reuse.sentences import (
    is_boilerplate,
    sentence_key,
    split_paragraphs,
    split_sentences,
)

WIRE = (
    "KESSOVA, Arvenia, Sept 3 (Meridian Wire) - A magnitude 6.4 earthquake struck the Dravic Highlands "
    "before dawn on Wednesday, killing as many as 25 people and damaging more than 1,200 homes.\n\n"
    "The quake hit at 3:12 a.m. local time at a depth of 10 km, about 14 km north-east of Kessova. "
    "At least four aftershocks above magnitude 4 followed within two hours.\n\n"
    "Civil protection chief Mirela Tanase said rescue teams were still trying to reach several villages. "
    '"We are still reaching villages that have been cut off. The numbers will change," she told state radio.\n\n'
    "The Dravic Highlands are one of the most seismically active areas in Arvenia. "
    "A magnitude 5.9 quake in the same region in 1987 killed 11 people."
)


def texts(spans: list) -> list[str]:
    return [s.text for s in spans]


# -- split_sentences -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith arrived. He left.", ["Mr. Smith arrived.", "He left."]),
        ("Growth was 2.3 percent. It rose.", ["Growth was 2.3 percent.", "It rose."]),
        ("He met Gen. Voss on Jan. 5. Talks began.", ["He met Gen. Voss on Jan. 5.", "Talks began."]),
        ("John F. Kennedy spoke. Crowds cheered.", ["John F. Kennedy spoke.", "Crowds cheered."]),
        ("The U.S. economy grew. Prices fell.", ["The U.S. economy grew.", "Prices fell."]),
        ("She lives in the U.S. The job is new.", ["She lives in the U.S.", "The job is new."]),
        ('"It is over." The crowd left.', ['"It is over."', "The crowd left."]),
        ('"Why?" he asked. Nobody knew.', ['"Why?" he asked.', "Nobody knew."]),
        ("It hit at 3 a.m. local time. Then calm.", ["It hit at 3 a.m. local time.", "Then calm."]),
        ("Heading\nBody text here. More.", ["Heading", "Body text here.", "More."]),
        ("No stop at the end", ["No stop at the end"]),
    ],
)
def test_split_sentences_handles_news_abbreviations_decimals_and_quotes(
    text: str, expected: list[str]
) -> None:
    assert texts(split_sentences(text)) == expected


def test_quotation_spanning_two_sentences_stays_with_its_attribution() -> None:
    text = '"We are still reaching villages. The numbers will change," she said. Rain fell.'
    assert texts(split_sentences(text)) == [
        '"We are still reaching villages. The numbers will change," she said.',
        "Rain fell.",
    ]


def test_unbalanced_quote_does_not_swallow_the_paragraph() -> None:
    text = '"We will not stop. Nobody can make us. Ever.'
    assert len(split_sentences(text)) == 3


def test_paragraph_break_always_splits() -> None:
    assert texts(split_sentences("First line without stop\n\nSecond line")) == [
        "First line without stop",
        "Second line",
    ]


def test_split_paragraphs_gives_offsets_of_non_blank_lines() -> None:
    text = "  One para.  \n\n\nTwo para.\n   \n"
    paras = split_paragraphs(text)
    assert texts(paras) == ["One para.", "Two para."]
    assert all(text[p.start : p.end] == p.text for p in paras)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            list("aAbZ .!?\"'\u201c\u201d\n\t,:;09\u00e9") + ["Mr.", "U.S.", " 2.3 ", "Jan. ", "A. "]
        ),
        max_size=120,
    ).map("".join)
)
def test_split_sentences_never_crashes_and_offsets_are_consistent(text: str) -> None:
    spans = split_sentences(text)
    last_end = 0
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.text.strip() == span.text and span.text
        assert span.start >= last_end
        last_end = span.end
    # Nothing but whitespace is lost.
    covered = "".join(s.text for s in spans)
    assert "".join(covered.split()) == "".join(text.split())


def test_sentence_key_folds_number_formats_quotes_and_case() -> None:
    assert sentence_key("More than 1,200 homes \u201cfell\u201d.") == sentence_key(
        'more than 1 200 homes "fell".'
    )


def test_boilerplate_lines_are_recognised_but_news_sentences_are_not() -> None:
    assert is_boilerplate("Sign up for our newsletter")
    assert is_boilerplate("All rights reserved.")
    assert is_boilerplate("(Reporting by Lukas Ferrand; Editing by Claire Dunmore)")
    assert not is_boilerplate("The quake hit at 3:12 a.m. local time at a depth of 10 km.")


# -- align ---------------------------------------------------------------------


def test_identical_texts_align_every_sentence_verbatim_in_one_passage() -> None:
    al = align(WIRE, WIRE)
    n = len(split_sentences(WIRE))
    assert len(al.pairs) == n and al.verbatim_share == 1.0
    assert al.source_char_share == al.target_char_share == 1.0
    assert len(al.passages) == 1
    p = al.passages[0]
    assert (p.source_start, p.target_end, p.kind, p.similarity) == (0, len(WIRE), "verbatim", 1.0)


def test_number_reformat_is_still_verbatim() -> None:
    al = align(WIRE, WIRE.replace("1,200", "1 200"))
    assert al.verbatim_share == 1.0


def test_lightly_edited_lead_aligns_as_edited() -> None:
    target = WIRE.replace("KESSOVA, Arvenia, Sept 3 (Meridian Wire) - ", "")
    al = align(WIRE, target)
    first = al.pairs[0]
    assert first.kind == "edited" and 0.6 <= first.similarity < 1.0
    assert al.target_sentence_share == 1.0


def test_reordered_paragraphs_still_align_and_passages_point_into_both_texts() -> None:
    paras = WIRE.split("\n\n")
    target = "\n\n".join([paras[2], paras[0], paras[3], paras[1]])
    al = align(WIRE, target)
    assert al.target_sentence_share == 1.0 and al.source_sentence_share == 1.0
    assert al.order_consistency < 1.0
    for p in al.passages:
        assert WIRE[p.source_start : p.source_end] == target[p.target_start : p.target_end]
    # Each moved paragraph comes out as its own passage (adjacent ones may merge).
    assert 2 <= len(al.passages) <= 4


def test_each_target_sentence_aligns_to_at_most_one_source_sentence() -> None:
    source = "The same sentence is repeated here. The same sentence is repeated here."
    al = align(source, "The same sentence is repeated here.")
    assert len(al.pairs) == 1
    assert len({p.target_index for p in al.pairs}) == len(al.pairs)


def test_unrelated_texts_do_not_align() -> None:
    other = "The city council approved a new budget for parks on Tuesday. Libraries will open longer."
    al = align(WIRE, other)
    assert al.pairs == [] and al.passages == []


def test_empty_and_one_line_texts_give_empty_or_tiny_alignments() -> None:
    assert align("", WIRE).pairs == []
    assert align(WIRE, "   \n ").pairs == []
    assert align("Hello.", "Hello.").target_sentence_share == 1.0


def test_paraphrase_needs_vectors_and_the_threshold() -> None:
    source = "Rescue teams could not reach the villages in the mountains overnight."
    target = "Emergency crews were unable to get to the highland hamlets during the night."
    assert align(source, target).pairs == []
    v = np.array([[1.0, 0.0]], dtype=np.float32)
    w = np.array([[0.8, 0.6]], dtype=np.float32)  # cosine 0.8
    al = align(source, target, v, w, paraphrase_threshold=0.75)
    assert [p.kind for p in al.pairs] == ["paraphrase"] and al.pairs[0].similarity == pytest.approx(0.8)
    assert align(source, target, v, w, paraphrase_threshold=0.85).pairs == []


def test_vectors_that_do_not_match_the_sentences_are_refused() -> None:
    v = np.ones((1, 4), dtype=np.float32)
    with pytest.raises(ValueError, match="do not match"):
        align(WIRE, WIRE, v, v)


def test_reversed_alignment_swaps_sides() -> None:
    target = WIRE.replace("KESSOVA, Arvenia, Sept 3 (Meridian Wire) - ", "")
    al = align(WIRE, target)
    back = al.reversed()
    assert back.source_sentences == al.target_sentences
    assert {(p.source_index, p.target_index) for p in back.pairs} == {
        (p.target_index, p.source_index) for p in al.pairs
    }


def test_very_long_texts_are_capped_for_fuzzy_matching_but_align_verbatim() -> None:
    sentences = [f"Sentence number {i} talks about item {i * 7} in district {i % 13}." for i in range(1500)]
    text = " ".join(sentences)
    al = align(text, text)
    assert al.truncated
    assert len(al.pairs) == 1500  # verbatim matching is not capped
    assert MAX_FUZZY_SENTENCES < 1500


def test_order_consistency_is_longest_increasing_run_share() -> None:
    assert order_consistency([]) == 1.0
    assert order_consistency([0, 1, 2, 3]) == 1.0
    assert order_consistency([3, 2, 1, 0]) == 0.25
    assert order_consistency([0, 1, 5, 2, 3]) == 0.8


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(list("aZ .,'\"\t-") + ["1,200", "1 200", "12", "3.14", "1.234", " 000"]), max_size=40
    ).map("".join)
)
def test_sentence_key_fast_path_equals_normalise_for_comparison(text: str) -> None:
    from storytrace.extract.normalise import normalise_for_comparison

    assert sentence_key(text) == normalise_for_comparison(text)
