"""Stories for articles in memory: the online index run over a batch, in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Article
from .features import StoryFeatures, featurize, vector_encoder
from .index import StoryIndex

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
) -> list[str]:
    """The story id of each article, assigning them online in the given order.

    ``encoder``: MiniLM for the vectors of dated articles (``None``: words only).
    ``sources`` maps an article id to the article it copies or rewrites (an earlier
    one in ``articles``): a copy belongs to its source's story.
    """
    if encoder == "default":
        encoder = vector_encoder()
    features = features if features is not None else featurize(articles, nlp=nlp, encoder=encoder)
    index = StoryIndex()
    founders: list[str] = []
    story_of: dict[str, int] = {}
    for article, feats in zip(articles, features, strict=True):
        source = (sources or {}).get(article.id)
        to = story_of.get(source) if source is not None else None
        result = index.assign(feats, to=to)
        if result.new:
            founders.append(article.id)
        story_of[article.id] = result.story
    # Ids that share their first twelve characters would share a story id: number them.
    names: list[str] = []
    taken: set[str] = set()
    for founder in founders:
        name = base = story_id(founder)
        k = 1
        while name in taken:
            k += 1
            name = f"{base}-{k}"
        taken.add(name)
        names.append(name)
    return [names[index.resolve(story_of[a.id])] for a in articles]
