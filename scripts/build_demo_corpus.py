#!/usr/bin/env python3
"""Render storytrace's bundled demo corpus: fictional news pages plus ground truth.

Reads the article texts from ``scripts/demo_corpus_data.py`` and writes

* ``<out>/corpus/*.html``: one page per article, each outlet with its own HTML
  template and boilerplate (cookie banners, ads, READ links, most-read lists...);
* ``<out>/manifest.json``: what a perfect pipeline should recover: clean body
  paragraphs, figures, quotes, copy relations and cross-page expectations.

The output is deterministic (no clock, no randomness), so a test can re-render to
a temporary folder and compare byte for byte with the committed files.

Usage: ``python scripts/build_demo_corpus.py [OUT_DIR]`` (default: storytrace/demo).
"""

# Long texts are split over lines by implicit concatenation inside lists on purpose.

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "storytrace" / "demo"
COPYRIGHT_YEAR = 2026

# Visible or structural strings that prove a boilerplate kind is on a page. Tests
# check them case-insensitively against the unescaped HTML; later stages can use
# them to verify that extraction dropped the boilerplate.
BOILERPLATE_MARKERS: dict[str, list[str]] = {
    "nav_menu": ["<nav"],
    "footer": ["<footer"],
    "cookie_banner": ["cookies"],
    "breadcrumbs": ["Home</a> /", "Home</a></li>"],
    "related_link": ["READ:", "READ MORE:", "Related:"],
    "advertisement": ["Advertisement"],
    "scroll_to_continue": ["Scroll to continue"],
    "tags": ["Tags:", "Filed under:"],
    "share_prompt": ["Share this", "Share on"],
    "subscribe_prompt": ["Subscribe"],
    "photo_caption": ["Photo:", "Picture:"],
    "newsletter_box": ["newsletter"],
    "most_read": ["Most read"],
    "video_promo": ["WATCH:"],
    "wire_credit": ["(Reporting by"],
    "support_prompt": ["Donate"],
    "comments": ["Comments ("],
    "related_posts": ["Related Posts"],
    "consent_wall": ["Accept all"],
}


