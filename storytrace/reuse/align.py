"""Sentence alignment between two articles: which sentences of one reappear in the other.

Three kinds of match, tried in this order (a sentence, once matched, is taken):

1. **verbatim** - equal ``sentence_key`` (normalised text: case, quotes, dashes,
   whitespace and thousands separators folded, so "1,200" == "1 200");
2. **edited** - word-level ``difflib`` ratio >= ``EDITED_THRESHOLD`` on the
   normalised words, for sentences that share enough words to be worth the
   check (unigram Dice >= ``EDITED_PREFILTER``);
3. **paraphrase** - cosine of the sentence embeddings >= ``paraphrase_threshold``
   (only when vectors are given).

Matching is one-to-one and greedy best-first (highest similarity first; among
equals the pair nearest the diagonal wins, which keeps runs monotone). It does
not require global order, so reordered paragraphs still align. Consecutive
pairs (next sentence on both sides) merge into ``Passage``s.

Cost: verbatim matching is a dict lookup over all sentences; the fuzzy and
embedding stages see only sentences still unmatched, cost one numpy matrix
product each plus at most ``EDITED_CANDIDATES_PER_SENTENCE`` difflib calls
per target sentence, and run on the first ``MAX_FUZZY_SENTENCES`` sentences
of each side only (about 15,000 words of news prose), so one
pathological 100,000-word page costs milliseconds, not minutes. ``truncated``
says when that cap was hit.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..model import Passage, PassageKind
from .sentences import Span, sentence_key, split_sentences

__all__ = [
    "EDITED_CANDIDATES_PER_SENTENCE",
    "EDITED_PREFILTER",
    "EDITED_THRESHOLD",
    "MAX_FUZZY_SENTENCES",
    "MIN_FUZZY_WORDS",
    "Alignment",
    "SentencePair",
    "align",
    "order_consistency",
]

# The four thresholds below are the defaults for direct callers of ``align``; the reuse
# stage passes ``ReuseParams.rules`` (``params.LinkRules``, same values, documented there).

#: Word-sequence similarity (difflib ratio on normalised words) for an "edited" match.
#: Measured on the demo corpus: light edits (dateline dropped, attribution cut,
#: quote reworded) score 0.70-0.97; the best-matching different sentences of
#: same-event articles stay below 0.5.
EDITED_THRESHOLD = 0.6
#: Cheap prefilter before difflib: unigram-set Dice coefficient.
EDITED_PREFILTER = 0.45
#: Sentences shorter than this (in words) only ever match verbatim: fuzzy
#: matches of "He said." or "Share this" mean nothing.
MIN_FUZZY_WORDS = 4
#: A sentence found whole inside another counts as verbatim from this length (words).
MIN_CONTAINED_WORDS = 6
#: Source sentences per target sentence checked with difflib after the prefilter.
EDITED_CANDIDATES_PER_SENTENCE = 5
#: Sentences per side considered by the O(n*m) fuzzy and embedding stages.
MAX_FUZZY_SENTENCES = 600

_WORD = re.compile(r"\w+")

_KIND_RANK: dict[str, int] = {"verbatim": 0, "edited": 1, "paraphrase": 2}


@dataclass(frozen=True, slots=True)
class SentencePair:
    """One source sentence aligned with one target sentence."""

    source: Span
    target: Span
    source_index: int
    target_index: int
    similarity: float
    kind: PassageKind
    #: one sentence appears whole inside the other (a pasted sentence glued to a
    #: neighbour, or a lead with its dateline cut): verbatim text, edited boundary.
    contained: bool = False


@dataclass(slots=True)
class Alignment:
    """Aligned sentences and passages of a source and a target text, with coverage numbers."""

    source_sentences: list[Span]
    target_sentences: list[Span]
    pairs: list[SentencePair]  # sorted by target_index
    passages: list[Passage] = field(default_factory=list)  # sorted by target_start
    truncated: bool = False

    # -- coverage -------------------------------------------------------------

    @property
    def source_sentence_share(self) -> float:
        """Share of source sentences aligned to some target sentence."""
        return _share(len(self.pairs), len(self.source_sentences))

    @property
    def target_sentence_share(self) -> float:
        """Share of target sentences aligned to some source sentence."""
        return _share(len(self.pairs), len(self.target_sentences))

    @property
    def source_char_share(self) -> float:
        """Share of the source's sentence characters that are aligned."""
        aligned = sum(p.source.end - p.source.start for p in self.pairs)
        return _share(aligned, sum(s.end - s.start for s in self.source_sentences))

    @property
    def target_char_share(self) -> float:
        """Share of the target's sentence characters that are aligned."""
        aligned = sum(p.target.end - p.target.start for p in self.pairs)
        return _share(aligned, sum(s.end - s.start for s in self.target_sentences))

    def kind_share(self, kind: PassageKind) -> float:
        """Share of aligned pairs of one kind (verbatim, edited or paraphrase)."""
        return _share(sum(1 for p in self.pairs if p.kind == kind), len(self.pairs))

    @property
    def verbatim_share(self) -> float:
        return self.kind_share("verbatim")

    @property
    def edited_share(self) -> float:
        return self.kind_share("edited")

    @property
    def paraphrase_share(self) -> float:
        return self.kind_share("paraphrase")

    @property
    def order_consistency(self) -> float:
        """Share of pairs in one increasing run (longest increasing subsequence); 1.0 if <= 1 pair."""
        return order_consistency([p.source_index for p in self.pairs])

    def reversed(self) -> Alignment:
        """The same alignment seen from the other side (target becomes source)."""
        pairs = sorted(
            (
                SentencePair(
                    p.target, p.source, p.target_index, p.source_index, p.similarity, p.kind, p.contained
                )
                for p in self.pairs
            ),
            key=lambda p: p.target_index,
        )
        return Alignment(
            source_sentences=self.target_sentences,
            target_sentences=self.source_sentences,
            pairs=pairs,
            passages=merge_passages(pairs),
            truncated=self.truncated,
        )


