"""News-aware sentence and paragraph splitting with character offsets.

Alignment works on sentences, and every passage it reports must point back
into the article text, so each ``Span`` carries ``start``/``end`` offsets with
``text[start:end] == span.text``. The splitter is a few regular expressions
rather than a parser (spaCy costs ~100x more per article and gains little on
edited news prose). It knows the usual traps of news copy:

- abbreviations and titles ("Mr.", "Gen.", "Jan.", "Sept.", "No."), initials
  ("John F. Kennedy") and dotted acronyms ("U.S.", "U.N.") do not end a
  sentence, except that a dotted acronym followed by a typical sentence opener
  ("in the U.S. The ...") does;
- decimals ("2.3") and times ("3:12") never do (a boundary needs whitespace);
- a closing quote or bracket after the stop belongs to the sentence it ends;
- a quotation that runs over several sentences stays one sentence, so the
  quote and its attribution ("..., she said.") travel together; an unbalanced
  quote (news often leaves multi-paragraph quotes open) is ignored;
- a line break always ends a sentence: extracted text puts paragraphs on
  their own lines, and headings, datelines and captions have no final stop.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..extract.normalise import normalise_for_comparison

__all__ = ["Span", "is_boilerplate", "sentence_key", "split_paragraphs", "split_sentences", "word_count"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str


# A paragraph is a maximal run of characters without a line break.
_LINE = re.compile(r"[^\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+")

# A candidate boundary: one or more stops, optional closing quotes/brackets,
# then whitespace. The sentence ends after the closing marks.
_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)")

# What may start the next sentence: a capital, a digit, an opening quote or bracket.
_OPENER = re.compile(r"\s+[\"'\u201c\u2018\u00ab(\[]*(\w)")

# Words that, with a trailing dot, are not sentence ends (lowercased, no dot).
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "cpl",
        "sgt",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "supt",
        "insp",
        "det",
        "atty",
        "messrs",
        "mme",
        "mlle",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vol",
        "vols",
        "fig",
        "figs",
        "approx",
        "est",
        "dept",
        "univ",
        "corp",
        "inc",
        "ltd",
        "co",
        "bros",
        "assn",
        "ave",
        "blvd",
        "rd",
        "hwy",
        "vs",
        "v",
        "etc",
        "cf",
        "al",
        "e",
        "g",
        "i",
        "ie",
        "eg",
    ]
)

# Lowercase abbreviations that rarely end a sentence ("etc." often does).
_LOWER_ABBREVIATIONS = frozenset({"vs", "v", "approx", "cf", "al", "incl", "esp"})

# Openers after which a dotted acronym ("U.S.") is taken to end its sentence.
_STRONG_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "if",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "after",
        "before",
        "when",
        "while",
        "as",
        "mr",
        "mrs",
        "ms",
        "dr",
        "officials",
        "police",
    ]
)

_DOTTED_ACRONYM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_LAST_WORD = re.compile(r"([A-Za-z]+)\.$")
_WORD = re.compile(r"\w+")
# Printable ASCII plus tab and space: text ftfy and NFKC leave as it is.

_OPEN_QUOTES = "\u201c\u00ab\u201e"
_CLOSE_QUOTES = "\u201d\u00bb"


def split_paragraphs(text: str) -> list[Span]:
    """Non-blank lines of ``text`` (stripped), as spans with offsets."""
    spans: list[Span] = []
    for m in _LINE.finditer(text):
        span = _strip(text, m.start(), m.end())
        if span is not None:
            spans.append(span)
    return spans


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` in order, each a stripped ``Span`` with offsets.

    Never crosses a line break; never returns an empty or all-space span.
    """
    out: list[Span] = []
    for para in split_paragraphs(text):
        start = para.start
        for cut in _cuts(para.text):
            span = _strip(text, start, para.start + cut)
            if span is not None:
                out.append(span)
            start = para.start + cut
        span = _strip(text, start, para.end)
        if span is not None:
            out.append(span)
    return out


