"""Figures and quotes of articles, with what they count and who said them.

The parser is the expensive part, so an article is read in two passes:

1. cheap regular expressions find the sentences worth parsing: those holding a
   number expression (``numbers.find_numbers``) or part of a quotation
   (``quotes.find_quotes``), and the sentence before a quotation opened after a
   colon ("He said:");
2. those sentences alone go through the spaCy English pipeline in one
   ``nlp.pipe`` batch for all articles, and the dependency parse says what each
   figure counts, the hedge, the time and source it is credited to, and who
   speaks each quotation.

Speakers are resolved within the article: "Mr. Steele" and "Steele" become the
full name first written ("Michael Steele"), "he said" the person last named
before the quotation, and a quotation with no reporting verb of its own (the
next paragraph of a long quotation) keeps the previous quotation's speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Article, Figure, Quote
from ..reuse.sentences import Span, split_sentences
from .numbers import NumberSpan, find_numbers
from .quotes import QuoteSpan, find_quotes

__all__ = ["ArticleFacts", "extract_facts", "load_parser", "measure_key"]

#: Verbs that report speech or writing (lemmas).
REPORTING = frozenset(
    """
    say tell add write tweet post state ask reply respond explain note claim insist warn declare
    announce argue acknowledge admit recall call testify conclude suggest complain describe quip joke
    contend maintain predict urge vow promise caution observe report confirm deny repeat shout scream
    chant read exclaim whisper remark muse concede agree boast plead demand counter retort continue
    """.split()
)
#: Verbs that credit a figure to a source ("police said", "the poll found").
CREDITING = REPORTING | frozenset(
    "estimate show find put count tally record reveal indicate cite publish release".split()
)
_TITLES = re.compile(
    r"^(?:(?:the\s+)?(?:mr|mrs|ms|miss|dr|prof|sen|rep|gov|gen|lt|col|capt|sgt|rev|pres|president|"
    r"senator|representative|governor|judge|justice|chancellor|mayor|king|queen|prince|princess|pope|"
    r"prime\s+minister|secretary|speaker|chairman|chairwoman|chair|director|minister|attorney\s+general)\.?\s+)+",
    re.IGNORECASE,
)
_SAYS = (
    r"(?:said|says|told|added|asked|wrote|tweeted|explained|noted|argued|insisted|warned|replied|continued)"
)
_NAMED_SPEAKER = re.compile(
    r"(?P<name>\b[A-Z][a-z-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z-]+){0,3})(?:,[^,.\n]{2,80})?,?\s+" + _SAYS + r"\b"
    r"|\b" + _SAYS + r"\s+(?P<after>[A-Z][a-z-]+(?:\s+[A-Z][a-z-]+){0,3})\b(?!['’])"
)
#: Parse the sentence before each quotation too: its subject is who a "he said" means.
PARSE_BEFORE_QUOTES = True
#: How far back (characters) "he said" looks for the last named speaker.
PRONOUN_REACH = 1500
_NOT_NAMES = frozenset(
    "he she they it we i the a an this that officials police but and or so yet one it's there "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_TIME = re.compile(
    r"(?i)\b(?:(?:since|on|in|by|until|through|from|as of|before|after|during|over|for|within)\s+)?"
    r"(?:(?:the\s+)?(?:last|this|next|past|previous|coming)\s+(?:\w+\s+)?"
    r"(?:week(?:end)?s?|months?|years?|decades?|night|days?|" + _WEEKDAY + r")"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:1[89]|20)\d\d)?"
    r"|\d{1,2}\s+" + _MONTH + r"(?:\s+(?:1[89]|20)\d\d)?"
    r"|" + _MONTH + r"\s+(?:1[89]|20)\d\d"
    r"|(?:early|late|mid-?)\s*(?:1[89]|20)\d\d|(?:1[89]|20)\d\d"
    r"|" + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|yesterday|today|tonight|this morning|overnight"
    r"|(?:a|one|two|three|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago"
    r"|(?:earlier|later)\s+this\s+(?:week|month|year))\b"
)
_CALENDAR = frozenset(
    "january february march april may june july august september october november december jan "
    "feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
_ROLES = frozenset(
    "president senator governor minister spokesman spokeswoman spokesperson chairman chairwoman "
    "mayor judge congressman congresswoman lawmaker candidate premier chancellor ambassador "
    "secretary commissioner director actor actress singer coach prosecutor lawyer attorney".split()
)
_POSSESSIVE = re.compile(r"['’]s?$")
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "him", "her", "you"})
_GROUPS = frozenset({"reporters", "journalists", "reporter", "journalist", "me", "us", "him", "her", "them"})
_NAME_RUN = re.compile(r"\b[A-Z][a-z-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z-]+){1,3}\b(?!['’])")
_OUTLET_AFTER = re.compile(
    r"\b(?:told|interview\s+with|statement\s+to|speaking\s+to|speaking\s+with|spoke\s+to|spoke\s+with|"
    r"writing\s+in|wrote\s+in|op-ed\s+in|appearance\s+on|appearing\s+on)\s+(?:the\s+)?"
    r"(?P<outlet>[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|the|and)){0,4})"
)
_PERSONISH = frozenset({"people", "persons", "person"})
_EVENT_SYNONYMS = {
    "die": "killed",
    "dead": "killed",
    "kill": "killed",
    "death": "killed",
    "slay": "killed",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "arrest": "arrested",
    "detain": "arrested",
    "evacuate": "evacuated",
    "displace": "displaced",
    "hold": "held",
    "remain": "held",
    "take": "taken",
    "release": "released",
    "free": "released",
}
#: Verbs that move a figure rather than say what it counts ("the toll rose to 31").
_CHANGE_VERBS = frozenset(
    "rise climb reach stand hit top increase grow jump surge fall drop be become total exceed".split()
)
_DEATH_WORDS = frozenset({"toll", "dead", "death", "fatality", "victim"})
_ACTORS = frozenset({"nsubj", "nsubjpass", "dobj"})
_TALLY_WORDS = frozenset({"number", "total", "count", "tally", "amount", "figure", "population", "share"})
_UNIT_WORDS = frozenset({"percent", "%", "cent", "percentage"})
_AGE_APPOSITION = re.compile(r"\b[A-Z][\w’'.-]+,\s*$")
_COUNT_NOUNS = frozenset(
    {"hundred", "thousand", "million", "billion", "trillion", "dozen", "%", "percent", "cent"}
)


@dataclass(slots=True)
class ArticleFacts:
    """What one article states: its figures and quotations, in text order."""

    article_id: str
    figures: list[Figure]
    quotes: list[Quote]


def load_parser() -> Any:
    """The spaCy English pipeline with its parser (loaded once per process)."""
    from ..grouping.features import load_nlp

    return load_nlp(parser=True)


def measure_key(counted_head: str | None, event: str | None, unit: str | None) -> str | None:
    """What a figure measures, in a form two outlets' wordings share ("person killed")."""
    parts = [p for p in (counted_head, event) if p]
    if not parts:
        return None
    if unit and unit.startswith(("currency:", "percent", "duration:", "age")):
        parts.append(f"[{unit.split(':')[0]}]")
    return " ".join(parts)


