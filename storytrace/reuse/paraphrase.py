"""Is one news sentence a paraphrase of another? A small logistic model over cheap pair features.

``pair_features`` describes a sentence pair with interpretable numbers: the MiniLM cosine
(given by the caller, who already holds the vectors), word and word-pair overlap, whether the
figures and the names agree, length and negation, MT-metric style n-gram precisions both ways
(n = 1..4, a smoothed BLEU, the longest common word subsequence, character n-gram Dice), and a
BERTScore-style greedy alignment of the two sentences' MiniLM token vectors
(``token_vectors`` gets them, with the sentence vector, in one encoder run per sentence). ``ParaphraseModel``
turns them into a probability with coefficients from ``models/paraphrase.json``, fitted by
``bench/paraphrase_eval.py --write`` on the 4,076 pairs of the Microsoft Research
Paraphrase Corpus (training part); the JSON file records the 10-fold cross-validated
accuracy and F1 next to the coefficients, and the decision thresholds it holds were fitted
the same way.

MSRP's negatives are sentences from different outlets about the same event, so the model
learns exactly the line a rewrite detector needs: same story told by two reporters, against
one reporter's sentence reworded. A changed figure lowers the probability but, as MSRP calls
many market reports with other figures paraphrases, rarely flips a near-copy: figure changes
are ``reuse/edits.py``'s job.

Pure Python, numpy and the JSON file: nothing here needs scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..embed import MiniLMEncoder

__all__ = ["FEATURES", "ParaphraseModel", "TokenVectors", "model", "pair_features", "token_vectors"]

#: The alignment scopes of the token features: every word piece, word pieces that are not
#: punctuation, and content pieces (neither punctuation nor a function word).
_SCOPES = ("all", "word", "content")
#: Names of ``pair_features``' entries, in the order of the model's coefficients. The first
#: ten are the issue-3 model's; the rest (issue 16) were chosen as groups by 10-fold CV inside
#: a tuning part of MSRP (2/3 of the pairs by a hash of their ids) and confirmed on the other
#: third (``bench/paraphrase_eval.py``, numbers in ``bench/README.md``). No group helps alone
#: (each within 0.003 of the ten-feature model); together they add 0.01-0.03.
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
    *(f"ngram{n}_precision_{side}" for n in range(1, 5) for side in ("min", "max")),
    *(f"ngram{n}_f" for n in range(1, 5)),
    "bleu_min",
    "bleu_max",
    "lcs_of_longer",
    "lcs_of_shorter",
    "char3_dice",
    "char4_dice",
    "char5_dice",
    "stem_dice",
    "length_ratio",
    "length_min",
    *(
        f"align_{scope}_{stat}"
        for scope in _SCOPES
        for stat in ("min", "max", "f", "worst", "unaligned", "unaligned_share")
    ),
    "content_token_cosine",
)
#: A token whose best match in the other sentence has a lower cosine is "unaligned".
_ALIGNED = 0.6

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


@dataclass(frozen=True, slots=True)
class TokenVectors:
    """One sentence's MiniLM word pieces (without ``[CLS]``/``[SEP]``) and their unit vectors.

    ``sentence`` is the unit sentence vector of the same run (the mean of every token's
    state, ``[CLS]`` and ``[SEP]`` included): what ``MiniLMEncoder.encode`` returns for
    the sentence in int8, so the pair's cosine costs no second encoding.
    """

    pieces: tuple[str, ...]
    vectors: np.ndarray  # (len(pieces), dim) float32, unit rows
    sentence: np.ndarray  # (dim,) float32, unit

    def __post_init__(self) -> None:
        if self.vectors.ndim != 2 or self.vectors.shape[0] != len(self.pieces):
            raise ValueError(f"{len(self.pieces)} pieces but vectors of shape {self.vectors.shape}")


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def token_vectors(texts: Sequence[str], encoder: MiniLMEncoder | None = None) -> list[TokenVectors]:
    """MiniLM token vectors of each text, each text run alone (as the int8 encoder does).

    Uses the encoder's own ONNX session and tokenizer (``encoder`` or the process-wide int8
    ``default_encoder()``): one run per text, the cost of encoding it, and ``sentence``
    gives its sentence vector too.
    """
    if encoder is None:
        from ..embed import default_encoder

        encoder = default_encoder()  # type: ignore[assignment]
    assert encoder is not None
    out = []
    for pieces, h in encoder.token_states(texts):  # type: ignore[attr-defined]
        out.append(TokenVectors(tuple(pieces[1:-1]), _unit(h[1:-1]), _unit(h.mean(axis=0))))
    return out


_PUNCT = re.compile(r"\W+")


def _scopes(tv: TokenVectors) -> dict[str, np.ndarray]:
    """Row masks of ``tv`` for each of ``_SCOPES``."""
    word = np.array([not _PUNCT.fullmatch(p) for p in tv.pieces], dtype=bool)
    content = np.array(
        [w and p.lstrip("#") not in _FUNCTION_WORDS for p, w in zip(tv.pieces, word, strict=True)], dtype=bool
    )
    return {"all": np.ones(len(tv.pieces), dtype=bool), "word": word, "content": content}


def _alignment(a: TokenVectors, b: TokenVectors) -> dict[str, float]:
    """BERTScore-style greedy matching: each token's best cosine in the other sentence."""
    sim = a.vectors @ b.vectors.T
    ma, mb = _scopes(a), _scopes(b)
    out: dict[str, float] = {}
    for scope in _SCOPES:
        key = f"align_{scope}_"
        if not ma[scope].any() or not mb[scope].any():
            out.update({key + "min": 1.0, key + "max": 1.0, key + "f": 1.0, key + "worst": 1.0})
            out.update({key + "unaligned": 0.0, key + "unaligned_share": 0.0})
            continue
        s = sim[np.ix_(ma[scope], mb[scope])]
        best_a, best_b = s.max(axis=1), s.max(axis=0)
        p, r = float(best_a.mean()), float(best_b.mean())
        low_a, low_b = best_a < _ALIGNED, best_b < _ALIGNED
        out[key + "min"] = min(p, r)
        out[key + "max"] = max(p, r)
        out[key + "f"] = 2 * p * r / (p + r) if p + r > 0 else 0.0
        out[key + "worst"] = float(min(best_a.min(), best_b.min()))
        out[key + "unaligned"] = float(max(low_a.sum(), low_b.sum()))
        out[key + "unaligned_share"] = float(max(low_a.mean(), low_b.mean()))
    ca, cb = ma["content"], mb["content"]
    if ca.any() and cb.any():
        u, v = a.vectors[ca].mean(axis=0), b.vectors[cb].mean(axis=0)
        out["content_token_cosine"] = float(u @ v / max(float(np.linalg.norm(u) * np.linalg.norm(v)), 1e-12))
    else:
        out["content_token_cosine"] = 1.0
    return out


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _matched(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> int:
    """n-grams shared, each counted as often as the sentence with fewer of it has it (BLEU's
    clipping; the same both ways)."""
    if len(b) < len(a):
        a, b = b, a
    return sum(min(c, b[g]) for g, c in a.items() if g in b)


def _bleu(matched: list[int], totals: list[int], length: int, other_length: int) -> float:
    """Add-one smoothed sentence BLEU (n = 1..4 with their clipped matches and the
    sentence's n-gram totals; brevity penalty against the other sentence's length)."""
    logs = [math.log((m + 1) / (t + 1)) for m, t in zip(matched, totals, strict=True)]
    brevity = min(0.0, 1 - other_length / max(length, 1))
    return math.exp(sum(logs) / len(logs) + brevity)


def _lcs(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two word lists."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _chars(sentence: str, n: int) -> set[str]:
    s = " ".join(sentence.lower().split())
    return {s[i : i + n] for i in range(len(s) - n + 1)}


def _mt_features(a: str, b: str, ta: list[str], tb: list[str]) -> dict[str, float]:
    """MT-metric style overlap, both ways: n-gram precisions, BLEU, LCS, character n-grams."""
    out: dict[str, float] = {}
    matched, totals_a, totals_b = [], [], []
    for n in range(1, 5):
        ga, gb = _ngrams(ta, n), _ngrams(tb, n)
        m = _matched(ga, gb)
        na, nb = max(len(ta) - n + 1, 0), max(len(tb) - n + 1, 0)
        matched.append(m)
        totals_a.append(na)
        totals_b.append(nb)
        pa = m / na if na else 1.0
        pb = m / nb if nb else 1.0
        out[f"ngram{n}_precision_min"] = min(pa, pb)
        out[f"ngram{n}_precision_max"] = max(pa, pb)
        out[f"ngram{n}_f"] = 2 * pa * pb / (pa + pb) if pa + pb else 0.0
    bleu_a = _bleu(matched, totals_a, len(ta), len(tb))
    bleu_b = _bleu(matched, totals_b, len(tb), len(ta))
    out["bleu_min"], out["bleu_max"] = min(bleu_a, bleu_b), max(bleu_a, bleu_b)
    common = _lcs(ta, tb)
    out["lcs_of_longer"] = common / max(len(ta), len(tb), 1)
    out["lcs_of_shorter"] = common / max(min(len(ta), len(tb)), 1)
    for n in (3, 4, 5):
        out[f"char{n}_dice"] = _dice(_chars(a, n), _chars(b, n))
    return out


def pair_features(a: str, b: str, cosine: float, tokens_a: TokenVectors, tokens_b: TokenVectors) -> dict[str, float]:
    """The model's inputs for sentences ``a`` and ``b`` (symmetric: order does not matter).

    ``tokens_a``/``tokens_b`` are the sentences' MiniLM token vectors (``token_vectors``).

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
      other is not;
    - ``ngram{n}_precision_min``/``_max`` (n = 1..4): the lower and higher of the two shares
      of a sentence's word n-grams found in the other (clipped counts, as BLEU), and
      ``ngram{n}_f`` their harmonic mean; ``bleu_min``/``bleu_max``: add-one smoothed sentence
      BLEU each way; ``lcs_of_longer``/``lcs_of_shorter``: longest common word subsequence
      over the longer and the shorter sentence's length; ``char{n}_dice`` (n = 3, 4, 5):
      Dice of lower-cased character n-gram sets; ``stem_dice``: Dice of the content words'
      first five letters; ``length_ratio`` shorter/longer in words; ``length_min`` words of
      the shorter;
    - ``align_{scope}_*`` for scope ``all`` (every word piece), ``word`` (no punctuation) and
      ``content`` (no function words either): each token's best cosine in the other
      sentence (BERTScore's greedy match); ``min``/``max`` the lower and higher of the two
      sentences' mean best cosines, ``f`` their harmonic mean, ``worst`` the lowest best
      cosine of any token, ``unaligned`` the larger count of tokens whose best is under
      0.6, ``unaligned_share`` the larger share;
    - ``content_token_cosine``: cosine of the two means of the content pieces' vectors.
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
    out = {
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
    out.update(_mt_features(a, b, ta, tb))
    out["stem_dice"] = _dice(sa, sb)
    out["length_ratio"] = min(len(ta), len(tb)) / max(len(ta), len(tb), 1)
    out["length_min"] = float(min(len(ta), len(tb)))
    out.update(_alignment(tokens_a, tokens_b))
    return {name: float(out[name]) for name in FEATURES}


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
