"""Site templates in plain text: lines shared by different pages of one outlet leave every page."""

from __future__ import annotations

import json
from pathlib import Path

import storytrace
from storytrace import Config
from storytrace.extract import extract_document
from storytrace.extract.normalise import normalise_for_comparison
from storytrace.extract.template import find_template_lines, group_key, may_be_template
from storytrace.model import Article, Document
from storytrace.pipeline import extract_stage

# Invented stories of one town, each a headline and three paragraphs; none shares a sentence.
STORIES = [
    (
        "Bridge repairs to close river crossing for six weeks",
        "The county council will close the Old Mill bridge to traffic from Monday while engineers replace "
        "the worn bearings under its eastern span, officials said on Thursday.",
        "Drivers will be sent on a diversion through Carrow Road, which the council expects to add about "
        "ten minutes to journeys at peak times.",
        "Shopkeepers on Bridge Street said they feared losing trade during the closure, and asked the "
        "council to keep a footpath open for pedestrians.",
    ),
    (
        "School roof fund approved after storm damage",
        "Governors at St Anne's primary school have been told that the education authority will pay for a "
        "new roof after February's storm tore away part of the old one.",
        "Pupils have been taught in portable classrooms on the playing field since the storm, and parents "
        "had campaigned for months for a decision.",
        "Work is due to start in the summer holidays and should be finished before the new term begins in "
        "September, the head teacher said.",
    ),
    (
        "Library extends opening hours on weekday evenings",
        "The central library will stay open until eight o'clock on weekday evenings from next month, after "
        "a trial last autumn drew more visitors than expected.",
        "Volunteers from the Friends of Northgate Library will help staff the extra hours, and the cafe on "
        "the ground floor will also open later.",
        "Librarians said students preparing for exams had asked most often for the change, because the "
        "reading room is the quietest place in town.",
    ),
    (
        "Allotment waiting list falls as new plots open",
        "Forty new allotment plots on land beside the railway line were handed to residents this week, "
        "cutting a waiting list that had grown to more than three hundred names.",
        "The allotment society said some people had waited six years for a plot, and that the new site "
        "would be shared between families and the primary school.",
        "Each plot comes with a water butt and a small shed, and rents will be the same as on the town's "
        "older sites, the society's secretary said.",
    ),
    (
        "Ferry timetable cut over winter months",
        "The harbour ferry will sail only four times a day between November and March, its operator "
        "announced, blaming falling passenger numbers and the cost of fuel.",
        "Commuters who cross to the island for work said the earliest sailing was the one they relied on, "
        "and it is among those being dropped.",
        "A petition asking the operator to think again had gathered nearly two thousand signatures by "
        "Friday evening, its organiser said.",
    ),
    (
        "Fishing fleet welcomes new quay crane",
        "A crane able to lift a full day's catch in one go was installed on the north quay on Wednesday, "
        "replacing a machine that had broken down twice this season.",
        "Skippers had been unloading boxes by hand during the breakdowns, which they said doubled the time "
        "their crews spent in port.",
        "The harbour board paid for the crane from a fund set up after the old fish market was sold to "
        "developers three years ago.",
    ),
    (
        "Valley bus route saved by parish councils",
        "Five parish councils have agreed to share the cost of keeping the valley bus running on Saturdays, "
        "a week before the service was due to end.",
        "Older residents in the hill villages had said the bus was their only way to reach the market town "
        "without asking neighbours for lifts.",
        "The arrangement will last a year while the county looks for a longer-term answer, a spokesperson "
        "for the parishes said.",
    ),
    (
        "Orchard owners report record apple harvest",
        "Growers across the valley picked more apples this autumn than in any year since records began, "
        "helped by a warm spring and an absence of late frosts.",
        "Some farms have run out of storage space and are selling fruit at the gate, while cider makers "
        "said they would be pressing until Christmas.",
        "Pickers from the town's college were hired for the first time to help bring in the crop before the "
        "weather turned.",
    ),
    (
        "Mountain rescue team moves into new base",
        "Volunteers of the valley mountain rescue team have moved into a purpose-built base beside the "
        "reservoir, ending twenty years in a borrowed barn.",
        "The base has a drying room for wet kit, a garage for two vehicles and a training wall paid for by "
        "a climber's family in his memory.",
        "The team was called out sixty-one times last year, most often to walkers who had lost their way "
        "in low cloud on the ridge.",
    ),
]

MASTHEAD = ["Northgate Courier", "Home | News | Sport | Business | Opinion | Weather"]
FOOTER = [
    "Join the conversation",
    "Follow us on Facebook, X and Instagram.",
    "© 2025 Northgate Courier. All rights reserved.",
    "Northgate Courier, 12 Mill Street, Northgate",
]


def _config(site_templates: str = "batch") -> Config:
    return Config.load(env={}, reuse="off", stories="off", facts="off", site_templates=site_templates)


def _page(story: tuple[str, ...], top: list[str], bottom: list[str], byline: str = "By Jane Doe") -> str:
    title, *paras = story
    return "\n\n".join([*top, title, byline, *paras, *bottom]) + "\n"


