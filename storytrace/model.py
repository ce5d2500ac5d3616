"""The dataclasses that flow between storytrace's stages.

ingest  -> ``Document``  (raw bytes or text plus whatever fields the container gave)
extract -> ``Article``   (clean text and metadata, with a stable id)
store   <- ``Article`` + ``Sighting`` (where and when it was seen)

Every stage reports trouble as a ``Problem`` instead of raising, so one bad item
never stops a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MediaType = Literal["html", "text"]
SourceKind = Literal["file", "url", "warc", "feed", "jsonl", "text", "api"]
# "warning": the item was read, but something about it needs the user's eye (a JSONL
# file with no readable dates); it is not counted as skipped or failed.
ProblemKind = Literal["skipped", "failed", "warning"]


@dataclass(slots=True)
class Document:
    """One item as ingest found it, before extraction.

    ``source`` names where it came from precisely enough to find it again: a path,
    a URL, or a path plus a record locator (``archive.warc.gz#record=3``,
    ``feed.xml#entry=2``, ``items.jsonl#line=12``).
    """

    source: str
    kind: SourceKind
    body: bytes | str
    media_type: MediaType = "html"
    url: str | None = None
    # Fields the container supplied (JSONL keys, feed entry fields, WARC headers).
    # Known keys: title, published, outlet, author, language; anything else is kept
    # verbatim as an extra field of the article.
    fields: dict[str, Any] = field(default_factory=dict)
    # Charset declared by the transport (HTTP or WARC header), if any.
    declared_encoding: str | None = None


@dataclass(slots=True)
class Extraction:
    """What extraction recovered from one document (no id yet)."""

    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    canonical_url: str | None = None


@dataclass(frozen=True, slots=True)
class Sighting:
    """One place an article was seen: a path or URL and when it was ingested."""

    source: str
    kind: str
    url: str | None
    first_seen: str
    last_seen: str
    times: int = 1


@dataclass(slots=True)
class Article:
    """A news article: clean display text, metadata and a content-derived id.

    ``id`` is derived from the normalised text, so the same story text reached
    through different URLs or containers is one article with several sightings.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    sightings: list[Sighting] = field(default_factory=list)
    ingested_at: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Problem:
    """An item that a stage skipped or failed on, or warns about: one clear line for the user."""

    item: str
    stage: str
    reason: str
    kind: ProblemKind = "failed"

    def __str__(self) -> str:
        return f"{self.kind}: {self.item}: {self.stage}: {self.reason}"


@dataclass(slots=True)
class IngestReport:
    """The summary of one ingest run."""

    run_id: int | None = None
    ingested: list[str] = field(default_factory=list)  # new article ids
    duplicates: list[str] = field(default_factory=list)  # ids already stored
    problems: list[Problem] = field(default_factory=list)
    seen: int = 0  # documents that reached extraction
    links: dict[str, int] = field(default_factory=dict)  # reuse links found, by kind
    new_links: dict[frozenset[str], str] = field(default_factory=dict)  # pair -> kind, this run
    stories: dict[str, int] = field(default_factory=dict)  # started / joined / copy / merged, this run
    facts: dict[str, int] = field(default_factory=dict)  # articles read, figures and quotes found

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == "skipped"]

    @property
    def failed(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == "failed"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == "warning"]

    def counts(self) -> dict[str, int]:
        return {
            "ingested": len(self.ingested),
            "duplicates": len(self.duplicates),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article matched by full-text search, with its rank and a snippet."""

    article: Article
    rank: float
    snippet: str


# -- reuse: copies, partial reuse and rewrites --------------------------------

ReuseKind = Literal["copy", "partial", "rewrite"]
PassageKind = Literal["verbatim", "edited", "paraphrase"]
EditKind = Literal["number", "qualifier", "attribution", "quote"]


@dataclass(frozen=True, slots=True)
class Passage:
    """One aligned stretch of text: where it sits in the source and in the target.

    Offsets are character offsets into each article's ``text`` (end exclusive).
    ``similarity`` is 1.0 for verbatim text, lower for edited or paraphrased text.
    """

    source_start: int
    source_end: int
    target_start: int
    target_end: int
    similarity: float
    kind: PassageKind = "verbatim"


@dataclass(frozen=True, slots=True)
class Edit:
    """A change between a source passage and its copy that can change its meaning."""

    kind: EditKind
    source_text: str  # e.g. "as many as 25"
    target_text: str  # e.g. "at least 25"
    source_start: int
    target_start: int
    note: str = ""  # one line for people: "qualifier changed: as many as -> at least"


@dataclass(frozen=True, slots=True)
class Direction:
    """Why ``source`` is taken to be the original and ``target`` the derived text."""

    decided_by: str  # "published", "text", "containment", "extra_text", "ingest_order"
    confidence: float  # 0..1
    source_published: str | None = None
    target_published: str | None = None
    # share of each side's sentences/words found in the other
    source_in_target: float = 0.0
    target_in_source: float = 0.0
    # characters of text each side has that the other lacks
    source_only_chars: int = 0
    target_only_chars: int = 0
    # True when the evidence named as original the side that the link's kind was settled
    # against (the text that holds all of the other's and wraps it in its own, or a guess
    # the text model overruled). Who copied whom is then read from source to target, as
    # always, but copy families (which links are siblings of one original) keep the
    # orientation the kind was settled in, so a direction read from the text never moves
    # links (``reuse.detector``, ``Store.link_sources``).
    family_reversed: bool = False


@dataclass(slots=True)
class ReuseLink:
    """``target`` reuses text of ``source`` (the original) as a copy, partial or rewrite."""

    source_id: str
    target_id: str
    kind: ReuseKind
    score: float
    direction: Direction
    passages: list[Passage] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


@dataclass(slots=True)
class StoryMember:
    """One article of a story, as its timeline shows it."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    ingested_at: str | None
    score: float  # fit when it joined (0 for the founder, 1 when placed by a copy link)
    reason: (
        str  # "started", "joined", "copy of <id>", "original of <id>", "moved from <story>", "left <story>"
    )


@dataclass(slots=True)
class StoryChange:
    """A merge, split or move that changed which story an article belongs to."""

    at: str
    kind: str  # "merged", "split", "reclustered", "moved" (settling moved one article)
    story_id: str
    other_id: str | None
    detail: str = ""


@dataclass(slots=True)
class Story:
    """One real-world event or development and the articles that report it."""

    id: str
    headline: str | None
    first_published: str | None
    last_published: str | None
    n_articles: int
    outlets: list[str] = field(default_factory=list)  # in order of first report
    first_article: str | None = None  # who reported first (earliest publication, else ingest)
    first_outlet: str | None = None
    # How "first" is known: "published" (one earliest publication time), "tie" (several
    # articles share the earliest time, or the earliest is a date without a time and others
    # fall on that day: ``first_tied`` lists them) or "ingest" (no article has a date: the
    # first stored, which says nothing of who reported first).
    first_by: str = "published"
    first_tied: list[str] = field(default_factory=list)  # article ids tied for first, in story order
    entities: list[str] = field(default_factory=list)  # key named entities, most mentioned first
    merged_into: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    articles: list[StoryMember] = field(default_factory=list)  # time order (filled by ``story``)
    changes: list[StoryChange] = field(default_factory=list)


@dataclass(slots=True)
class Figure:
    """A number an article states, what it counts, how hedged, and on whose word.

    Offsets are into the article's ``text``; ``start``/``end`` cover the number
    expression ("1,200", "2.3 million", "17-year-old"), not its qualifier.
    """

    article_id: str
    start: int
    end: int
    text: str  # as written: "1 200", "nine", "$2.3bn"
    value: float  # 1200.0, 9.0, 2.3e9
    unit: str | None  # "percent", "currency:USD", "age", "duration:months", "fraction", "measure:km"
    qualifier: str | None  # as written, lower case: "as many as"
    qualifier_class: str | None  # min, over, max, under, approx, nearly, vague
    counted: str | None  # what it counts, in the article's words: "people killed"
    measure: str | None  # the same, normalised so outlets' wordings meet: "person killed"
    time: str | None  # the time it refers to, as written: "since October 7"
    attribution: str | None  # who it is credited to: "Gaza's health ministry"
    sentence_start: int
    sentence_end: int


@dataclass(slots=True)
class Quote:
    """A direct quotation and who said it (offsets of the words between the marks)."""

    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None  # a name ("Michael Steele") or a description ("a Hamas official")
    speaker_kind: str  # "name", "description" or "unknown"
    verb: str | None  # the reporting verb as written: "said", "told"
    outlet: str | None = None  # whom it was said to: "Reuters" in "told Reuters"


@dataclass(slots=True)
class FactValue:
    """One article's statement of a fact: a figure's value, or a quotation's words."""

    article_id: str
    outlet: str | None
    published: str | None
    text: str  # as written: "1 200", or the quoted words
    value: float | None = None  # figures only
    qualifier: str | None = None
    qualifier_class: str | None = None
    unit: str | None = None
    time_ref: str | None = None  # the time the figure refers to, as written
    attribution: str | None = None  # whom the figure is credited to; a quotation's speaker
    start: int = 0  # offsets in the article's text
    end: int = 0
    sentence: str = ""  # the sentence it was read from (evidence shown with every status)
    counted: str | None = None  # figures: what it counts, in the article's words


FactStatus = Literal[
    "corroborated", "single-source", "conflict", "update", "qualifier-drift", "altered-quote"
]


@dataclass(slots=True)
class FactGroup:
    """What the articles of one story state about one measure, or one speaker's quotation."""

    story_id: str | None
    kind: str  # "figure" or "quote"
    measure: str  # "person killed", or "quote: <speaker>"
    label: str  # for people: the articles' own words ("people killed"), or the speaker
    status: str  # one of FactStatus
    note: str  # one line: why this status
    sources: int  # independent sources (reuse links and one outlet count once)
    values: list[FactValue] = field(default_factory=list)  # in publication order
    #: How sure the status is: the fitted model's probability that the two statements it
    #: rests on are one fact (figures), or the measured precision of the rule (quotes);
    #: None for single-source.
    confidence: float | None = None
    #: Positions in ``values`` of the two statements the status rests on (the conflicting
    #: pair, the earlier and later value, the source and its copy), or None.
    pair: tuple[int, int] | None = None


@dataclass(slots=True)
class FigurePoint:
    """One value of a measure followed over time, and how it stands against the one before."""

    measure: str
    value: float
    text: str
    qualifier: str | None
    unit: str | None
    article_id: str
    outlet: str | None
    published: str | None
    story_id: str | None
    attribution: str | None
    time_ref: str | None
    change: str  # "first", "same", "update" or "conflict" (checked claims), else "higher" or "lower"


@dataclass(slots=True)
class FigureTrack:
    """One measure followed across articles and stories, in time order."""

    measure: str
    label: str
    points: list[FigurePoint] = field(default_factory=list)
    about: list[str] = field(default_factory=list)  # key entities of the stories it runs through
    stories: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity the spaCy English pipeline found in an article's headline or lead."""

    start: int  # offsets into ``where``: the headline ("title") or the article text ("text")
    end: int
    label: str  # spaCy's label: PERSON, ORG, GPE, DATE, CARDINAL, ...
    text: str
    where: str  # "title" or "text"
