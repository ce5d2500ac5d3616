"""Text-mode extraction: the article inside plain text, its stated metadata, and the line model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storytrace.errors import NoArticle
from storytrace.extract import extract_document
from storytrace.extract.text import (
    FEATURES,
    LineModel,
    default_line_model,
    extract_plain_text,
    line_features,
    split_lines,
)
from storytrace.model import Document
from storytrace.settings import Config

GOLDEN = Path(__file__).parent / "golden" / "text"
CASES = sorted(
    p.name.removesuffix(".txt") for p in GOLDEN.glob("*.txt") if not p.name.endswith(".expected.txt")
)


def _golden(name: str) -> tuple[str, dict[str, object]]:
    expected = json.loads((GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    return (GOLDEN / f"{name}.txt").read_text(encoding="utf-8"), expected


# ----------------------------------------------------------------- golden files


@pytest.mark.parametrize("name", CASES)
def test_golden_text_files_keep_the_story_and_read_what_they_state(name: str) -> None:
    text, expected = _golden(name)
    result = extract_plain_text(text)
    assert result.text == (GOLDEN / f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    for field in ("title", "published", "author", "outlet"):
        assert getattr(result, field) == expected[field], field


def test_every_furniture_kind_of_a_short_scraped_file_is_removed() -> None:
    text = (GOLDEN / "scraped-talks.txt").read_text(encoding="utf-8")
    body = extract_plain_text(text).text
    for furniture in (
        "cookies",
        "Breadcrumb",
        "Home/",
        "Advertisement",
        "Scroll to continue",
        "Tags:",
        "Ceasefire talks resume",  # the headline, three times: it is the title, not the body
    ):
        assert furniture not in body, furniture
    assert body.startswith("The latest round of talks")
    assert body.endswith("first phase of a truce.")


def test_a_text_file_through_ingest_gets_its_stated_title_and_date() -> None:
    text = (GOLDEN / "scraped-talks.txt").read_text(encoding="utf-8")
    doc = Document(source="talks.txt", kind="file", body=text.encode("utf-8"), media_type="text")
    result = extract_document(doc, Config())
    assert result.title == "Ceasefire talks resume in Port Aldane as mediators press both sides"
    assert result.published == "2025-04-14"
    assert "Breadcrumb" not in result.text


def test_fields_a_text_does_not_state_stay_empty() -> None:
    text = (
        "The council met on a wet evening to discuss the bus lanes on the high street, which traders say "
        "have cost them passing trade since they opened in the spring.\n\n"
        "Several members said they would ask for a review of the scheme before the budget is set, and the "
        "chair promised a report by the end of the month."
    )
    result = extract_plain_text(text)
    assert (result.title, result.published, result.author, result.outlet) == (None, None, None, None)
    assert result.text == text


def test_a_text_of_only_furniture_has_no_article() -> None:
    text = "Home\nNews\nSport\nWeather\nAccept all cookies\nSign in\nSubscribe\n© 2025 Example Media"
    doc = Document(source="menu.txt", kind="file", body=text, media_type="text")
    with pytest.raises(NoArticle):
        extract_document(doc, Config())


# ----------------------------------------------------------------- lines


def test_hard_wrapped_paragraphs_are_judged_as_one_line() -> None:
    wrapped = (
        "The rescue teams reached the village of Dravic late on Tuesday after a\n"
        "landslide had blocked the only road for most of the day, according to the\n"
        "regional emergency service, which said more crews were on their way.\n"
    )
    lines = split_lines(wrapped + "\nHome\nNews\nSport\n")
    assert lines[0][0].startswith("The rescue teams reached") and lines[0][0].endswith("on their way.")
    assert [line for line, _ in lines[1:]] == ["Home", "News", "Sport"]


def test_menu_lines_are_not_joined_as_wrapped_prose() -> None:
    lines = split_lines("Home\nNews\nSport\nWeather\n")
    assert len(lines) == 4


def test_features_have_one_row_per_line_and_the_model_names_them() -> None:
    lines = split_lines("Headline of the day\n\nA first paragraph of the story, with a comma.\n\nHome\nNews")
    x = line_features(lines, "Headline of the day")
    assert x.shape == (len(lines), len(FEATURES))
    model = default_line_model()
    assert "tuning part" in model.fitted_on
    assert LineModel.from_json(model.to_json()).cut == model.cut


def test_a_model_fitted_on_other_features_is_refused() -> None:
    data = default_line_model().to_json()
    data["features"] = [*data["features"], "something new"]  # type: ignore[list-item]
    with pytest.raises(ValueError, match="other features"):
        LineModel.from_json(data)


# ----------------------------------------------------------------- property

_WORDS = (
    "the council said on monday that it would review the plan after residents complained about "
    "noise and traffic in the area where the new depot is due to open next year and officials "
    "added that a decision was expected before the summer while local businesses warned of "
    "higher costs for deliveries"
).split()

_sentence = st.lists(st.sampled_from(_WORDS), min_size=12, max_size=30).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + "."
)
_paragraph = st.lists(_sentence, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_paragraph, min_size=1, max_size=8))
def test_cleanup_never_empties_a_text_of_article_like_paragraphs(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    result = extract_plain_text(text)
    assert result.text.strip()
    kept = len(result.text.split())
    assert kept >= 0.5 * len(text.split())


# ----------------------------------------------------------------- routing and fields


_PLAIN = (
    "CAIRO, April 14, 2025 (Reuters) - Mediators met both delegations on Monday to press for a truce, "
    "officials said, in the first talks since the ceasefire collapsed in the spring.\n\n"
    "The talks are expected to last three days, and a second round is planned for next month if both "
    "sides agree on the sequencing of a prisoner exchange."
)


def test_html_content_without_a_tag_is_read_as_text() -> None:
    # Feed content and JSONL "html" fields are sometimes plain text: the text path reads its dateline.
    doc = Document(source="feed.xml#entry=1", kind="feed", body=_PLAIN, media_type="html")
    result = extract_document(doc, Config())
    assert result.text.startswith("CAIRO, April 14, 2025 (Reuters) - Mediators met")
    assert result.published == "2025-04-14"
    assert result.outlet == "Reuters"


def test_the_address_beats_an_outlet_the_text_states() -> None:
    doc = Document(
        source="a.jsonl#line=1",
        kind="jsonl",
        body=_PLAIN,
        media_type="text",
        url="https://www.example.co.uk/a",
    )
    assert extract_document(doc, Config()).outlet == "example.co.uk"