@dataclass(slots=True)
class _Plan:
    article: Article
    sentences: list[Span]
    numbers: dict[int, list[NumberSpan]]  # sentence index -> figures in it
    quotes: list[QuoteSpan]
    parse: list[int]  # sentence indexes to parse, in order


def _plan(article: Article) -> _Plan:
    text = article.text
    sentences = split_sentences(text)
    numbers = {i: found for i, s in enumerate(sentences) if (found := find_numbers(s.text))}
    quotes = find_quotes(text)
    starts = [s.start for s in sentences]
    wanted = set(numbers)
    for q in quotes:
        first = max(0, bisect.bisect_right(starts, q.start) - 1)
        last = max(0, bisect.bisect_right(starts, max(q.start, q.end - 1)) - 1)
        wanted.update(range(first, last + 1))
        if first > 0 and PARSE_BEFORE_QUOTES:
            # The speaker may be named just before ("Moffat said ..." then "... ," he said).
            wanted.add(first - 1)
    return _Plan(article, sentences, numbers, quotes, sorted(wanted))


def extract_facts(
    articles: Sequence[Article], *, nlp: Any = "default", batch_size: int = 128
) -> list[ArticleFacts]:
    """Figures and quotes of each article, in order (one ``nlp.pipe`` over all their sentences)."""
    if nlp == "default":
        nlp = load_parser()
    plans = [_plan(a) for a in articles]
    texts = [p.sentences[i].text for p in plans for i in p.parse]
    docs = iter(nlp.pipe(texts, batch_size=batch_size))
    out = []
    for plan in plans:
        parsed = {i: next(docs) for i in plan.parse}
        out.append(_read(plan, parsed))
    return out


