"""Stories for articles in memory: the online index run over a batch, in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Article
from .features import StoryFeatures, featurize, vector_encoder
from .index import Recheck, StoryIndex
from .params import StoryParams

__all__ = ["cluster_articles", "story_id"]


def story_id(founder_id: str) -> str:
    """A story's id comes from the article that started it: stable across runs."""
    return f"s-{founder_id[:12]}"


def cluster_articles(
    articles: Sequence[Article],
    *,
    nlp: Any = "default",
    encoder: Any = "default",
    features: Sequence[StoryFeatures] | None = None,
    sources: Mapping[str, str] | None = None,
    params: StoryParams | None = None,
    batch_size: int | None = None,
    settle_all: bool = False,
) -> list[str]:
    """The story id of each article, assigning them online in the given order.

    ``encoder``: MiniLM for the vectors of dated articles (``None``: words only).
    ``params``: the clustering values (``StoryParams()`` by default).
    ``sources`` maps an article id to the article it copies or rewrites (an earlier
    one in ``articles``): a copy belongs to its source's story. After every
    ``batch_size`` articles the stories they touched are settled, as ingest does
    after each batch (``StoryIndex.settle``; 0: never; ``None``: ``params.settle_batch``). ``settle_all`` then settles
    every story once more with all the articles in hand, as ``recluster`` does.
    """
    if encoder == "default":
        encoder = vector_encoder()
    features = features if features is not None else featurize(articles, nlp=nlp, encoder=encoder)
    params = params if params is not None else StoryParams()
    batch_size = params.settle_batch if batch_size is None else batch_size
    index = StoryIndex(params)
    founder: dict[int, str] = {}  # story number -> the article that started it
    story_of: dict[str, int] = {}
    placed: list[Recheck | None] = []  # None: placed by a link, never moved
    members: dict[int, list[int]] = {}  # story number -> article positions, ascending
    # Both ends of a link stay where the link put them: settling never moves them.
    linked = set(sources or {}) | set((sources or {}).values())
    times = {a.id: f.time for a, f in zip(articles, features, strict=True)}
    step = batch_size or len(articles) or 1
    for start in range(0, len(articles), step):
        touched: set[int] = set()
        for pos in range(start, min(start + step, len(articles))):
            article, feats = articles[pos], features[pos]
            source = (sources or {}).get(article.id)
            if source is not None and not params.in_reach(feats.time, times.get(source)):
                source = None  # too far apart in time for one story: the words decide
            to = story_of.get(source) if source is not None else None
            result = index.assign(feats, to=to if to is None else index.resolve(to))
            if result.new:
                founder[result.story] = article.id
            for ended in result.merged:
                members.setdefault(result.story, []).extend(members.pop(ended, []))
                members[result.story].sort()
            members.setdefault(result.story, []).append(pos)
            story_of[article.id] = result.story
            fixed = to is not None or article.id in linked
            placed.append(
                None if fixed else Recheck(feats, result.story, None if result.new else result.score)
            )
            touched.add(result.story)
        if batch_size:
            touched = {index.resolve(s) for s in touched}
            _settle(index, placed, members, touched, founder, articles, features)
    if settle_all:
        live = {index.resolve(s) for s, m in members.items() if m}
        _settle(index, placed, members, live, founder, articles, features, limit=len(articles))
    # Where settling left each article (a link's ends never move, so a source's entry
    # in ``story_of`` stays right for the copies that look it up).
    for pos, item in enumerate(placed):
        if item is not None:
            story_of[articles[pos].id] = item.story
    # Ids that share their first twelve characters would share a story id: number them.
    names: dict[int, str] = {}
    taken: set[str] = set()
    for number in sorted(founder):
        name = base = story_id(founder[number])
        k = 1
        while name in taken:
            k += 1
            name = f"{base}-{k}"
        taken.add(name)
        names[number] = name
    return [names[index.resolve(story_of[a.id])] for a in articles]


def _settle(
    index: StoryIndex,
    placed: list[Recheck | None],
    members: dict[int, list[int]],
    touched: set[int],
    founder: dict[int, str],
    articles: Sequence[Article],
    features: Sequence[StoryFeatures],
    limit: int | None = None,
) -> None:
    """Settle the latest members of the touched stories; keep ``members``/``founder`` in step.

    Takes a story's latest ``limit`` members and leaves out the ones a link placed, as
    ingest does with the store's rows.
    """
    limit = index.params.settle_members if limit is None else limit
    chosen = sorted(
        pos for story in touched for pos in members.get(story, [])[-limit:] if placed[pos] is not None
    )
    items = [it for it in (placed[pos] for pos in chosen) if it is not None]
    for it in items:
        it.story = index.resolve(it.story)
    before = [it.story for it in items]
    for number, i in index.settle(items).items():
        founder[number] = articles[chosen[i]].id
    changed: set[int] = set()
    for pos, old, it in zip(chosen, before, items, strict=True):
        if it.story != old:
            members[old].remove(pos)
            members.setdefault(it.story, []).append(pos)
            members[it.story].sort()
            changed |= {old, it.story}
    for story in sorted(changed):
        index.rebuild(story, [(features[p], _score(placed[p])) for p in members[story]])


def _score(item: Recheck | None) -> float | None:
    return item.score if item is not None else None


def regroup_articles(articles: Sequence[Article], *, params: StoryParams | None = None) -> list[str]:
    """``cluster_articles`` as a batch run: online, then every story settled once more."""
    return cluster_articles(articles, params=params, settle_all=True)
