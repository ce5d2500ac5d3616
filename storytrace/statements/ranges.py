"""What a stated figure allows: the range of true values it is compatible with.

"More than 1.6 million" and 1,626,042 do not disagree; "nearly 50" and 52 do. A
figure is read as an interval from three things the article wrote:

- the **qualifier class**: ``min``/``over`` ("at least", "more than") leave the top
  open; ``max``/``under`` ("as many as", "fewer than") the bottom; ``approx``
  ("about") widens both sides by ``FactParams.approx_tolerance`` of the value,
  ``nearly`` ("almost") the bottom side only;
- the **written precision**: a number written with a scale word or suffix ("1.6
  million", "$2.3bn") or ending in three or more zeros ("16,000") is rounded, and
  stands for anything within half a unit of its last written digit; other numbers
  ("25", "1,626,042", "30") are taken as exact;
- **vague words** ("dozens", "hundreds", "several") are ranges, not numbers: a
  plural multiple ("dozens", "hundreds of thousands") is two to ten of its unit,
  "several" three to nine, "a few" two to six, "a couple of" two or three.

Bounds are closed: a figure on the edge of another's range is compatible with it
(precision first: a boundary case is not an accusation).
"""

from __future__ import annotations

import math
import re

__all__ = ["compatible", "value_range"]

_SCALED = re.compile(
    r"(?i)(\d+(?:[.,]\d+)?)\s*(?:hundred|thousand|million|billion|trillion|m|mn|mln|bn|b|k|tn)\b"
)
_DIGITS = re.compile(r"\d[\d,. ]*\d|\d")
#: Vague words by their written form -> (low, high) in multiples of the value the
#: extractor gives them (its unit: "dozens" is 12, "hundreds" 100).
_VAGUE_SPAN = {
    "several": (1.0, 3.0),  # value 3: three to nine
    "a few": (2 / 3, 2.0),  # value 3: two to six
    "a couple of": (1.0, 1.5),  # value 2: two or three
}
_PLURAL_MULTIPLE = (2.0, 10.0)


def _rounding(text: str, value: float) -> float:
    """Half a unit of the last written digit when the number is written rounded, else 0."""
    if m := _SCALED.search(text):
        mantissa = m.group(1).replace(",", ".")
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        scale = value / float(mantissa) if float(mantissa) else 1.0
        return 0.5 * scale * 10.0 ** (-decimals)
    m = _DIGITS.search(text)
    if not m:
        return 0.0
    digits = re.sub(r"[^\d.]", "", m.group(0))
    if "." in digits:
        return 0.0
    zeros = len(digits) - len(digits.rstrip("0"))
    return 0.5 * 10.0**zeros if zeros >= 3 else 0.0


def value_range(
    value: float,
    text: str,
    qualifier: str | None,
    qualifier_class: str | None,
    *,
    approx_tolerance: float,
) -> tuple[float, float]:
    """The closed interval of true values a stated figure is compatible with."""
    if qualifier_class == "vague":
        lo, hi = _VAGUE_SPAN.get((qualifier or "").casefold(), _PLURAL_MULTIPLE)
        return value * lo, value * hi
    slack = _rounding(text, value)
    lo, hi = value - slack, value + slack
    if qualifier_class in ("min", "over"):
        hi = math.inf
    elif qualifier_class in ("max", "under"):
        lo = -math.inf if value < 0 else 0.0
    elif qualifier_class == "approx":
        lo, hi = min(lo, value * (1 - approx_tolerance)), max(hi, value * (1 + approx_tolerance))
    elif qualifier_class == "nearly":
        lo = min(lo, value * (1 - approx_tolerance))
    return lo, hi


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two ranges share a value (both statements can be true)."""
    return a[0] <= b[1] and b[0] <= a[1]