# -- one article ---------------------------------------------------------------------


class _Names:
    """Who an article has named so far: full names by surname, mentions by position."""

    def __init__(self, text: str) -> None:
        self.full: dict[str, str] = {}
        self.mentions: list[tuple[int, str]] = []  # (offset, full name), in text order
        self.speakers: list[tuple[int, str]] = []  # people named as the subject of a reporting verb
        for m in _NAME_RUN.finditer(text):
            name = _TITLES.sub("", m.group(0)).strip()
            if " " in name:
                self.full.setdefault(name.split()[-1].lower(), name)
        for m in _NAMED_SPEAKER.finditer(text):
            name = m.group("name") or m.group("after")
            if name.split()[0].lower() not in _NOT_NAMES:
                self.speakers.append((m.start(), self.resolve(name)))

    def add(self, offset: int, name: str) -> None:
        bisect.insort(self.mentions, (offset, name))

    def add_subject(self, offset: int, name: str) -> None:
        """A person who is the subject of a sentence: who a later "he" or "she" most likely is."""
        bisect.insort(self.speakers, (offset, name))

    def resolve(self, name: str) -> str:
        """The full name first written for a surname or titled surname ("Mr. Steele")."""
        bare = _POSSESSIVE.sub("", _TITLES.sub("", name).strip())
        if " " not in bare and (full := self.full.get(bare.lower().strip(".,’'"))):
            return full
        return bare

    def before(self, offset: int) -> str | None:
        """Whom "he" or "she" at ``offset`` most likely means.

        The person last named as a speaker ("Moffat said ...") if there is one in the
        preceding ``PRONOUN_REACH`` characters, else the person last named at all.
        """
        i = bisect.bisect_left(self.speakers, (offset, ""))
        if i and offset - self.speakers[i - 1][0] <= PRONOUN_REACH:
            return self.speakers[i - 1][1]
        i = bisect.bisect_left(self.mentions, (offset, ""))
        return self.mentions[i - 1][1] if i else None


def _read(plan: _Plan, parsed: dict[int, Any]) -> ArticleFacts:
    article = plan.article
    names = _Names(article.text)
    for i, doc in parsed.items():
        base = plan.sentences[i].start
        for run in _name_runs(doc):
            if len(run.text) > 2:
                names.add(base + run.start_char, names.resolve(run.text))
                root = (
                    run.root.head if run.root.dep_ == "appos" else run.root
                )  # "the first lady, Melania Trump,"
                if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT":
                    names.add_subject(base + run.start_char, names.resolve(run.text))
        for token in doc:
            # A surname the tagger missed ("Lauten later apologized": NOUN) but the article
            # has named in full.
            if (
                token.dep_ in ("nsubj", "nsubjpass")
                and token.head.dep_ == "ROOT"
                and token.pos_ != "PROPN"
                and token.text[:1].isupper()
                and token.lower_ in names.full
            ):
                names.add_subject(base + token.idx, names.full[token.lower_])
    quotes = _quotes(plan, parsed, names)
    figures: list[Figure] = []
    for i, found in sorted(plan.numbers.items()):
        doc = parsed[i]
        sentence = plan.sentences[i]
        previous: tuple[Any, str | None] | None = None
        for number in found:
            figure, previous = _figure(article.id, sentence, doc, number, quotes, names, previous, found)
            figures.append(figure)
    return ArticleFacts(article.id, figures, quotes)


