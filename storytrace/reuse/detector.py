"""Find, for each new article, the earlier articles it copies, partly reuses or rewrites.

Three candidate paths, each cheap, then one exact verification:

* copy index (MinHash LSH on word 5-gram shingles): whole-article reprints;
* passage index (fingerprints of normalised sentences): pasted paragraphs;
* sentence index (static sentence vectors in an ANN index): paraphrased rewrites.

Every candidate pair goes through ``classify.compare`` (sentence alignment), which
decides the kind and the direction. MiniLM runs only where it decides: on the
pairs the sentence index proposes as rewrites; the other pairs are compared on
their words. The same ``ReuseDetector`` runs incrementally
(one article at a time, as ingested) and in batch over a whole store.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..model import Article, Problem, ReuseLink
from .classify import compare
from .copyindex import CopyIndex, PassageIndex
from .fingerprint import minhash
from .params import ReuseParams, default_params
from .sentences import split_sentences

INDEX_VERSION = "2"  # 2: the sentence index holds static vectors
#: Articles whose static sentence vectors are kept (cheap to make again; 45 KB each).
STATIC_CACHE = 256

Fetch = Callable[[Sequence[int]], dict[int, Article]]


@dataclass
class ReuseIndex:
    """The candidate indexes, keyed by the store's integer article keys."""

    copies: CopyIndex = field(default_factory=CopyIndex)
    passages: PassageIndex = field(default_factory=PassageIndex)
    sentences: object | None = None  # storytrace.embed.SentenceIndex when an encoder is used
    max_key: int = 0

    @classmethod
    def create(cls, with_sentences: bool) -> ReuseIndex:
        sentences = None
        if with_sentences:
            from ..embed import SentenceIndex

            sentences = SentenceIndex()
        return cls(sentences=sentences)

    def save(self, folder: Path) -> None:
        """Write all parts into ``folder`` atomically (a sibling temp folder, then rename)."""
        folder = Path(folder)
        tmp = folder.with_name(folder.name + ".tmp")
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        self.copies.save(tmp / "copies")
        self.passages.save(tmp / "passages")
        if self.sentences is not None:
            self.sentences.save(tmp / "sentences")  # type: ignore[attr-defined]
        (tmp / "meta.json").write_text(
            json.dumps(
                {"version": INDEX_VERSION, "max_key": self.max_key, "sentences": self.sentences is not None}
            )
        )
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> ReuseIndex:
        folder = Path(folder)
        meta = json.loads((folder / "meta.json").read_text())
        if meta.get("version") != INDEX_VERSION:
            raise ValueError(f"index version {meta.get('version')} != {INDEX_VERSION}")
        sentences = None
        if meta.get("sentences"):
            from ..embed import SentenceIndex

            sentences = SentenceIndex.load(folder / "sentences")
        return cls(
            copies=CopyIndex.load(folder / "copies"),
            passages=PassageIndex.load(folder / "passages"),
            sentences=sentences,
            max_key=int(meta["max_key"]),
        )


