"""Reuse detection bound to a store: indexes live beside the SQLite file.

The store is the truth; the index files are a cache. ``index_state`` in the store
records how far the saved indexes got, so a crash between writing articles and
saving indexes only means the next run indexes (and links) the missing articles.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from ..model import ReuseLink
from ..settings import Config
from ..store import Store
from .detector import (
    INDEX_VERSION,
    ReuseDetector,
    ReuseIndex,
    index_folder,
    static_encoder_for,
)
from .params import ReuseParams, default_params

log = logging.getLogger(__name__)
STATE = "reuse"


def encoder_for(config: Config) -> object | None:
    if config.reuse == "full":
        from ..embed import default_encoder

        return default_encoder(config.model_precision)
    return None


class StoreLinker:
    """Links articles of a store to each other, incrementally, as they arrive."""

    def __init__(
        self, store: Store, encoder: object | None, *, fresh: bool = False, params: ReuseParams | None = None
    ) -> None:
        self.store = store
        self.encoder = encoder
        self.folder = index_folder(store.path)
        params = params if params is not None else default_params()
        index = None if fresh else self._load()
        if index is None:
            index = ReuseIndex.create(with_sentences=encoder is not None)
        self.detector = ReuseDetector(
            index,
            store.articles_by_key,
            encoder,
            sources=store.link_sources(),
            explained_by=store.link_sources(min_score=params.candidates.explains_score, kinds=("copy", "rewrite")),
            candidate_encoder=static_encoder_for(encoder),
            params=params,
        )

    def _load(self) -> ReuseIndex | None:
        state = self.store.get_index_state(STATE)
        if self.folder is None or state is None or not (self.folder / "meta.json").exists():
            return None
        try:
            index = ReuseIndex.load(self.folder)
        except Exception as exc:  # noqa: BLE001 - a broken cache is rebuilt, never fatal
            log.warning("reuse index at %s unreadable (%s); rebuilding", self.folder, exc)
            return None
        if index.max_key != state[0] or state[1] != INDEX_VERSION:
            return None  # saved at a different point than the store recorded: rebuild
        if (index.sentences is not None) != (self.encoder is not None):
            return None  # built with another reuse mode
        return index

    def pending(self) -> int:
        return self.store.max_key() - self.detector.index.max_key

    def iter_catch_up(self, chunk: int = 256) -> Iterator[tuple[list[ReuseLink], set[frozenset[str]]]]:
        """Link every stored article not yet indexed, in key order, storing links per chunk.

        Yields each chunk's new links and the pairs whose earlier links it retired.
        """
        while True:
            batch = self.store.keyed_after(self.detector.index.max_key, chunk)
            if not batch:
                return
            links = self.detector.link(batch)
            obsolete = set(self.detector.obsolete)
            self.detector.obsolete.clear()
            links = [x for x in links if frozenset((x.source_id, x.target_id)) not in obsolete]
            self.store.save_links(links, drop_pairs=[tuple(p) for p in obsolete])
            yield links, obsolete

    def catch_up(self) -> list[ReuseLink]:
        out: dict[frozenset[str], ReuseLink] = {}
        for links, retired in self.iter_catch_up():
            for pair in retired:
                out.pop(pair, None)
            out.update({frozenset((x.source_id, x.target_id)): x for x in links})
        return list(out.values())

    def save(self) -> None:
        if self.folder is not None:
            self.detector.index.save(self.folder)
        self.store.set_index_state(STATE, self.detector.index.max_key, INDEX_VERSION)


def relink(store: Store, config: Config | None = None) -> dict[str, int]:
    """Batch: drop every link and index, and re-link the whole store in ingest order."""
    config = config or Config.load()
    store.clear_links()
    linker = StoreLinker(store, encoder_for(config), fresh=True, params=ReuseParams.from_config(config))
    linker.catch_up()
    linker.save()
    return store.count_links()