def _sentence_of(plan: _Plan, offset: int) -> int:
    return max(0, bisect.bisect_right([s.start for s in plan.sentences], offset) - 1)


def _quotes(plan: _Plan, parsed: dict[int, Any], names: _Names) -> list[Quote]:
    out: list[Quote] = []
    text = plan.article.text
    last: Quote | None = None
    for q in plan.quotes:
        first = _sentence_of(plan, q.start)
        if _modifies_a_noun(parsed.get(first), plan.sentences[first].start, q):
            continue  # “yea” votes, the “cloture” rule: a term, not someone's words
        final = _sentence_of(plan, max(q.start, q.end - 1))
        speaker: tuple[str, str] | None = None
        verb: str | None = None
        outlet: str | None = None
        order = [final, first] if final != first else [first]
        if first > 0 and text[plan.sentences[first].start : q.start].strip(" \"“«'‘") == "":
            order.append(first - 1)
        for i in order:
            doc = parsed.get(i)
            if doc is None:
                continue
            base = plan.sentences[i].start
            # The verb the quoted words hang on wins ("Biden told him that he expects “...”,
            # the White House said"); else the reporting verb nearest the marks.
            if i == first and (colon := _before_colon(doc, base, q, names)) is not None:
                speaker, verb = colon
                break
            found = _governing_verb(doc, base, q, reporting=True)
            found = found or _reporting_verb(doc, base, q, after_colon=i == first - 1)
            if found is None and (source := _according_to(doc)) is not None:
                speaker = (_source_text(source, base, names) or source.text, _kind(source))
                break
            if found is None and i == first:
                found = _governing_verb(doc, base, q)
            if found is None:
                continue
            token = found
            verb = token.text
            speaker = _subject(token, plan.sentences[i].start, names)
            outlet = _outlet(token, plan.sentences[i])
            break
        if speaker is None and last is not None and verb is None and last.speaker and len(q.text.split()) > 3:
            # A quotation without a reporting verb of its own continues the last speaker's
            # (a word or two in quotation marks is a term or a scare quote instead).
            speaker = (last.speaker, last.speaker_kind)
        who, kind = speaker if speaker else (None, "unknown")
        quote = Quote(plan.article.id, q.start, q.end, q.text, who, kind, verb, outlet)
        if who and kind == "name":
            names.add(q.start, who)
        out.append(quote)
        last = quote
    return out


def _reporting_verb(doc: Any, base: int, q: QuoteSpan, *, after_colon: bool) -> Any:
    """The reporting verb nearest the quotation, outside its marks."""
    best = None
    best_distance = 10**9
    for token in doc:
        at = base + token.idx
        if q.start - 1 <= at < q.end + 1:
            continue  # inside the quotation: the speaker's own words
        if token.lemma_.lower() not in REPORTING or token.pos_ not in ("VERB", "AUX"):
            continue
        if token.lemma_.lower() == "call" and not any(c.dep_ in ("dobj", "oprd") for c in token.children):
            continue  # "called for", "called on": not reporting a quotation
        distance = q.start - at if at < q.start else at - q.end
        if after_colon:
            distance = 0
        if distance < best_distance:
            best, best_distance = token, distance
    return best


def _modifies_a_noun(doc: Any, base: int, q: QuoteSpan) -> bool:
    """A short quoted phrase used as a modifier of the noun after it (an "out of band" patch)."""
    if doc is None or len(q.text.split()) > 3:
        return False
    inside = [t for t in doc if q.start <= base + t.idx < q.end and not t.is_punct]
    tops = [t for t in inside if not q.start <= base + t.head.idx < q.end]
    if len(tops) != 1:
        return False
    head = tops[0].head
    return head.i > tops[0].i and head.pos_ in ("NOUN", "PROPN") and tops[0].dep_ != "appos"


