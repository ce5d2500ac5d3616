"""Follow reuse links back to the original source of an article and of each passage."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ReuseLink
from ..store import Store

#: Share of a passage that must fall inside an earlier link's passage to follow it further back.
_COVER = 0.5


def origin_of(store: Store, article_id: str, *, max_hops: int = 20) -> str | None:
    """The original an article was copied or rewritten from, following copies of copies.

    None when the article is not a copy or rewrite of anything stored.
    """
    current, seen = store.resolve_id(article_id), set()
    origin = None
    for _ in range(max_hops):
        seen.add(current)
        incoming = [
            link
            for link in store.links(current)
            if link.target_id == current and link.kind in ("copy", "rewrite")
        ]
        if not incoming:
            break
        best = max(incoming, key=lambda link: (link.score, link.source_id))
        if best.source_id in seen:
            break
        origin = current = best.source_id
    return origin


@dataclass(frozen=True, slots=True)
class PassageOrigin:
    """Where a stretch of an article's text first appeared, as far as the store knows."""

    start: int  # offsets in the article asked about
    end: int
    kind: str  # kind of the first link on the way back
    source_id: str  # the article it was taken from directly
    origin_id: str  # the earliest article it can be followed back to
    origin_start: int
    origin_end: int
    hops: int


def passage_origins(store: Store, article_id: str, *, max_hops: int = 20) -> list[PassageOrigin]:
    """For each passage an article shares with an earlier one, its original source."""
    full = store.resolve_id(article_id)
    out = []
    for link in store.links(full):
        if link.target_id != full:
            continue
        for p in link.passages:
            origin, start, end, hops = link.source_id, p.source_start, p.source_end, 1
            seen = {full, origin}
            while hops < max_hops:
                step = _covering(store.links(origin), origin, start, end)
                if step is None or step[0] in seen:
                    break
                origin, start, end = step
                seen.add(origin)
                hops += 1
            out.append(
                PassageOrigin(
                    p.target_start, p.target_end, link.kind, link.source_id, origin, start, end, hops
                )
            )
    out.sort(key=lambda o: (o.start, o.end))
    return out


def _covering(links: list[ReuseLink], article_id: str, start: int, end: int) -> tuple[str, int, int] | None:
    """An earlier link whose target passage covers [start, end) of ``article_id``, mapped to its source."""
    best = None
    for link in links:
        if link.target_id != article_id:
            continue
        for p in link.passages:
            overlap = min(end, p.target_end) - max(start, p.target_start)
            if overlap > _COVER * max(1, end - start) and (best is None or p.similarity > best[0]):
                best = (p.similarity, link.source_id, p.source_start, p.source_end)
    return None if best is None else best[1:]