def _ingest(paths: list[Path], tmp_path: Path) -> list[Article]:
    with storytrace.open_store(str(tmp_path / "news.db")) as store:
        report = storytrace.ingest(store, paths, config=_config())
        assert report.counts()["failed"] == 0 and report.counts()["skipped"] == 0, report.problems
        return store.articles(limit=None)


def _by_title(articles: list[Article]) -> dict[str | None, Article]:
    return {a.title: a for a in articles}


def _lines(text: str) -> set[str]:
    return {normalise_for_comparison(line) for line in text.split("\n\n")}


def test_outlet_template_leaves_every_article_and_stories_stay_whole(tmp_path: Path) -> None:
    folder = tmp_path / "courier"
    folder.mkdir()
    for i, story in enumerate(STORIES[:4]):
        (folder / f"story{i}.txt").write_text(_page(story, MASTHEAD, FOOTER), encoding="utf-8")
    articles = _by_title(_ingest([folder], tmp_path))
    # Read alone, the masthead hides the headline and passes as story text.
    alone = extract_document(
        Document(str(folder / "story1.txt"), "file", _page(STORIES[1], MASTHEAD, FOOTER), "text"), _config()
    )
    assert alone.title is None and alone.text.startswith("Northgate Courier")
    assert set(articles) == {story[0] for story in STORIES[:4]}
    for title, *paras in STORIES[:4]:
        article = articles[title]
        assert article.text == "\n\n".join(paras)  # whole, in order, and nothing else
        assert article.author == "Jane Doe"  # a byline shared by three stories is not template


def test_edited_versions_of_one_story_keep_their_prose(tmp_path: Path) -> None:
    title, p1, p2, p3 = STORIES[0]
    subheads = ["What the closure means", "Diversion via Carrow Road"]
    update = "The council later said the footpath on the bridge would stay open throughout the work."
    correction = "Correction: an earlier version of this story gave the wrong start date for the closure."
    versions = [
        [p1, subheads[0], p2, subheads[1], p3],
        [p1.replace("Thursday", "Friday"), subheads[0], p2, subheads[1], p3, update],
        [p1.replace("Thursday", "Friday"), subheads[0], p2, subheads[1], p3, update, correction],
    ]
    folder = tmp_path / "courier"
    folder.mkdir()
    for i, paras in enumerate(versions):
        (folder / f"bridge-v{i}.txt").write_text(_page((title, *paras), MASTHEAD, FOOTER), encoding="utf-8")
    # The same subheads in a different story of the outlet: in four documents, but only two different ones.
    other = STORIES[1]
    (folder / "roof.txt").write_text(
        _page((other[0], other[1], subheads[0], *other[2:]), MASTHEAD, FOOTER), encoding="utf-8"
    )
    articles = _ingest([folder], tmp_path)
    assert len(articles) == 4
    texts = [a.text for a in articles]
    for paras in versions:
        assert any(all(p in text for p in paras) for text in texts), paras
    roof = next(a for a in articles if other[1] in a.text)
    assert subheads[0] in roof.text


def test_each_outlet_loses_only_its_own_template(tmp_path: Path) -> None:
    shared = "What happens next"  # in one story of each outlet below: three pages, but of three outlets
    courier = tmp_path / "courier"
    courier.mkdir()
    for i, story in enumerate(STORIES[:3]):
        paras = [story[1], shared, *story[2:]] if i == 0 else list(story[1:])
        (courier / f"{i}.txt").write_text(_page((story[0], *paras), MASTHEAD, FOOTER), encoding="utf-8")
    harbor_footer = ["Harbor Daily", "Sign up for our morning briefing", "© 2025 Harbor Daily Ltd."]
    valley_footer = ["Comments (0)", "The Valley Post | Independent local news since 1887"]
    records = []
    for i, story in enumerate(STORIES[3:6]):
        paras = [story[1], shared, *story[2:]] if i < 2 else list(story[1:])
        text = _page((story[0], *paras), [], harbor_footer, byline="By Sam Reed")
        records.append({"outlet": "Harbor Daily", "text": text})
    for i, story in enumerate(STORIES[6:9]):
        paras = [story[1], shared, *story[2:]] if i == 0 else list(story[1:])
        text = _page((story[0], *paras), [], valley_footer, byline="By Ann Lee")
        records.append({"url": f"https://www.valleypost.example/news/{i}", "text": text})
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "items.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    articles = _by_title(_ingest([courier, feeds], tmp_path))
    assert set(articles) == {story[0] for story in STORIES}
    footers = _lines("\n\n".join(MASTHEAD + FOOTER + harbor_footer + valley_footer))
    for title, *paras in STORIES:
        text = articles[title].text
        assert not _lines(text) & footers, title
        assert all(p in text for p in paras), title
    # Two Harbor Daily pages and one Valley Post page share it: never three of one outlet.
    assert sum(shared in a.text for a in articles.values()) == 4