def _before_colon(
    doc: Any, base: int, q: QuoteSpan, names: _Names
) -> tuple[tuple[str, str], str | None] | None:
    """``Biden was quick to retort: “...”``: the speaker is the subject before the colon."""
    lead = [t for t in doc if base + t.idx < q.start]
    while lead and lead[-1].is_punct and lead[-1].text != ":":
        lead.pop()
    if not lead or lead[-1].text != ":":
        return None
    quoted = _quoted(doc, base)
    reporting = [t for t in lead[:-1] if t.lemma_.lower() in REPORTING and not _inside(base + t.idx, quoted)]
    # A reporting word nearest the colon (even one the parser took for a noun: "quick to
    # retort:"), else any verb nearest it ("Mr. Rhodes replied with a single word:").
    for token in [*reversed(reporting), *reversed(lead[:-1])]:
        verb = (
            token
            if token.pos_ in ("VERB", "AUX")
            else next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        )
        subj = _subject_token(verb) if verb is not None else None
        if subj is not None and not _inside(base + subj.idx, quoted):
            speaker = _subject(verb, base, names, subject=subj)
            if speaker is not None:
                return speaker, token.text if token.is_alpha else None
    return None


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def _quoted(doc: Any, base: int) -> list[tuple[int, int]]:
    return [(base + q.start, base + q.end) for q in find_quotes(doc.text)]


def _according_to(doc: Any) -> Any:
    for token in doc:
        if token.lower_ == "according":
            for child in token.children:
                if child.lower_ == "to":
                    for grand in child.children:
                        if grand.dep_ == "pobj":
                            return grand
    return None


def _kind(token: Any) -> str:
    return "name" if token.pos_ == "PROPN" else "description"


def _governing_verb(doc: Any, base: int, q: QuoteSpan, *, reporting: bool = False) -> Any:
    """The verb outside the quotation that its words hang on (called it "premature").

    ``reporting``: only a reporting verb counts.
    """
    inside = [t for t in doc if q.start <= base + t.idx < q.end]
    if not inside or len(inside) == len(doc):
        return None
    top = next((t for t in inside if not q.start <= base + t.head.idx < q.end or t.head is t), inside[0])
    for ancestor in top.ancestors:
        if q.start <= base + ancestor.idx < q.end:
            continue
        if reporting and ancestor.lemma_.lower() not in REPORTING:
            continue
        if ancestor.pos_ in ("VERB", "AUX") and _subject_token(ancestor) is not None:
            return ancestor
    return None


_CLIMB = frozenset(
    {"advcl", "xcomp", "conj", "ccomp", "relcl", "acl", "dep", "parataxis", "pcomp", "pobj", "prep"}
)


def _subject_token(verb: Any) -> Any:
    """The subject of a verb, or of the clause it hangs on ("..., saying", "and added")."""
    token = verb
    for _ in range(5):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        for child in token.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        if token.dep_ in _CLIMB and token.head is not token:
            token = token.head  # "..., saying" / "and added": the subject is the main verb's
        else:
            break
    return None


def _subject(verb: Any, base: int, names: _Names, *, subject: Any = None) -> tuple[str, str] | None:
    """(speaker, kind) from the reporting verb's subject (or the ``subject`` given)."""
    subj = subject if subject is not None else _subject_token(verb)
    if subj is None:
        return None
    if subj.lower_ in _PRONOUNS:
        who = names.before(base + subj.idx)
        return (who, "name") if who else None
    if _is_role(subj) and (who := names.before(base + subj.idx)):
        return who, "name"  # "the president said": the person last named as a speaker
    if subj.pos_ != "PROPN":
        for child in subj.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                subj = child  # "the party's chairman, Michael Steele,"
                break
    if subj.pos_ == "PROPN":
        own = _name_of(subj)
        if " " not in own:
            # "Susan Collins, Republican of Maine, said" parsed with "Republican" as the
            # subject: a full name elsewhere in the subject is the speaker.
            subtree = subj.doc[subj.left_edge.i : subj.right_edge.i + 1]
            full = [r for r in _name_runs(subtree) if len(r) > 1]
            if full:
                return names.resolve(_clean(full[0].text)), "name"
        return names.resolve(own), "name"
    # A description reads on to its "of ..." ("the head of the World Health Organization").
    span = subj.doc[subj.left_edge.i : subj.i + 1]
    whole = subj.doc[subj.left_edge.i : subj.right_edge.i + 1].text
    whole = re.split(r",| who | which | that |\s[—–-]\s", whole)[0]
    if whole.strip() and len(whole) < 90:
        span = (
            subj.doc.char_span(
                span.start_char, span.start_char + len(whole.rstrip()), alignment_mode="expand"
            )
            or span
        )
    return _clean(span.text), "description"


