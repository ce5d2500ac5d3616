"""Is one news sentence a paraphrase of another? A small logistic model over cheap pair features.

``pair_features`` describes a sentence pair with a handful of interpretable numbers: the
MiniLM cosine (given by the caller, who already holds the vectors), word and word-pair
overlap, whether the figures and the names agree, length and negation. ``ParaphraseModel``
turns them into a probability with coefficients from ``models/paraphrase.json``, fitted by
``bench/paraphrase_eval.py --write`` on the 4,076 pairs of the Microsoft Research
Paraphrase Corpus (training part); the JSON file records the 10-fold cross-validated
accuracy and F1 next to the coefficients, and the decision thresholds it holds were fitted
the same way.

MSRP's negatives are sentences from different outlets about the same event, so the model
learns exactly the line a rewrite detector needs: same story told by two reporters, against
one reporter's sentence reworded. A figure that differs is its strongest "not a paraphrase"
sign after the similarity itself.

Pure Python and the JSON file: nothing here needs scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["FEATURES", "ParaphraseModel", "model", "pair_features"]

#: Names of ``pair_features``' entries, in the order of the model's coefficients. Chosen out
#: of fold on MSRP (``bench/paraphrase_eval.py``): word-pair Dice, word containment, the
#: share of one sentence's names the other lacks, length ratio and an attribution
#: mismatch were tried as well and changed accuracy by under 0.005, so they were left out.
FEATURES: tuple[str, ...] = (
    "cosine",
    "word_dice",
    "bigram_containment_min",
    "bigram_containment_gap",
    "number_mismatch",
    "number_unshared",
    "name_unshared",
    "unmatched_words_max",
    "length_diff",
    "negation_mismatch",
)

# A figure, with thousands separators ("1,200", "1 200") or without, and an optional
# decimal part; tried before plain words so "1,200" stays one token.
_NUMBER = r"(?<![\w.])(?:\d{1,3}(?:[,\u00a0\u202f\u2009]\d{3})+|\d+)(?:\.\d+)?(?![\w])"
_TOKEN = re.compile(_NUMBER + r"|\w+(?:'\w+)?")
_IS_NUMBER = re.compile(r"[\d,\u00a0\u202f\u2009.]+")
# Number words that news writes either way ("three" / "3"). "one" is left out: it is a
# pronoun far more often than a figure.
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], start=2
    )
}
# Capitalised words inside a sentence: names, places, organisations, acronyms.
_NAME = re.compile(r"\b[A-Z][\w&'.-]*")
_NEGATION = frozenset(["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"])
# Function words left out of ``unmatched_words_max``: one sentence's extra "the" or "said"
# is no extra information.
_FUNCTION_WORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his i in is it its of on or "
    "said says she that the their they this to was we were which who will with would you".split()
)
# Words are compared on their first five letters there: a cheap stemmer ("acquired" and
# "acquisition" stay apart, "shares"/"shared" meet).
_STEM = 5


def _number(text: str) -> str:
    """"1,200" and "1200" -> "1200"; "2.50" and "2.5" -> "2.5"."""
    digits = re.sub(r"[,\u00a0\u202f\u2009]", "", text)
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return digits.lstrip("0") or "0"


def _tokens(sentence: str) -> list[str]:
    """Lower-cased words, with figures normalised and small number words as digits."""
    out = []
    for tok in _TOKEN.findall(sentence):
        if _IS_NUMBER.fullmatch(tok):
            out.append(_number(tok))
        else:
            low = tok.lower()
            out.append(_NUMBER_WORDS.get(low, low))
    return out


def _figures(sentence: str) -> set[str]:
    return {_number(m.group()) for m in re.finditer(_NUMBER, sentence)}


def _names(sentence: str) -> set[str]:
    """Capitalised words after the first word (which is capitalised anyway), lower-cased."""
    return {
        m.group().rstrip(".'").lower()
        for m in _NAME.finditer(sentence)
        if m.start() > 0 and _starts_inside(sentence, m.start())
    }


def _starts_inside(sentence: str, at: int) -> bool:
    """Whether a word at ``at`` is inside the sentence, not opening it (or opening a quote's sentence)."""
    before = sentence[:at].rstrip()
    return bool(before) and before[-1] not in "\"\u201c:;" and any(c.isalnum() for c in before)


def _dice(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def _containment(a: set[str], b: set[str]) -> tuple[float, float]:
    """(lower, higher) of the share of each set found in the other (1.0 for an empty set)."""
    ca = len(a & b) / len(a) if a else 1.0
    cb = len(a & b) / len(b) if b else 1.0
    return min(ca, cb), max(ca, cb)


def _unshared(a: set[str], b: set[str]) -> float:
    """Share of the union found on one side only (0.0 when neither side has any)."""
    union = a | b
    return len(a ^ b) / len(union) if union else 0.0


def pair_features(a: str, b: str, cosine: float) -> dict[str, float]:
    """The model's inputs for sentences ``a`` and ``b`` (symmetric: order does not matter).

    - ``cosine``: the MiniLM cosine of the two sentences' vectors (the caller has them);
    - ``word_dice``: Dice overlap of the lower-cased word sets (figures normalised);
    - ``bigram_containment_min``: the lower of the two shares of a sentence's word pairs
      found in the other; ``bigram_containment_gap``: the higher share less the lower (high
      when one sentence is inside the other and adds a clause: news the other lacks);
    - ``number_mismatch``: 1.0 when each sentence holds a figure the other lacks (a changed
      figure, not one left out); ``number_unshared``: share of the figures in one sentence only;
    - ``name_unshared``: share of the capitalised names in one sentence only;
    - ``unmatched_words_max``: content words of the sentence with more news in it that the
      other lacks (compared on their first five letters);
    - ``length_diff``: difference in words;
    - ``negation_mismatch``: 1.0 when one sentence is negated ("not", "never", "n't") and the
      other is not.
    """
    ta, tb = _tokens(a), _tokens(b)
    wa, wb = set(ta), set(tb)
    bigrams_a = {f"{x} {y}" for x, y in zip(ta, ta[1:], strict=False)}
    bigrams_b = {f"{x} {y}" for x, y in zip(tb, tb[1:], strict=False)}
    bc_min, bc_max = _containment(bigrams_a, bigrams_b)
    fa, fb = _figures(a), _figures(b)
    sa = {t[:_STEM] for t in wa if t not in _FUNCTION_WORDS}
    sb = {t[:_STEM] for t in wb if t not in _FUNCTION_WORDS}
    neg_a = any(t in _NEGATION or t.endswith("n't") for t in ta)
    neg_b = any(t in _NEGATION or t.endswith("n't") for t in tb)
    return {
        "cosine": float(cosine),
        "word_dice": _dice(wa, wb),
        "bigram_containment_min": bc_min,
        "bigram_containment_gap": bc_max - bc_min,
        "number_mismatch": float(bool(fa - fb) and bool(fb - fa)),
        "number_unshared": _unshared(fa, fb),
        "name_unshared": _unshared(_names(a), _names(b)),
        "unmatched_words_max": float(max(len(sa - sb), len(sb - sa))),
        "length_diff": float(abs(len(ta) - len(tb))),
        "negation_mismatch": float(neg_a != neg_b),
    }


@dataclass(frozen=True, slots=True)
class ParaphraseModel:
    """Standardised logistic regression over ``FEATURES``, with its fitted decision thresholds.

    ``threshold`` maximises accuracy; ``precise_threshold`` is the one fitted for precision
    0.9 (reuse findings are precision-first). Both are probabilities.
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    precise_threshold: float

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.mean) == len(self.scale) == len(self.coef) == n) or n == 0:
            raise ValueError(
                f"paraphrase model: {n} features but {len(self.mean)} means, {len(self.scale)} scales "
                f"and {len(self.coef)} coefficients; rewrite it with bench/paraphrase_eval.py --write"
            )
        if any(s <= 0 for s in self.scale):
            raise ValueError("paraphrase model: every scale must be positive")

    def probability(self, features: Mapping[str, float]) -> float:
        """Probability that the pair is a paraphrase; ``features`` as from ``pair_features``."""
        z = self.intercept + sum(
            c * (features[name] - mu) / s
            for name, c, mu, s in zip(self.features, self.coef, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_paraphrase(self, features: Mapping[str, float], *, precise: bool = True) -> bool:
        """Whether the probability reaches the precision-0.9 threshold (or, with ``precise=False``,
        the accuracy-maximising one)."""
        return self.probability(features) >= (self.precise_threshold if precise else self.threshold)

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> ParaphraseModel:
        def floats(key: str) -> tuple[float, ...]:
            return tuple(float(v) for v in raw[key])  # type: ignore[attr-defined]

        return cls(
            features=tuple(str(f) for f in raw["features"]),  # type: ignore[attr-defined]
            mean=floats("mean"),
            scale=floats("scale"),
            coef=floats("coef"),
            intercept=float(raw["intercept"]),  # type: ignore[arg-type]
            threshold=float(raw["threshold"]),  # type: ignore[arg-type]
            precise_threshold=float(raw["precise_threshold"]),  # type: ignore[arg-type]
        )


@cache
def model() -> ParaphraseModel:
    """The shipped model (``models/paraphrase.json``)."""
    text = resources.files(__package__).joinpath("models/paraphrase.json").read_text("utf-8")
    return ParaphraseModel.from_json(json.loads(text))
