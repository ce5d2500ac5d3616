"""The title, date, author and outlet a plain text states, read from its lines (issue 15)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.extract.textmeta import HEAD_LINES, TextHeader, parse_stated_date, read_text_header

# Invented article text (no real articles).
P1 = "The council said the harbour bridge would reopen to traffic on Monday after six months of repairs."
P2 = "Engineers replaced the worn bearings and repainted the steel, and the work finished ahead of schedule."
P3 = "Residents who had faced long detours welcomed the news, though some said the tolls were still too high."


def header(*lines: str) -> TextHeader:
    return read_text_header(list(lines))


def assert_nothing_read(h: TextHeader) -> None:
    assert (h.title, h.published, h.author, h.outlet) == (None, None, None, None)
    assert h.drop == frozenset()
    assert h.rewrite == {}


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("2025-04-14", "2025-04-14"),
        ("2025-04-14T10:30:00Z", "2025-04-14T10:30:00+00:00"),
        ("2025-04-14T10:30:00+0200", "2025-04-14T10:30:00+02:00"),
        ("2025-04-14 10:30 BST", "2025-04-14T10:30:00+01:00"),
        ("April 14, 2025", "2025-04-14"),
        ("14 April 2025", "2025-04-14"),
        ("14th of April 2025", "2025-04-14"),
        ("Sept. 4, 2025", "2025-09-04"),
        ("Apr. 14, 2025 10:30 a.m. ET", "2025-04-14T10:30:00-04:00"),  # EDT in April
        ("Jan 20, 2025 3 pm PT", "2025-01-20T15:00:00-08:00"),  # PST in January
        ("Monday 14 April 2025 09.12 BST", "2025-04-14T09:12:00+01:00"),
        ("10:30 AM EDT, Mon April 14, 2025", "2025-04-14T10:30:00-04:00"),
        ("14 April 2025 10:30 UTC+2", "2025-04-14T10:30:00+02:00"),
        ("14/04/2025", "2025-04-14"),  # 14 > 12: day first
        ("04/14/2025", "2025-04-14"),  # 14 > 12: month first
        ("14.04.2025", "2025-04-14"),
        ("2025/04/14", "2025-04-14"),
    ],
)
def test_stated_dates_parse_to_iso(span: str, expected: str) -> None:
    assert parse_stated_date(span) == expected


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("2025-04-14T10:30:00", "2025-04-14"),  # naive time: downstream would read it as UTC
        ("April 14, 2025 10:30 a.m.", "2025-04-14"),
        ("Dec. 1, 2024 11:59 p.m. CST", "2024-12-01"),  # CST: US Central or China
    ],
)
def test_a_time_without_a_zone_that_fixes_it_keeps_only_the_date(span: str, expected: str) -> None:
    assert parse_stated_date(span) == expected


@pytest.mark.parametrize(
    "span",
    [
        "05/04/2025",  # 5 April or May 4: ambiguous, not read
        "April 14",  # no year
        "14 April",
        "31 April 2025",  # no such day
        "Tuesday 14 April 2025",  # 14 April 2025 was a Monday
        "14 April 1850",  # outside the range news dates fall in
    ],
)
def test_uncertain_dates_are_not_read(span: str) -> None:
    assert parse_stated_date(span) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("date 2025-04-14", "2025-04-14"),
        ("Date: 2025-04-14", "2025-04-14"),
        ("DATE: April 14, 2025", "2025-04-14"),
        ("Published: 14 April 2025", "2025-04-14"),
        ("Published on April 14, 2025", "2025-04-14"),
        ("Posted 2025-04-14T10:30:00Z", "2025-04-14T10:30:00+00:00"),
        ("Posted on Apr. 14, 2025 10:30 a.m. ET", "2025-04-14T10:30:00-04:00"),
        ("First published on Monday 14 April 2025 09.12 BST", "2025-04-14T09:12:00+01:00"),
        ("Updated: 14/04/2025", "2025-04-14"),  # only Updated stated: used (see module notes)
        ("Last updated 15 April 2025", "2025-04-15"),
        ("Monday 14 April 2025 09.12 BST", "2025-04-14T09:12:00+01:00"),  # a bare date line in the header
        ("April 14, 2025", "2025-04-14"),
    ],
)
def test_a_date_line_at_the_top_is_read_and_dropped(line: str, expected: str) -> None:
    h = header(line, P1, P2)
    assert h.published == expected
    assert h.drop == {0}
    assert h.rewrite == {}
    assert h.title is None


def test_a_date_prefix_is_read_and_cut_from_the_first_sentence() -> None:
    h = header("date 2025-04-14 The latest round of talks ended without agreement on Monday.", P2)
    assert h.published == "2025-04-14"
    assert h.rewrite == {0: "The latest round of talks ended without agreement on Monday."}
    assert h.drop == frozenset()


def test_a_labelled_prefix_with_a_separator_is_cut_too() -> None:
    h = header("Published: April 14, 2025 - Officials met in the capital on Monday to review the plan.", P2)
    assert h.published == "2025-04-14"
    assert h.rewrite == {0: "Officials met in the capital on Monday to review the plan."}


def test_published_beats_updated_whatever_the_order() -> None:
    h = header("Updated April 15, 2025", "Published April 14, 2025", P1)
    assert h.published == "2025-04-14"
    assert h.drop == {0, 1}
    h = header("Published April 14, 2025 10:30 a.m. ET | Updated April 15, 2025 8:00 a.m. ET", P1)
    assert h.published == "2025-04-14T10:30:00-04:00"
    assert h.drop == {0}


def test_a_label_and_date_followed_by_more_header_is_not_rewritten() -> None:
    # Only a sentence may follow a cut prefix; here the rest is a time in an unknown layout.
    h = header("Posted: April 14, 2025 8 : 20 AM ET Last Updated: April 14, 2025", P1)
    assert h.rewrite == {}
    h = header("PUBLISHED MONDAY, APRIL 14, 2025 AT 12 : 46 PM / UPDATED AT 12 : 48 PM", P1)
    assert h.rewrite == {}


def test_a_yearless_prefix_never_takes_the_year_as_text() -> None:
    h = header("Published on: Mon, 14 Apr 2025 at noon The council met on Monday to discuss the bridge.", P2)
    assert h.rewrite == {}
    assert h.published is None


def test_an_ambiguous_numeric_date_line_is_dropped_but_not_read() -> None:
    h = header("Published: 05/04/2025", P1, P2)
    assert h.published is None
    assert h.drop == {0}


def test_a_yearless_date_line_is_metadata_but_gives_no_date() -> None:
    h = header("Published April 14", P1, P2)
    assert h.published is None
    assert h.drop == {0}
    assert h.title is None


def test_relative_times_and_reading_times_are_dropped_without_a_date() -> None:
    h = header("Published 3 hours ago", "5 min read", P1)
    assert h.published is None
    assert h.drop == {0, 1}


def test_published_and_updated_lines_at_the_very_end_are_read() -> None:
    h = header(P1, P2, P3, P1, P2, P3, P1, P2, P3, P1, P2, P3, P1, "Published: 14 April 2025")
    assert h.published == "2025-04-14"
    assert h.drop == {13}
    h = header(P1, P2, "Last updated: 2025-04-15T08:00:00Z")
    assert h.published == "2025-04-15T08:00:00+00:00"
    assert h.drop == {2}


def test_a_bare_date_at_the_end_or_inside_the_article_is_article_text() -> None:
    h = header(P1, "April 15, 2025", P2, P3, "April 16, 2025")
    assert_nothing_read(h)


def test_dates_mid_sentence_are_not_read() -> None:
    h = header(
        "Updated guidance was issued on April 14, 2025 by the ministry, which said it would review it.",
        "The report was published on 14 April 2025 and posted online the same day by the agency.",
        P3,
    )
    assert_nothing_read(h)


def test_published_as_a_participle_is_prose() -> None:
    h = header("Published on April 14, 2025, the report found that most bridges needed repairs.", P2)
    assert_nothing_read(h)


# --------------------------------------------------------------------------- datelines


def test_a_reuters_dateline_gives_the_outlet_but_no_yearless_date() -> None:
    first = "CAIRO, April 14 (Reuters) - Envoys met in Cairo on Monday to seek a truce, officials said."
    h = header(first, P2)
    assert h.outlet == "Reuters"
    assert h.published is None  # "April 14" has no year
    assert h.drop == frozenset() and h.rewrite == {}  # the dateline stays in the article


def test_an_ap_dateline_without_a_date() -> None:
    h = header("WASHINGTON (AP) — The Senate voted on Tuesday to pass the bill after a long debate.", P2)
    assert (h.outlet, h.published) == ("AP", None)
    assert h.drop == frozenset() and h.rewrite == {}


@pytest.mark.parametrize(
    ("first", "outlet"),
    [
        (
            "LONDON, 14 April 2025 /PRNewswire/ -- Example Corp today announced a new product line.",
            "PR Newswire",
        ),
        (
            "SAN FRANCISCO, Calif., April 14, 2025 /PRNewswire/ -- Example Corp today said it had hired staff.",
            "PR Newswire",
        ),
        (
            "NEW YORK, April 14, 2025 (GLOBE NEWSWIRE) -- Example Corp reported higher sales for the quarter.",
            "GlobeNewswire",
        ),
        (
            "Cairo, April 14, 2025 (AFP) - Envoys met in Cairo on Monday to seek a truce, officials said.",
            "AFP",
        ),
    ],
)
def test_a_dated_dateline_gives_the_date_and_the_wire(first: str, outlet: str) -> None:
    h = header(first, P2)
    assert (h.outlet, h.published) == (outlet, "2025-04-14")
    assert h.drop == frozenset() and h.rewrite == {}


def test_a_dateline_after_the_header_lines_is_read() -> None:
    h = header(
        "Envoys meet in Cairo to seek a truce",
        "By Jane Doe",
        "CAIRO, April 14, 2025 (Reuters) - Envoys met in Cairo on Monday to seek a truce, officials said.",
        P2,
    )
    assert (h.title, h.author, h.outlet, h.published) == (
        "Envoys meet in Cairo to seek a truce",
        "Jane Doe",
        "Reuters",
        "2025-04-14",
    )
    assert h.drop == {0, 1}


def test_a_labelled_date_beats_the_dateline_date_and_a_label_beats_the_agency() -> None:
    h = header(
        "Source: The Daily Example",
        "Published: 15 April 2025",
        "CAIRO, April 14, 2025 (Reuters) - Envoys met in Cairo on Monday to seek a truce, officials said.",
    )
    assert (h.outlet, h.published) == ("The Daily Example", "2025-04-15")


def test_a_mixed_case_opening_with_a_dash_is_not_a_dateline() -> None:
    h = header("Officials - who declined to be named - said the talks would resume on Monday.", P2)
    assert_nothing_read(h)


def test_a_dateline_on_a_later_paragraph_is_not_read() -> None:
    h = header(P1, "CAIRO, April 14, 2025 (Reuters) - Envoys met in Cairo on Monday, officials said.", P2)
    assert_nothing_read(h)


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("line", "author", "outlet"),
    [
        ("By Jane Doe", "Jane Doe", None),
        ("By Jane Doe and John Roe", "Jane Doe, John Roe", None),
        ("By Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe, Ann Poe", None),
        ("By JANE DOE, Reuters", "Jane Doe", "Reuters"),
        ("Jane Doe | Reuters", "Jane Doe", "Reuters"),
        ("By Jane Doe, Staff Writer", "Jane Doe", None),
        ("By Jane Doe - Chief Economics Correspondent", "Jane Doe", None),
        ("By Jane Doe, The Daily Example", "Jane Doe", None),  # an unknown organisation is not read as outlet
        ("Written by Jane Doe", "Jane Doe", None),
        ("BY JANE O'NEIL-SMITH and Ana de la Cruz", "Jane O'Neil-Smith, Ana de la Cruz", None),
        ("By Reuters", None, "Reuters"),
        ("By The Associated Press", None, "AP"),
        ("By Staff Reporter", None, None),
        ("By DAILY EXAMPLE STAFF", None, None),
    ],
)
def test_bylines_give_the_author_and_are_dropped(line: str, author: str | None, outlet: str | None) -> None:
    h = header(line, P1, P2)
    assert (h.author, h.outlet) == (author, outlet)
    assert h.drop == {0}
    assert h.title is None


def test_a_byline_with_a_date_gives_both() -> None:
    h = header("By Jane Doe | April 14, 2025 | 4 min read", P1)
    assert (h.author, h.published, h.drop) == ("Jane Doe", "2025-04-14", {0})
    h = header("Posted on April 14, 2025 by Jane Doe", P1)
    assert (h.author, h.published, h.drop) == ("Jane Doe", "2025-04-14", {0})
    h = header("By Jane Doe, Updated April 15, 2025", P1)
    assert (h.author, h.published, h.drop) == ("Jane Doe", "2025-04-15", {0})
    h = header("Written by Jane Doe, MS, RD on April 14, 2025", P1)
    assert (h.author, h.published, h.drop) == ("Jane Doe", "2025-04-14", {0})
    h = header("By JANE DOE - 2025-04-14", P1)
    assert (h.author, h.published, h.drop) == ("Jane Doe", "2025-04-14", {0})


def test_a_byline_keeps_at_most_eight_words_of_names() -> None:
    h = header("By Jane Doe, John Roe, Ann Poe, Bob Lee and Kim Park", P1)
    assert h.author == "Jane Doe, John Roe, Ann Poe, Bob Lee"
    assert h.drop == {0}


@pytest.mark.parametrize(
    "line",
    [
        "By the time the rescuers arrived, the water had already risen above the doors of the houses.",
        "By 2030, the city expects to have replaced every bridge built before the war.",
        "By Jane Doe's own account, the talks were never close to a deal.",
        "Written by hand, the letter was delivered to the council on Monday morning.",
        "The plan was drawn up by Jane Doe and John Roe over several months of talks.",
    ],
)
def test_prose_opening_with_by_is_not_a_byline(line: str) -> None:
    assert_nothing_read(header(line, P2))


def test_a_broken_byline_is_neither_byline_nor_title() -> None:
    h = header("By Jane Doe, who has covered the region for a decade", P1)
    assert_nothing_read(h)


def test_wire_credits_at_the_end_are_dropped_and_name_the_reporters() -> None:
    h = header(P1, P2, "Reporting by Jane Doe in Cairo and John Roe in London; Editing by Ann Poe")
    assert h.author == "Jane Doe, John Roe"
    assert h.drop == {2}
    h = header(P1, P2, "(Additional reporting by Bob Lee; Writing by Jane Doe; Editing by Ann Poe)")
    assert h.author is None
    assert h.drop == {2}


def test_a_byline_beats_the_credit_names() -> None:
    h = header("By Kim Park", P1, P2, "Reporting by Jane Doe; Editing by Ann Poe")
    assert h.author == "Kim Park"
    assert h.drop == {0, 3}


# --------------------------------------------------------------------------- titles


def test_a_headline_line_followed_by_prose_is_the_title() -> None:
    h = header("Harbour bridge reopens after six months of repairs", P1, P2)
    assert h.title == "Harbour bridge reopens after six months of repairs"
    assert h.drop == {0}


def test_a_question_headline_is_a_title() -> None:
    h = header("Will the harbour bridge reopen on time?", P1, P2)
    assert h.title == "Will the harbour bridge reopen on time?"


def test_a_headline_followed_by_a_byline_and_date() -> None:
    h = header("Harbour bridge reopens", "By Jane Doe", "April 14, 2025", P1)
    assert (h.title, h.author, h.published) == ("Harbour bridge reopens", "Jane Doe", "2025-04-14")
    assert h.drop == {0, 1, 2}


def test_repeated_headlines_are_all_dropped_and_read_once() -> None:
    h = header(
        "Talks resume in Cairo as envoys seek a truce | The Daily Example",
        "Talks resume in Cairo as envoys seek a truce",
        "Talks resume in Cairo as envoys seek a truce",
        "By Jane Doe",
        P1,
    )
    assert h.title == "Talks resume in Cairo as envoys seek a truce"
    assert h.outlet is None  # a title suffix is not an outlet statement
    assert h.drop == {0, 1, 2, 3}


def test_a_copy_with_a_dashed_site_suffix_is_a_copy() -> None:
    h = header("Harbour bridge reopens", "Harbour bridge reopens – The Daily Example", P1)
    assert h.title == "Harbour bridge reopens"
    assert h.drop == {0, 1}


def test_a_first_line_of_prose_is_not_a_title() -> None:
    assert_nothing_read(header(P1, P2, P3))


@pytest.mark.parametrize(
    "lines",
    [
        ["BBC News", "Harbour bridge reopens after repairs", P1],  # a short line, then another: which is it?
        [
            "Harbour bridge reopens after repairs",
            "The bridge is open again",
            P1,
        ],  # no prose or metadata under it
        ["Home", P1, P2],  # one word
        ["Share this article", P1],  # page furniture
        ["Harbour bridge reopens"],  # nothing follows
        ["the harbour bridge reopens after repairs", P1],  # lower-case start
    ],
)
def test_lines_that_are_not_clearly_a_headline_give_no_title(lines: list[str]) -> None:
    h = read_text_header(lines)
    assert h.title is None
    assert h.drop == frozenset()


@pytest.mark.parametrize(
    "first",
    [
        'The minister said on Monday that the bridge was "safe."',  # a sentence closing inside quotes
        "The mayor called the repairs “a triumph.”",
        "CLICK HERE FOR THE FULL RESULTS",  # all capitals: a call to action or a heading
        "CAIRO, EGYPT",
        "Staff Reports",  # a byline without "By"
        "Tested by: Jane Doe Price: 40 euros More info: www.example.com",  # a spec box
    ],
)
def test_first_lines_that_look_short_but_are_not_headlines(first: str) -> None:
    h = header(first, P1, P2)
    assert h.title is None
    assert h.drop == frozenset()


# --------------------------------------------------------------------------- labels and outlets


def test_scraped_label_lines() -> None:
    h = header(
        "Title: Harbour bridge reopens",
        "URL: https://example.com/news/harbour-bridge",
        "Author: Jane Doe",
        "Source: The Daily Example",
        "Date: 14/04/2025",
        "Harbour bridge reopens",  # the page's h1 under the labels: a copy of the title
        P1,
        P2,
    )
    assert (h.title, h.author, h.outlet, h.published) == (
        "Harbour bridge reopens",
        "Jane Doe",
        "The Daily Example",
        "2025-04-14",
    )
    assert h.drop == {0, 1, 2, 3, 4, 5}
    assert h.rewrite == {}


def test_a_headline_label_and_a_bare_url_line() -> None:
    h = header("https://example.com/news/harbour-bridge", "Headline: Harbour bridge reopens", P1)
    assert h.title == "Harbour bridge reopens"
    assert h.drop == {0, 1}


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Source: Reuters", "Reuters"),
        ("Outlet: The Daily Example", "The Daily Example"),
        ("Publisher: The Daily Example", "The Daily Example"),
        ("via The Guardian", "The Guardian"),
        ("Originally published by The Daily Example", "The Daily Example"),
        ("Source: example.com", "example.com"),
    ],
)
def test_outlet_labels_at_the_top(line: str, outlet: str) -> None:
    h = header(line, P1, P2)
    assert h.outlet == outlet
    assert h.drop == {0}


def test_a_source_url_is_dropped_without_an_outlet() -> None:
    h = header("Source: https://example.com/news/harbour-bridge", P1)
    assert h.outlet is None
    assert h.drop == {0}


def test_origin_notes_at_the_end_give_the_outlet() -> None:
    h = header(P1, P2, "This article originally appeared on The Daily Example.")
    assert (h.outlet, h.drop) == ("The Daily Example", {2})
    h = header(
        P1, P2, "This article is republished from The Example Review under a Creative Commons license."
    )
    assert (h.outlet, h.drop) == ("The Example Review", {2})
    h = header(P1, P2, "This story was first published in The Daily Example. Read the original article.")
    assert (h.outlet, h.drop) == ("The Daily Example", {2})


def test_originally_published_on_a_date_is_a_date() -> None:
    h = header("Originally published on April 14, 2025", P1)
    assert (h.published, h.outlet, h.drop) == ("2025-04-14", None, {0})


def test_a_source_line_inside_the_article_is_a_chart_credit_not_the_outlet() -> None:
    h = header(P1, "Source: Office for National Statistics", P2)
    assert_nothing_read(h)


@pytest.mark.parametrize(
    "line",
    [
        "First published in The Lancet, the study found that most patients recovered within a week.",
        "Originally published in 1850, the newspaper was one of the oldest in the region.",
        "Via the new bridge, lorries can reach the port in under an hour, the council said.",
        "The source said the talks would resume on Monday, according to Reuters.",
    ],
)
def test_prose_mentioning_origins_and_sources_is_untouched(line: str) -> None:
    assert_nothing_read(header(line, P2))


def test_a_capitalised_first_line_is_never_read_as_the_outlet() -> None:
    h = header("The Daily Example", "Harbour bridge reopens after repairs", P1)
    assert h.outlet is None


# --------------------------------------------------------------------------- scope


def test_metadata_below_the_head_is_not_read() -> None:
    lines = [P1] * HEAD_LINES + ["By Jane Doe", "Published: 14 April 2025", P2, P3, P1, P2]
    assert_nothing_read(read_text_header(lines))


def test_empty_input() -> None:
    assert_nothing_read(read_text_header([]))


# --------------------------------------------------------------------------- properties

_WORDS = (
    "the a of to and in on for with that council said officials bridge harbour talks residents engineers "
    "would could after before during while report plan city minister week year people work repairs "
    "by date published updated source via posted title author written originally first reporting editing "
    "new old long short many most some other all them their there which who were was has had"
).split()
_OPENERS = (
    "The",
    "Officials",
    "Residents",
    "By",
    "Updated",
    "Published",
    "Date",
    "Source",
    "Via",
    "Written",
    "Originally",
    "Posted",
    "Title",
    "Reporting",
    "First",
    "This",
    "In",
    "After",
)
_PHRASES = ("on April 14, 2025,", "said Jane Doe,", "by Jane Doe and John Roe", "in 2025", "at 10:30 a.m. ET")


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=14, max_size=30))
    for phrase in draw(st.lists(st.sampled_from(_PHRASES), max_size=2)):
        at = draw(st.integers(min_value=2, max_value=len(words)))
        words.insert(at, phrase)
    return " ".join([draw(st.sampled_from(_OPENERS)), *words]).rstrip(",") + "."


_prose_lines = st.lists(
    st.lists(_sentence(), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=HEAD_LINES + 4
)


@settings(max_examples=300, deadline=None)
@given(_prose_lines)
def test_prose_is_never_read_dropped_or_rewritten(lines: list[str]) -> None:
    assert_nothing_read(read_text_header(lines))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=120).map(str.strip).filter(bool), max_size=20))
def test_never_crashes_and_only_points_at_its_lines(lines: list[str]) -> None:
    h = read_text_header(lines)
    assert all(0 <= i < len(lines) for i in h.drop)
    assert all(0 <= i < len(lines) and i not in h.drop for i in h.rewrite)
    assert all(lines[i].endswith(rest) and rest for i, rest in h.rewrite.items())
