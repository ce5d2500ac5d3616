"""Article metadata from a parsed page: JSON-LD, <meta> tags, <link>, <html lang>.

Explicit publisher markup is preferred over heuristics because it is what the
outlet itself says; trafilatura's guesses (title, author, date) fill the gaps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement
from selectolax.lexbor import LexborHTMLParser

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "webpage",
}

# Second-level labels under which ccTLD registrations sit (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gob", "nic", "mil", "govt"}
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


@dataclass(slots=True)
class PageMeta:
    """What the page's markup declares about the article."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    body: str | None = None  # JSON-LD articleBody, when the page carries one


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).casefold() for x in items if x}


def _walk(obj: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD blob, outermost first (bounded depth)."""
    if depth > 6:
        return
    if isinstance(obj, list):
        for item in obj:
            yield from _walk(item, depth + 1)
    elif isinstance(obj, dict):
        yield obj
        graph = obj.get("@graph")
        if graph is not None:
            yield from _walk(graph, depth + 1)
        main = obj.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk(main, depth + 1)


def json_ld_articles(tree: HtmlElement) -> list[dict[str, Any]]:
    """The article-like objects in the page's JSON-LD scripts (broken scripts skipped)."""
    raw = [
        script.text or ""
        for script in tree.iterfind(".//script")
        if (script.get("type") or "").strip().casefold() == "application/ld+json"
    ]
    return ld_articles(raw)


def ld_articles(scripts: list[str]) -> list[dict[str, Any]]:
    """The article-like objects in JSON-LD script texts, real article types first."""
    found: list[dict[str, Any]] = []
    for raw in scripts:
        raw = raw.strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        found.extend(obj for obj in _walk(data) if _types(obj) & _ARTICLE_TYPES)
    # Real article types before a generic WebPage.
    found.sort(key=lambda o: "webpage" in _types(o) and len(_types(o)) == 1)
    return found


def _name(value: Any) -> str | None:
    """A person/organisation name from a JSON-LD value (string, object or list)."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def iso_datetime(value: str | date | None) -> str | None:
    """``value`` as ISO 8601: "YYYY-MM-DD" for dates, full datetime when a time is given.

    Accepts ISO strings (with a space or "T", "Z" or "+0100" offsets), RFC 2822
    dates as feeds write them, and ``date``/``datetime`` objects; None otherwise.
    """
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not value:
        return None
    value = value.strip()
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", value):
        try:
            return parsedate_to_datetime(value).isoformat()
        except (TypeError, ValueError, IndexError):
            return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
        except ValueError:
            return None
    candidate = value.replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2} \d", value) else value
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)  # +0100 -> +01:00
    try:
        dt = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if not 1990 <= dt.year <= 2100:
        return None
    return dt.isoformat()


def registered_domain(url: str | None) -> str | None:
    """The registrable domain of ``url`` (``www.bbc.co.uk`` -> ``bbc.co.uk``), approximately.

    Without a public-suffix list: two labels, or three when the second-level
    label is a common registry one under a two-letter country code.
    """
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").rstrip(".")
    except ValueError:
        return None
    if not host or re.fullmatch(r"[\d.]+|[0-9a-f:]+", host):
        return host or None
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def language_code(value: str | None) -> str | None:
    """Primary language subtag, lower case: "en-GB" and "en_US" -> "en"."""
    if not value:
        return None
    m = _LANG.match(value.strip().split(",")[0].strip())
    return m.group(1).lower() if m else None


@dataclass(slots=True)
class PageParts:
    """The bits of markup metadata is read from, whichever parser found them."""

    meta: dict[str, str]  # <meta> name/property/itemprop/http-equiv -> content, casefolded keys
    ld_scripts: list[str]  # JSON-LD script texts
    lang: str | None = None  # <html lang>
    xml_lang: str | None = None
    canonical: str | None = None  # <link rel=canonical href>


def _add_meta(out: dict[str, str], key: str | None, content: str | None) -> None:
    if key and content and content.strip():
        out.setdefault(key.strip().casefold(), content.strip())


def lxml_parts(tree: HtmlElement) -> PageParts:
    meta: dict[str, str] = {}
    for el in tree.iterfind(".//meta"):
        _add_meta(
            meta,
            el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv"),
            el.get("content"),
        )
    scripts = [
        script.text or ""
        for script in tree.iterfind(".//script")
        if (script.get("type") or "").strip().casefold() == "application/ld+json"
    ]
    html_el = tree if tree.tag == "html" else tree.find(".//html")
    canonical = None
    for link in tree.iterfind(".//link"):
        rel = (link.get("rel") or "").casefold().split()
        if "canonical" in rel and link.get("href", "").strip():
            canonical = link.get("href", "").strip()
            break
    return PageParts(
        meta,
        scripts,
        html_el.get("lang") if html_el is not None else None,
        html_el.get("{http://www.w3.org/XML/1998/namespace}lang") if html_el is not None else None,
        canonical,
    )


def lexbor_parts(tree: LexborHTMLParser) -> PageParts:
    """The same parts from a lexbor (selectolax) tree: no second parse of the page."""
    meta: dict[str, str] = {}
    for el in tree.css("meta"):
        a = el.attributes
        _add_meta(
            meta,
            a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv"),
            a.get("content"),
        )
    scripts = [
        el.text(deep=True)
        for el in tree.css("script")
        if (el.attributes.get("type") or "").strip().casefold() == "application/ld+json"
    ]
    html_el = tree.css_first("html")
    canonical = None
    for link in tree.css("link"):
        rel = (link.attributes.get("rel") or "").casefold().split()
        href = (link.attributes.get("href") or "").strip()
        if "canonical" in rel and href:
            canonical = href
            break
    attrs = html_el.attributes if html_el is not None else {}
    return PageParts(meta, scripts, attrs.get("lang"), attrs.get("xml:lang"), canonical)


def page_metadata(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """Read the metadata the page declares; fields it does not declare stay None."""
    return metadata_from_parts(lxml_parts(tree), url)


def metadata_from_parts(parts: PageParts, url: str | None = None) -> PageMeta:
    """The metadata a page's markup declares (``PageParts`` from either parser)."""
    meta = parts.meta
    articles = ld_articles(parts.ld_scripts)
    art = articles[0] if articles else {}
    pm = PageMeta()

    pm.title = _text(art.get("headline")) or meta.get("og:title") or meta.get("twitter:title")

    for candidate in (
        _text(art.get("datePublished")),
        meta.get("article:published_time"),
        meta.get("og:published_time"),
        meta.get("datepublished"),
        meta.get("publishdate"),
        meta.get("pubdate"),
        meta.get("dc.date.issued"),
        meta.get("date"),
        _text(art.get("dateCreated")),
    ):
        pm.published = iso_datetime(candidate)
        if pm.published:
            break

    pm.outlet = meta.get("og:site_name") or _name(art.get("publisher")) or meta.get("application-name")
    pm.author = _name(art.get("author")) or meta.get("author") or meta.get("article:author")
    if pm.author and pm.author.startswith(("http://", "https://")):
        pm.author = None  # article:author is often a profile URL, not a name

    pm.language = (
        language_code(parts.lang)
        or language_code(parts.xml_lang)
        or language_code(meta.get("content-language"))
        or language_code(meta.get("language"))
        or language_code(meta.get("og:locale"))
        or language_code(_text(art.get("inLanguage")))
    )

    canonical = parts.canonical or meta.get("og:url")
    if canonical:
        canonical = urljoin(url, canonical) if url else canonical
        if not canonical.startswith(("http://", "https://")):
            canonical = None
    pm.canonical_url = canonical

    body = next((_text(a.get("articleBody")) for a in articles if _text(a.get("articleBody"))), None)
    pm.body = body
    return pm
