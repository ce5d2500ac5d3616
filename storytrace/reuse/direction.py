"""Which of two related articles is the original, and why.

Evidence, strongest first (the first that decides wins):

1. ``published`` - both publication times known and more than
   ``TIME_MARGIN`` apart: the earlier one is the original. Time zones are
   honoured; a date without a time only decides against a different date.
2. ``text`` - the texts themselves, read by a small logistic model
   (``models/direction.json``, fitted by ``bench/direction_eval.py``) on
   differences between the two sides (``TEXT_FEATURES``): where each side's
   own text lies around the shared part (a reprint trimmed at the end keeps
   the original's opening), how much of each is shared and how long each is
   (a contained text is the derived one; a text wrapping a small pasted
   passage in much reporting of its own is too), credits to a wire or another
   outlet ("(Reuters) -", "as The New York Times reported"), and, over the
   aligned sentences, which side has the fuller quotations. Its probability
   is the confidence; it decides only from the model's ``threshold`` (set for
   precision out of fold), else it says nothing.
3. ``ingest_order`` - the one ingested first, else the smaller id: a
   deterministic guess with low confidence.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from ..model import Article, Direction
from .align import Alignment
from .sentences import Span

__all__ = [
    "TEXT_FEATURES",
    "TIME_MARGIN",
    "content_shares",
    "decide_direction",
    "parse_time",
    "text_features",
    "text_probability",
]

#: Publication times closer than this are treated as simultaneous (clock skew,
#: rounded feed times): they do not decide direction.
TIME_MARGIN = timedelta(minutes=5)

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

# Confidence of the fixed kinds of evidence. Not fitted: ``published`` is what the
# evaluations find right whenever both dates are present (1.000 in reuse_eval.py),
# held below 1 for wrong feed dates; ingest and id order are guesses, kept low so a
# reader sees them as such.
_CONFIDENCE = {"published": 0.9, "ingest_order": 0.3, "id_order": 0.2}

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


@cache
def _model() -> dict[str, Any] | None:
    try:
        text = resources.files(__package__).joinpath("models/direction.json").read_text("utf-8")
    except FileNotFoundError:
        return None
    raw: dict[str, Any] = json.loads(text)
    if tuple(raw["features"]) != TEXT_FEATURES:
        raise ValueError(
            "models/direction.json does not match TEXT_FEATURES; refit with bench/direction_eval.py --write"
        )
    return raw


def text_probability(
    a_text: str, b_text: str, alignment: Alignment, model: dict[str, Any] | None = None
) -> float | None:
    """Probability that ``a`` is the original, from the texts alone; ``None`` without a model.

    No intercept and antisymmetric features: identical evidence on both sides gives 0.5.
    """
    model = model if model is not None else _model()
    if model is None:
        return None
    feats = text_features(a_text, b_text, alignment)
    terms = zip(model["features"], model["scale"], model["coef"], strict=True)
    z = sum(c * feats[f] / s for f, s, c in terms)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def decide_direction(a: Article, b: Article, alignment: Alignment) -> tuple[Article, Article, Direction]:
    """``(original, derived, Direction)`` for articles ``a`` (alignment source) and ``b`` (target).

    Every ``Direction`` field is filled from the original's point of view.
    """
    a_in_b, b_in_a, a_only, b_only = content_shares(alignment)
    a_first: bool
    decided_by: str
    confidence: float
    order = _earlier(a.published, b.published)
    model = _model() if order == 0 else None
    p = text_probability(a.text, b.text, alignment, model) if model is not None else None
    if order != 0:
        decided_by, a_first = "published", order < 0
        confidence = _CONFIDENCE[decided_by]
    elif p is not None and model is not None and max(p, 1.0 - p) >= model["threshold"]:
        decided_by, a_first, confidence = "text", p >= 0.5, round(max(p, 1.0 - p), 4)
    else:
        if a.ingested_at and b.ingested_at and a.ingested_at != b.ingested_at:
            decided_by, a_first = "ingest_order", a.ingested_at < b.ingested_at
        else:
            decided_by, a_first = "id_order", a.id <= b.id
        confidence = _CONFIDENCE[decided_by]
        decided_by = "ingest_order"  # the model names the kinds; id order is its tie-break
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
