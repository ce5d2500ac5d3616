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


# ----------------------------------------------------------------- signals and the second opinion


def test_signals_describe_the_container() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from storytrace.extract.fast import SIGNALS, fast_extract_result

    html = _page(f"<article><h1>Council approves budget</h1>{_article()}</article>")
    result = fast_extract_result(LexborHTMLParser(html))
    assert tuple(result.signals) == SIGNALS
    assert result.signals["semantic"] == 1.0  # the container is the page's <article>
    assert result.signals["share"] > 0.9
    assert result.signals["short_lines"] == 0.0
    other = "".join(f"<p>{p[::-1]}</p>" for p in PARAS[:3])  # another block of prose, beside the story
    html = _page(f"<div class='col'>{other}</div><div class='story'>{_article()}</div>")
    result = fast_extract_result(LexborHTMLParser(html))
    assert result.signals["rival"] > 0.3  # a second body competes with the story


def test_embedded_tweet_in_social_wrapper_is_kept() -> None:
    tweet = (
        "<div class='social-embed'><blockquote class='twitter-tweet'><p>The bridge reopens on Monday, "
        "the transport minister said in a statement this morning.</p>&mdash; City Desk (@citydesk) "
        "<a href='https://twitter.com/x/status/1'>May 1, 2024</a></blockquote></div>"
    )
    html = _page(f"<article>{_article()}{tweet}</article>")
    text, _ = fast_extract(html)
    assert "The bridge reopens on Monday" in text


def test_vote_drops_short_lines_the_other_extractor_did_not_find() -> None:
    from storytrace.extract.blocks_vote import vote

    caption = "The mayor at Tuesday's vote. Photo: Example Gazette"
    subheading = "What happens next"
    fast = "\n\n".join([PARAS[0], caption, subheading, PARAS[1], "Join the conversation"])
    other = "\n\n".join([PARAS[0], subheading, PARAS[1]])
    assert vote(fast, other).split("\n\n") == [PARAS[0], subheading, PARAS[1]]
    # A long paragraph only the fast path found stays: prose, not a stray line.
    long_paragraph = PARAS[2] + " " + PARAS[3]
    assert long_paragraph in vote(fast + "\n\n" + long_paragraph, other)
    # Spacing and punctuation differences do not count as disagreement.
    assert subheading in vote(fast, other.replace("What happens next", "What happens  next:"))
    assert vote(fast, "") == fast


def test_disagree_spots_a_different_article_or_a_cut_one() -> None:
    from storytrace.extract.blocks_vote import disagree

    story = "\n\n".join(PARAS)
    rail = "\n\n".join(f"Another headline about a different story entirely, number {i}" for i in range(10))
    assert disagree(rail, story)  # the fast path took a rail of other stories for the article
    assert disagree(PARAS[0], story)  # the fast path found only the first part
    assert not disagree(story, story + "\n\nShare this article")
    assert not disagree(story, "")