def align(
    source_text: str,
    target_text: str,
    source_vecs: np.ndarray | None = None,
    target_vecs: np.ndarray | None = None,
    *,
    paraphrase_threshold: float = 0.8,
    edited_threshold: float = EDITED_THRESHOLD,
    edited_prefilter: float = EDITED_PREFILTER,
    min_fuzzy_words: int = MIN_FUZZY_WORDS,
    min_contained_words: int = MIN_CONTAINED_WORDS,
) -> Alignment:
    """Align the sentences of two texts (see the module docstring for the method).

    The thresholds default to the module's values; ``classify`` passes its
    ``LinkRules`` (``ReuseParams.rules``) instead.

    ``source_vecs``/``target_vecs`` are L2-normalised sentence embeddings, one row
    per ``split_sentences(text)`` sentence in order; pass both or neither. A
    row-count mismatch raises ``ValueError`` (the vectors belong to other text).
    """
    src = split_sentences(source_text)
    tgt = split_sentences(target_text)
    use_vecs = source_vecs is not None and target_vecs is not None
    if use_vecs:
        assert source_vecs is not None and target_vecs is not None
        if len(source_vecs) != len(src) or len(target_vecs) != len(tgt):
            raise ValueError(
                f"sentence vectors do not match the texts: {len(source_vecs)} vectors for "
                f"{len(src)} source sentences, {len(target_vecs)} for {len(tgt)} target sentences"
            )
    if not src or not tgt:
        return Alignment(src, tgt, [])

    src_keys = [sentence_key(s.text) for s in src]
    tgt_keys = [sentence_key(s.text) for s in tgt]
    n, m = len(src), len(tgt)
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    pairs: list[SentencePair] = []

    def take(candidates: list[tuple[float, float, int, int, PassageKind]]) -> None:
        # Best first; among equals the pair nearest the diagonal (keeps runs monotone).
        for _neg, _d, i, j, kind in sorted(candidates, key=lambda c: c[:2]):
            if i in used_src or j in used_tgt:
                continue
            used_src.add(i)
            used_tgt.add(j)
            inside = kind == "edited" and _contained(src_keys[i], tgt_keys[j], min_contained_words)
            pairs.append(SentencePair(src[i], tgt[j], i, j, round(-_neg, 4), kind, inside))

    # 1. verbatim, over all sentences (a dict lookup).
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(src_keys):
        by_key[key].append(i)
    take(
        [
            (-1.0, _diag(i, j, n, m), i, j, "verbatim")
            for j, key in enumerate(tgt_keys)
            for i in by_key.get(key, ())
        ]
    )

    # 2. edited, 3. paraphrase: O(n*m), on the first MAX_FUZZY_SENTENCES of each
    # side and only between sentences still unmatched.
    nf, mf = min(n, MAX_FUZZY_SENTENCES), min(m, MAX_FUZZY_SENTENCES)
    truncated = n > nf or m > mf
    src_free = [i for i in range(nf) if i not in used_src]
    tgt_free = [j for j in range(mf) if j not in used_tgt]
    if not src_free or not tgt_free:
        return _finish(src, tgt, pairs, truncated)
    src_words = {i: _WORD.findall(src_keys[i]) for i in src_free}
    tgt_words = {j: _WORD.findall(tgt_keys[j]) for j in tgt_free}
    src_free = [i for i in src_free if len(src_words[i]) >= min_fuzzy_words]
    tgt_free = [j for j in tgt_free if len(tgt_words[j]) >= min_fuzzy_words]
    if not src_free or not tgt_free:
        return _finish(src, tgt, pairs, truncated)
    take(
        [
            (-sim, _diag(i, j, n, m), i, j, "edited")
            for i, j, sim in _edited_candidates(
                src_free, tgt_free, src_words, tgt_words, edited_prefilter, edited_threshold
            )
        ]
    )

    if use_vecs:
        assert source_vecs is not None and target_vecs is not None
        src_free = [i for i in src_free if i not in used_src]
        tgt_free = [j for j in tgt_free if j not in used_tgt]
        if src_free and tgt_free:
            cos = (
                np.asarray(source_vecs[src_free], dtype=np.float32)
                @ np.asarray(target_vecs[tgt_free], dtype=np.float32).T
            )
            cands: list[tuple[float, float, int, int, PassageKind]] = []
            for a, b in zip(*np.nonzero(cos >= paraphrase_threshold), strict=True):
                i, j = src_free[int(a)], tgt_free[int(b)]
                sim = float(min(1.0, cos[a, b]))
                cands.append((-sim, _diag(i, j, n, m), i, j, "paraphrase"))
            take(cands)
    return _finish(src, tgt, pairs, truncated)