@functools.lru_cache(maxsize=65536)
def sentence_key(text: str) -> str:
    """The comparison form of a sentence: two sentences match verbatim iff keys are equal.

    ``normalise_for_comparison(text)``, cached: in batch linking the same
    sentences are keyed again and again.
    """
    return normalise_for_comparison(text)


def word_count(text: str) -> int:
    """Words (``\\w+`` runs) in ``text``."""
    return len(_WORD.findall(text))


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Span(start, end, text[start:end])


def _inside_quotes(para: str) -> list[bool] | None:
    """Per character: is it inside a quotation? ``None`` if quotes do not balance."""
    inside = [False] * len(para)
    depth = 0
    straight_open = False
    for i, ch in enumerate(para):
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth -= 1
            if depth < 0:
                return None
        elif ch == '"':
            straight_open = not straight_open
        inside[i] = depth > 0 or straight_open
    if depth != 0 or straight_open:
        return None
    return inside


def _cuts(para: str) -> list[int]:
    """Offsets (within ``para``) where a sentence ends."""
    cuts: list[int] = []
    quotes: list[bool] | None = None
    quotes_known = False
    for m in _BOUNDARY.finditer(para):
        end = m.end()
        nxt = _OPENER.match(para, end)
        if nxt is None or not (nxt.group(1).isupper() or nxt.group(1).isdigit()):
            continue  # lowercase or punctuation follows: not a sentence start
        stop = m.group(0)
        if stop.startswith(".") and not stop.startswith("..") and _is_abbreviation(para, m.start(), nxt):
            continue
        if stop == "." and m.start() > 0 and para[m.start() - 1].isdigit() and nxt.group(1).isdigit():
            continue  # "magnitude 6. 1": a tokenised decimal (ECB+ texts), not two sentences
        if not quotes_known:
            quotes = _inside_quotes(para)
            quotes_known = True
        # Inside a quotation, only split when the quote itself closes here.
        if quotes is not None and end < len(para) and quotes[end] and quotes[m.start()]:
            continue
        cuts.append(end)
    return cuts


def _is_abbreviation(para: str, dot: int, nxt: re.Match[str]) -> bool:
    """Is the dot at ``para[dot]`` part of an abbreviation rather than a full stop?"""
    head = para[max(0, dot - 20) : dot + 1]
    next_word_m = _WORD.match(para, nxt.end() - 1)
    next_word = next_word_m.group(0).lower() if next_word_m else ""
    if _DOTTED_ACRONYM.search(head):
        # "U.S." mid-sentence is common; end the sentence only before a clear opener.
        return next_word not in _STRONG_OPENERS
    last = _LAST_WORD.search(head)
    if last is None:
        return False  # "10." or "%." or ")." - a stop
    word = last.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "John F. Kennedy"
    if word[0].isupper():
        return word.lower() in _ABBREVIATIONS
    return word in _LOWER_ABBREVIATIONS


#: Longest sentence (in words) that ``is_boilerplate`` may call furniture.
BOILERPLATE_MAX_WORDS = 20

# Page furniture that extraction sometimes leaves in, and that many unrelated
# articles of one outlet share word for word: never evidence of reuse.
_BOILERPLATE = re.compile(
    r"""(?ix)
    \b(?:all\ rights\ reserved|copyright|sign\ up|subscribe|newsletter|cookies?
      |share\ (?:this|on)|follow\ us|click\ here|read\ more|related\ (?:posts|articles|stories)
      |advertisement|scroll\ to\ continue|most\ read|donate|support\ our\ journalism
      |accept\ all|privacy\ policy|terms\ of\ (?:use|service))\b
    |^\(?\s*(?:reporting|writing|editing|additional\ reporting)\ by\b
    |\beditor:|^photo:|^picture:|^watch:|^tags?:|^filed\ under:|^comments\ \(|\u00a9
    """
)


def is_boilerplate(text: str) -> bool:
    """Does this sentence look like page furniture (newsletter box, credit line, copyright)?

    Only short sentences (<= ``BOILERPLATE_MAX_WORDS``) qualify: a long sentence
    that mentions a newsletter or copyright is news, not furniture.
    """
    return word_count(text) <= BOILERPLATE_MAX_WORDS and _BOILERPLATE.search(text.strip()) is not None