def load_data() -> ModuleType:
    """Import the sibling data module without touching ``sys.path``."""
    path = Path(__file__).resolve().with_name("demo_corpus_data.py")
    spec = importlib.util.spec_from_file_location("_storytrace_demo_corpus_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- text helpers --------------------------------------------------------------------


def e(text: str) -> str:
    """Escape text content (quotes stay literal, as most CMSes emit them)."""
    return html.escape(text, quote=False)


def a(text: str) -> str:
    """Escape an attribute value."""
    return html.escape(text, quote=True)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD script block; ``</`` is escaped so the JSON cannot end the script."""
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def when(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def human_date(iso: str, style: str) -> str:
    d = when(iso)
    month = d.strftime("%B")
    if style == "us":
        hour = d.hour % 12 or 12
        return f"{month} {d.day}, {d.year} {hour}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"
    if style == "uk":
        return f"{d.strftime('%a')} {d.day} {month} {d.year} {d.hour:02d}.{d.minute:02d}"
    if style == "short":
        return f"{d.day:02d}/{d.month:02d}/{d.year} {d.hour:02d}:{d.minute:02d}"
    return f"{d.day} {month} {d.year}"


# --- body resolution (copies, partials) ----------------------------------------------

_NUM_EDGE = r"(?<![\w,.])"


def contains_figure(text: str, figure_text: str) -> bool:
    """True when ``figure_text`` occurs as a whole token (so "25" does not match "250")."""
    return re.search(_NUM_EDGE + re.escape(figure_text) + r"(?![\w]|[,.]\d)", text) is not None


def apply_edits(body: list[str], edits: list[dict[str, Any]]) -> list[str]:
    out = list(body)
    for edit in edits:
        if edit["op"] == "sub":
            hits = sum(p.count(edit["old"]) for p in out)
            if not hits:
                raise ValueError(f"edit {edit['desc']!r} does not match: {edit['old']!r}")
            out = [p.replace(edit["old"], edit["new"]) for p in out]
        elif edit["op"] == "trim":
            out = out[: -edit["n"]]
    return out


def _sub_text(text: str, edits: list[dict[str, Any]]) -> str:
    for edit in edits:
        if edit["op"] != "sub":
            continue
        for old, new in ((edit["old"], edit["new"]), (edit["old"].strip('"'), edit["new"].strip('"'))):
            if old and old in text:
                text = text.replace(old, new)
                break
    return text


def derive_copy(page: dict[str, Any], source: dict[str, Any]) -> None:
    """Fill a copy's body, figures and quotes from its source and documented edits."""
    edits = page["edits"]
    page["body"] = apply_edits(source["body"], edits)
    joined = "\n".join(page["body"])
    dropped = {m for ed in edits if ed["op"] == "sub" for m in ed["drop_attribution"]}
    figures = []
    for f in source["figures"]:
        f = dict(f, text=_sub_text(f["text"], edits))
        if not contains_figure(joined, f["text"]):
            continue
        if f["measure"] in dropped:
            f["attribution"] = None
        figures.append(f)
    page["figures"] = figures
    quotes = []
    for q in source["quotes"]:
        q = {"speaker": _sub_text(q["speaker"], edits), "text": _sub_text(q["text"], edits)}
        if q["text"] in joined:
            quotes.append(q)
    page["quotes"] = quotes
    descs: list[str] = []
    for ed in edits:
        if ed["desc"] not in descs:
            descs.append(ed["desc"])
    page["relation"] = {"kind": "copy", "source": source["file"], "edits": descs, "shared_paragraphs": []}


def resolve_pages(data: ModuleType) -> list[dict[str, Any]]:
    """Turn the data module's page specs into complete page records."""
    pages = [dict(p) for p in data.PAGES]
    by_file = {p["file"]: p for p in pages}
    if len(by_file) != len(pages):
        raise ValueError("duplicate file names")
    for page in pages:
        outlet = data.OUTLETS[page["outlet"]]
        page["url"] = "https://" + outlet["domain"] + page["path"]
        page["no_article"] = page["kind"] == "no_article"
        if page["kind"] in ("original", "independent"):
            page["relation"] = {"kind": page["kind"], "source": None, "edits": [], "shared_paragraphs": []}
        elif page["kind"] == "rewrite":
            page["relation"] = {
                "kind": "rewrite",
                "source": page["source"],
                "edits": list(page["edits"]),
                "shared_paragraphs": [],
            }
        elif page["kind"] == "no_article":
            page["relation"] = None
            page["body"], page["figures"], page["quotes"] = [], [], []
    for page in pages:  # partials and copies need their source resolved first
        if page["kind"] == "partial":
            body, shared, source_idx = [], [], []
            for i, item in enumerate(page["body"]):
                if isinstance(item, dict):
                    body.append(by_file[item["from"]]["body"][item["index"]])
                    shared.append(i)
                    source_idx.append(item["index"])
                else:
                    body.append(item)
            page["body"] = body
            page["relation"] = {
                "kind": "partial",
                "source": page["source"],
                "edits": ["own reporting with wire paragraphs pasted verbatim"],
                "shared_paragraphs": shared,
                "source_paragraphs": source_idx,
            }
    for page in pages:
        if page["kind"] == "copy":
            derive_copy(page, by_file[page["source"]])
    for page in pages:
        _check_page(page)
    return pages


def _check_page(page: dict[str, Any]) -> None:
    joined = "\n".join(page["body"])
    for f in page["figures"]:
        if not contains_figure(joined, f["text"]):
            raise ValueError(f"{page['file']}: figure text {f['text']!r} not in body")
    for q in page["quotes"]:
        if q["text"] not in joined:
            raise ValueError(f"{page['file']}: quote not in body: {q['text']!r}")


# --- shared page parts -----------------------------------------------------------------


class Ctx:
    """Everything a template may need besides its own page."""

    def __init__(self, data: ModuleType, pages: list[dict[str, Any]]) -> None:
        self.data = data
        self.pages = pages

    def outlet(self, page: dict[str, Any]) -> dict[str, Any]:
        return self.data.OUTLETS[page["outlet"]]

    def siblings(self, page: dict[str, Any]) -> list[dict[str, Any]]:
        """Other articles by the same outlet that existed when ``page`` was published."""
        return [
            p
            for p in self.pages
            if p["outlet"] == page["outlet"]
            and not p["no_article"]
            and p is not page
            and (page["published"] is None or when(p["published"]) <= when(page["published"]))
        ]

    def related(self, page: dict[str, Any], n: int) -> list[dict[str, Any]]:
        """Other articles by the same outlet: same event first, then nearest in time."""
        mine = when(page["published"]) if page["published"] else None

        def key(p: dict[str, Any]) -> tuple[int, float, str]:
            gap = abs((when(p["published"]) - mine).total_seconds()) if mine else 0.0
            return (0 if p["event"] == page["event"] else 1, gap, p["file"])

        return sorted(self.siblings(page), key=key)[:n]

    def most_read(self, page: dict[str, Any], fillers: list[str], n: int = 5) -> list[tuple[str, str]]:
        own = [(p["title"], p["url"]) for p in sorted(self.siblings(page), key=lambda p: p["file"])]
        domain = "https://" + self.outlet(page)["domain"]
        extra = [(t, f"{domain}/{slug(t)[:60]}") for t in fillers]
        # Rotate by a stable per-page offset so lists differ between pages.
        items = own + extra
        shift = sum(map(ord, page["file"])) % len(items)
        items = items[shift:] + items[:shift]
        return items[:n]

    def photo(self, page: dict[str, Any]) -> tuple[str, str] | None:
        if page.get("photo"):
            return page["photo"]
        if page["event"]:
            return self.data.EVENTS[page["event"]]["photo"]
        return None


def head_common(page: dict[str, Any], outlet: dict[str, Any], title_suffix: str, charset: str) -> list[str]:
    lines = [
        f'<meta charset="{charset}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(page['title'])}{e(title_suffix)}</title>",
        f'<link rel="canonical" href="{a(page["url"])}">',
        f'<meta property="og:site_name" content="{a(outlet["name"])}">',
        f'<meta property="og:title" content="{a(page["title"])}">',
        f'<meta property="og:url" content="{a(page["url"])}">',
    ]
    if page["body"]:
        desc = page["body"][0]
        desc = desc if len(desc) <= 160 else desc[:157].rsplit(" ", 1)[0] + "..."
        lines.append(f'<meta name="description" content="{a(desc)}">')
        lines.append(f'<meta property="og:description" content="{a(desc)}">')
        lines.append('<meta property="og:type" content="article">')
    return lines


def news_article_ld(
    page: dict[str, Any], outlet: dict[str, Any], kind: str = "NewsArticle"
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": page["title"],
        "datePublished": page["published"],
        "dateModified": page["published"],
        "mainEntityOfPage": {"@type": "WebPage", "@id": page["url"]},
        "url": page["url"],
        "inLanguage": outlet["language"],
        "publisher": {
            "@type": "Organization",
            "name": outlet["name"],
            "logo": {"@type": "ImageObject", "url": f"https://{outlet['domain']}/static/logo.png"},
        },
    }
    if page["author"]:
        data["author"] = [{"@type": "Person", "name": n} for n in page["author"].split(" and ")]
    if page.get("section"):
        data["articleSection"] = page["section"][-1]
    if page.get("tags"):
        data["keywords"] = ", ".join(page["tags"])
    return data


def paragraphs(page: dict[str, Any], inserts: dict[int, str], p_open: str = "<p>") -> list[str]:
    """Body paragraphs with boilerplate blocks inserted after the given indices."""
    out = []
    for i, para in enumerate(page["body"]):
        out.append(f"{p_open}{e(para)}</p>")
        if i in inserts and i < len(page["body"]) - 1:
            out.append(inserts[i])
    return out


def byline_name(page: dict[str, Any]) -> str:
    return page["author"] + (f", {page['byline_suffix']}" if page.get("byline_suffix") else "")


def document(lang: str, head: list[str], body_attrs: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            *head,
            "</head>",
            f"<body{body_attrs}>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


# --- outlet templates ------------------------------------------------------------------
# Each returns (html, boilerplate kinds present on the page).

Rendered = tuple[str, list[str]]


def render_meridian(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    bp = ["nav_menu"]
    head = head_common(page, outlet, " | Meridian Wire", "utf-8")
    head += [
        f'<meta property="article:published_time" content="{page["published"]}">',
        f'<meta property="article:section" content="{a(page["section"][0])}">',
        f'<meta name="author" content="{a(page["author"])}">',
        json_ld(news_article_ld(page, outlet)),
        '<link rel="stylesheet" href="/static/mw.css">',
    ]
    body = [
        '<header class="mw-header">',
        '  <a class="mw-logo" href="/">MERIDIAN WIRE</a>',
        '  <nav class="mw-nav" aria-label="Sections"><ul>',
        '    <li><a href="/world/">World</a></li><li><a href="/business/">Business</a></li>',
        '    <li><a href="/markets/">Markets</a></li><li><a href="/technology/">Technology</a></li>',
        '    <li><a href="/investigations/">Investigations</a></li>',
        "  </ul></nav>",
        "</header>",
        '<main class="mw-main">',
        f'<article class="mw-story" data-story-id="{slug(page["title"])[:40]}">',
        '  <div class="mw-story__meta">',
        f'    <a class="mw-section" href="/{slug(page["section"][0])}/">{e(page["section"][-1])}</a>',
        f'    <h1 class="mw-story__headline">{e(page["title"])}</h1>',
        f'    <p class="mw-byline">By <a href="/authors/{slug(page["author"])}/">{e(page["author"])}</a></p>',
        f'    <time class="mw-timestamp" datetime="{page["published"]}">'
        f"{human_date(page['published'], 'us')} UTC</time>",
        "  </div>",
    ]
    photo = ctx.photo(page)
    if photo:
        bp.append("photo_caption")
        body += [
            '  <figure class="mw-figure">',
            f'    <img src="/media/{slug(photo[0])[:40]}.jpg" alt="{a(photo[0])}" width="960" height="540">',
            f'    <figcaption>{e(photo[0])} <span class="mw-credit-photo">Photo: {e(photo[1])}</span>'
            "</figcaption>",
            "  </figure>",
        ]
    body += ['  <div class="mw-story__body">', *("    " + p for p in paragraphs(page, {})), "  </div>"]
    bp.append("wire_credit")
    body += [
        f'  <p class="mw-credit">{e(page["credit"])}</p>',
        '  <p class="mw-standards"><a href="/about/standards/">Our Standards: The Meridian Wire Trust '
        "Principles.</a></p>",
        "</article>",
    ]
    bp.append("most_read")
    items = ctx.most_read(page, MERIDIAN_FILLERS)
    body += ['<aside class="mw-rail">', "  <h2>Most read</h2>", "  <ol>"]
    body += [f'    <li><a href="{a(u)}">{e(t)}</a></li>' for t, u in items]
    body += ["  </ol>", "</aside>", "</main>"]
    bp.append("footer")
    body += [
        '<footer class="mw-footer">',
        f"  <p>&copy; {COPYRIGHT_YEAR} Meridian Wire. All rights reserved. Meridian Wire content is licensed "
        "to subscribing news organisations.</p>",
        '  <ul><li><a href="/about/">About</a></li><li><a href="/licensing/">Licensing</a></li>'
        '<li><a href="/privacy/">Privacy</a></li></ul>',
        "</footer>",
    ]
    return document(outlet["language"], head, ' class="mw-body"', body), bp


def render_harbour(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    if page["no_article"]:
        return render_harbour_consent(page, ctx)
    bp = ["cookie_banner", "nav_menu", "breadcrumbs"]
    head = head_common(page, outlet, " | The Harbour Chronicle", "utf-8")
    head += [
        f'<meta property="article:published_time" content="{page["published"]}">',
        f'<meta property="article:author" content="{a(page["author"])}">',
        json_ld(news_article_ld(page, outlet)),
    ]
    crumbs = " / ".join(
        ['<a href="/">Home</a>'] + [f'<a href="/{slug(s)}/">{e(s)}</a>' for s in page["section"]]
    )
    body = [
        '<div id="cmp-banner" class="consent-banner" role="dialog">',
        "  <p>We use cookies and similar technologies to personalise content and ads and to analyse our "
        'traffic. <a href="/privacy/">Privacy notice</a></p>',
        '  <button class="consent-accept">I agree</button> <button class="consent-manage">Manage options'
        "</button>",
        "</div>",
        '<header class="site-header"><a class="site-header__logo" href="/">The Harbour Chronicle</a>',
        '  <nav class="site-nav"><a href="/uk/">Arvenia</a> <a href="/world/">World</a> '
        '<a href="/politics/">Politics</a> <a href="/law/">Law</a> <a href="/business/">Business</a> '
        '<a href="/opinion/">Opinion</a></nav>',
        "</header>",
        '<main id="content" class="page">',
        f'<div class="breadcrumbs">{crumbs}</div>',
        '<div class="story">',
        f'  <h1 class="story__headline">{e(page["title"])}</h1>',
        f'  <div class="byline"><span class="byline__name">By {e(byline_name(page))}</span> '
        f'<time class="byline__date" datetime="{page["published"]}">{human_date(page["published"], "uk")} '
        "GMT</time></div>",
    ]
    photo = ctx.photo(page)
    if photo:
        bp.append("photo_caption")
        body += [
            '  <figure class="story__image"><img src="/img/' + slug(photo[0])[:40] + '.jpg" alt="">',
            f'    <figcaption class="story__caption">{e(photo[0])} Photo: {e(photo[1])}</figcaption>',
            "  </figure>",
        ]
    bp.append("advertisement")
    ad = (
        '<div class="ad-slot ad-slot--inline"><span class="ad-slot__label">Advertisement</span>'
        '<div id="dfp-inline-1"></div></div>'
    )
    news = (
        '<aside class="newsletter-signup"><h3>The Morning Tide</h3><p>Sign up to our daily newsletter '
        'for the stories that matter, delivered at 7am.</p><form><input type="email" '
        'placeholder="Email address"><button>Sign up</button></form></aside>'
    )
    bp.append("newsletter_box")
    inserts = {3: ad, 6: news}
    body += [
        '  <div class="story-body"><div class="story-body__inner">',
        *("    " + p for p in paragraphs(page, inserts, '<p class="story-body__text">')),
        "  </div></div>",
    ]
    bp.append("share_prompt")
    body += [
        '  <div class="share-tools">Share this article: <a href="#">Facebook</a> <a href="#">Email</a> '
        '<a href="#">Copy link</a></div>',
        "</div>",
    ]
    bp.append("most_read")
    body += ['<aside class="most-popular"><h2 class="most-popular__title">Most read</h2><ul>']
    body += [f'  <li><a href="{a(u)}">{e(t)}</a></li>' for t, u in ctx.most_read(page, HARBOUR_FILLERS)]
    body += ["</ul></aside>", "</main>"]
    bp.append("footer")
    body += [
        '<footer class="site-footer"><p>&copy; '
        + str(COPYRIGHT_YEAR)
        + " The Harbour Chronicle Media Group. "
        'Registered in Valemont.</p><p><a href="/terms/">Terms</a> | <a href="/privacy/">Privacy</a> | '
        '<a href="/cookies/">Cookie settings</a></p></footer>',
    ]
    return document(outlet["language"], head, ' class="hc"', body), bp


def render_harbour_consent(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    head = [
        '<meta charset="utf-8">',
        f"<title>{e(page['title'])}</title>",
        '<meta name="robots" content="noindex">',
        f'<meta property="og:site_name" content="{a(outlet["name"])}">',
        f'<link rel="canonical" href="{a(page["url"])}">',
    ]
    body = [
        '<div class="consent-wall">',
        '  <img class="consent-wall__logo" src="/static/hc-logo.svg" alt="The Harbour Chronicle">',
        f"  <h1>{e(page['title'])}</h1>",
        "  <p>We and our 143 partners use cookies to store and access information on your device.</p>",
        '  <button class="consent-accept">Accept all</button>',
        '  <button class="consent-reject">Reject all</button>',
        '  <a href="/consent/manage">Manage preferences</a>',
        "</div>",
        '<footer class="consent-footer"><a href="/privacy/">Privacy policy</a></footer>',
    ]
    return document(outlet["language"], head, "", body), ["cookie_banner", "consent_wall", "footer"]


def render_valemont(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    if page["no_article"]:
        return render_valemont_section(page, ctx)
    bp = ["nav_menu", "breadcrumbs"]
    head = head_common(page, outlet, " - Valemont Post", "utf-8")
    head += [
        f'<meta property="article:published_time" content="{page["published"]}">',
        f'<meta property="article:section" content="{a(page["section"][0])}">',
        f'<meta name="byl" content="By {a(page["author"])}">',
    ]
    head += [f'<meta property="article:tag" content="{a(t)}">' for t in page.get("tags", [])]
    crumbs = "".join(
        ['<li><a href="/">Home</a></li>']
        + [f'<li><a href="/{slug(s)}/">{e(s)}</a></li>' for s in page["section"]]
    )
    body = [
        '<div class="vp-topbar"><a class="vp-logo" href="/">Valemont Post</a>',
        '  <nav class="vp-menu"><ul><li><a href="/arvenia/">Arvenia</a></li><li><a href="/world/">World</a></li>'
        '<li><a href="/valemont/">Valemont</a></li><li><a href="/economy/">Economy</a></li>'
        '<li><a href="/culture/">Culture</a></li><li><a href="/sport/">Sport</a></li></ul></nav>',
        "</div>",
        '<div class="vp-page">',
        f'<ol class="vp-breadcrumb">{crumbs}</ol>',
        '<article class="vp-article">',
        '  <header class="vp-article__header">',
        f'    <h1 class="vp-article__title">{e(page["title"])}</h1>',
        f'    <div class="vp-article__byline">{e(byline_name(page))}</div>',
        f'    <time class="vp-article__date" datetime="{page["published"]}">{human_date(page["published"], "long")}'
        "</time>",
        "  </header>",
    ]
    related = ctx.related(page, 2)
    inserts = {}
    for slot, rel in zip((1, 4), related, strict=False):
        inserts[slot] = (
            f'<p class="vp-inline-related"><strong>READ:</strong> <a href="{a(rel["url"])}">'
            f"{e(rel['title'])}</a></p>"
        )
    if inserts:
        bp.append("related_link")
    body += [
        '  <div class="vp-article__content">',
        *("    " + p for p in paragraphs(page, inserts, '<p class="vp-p">')),
        "  </div>",
    ]
    if page.get("tags"):
        bp.append("tags")
        tags = ", ".join(f'<a href="/tag/{slug(t)}/">{e(t)}</a>' for t in page["tags"])
        body.append(f'  <div class="vp-tags">Tags: {tags}</div>')
    bp.append("subscribe_prompt")
    body += [
        '  <div class="vp-paywall-prompt"><p>Independent journalism from the capital since 1911.</p>'
        '<a class="vp-btn" href="/subscribe/">Subscribe from 1 crown a week</a></div>',
        "</article>",
        "</div>",
    ]
    bp.append("footer")
    body.append(
        f'<footer class="vp-footer">Valemont Post &middot; Kongensgate 12, Valemont &middot; '
        f'&copy; {COPYRIGHT_YEAR} <a href="/contact/">Contact</a></footer>'
    )
    return document(outlet["language"], head, "", body), bp


def render_valemont_section(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    head = [
        '<meta charset="utf-8">',
        f"<title>{e(page['title'])}</title>",
        f'<link rel="canonical" href="{a(page["url"])}">',
        f'<meta property="og:site_name" content="{a(outlet["name"])}">',
        f'<meta property="og:title" content="{a(page["title"])}">',
        '<meta property="og:type" content="website">',
    ]
    teasers = [p for p in ctx.siblings(page) if p["section"] and p["section"][0] == "World"]
    body = [
        '<div class="vp-topbar"><a class="vp-logo" href="/">Valemont Post</a>',
        '  <nav class="vp-menu"><ul><li><a href="/arvenia/">Arvenia</a></li><li><a href="/world/">World</a></li>'
        "</ul></nav>",
        "</div>",
        '<main class="vp-section">',
        "  <h1>World</h1>",
        '  <ul class="vp-teasers">',
    ]
    body += [f'    <li><a href="{a(p["url"])}">{e(p["title"])}</a></li>' for p in teasers]
    body += [
        "  </ul>",
        '  <a class="vp-more" href="/world/page/2/">More</a>',
        "</main>",
        f'<footer class="vp-footer">&copy; {COPYRIGHT_YEAR} Valemont Post</footer>',
    ]
    return document(outlet["language"], head, "", body), ["nav_menu", "footer"]


def render_northgate(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    bp = ["nav_menu"]
    head = head_common(page, outlet, " | Northgate Courier", outlet["encoding"])
    head += [
        f'<meta name="date" content="{page["published"]}">',
        f'<meta name="author" content="{a(page["author"])}">',
        '<meta name="keywords" content="Northgate, news, local">',
    ]
    d = when(page["published"])
    body = [
        '<div id="wrapper">',
        '<div id="header"><img src="/images/courier-masthead.gif" alt="Northgate Courier" width="468" height="60">'
        "</div>",
        '<nav id="topnav"><a href="/news/">News</a> | <a href="/news/local/">Local</a> | <a href="/sport/">Sport'
        '</a> | <a href="/whats-on/">What\'s On</a> | <a href="/jobs/">Jobs</a> | <a href="/notices/">Notices</a>'
        "</nav>",
    ]
    bp.append("advertisement")
    body += [
        '<div class="leaderboard"><small>ADVERTISEMENT</small><div id="ad-top"></div></div>',
        '<div id="maincol">',
        f'<h1 class="headline">{e(page["title"])}</h1>',
        f'<div class="storyinfo">By <b>{e(page["author"])}</b> | Published: {d.day} {d.strftime("%B %Y")}, '
        f"{d.hour:02d}:{d.minute:02d}</div>",
    ]
    photo = ctx.photo(page)
    if photo and photo[1].endswith("Northgate Courier"):
        bp.append("photo_caption")
        body += [
            f'<div class="pic"><img src="/images/{slug(photo[0])[:30]}.jpg" width="460" alt="">',
            f'<div class="caption">{e(photo[0])} Photo: {e(photo[1])}</div></div>',
        ]
    body += ['<div class="storytext">', *paragraphs(page, {}), "</div>"]
    bp.append("comments")
    body += [
        f'<div id="comments"><h3>Comments ({(len(page["body"]) * 3) % 17 + 2})</h3>'
        '<p><a href="/login/">Log in</a> to have your say.</p></div>',
        "</div>",
    ]
    bp.append("most_read")
    body += ['<div id="rightcol"><div class="box"><h3>Most read</h3><ol>']
    body += [f'<li><a href="{a(u)}">{e(t)}</a></li>' for t, u in ctx.most_read(page, NORTHGATE_FILLERS)]
    body += ["</ol></div>", '<div class="box mpu"><small>ADVERTISEMENT</small></div>', "</div>"]
    bp.append("footer")
    body += [
        f'<footer id="footer">&copy; {COPYRIGHT_YEAR} Northgate Courier Ltd. &middot; 4 Wharf Street, '
        "Northgate</footer>",
        "</div>",
    ]
    return document(outlet["language"], head, "", body), bp


def render_lantern(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    bp = ["cookie_banner", "nav_menu"]
    head = head_common(page, outlet, " | Daily Lantern", "utf-8")
    head += [
        f'<meta property="article:published_time" content="{page["published"]}">',
        '<meta name="twitter:card" content="summary_large_image">',
        json_ld(news_article_ld(page, outlet)),
    ]
    body = [
        '<div class="cookie-notice">This site uses cookies. By continuing to browse you agree to our use of '
        'cookies. <a href="/cookie-policy">Find out more</a> <button>OK</button></div>',
        '<header class="dl-masthead"><a href="/" class="dl-logo">Daily Lantern</a>',
        '<nav class="dl-nav"><a href="/news/">News</a><a href="/showbiz/">Showbiz</a><a href="/sport/">Sport</a>'
        '<a href="/money/">Money</a><a href="/travel/">Travel</a></nav></header>',
        '<div class="dl-content">',
        '<article class="dl-article">',
        f'<h1 class="dl-headline">{e(page["title"])}</h1>',
        f'<div class="dl-author">By <span class="dl-author__name">{e(page["author"])}</span> &middot; '
        f'<time datetime="{page["published"]}">{human_date(page["published"], "uk")}</time></div>',
    ]
    bp.append("share_prompt")
    body.append(
        '<div class="dl-share">Share on <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp'
        "</a></div>"
    )
    photo = ctx.photo(page)
    if photo:
        bp.append("photo_caption")
        agency = photo[1].split("/")[-1]
        body += [
            f'<figure class="dl-pic"><img src="/pics/{slug(photo[0])[:40]}.jpg" alt="">',
            f"<figcaption>{e(photo[0])} (Picture: {e(agency)})</figcaption></figure>",
        ]
    related = ctx.related(page, 1)
    ad = (
        '<div class="dl-ad"><span>Advertisement</span><div class="dl-ad__slot" data-slot="mid-1"></div></div>'
    )
    inserts = {1: ad, 4: ad.replace("mid-1", "mid-2")}
    bp.append("advertisement")
    if related:
        bp.append("related_link")
        inserts[2] = (
            f'<p class="dl-readmore"><b>READ MORE:</b> <a href="{a(related[0]["url"])}">'
            f"{e(related[0]['title'])}</a></p>"
        )
    body += ['<div class="dl-article__body">', *paragraphs(page, inserts), "</div>"]
    bp.append("newsletter_box")
    body += [
        '<div class="dl-signup">Get the Lantern\'s top stories in your inbox every morning. '
        '<a href="/newsletters">Sign up to our free newsletter</a></div>',
        "</article>",
    ]
    bp.append("most_read")
    body += ['<aside class="dl-sidebar"><h2>Most Read</h2><ol>']
    body += [f'<li><a href="{a(u)}">{e(t)}</a></li>' for t, u in ctx.most_read(page, LANTERN_FILLERS)]
    body += ["</ol></aside>", "</div>"]
    bp.append("footer")
    body.append(
        f'<footer class="dl-footer">&copy; {COPYRIGHT_YEAR} Lantern Newspapers Ltd. '
        '<a href="/contact">Contact us</a> <a href="/complaints">Complaints</a></footer>'
    )
    return document(outlet["language"], head, ' class="dl"', body), bp


def render_newspulse(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    if page["no_article"]:
        return render_newspulse_tag(page, ctx)
    bp = ["nav_menu"]
    head = head_common(page, outlet, " - NewsPulse Hub", "utf-8")
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {**news_article_ld(page, outlet, "Article"), "@context": None},
            {"@type": "WebPage", "@id": page["url"], "name": page["title"]},
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": 1,
                        "name": "Home",
                        "item": f"https://{outlet['domain']}/",
                    },
                    {"@type": "ListItem", "position": 2, "name": page["title"]},
                ],
            },
        ],
    }
    del graph["@graph"][0]["@context"]
    head += [
        f'<meta property="article:published_time" content="{page["published"]}">',
        f'<meta property="article:modified_time" content="{page["published"]}">',
        '<meta name="generator" content="WordPress 6.5.3">',
        json_ld(graph),
    ]
    body = [
        '<div id="page" class="site">',
        '<header id="masthead" class="site-header"><p class="site-title"><a href="/">NewsPulse Hub</a></p>',
        '<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">'
        '<li class="menu-item"><a href="/category/world/">World</a></li><li class="menu-item">'
        '<a href="/category/tech/">Tech</a></li><li class="menu-item"><a href="/category/trending/">Trending</a></li>'
        '<li class="menu-item"><a href="/category/celebrity/">Celebrity</a></li></ul></nav></header>',
        '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main">',
        f'<article id="post-{sum(map(ord, page["file"])) % 90000 + 10000}" class="post type-post status-publish">',
        f'<header class="entry-header"><h1 class="entry-title">{e(page["title"])}</h1>',
        f'<div class="entry-meta"><span class="posted-on"><time class="entry-date published" '
        f'datetime="{page["published"]}">{human_date(page["published"], "long")}</time></span> '
        f'<span class="byline">by <span class="author vcard">{e(page["author"])}</span></span></div></header>',
    ]
    bp += ["advertisement", "scroll_to_continue"]
    ad = (
        '<div class="np-ad-wrap"><div class="np-ad-label">Advertisement</div><ins class="adsbygoogle" '
        'data-ad-slot="4417"></ins><div class="np-scroll">Scroll to continue with content</div></div>'
    )
    inserts = {0: ad, 3: ad.replace("4417", "4418"), 6: ad.replace("4417", "4419")}
    body += ['<div class="entry-content">', *paragraphs(page, inserts), "</div>"]
    bp.append("share_prompt")
    body.append(
        '<div class="np-share">Share this: <a href="#">Facebook</a> <a href="#">Twitter</a> '
        '<a href="#">Reddit</a></div>'
    )
    if page.get("tags"):
        bp.append("tags")
        tags = ", ".join(f'<a href="/tag/{slug(t)}/" rel="tag">{e(t)}</a>' for t in page["tags"])
        body.append(f'<footer class="entry-footer"><span class="tags-links">Tags: {tags}</span></footer>')
    body.append("</article>")
    bp.append("related_posts")
    body += ['<div class="np-related"><h3>Related Posts</h3><ul>']
    body += [f'<li><a href="{a(p["url"])}">{e(p["title"])}</a></li>' for p in ctx.related(page, 3)]
    body += ["</ul></div>"]
    bp.append("comments")
    body += [
        '<div id="comments" class="comments-area"><h3>Comments (0)</h3><div id="respond">'
        '<h3 class="comment-reply-title">Leave a Reply</h3><p>Your email address will not be published.</p>'
        "</div></div>",
        "</main></div>",
    ]
    body += [
        '<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">'
        "Trending Now</h2><ul>"
    ]
    body += [f'<li><a href="{a(u)}">{e(t)}</a></li>' for t, u in ctx.most_read(page, NEWSPULSE_FILLERS)]
    body += [
        "</ul></section>",
        '<section class="widget"><div class="np-ad-label">Advertisement</div></section>',
        "</aside></div>",
    ]
    bp.append("footer")
    body.append(
        f'<footer id="colophon" class="site-footer">&copy; {COPYRIGHT_YEAR} NewsPulse Hub. '
        "Proudly powered by WordPress.</footer>"
    )
    body.append("</div>")
    return document(outlet["language"], head, ' class="post-template-default single single-post"', body), bp


def render_newspulse_tag(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    head = [
        '<meta charset="utf-8">',
        f"<title>{e(page['title'])}</title>",
        f'<link rel="canonical" href="{a(page["url"])}">',
        f'<meta property="og:site_name" content="{a(outlet["name"])}">',
        '<meta property="og:type" content="website">',
        '<meta name="robots" content="noindex, follow">',
    ]
    posts = [p for p in ctx.siblings(page) if "earthquake" in p.get("tags", [])] or ctx.siblings(page)[:1]
    body = [
        '<div id="page" class="site">',
        '<header id="masthead"><p class="site-title"><a href="/">NewsPulse Hub</a></p>',
        '<nav class="main-navigation"><ul><li><a href="/category/world/">World</a></li>'
        '<li><a href="/category/trending/">Trending</a></li></ul></nav></header>',
        '<main id="main"><header class="page-header"><h1 class="page-title">Tag: earthquake</h1></header>',
    ]
    body += [
        f'<article class="post"><h2 class="entry-title"><a href="{a(p["url"])}">{e(p["title"])}</a></h2>'
        f'<a class="more-link" href="{a(p["url"])}">Continue reading</a></article>'
        for p in posts
    ]
    body += [
        '<div class="np-ad-label">Advertisement</div>',
        '<nav class="pagination"><span class="page-numbers current">1</span></nav>',
        "</main>",
        f'<footer id="colophon">&copy; {COPYRIGHT_YEAR} NewsPulse Hub</footer>',
        "</div>",
    ]
    return document(outlet["language"], head, ' class="archive tag"', body), [
        "nav_menu",
        "advertisement",
        "footer",
    ]


def render_observer(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    bp = ["nav_menu"]
    head = head_common(page, outlet, " \u2014 Eastbridge Observer", "utf-8")
    head += [
        f'<meta property="article:published_time" content="{page["published"]}">',
        f'<meta name="parsely-author" content="{a(page["author"])}">',
        json_ld(news_article_ld(page, outlet)),
    ]
    body = [
        '<a class="skip-link" href="#story">Skip to content</a>',
        '<header class="eo-header"><a class="eo-brand" href="/">Eastbridge Observer</a>',
        '<nav class="eo-nav"><a href="/eastbridge/">Eastbridge</a> <a href="/arvenia/">Arvenia</a> '
        '<a href="/world/">World</a> <a href="/investigations/">Investigations</a> <a href="/about/">About us</a>'
        "</nav></header>",
        '<main id="story" class="eo-story">',
        f'<p class="eo-kicker">{e(page["section"][-1])}</p>',
        f'<h1 class="eo-title">{e(page["title"])}</h1>',
        f'<p class="eo-byline">{e(page["author"])} &middot; <time datetime="{page["published"]}">'
        f"{human_date(page['published'], 'long')}</time></p>",
    ]
    photo = ctx.photo(page)
    if photo:
        bp.append("photo_caption")
        body += [
            f'<figure class="eo-lead-image"><img src="/wp-content/uploads/{slug(photo[0])[:40]}.jpg" alt="">',
            f"<figcaption>{e(photo[0])} <cite>Photo: {e(photo[1])}</cite></figcaption></figure>",
        ]
    bp.append("newsletter_box")
    box = (
        '<aside class="eo-newsletter"><p><strong>Get the Observer Weekly.</strong> Our free newsletter '
        'brings you the week\u2019s reporting every Saturday.</p><a href="/newsletter/">Sign up</a></aside>'
    )
    body += ['<div class="eo-story__text">', *paragraphs(page, {4: box}), "</div>"]
    if page.get("tags"):
        bp.append("tags")
        body.append(
            '<p class="eo-filed">Filed under: '
            + ", ".join(f'<a href="/topic/{slug(t)}/">{e(t)}</a>' for t in page["tags"])
            + "</p>"
        )
    bp.append("support_prompt")
    body += [
        '<aside class="eo-support"><h2>Independent, nonprofit, reader-funded</h2><p>The Eastbridge Observer '
        "is a nonprofit newsroom. We don\u2019t have a paywall. If you value this reporting, please support it."
        '</p><a class="eo-button" href="/donate/">Donate today</a></aside>',
        "</main>",
    ]
    bp.append("footer")
    body.append(
        f'<footer class="eo-footer">Eastbridge Observer is a registered charity. &copy; {COPYRIGHT_YEAR}. '
        '<a href="/ethics/">Ethics policy</a> \u00b7 <a href="/corrections/">Corrections</a></footer>'
    )
    return document(outlet["language"], head, "", body), bp


def render_kbn(page: dict[str, Any], ctx: Ctx) -> Rendered:
    outlet = ctx.outlet(page)
    bp = ["cookie_banner", "nav_menu", "breadcrumbs"]
    head = head_common(page, outlet, " - KBN News", "utf-8")
    head += [
        f'<meta property="article:published_time" content="{page["published"]}">',
        f'<meta name="article.author" content="{a(page["author"])}">',
    ]
    crumbs = " / ".join(
        ['<a href="/">Home</a>'] + [f'<a href="/{slug(s)}/">{e(s)}</a>' for s in page["section"]]
    )
    body = [
        '<div class="kbn-consent" data-nosnippet>KBN uses cookies to give you the best online experience. '
        '<button>Accept</button> <a href="/cookies">Settings</a></div>',
        '<header class="kbn-header"><a class="kbn-logo" href="/">KBN</a>',
        '<nav class="kbn-nav"><a href="/news/">News</a> <a href="/news/arvenia/">Arvenia</a> '
        '<a href="/news/world/">World</a> <a href="/sport/">Sport</a> <a href="/weather/">Weather</a> '
        '<a href="/live/">Live TV</a></nav></header>',
        f'<div class="kbn-crumbs">{crumbs}</div>',
        '<main class="kbn-main"><div class="kbn-article">',
        f'<h1 class="kbn-article__headline">{e(page["title"])}</h1>',
        f'<div class="kbn-article__meta"><span class="kbn-author">{e(byline_name(page))}</span> '
        f'<time datetime="{page["published"]}">{human_date(page["published"], "short")}</time></div>',
    ]
    if page.get("video"):
        bp.append("video_promo")
        body.append(
            f'<div class="kbn-video"><span class="kbn-video__label">{e(page["video"])}</span>'
            '<div class="kbn-player" data-duration="2:14"></div></div>'
        )
    related = ctx.related(page, 1)
    inserts = {}
    if related:
        bp.append("related_link")
        inserts[3] = (
            f'<div class="kbn-related">Related: <a href="{a(related[0]["url"])}">'
            f"{e(related[0]['title'])}</a></div>"
        )
    body += ['<div class="kbn-article__body">', *paragraphs(page, inserts), "</div>"]
    bp.append("share_prompt")
    body += [
        '<div class="kbn-share">Share this story <a href="#">Facebook</a> <a href="#">X</a> '
        '<a href="#">Email</a></div>',
        "</div>",
    ]
    bp.append("most_read")
    body += ['<aside class="kbn-rail"><h2>Most read</h2><ol>']
    body += [f'<li><a href="{a(u)}">{e(t)}</a></li>' for t, u in ctx.most_read(page, KBN_FILLERS)]
    body += ["</ol></aside>", "</main>"]
    bp.append("footer")
    body.append(
        f'<footer class="kbn-footer">&copy; {COPYRIGHT_YEAR} Kestrel Broadcasting Network. KBN is not '
        "responsible for the content of external sites.</footer>"
    )
    return document(outlet["language"], head, "", body), bp


TEMPLATES: dict[str, Callable[[dict[str, Any], Ctx], Rendered]] = {
    "meridian": render_meridian,
    "harbour": render_harbour,
    "valemont": render_valemont,
    "northgate": render_northgate,
    "lantern": render_lantern,
    "newspulse": render_newspulse,
    "observer": render_observer,
    "kbn": render_kbn,
}

# Invented headlines for most-read lists, so sidebars are not only our own pages.
MERIDIAN_FILLERS = [
    "Central bank of Lusenia holds rates, signals cut in autumn",
    "Ostmark shipping strike enters third week as ports clog",
    "Copper prices hit two-year high on supply worries",
]
HARBOUR_FILLERS = [
    "The quiet revival of Valemont's old harbour district",
    "Review: a bleak, brilliant staging of The Lighthouse Keepers",
    "House prices in Arvenia's coastal towns fall for sixth month",
]
NORTHGATE_FILLERS = [
    "Roadworks on Harrowgate bypass to last until spring",
    "Millbrook Rovers sign striker on loan",
    "Planning row over former cinema site on Market Street",
]
LANTERN_FILLERS = [
    "Reality star's secret wedding in a castle",
    "Shoppers go wild for 5-crown garden gadget",
    "Weather warning: Arctic blast to hit this weekend",
]
NEWSPULSE_FILLERS = [
    "10 Foods Doctors Say You Should Never Eat After 8pm",
    "You Won't Believe What This Old Coin Is Worth Now",
    "Celebrity Chef Reveals Her One Kitchen Secret",
]
KBN_FILLERS = [
    "Weather: heavy snow expected across the north tonight",
    "Valemont council approves new tram line to the airport",
    "Quiz: how well do you know this week's news?",
]


# --- manifest ------------------------------------------------------------------------


def _series(
    data: ModuleType, pages: list[dict[str, Any]], event: str | None, measure: str
) -> list[dict[str, Any]]:
    """The values of one measure over time; within an event, back-references to
    figures from before the event started (e.g. last year's toll) are left out."""
    start = data.EVENTS[event]["start"] if event else ""
    points: dict[str, dict[str, Any]] = {}
    for p in pages:
        if event is not None and p["event"] != event:
            continue
        for f in p["figures"]:
            if f["measure"] != measure or f["qualifier"] in ("fewer than",) or f["as_of"] < start:
                continue
            point = points.setdefault(f["as_of"], {"as_of": f["as_of"], "value": f["value"], "files": []})
            if point["value"] != f["value"]:
                raise ValueError(f"{measure} as of {f['as_of']}: {point['value']} vs {f['value']}")
            if p["file"] not in point["files"]:
                point["files"].append(p["file"])
    series: list[dict[str, Any]] = []
    for key in sorted(points):  # a repeated value is the same point reported again later
        if series and series[-1]["value"] == points[key]["value"]:
            series[-1]["files"] += [f for f in points[key]["files"] if f not in series[-1]["files"]]
        else:
            series.append(points[key])
    values = [s["value"] for s in series]
    if len(series) < 2 or values != sorted(values) or len(set(values)) != len(values):
        raise ValueError(f"{measure} ({event}) does not rise over time: {values}")
    return series


def _figure_in(page: dict[str, Any], measure: str, value: float) -> dict[str, Any]:
    for f in page["figures"]:
        if f["measure"] == measure and f["value"] == value:
            return f
    raise ValueError(f"{page['file']} has no figure {measure}={value}")


def build_expectations(data: ModuleType, pages: list[dict[str, Any]]) -> dict[str, Any]:
    by_file = {p["file"]: p for p in pages}
    groups = [[p["file"] for p in pages if p["event"] == ev] for ev in data.EVENTS]
    for conflict in data.CONFLICTS:
        for file, value in zip(conflict["files"], conflict["values"], strict=True):
            _figure_in(by_file[file], conflict["measure"], value)
    for drift in data.QUALIFIER_DRIFT:
        if (
            _figure_in(by_file[drift["source"]], drift["measure"], drift["value"])["qualifier"]
            != drift["from"]
        ):
            raise ValueError(f"qualifier drift source mismatch: {drift}")
        if _figure_in(by_file[drift["copy"]], drift["measure"], drift["value"])["qualifier"] != drift["to"]:
            raise ValueError(f"qualifier drift copy mismatch: {drift}")
    for item in data.CORROBORATED:
        for file in item["files"]:
            _figure_in(by_file[file], item["measure"], item["value"])
            if by_file[file]["relation"]["kind"] not in ("original", "independent", "partial"):
                raise ValueError(f"corroborating page {file} is not independent")
    for item in data.SINGLE_SOURCE:
        holders = [
            p["file"]
            for p in pages
            if any(f["measure"] == item["measure"] and f["value"] == item["value"] for f in p["figures"])
        ]
        if holders != [item["file"]]:
            raise ValueError(f"single-source figure appears in {holders}")
    updates = [{"event": ev, "measure": m, "series": _series(data, pages, ev, m)} for ev, m in data.UPDATES]
    copies, altered, dropped, reformats = [], [], [], []
    for p in pages:
        rel = p["relation"]
        if not rel or rel["kind"] in ("original", "independent"):
            continue
        copies.append({"file": p["file"], "source": rel["source"], "kind": rel["kind"]})
        for spec in p.get("edits", []):
            if not isinstance(spec, dict) or spec["op"] != "sub":
                continue
            if spec["desc"].startswith("altered quote"):
                altered.append(
                    {
                        "source": rel["source"],
                        "copy": p["file"],
                        "original": spec["old"].strip('"'),
                        "altered": spec["new"].strip('"'),
                    }
                )
            if spec["drop_attribution"]:
                dropped.append(
                    {"source": rel["source"], "copy": p["file"], "measures": spec["drop_attribution"]}
                )
            if spec["desc"].startswith("number reformat"):
                reformats.append(
                    {"source": rel["source"], "copy": p["file"], "from": spec["old"], "to": spec["new"]}
                )
    return {
        "same_story_groups": groups,
        "different_story_pairs": data.DIFFERENT_STORY_PAIRS,
        "conflicts": data.CONFLICTS,
        "updates": updates,
        "qualifier_drift": data.QUALIFIER_DRIFT,
        "corroborated": data.CORROBORATED,
        "single_source": data.SINGLE_SOURCE,
        "copies": copies,
        "altered_quotes": altered,
        "dropped_attributions": dropped,
        "number_reformats": reformats,
    }


def page_record(page: dict[str, Any], outlet: dict[str, Any], boilerplate: list[str]) -> dict[str, Any]:
    return {
        "file": page["file"],
        "url": page["url"],
        "outlet": outlet["name"],
        "outlet_id": page["outlet"],
        "event": page["event"],
        "published": page["published"],
        "title": page["title"],
        "author": page["author"],
        "language": outlet["language"],
        "encoding": outlet["encoding"],
        "no_article": page["no_article"],
        "no_article_kind": page.get("no_article_kind"),
        "relation": page["relation"],
        "boilerplate": boilerplate,
        "word_count": sum(len(p.split()) for p in page["body"]),
        "body": page["body"],
        "figures": page["figures"],
        "quotes": page["quotes"],
    }


def build(out_dir: Path) -> dict[str, Any]:
    """Render every page into ``out_dir/corpus`` and write ``out_dir/manifest.json``.

    Stale ``*.html`` files in the corpus folder are removed so the folder always
    matches the manifest. Returns the manifest.
    """
    data = load_data()
    pages = resolve_pages(data)
    ctx = Ctx(data, pages)
    corpus = out_dir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    wanted = {p["file"] for p in pages}
    for old in corpus.glob("*.html"):
        if old.name not in wanted:
            old.unlink()
    records = []
    used: dict[str, set[str]] = {k: set() for k in data.OUTLETS}
    for page in pages:
        outlet = data.OUTLETS[page["outlet"]]
        text, boilerplate = TEMPLATES[page["outlet"]](page, ctx)
        (corpus / page["file"]).write_bytes(text.encode(outlet["encoding"]))
        used[page["outlet"]].update(boilerplate)
        records.append(page_record(page, outlet, boilerplate))
    outlets = {
        key: {
            "name": o["name"],
            "domain": o["domain"],
            "kind": o["kind"],
            "language": o["language"],
            "encoding": o["encoding"],
            "json_ld": o["json_ld"],
            "template": o["template"],
            "boilerplate": sorted(used[key]),
        }
        for key, o in data.OUTLETS.items()
    }
    events = {key: {k: v for k, v in ev.items() if k != "photo"} for key, ev in data.EVENTS.items()}
    manifest = {
        "version": 1,
        "description": (
            "Ground truth for storytrace's demo corpus. All outlets, places, people and texts are fictional. "
            "body: the clean article paragraphs a perfect extractor returns (no title, byline or boilerplate). "
            "relation.kind: original (copied by others or a wire original), independent (own reporting), "
            "copy (light edits of source), rewrite (paraphrase of source), partial (own text plus pasted "
            "source paragraphs)."
        ),
        "boilerplate_markers": BOILERPLATE_MARKERS,
        "outlets": outlets,
        "events": events,
        "pages": records,
        "expectations": build_expectations(data, pages),
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (out_dir / "manifest.json").write_text(text, encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    manifest = build(out)
    pages = manifest["pages"]
    print(
        f"wrote {len(pages)} pages ({sum(not p['no_article'] for p in pages)} articles) "
        f"and manifest.json to {out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