class ReuseDetector:
    """Links each article to the indexed articles it is related to, then indexes it.

    ``fetch`` returns stored articles by key (the store, or a dict in memory).
    ``encoder`` (sentence embeddings) enables rewrite detection; without one only
    copies and partial reuse are found.
    """

    def __init__(
        self,
        index: ReuseIndex,
        fetch: Fetch,
        encoder: object | None = None,
        cache_size: int = 4096,
        sources: dict[str, set[str]] | None = None,
        explained_by: dict[str, set[str]] | None = None,
        candidate_encoder: object | None = None,
        candidate_threshold: float | None = None,
        params: ReuseParams | None = None,
    ):
        self.index = index
        self.params = params if params is not None else default_params()
        self.fetch = fetch
        self.encoder = encoder
        # The sentence index holds the candidate encoder's vectors (static ones in
        # front of MiniLM); without one, the verifying encoder's own.
        self.candidate_encoder = candidate_encoder if candidate_encoder is not None else encoder
        if candidate_threshold is None:
            cp = self.params.candidates
            candidate_threshold = cp.static_candidate if candidate_encoder is not None else cp.paraphrase_candidate
        self.candidate_threshold = candidate_threshold
        # article id -> the articles it took text from (as linked so far); tells a
        # copy of X apart from a sibling of another copy of X.
        self.sources: dict[str, set[str]] = {k: set(v) for k, v in (sources or {}).items()}
        # ... and the ones it is a strong copy or rewrite of (see ``_explains``).
        self.explained_by: dict[str, set[str]] = {k: set(v) for k, v in (explained_by or {}).items()}
        # Pairs linked earlier that a later-arriving original showed to be siblings
        # (two copies of it); the caller deletes them.
        self.obsolete: set[frozenset[str]] = set()
        self.problems: list[Problem] = []
        self._vectors: OrderedDict[int, np.ndarray] = OrderedDict()
        # Per article: static sentence vectors, and MiniLM ones filled in as pairs need
        # them (a zero row is a sentence not encoded yet).
        self._static: OrderedDict[int, np.ndarray] = OrderedDict()
        self._partial: OrderedDict[int, tuple[np.ndarray, np.ndarray, list[str]]] = OrderedDict()
        self._cache_size = cache_size
        #: Sentences MiniLM encoded, and those it would have encoded without the floor.
        self.encoded = [0, 0]

    def _encode(self, key: int, article: Article) -> np.ndarray | None:
        if self.encoder is None:
            return None
        hit = self._vectors.get(key)
        if hit is not None:
            self._vectors.move_to_end(key)
            return hit
        sentences = [s.text for s in split_sentences(article.text)]
        vecs = self.encoder.encode(sentences)  # type: ignore[attr-defined]
        self._vectors[key] = vecs
        if len(self._vectors) > self._cache_size:
            self._vectors.popitem(last=False)
        return vecs

    def _candidate_vectors(self, article: Article) -> np.ndarray | None:
        if self.candidate_encoder is None:
            return None
        if self.candidate_encoder is self.encoder:
            return None  # encoded (and cached) by ``_encode`` when needed
        return self.candidate_encoder.encode([s.text for s in split_sentences(article.text)])  # type: ignore[attr-defined]

    def _pair_vectors(
        self, k: int, other: Article, key: int, article: Article, static: np.ndarray | None
    ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """MiniLM vectors of both sides of a possible rewrite, for the sentences that can pair.

        A sentence whose static vector is below ``candidates.sentence_floor`` with every sentence of
        the other side gets a zero row: it scores 0 with everything, as it would have
        scored under the paraphrase cut. Without static vectors, every sentence is encoded.
        """
        if self.encoder is None:
            return None, None
        if static is None or self.candidate_encoder is self.encoder:
            return self._encode(k, other), self._encode(key, article)
        hit = self._static.get(k)
        if hit is None:
            hit = self._candidate_vectors(other)
            _remember(self._static, k, hit, STATIC_CACHE)
        else:
            self._static.move_to_end(k)
        close = hit @ static.T >= self.params.candidates.sentence_floor if len(hit) and len(static) else np.zeros((0, 0), bool)
        return (
            self._encode_some(k, other, np.flatnonzero(close.any(axis=1))),
            self._encode_some(key, article, np.flatnonzero(close.any(axis=0))),
        )

    def _encode_some(self, key: int, article: Article, wanted: np.ndarray) -> np.ndarray:
        full = self._vectors.get(key)
        if full is not None:
            return full
        entry = self._partial.get(key)
        if entry is None:
            texts = [s.text for s in split_sentences(article.text)]
            dim = int(getattr(self.encoder, "dim", 0))
            entry = (np.zeros((len(texts), dim), np.float32), np.zeros(len(texts), bool), texts)
            self.encoded[1] += len(texts)
            _remember(self._partial, key, entry, self._cache_size)
        else:
            self._partial.move_to_end(key)
        vecs, done, texts = entry
        todo = [int(i) for i in wanted if not done[i]]
        if todo:
            vecs[todo] = self.encoder.encode([texts[i] for i in todo])  # type: ignore[attr-defined]
            done[todo] = True
            self.encoded[0] += len(todo)
        return vecs

    def candidates(
        self, key: int, article: Article, signature: np.ndarray, vecs: np.ndarray | None
    ) -> list[int]:
        """Keys of indexed articles worth verifying against ``article``, strongest first."""
        return self._candidates(key, article, signature, vecs)[0]

    def _candidates(
        self, key: int, article: Article, signature: np.ndarray, vecs: np.ndarray | None
    ) -> tuple[list[int], set[int]]:
        """Ranked candidate keys, and those proposed by the sentence index (possible rewrites)."""
        cp = self.params.candidates
        rewrites: set[int] = set()
        score: dict[int, float] = {}
        for rank, k in enumerate(self.index.copies.query(signature, exclude=key)):
            score[k] = score.get(k, 0.0) + 100.0 - min(rank, 99)
        for k, shared in self.index.passages.query_text(article.text, exclude=key).items():
            score[k] = score.get(k, 0.0) + 10.0 * shared
        if vecs is not None and len(vecs) and self.index.sentences is not None:
            hits = self.index.sentences.article_hits(  # type: ignore[attr-defined]
                vecs, k=cp.sentence_k, min_similarity=self.candidate_threshold, exclude=key
            )
            need = max(cp.min_rewrite_hits, int(cp.min_rewrite_share * len(vecs)))
            for k, pairs in hits.items():
                distinct = len({q for q, _, _ in pairs})
                if distinct >= need:
                    score[k] = score.get(k, 0.0) + distinct
                    rewrites.add(k)
        ranked = sorted(score, key=lambda k: (-score[k], k))[: cp.max_candidates]
        return ranked, rewrites & set(ranked)

    def _drop_siblings(self, article_id: str, links: list[ReuseLink]) -> list[ReuseLink]:
        """Keep the links to originals; drop those to other users of the same original.

        Three reprints of one wire story share their text with each other too, but
        none of them copied another: each is linked to the wire story only. A link
        to Y is dropped when Y is a copy or rewrite of an article this one also took
        text from (what they share is that article's text), or when this article is
        a copy or rewrite of Z and Y took its text from Z too.
        """
        ends = [_family_ends(x) for x in links]
        direct = {
            giver: x.score
            for x, (giver, taker) in zip(links, ends, strict=True)
            if taker == article_id and _explains(x, self.params.candidates.explains_score)
        }
        # the articles this one took text from (a later original is handled by _record)
        taken_from = {giver for giver, taker in ends if taker == article_id}
        origins = set(direct).union(*(_ancestors(self.sources, k) for k in direct)) if direct else set()
        kept = []
        for link, (giver, taker) in zip(links, ends, strict=True):
            other = giver if taker == article_id else taker
            upstream = _ancestors(self.explained_by, other) & taken_from
            if upstream:
                # Y copies X and both are linked here: credit X, unless Y is this
                # article's original and matches clearly better (a copy of a copy).
                if other not in direct or any(
                    direct.get(a, -1.0) >= direct[other] - self.params.candidates.sibling_margin for a in upstream
                ):
                    continue
            elif other not in direct and origins and _ancestors(self.sources, other) & origins:
                continue
            kept.append(link)
        return kept

    def _record(self, article_id: str, links: list[ReuseLink]) -> None:
        """Remember who took text from whom; retire links made obsolete by a late original.

        When an original arrives after its copies (and after others that reused its
        passages), their links to each other were the best evidence then; now each
        is linked to the original, and the links among them are siblings, reported
        in ``obsolete``.
        """
        copies, users = set(), set()
        for x in links:
            giver, taker = _family_ends(x)
            self.sources.setdefault(taker, set()).add(giver)
            if _explains(x, self.params.candidates.explains_score):
                self.explained_by.setdefault(taker, set()).add(giver)
            if giver == article_id:
                users.add(taker)
                if _explains(x, self.params.candidates.explains_score):
                    copies.add(taker)
        for a in copies:
            for b in users:
                if a != b:
                    self.obsolete.add(frozenset((a, b)))
                    for table in (self.sources, self.explained_by):
                        table.get(a, set()).discard(b)
                        table.get(b, set()).discard(a)

    def add(self, key: int, article: Article, signature: np.ndarray, vecs: np.ndarray | None) -> None:
        self.index.copies.add(key, signature)
        self.index.passages.add_text(key, article.text)
        if vecs is not None and len(vecs) and self.index.sentences is not None:
            self.index.sentences.add(key, vecs)  # type: ignore[attr-defined]
        self.index.max_key = max(self.index.max_key, key)

    def link(self, items: Iterable[tuple[int, Article]]) -> list[ReuseLink]:
        """Link each (key, article) to what is indexed so far, then index it, in order."""
        links: list[ReuseLink] = []
        pending: dict[int, Article] = {}
        for key, article in items:
            if key <= self.index.max_key:  # already indexed (and linked) earlier
                continue
            signature = minhash(article.text)
            cvecs = self._candidate_vectors(article)
            if cvecs is None:
                cvecs = self._encode(key, article)
            cand, rewrites = self._candidates(key, article, signature, cvecs)
            known = {k: pending[k] for k in cand if k in pending}
            missing = [k for k in cand if k not in known]
            if missing:
                known.update(self.fetch(missing))
            found: list[ReuseLink] = []
            for k in cand:
                other = known.get(k)
                if other is None or other.id == article.id:
                    continue
                # MiniLM only for a possible rewrite; copies and pasted passages
                # are decided on their words.
                try:
                    source_vecs, target_vecs = (
                        self._pair_vectors(k, other, key, article, cvecs) if k in rewrites else (None, None)
                    )
                    link = compare(
                        other, article, source_vecs=source_vecs, target_vecs=target_vecs, params=self.params
                    )
                    if link is None and source_vecs is None and self.encoder is not None and self.params.verifier:
                        # Proposed by the copy or passage index but not a copy or pasted
                        # passage by the words: a heavy rewrite keeps few sentences whole,
                        # so the fitted verifier reads the pair with sentence vectors too.
                        source_vecs, target_vecs = self._pair_vectors(k, other, key, article, cvecs)
                        link = compare(
                            other, article, source_vecs=source_vecs, target_vecs=target_vecs, params=self.params
                        )
                except Exception as exc:  # noqa: BLE001 - one bad pair must not stop the batch
                    reason = f"comparing with {other.id} failed: {type(exc).__name__}: {exc}"
                    self.problems.append(Problem(article.id, "reuse", reason, "failed"))
                    continue
                if link is not None:
                    found.append(link)
            found = self._drop_siblings(article.id, found)
            self._record(article.id, found)
            links += found
            self.add(key, article, signature, cvecs)
            if cvecs is not None and self.candidate_encoder is not self.encoder:
                _remember(self._static, key, cvecs, STATIC_CACHE)
            pending[key] = article
            if len(pending) > self._cache_size:
                pending.pop(next(iter(pending)))
        return links


def _remember(cache: OrderedDict[int, Any], key: int, value: Any, size: int) -> None:
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)


