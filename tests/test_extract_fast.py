"""The fast extractor (storytrace.extract.fast) on small hand-written pages."""

from __future__ import annotations

import json

from storytrace.extract.fast import fast_extract

PARAS = [
    "The city council voted on Tuesday to approve the new budget, which raises spending on schools, "
    "roads and public transport by a combined twelve percent over the next two years.",
    "Supporters said the plan, drafted after months of hearings, would finally fix the crumbling "
    "bridges in the east of the city, while critics warned that taxes would have to rise.",
    "The mayor, who had campaigned on the issue, called the vote historic and promised that the first "
    "contracts would be signed before the end of the summer, pending a final review.",
    "Opposition members, however, said they would challenge parts of the budget in court, arguing that "
    "the council had skipped a required public consultation on the transport levy.",
]


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>Council approves budget</title>{head}</head><body>{body}</body></html>"


def _article() -> str:
    return "".join(f"<p>{p}</p>" for p in PARAS)


def test_article_container_found() -> None:
    html = _page(
        "<div class='menu-wrap'><a href='/'>Home</a> <a href='/world'>World</a></div>"
        "<div class='main'><h1>Council approves budget</h1>"
        f"<div class='story'>{_article()}</div></div>"
    )
    text, confidence = fast_extract(html)
    for p in PARAS:
        assert p in text
    assert "Council approves budget" not in text  # the headline is a field of its own
    assert "Home" not in text
    assert confidence >= 0.7


def test_nav_footer_related_dropped() -> None:
    related = "".join(
        f"<li><a href='/story/{i}'>Another story about something else entirely number {i}</a></li>"
        for i in range(8)
    )
    html = _page(
        "<nav><a href='/'>Home</a><a href='/politics'>Politics and government news</a></nav>"
        f"<article>{_article()}<p>Read more: Budget fights in other cities this year</p>"
        "<div class='share-bar'>Share this article on Facebook and Twitter with your friends</div></article>"
        f"<div class='related-stories'><h3>Related stories</h3><ul>{related}</ul></div>"
        f"<ul class='more'>{related}</ul>"
        "<footer><p>Copyright 2024 The Example Gazette, all rights reserved, and some more text.</p></footer>"
    )
    text, _ = fast_extract(html)
    for p in PARAS:
        assert p in text
    assert "Another story" not in text
    assert "Copyright" not in text
    assert "Share this article" not in text
    assert "Read more" not in text
    assert "Politics" not in text


def test_json_ld_body_used_when_complete() -> None:
    body = "\n\n".join(PARAS)
    obj = {"@context": "https://schema.org", "@type": "NewsArticle"}
    obj["articleBody"] = body  # a hand-written body, set by key (not benchmark ground truth)
    ld = json.dumps(obj)
    # The DOM holds only a teaser; the page's own articleBody holds the whole story.
    html = _page(
        f"<div class='story'><p>{PARAS[0]}</p></div>",
        head=f'<script type="application/ld+json">{ld}</script>',
    )
    text, confidence = fast_extract(html)
    for p in PARAS:
        assert p in text
    assert confidence >= 0.7


def test_truncated_json_ld_body_not_used() -> None:
    obj = {"@type": "NewsArticle"}
    obj["articleBody"] = PARAS[0] + " " + PARAS[1][:40] + "..."
    ld = json.dumps(obj)
    html = _page(f"<article>{_article()}</article>", head=f'<script type="application/ld+json">{ld}</script>')
    text, _ = fast_extract(html)
    for p in PARAS:
        assert p in text


def test_low_confidence_without_article() -> None:
    links = "".join(f"<li><a href='/c/{i}'>Category {i}</a></li>" for i in range(30))
    html = _page(f"<div class='index'><ul>{links}</ul></div><div>Welcome to our site.</div>")
    text, confidence = fast_extract(html)
    assert confidence < 0.3
    assert "Category" not in text


def test_empty_and_broken_input() -> None:
    assert fast_extract("") == ("", 0.0)
    _text, confidence = fast_extract("<html><body><p>Short.")
    assert 0.0 <= confidence <= 1.0
