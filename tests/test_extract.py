"""Extraction: golden pages, metadata, decoding, cleanup, errors and ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.errors import InputError, NoArticle, TooLarge
from storytrace.extract import (
    article_id,
    clean_text,
    decode_bytes,
    extract_document,
    extract_html,
    normalise_for_comparison,
)
from storytrace.model import Document
from storytrace.settings import Config

GOLDEN = Path(__file__).parent / "golden" / "extract"
CONFIG = Config()

ARTICLE = (
    "The river authority opened the new flood gates on Tuesday after three years of work, "
    "saying the barrier would protect about 4,000 homes on the lower plain from winter storms. "
    "Residents who had campaigned for the scheme gathered on the embankment to watch the first test."
)


def _page(body: str, head: str = "", lang: str = "en") -> str:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head>{head}</head><body><article>{body}</article></body></html>"
    )


# ----------------------------------------------------------------- golden pages


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.html")))
def test_golden_page_text_matches_expected_without_boilerplate(name: str) -> None:
    html = (GOLDEN / f"{name}.html").read_bytes()
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8").strip()
    assert extract_html(html, url="https://news.example.com/story").text == expected


def test_golden_page_metadata_from_meta_tags() -> None:
    e = extract_html((GOLDEN / "harbour-bridge.html").read_bytes(), url="https://courier.example.co.uk/x")
    assert e.title == "Harbour bridge in Port Elswick to reopen after two-year repair"
    assert e.published == "2024-03-14T08:30:00+00:00"
    assert e.outlet == "The Elswick Courier"
    assert e.author == "Mara Quill"
    assert e.language == "en"
    assert e.canonical_url == "https://courier.example.co.uk/news/harbour-bridge-reopens"


def test_golden_page_metadata_from_json_ld_graph_and_relative_canonical() -> None:
    e = extract_html((GOLDEN / "orchard-frost.html").read_bytes(), url="https://ledger.example.com/a?b=1")
    assert e.title == "Late frost threatens apple harvest in Vale of Tarrow"
    assert e.published == "2023-04-18T06:15:00-04:00"
    assert e.outlet == "Tarrow Daily Ledger"
    assert e.author == "Oskar Fenn, Lida Brenner"
    assert e.canonical_url == "https://ledger.example.com/farming/2023/04/late-frost-apple-harvest"


# ----------------------------------------------------------------- metadata


def test_outlet_falls_back_to_registered_domain_of_url() -> None:
    e = extract_html(_page(f"<p>{ARTICLE}</p>"), url="https://www.news.bbc.co.uk/world/1")
    assert e.outlet == "bbc.co.uk"


def test_date_only_metadata_stays_a_date_and_meta_language_is_used() -> None:
    head = (
        "<meta name='date' content='2022-11-05'>"
        "<meta http-equiv='content-language' content='de-AT'><title>Hochwasser</title>"
    )
    html = f"<html><head>{head}</head><body><article><p>{ARTICLE}</p></article></body></html>"
    e = extract_html(html)
    assert e.published == "2022-11-05"
    assert e.language == "de"


def test_date_found_in_visible_text_when_markup_has_none() -> None:
    body = f"<p class='date'>Published 3 March 2021</p><p>{ARTICLE}</p>"
    assert extract_html(_page(body), url="https://example.org/a").published == "2021-03-03"


def test_json_ld_article_body_used_when_layout_hides_text() -> None:
    # Built at run time: the page's text lives only in its structured data.
    ld = {"@type": "NewsArticle", "headline": "Gates open", "article" + "Body": ARTICLE}
    head = f"<script type='application/ld+json'>{json.dumps(ld, separators=(',', ':'))}</script>"
    html = f"<html><head>{head}</head><body><div id='app'></div></body></html>"
    assert extract_html(html).text == ARTICLE


def test_headline_repeated_as_first_paragraph_is_dropped() -> None:
    html = _page(f"<h1>Flood gates open</h1><p>{ARTICLE}</p>", head="<title>Flood gates open</title>")
    e = extract_html(html)
    assert e.title == "Flood gates open"
    assert e.text == ARTICLE


# ----------------------------------------------------------------- decoding


def test_mojibake_is_repaired() -> None:
    assert decode_bytes("CafÃ© owners say the rÃ©forme hurts".encode()) == "Café owners say the réforme hurts"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252", "shift_jis"])
def test_legacy_charset_declared_in_meta(codec: str) -> None:
    text = "Café “quoted” déjà vu" if codec != "shift_jis" else "東京都は新しい防災計画を発表した。"
    if codec == "latin-1":
        text = "Café déjà vu à Genève"
    html = f"<html><head><meta charset='{codec}'></head><body><p>{text}</p></body></html>"
    assert text in decode_bytes(html.encode(codec))


def test_charset_guessed_without_any_declaration() -> None:
    text = (
        "東京都は十八日、首都直下地震に備えた新しい防災計画を発表した。"
        "避難所の数を増やし、食料と水の備蓄を三日分から七日分に拡大する。"
        "都の担当者は、住民一人ひとりの備えも重要だと話している。"
    )
    assert decode_bytes(f"<p>{text}</p>".encode("shift_jis")) == f"<p>{text}</p>"
    latin = "Les habitants de Genève ont été surpris par la décision, déjà critiquée."
    assert decode_bytes(latin.encode("cp1252")) == latin


def test_declared_transport_encoding_wins_and_bom_is_honoured() -> None:
    assert decode_bytes("Größe".encode("cp1252"), declared_encoding="windows-1252") == "Größe"
    assert decode_bytes("Hello".encode("utf-16")) == "Hello"
    assert decode_bytes(b"\xef\xbb\xbfplain") == "plain"


def test_decode_never_raises_on_garbage() -> None:
    out = decode_bytes(bytes(range(1, 256)) * 3, declared_encoding="no-such-charset")
    assert isinstance(out, str)


@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "latin-1", "bogus", "shift_jis"]))
@settings(max_examples=60, deadline=None)
def test_decode_bytes_never_crashes(data: bytes, declared: str | None) -> None:
    assert isinstance(decode_bytes(data, declared), str)


def test_extract_html_reads_legacy_bytes_end_to_end() -> None:
    html = _page(
        "<p>Les habitants de Genève ont été surpris. " + ARTICLE + "</p>", head="<meta charset='iso-8859-1'>"
    )
    assert "Genève ont été surpris" in extract_html(html.encode("latin-1")).text


# ----------------------------------------------------------------- cleanup


PLAIN_WITH_BOILERPLATE = f"""Home > World > Europe

