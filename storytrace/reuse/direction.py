"""Which of two related articles is the original, and why.

Evidence, strongest first (the first that decides wins):

1. ``published`` - both publication times known and more than
   ``TIME_MARGIN`` apart: the earlier one is the original. Time zones are
   honoured; a date without a time only decides against a different date.
2. ``containment`` - one text is (almost) wholly found in the other
   (>= ``CONTAINED_SHARE`` of its content aligned) while the other is clearly
   not. If the container's own text trails the shared part, the contained
   text is a reprint trimmed at the end: it is the derived one. If the
   container has its own text before or around the shared part, it wraps the
   other's passages in its own reporting: the container is the derived one.
3. ``extra_text`` - both have unaligned text, one at least ``EXTRA_TEXT_RATIO``
   times more: that one is the derived one (a reuser wraps pasted passages in
   its own reporting, or a reprint adds boilerplate). Weak evidence.
4. ``ingest_order`` - the one ingested first, else the smaller id: a
   deterministic guess with low confidence.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ..model import Article, Direction
from .align import Alignment

__all__ = [
    "CONTAINED_SHARE",
    "EXTRA_TEXT_RATIO",
    "TIME_MARGIN",
    "content_shares",
    "decide_direction",
    "parse_time",
]

#: Publication times closer than this are treated as simultaneous (clock skew,
#: rounded feed times): they do not decide direction.
TIME_MARGIN = timedelta(minutes=5)
#: Share of a text's content found in the other for it to count as contained.
CONTAINED_SHARE = 0.9
#: The contained side must be at least this much better covered than the other.
CONTAINED_GAP = 0.1
#: Share of the container's own text that must trail the shared part for the
#: contained text to be read as a trimmed reprint (else the container wraps it).
TRIMMED_SHARE = 0.8
#: How many times more unaligned text one side needs for ``extra_text`` to decide.
EXTRA_TEXT_RATIO = 1.5

_CONFIDENCE = {
    "published": 0.9,
    "containment": 0.75,
    "extra_text": 0.55,
    "ingest_order": 0.3,
    "id_order": 0.2,
}


def parse_time(value: str | None) -> datetime | date | None:
    """An ISO 8601 date or datetime (naive times are taken as UTC); ``None`` if unparsable."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _earlier(a: str | None, b: str | None) -> int:
    """-1 if ``a`` is clearly earlier, 1 if ``b`` is, 0 if unknown or too close."""
    ta, tb = parse_time(a), parse_time(b)
    if ta is None or tb is None:
        return 0
    if isinstance(ta, datetime) and isinstance(tb, datetime):
        if abs(ta - tb) <= TIME_MARGIN:
            return 0
        return -1 if ta < tb else 1
    da = ta.date() if isinstance(ta, datetime) else ta
    db = tb.date() if isinstance(tb, datetime) else tb
    if da == db:
        return 0
    return -1 if da < db else 1


def _trailing_share(alignment: Alignment, side: str) -> float:
    """Share of the container's unaligned text that comes after its last aligned sentence.

    A reprint trimmed at the end keeps the original's opening: the original's own
    text all trails the shared part (share near 1). A story that wraps pasted
    passages in its own reporting has its own text before or around them.
    """
    sentences = alignment.source_sentences if side == "source" else alignment.target_sentences
    spans = [p.source if side == "source" else p.target for p in alignment.pairs]
    if not spans:
        return 0.0
    aligned = {(s.start, s.end) for s in spans}
    last = max(s.end for s in spans)
    unaligned = [s for s in sentences if (s.start, s.end) not in aligned]
    total = sum(s.end - s.start for s in unaligned)
    if not total:
        return 1.0
    return sum(s.end - s.start for s in unaligned if s.start >= last) / total


def content_shares(alignment: Alignment) -> tuple[float, float, int, int]:
    """``(source_in_target, target_in_source, source_only_chars, target_only_chars)``.

    Shares are of sentence characters; only-chars count unaligned sentence characters.
    """
    src_total = sum(s.end - s.start for s in alignment.source_sentences)
    tgt_total = sum(s.end - s.start for s in alignment.target_sentences)
    src_aligned = sum(p.source.end - p.source.start for p in alignment.pairs)
    tgt_aligned = sum(p.target.end - p.target.start for p in alignment.pairs)
    return (
        src_aligned / src_total if src_total else 0.0,
        tgt_aligned / tgt_total if tgt_total else 0.0,
        src_total - src_aligned,
        tgt_total - tgt_aligned,
    )


def decide_direction(a: Article, b: Article, alignment: Alignment) -> tuple[Article, Article, Direction]:
    """``(original, derived, Direction)`` for articles ``a`` (alignment source) and ``b`` (target).

    Every ``Direction`` field is filled from the original's point of view.
    """
    a_in_b, b_in_a, a_only, b_only = content_shares(alignment)
    a_first: bool
    decided_by: str
    order = _earlier(a.published, b.published)
    if order != 0:
        decided_by, a_first = "published", order < 0
    elif b_in_a >= CONTAINED_SHARE and b_in_a - a_in_b >= CONTAINED_GAP:
        # b is contained in a: a trimmed reprint of a, unless a wraps b in its own text
        decided_by, a_first = "containment", _trailing_share(alignment, "source") >= TRIMMED_SHARE
    elif a_in_b >= CONTAINED_SHARE and a_in_b - b_in_a >= CONTAINED_GAP:
        decided_by, a_first = "containment", _trailing_share(alignment, "target") < TRIMMED_SHARE
    elif a_only and b_only and max(a_only, b_only) >= EXTRA_TEXT_RATIO * min(a_only, b_only):
        decided_by, a_first = "extra_text", b_only > a_only
    elif a.ingested_at and b.ingested_at and a.ingested_at != b.ingested_at:
        decided_by, a_first = "ingest_order", a.ingested_at < b.ingested_at
    else:
        decided_by, a_first = "id_order", a.id <= b.id
    confidence = _CONFIDENCE[decided_by]
    if decided_by == "id_order":
        decided_by = "ingest_order"  # the model names four kinds; id order is its tie-break
    original, derived = (a, b) if a_first else (b, a)
    if a_first:
        src_in_tgt, tgt_in_src, src_only, tgt_only = a_in_b, b_in_a, a_only, b_only
    else:
        src_in_tgt, tgt_in_src, src_only, tgt_only = b_in_a, a_in_b, b_only, a_only
    direction = Direction(
        decided_by=decided_by,
        confidence=confidence,
        source_published=original.published,
        target_published=derived.published,
        source_in_target=round(src_in_tgt, 4),
        target_in_source=round(tgt_in_src, 4),
        source_only_chars=src_only,
        target_only_chars=tgt_only,
    )
    return original, derived, direction
