"""Fast main-text extraction for news pages, with a confidence score.

A lexbor DOM (selectolax) and a handful of passes that run mostly in C:

1. drop elements that never hold story text (scripts, navigation, asides,
   forms, ...) and small blocks whose class or id names page furniture
   (share bars, related links, newsletter boxes, ...);
2. score every paragraph-like block by its text length and commas, less its
   link text, and credit the score to its parent and grandparent (the
   readability idea); the best-scored container is the article body, widened
   to an ancestor when that ancestor holds clearly more paragraph text;
3. write out the container's blocks in order, leaving out link lists, lines the
   news cleanup (``cleanup.is_boilerplate``) recognises and a first line that
   repeats the headline;
4. compare with the page's JSON-LD ``articleBody``: when that is complete it
   confirms the text (higher confidence) or replaces a thinner one.

``fast_extract`` returns ``(text, confidence)``; ``fast_extract_result`` adds the
signals behind them (``SIGNALS``: the container's share of the page's paragraph text, a
rival container's score, link lines dropped, short lines kept, JSON-LD, ``<article>``
markup). ``html.extract_html`` falls back to trafilatura below a confidence threshold, and
asks it for a second opinion on the pages those signals mark as unsure (``blocks_vote``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .cleanup import clean_text, is_boilerplate
from .decode import repair_text
from .normalise import normalise_for_comparison
from .textmeta import is_labelled_date_line

# Elements that never carry article text. (Not <form>: ASP.NET pages wrap the whole page in one.)
_STRIP = [
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "button",
    "select",
    "textarea",
    "input",
    "label",
    "nav",
    "footer",
    "aside",
    "figcaption",
    "dialog",
    "menu",
]

# class/id words that name page furniture; an element matching one is removed
# unless it holds a large part of the page's text (wrappers like "article-body has-share-bar").
_FURNITURE = re.compile(
    r"(?:^|[\s_\-])(?:share|sharing|sharebar|social|related|recommend\w*|newsletter|subscribe|subscription|"
    r"promo|advert\w*|ads?|ad-?slot|ad-?container|sponsor\w*|outbrain|taboola|comments?|disqus|"
    r"breadcrumbs?|byline|caption|credits?|tags?|tag-?list|sidebar|popup|modal|cookie\w*|consent|"
    r"paywall|signup|more-?stories|read-?more|most-?popular|most-?read|trending|toolbar|"
    r"visually-?hidden|sr-only|screen-?reader\w*|skip|widget-?area|footer|header|masthead|menu|nav\w*)"
    r"(?:$|[\s_\-])",
    re.IGNORECASE,
)
_ROLES = frozenset(
    {"navigation", "complementary", "banner", "contentinfo", "dialog", "menu", "menubar", "search"}
)

# Inline elements: their text belongs to the enclosing block.
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "del",
        "ins", "strike", "big", "tt", "center", "nobr",
    }
)  # fmt: skip
# Blocks that are paragraphs: their score goes to the container around them.
_PARAGRAPHS = frozenset(
    {
        "p",
        "li",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figure",
        "address",
        "font",
    }
)
_STOP = frozenset({"html", "body"})

# Lines the shared cleanup does not know: advert labels and script notices.
_EXTRA_LINES = re.compile(
    r"^(?:advert|advertising|anzeige|publicidade|publicidad|pub|this (?:slideshow|video|content) requires "
    r"javascript\.?)$",
    re.IGNORECASE,
)
# A whole line that is an unrendered WordPress shortcode ("[button link=...]Send us ...[/button]"):
# a widget's markup leaking into the text, never the story's words.
_SHORTCODE_LINE = re.compile(r"^\[(?P<tag>[a-z_]{2,30})(?:\s[^\]]*)?\].{0,200}\[/(?P=tag)\]$")
# A heading that opens the page's list of other stories: nothing after it (in the second
# half of the text) is this story.
_SECTION_END = re.compile(
    r"^(?:related(?: links| stories| articles| posts| news| coverage| content)?|top stories|more stories|"
    r"more news|you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories)?|"
    r"most (?:read|popular|viewed)|trending(?: now)?|latest news|read next|what to read next|"
    r"more from [\w .'-]{1,40})\s*:?$",
    re.IGNORECASE,
)
# Elements a page marks as its article (schema.org, HTML5).
_SEMANTIC = 'article, [itemprop="articleBody"], [itemprop="text"], main, [role="main"]'
# Embedded social posts as their publishers' embed codes write them: quoted story text.
_EMBEDDED_POST = "blockquote.twitter-tweet, blockquote.instagram-media, blockquote.tiktok-embed"
_WS = re.compile(r"\s+")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_COMMAS = re.compile(r"[,，、،]")


def _json_ld_body(tree: LexborHTMLParser) -> str | None:
    best: str | None = None
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True)
        if "articleBody" not in raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            obj = stack.pop()
            if isinstance(obj, list):
                stack.extend(obj)
            elif isinstance(obj, dict):
                body = obj.get("articleBody")
                if isinstance(body, str) and (best is None or len(body) > len(best)):
                    best = body
                stack.extend(v for v in obj.values() if isinstance(v, (dict, list)))
    return best


def _headline(tree: LexborHTMLParser) -> str | None:
    h1 = tree.css_first("h1")
    if h1 is not None:
        return _WS.sub(" ", h1.text(deep=True)).strip()
    meta = tree.css_first('meta[property="og:title"]')
    return meta.attributes.get("content") if meta is not None else None


def _strip_furniture(root: LexborNode, page_chars: int) -> None:
    """Remove elements whose role, class or id names page furniture, innermost first."""
    for node in reversed(root.css("[class], [id], [role], [aria-hidden], [hidden], [style]")):
        attrs = node.attributes
        if node.tag in _STOP:
            continue
        style = (attrs.get("style") or "").replace(" ", "").lower()
        if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true" or "display:none" in style:
            node.decompose()
            continue
        if (attrs.get("role") or "").lower() in _ROLES:
            node.decompose()
            continue
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        # camelCase names ("newsCaption", "relatedStories") name furniture as hyphens do.
        if not _FURNITURE.search(_CAMEL.sub(r"\1 \2", names)):
            continue
        # An embedded post (a tweet in a "social embed" wrapper) is quoted story text.
        if node.css_first(_EMBEDDED_POST) is not None:
            continue
        # A wrapper whose name mentions furniture but holds much of the page is kept.
        if len(node.text(deep=True)) > 0.3 * page_chars:
            continue
        node.decompose()


def _block_of(node: LexborNode) -> LexborNode | None:
    """The block around an inline element; None for text inside a link (not prose)."""
    while node.tag in _INLINE and node.parent is not None:
        if node.tag == "a":
            return None
        node = node.parent
    return node


def _choose(root: LexborNode) -> tuple[LexborNode | None, float, int, float]:
    """The article container, the share of the page's paragraph text inside it, that text's size,
    and the best score of a container outside it relative to its own (a rival body)."""
    scores: dict[int, float] = defaultdict(float)
    chars: dict[int, int] = defaultdict(int)
    nodes: dict[int, LexborNode] = {}
    parents: dict[int, int] = {}
    total = 0
    for el in root.css("*"):
        own = el.text(deep=False)
        if len(own) < 25:
            continue
        own = own.strip()
        n = len(own)
        if n < 25:
            continue
        block = _block_of(el)
        if block is None:
            continue
        if block.tag in _PARAGRAPHS:
            target = block.parent
            score = 1.0 + len(_COMMAS.findall(own)) + min(n / 100.0, 3.0)
        else:
            # Loose text in a container (<div>text<br><br>text</div>): it is its own container,
            # and a long run counts as the several paragraphs it is.
            target = block
            score = 1.0 + len(_COMMAS.findall(own)) + n / 100.0
        if target is None or target.tag in _STOP:
            continue
        total += n
        node, level = target, 0
        while node is not None and node.tag not in _STOP:
            key = node.mem_id
            if key not in nodes:
                nodes[key] = node
                parent = node.parent
                parents[key] = parent.mem_id if parent is not None else -1
            if level < 3:
                scores[key] += score / (1.0, 2.0, 3.0)[level]
            chars[key] += n
            node = node.parent
            level += 1
    if not scores:
        return None, 0.0, 0, 0.0
    best = max(scores, key=scores.__getitem__)
    inside = chars[best]
    top = scores[best]
    # Widen to an ancestor while it holds clearly more paragraph text (a body split in blocks).
    # Look a few levels up: the parts may sit in sibling wrappers (grid cells between adverts).
    parent, level = parents.get(best, -1), 0
    while parent in chars and level < 2:
        more = chars[parent]
        gain = 1.15 if level == 0 else 1.4
        if more >= inside * gain and more - inside >= 150 * (level + 1):
            best, inside, level = parent, more, 0
        else:
            level += 1
        parent = parents.get(parent, -1)
    rival = _rival(best, scores, parents) / top if top else 0.0
    return nodes[best], (inside / total if total else 0.0), inside, rival


def _rival(best: int, scores: dict[int, float], parents: dict[int, int]) -> float:
    """The best score of a node that is neither inside ``best`` nor around it."""
    around = set()
    node = best
    while node in parents:
        around.add(node)
        node = parents[node]
    rival = 0.0
    for key, score in scores.items():
        if score <= rival or key in around:
            continue
        node = key
        while node in parents and node != best:
            node = parents[node]
        if node != best:
            rival = score
    return rival


def _lines(container: LexborNode) -> tuple[list[str], int]:
    """The container's text, one line per block, dropping link-only lines; and the dropped size."""
    out: list[str] = []
    current: list[str] = []
    link_chars = 0
    dropped = 0
    current_block = -1

    def flush() -> None:
        nonlocal current, link_chars, dropped
        if current:
            line = _WS.sub(" ", " ".join(current)).strip()
            if line and not (link_chars > 0.6 * len(line)):
                out.append(line)
            else:
                dropped += len(line)
        current = []
        link_chars = 0

    for node in container.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if not text or text.isspace():
                if current:
                    current.append(" ")
                continue
            parent = node.parent
            in_link = False
            while parent is not None and parent.tag in _INLINE:
                if parent.tag == "a":
                    in_link = True
                parent = parent.parent
            block = parent.mem_id if parent is not None else -1
            if block != current_block:
                flush()
                current_block = block
            current.append(text)
            if in_link:
                link_chars += len(text.strip())
        elif tag == "br" or (tag not in _INLINE and tag[0] != "-"):
            flush()
            current_block = -1
    flush()
    return out, dropped


