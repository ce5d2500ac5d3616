"""Whether two figures from two articles state one fact: the evidence, as numbers.

Two figures under one measure ("person killed") may still be two facts: the toll
of two different attacks, a 69-30 and a 50-49 vote on two bills, an aftershock
threshold and the strongest aftershock. On the labelled pairs of real stories
(``bench/statuses/``), most figure pairs the measure put together were such
different facts. What tells them apart is mostly in the two sentences: one fact is
reported with the same names, the same other numbers, the same words.

``figure_pair_features`` gives the numbers a fitted model (``FactParams.same_fact``)
reads; ``bench/train_same_fact.py`` fits it.
"""

from __future__ import annotations

import math
import re

from ..model import FactValue
from .timeref import resolve

__all__ = ["FEATURES", "figure_pair_features"]

FEATURES = (
    "sentence_overlap",
    "capitals_overlap",
    "numbers_overlap",
    "same_measure",
    "same_head",
    "same_unit",
    "log_ratio",
    "time_clash",
    "same_attribution",
    "linked",
)

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NUMBER = re.compile(r"\d[\d,.]*")
_STOP = frozenset(
    "the a an of to in on at for by with from and or but as is was were are be been has have had "
    "that this these those it its their his her they he she said says say more than about after "
    "before over under who which what when where there here not no also would will could".split()
)


def _content(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text) if len(w) > 2 and w.casefold() not in _STOP}


def _capitals(text: str) -> set[str]:
    words = _WORD.findall(text)
    # The sentence's first word is capitalised whatever it is.
    return {w.casefold() for w in words[1:] if w[0].isupper() and w.casefold() not in _STOP}


def _numbers(text: str, own: str) -> set[str]:
    own_digits = re.sub(r"\D", "", own)
    return {n.rstrip(".,") for n in _NUMBER.findall(text) if re.sub(r"\D", "", n) != own_digits}


def _share(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _last_word(text: str | None) -> str:
    words = _WORD.findall(text or "")
    return words[-1].casefold() if words else ""


def times(a: FactValue, b: FactValue) -> tuple[bool, bool]:
    """(clash, match) of two figures' time references, as days against each article's
    publication date ("on Thursday" in a Friday paper and "yesterday" in the same Friday's
    are one day; two papers' "on Thursday" a week apart are two). Words that resolve to
    no days are compared as written."""
    ra, rb = resolve(a.time_ref, a.published), resolve(b.time_ref, b.published)
    if ra is not None and rb is not None:
        same = ra.overlaps(rb) and ra.since == rb.since
        return not same, same
    ta, tb = (a.time_ref or "").casefold(), (b.time_ref or "").casefold()
    return bool(ta and tb and ta != tb), bool(ta and ta == tb)


def figure_pair_features(
    a: FactValue, b: FactValue, measure_a: str, measure_b: str, *, linked: bool
) -> dict[str, float]:
    """The evidence that figures ``a`` and ``b`` state one fact (see ``FEATURES``)."""
    va, vb = abs(a.value or 0.0), abs(b.value or 0.0)
    ratio = abs(math.log10(va / vb)) if va > 0 and vb > 0 else 3.0
    head_a, head_b = measure_a.split(" ")[0], measure_b.split(" ")[0]
    # As written: the same words resolved to days (``times``) fitted worse on the tune
    # half (corroborated recall 0.53 -> 0.49 at its threshold; bench/README.md).
    ta, tb = (a.time_ref or "").casefold(), (b.time_ref or "").casefold()
    wa, wb = _last_word(a.attribution), _last_word(b.attribution)
    return {
        "sentence_overlap": _share(_content(a.sentence), _content(b.sentence)),
        "capitals_overlap": _share(_capitals(a.sentence), _capitals(b.sentence)),
        "numbers_overlap": _share(_numbers(a.sentence, a.text), _numbers(b.sentence, b.text)),
        "same_measure": float(measure_a == measure_b),
        "same_head": float(bool(head_a) and head_a == head_b),
        "same_unit": float((a.unit or "").split(":")[0] == (b.unit or "").split(":")[0]),
        "log_ratio": min(ratio, 3.0),
        "time_clash": float(bool(ta and tb and ta != tb)),
        "same_attribution": float(bool(wa and wa == wb)),
        "linked": float(linked),
    }
