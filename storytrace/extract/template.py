"""Site templates in plain text: the lines that several different pages of one outlet share.

Scraped text files from one site carry the site's template around each story: a
masthead, section menus, "Join the conversation", "Follow us on ...", the standard
newsletter pitch, "© 2025 Northgate Courier. All rights reserved.". The line model
(``text.py``) is fitted on single pages and cannot see that a line recurs on every
page of the site; lines repeated across many pages of one site are template is a
classic boilerplate signal, so the pipeline finds such lines across a batch and
drops them before extraction (``find_template_lines``).

Precision comes first (a wrongly dropped story line is worse than a kept footer):

- Group: documents of one outlet, keyed by the container's ``outlet`` field, else
  the registered domain of the document's URL, else its source folder (the parent
  directory of the file, without a ``#line=N`` / ``#entry=N`` / ``#record=N``
  locator). A folder of files from several sites is one group: a line must still
  pass every rule below.
- Only text-mode documents take part (media type ``text``, or "HTML" without a tag);
  HTML pages have their own main-content extraction.
- Support: a line counts as template when it is in at least ``MIN_DOCUMENTS`` (3)
  *different* documents of its group. Two is too few: two pages of one site may share
  a subhead, a short quote or a list by chance, and a pair of different stories is
  also what an edited story and a follow-up look like. Three is the smallest count
  at which sharing a line stops being a coincidence between two pages, and it lets
  small batches of one site gain from the signal. This is a judgement, not a fit:
  there is no multi-page-per-site text data in ``../shared/data`` to fit it on.
- Different documents: near-copies count once. Documents are clustered (connected
  components) by the overlap of their own text, the lines not shared by
  ``MIN_DOCUMENTS`` documents, read as word 4-grams: two documents are near-copies
  when the 4-grams they share are at least ``NEAR_COPY`` (half) of the smaller
  document's. Edited versions of one story share most of their text and fall in one
  cluster; different stories of one outlet share their template (left out of the
  comparison) and at most a background paragraph. A line's support is the number of
  clusters it is in; a document with no text of its own supports nothing.
- Shape: a line that may be a prose sentence of the story is never template, however
  often it recurs (a background paragraph repeated in every story of a series, "The
  council did not respond to a request for comment."). A line may be template only
  when the shared news cleanup calls it furniture (``cleanup.is_boilerplate``), or it
  does not end like a sentence and has fewer than ``MAX_UNPUNCTUATED_WORDS`` (25)
  words (mastheads, menus, "Join the conversation"), or it is a short sentence (fewer
  than ``MAX_MARKED_WORDS``, 12, words) carrying a site marker: a copyright notice, a
  web or e-mail address. Lines the header reader takes for metadata ("By Jane Doe",
  "Source: ...") are never template, so a reporter's byline on three stories still
  gives their author.

Limits: templates are found only within one ingest batch (the pipeline's
``batch_size`` documents, 64 by default, across inputs), so a site needs three
different text pages in one batch; a page's text, and so its content id, depends on
the batch it came in (a file ingested alone later keeps its template lines and is a
new article, a near copy of the first).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import PurePath

from ..model import Document
from ..settings import Config
from .cleanup import is_boilerplate
from .document import is_text_mode, plain_text
from .metadata import registered_domain
from .normalise import normalise_for_comparison
from .text import split_lines
from .textmeta import read_text_header

#: Different documents of one outlet a line must be in to be template (see the module notes).
MIN_DOCUMENTS = 3
#: Share of the smaller document's own 4-grams two documents share when they are near-copies.
NEAR_COPY = 0.5
#: Words per shingle when comparing documents' own text.
SHINGLE_WORDS = 4
#: A line without a sentence end may be template below this many words.
MAX_UNPUNCTUATED_WORDS = 25
#: A sentence with a copyright notice or an address may be template below this many words.
MAX_MARKED_WORDS = 12

_LOCATOR = re.compile(r"#(?:line|entry|record)=\d+$")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]»]*$")
_SITE_MARKER = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|https?://|www\.|[\w.+-]+@[\w-]+\.[\w.]+",
    re.IGNORECASE,
)

GroupKey = tuple[str, str]


def group_key(doc: Document) -> GroupKey:
    """The outlet a document's template belongs to: its container's outlet, its URL's domain, or its folder."""
    fields = doc.fields or {}
    outlet = " ".join(str(fields.get("outlet") or "").split())
    if outlet:
        return ("outlet", outlet.casefold())
    url = doc.url or fields.get("url")
    domain = registered_domain(url) if isinstance(url, str) and "//" in url else None
    if domain:
        return ("domain", domain.casefold())
    return ("folder", str(PurePath(_LOCATOR.sub("", doc.source)).parent))