def test_prose_repeated_in_different_stories_is_kept(tmp_path: Path) -> None:
    background = (
        "The Old Mill bridge, built in 1887, carries about twelve thousand vehicles a day and was last "
        "strengthened in 1994, according to the county's highways department."
    )
    no_comment = "The council did not respond to a request for comment."
    folder = tmp_path / "courier"
    folder.mkdir()
    for i, story in enumerate(STORIES[:3]):
        title, *paras = story
        page = _page((title, paras[0], background, *paras[1:], no_comment), MASTHEAD, FOOTER)
        (folder / f"{i}.txt").write_text(page, encoding="utf-8")
    articles = _by_title(_ingest([folder], tmp_path))
    for title, *paras in STORIES[:3]:
        text = articles[title].text
        assert background in text and no_comment in text
        assert all(p in text for p in paras)
        assert "Join the conversation" not in text
    assert not may_be_template(background) and not may_be_template(no_comment)


def test_single_document_path_reads_the_text_on_its_own() -> None:
    text = _page(STORIES[1], MASTHEAD, FOOTER)
    doc = Document("courier/story1.txt", "file", text, "text")
    config = _config()
    alone = extract_document(doc, config)
    assert alone == extract_document(doc, config, template_lines=frozenset())
    assert alone.text.startswith("Northgate Courier") and alone.title is None
    # A batch of one finds no template: the pipeline gives the same text.
    ((article, _),), problems = extract_stage([doc], config, "2025-01-01T00:00:00Z")
    assert not problems and article.text == alone.text
    # With the template given, the header is read under it.
    template = frozenset(normalise_for_comparison(line) for line in MASTHEAD + FOOTER)
    given = extract_document(doc, config, template_lines=template)
    assert given.title == STORIES[1][0] and given.text == "\n\n".join(STORIES[1][1:])


def test_bad_document_is_one_problem_and_the_batch_keeps_its_template() -> None:
    docs = [
        Document(f"courier/{i}.txt", "file", _page(s, MASTHEAD, FOOTER), "text")
        for i, s in enumerate(STORIES[:3])
    ]
    docs.insert(1, Document("courier/broken.txt", "file", b"PK\x03\x04" + bytes(range(256)) * 4, "text"))
    items, problems = extract_stage(docs, _config(), "2025-01-01T00:00:00Z")
    assert [(p.item, p.stage) for p in problems] == [("courier/broken.txt", "extract")]
    assert [a.title for a, _ in items] == [s[0] for s in STORIES[:3]]
    assert all(a.text == "\n\n".join(s[1:]) for (a, _), s in zip(items, STORIES[:3], strict=True))


def test_group_key_prefers_outlet_then_domain_then_folder() -> None:
    assert group_key(
        Document("a/items.jsonl#line=3", "jsonl", "x", "text", fields={"outlet": " Harbor  Daily"})
    ) == (
        "outlet",
        "harbor daily",
    )
    assert group_key(
        Document("a/items.jsonl#line=4", "jsonl", "x", "text", url="https://news.valleypost.co.uk/a")
    ) == ("domain", "valleypost.co.uk")
    assert group_key(Document("a/feed.xml#entry=2", "feed", "x", "text")) == ("folder", "a")
    assert group_key(Document("a/b/page.txt", "file", "x", "text")) == ("folder", "a/b")


def test_html_pages_and_small_groups_take_no_part() -> None:
    config = _config()
    texts = [_page(s, MASTHEAD, FOOTER) for s in STORIES[:3]]
    two = [Document(f"c/{i}.txt", "file", t, "text") for i, t in enumerate(texts[:2])]
    assert find_template_lines(two, config) == [frozenset(), frozenset()]
    html = [
        Document(f"c/{i}.html", "file", f"<html><body><pre>{t}</pre></body></html>", "html")
        for i, t in enumerate(texts)
    ]
    assert find_template_lines(html, config) == [frozenset()] * 3
    plain = [
        Document(f"c/{i}.txt", "file", t.encode(), "html") for i, t in enumerate(texts)
    ]  # tagless "HTML"
    (first, *rest) = find_template_lines(plain, config)
    assert first == _lines("\n\n".join(MASTHEAD + FOOTER)) and all(t == first for t in rest)


def test_site_templates_are_off_by_default_so_a_page_is_judged_alone(tmp_path: Path) -> None:
    # Off, the footer lines shared by the folder's pages reach the line model like any other line.
    config = _config("off")
    assert Config.load(env={}).site_templates == "off"
    docs = [
        Document(
            source=str(tmp_path / f"p{i}.txt"),
            kind="file",
            body=_page(story, MASTHEAD, FOOTER),
            media_type="text",
        )
        for i, story in enumerate(STORIES[:3])
    ]
    on, _ = extract_stage(docs, _config(), "2025-01-01T00:00:00Z")
    off, _ = extract_stage(docs, config, "2025-01-01T00:00:00Z")
    alone = [extract_stage([d], config, "2025-01-01T00:00:00Z")[0][0] for d in docs]
    assert [a.id for a, _ in off] == [a.id for a, _ in alone]
    # On, the batch changes the pages' text: exactly the trade-off the default avoids.
    assert all("Join the conversation" not in a.text for a, _ in on)
    assert [a.id for a, _ in on] != [a.id for a, _ in alone]