def _is_role(subj: Any) -> bool:
    """A bare definite role that stands for someone already named ("the president", "the senator")."""
    words = [t.lower_ for t in subj.doc[subj.left_edge.i : subj.i + 1]]
    return len(words) in (2, 3) and words[0] == "the" and subj.lower_ in _ROLES and not list(subj.rights)


def _name_runs(doc: Any) -> list[Any]:
    """Runs of proper nouns ("Michael Steele", "Gaza's"): the names the tagger sees.

    The parse is read without spaCy's entity recogniser: in the small English
    pipeline it has a network of its own and costs as much as tagging and parsing
    together, on every sentence that holds a number or a quote.
    """
    runs = []
    start = None
    for t in doc:
        ok = _namey(t)
        if ok and start is None:
            start = t.i
        elif not ok and start is not None:
            runs.append(doc[start : t.i])
            start = None
    if start is not None:
        runs.append(doc[start : len(doc)])
    return runs


def _namey(t: Any) -> bool:
    """A token that can be part of a name: a capitalised proper noun, not a date word or
    a capitalised sentence opener ("But", "One")."""
    return (
        t.pos_ == "PROPN"
        and t.text[:1].isupper()
        and t.lower_.rstrip(".") not in _CALENDAR
        and t.lower_ not in _NOT_NAMES
    )


def _name_of(token: Any) -> str:
    """The whole name a proper noun heads: its run of proper nouns, and a named "of"/"for"
    part ("the National Center for Health Statistics")."""
    i, j = token.i, token.i + 1
    doc = token.doc
    while i > 0 and _namey(doc[i - 1]):
        i -= 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i == j:
            objs = [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
            if objs:
                j = objs[0].i + 1
    return _clean(doc[i:j].text)


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:\"“”'‘’")


def _outlet(verb: Any, sentence: Span) -> str | None:
    if verb.lemma_.lower() == "tell":
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and child.pos_ == "PROPN" and child.lower_ not in _GROUPS:
                span = child.doc[child.left_edge.i : child.right_edge.i + 1]
                return _clean(re.sub(r"^(?:the)\s+", "", span.text, flags=re.IGNORECASE))
    m = _OUTLET_AFTER.search(sentence.text)
    if m and m.group("outlet").split()[0].lower() not in _GROUPS:
        return _clean(m.group("outlet"))
    return None


# -- figures -------------------------------------------------------------------------


def _token_span(doc: Any, start: int, end: int) -> Any:
    return doc.char_span(start, end, alignment_mode="expand")