def may_be_template(line: str) -> bool:
    """Whether ``line`` has the shape of site furniture rather than a sentence of a story."""
    words = len(line.split())
    if _SENTENCE_END.search(line):
        ok = is_boilerplate(line) or (words < MAX_MARKED_WORDS and _SITE_MARKER.search(line) is not None)
    else:
        ok = words < MAX_UNPUNCTUATED_WORDS or is_boilerplate(line)
    if not ok:
        return False
    header = read_text_header([line])
    return not (header.drop or header.rewrite)


def _safe_may_be_template(line: str) -> bool:
    try:
        return may_be_template(line)
    except Exception:  # noqa: BLE001 - an odd line stays story text; it must not stop the batch
        return False


def find_template_lines(docs: Sequence[Document], config: Config) -> list[frozenset[str]]:
    """For each document, its outlet's template lines in this batch (normalised; empty for none).

    Reads: text-mode ``Document`` bodies, ``outlet`` and ``url`` fields, sources. A
    document that cannot be read (binary, over ``config.max_bytes``) takes no part;
    extraction reports it. Only the documents of this batch are compared.
    """
    groups: dict[GroupKey, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for i, doc in enumerate(docs):
        lines = _document_lines(doc, config)
        if lines:
            groups[group_key(doc)].append((i, lines))
    out = [frozenset[str]()] * len(docs)
    for members in groups.values():
        if len(members) < MIN_DOCUMENTS:
            continue
        template = group_template([lines for _, lines in members])
        for i, _ in members:
            out[i] = template
    return out


def _document_lines(doc: Document, config: Config) -> dict[str, str]:
    """A text-mode document's lines, normalised -> as first written; empty when it takes no part."""
    try:
        if len(doc.body) > config.max_bytes or not is_text_mode(doc):
            return {}
        text = plain_text(doc)
    except Exception:  # noqa: BLE001 - extraction reports a bad document; here it only stays out
        return {}
    lines: dict[str, str] = {}
    for line, _ in split_lines(text):
        lines.setdefault(normalise_for_comparison(line), line)
    return lines


def group_template(docs: Sequence[dict[str, str]]) -> frozenset[str]:
    """The template lines of one outlet's documents (each: normalised line -> line as written)."""
    counts = Counter(key for lines in docs for key in lines)
    candidates = {
        key
        for key, n in counts.items()
        if n >= MIN_DOCUMENTS and _safe_may_be_template(next(lines[key] for lines in docs if key in lines))
    }
    if not candidates:
        return frozenset()
    cluster = _clusters([[key for key in lines if key not in candidates] for lines in docs])
    template = set()
    for key in candidates:
        support = {cluster[d] for d, lines in enumerate(docs) if key in lines and cluster[d] is not None}
        if len(support) >= MIN_DOCUMENTS:
            template.add(key)
    return frozenset(template)


def _shingles(lines: list[str]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for line in lines:
        words = tuple(line.split())
        if len(words) <= SHINGLE_WORDS:
            out.add(words)
        else:
            out.update(words[i : i + SHINGLE_WORDS] for i in range(len(words) - SHINGLE_WORDS + 1))
    return out


def _clusters(own_lines: list[list[str]]) -> list[int | None]:
    """Near-copy cluster of each document (union-find over pairs); None for a document with no text of its own."""
    shingles = [_shingles(lines) for lines in own_lines]
    parent = list(range(len(shingles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a in range(len(shingles)):
        for b in range(a + 1, len(shingles)):
            smaller = min(len(shingles[a]), len(shingles[b]))
            if smaller and len(shingles[a] & shingles[b]) >= NEAR_COPY * smaller:
                parent[root(b)] = root(a)
    return [root(i) if shingles[i] else None for i in range(len(shingles))]
