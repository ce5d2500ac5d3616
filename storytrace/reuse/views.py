"""Read-side views of reuse links for the CLI, the API and the web app."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ConfigError
from ..model import Article, Direction, ReuseLink
from ..store import Store
from .origins import origin_of

#: Members of a copy family listed by default; the rest are counted.
FAMILY_LIMIT = 50


@dataclass(slots=True)
class LinkView:
    link: ReuseLink
    other: Article  # the article at the other end of the link
    passage_texts: list[tuple[str, str]]  # (original text, derived text) per passage


@dataclass(slots=True)
class ArticleLinks:
    article: Article
    original: Article | None  # the first original, following copies of copies
    links: list[LinkView]
    notes: list[str] = field(default_factory=list)  # why there may be no links
    family: CopyFamily | None = None  # the other copies of the same original (see ``copy_family``)


def article_links(store: Store, article_id: str, *, family_limit: int | None = FAMILY_LIMIT) -> ArticleLinks:
    """An article with its reuse links (both directions), the passages' texts and its copy family.

    ``family_limit``: members of the copy family to list (None: leave the family out).
    """
    article = store.get_article(article_id)
    views = []
    for link in store.links(article.id):
        other_id = link.source_id if link.target_id == article.id else link.target_id
        other = store.get_article(other_id)
        src, dst = (other, article) if link.target_id == article.id else (article, other)
        texts = [
            (src.text[p.source_start : p.source_end], dst.text[p.target_start : p.target_end])
            for p in link.passages
        ]
        views.append(LinkView(link, other, texts))
    origin = origin_of(store, article.id)
    family = None if family_limit is None else copy_family(store, article.id, limit=family_limit)
    return ArticleLinks(
        article, store.get_article(origin) if origin else None, views, _notes(article), family
    )


# -- copy families -----------------------------------------------------------------------

_FAMILY_KINDS = ("copy", "rewrite")
_NOUNS = {"copy": "copy of", "rewrite": "rewrite of", "partial": "partial reuse of"}
_VERBS = {"copy": "copies", "rewrite": "rewrites"}


@dataclass(slots=True)
class ArticleRef:
    """Enough of an article to name it in a list."""

    id: str
    outlet: str | None
    title: str | None
    published: str | None


@dataclass(slots=True)
class FamilyMember:
    """An article of a copy family and the link by which it took its text."""

    article: ArticleRef
    kind: str  # copy, rewrite or partial
    score: float
    direction: Direction  # why its source is taken to be the earlier text
    source_id: str  # the article it took its text from directly
    path: list[str]  # the original first, down to source_id
    relation: str  # e.g. "copy of B, which copies A"


@dataclass(slots=True)
class CopyFamily:
    """Every copy and rewrite of one original, and who partly reuses them.

    The store keeps one link per copy, to its source; two copies of one wire story
    are not linked to each other. The family joins them again, from any member.
    """

    article_id: str  # the article asked about
    original: ArticleRef | None  # None: the article is no copy, and nothing copies it
    members: list[FamilyMember]  # copies and rewrites, nearest the original first, up to the limit
    partial: list[FamilyMember]  # articles that reuse passages of the original or of a member
    more_members: int = 0  # members past the limit, counted, not listed
    more_partial: int = 0


def copy_family(
    store: Store, article_id: str, *, limit: int = FAMILY_LIMIT, max_hops: int = 20
) -> CopyFamily:
    """The copy family of an article: its original and every copy or rewrite of it.

    The original is found as ``origin_of`` finds it; from there each generation of
    copies (copies of copies too, up to ``max_hops``) is read with one query. Each
    member is placed under the strongest link from the nearest generation. Articles
    that only reuse passages are listed apart and not followed further. At most
    ``limit`` members and ``limit`` partial reusers are listed, the same ones from
    any member; the rest are counted.
    """
    if limit < 0:
        raise ConfigError(f"family limit {limit} is negative; give 0 or more")
    full = store.resolve_id(article_id)
    root = origin_of(store, full, max_hops=max_hops) or full
    paths = {root: [root]}  # article -> the path from the original down to it
    joined: dict[str, ReuseLink] = {}
    partial: dict[str, ReuseLink] = {}
    frontier = [root]
    for _ in range(max_hops):
        if not frontier:
            break
        found: list[str] = []
        for link in store.links_from(frontier, kinds=(*_FAMILY_KINDS, "partial")):  # strongest first
            target = link.target_id
            if target in paths:
                continue
            if link.kind == "partial":
                partial.setdefault(target, link)
                continue
            paths[target] = [*paths[link.source_id], target]
            joined[target] = link
            found.append(target)
        frontier = found
    if not joined:
        return CopyFamily(full, None, [], [])
    partial = {k: v for k, v in partial.items() if k not in paths}
    members = sorted(joined.values(), key=lambda x: (len(paths[x.target_id]), -x.score, x.target_id))
    users = sorted(partial.values(), key=lambda x: (-x.score, x.target_id))
    shown = members[:limit] + users[:limit]
    refs = store.articles_by_id([root, *(x.target_id for x in shown)])

    def member(link: ReuseLink) -> FamilyMember:
        path = paths[link.source_id]
        relation = f"{_NOUNS[link.kind]} {link.source_id}"
        for i in range(len(path) - 1, 0, -1):
            relation += f", which {_VERBS[joined[path[i]].kind]} {path[i - 1]}"
        return FamilyMember(
            _ref(refs, link.target_id), link.kind, link.score, link.direction, link.source_id, path, relation
        )

    return CopyFamily(
        full,
        _ref(refs, root),
        [member(x) for x in members[:limit]],
        [member(x) for x in users[:limit]],
        max(0, len(members) - limit),
        max(0, len(users) - limit),
    )


def _ref(articles: dict[str, Article], article_id: str) -> ArticleRef:
    a = articles.get(article_id)
    if a is None:  # deleted since the link was read
        return ArticleRef(article_id, None, None, None)
    return ArticleRef(a.id, a.outlet, a.title, a.published)


def _notes(article: Article) -> list[str]:
    from .classify import DEFAULT_RULES
    from .sentences import is_boilerplate, split_sentences, word_count

    min_words = DEFAULT_RULES.min_evidence_words
    notes = []
    content = [
        s
        for s in split_sentences(article.text)
        if word_count(s.text) >= min_words and not is_boilerplate(s.text)
    ]
    if len(content) < 2:
        notes.append(
            f"only {len(content)} sentence(s) of {min_words}+ words that are not boilerplate: "
            "too little text to tell reuse from chance"
        )
    if len(article.sightings) > 1:
        notes.append(
            f"the same text was seen at {len(article.sightings)} places; identical copies are one article "
            "(see 'storytrace show')"
        )
    return notes


@dataclass(slots=True)
class OutletReuse:
    outlet: str
    articles: int
    copies: int  # its articles that are copies of another article
    rewrites: int  # ... paraphrased rewrites of another article
    partial: int  # ... that reuse passages of another article
    reused_by_others: int  # articles of other outlets derived from this outlet's
    sources: dict[str, int] = field(default_factory=dict)  # outlet -> its articles derived from that outlet
    # Articles sharing text with another where which came first is only a guess by
    # ingest order (no dates, no sign in the texts): counted here, not as copies.
    undirected: int = 0

    @property
    def farm_score(self) -> float:
        """Share of the outlet's articles that are copies or rewrites of others' work."""
        return (self.copies + self.rewrites) / self.articles if self.articles else 0.0


def outlet_report(store: Store) -> list[OutletReuse]:
    """Per outlet reuse counts, most derivative outlets first."""
    rows = [
        OutletReuse(
            outlet=r["outlet"],
            articles=r["articles"],
            copies=r["copy"],
            rewrites=r["rewrite"],
            partial=r["partial"],
            reused_by_others=r["reused_by_others"],
            sources=r["sources"],
            undirected=r["undirected"],
        )
        for r in store.outlet_reuse()
    ]
    rows.sort(key=lambda r: (-r.farm_score, -r.articles, r.outlet))
    return rows
