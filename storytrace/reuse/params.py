"""What the reuse decision was fitted to: one frozen value, passed in explicitly.

``ReuseParams`` holds the fitted rewrite verifier (``models/reuse_verifier.json``, written
by ``bench/train_reuse.py``), the hand rules of ``classify`` (``LinkRules``) and the
candidate settings of ``detector`` (``CandidateParams``). The bench fits and scores by
building new ``ReuseParams`` per fold (``dataclasses.replace``), never by changing module
constants, so the same code runs in-process and in a Dask task.

Each value says where it comes from. "Demo corpus" values were set by hand on the
project's own examples before issue 16; they are kept because every real-data evaluation
since (``bench/reuse_eval.py`` natural pairs, ``bench/clough_eval.py``,
``bench/ecb_reprints_eval.py``, all out of fold for the verifier) found the rules precise
(no independent Clough answer and 1 of 135 independent ECB+ pairs linked as copy or
partial); what they miss, the fitted verifier reads.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["CandidateParams", "DirectionModel", "LinkRules", "ReuseParams", "Verifier", "default_params"]


@dataclass(frozen=True, slots=True)
class Verifier:
    """A logistic regression over ``evidence.FEATURES`` (standardised), as plain numbers."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    #: Probability from which a pair is called derived (fitted for precision, see the model file).
    threshold: float
    #: Cosine under which two sentences are not aligned at all (chosen by cross-validation).
    floor: float
    #: Content sentences each side needs before the model may decide: with fewer, two
    #: reports of one fact look like a paraphrase of each other by necessity.
    min_sentences: int

    def probability(self, evidence: dict[str, float]) -> float:
        z = self.intercept + sum(
            c * (evidence[f] - m) / s for f, c, m, s in zip(self.features, self.coef, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def enough_text(self, evidence: dict[str, float]) -> bool:
        return min(evidence["sentences_derived"], evidence["sentences_source"]) >= self.min_sentences

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Verifier:
        return cls(
            features=tuple(raw["features"]),
            mean=tuple(float(x) for x in raw["mean"]),
            scale=tuple(float(x) for x in raw["scale"]),
            coef=tuple(float(x) for x in raw["coef"]),
            intercept=float(raw["intercept"]),
            threshold=float(raw["threshold"]),
            floor=float(raw["floor"]),
            min_sentences=int(raw["min_sentences"]),
        )


@dataclass(frozen=True, slots=True)
class DirectionModel:
    """Who copied whom, from the texts: a logistic regression over ``direction.TEXT_FEATURES``.

    No intercept and antisymmetric features, so swapping the two articles turns ``p`` into
    ``1 - p``; identical evidence on both sides gives 0.5.
    """

    features: tuple[str, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    #: ``max(p, 1 - p)`` from which the model decides (set for 90% precision out of fold).
    threshold: float

    def probability(self, evidence: dict[str, float]) -> float:
        """Probability that the alignment's source side is the original."""
        z = sum(c * evidence[f] / s for f, s, c in zip(self.features, self.scale, self.coef, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DirectionModel:
        from .direction import TEXT_FEATURES

        if tuple(raw["features"]) != TEXT_FEATURES:
            raise ValueError("models/direction.json does not match direction.TEXT_FEATURES; refit it")
        return cls(
            features=tuple(raw["features"]),
            scale=tuple(float(x) for x in raw["scale"]),
            coef=tuple(float(x) for x in raw["coef"]),
            threshold=float(raw["threshold"]),
        )


@dataclass(frozen=True, slots=True)
class LinkRules:
    """The hand rules that decide copy, partial reuse and close rewrites (``classify``)."""

    #: Sentences shorter than this never count as evidence of reuse (a dateline, "He
    #: declined to comment."). Demo corpus.
    min_evidence_words: int = 6
    #: Copy: lexical coverage of the better-covered text ...
    copy_min_coverage: float = 0.8
    #: ... and of the other one (a trimmed copy still covers a good part of its original).
    copy_min_other: float = 0.3
    #: Copy: share of the aligned text that is verbatim or lightly edited (the rest reworded).
    copy_min_light: float = 0.5
    #: Copy: share of the shorter text's word 5-grams found in the other. Light edits keep
    #: most of them (synthetic copies with up to four edits: >= 0.9); close
    #: sentence-by-sentence paraphrases keep a quarter to two fifths (demo rewrites).
    copy_min_shingles: float = 0.5
    #: Rewrite: the derived text's similarity-weighted aligned share (the link score).
    #: Same-event reports that paraphrase a few short sentences reach about 0.35 (demo
    #: corpus).
    rewrite_min_score: float = 0.45
    #: Partial: a sentence this much inside quotation marks is the speaker's words, which
    #: independent reports share; it is no evidence of reuse.
    quote_share: float = 0.8
    #: Partial: ... unless it is this long: outlets excerpt quotes, and two reports that
    #: pick the same 30 words or more of one speaker verbatim have most likely copied
    #: (set by hand; ``bench/reuse_eval.py``'s one missed partial pastes a 20-word quote).
    quote_max_words: int = 30
    #: Partial: an edited sentence counts as strong evidence from this similarity.
    partial_edited_min: float = 0.8
    #: Partial: strong shared words needed (target side) ...
    partial_min_words: int = 12
    #: ... of which verbatim. Demo corpus: independent same-event pairs share at most one
    #: strong sentence, none verbatim beyond credit lines.
    partial_min_verbatim_words: int = 12
    #: Rewrite: share of one side's content sentences aligned (any kind).
    rewrite_min_coverage: float = 0.6
    #: Rewrite: ... and of the other one: a paraphrase of a few sentences of a long article
    #: is not a rewrite of it (same-event reports share a few by chance).
    rewrite_min_other: float = 0.3
    #: Rewrite: at most this share of the aligned pairs verbatim or lightly edited (else
    #: copy or partial).
    rewrite_max_verbatim: float = 0.5
    #: Rewrite: at least this many reworded pairs (paraphrases, or edits below
    #: ``partial_edited_min``).
    rewrite_min_paraphrases: int = 3
    #: Rewrite: longest increasing run of aligned pairs over all pairs.
    rewrite_min_order: float = 0.7
    #: Alignment: word-sequence similarity (difflib ratio on normalised words) for an
    #: "edited" sentence pair. Demo corpus: light edits (dateline dropped, attribution cut,
    #: quote reworded) score 0.70-0.97; the best-matching different sentences of same-event
    #: articles stay below 0.5.
    edited_threshold: float = 0.6
    #: Alignment: unigram Dice a pair needs before difflib is asked (a cost cut, set by hand).
    edited_prefilter: float = 0.45
    #: Alignment: shorter sentences (in words) only ever match verbatim ("He said.").
    min_fuzzy_words: int = 4
    #: Alignment: a sentence found whole inside another counts as verbatim from this length.
    min_contained_words: int = 6
    #: Embedding cosine for a paraphrase pair (MiniLM-L6). Demo rewrites: paraphrased
    #: sentence pairs score 0.69-0.95, so 0.8 misses half of one rewrite's sentences; 0.7
    #: keeps them, and coverage plus order keep same-event articles apart. MSRP
    #: (``bench/paraphrase_eval.py``, 10-fold): the accuracy-best cosine cut is 0.64-0.71.
    paraphrase_threshold: float = 0.7


@dataclass(frozen=True, slots=True)
class CandidateParams:
    """Which indexed articles are worth verifying against a new one (``detector``)."""

    #: Nearest sentences asked of the sentence index per sentence of the new article.
    sentence_k: int = 8
    #: An article is a possible rewrite when this many distinct sentences of the new one
    #: come within the candidate cut of its sentences ...
    min_rewrite_hits: int = 3
    #: ... or this share of them, if more.
    min_rewrite_share: float = 0.3
    #: Candidates verified per article, strongest first (copy index, passage index,
    #: sentence index); bounds the work a heavily reprinted story costs.
    max_candidates: int = 50
    #: Static-vector cosine from which a sentence of an indexed article is a near
    #: neighbour (``StaticEncoder`` in front of MiniLM). On MSRP, 0.94 (the 99th percentile
    #: of unrelated pairs) keeps 96.5% of the pairs MiniLM puts above 0.7; but same-event
    #: sentences reach it too, so nearly every candidate pair went to MiniLM. Measured on
    #: ``bench/reuse_eval.py`` and 495 real articles end to end: 0.94 -> rewrite P 0.987
    #: R 0.975, reuse 44 s; 0.96 -> P 1.000 R 0.950, 21 s; 0.97 -> P 1.000 R 0.912, 8 s.
    static_candidate: float = 0.96
    #: The same cut when MiniLM itself feeds the sentence index (no static vectors): the
    #: rules' paraphrase cosine.
    paraphrase_candidate: float = 0.7
    #: In a candidate pair, MiniLM reads only the sentences whose static vector comes this
    #: close to one of the other side's (the rest cannot be a paraphrase pair). On the
    #: 4,076 MSRP pairs (int8 MiniLM), 0.92 keeps 99.3% of the pairs MiniLM puts at or above
    #: the paraphrase cut (0.7); 0.90 keeps 99.9%, 0.94 96.6%.
    sentence_floor: float = 0.92
    #: A copy or rewrite link at least this strong explains the derived text (other links
    #: of the same text are then siblings, not sources).
    explains_score: float = 0.5
    #: A copy of a copy is credited to the copy only when it matches it this much better
    #: than the first original.
    sibling_margin: float = 0.02


@cache
def _shipped(name: str = "reuse_verifier.json") -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"models/{name}").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True, slots=True)
class ReuseParams:
    """Every fitted or chosen value the reuse stage uses."""

    #: The rewrite verifier; ``None`` switches it off (the hand rules of ``classify`` alone).
    verifier: Verifier | None = field(default_factory=lambda: Verifier.from_json(_shipped()["verifier"]))
    #: Direction from the texts where dates do not decide; ``None``: the rules alone.
    direction: DirectionModel | None = field(
        default_factory=lambda: DirectionModel.from_json(_shipped("direction.json"))
    )
    #: The hand rules of ``classify``.
    rules: LinkRules = field(default_factory=LinkRules)
    #: The candidate stage of ``detector``.
    candidates: CandidateParams = field(default_factory=CandidateParams)

    @classmethod
    def from_config(cls, config: Any) -> ReuseParams:
        """Parameters for a ``Config`` (the settings table): ``reuse=lexical`` has no vectors,
        so no verifier."""
        if getattr(config, "reuse", "full") != "full":
            return cls(verifier=None)
        cut = getattr(config, "rewrite_candidate_cut", None)
        return cls() if cut is None else cls(candidates=CandidateParams(static_candidate=float(cut)))


@cache
def default_params() -> ReuseParams:
    return ReuseParams()