@dataclass(frozen=True, slots=True)
class FastResult:
    """The fast extractor's text, its confidence in 0..1 and the signals behind it (``SIGNALS``)."""

    text: str
    confidence: float
    signals: dict[str, float] = field(default_factory=dict)


#: What ``FastResult.signals`` holds, for a caller that weighs the fast text against another.
SIGNALS = ("words", "share", "rival", "link_drop", "short_lines", "cut", "json_ld", "semantic")


def fast_extract(html: str, url: str | None = None) -> tuple[str, float]:
    """The article text of one news page (paragraphs separated by a blank line) and a confidence in 0..1."""
    del url  # same signature as the trafilatura path; nothing here depends on the address
    result = fast_extract_result(LexborHTMLParser(html))
    return result.text, result.confidence


def fast_extract_tree(tree: LexborHTMLParser) -> tuple[str, float]:
    """``fast_extract`` on a parsed page; the tree is changed (read its metadata first)."""
    result = fast_extract_result(tree)
    return result.text, result.confidence


def fast_extract_result(tree: LexborHTMLParser) -> FastResult:
    """``fast_extract_tree`` with the signals a caller can use to judge the text."""
    ld_body = _json_ld_body(tree)
    headline = _headline(tree)
    semantic_nodes = {n.mem_id for n in tree.css(_SEMANTIC)}
    tree.strip_tags(_STRIP)
    root = tree.body
    if root is None:
        return FastResult("", 0.0)
    _strip_furniture(root, len(root.text(deep=True)))
    container, share, _inside, rival = _choose(root)
    lines, dropped = _lines(container) if container is not None else ([], 0)
    raw_chars = sum(len(ln) for ln in lines) + dropped
    cut = 0
    for i, ln in enumerate(lines):
        if i >= len(lines) // 2 and _SECTION_END.match(ln):
            cut = sum(len(x) for x in lines[i:])
            lines = lines[:i]
            break
    lines = [
        ln
        for ln in lines
        if not is_boilerplate(ln)
        and not _EXTRA_LINES.match(ln)
        and not _SHORTCODE_LINE.match(ln)
        and not is_labelled_date_line(ln)
    ]
    if headline:
        key = normalise_for_comparison(headline)
        lines = [ln for i, ln in enumerate(lines) if i >= 5 or normalise_for_comparison(ln) != key]
    text = clean_text(repair_text("\n\n".join(lines)))
    words = len(text.split())
    kept = [ln for ln in text.split("\n\n") if ln]
    signals = {
        "words": float(words),
        "share": share,
        "rival": rival,
        "link_drop": dropped / raw_chars if raw_chars else 0.0,
        "short_lines": sum(len(ln) < 80 for ln in kept) / len(kept) if kept else 1.0,
        "cut": cut / raw_chars if raw_chars else 0.0,
        "json_ld": 0.0,
        "semantic": float(container is not None and _near(container, semantic_nodes)),
    }

    confidence = min(1.0, words / 250.0) * 0.5 + min(1.0, share) * 0.5
    if ld_body:
        ld_words = len(ld_body.split())
        signals["json_ld"] = min(2.0, ld_words / max(words, 1))
        if ld_words > words * 1.2 and not ld_body.rstrip().endswith(("...", "…")):
            text = clean_text(repair_text(ld_body))
            confidence = max(confidence, 0.8)
        elif ld_words >= 0.8 * words:
            confidence = min(1.0, confidence + 0.2)
    return FastResult(text, round(confidence, 3), signals)


def _near(container: LexborNode, semantic: set[int]) -> bool:
    """Whether the container is, holds or sits inside an element marked as the article."""
    if not semantic:
        return False
    node: LexborNode | None = container
    while node is not None:
        if node.mem_id in semantic:
            return True
        node = node.parent
    return any(n.mem_id in semantic for n in container.css(_SEMANTIC))