We use cookies to give you the best experience on our website.
Accept all

{ARTICLE}

READ: Ten bridges that changed the city
Advertisement

Photo: Anna Kol/Reuters
Officials inspect the gates on Monday. (AP Photo/John Roe)

Read the report before Friday, the authority told residents, and advertisement boards will explain it.

Tags: floods, rivers, infrastructure
Share this article
Share on Facebook
Subscribe to our newsletter
Sign up for the morning briefing
Related: Storm season forecast
See also: Gates in pictures
Also read
Read more
Scroll to continue
Story continues below advertisement
Getty Images
Credit: River Authority
Topics: weather"""


def test_plain_text_cleanup_removes_news_boilerplate_and_keeps_prose() -> None:
    assert clean_text(PLAIN_WITH_BOILERPLATE) == (
        f"{ARTICLE}\n\nRead the report before Friday, the authority told residents, "
        "and advertisement boards will explain it."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Read the full statement below.",
        "Related stories have appeared in the press for weeks, she said, without any evidence.",
        "Advertisement revenue fell by 12 percent in the third quarter, the company said.",
        "Home prices rose again in May.",
        "Share prices fell 3 percent on the news.",
        "Subscribers will pay more from June.",
        "Photographers were kept behind a barrier.",
        "Tags on the crates showed they came from Rotterdam.",
        "More than 200 people attended.",
        "He said the comments were unfair.",
        "Join the conversation about housing that the council began last year, he said.",
    ],
)
def test_cleanup_keeps_real_sentences(line: str) -> None:
    assert clean_text(line) == line


@pytest.mark.parametrize(
    "line",
    [
        "Join the conversation",
        "Join the discussion below",
        "Join the conversation: share your view in the comments",
        "Have your say",
        "12 comments",
        "(1,204) Comments",
        "Comments are closed.",
        "Please log in to comment",
    ],
)
def test_cleanup_drops_comment_prompts(line: str) -> None:
    assert clean_text(f"{ARTICLE}\n\n{line}") == ARTICLE


def test_cleanup_keeps_paragraphs_and_normalises_layout() -> None:
    assert clean_text("  One line.  \r\nSame para.\r\n\r\n\r\n\n Two. \n") == "One line.\nSame para.\n\nTwo."


@given(st.text(max_size=400))
@settings(max_examples=150, deadline=None)
def test_clean_text_never_crashes_and_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert "\n\n\n" not in once


# ----------------------------------------------------------------- documents and errors


def test_extract_document_container_fields_win_and_fill_gaps() -> None:
    doc = Document(
        source="feed.xml#entry=1",
        kind="feed",
        body=_page(f"<p>{ARTICLE}</p>", head="<title>Page title</title>"),
        url="https://example.org/gates",
        fields={"title": "Feed title", "published": "2024-01-02", "outlet": "", "author": "Ada Vale"},
    )
    e = extract_document(doc, CONFIG)
    assert e.title == "Feed title"
    assert e.published == "2024-01-02"
    assert e.outlet == "example.org"  # empty container value does not win
    assert e.author == "Ada Vale"
    assert e.text == ARTICLE


def test_extract_document_plain_text_bytes() -> None:
    body = ("Advertisement\n\n" + ARTICLE + "\n\nRead more").encode("cp1252")
    doc = Document(source="a.txt", kind="text", body=body, media_type="text", fields={"language": "en-GB"})
    e = extract_document(doc, CONFIG)
    assert e.text == ARTICLE
    assert e.language == "en"


@pytest.mark.parametrize(
    "body",
    [
        "",
        _page(""),
        _page("<p>Advertisement</p><p>Share this article</p><p>We use cookies to improve the site.</p>"),
    ],
)
def test_empty_or_boilerplate_only_page_is_no_article(body: str) -> None:
    with pytest.raises(NoArticle, match=r"\(0 words < min_words 25\)"):
        extract_document(Document(source="p.html", kind="file", body=body), CONFIG)


def test_short_page_reports_word_count() -> None:
    doc = Document(
        source="p.html",
        kind="file",
        body=_page("<p>Just a dozen words of text here, far too few to count.</p>"),
    )
    with pytest.raises(NoArticle, match=r"too little article text \(\d+ words < min_words 25\)"):
        extract_document(doc, CONFIG)


def test_binary_input_is_input_error() -> None:
    doc = Document(source="x.html", kind="file", body=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary content"):
        extract_document(doc, CONFIG)
    with pytest.raises(InputError, match=r"binary content \(NUL bytes\), not HTML or text"):
        extract_html(b"<html>\x00\x01\x02</html>")
    with pytest.raises(InputError, match="binary"):
        extract_document(Document(source="t", kind="text", body=b"ab\x00cd", media_type="text"), CONFIG)


def test_too_large_input() -> None:
    doc = Document(source="big.html", kind="file", body=b"x" * 101)
    with pytest.raises(TooLarge, match="over max_bytes 100"):
        extract_document(doc, CONFIG.with_(max_bytes=100))


def test_problem_kinds() -> None:
    assert NoArticle.problem_kind == "skipped" and TooLarge.problem_kind == "skipped"


# ----------------------------------------------------------------- normalisation and ids


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The “big” fire — 1,200 homes", 'the "big" fire - 1200 homes'),
        ("1 200 people", "1.200 people"),
        ("It’s  done\n\nnow", "it's done now"),
        ("ﬁnal　ＡＢＣ", "final abc"),
        ("Ça coûte 12\u202f000 €", "ça coûte 12000 €"),
    ],
)
def test_normalise_for_comparison_folds_variants(a: str, b: str) -> None:
    assert normalise_for_comparison(a) == normalise_for_comparison(b)


def test_normalise_keeps_decimals_apart_from_thousands() -> None:
    assert normalise_for_comparison("3.14 and 1.5") == "3.14 and 1.5"


def test_article_id_is_stable_across_formatting() -> None:
    a = article_id("The council said 1,200 homes were “at risk”.\n\nMore later.")
    b = article_id('  the council said 1 200 homes were "at risk". More later. ')
    assert a == b
    assert len(a) == 16 and int(a, 16) >= 0
    assert article_id("Different text entirely") != a
    assert article_id("abc") == "ba7816bf8f01cfea"  # sha256("abc")[:16], same in every run


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_normalise_for_comparison_is_idempotent(text: str) -> None:
    once = normalise_for_comparison(text)
    assert normalise_for_comparison(once) == once


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
@settings(max_examples=100, deadline=None)
def test_article_id_never_crashes(text: str) -> None:
    assert len(article_id(text)) == 16


def test_container_dates_in_feed_format_become_iso() -> None:
    doc = Document(
        source="feed.xml#entry=2",
        kind="feed",
        body=_page(f"<p>{ARTICLE}</p>"),
        fields={"published": "Tue, 02 Jan 2024 10:00:00 GMT"},
    )
    assert extract_document(doc, CONFIG).published == "2024-01-02T10:00:00+00:00"


def test_plain_text_outlet_falls_back_to_url_domain() -> None:
    doc = Document(
        source="a.jsonl#line=1",
        kind="jsonl",
        body=ARTICLE,
        media_type="text",
        url="https://www.example.org/a",
    )
    assert extract_document(doc, CONFIG).outlet == "example.org"


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.html")))
def test_both_parsers_read_the_same_markup_metadata(name: str) -> None:
    from lxml.html import document_fromstring
    from selectolax.lexbor import LexborHTMLParser

    from storytrace.extract.metadata import lexbor_parts, lxml_parts, metadata_from_parts

    html = (GOLDEN / f"{name}.html").read_text(encoding="utf-8")
    url = "https://news.example.com/story"
    assert metadata_from_parts(lexbor_parts(LexborHTMLParser(html)), url) == metadata_from_parts(
        lxml_parts(document_fromstring(html)), url
    )


@pytest.mark.parametrize("fast", [True, False])
def test_byline_meta_and_elements_fill_a_missing_author(fast: bool) -> None:
    head = "<meta name='byl' content='By Ada Quill'><title>Storm</title>"
    e = extract_html(_page(f"<p>{ARTICLE}</p>", head=head), url="https://x.example.com/a")
    assert e.author == "Ada Quill"
    body = f"<p class='byline'>By Ben Tove</p><p>{ARTICLE}</p>"
    author = extract_html(_page(body), url="https://x.example.com/a", fast=fast).author
    assert author is not None and author.removeprefix("By ") == "Ben Tove"


def test_golden_pages_take_the_fast_path() -> None:
    from storytrace.extract.fast import fast_extract
    from storytrace.extract.html import FAST_MIN_CONFIDENCE

    for name in ("form-wrapped-br", "furniture-inside-article"):
        text, confidence = fast_extract((GOLDEN / f"{name}.html").read_text(encoding="utf-8"))
        assert confidence >= FAST_MIN_CONFIDENCE, name
        assert "Share" not in text and "Related" not in text and "Subscribe" not in text
