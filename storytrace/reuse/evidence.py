"""The evidence an editor would weigh before calling one text a reworking of another.

``pair_evidence`` measures, for an (original, derived) pair of texts, what a reuse
decision can be fitted on (``bench/train_reuse.py``) and what a user is shown:

- how much of the derived text's wording is in the original (word 1-, 3- and 5-gram
  containment, each way);
- an order-preserving (monotone) sentence alignment over the sentence vectors: how many
  of each side's content sentences it pairs, and how similar the pairs are;
- the rare items (numbers and capitalised names) both share, and in the same order;
- what the derived side adds (its sentences with no close match on the other side).

Nothing here decides: ``classify`` turns the numbers into a link with the fitted model.
Two reports of one event by different reporters share names, numbers and topic
vocabulary, but not the order of many sentences and their wording together; a
reworded copy keeps the order and most of the rare items. The features are built so
that a model can see that difference.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .fingerprint import containment, shingle_hashes, word_tokens
from .sentences import Span, is_boilerplate, split_sentences, word_count

__all__ = ["FEATURES", "measure", "monotone_alignment", "pair_evidence", "rare_items"]

#: Feature names, in the order of the model's coefficients.
FEATURES = (
    "words_in_source",  # share of the derived text's content-word types found in the original
    "bigrams_in_source",  # share of the derived text's word 2-grams found in the original
    "trigrams_in_source",  # share of the derived text's word 3-grams found in the original
    "trigrams_in_derived",  # ... and of the original's in the derived text
    "fivegrams_in_source",  # word 5-grams (verbatim runs)
    "rare_in_source",  # share of the derived text's rare items (numbers, names) in the original
    "rare_in_order",  # longest common subsequence of shared rare items / derived rare items
    "aligned_derived",  # share of derived content sentences in the monotone alignment
    "aligned_source",  # share of original content sentences in it
    "aligned_similarity",  # mean cosine of the aligned pairs (0 when none)
    "aligned_words",  # mean content-word Dice of the aligned pairs (a rewording keeps the words)
    "aligned_gain",  # the alignment's summed (cosine - floor), per derived content sentence
    "best_match_mean",  # mean over derived sentences of the best cosine to any original sentence
    "length_ratio",  # log2(derived words / original words)
)

# Function words of English news prose: left out of the word-type overlap (every text shares them).
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself said says say told new one two year years also""".split()
)
_NUMBER = re.compile(r"^\d[\d.,]*$")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’][^\W_]+)?")


def _content_sentences(text: str, min_words: int) -> list[Span]:
    return [s for s in split_sentences(text) if word_count(s.text) >= min_words and not is_boilerplate(s.text)]


