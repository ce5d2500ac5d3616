"""Read-side views of reuse links for the CLI, the API and the web app."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, ReuseLink
from ..store import Store
from .origins import origin_of


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


def article_links(store: Store, article_id: str) -> ArticleLinks:
    """An article with its reuse links (both directions) and the passages' texts."""
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
    return ArticleLinks(article, store.get_article(origin) if origin else None, views, _notes(article))


def _notes(article: Article) -> list[str]:
    from .classify import MIN_EVIDENCE_WORDS
    from .sentences import is_boilerplate, split_sentences, word_count

    notes = []
    content = [
        s
        for s in split_sentences(article.text)
        if word_count(s.text) >= MIN_EVIDENCE_WORDS and not is_boilerplate(s.text)
    ]
    if len(content) < 2:
        notes.append(
            f"only {len(content)} sentence(s) of {MIN_EVIDENCE_WORDS}+ words that are not boilerplate: "
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
        )
        for r in store.outlet_reuse()
    ]
    rows.sort(key=lambda r: (-r.farm_score, -r.articles, r.outlet))
    return rows
