"""Stories: articles grouped into the real-world events they report, online.

- ``featurize``: words, named entities (spaCy) and time of each article.
- ``StoryIndex``: the online clustering state (join the best story or start one).
- ``StoryParams``: every value those decide with, passed in explicitly.
- ``cluster_articles``: the same over articles in memory (used by the evaluation);
  ``regroup_articles``: the same as a batch run (settles every story at the end).
"""

from .cluster import cluster_articles, regroup_articles, story_id
from .features import StoryFeatures, featurize, load_nlp
from .index import Assignment, StoryIndex
from .params import StoryParams

__all__ = [
    "Assignment",
    "StoryFeatures",
    "StoryIndex",
    "StoryParams",
    "cluster_articles",
    "featurize",
    "load_nlp",
    "regroup_articles",
    "story_id",
]