def test_cut_short_is_the_models_setting() -> None:
    from dataclasses import replace

    from storytrace.extract.blocks_vote import agreement, disagree, model

    story = "\n\n".join(PARAS)
    half = "\n\n".join(PARAS[: len(PARAS) // 2 + 1])
    in_other, in_fast = agreement(half, story)
    assert in_other >= 0.9 and 0.3 < in_fast < 0.9
    assert disagree(half, story, replace(model(), cut_short=in_fast + 0.01))
    assert not disagree(half, story, replace(model(), cut_short=in_fast - 0.01))


def test_second_opinion_model_is_plain_numbers_and_sends_unsure_pages() -> None:
    from storytrace.extract.blocks_vote import FEATURES, doubt, model, needs_second_opinion

    m = model()
    assert m.features == FEATURES
    assert len(m.mean) == len(m.scale) == len(m.coef) == len(FEATURES)
    assert 0.0 < m.threshold < 1.0 and m.short_chars > 0
    signals = {"words": 600.0, "share": 0.95, "rival": 0.0, "link_drop": 0.0, "short_lines": 0.1}
    assert 0.0 <= doubt(signals, 0.95) <= 1.0
    # Under min_share of the page's paragraph text in the container: always a second opinion.
    assert needs_second_opinion({**signals, "share": 0.3}, 0.6)


def test_extract_html_applies_the_vote_when_the_gate_sends_the_page(monkeypatch) -> None:
    from storytrace.extract import html as html_mod

    caption = "Council members at the vote. Photo: Example Gazette"
    page = _page(f"<article>{PARAS[0]}<p>{caption}</p>{''.join(f'<p>{p}</p>' for p in PARAS[1:])}</article>")
    page = page.replace(f"<article>{PARAS[0]}", f"<article><p>{PARAS[0]}</p>")
    calls = []

    def other(html: str, url: str | None, meta: object, *, fallbacks: bool = True) -> str:
        calls.append(fallbacks)
        return "\n\n".join(PARAS)

    monkeypatch.setattr(html_mod, "needs_second_opinion", lambda signals, confidence: True)
    monkeypatch.setattr(html_mod, "slow_text", other)
    text = html_mod.extract_html(page).text
    assert caption not in text and all(p in text for p in PARAS)
    assert calls == [False]  # the quick reading sufficed: the two agree on the article
    monkeypatch.setattr(html_mod, "needs_second_opinion", lambda signals, confidence: False)
    assert caption in html_mod.extract_html(page).text


def test_an_unrendered_shortcode_line_is_not_story_text() -> None:
    from storytrace.extract.fast import fast_extract

    para = (
        "<p>The helmet was tested over three months of commuting and two long trips, in rain and in heat, "
        "and it stayed comfortable throughout, the reviewer said.</p>"
    )
    html = (
        "<html><body><article>"
        + para * 4
        + '<p>[button link="https://example.com/submit/" type="big"]Send us YOUR kit review[/button]</p>'
        + "</article></body></html>"
    )
    text, _ = fast_extract(html)
    assert "Send us YOUR kit review" not in text
    assert text.count("The helmet was tested") == 4


def test_camel_case_class_names_name_furniture_too() -> None:
    html = _page(
        f"<article>{''.join(f'<p>{p}</p>' for p in PARAS[:2])}"
        "<div class='photo'><img src='x.jpg'><span class='newsCaption'>Councillors queue to vote on the "
        "budget in the old chamber</span></div>"
        f"{''.join(f'<p>{p}</p>' for p in PARAS[2:])}"
        "<div class='relatedStories'><p>Budget fights in other cities, and what they cost the voters "
        "there this year</p></div></article>"
    )
    text, _ = fast_extract(html)
    assert all(p in text for p in PARAS)
    assert "Councillors queue" not in text and "Budget fights" not in text
    # A class that merely contains a furniture word inside a longer word is not furniture.
    kept, _ = fast_extract(_page(f"<div class='storyHeadlines'>{_article()}</div>"))
    assert all(p in kept for p in PARAS)


def test_a_labelled_date_stamp_is_not_story_text_but_a_bare_date_heading_is() -> None:
    html = _page(
        "<article><p>Published Monday, Nov 18, 2019 | Updated Nov 19, 2019</p>"
        f"{''.join(f'<p>{p}</p>' for p in PARAS[:2])}"
        "<h3>April 14, 2025</h3>"
        f"{''.join(f'<p>{p}</p>' for p in PARAS[2:])}</article>"
    )
    text, _ = fast_extract(html)
    assert all(p in text for p in PARAS)
    assert "Published Monday" not in text
    # A live blog's dated heading is part of the story.
    assert "April 14, 2025" in text


def test_is_labelled_date_line() -> None:
    from storytrace.extract.textmeta import is_labelled_date_line

    assert is_labelled_date_line("Published Monday, Nov 18, 2019")
    assert is_labelled_date_line("Updated: 2025-04-14 10:31")
    assert not is_labelled_date_line("April 14, 2025")
    assert not is_labelled_date_line("The council published its budget on April 14, 2025, after a long fight.")