def _finish(src: list[Span], tgt: list[Span], pairs: list[SentencePair], truncated: bool) -> Alignment:
    pairs.sort(key=lambda p: p.target_index)
    return Alignment(src, tgt, pairs, merge_passages(pairs), truncated)


def merge_passages(pairs: list[SentencePair]) -> list[Passage]:
    """Runs of pairs that are consecutive on both sides, as ``Passage``s (by target order)."""
    passages: list[Passage] = []
    run: list[SentencePair] = []
    for p in sorted(pairs, key=lambda p: p.target_index):
        if run and p.target_index == run[-1].target_index + 1 and p.source_index == run[-1].source_index + 1:
            run.append(p)
            continue
        if run:
            passages.append(_passage(run))
        run = [p]
    if run:
        passages.append(_passage(run))
    return passages


def order_consistency(source_indices: list[int]) -> float:
    """Longest increasing subsequence length over the sequence length (1.0 for <= 1 item)."""
    if len(source_indices) <= 1:
        return 1.0
    tails: list[int] = []
    for x in source_indices:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails) / len(source_indices)


def _passage(run: list[SentencePair]) -> Passage:
    kinds = {p.kind for p in run}
    kind: PassageKind = max(kinds, key=lambda k: _KIND_RANK[k])
    return Passage(
        source_start=run[0].source.start,
        source_end=run[-1].source.end,
        target_start=run[0].target.start,
        target_end=run[-1].target.end,
        similarity=round(sum(p.similarity for p in run) / len(run), 4),
        kind=kind,
    )


def _edited_candidates(
    src_free: list[int],
    tgt_free: list[int],
    src_words: dict[int, list[str]],
    tgt_words: dict[int, list[str]],
    prefilter: float = EDITED_PREFILTER,
    threshold: float = EDITED_THRESHOLD,
) -> list[tuple[int, int, float]]:
    """Pairs of sentences whose word sequences are similar enough to be an edit.

    A unigram Dice prefilter (one matrix product) picks at most
    ``EDITED_CANDIDATES_PER_SENTENCE`` source sentences per target sentence for
    the exact but slower difflib ratio, so the cost stays O(n*m) in numpy plus
    O(m) difflib calls even for texts made of near-identical sentences.
    """
    vocab: dict[str, int] = {}
    for words in (*src_words.values(), *tgt_words.values()):
        for w in words:
            vocab.setdefault(w, len(vocab))

    def bag(rows: list[list[str]]) -> np.ndarray:
        out = np.zeros((len(rows), len(vocab)), dtype=np.float32)
        for r, words in enumerate(rows):
            out[r, [vocab[w] for w in words]] = 1.0
        return out

    s_bag = bag([src_words[i] for i in src_free])
    t_bag = bag([tgt_words[j] for j in tgt_free])
    inter = s_bag @ t_bag.T
    sizes = s_bag.sum(axis=1)[:, None] + t_bag.sum(axis=1)[None, :]
    dice = np.divide(2 * inter, sizes, out=np.zeros_like(inter), where=sizes > 0)
    k = min(EDITED_CANDIDATES_PER_SENTENCE, len(src_free))
    top = np.argsort(-dice, axis=0, kind="stable")[:k]  # best source rows per target column
    out: list[tuple[int, int, float]] = []
    for col in range(len(tgt_free)):
        for row in top[:, col]:
            if dice[row, col] < prefilter:
                break
            i, j = src_free[int(row)], tgt_free[col]
            ratio = difflib.SequenceMatcher(None, src_words[i], tgt_words[j], autojunk=False).ratio()
            if ratio >= threshold:
                out.append((i, j, ratio))
    return out


def _contained(a: str, b: str, min_words: int = MIN_CONTAINED_WORDS) -> bool:
    """Whether one (normalised) sentence appears whole inside the other."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(_WORD.findall(short)) >= min_words and f" {short} " in f" {long} "


def _diag(i: int, j: int, n: int, m: int) -> float:
    return abs((i + 0.5) / n - (j + 0.5) / m)


def _share(part: float, whole: float) -> float:
    return float(part) / whole if whole else 0.0