def rare_items(text: str) -> list[str]:
    """Numbers and capitalised words not at a sentence's start, in text order (case folded).

    These are what a rewrite keeps (names, places, figures) and an independent report
    of the same event shares only partly and in its own order.
    """
    items: list[str] = []
    for sentence in split_sentences(text):
        words = _WORD.findall(sentence.text)
        for i, w in enumerate(words):
            if _NUMBER.match(w) or (i > 0 and w[:1].isupper() and w.casefold() not in _STOP):
                items.append(w.casefold().replace(",", ""))
    return items


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (quadratic; callers cap the lengths)."""
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def monotone_alignment(sim: np.ndarray, floor: float) -> list[tuple[int, int]]:
    """The order-preserving one-to-one pairing that maximises the summed ``sim - floor``.

    ``sim`` is derived x original. Pairs under ``floor`` are never taken. Dynamic
    programming over the matrix (a Needleman-Wunsch without gap costs), so a
    rewrite that keeps the original's sentence order aligns whole, and scattered
    chance matches of a same-event report pair only where they happen to be in order.
    """
    n, m = sim.shape
    if not n or not m:
        return []
    gain = np.where(sim >= floor, sim - floor, -np.inf)
    score = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        row, up = score[i], score[i - 1]
        g = gain[i - 1]
        for j in range(1, m + 1):
            best = up[j] if up[j] >= row[j - 1] else row[j - 1]
            diag = up[j - 1] + g[j - 1]
            row[j] = diag if diag > best else best
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if score[i, j] == score[i - 1, j]:
            i -= 1
        elif score[i, j] == score[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _types(text: str) -> set[str]:
    return {w for w in word_tokens(text) if w not in _STOP and not w.isdigit()}


def _share(part: np.ndarray, whole: np.ndarray) -> float:
    return containment(part, whole) if len(part) and len(whole) else 0.0


def pair_evidence(
    source_text: str,
    derived_text: str,
    source_vecs: np.ndarray | None,
    derived_vecs: np.ndarray | None,
    *,
    floor: float,
    min_words: int = 6,
    max_sentences: int = 400,
) -> dict[str, float]:
    """``FEATURES`` (and the sentence counts) for the pair; see ``measure``."""
    return measure(
        source_text, derived_text, source_vecs, derived_vecs, floor=floor, min_words=min_words, max_sentences=max_sentences
    )[0]


def measure(
    source_text: str,
    derived_text: str,
    source_vecs: np.ndarray | None,
    derived_vecs: np.ndarray | None,
    *,
    floor: float,
    min_words: int = 6,
    max_sentences: int = 400,
) -> tuple[dict[str, float], list[tuple[int, int, float]]]:
    """``FEATURES`` for the pair, and the monotone alignment as (source sentence index,
    derived sentence index, similarity), indexes into ``split_sentences`` of each text.

    ``*_vecs`` are L2-normalised vectors of ``split_sentences``.

    ``floor`` is the cosine under which two sentences are not aligned at all (the model
    weighs the similarity of what is aligned above it). Without vectors the alignment
    runs on word overlap (unigram Dice).
    """
    src_sents = split_sentences(source_text)
    dst_sents = split_sentences(derived_text)
    keep_s = [i for i, s in enumerate(src_sents) if word_count(s.text) >= min_words and not is_boilerplate(s.text)]
    keep_d = [i for i, s in enumerate(dst_sents) if word_count(s.text) >= min_words and not is_boilerplate(s.text)]
    keep_s, keep_d = keep_s[:max_sentences], keep_d[:max_sentences]
    if source_vecs is not None and derived_vecs is not None and len(keep_s) and len(keep_d):
        sim = np.asarray(derived_vecs, np.float32)[keep_d] @ np.asarray(source_vecs, np.float32)[keep_s].T
    else:
        sim = _dice_matrix([dst_sents[i].text for i in keep_d], [src_sents[i].text for i in keep_s])
        sim = np.asarray(sim, np.float32)
    pairs = monotone_alignment(sim, floor) if sim.size else []
    # Word overlap of the aligned pairs only (the full matrix is only needed without vectors).
    dice = {(i, j): _dice(_types(dst_sents[keep_d[i]].text), _types(src_sents[keep_s[j]].text)) for i, j in pairs}

    d_types, s_types = _types(derived_text), _types(source_text)
    d2, s2 = shingle_hashes(derived_text, 2), shingle_hashes(source_text, 2)
    d3, s3 = shingle_hashes(derived_text, 3), shingle_hashes(source_text, 3)
    d5, s5 = shingle_hashes(derived_text, 5), shingle_hashes(source_text, 5)
    d_rare, s_rare = rare_items(derived_text)[:600], rare_items(source_text)[:600]
    s_rare_set = set(s_rare)
    shared_rare = [x for x in d_rare if x in s_rare_set]
    d_words = max(1, len(word_tokens(derived_text)))
    s_words = max(1, len(word_tokens(source_text)))
    features = {
        "words_in_source": len(d_types & s_types) / len(d_types) if d_types else 0.0,
        "bigrams_in_source": _share(d2, s2),
        "trigrams_in_source": _share(d3, s3),
        "trigrams_in_derived": _share(s3, d3),
        "fivegrams_in_source": _share(d5, s5),
        "rare_in_source": len(shared_rare) / len(d_rare) if d_rare else 0.0,
        "rare_in_order": _lcs(shared_rare, [x for x in s_rare if x in set(shared_rare)]) / len(d_rare)
        if d_rare
        else 0.0,
        "aligned_derived": len(pairs) / len(keep_d) if keep_d else 0.0,
        "aligned_source": len(pairs) / len(keep_s) if keep_s else 0.0,
        "aligned_similarity": float(np.mean([sim[i, j] for i, j in pairs])) if pairs else 0.0,
        "aligned_words": float(np.mean([dice[p] for p in pairs])) if pairs else 0.0,
        "aligned_gain": float(sum(sim[i, j] - floor for i, j in pairs)) / len(keep_d) if keep_d else 0.0,
        "best_match_mean": float(sim.max(axis=1).mean()) if sim.size else 0.0,
        "length_ratio": float(np.log2(d_words / s_words)),
        # Not model inputs: how much text there is to judge (too little, and nothing is decided).
        "sentences_derived": float(len(keep_d)),
        "sentences_source": float(len(keep_s)),
    }
    return features, [(keep_s[j], keep_d[i], float(sim[i, j])) for i, j in pairs]


def _dice(x: set[str], y: set[str]) -> float:
    total = len(x) + len(y)
    return 2 * len(x & y) / total if total else 0.0


def _dice_matrix(a: list[str], b: list[str]) -> list[list[float]]:
    ta = [_types(x) for x in a]
    tb = [_types(x) for x in b]
    return [[_dice(x, y) for y in tb] for x in ta]
