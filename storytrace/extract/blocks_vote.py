"""A second opinion for the fast extractor: when to ask trafilatura, and how to weigh its answer.

The fast extractor (``fast.py``) is right on most news pages; where it is wrong, it is
wrong in ways its own signals hint at (many short lines, a rival container, text outside
the page's ``<article>``). ``needs_second_opinion`` scores those signals with a small
logistic model (coefficients in ``models/second_opinion.json``, fitted by
``bench/train_second_opinion.py`` on the tuning part of the development pages only, its
settings chosen by 5-fold cross-validation grouped by page) and sends the most unsure
pages, about a sixth of them (15% budget, chosen by out-of-fold F1), to trafilatura.

``vote`` then keeps the fast text's paragraphs, less the short ones trafilatura does not
confirm (photo captions, comment prompts, headline rails: short lines one extractor kept
by accident); when the two read the page as different articles, trafilatura's reading,
made with a different method, is taken.

Pure Python and the JSON file: nothing here needs scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_NON_WORD = re.compile(r"\W+", re.UNICODE)
# Character n-grams of the text with spaces and punctuation removed: robust to the two
# extractors spacing or punctuating the same words differently (and to scripts without spaces).
_GRAM = 12


@dataclass(frozen=True, slots=True)
class SecondOpinion:
    """The fitted model: feature names, standardisation, coefficients and the decision settings."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    short_chars: int
    disjoint: float
    contained: float
    min_share: float
    cut_short: float = 0.5


@cache
def model() -> SecondOpinion:
    """The shipped model (``models/second_opinion.json``)."""
    raw = json.loads(resources.files(__package__).joinpath("models/second_opinion.json").read_text("utf-8"))
    return SecondOpinion(
        features=tuple(raw["features"]),
        mean=tuple(raw["mean"]),
        scale=tuple(raw["scale"]),
        coef=tuple(raw["coef"]),
        intercept=float(raw["intercept"]),
        threshold=float(raw["threshold"]),
        short_chars=int(raw["short_chars"]),
        disjoint=float(raw["disjoint"]),
        contained=float(raw["contained"]),
        min_share=float(raw["min_share"]),
        cut_short=float(raw.get("cut_short", 0.5)),
    )


def feature_vector(signals: dict[str, float], confidence: float) -> list[float]:
    """The model's inputs from ``FastResult.signals`` (see ``fast.SIGNALS``)."""
    return [
        math.log1p(signals.get("words", 0.0)),
        signals.get("share", 0.0),
        signals.get("rival", 0.0),
        signals.get("link_drop", 0.0),
        signals.get("short_lines", 0.0),
        float(signals.get("json_ld", 0.0) > 0),
        signals.get("semantic", 0.0),
        confidence,
    ]


#: Names of ``feature_vector``'s entries, in order (the JSON file lists them too).
FEATURES = (
    "log_words",
    "share",
    "rival",
    "link_drop",
    "short_lines",
    "has_json_ld",
    "semantic",
    "confidence",
)


def doubt(signals: dict[str, float], confidence: float, m: SecondOpinion | None = None) -> float:
    """The model's probability that a second opinion changes the fast text for the better."""
    m = m or model()
    x = feature_vector(signals, confidence)
    z = m.intercept + sum(c * (v - mu) / s for c, v, mu, s in zip(m.coef, x, m.mean, m.scale, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def needs_second_opinion(signals: dict[str, float], confidence: float) -> bool:
    """Whether to run trafilatura on this page as well.

    When ``doubt`` reaches the fitted threshold, or when the chosen container holds under
    ``min_share`` of the page's paragraph text (the article may go on in a sibling block:
    a safeguard for long features, not fitted; 0.6 in the shipped model, the reason is in
    ``bench/train_second_opinion.py``).
    """
    m = model()
    return signals.get("share", 1.0) < m.min_share or doubt(signals, confidence, m) >= m.threshold


def _compact(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()


def _grams(compact: str) -> set[str]:
    return {compact[i : i + _GRAM] for i in range(max(1, len(compact) - _GRAM + 1))}


def _support(paragraph: str, grams: set[str], compact_other: str) -> float:
    """The share of a paragraph's text that the other extractor also found."""
    c = _compact(paragraph)
    if not c:
        return 1.0
    if len(c) < _GRAM:
        return 1.0 if c in compact_other else 0.0
    mine = _grams(c)
    return len(mine & grams) / len(mine)


def agreement(a: str, b: str) -> tuple[float, float]:
    """How much of ``a`` is in ``b`` and of ``b`` in ``a`` (shares of character n-grams)."""
    ga, gb = _grams(_compact(a)), _grams(_compact(b))
    if not ga or not gb:
        return 0.0, 0.0
    both = len(ga & gb)
    return both / len(ga), both / len(gb)


def disagree(fast: str, other: str, m: SecondOpinion | None = None) -> bool:
    """Whether the two texts are different readings of the page, not one text with details apart.

    Either they share under ``disjoint`` of each other's text (the fast path took a rail of
    other stories, or another block, for the article), or nearly all the fast text is in
    the other and makes up under ``cut_short`` of it (the fast path cut the article short). Neither
    happens on the tuning pages (``bench/train_second_opinion.py`` prints the closest
    case), so these are safeguards, not fitted values.
    """
    m = m or model()
    if not fast.strip() or not other.strip():
        return False
    in_other, in_fast = agreement(fast, other)
    if in_other < m.disjoint and in_fast < m.disjoint:
        return True
    return in_other >= m.contained and in_fast < m.cut_short


def vote(fast: str, other: str, m: SecondOpinion | None = None) -> str:
    """The fast text with its short paragraphs checked against a second extractor's text.

    Paragraphs are separated by a blank line. A fast paragraph shorter than the fitted
    ``short_chars`` (letters and digits) that the other text does not contain is dropped:
    photo captions, comment prompts and headline teasers are short lines that one
    extractor keeps by accident, while a story's short lines (subheadings, quotes) are
    found by both. Long paragraphs stay: the two extractors agree on them or the fast
    path found them alone.
    """
    m = m or model()
    if not other.strip() or not fast.strip():
        return fast
    compact_other = _compact(other)
    grams = _grams(compact_other)
    kept = [
        p
        for p in fast.split("\n\n")
        if p.strip() and (len(_compact(p)) >= m.short_chars or _support(p, grams, compact_other) >= 0.5)
    ]
    return "\n\n".join(kept) if kept else fast