def _family_ends(link: ReuseLink) -> tuple[str, str]:
    """``(giver, taker)``: the link in the orientation its kind was settled in.

    Usually source and target. When the evidence named the holding side the original
    (``Direction.family_reversed``), the families still read it the other way, so a
    direction read from the text never moves links (``Store.link_sources`` likewise).
    """
    if link.direction.family_reversed:
        return link.target_id, link.source_id
    return link.source_id, link.target_id


def _explains(link: ReuseLink, min_score: float) -> bool:
    """Whether a link accounts for (nearly) all of the derived text: a strong copy or rewrite.

    Only such a link makes other links of the same text redundant; shared
    passages (partial reuse) or a weak link explain too little.
    """
    return link.kind in ("copy", "rewrite") and link.score >= min_score


def _ancestors(sources: dict[str, set[str]], article_id: str) -> set[str]:
    """Every article ``article_id`` took text from, directly or through others."""
    out: set[str] = set()
    todo = list(sources.get(article_id, ()))
    while todo:
        node = todo.pop()
        if node not in out and node != article_id:
            out.add(node)
            todo += sources.get(node, ())
    return out


def link_articles(
    articles: Sequence[Article], *, encoder: object | None = "default", params: ReuseParams | None = None
) -> list[ReuseLink]:
    """Batch detection over a set of articles in memory; returns one link per related pair.

    Articles are taken in the given order (keys 1..n). ``encoder="default"`` uses
    MiniLM; ``None`` finds copies and partial reuse only.
    """
    if encoder == "default":
        from ..embed import default_encoder

        encoder = default_encoder()
    by_key = {i: a for i, a in enumerate(articles, 1)}
    detector = ReuseDetector(
        ReuseIndex.create(with_sentences=encoder is not None),
        lambda keys: {k: by_key[k] for k in keys if k in by_key},
        encoder,
        candidate_encoder=static_encoder_for(encoder),
        params=params,
    )
    links = detector.link(by_key.items())
    return [x for x in links if frozenset((x.source_id, x.target_id)) not in detector.obsolete]


def static_encoder_for(encoder: object | None) -> object | None:
    """The static fast path in front of a MiniLM encoder; ``None`` for any other encoder."""
    from ..embed import MiniLMEncoder

    if isinstance(encoder, MiniLMEncoder):
        from ..embed.static import StaticEncoder

        return StaticEncoder(encoder)
    return None


def index_folder(db_path: str) -> Path | None:
    """Where a store's reuse indexes live: beside the SQLite file."""
    if db_path == ":memory:":
        return None
    return Path(os.fspath(db_path) + ".indexes")
