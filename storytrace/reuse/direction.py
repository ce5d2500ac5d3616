"""Which of two related articles is the original, and why.

Evidence, strongest first (the first that decides wins):

1. ``published`` - both publication times known and more than
   ``TIME_MARGIN`` apart: the earlier one is the original. Time zones are
   honoured; a date without a time only decides against a different date.
2. ``containment`` - one text is (almost) wholly found in the other
   (>= ``CONTAINED_SHARE`` of its content aligned) while the other is clearly
   not: the contained text is the derived one, a reprint trimmed at the end or
   an excerpt. With ``wrapping=True`` a container whose own text comes before
   or around the shared part is read as wrapping the other's text in its own
   reporting, the derived side: ``classify`` settles the link's *kind* in that
   orientation (a text holding all of another's inside its own shares a
   passage: partial reuse, as the hand labels of natural pairs say), then asks
   again, without it, who is the original. As a direction that wrapping reading
   was right 3 times in 13 out of fold (2/8 on the Clough-Stevenson tuning part,
   1/1 on an MSRP pair whose direction is arbitrary, 0/4 on the check part:
   Clough and the hand-labelled natural news pairs; ``bench/direction_eval.py``).
3. ``extra_text`` - both have unaligned text, one at least ``EXTRA_TEXT_RATIO``
   times more: that one is the derived one (a reuser wraps pasted passages in
   its own reporting, or a reprint adds boilerplate). Weak evidence.
4. ``ingest_order`` - the one ingested first, else the smaller id: a
   deterministic guess with low confidence.

``refine_direction`` then reads the texts with a small logistic model
(``ReuseParams.direction``, ``models/direction.json``, fitted by
``bench/direction_eval.py``) where the rules had nothing but ingest order: where each
side's own text lies around the shared part, how much of each is shared and how long each
is, credits to a wire or another outlet ("(Reuters) -", "as The New York Times
reported"), and which side has the fuller quotations over the aligned sentences. Where
its probability clears the model's threshold (set for 90% precision out of fold) it
decides, as ``text``, with that probability as the confidence. It does not overrule dates
or the containment and extra-text rules: letting it do so (measured in
``bench/README.md``) fixed Clough-Stevenson directions but moved links in the store, and
cost natural partial recall in ``bench/reuse_eval.py``. The link's kind is decided before
this step, from the rules' orientation: the model says who copied whom, not how much was
taken.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from ..model import Article, Direction
from .align import Alignment
from .sentences import Span

if TYPE_CHECKING:
    from .params import DirectionModel

__all__ = [
    "CONTAINED_SHARE",
    "EXTRA_TEXT_RATIO",
    "TEXT_FEATURES",
    "TIME_MARGIN",
    "content_shares",
    "decide_direction",
    "parse_time",
    "refine_direction",
    "text_features",
    "text_probability",
]

#: Publication times closer than this are treated as simultaneous (clock skew,
#: rounded feed times): they do not decide direction.
TIME_MARGIN = timedelta(minutes=5)
#: Share of a text's content found in the other for it to count as contained.
CONTAINED_SHARE = 0.9
#: The contained side must be at least this much better covered than the other.
CONTAINED_GAP = 0.1
#: With ``wrapping``: share of the container's own text that must trail the shared
#: part for the contained text to be read as a trimmed reprint (else the container
#: wraps it).
TRIMMED_SHARE = 0.8
#: How many times more unaligned text one side needs for ``extra_text`` to decide.
EXTRA_TEXT_RATIO = 1.5

# Confidence of the fixed kinds of evidence. Not fitted: ``published`` is what the
# evaluations find right whenever both dates are present (1.000 in reuse_eval.py), held
# below 1 for wrong feed dates; the rest are the rules' standing, kept low for guesses.
_CONFIDENCE = {
    "published": 0.9,
    "containment": 0.75,
    "extra_text": 0.55,
    "ingest_order": 0.3,
    "id_order": 0.2,
}


#: What the text model reads, each ``g(a) - g(b)`` or an equally antisymmetric
#: difference, so swapping the two articles flips the sign (and ``p`` to ``1 - p``).
TEXT_FEATURES = (
    "own_after",  # share of the side's content that is its own and trails the shared part
    "own_before",  # ... that is its own and comes before it
    "own_inside",  # ... that is its own and sits between shared sentences
    "shared",  # share of the side's content found in the other
    "log_length",  # log of the side's content characters
    "shared_x_top",  # "shared" times the larger shared share: a contained text is the derived one,
    "length_x_top",  # "log_length" likewise: ... while a text wrapping a small passage is the derived one
    "attribution",  # credits to a wire or another outlet (capped at 2)
    "quotes",  # aligned pairs: characters inside quotation marks, normalised difference
)

# A wire credit in a dateline ("LONDON (Reuters) -", "(AP) —"), a wire or outlet named as
# the teller ("Reuters reported", "told AFP", "according to the Associated Press",
# "as The New York Times reported").
_WIRES = (
    r"(?:the\ )?(?:Associated\ Press|AP|Reuters|AFP|Agence\ France-Presse|UPI|dpa|Bloomberg|Xinhua"
    r"|PA|Press\ Association|CNN|BBC|ANSA|EFE|Kyodo)"
)
_OUTLET = r"(?:the\ |The\ )?[A-Z][\w.&'-]*(?:\ [A-Z][\w.&'-]*){0,4}"
_ATTRIBUTION = re.compile(
    rf"""(?x)
    \(\s*{_WIRES}\s*\)\s*(?:—|–|--|-)
    | \b(?:told|tells|[Aa]ccording\ to|said\ in\ a\ statement\ to|in\ an\ interview\ with)\ {_WIRES}\b
    | \b{_WIRES}\ (?:reported|reports|said|says|has\ learned|quoted)\b
    | \b(?:[Aa]s|[Aa]ccording\ to)\ {_OUTLET}\ (?:reported|reports|first\ reported|wrote)\b
    """
)
_QUOTED = re.compile(r"[\"“”«»„](.*?)[\"“”«»„]|‘(.*?)’", re.DOTALL)


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


def decide_direction(
    a: Article, b: Article, alignment: Alignment, *, wrapping: bool = False, extra_text: bool = True
) -> tuple[Article, Article, Direction]:
    """``(original, derived, Direction)`` for articles ``a`` (alignment source) and ``b`` (target).

    Every ``Direction`` field is filled from the original's point of view. ``wrapping``:
    see rule 2 of the module docstring (the orientation a link's kind is settled in).
    ``extra_text=False`` skips rule 3: ``classify`` passes it for rewrites, whose own
    text is no reporting wrapped around pasted passages (on Clough-Stevenson's real
    rewrites the rule was wrong on all 6 rewrite links it decided, against 79 of 89
    right on spliced passages; ``bench/direction_eval.py``).
    """
    a_in_b, b_in_a, a_only, b_only = content_shares(alignment)
    a_first: bool
    decided_by: str
    order = _earlier(a.published, b.published)
    if order != 0:
        decided_by, a_first = "published", order < 0
    elif b_in_a >= CONTAINED_SHARE and b_in_a - a_in_b >= CONTAINED_GAP:
        # b is contained in a: a trimmed reprint or an excerpt of a (if wrapping: unless a
        # wraps b in its own text)
        decided_by, a_first = "containment", not wrapping or _trailing_share(alignment, "source") >= TRIMMED_SHARE
    elif a_in_b >= CONTAINED_SHARE and a_in_b - b_in_a >= CONTAINED_GAP:
        decided_by, a_first = "containment", wrapping and _trailing_share(alignment, "target") < TRIMMED_SHARE
    elif extra_text and a_only and b_only and max(a_only, b_only) >= EXTRA_TEXT_RATIO * min(a_only, b_only):
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


def _own_text(sentences: list[Span], aligned: list[Span]) -> tuple[float, float, float, float, float]:
    """``(after, before, inside, shared, total)``: shares of one side's content characters."""
    total = sum(s.end - s.start for s in sentences)
    if not total or not aligned:
        return (0.0, 0.0, 0.0, 0.0, float(total))
    keys = {(s.start, s.end) for s in aligned}
    first, last = min(s.start for s in aligned), max(s.end for s in aligned)
    after = before = inside = 0
    for s in sentences:
        if (s.start, s.end) in keys:
            continue
        n = s.end - s.start
        if s.start >= last:
            after += n
        elif s.end <= first:
            before += n
        else:
            inside += n
    shared = sum(s.end - s.start for s in aligned)
    return (after / total, before / total, inside / total, min(1.0, shared / total), float(total))


def _attributions(text: str) -> int:
    return min(2, len(_ATTRIBUTION.findall(text)))


def _normalised_gap(x: float, y: float) -> float:
    return (x - y) / (x + y) if x + y else 0.0


def _quoted_chars(text: str) -> int:
    return sum(m.end() - m.start() for m in _QUOTED.finditer(text))


def text_features(a_text: str, b_text: str, alignment: Alignment) -> dict[str, float]:
    """``TEXT_FEATURES`` for ``a`` (the alignment's source) against ``b`` (its target)."""
    a_own = _own_text(alignment.source_sentences, [p.source for p in alignment.pairs])
    b_own = _own_text(alignment.target_sentences, [p.target for p in alignment.pairs])
    top = max(a_own[3], b_own[3])
    a_aligned = " ".join(p.source.text for p in alignment.pairs)
    b_aligned = " ".join(p.target.text for p in alignment.pairs)
    return {
        "own_after": a_own[0] - b_own[0],
        "own_before": a_own[1] - b_own[1],
        "own_inside": a_own[2] - b_own[2],
        "shared": a_own[3] - b_own[3],
        "log_length": math.log1p(a_own[4]) - math.log1p(b_own[4]),
        "shared_x_top": (a_own[3] - b_own[3]) * top,
        "length_x_top": (math.log1p(a_own[4]) - math.log1p(b_own[4])) * top,
        "attribution": float(_attributions(a_text) - _attributions(b_text)),
        "quotes": _normalised_gap(_quoted_chars(a_aligned), _quoted_chars(b_aligned)),
    }


def text_probability(a_text: str, b_text: str, alignment: Alignment, model: DirectionModel) -> float:
    """Probability that ``a`` (the alignment's source) is the original, from the texts alone."""
    return model.probability(text_features(a_text, b_text, alignment))


def refine_direction(
    original: Article, derived: Article, alignment: Alignment, direction: Direction, model: DirectionModel | None
) -> tuple[Article, Article, Direction]:
    """The rules' ``(original, derived, direction)``, overruled by the text model where it is sure.

    ``alignment`` runs from ``original`` to ``derived``. Only a guess by ingest (or id)
    order is overruled; dates and the containment and extra-text rules stand.
    """
    if model is None or direction.decided_by != "ingest_order":
        return original, derived, direction
    p = text_probability(original.text, derived.text, alignment, model)
    if max(p, 1.0 - p) < model.threshold:
        return original, derived, direction
    if p >= 0.5:
        return original, derived, replace(direction, decided_by="text", confidence=round(p, 4))
    return derived, original, Direction(
        decided_by="text",
        confidence=round(1.0 - p, 4),
        source_published=derived.published,
        target_published=original.published,
        source_in_target=direction.target_in_source,
        target_in_source=direction.source_in_target,
        source_only_chars=direction.target_only_chars,
        target_only_chars=direction.source_only_chars,
    )