def _of_object(token: Any) -> Any:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _counted_noun(anchor: Any) -> Any:
    """The noun a number counts: "25 [people]", "hundreds of [people]", "40% of [voters]"."""
    token = anchor
    for _ in range(4):
        if token.lower_ in _COUNT_NOUNS or token.lemma_.lower() in _COUNT_NOUNS or token.like_num:
            if (obj := _of_object(token)) is not None:
                return obj
            if token.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod", "nmod", "appos") and (
                token.head.pos_ in ("NOUN", "PROPN", "NUM") and token.head is not token
            ):
                token = token.head
                continue
            return None
        if token.pos_ in ("NOUN", "PROPN"):
            if (obj := _of_object(token)) is not None and token.lemma_.lower() in ("percent", "%"):
                return obj
            return token
        if token.dep_ in ("amod", "npadvmod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
            token = token.head  # "17-year-old girl": old -> girl
            continue
        return None
    return token if token.pos_ in ("NOUN", "PROPN") else None


def _clause_thing(anchor: Any) -> Any:
    """What a figure stands for when it is a verb's "to"/"from" object or a copula's.

    "The death toll rose to 50,900" (the subject), "slashed its growth forecast
    to 6%" (the object), "the number of elephants shrank from 5 million" (what the
    number is of), and "turnout was 61.4%".
    """
    if anchor.dep_ in ("attr", "acomp") and anchor.head.lemma_ == "be":
        # "Turnout was 61.4%", "workers who are 58 and older": the subject of "be", or
        # the noun its relative clause describes.
        verb = anchor.head
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return found[0] if found and found[0].pos_ in ("NOUN", "PROPN") else None
    if anchor.dep_ != "pobj" or anchor.head.lower_ not in ("to", "from", "at", "by", "of", "past", "above"):
        return None
    verb = anchor.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    found = [c for c in verb.children if c.dep_ == "dobj"] or [
        c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
    ]
    if not found or found[0].pos_ not in ("NOUN", "PROPN"):
        return None
    thing = found[0]
    if thing.lemma_.lower() in _TALLY_WORDS and (obj := _of_object(thing)) is not None:
        return obj
    return thing


def _event(noun: Any, anchor: Any) -> Any:
    """The verb that says what happened to what is counted ("killed", "arrested")."""
    if noun is not None:
        for child in noun.children:
            if child.dep_ in ("acl", "relcl", "amod") and child.pos_ == "VERB":
                return child
        if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ == "VERB":
            return None if noun.head.lemma_.lower() in _CHANGE_VERBS else noun.head
    for child in anchor.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            return child  # "hundreds of people arrested": the parse hangs it on "hundreds"
    if noun is not None:
        return None
    if anchor.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and anchor.head.pos_ in ("VERB", "ADJ"):
        return anchor.head
    return None


def _head_word(noun: Any) -> str:
    lemma = noun.lemma_.lower()
    if noun.lower_ in _PERSONISH or lemma in _PERSONISH:
        return "person"
    return lemma


def _figure(
    article_id: str,
    sentence: Span,
    doc: Any,
    number: NumberSpan,
    quotes: list[Quote],
    names: _Names,
    previous: tuple[Any, str | None] | None,  # (counted noun, unit) of the figure before
    taken: Sequence[NumberSpan] = (),
) -> tuple[Figure, tuple[Any, str | None] | None]:
    base = sentence.start
    span = _token_span(doc, number.start, number.end)
    anchor = span.root if span is not None else None
    noun = _counted_noun(anchor) if anchor is not None else None
    event = _event(noun, anchor) if anchor is not None else None
    unit = number.unit
    if (
        unit is None
        and number.value == int(number.value)
        and 0 < number.value < 120
        and _AGE_APPOSITION.search(sentence.text[: number.start])
        and re.match(r"^\s*[,)]", sentence.text[number.end :])
    ):
        unit = "age"  # "Peter Strzok, 48, said": an age, not a count
    if noun is not None and noun.lower_ in _UNIT_WORDS:
        noun = None  # "percent" is the unit, not what is counted
    if noun is None and anchor is not None:
        noun = _clause_thing(anchor)
    if noun is None and previous is not None and (event is not None or previous[1] == unit):
        # "25 people were killed and 1,200 wounded", "55 percent of traffic in Saudi Arabia,
        # 52 percent in Egypt": the later figure counts what the earlier one did.
        noun = previous[0]
    head: str | None = None
    counted_words: list[str] = []
    if noun is not None and (noun.pos_ == "PRON" or (noun.tag_ == "NNP" and unit != "age")):
        noun = None  # "Stephen Breyer, 87;", "3 of them": a person or pronoun is not what is counted
    if noun is not None:
        inside = range(span.start, span.end) if span is not None else range(0)
        mods = [
            c.text
            for c in noun.lefts
            if c.dep_ in ("amod", "compound") and not c.like_num and c.i not in inside
        ]
        counted_words = [*mods[-2:], noun.text]
        head = _head_word(noun)
    if unit and unit.startswith("currency:"):
        head = "dollar"  # money is counted in its currency, whatever it pays for
    elif unit == "age" and (
        noun is None or noun.pos_ == "PROPN" or noun.i < (anchor.i if anchor is not None else 0)
    ):
        head = "age"
        counted_words = ["age", "of", *counted_words] if noun is not None else ["age"]
    elif unit and unit.startswith("duration:") and head is None:
        head = unit.split(":")[1].rstrip("s")
    elif unit == "percent" and head is None:
        head = "percent"
    elif (
        head is None and unit is None and event is not None and anchor is not None and anchor.dep_ in _ACTORS
    ):
        # "Dozens were killed", "millions watched": a bare count that acts or is acted
        # on counts people.
        head = "person"
        counted_words = ["people"]
    event_word = None
    if event is not None and (noun is None or event.i != noun.i):
        lemma = event.lemma_.lower()
        event_word = _EVENT_SYNONYMS.get(lemma, lemma)
        # "hostages held", "people killed": the participle reads as a label, "holds" does not.
        counted_words.append(
            _EVENT_SYNONYMS.get(lemma) or (event.text if event.tag_ in ("VBN", "VBD") else lemma)
        )
    if head in _DEATH_WORDS and event_word is None:
        head, event_word = "person", "killed"  # "the death toll rose to 31", "33,207 dead"
    counted = " ".join(counted_words) or None
    absolute = base + number.start
    inside = next((q for q in quotes if q.start <= absolute < q.end), None)
    if inside is not None:
        attribution = inside.speaker
    else:
        attribution = _attribution(doc, anchor, base, names) if anchor is not None else None
    figure = Figure(
        article_id=article_id,
        start=absolute,
        end=base + number.end,
        text=number.text,
        value=number.value,
        unit=unit,
        qualifier=number.qualifier,
        qualifier_class=number.qualifier_class,
        counted=counted,
        measure=measure_key(head, event_word, unit),
        time=_time(sentence.text, number, taken),
        attribution=attribution,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
    )
    return figure, ((noun, unit) if noun is not None else previous)


def _attribution(doc: Any, anchor: Any, base: int, names: _Names) -> str | None:
    if (source := _according_to(doc)) is not None:
        return _source_text(source, base, names)
    for token in doc:
        if token.lower_ == "citing" and token.i + 1 < len(doc):
            for child in token.children:
                if child.dep_ == "dobj":
                    return _source_text(child, base, names)
    for ancestor in [anchor, *anchor.ancestors]:
        if ancestor.lemma_.lower() in CREDITING and ancestor.pos_ == "VERB":
            subj = _subject_token(ancestor)
            if subj is not None and anchor not in list(subj.subtree):
                return _source_text(subj, base, names)
    # "..., police said." parsed with "said" as the root and the figure's clause beside it.
    root = doc[:].root
    if root.lemma_.lower() in CREDITING and root.i > anchor.i:
        subj = _subject_token(root)
        if subj is not None and subj.i > anchor.i and anchor not in list(subj.subtree):
            return _source_text(subj, base, names)
    return None


#: Sentence openers a small parser can take into a name: "Since Israel began ..., 40
#: rockets were fired, Israel said" credited the figure to "Since Israel" (issue 18).
_OPENERS = frozenset(
    "since while when after before because as if though although until unless whereas despite "
    "following amid during".split()
)


def _source_text(token: Any, base: int, names: _Names) -> str | None:
    if token.lower_ in _PRONOUNS:
        return names.before(base + token.idx)
    if token.pos_ == "PROPN":
        name = names.resolve(_name_of(token))
        words = (name or "").split(" ")
        if len(words) > 1 and words[0].casefold() in _OPENERS:
            name = " ".join(words[1:])
        return name
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    text = _clean(span.text)
    # A source is a name or short description: cut trailing clauses.
    return re.split(r",| who | which | that ", text)[0].strip() or None


def _time(sentence: str, number: NumberSpan, taken: Sequence[NumberSpan]) -> str | None:
    """The time expression nearest the figure in its sentence ("since October 7", "last month")."""
    best = None
    best_distance = 10**9
    for m in _TIME.finditer(sentence):
        if any(m.start() < n.end and n.start < m.end() for n in taken):
            continue  # a figure itself ("six months")
        distance = m.start() - number.end if m.start() >= number.end else number.start - m.end()
        if distance < best_distance:
            best, best_distance = m, distance
    return _clean(best.group(0)) if best is not None else None
