"""Main text and metadata from one news HTML page.

The article body comes from the fast extractor (``fast.py``: a lexbor DOM and
readability-style block scoring) when it is confident and finds enough words. On
the pages its signals mark as unsure (about a sixth: ``blocks_vote``, a small model
fitted on the tuning pages), trafilatura reads the page too: the fast text keeps only
the short lines trafilatura also found, and trafilatura's text replaces it when the two
read different articles. Below the confidence threshold trafilatura reads the page
alone, tuned for precision without comments, with a recall-oriented pass when that
finds too little, and our news cleanup on top. Metadata comes from the page's own markup first (metadata.py), then from
trafilatura's heuristics.
"""

from __future__ import annotations

import re
import warnings
from datetime import date

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from selectolax.lexbor import LexborHTMLParser
from trafilatura.metadata import extract_author, extract_title
from trafilatura.utils import load_html

from ..errors import InputError
from ..model import Extraction
from .blocks_vote import disagree, needs_second_opinion, vote
from .cleanup import clean_text
from .decode import binary_reason, decode_bytes, repair_text
from .fast import fast_extract_result
from .metadata import (
    PageMeta,
    iso_datetime,
    lexbor_parts,
    metadata_from_parts,
    page_metadata,
    registered_domain,
)
from .normalise import normalise_for_comparison

# Below this many words the precise pass probably missed the body: try harder.
_FALLBACK_WORDS = 60
#: The fast extractor's text is kept from this confidence (and ``_FALLBACK_WORDS``); below,
#: trafilatura reads the page. On the benchmark's development pages no page fell below it.
FAST_MIN_CONFIDENCE = 0.3


def _paragraphs(text: str | None) -> str:
    """trafilatura puts one block per line; we separate paragraphs by a blank line."""
    if not text:
        return ""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _run_trafilatura(
    tree: HtmlElement | str, url: str | None, *, precise: bool, fallbacks: bool = True
) -> trafilatura.settings.Document | None:
    with warnings.catch_warnings():
        # trafilatura/htmldate may warn on odd markup; a page's oddities are not errors.
        warnings.simplefilter("ignore")
        result = trafilatura.bare_extraction(
            tree,
            url=url,
            fast=not fallbacks,
            with_metadata=False,
            favor_precision=precise,
            favor_recall=not precise,
            include_comments=False,
            include_tables=True,
        )
    return result if isinstance(result, trafilatura.settings.Document) else None


def _fill_gaps(meta: PageMeta, tree: HtmlElement, url: str | None) -> None:
    """Heuristic title, author and date for pages whose markup does not declare them.

    Run before text extraction (which consumes the tree) and only for what is
    missing: htmldate's search is the slowest part of metadata extraction.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if not meta.title:
            meta.title = extract_title(tree)
        if not meta.author:
            meta.author = extract_author(tree)
        if not meta.published:
            found = find_date(
                tree,
                url=url,
                original_date=True,
                extensive_search=True,
                max_date=date.today().isoformat(),
            )
            meta.published = iso_datetime(found) if found else None


def _fill_gaps_fast(
    meta: PageMeta, tags: dict[str, str], page: LexborHTMLParser, html: str, url: str | None
) -> None:
    """Title, author and date for pages whose markup does not declare them, from the lexbor tree.

    The headline is the first <h1> (else <title>), the author a byline <meta> of the
    kinds news systems write ("byl", "article.author", ...) or else a byline element;
    the date still comes from htmldate (it reads the URL, text and markup), on the few
    pages that declare none.
    """
    if not meta.title:
        for selector in ("h1", "title"):
            node = page.css_first(selector)
            text = " ".join(node.text(deep=True).split()) if node is not None else ""
            if text:
                meta.title = text
                break
    if not meta.author:
        named = next((tags[k] for k in _AUTHOR_TAGS if tags.get(k)), None)
        meta.author = _clean_byline(named) if named else _byline(page)
    if not meta.published:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = find_date(
                html, url=url, original_date=True, extensive_search=True, max_date=date.today().isoformat()
            )
        meta.published = iso_datetime(found) if found else None


_BYLINE = '[itemprop="author"], [rel="author"], [class*="byline"], [class*="author-name"], [class~="author"]'
_BY = re.compile(r"^(?:by|von|par|por|di)\s+", re.IGNORECASE)


_AUTHOR_TAGS = (
    "article.author",
    "byl",
    "sailthru.author",
    "parsely-author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "twitter:creator",
)


def _clean_byline(text: str) -> str | None:
    text = _BY.sub("", " ".join(text.split())).strip(" |,:-@")
    if 3 <= len(text) <= 80 and len(text.split()) <= 8 and not any(c.isdigit() for c in text):
        return text
    return None


def _byline(page: LexborHTMLParser) -> str | None:
    for node in page.css(_BYLINE):
        text = _clean_byline(node.text(deep=True))
        if text:
            return text
    return None


def _parse(html: str) -> HtmlElement | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree = load_html(html)
    return tree if isinstance(tree, HtmlElement) else None


def extract_html(
    html: str | bytes,
    url: str | None = None,
    declared_encoding: str | None = None,
    *,
    fast: bool = True,
) -> Extraction:
    """Extract the article text and metadata of one HTML page.

    ``html`` may be bytes (decoded with ``declared_encoding``, the page's own
    charset or a guess) or text. The text comes back cleaned, one paragraph per
    blank-line-separated block; it is empty when the page holds no article
    (callers decide whether that is an error). Raises ``InputError`` only for
    binary input. ``fast=False`` skips the fast extractor (trafilatura reads every
    page, and metadata gaps are filled by trafilatura's and htmldate's heuristics).
    """
    if isinstance(html, bytes):
        reason = binary_reason(html)
        if reason:
            raise InputError(reason)
        html = decode_bytes(html, declared_encoding)
    elif "\x00" in html[:8192]:
        raise InputError("binary content (NUL bytes), not HTML or text")

    if fast:
        page = LexborHTMLParser(html)
        parts = lexbor_parts(page)
        meta = metadata_from_parts(parts, url)
        _fill_gaps_fast(meta, parts.meta, page, html, url)
        result = fast_extract_result(page)
        if result.confidence >= FAST_MIN_CONFIDENCE and len(result.text.split()) >= _FALLBACK_WORDS:
            text = result.text
            if needs_second_opinion(result.signals, result.confidence):
                # trafilatura without its own fallbacks confirms or rejects short paragraphs; when
                # the two read different articles, its full reading (with fallbacks) is taken.
                other = slow_text(html, url, meta, fallbacks=False)
                text = slow_text(html, url, meta) if disagree(text, other) else vote(text, other)
            return _extraction(_drop_headline(text, meta.title), meta, url)

    tree = _parse(html)
    if tree is None:
        return Extraction(text="")
    if not fast:
        meta = page_metadata(tree, url)
    _fill_gaps(meta, tree, url)
    return _extraction(_drop_headline(_trafilatura_text(tree, html, url, meta), meta.title), meta, url)


def slow_text(html: str, url: str | None, meta: PageMeta, *, fallbacks: bool = True) -> str:
    """The article text as trafilatura reads the page (with our fallbacks and cleanup); "" without a tree.

    ``fallbacks=False`` skips trafilatura's own comparison with its readability and jusText
    fallbacks (a third of its time).
    """
    tree = _parse(html)
    if tree is None:
        return ""
    return _trafilatura_text(tree, html, url, meta, fallbacks=fallbacks)


def _trafilatura_text(
    tree: HtmlElement, html: str, url: str | None, meta: PageMeta, *, fallbacks: bool = True
) -> str:
    doc = _run_trafilatura(tree, url, precise=True, fallbacks=fallbacks)  # consumes the tree
    text = _paragraphs(doc.text if doc else None)

    if len(text.split()) < _FALLBACK_WORDS:
        retry_tree = _parse(html)
        retry = _run_trafilatura(retry_tree, url, precise=False) if retry_tree is not None else None
        retry_text = _paragraphs(retry.text if retry else None)
        if len(retry_text.split()) > len(text.split()):
            text = retry_text

    if len(text.split()) < _FALLBACK_WORDS and meta.body and len(meta.body.split()) > len(text.split()):
        text = meta.body  # the page's own JSON-LD articleBody, when the layout defeated both passes

    return clean_text(repair_text(text))


def _drop_headline(text: str, title: str | None) -> str:
    """Drop a first paragraph that repeats the headline: the title is a field of its own."""
    if not title:
        return text
    first, _, rest = text.partition("\n\n")
    if rest and normalise_for_comparison(first) == normalise_for_comparison(title):
        return rest
    return text


def _extraction(text: str, meta: PageMeta, url: str | None) -> Extraction:
    title, published, author = meta.title, meta.published, meta.author
    outlet = meta.outlet or registered_domain(meta.canonical_url or url)
    return Extraction(
        text=text,
        title=" ".join(repair_text(title).split()) if title else None,
        published=published,
        outlet=" ".join(repair_text(outlet).split()) if outlet else None,
        author=" ".join(repair_text(author).split()) if author else None,
        language=meta.language,
        canonical_url=meta.canonical_url,
    )
