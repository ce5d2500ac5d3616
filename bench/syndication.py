"""Documented syndication edits: how a wire story changes when another site reprints it.

Each edit is a small pure function ``edit(text, rng, ...) -> text`` (or ``title``):
given the same input and a ``random.Random`` in the same state it returns the same
output, and it touches only what its docstring says. ``apply_edits`` combines 1-4
of them at random to turn an original into a syndicated copy, and returns the names
of the edits applied so the evaluation can print them.

Paragraphs are the text's lines (blank lines between paragraphs are kept as the
separator: a text written with ``\\n\\n`` comes back with ``\\n\\n``).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# -- paragraphs ------------------------------------------------------------------


def paragraph_separator(text: str) -> str:
    """``"\\n\\n"`` when the text separates paragraphs with blank lines, else ``"\\n"``."""
    return "\n\n" if "\n\n" in text else "\n"


def split_paragraphs(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped."""
    return [p.strip() for p in text.split("\n") if p.strip()]


def join_paragraphs(paragraphs: Sequence[str], sep: str = "\n") -> str:
    return sep.join(paragraphs)


_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘']?[A-Z0-9])")


_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Jr|Sr|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec)"
    r"|\b[A-Z](?:\.[A-Z])*)\.$"
)


def split_sentences(paragraph: str) -> list[str]:
    """Rough sentence split (end punctuation, then a capital), not after "Mr." or "U.S.".

    Enough for splicing passages; not a linguistic sentence splitter.
    """
    out: list[str] = []
    for piece in _SENTENCE_END.split(paragraph.strip()):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        elif piece:
            out.append(piece)
    return out


# -- headline --------------------------------------------------------------------

_HEADLINE_SUFFIXES = (" | News", " - Breaking News", " | World", " | Wire Report", " - Latest")
_HEADLINE_PREFIXES = ("UPDATE: ", "BREAKING: ", "WATCH: ", "Report: ")


def headline_swap(title: str | None, text: str, rng: random.Random) -> str:
    """A new headline for the copy, as reprinting sites write their own.

    One of: the old title with a site prefix or suffix; the old title in upper
    case; or a new headline made from the first 6-10 words of the text's first
    sentence (used when there is no title). Never returns the old title unchanged.
    """
    words = split_sentences(split_paragraphs(text)[0])[0].split() if text.strip() else ["Untitled"]
    lead_title = " ".join(words[: rng.randint(6, 10)]).rstrip(".,;:")
    if not title:
        return lead_title
    choice = rng.randrange(4)
    if choice == 0:
        new = rng.choice(_HEADLINE_PREFIXES) + title
    elif choice == 1:
        new = title + rng.choice(_HEADLINE_SUFFIXES)
    elif choice == 2:
        new = title.upper()
    else:
        new = lead_title
    return new if new != title else rng.choice(_HEADLINE_PREFIXES) + title


# -- lead ------------------------------------------------------------------------

# "WASHINGTON —", "LONDON (Reuters) -", "NEW YORK, Dec. 3 (AP) --": a capitalised place,
# optional agency in brackets or date, then a dash.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'’-]{2,40}(?:,[^—–\-\n]{0,25})?(?:\s*\([A-Za-z. ]{1,20}\))?\s*(?:—|–|--|-)\s+"
)
_DATELINES = ("NEW YORK (AP) — ", "LONDON (Reuters) - ", "WASHINGTON — ", "PARIS (AFP) - ")

#: Light word swaps that keep the meaning (both directions used).
SYNONYMS: dict[str, str] = {
    "said": "stated",
    "about": "around",
    "however": "but",
    "also": "too",
    "began": "started",
    "started": "began",
    "big": "large",
    "large": "big",
    "help": "assist",
    "people": "persons",
    "announced": "declared",
    "told": "informed",
    "near": "close to",
    "after": "following",
    "show": "indicate",
    "showed": "indicated",
    "buy": "purchase",
    "bought": "purchased",
    "died": "perished",
    "killed": "slain",
    "officials": "authorities",
    "police": "law enforcement",
    "begin": "start",
    "attempt": "try",
    "nearly": "almost",
    "almost": "nearly",
    "quickly": "rapidly",
}

_WORD = re.compile(r"[A-Za-z]+")


def _swap_words(sentence: str, rng: random.Random, max_swaps: int) -> str:
    """Replace up to ``max_swaps`` words found in ``SYNONYMS`` (case of the first letter kept)."""
    spots = [m for m in _WORD.finditer(sentence) if m.group(0).lower() in SYNONYMS]
    if not spots:
        return sentence
    chosen = sorted(rng.sample(spots, min(max_swaps, len(spots))), key=lambda m: m.start())
    out, last = [], 0
    for m in chosen:
        word = m.group(0)
        repl = SYNONYMS[word.lower()]
        if word[0].isupper():
            repl = repl[0].upper() + repl[1:]
        out += [sentence[last : m.start()], repl]
        last = m.end()
    out.append(sentence[last:])
    return "".join(out)


def lead_edit(text: str, rng: random.Random) -> str:
    """Edit the first paragraph only, as a reprinting desk does.

    If it opens with a dateline ("WASHINGTON —", "LONDON (Reuters) -") the dateline
    is removed; otherwise one of: add a dateline, or reword up to 3 words of the first
    sentence with ``SYNONYMS`` (when none of its words is in the list, a dateline is
    added instead). Every other paragraph is returned unchanged.
    """
    sep = paragraph_separator(text)
    paras = split_paragraphs(text)
    if not paras:
        return text
    first = paras[0]
    m = _DATELINE.match(first)
    if m and len(first) > m.end():
        new_first = first[m.end() :]
        new_first = new_first[0].upper() + new_first[1:]
    else:
        sentences = split_sentences(first) or [first]
        reworded = _swap_words(sentences[0], rng, 3)
        if rng.random() < 0.5 and reworded != sentences[0]:
            new_first = " ".join([reworded, *sentences[1:]])
        else:
            new_first = rng.choice(_DATELINES) + first
    return join_paragraphs([new_first, *paras[1:]], sep)


# -- ending ----------------------------------------------------------------------


def trim_ending(text: str, rng: random.Random, low: float = 0.1, high: float = 0.4) -> str:
    """Drop the last ``low``-``high`` share of the paragraphs (at least one, keeping at least one).

    The result is a prefix of the original paragraphs. A one-paragraph text is
    returned unchanged.
    """
    sep = paragraph_separator(text)
    paras = split_paragraphs(text)
    if len(paras) < 2:
        return join_paragraphs(paras, sep)
    drop = max(1, round(len(paras) * rng.uniform(low, high)))
    drop = min(drop, len(paras) - 1)
    return join_paragraphs(paras[: len(paras) - drop], sep)


# -- boilerplate -----------------------------------------------------------------

BOILERPLATE: tuple[str, ...] = (
    "Advertisement",
    "Sign up for our newsletter to get the latest news delivered to your inbox.",
    "Story continues below advertisement",
    "Click here to get the latest updates.",
    "Copyright 2024 The Associated Press. All rights reserved.",
    "Follow us on Twitter and Facebook for more.",
    "(Photo: file photo / wire service)",
    "Scroll down for video",
)


def insert_boilerplate(
    text: str, rng: random.Random, other_headlines: Sequence[str] = (), count: int | None = None
) -> str:
    """Insert 1-3 boilerplate lines between paragraphs (or at the end).

    Lines come from ``BOILERPLATE`` or read "READ: <headline>" with a headline of
    another article. The original paragraphs stay, in order, unchanged: removing
    the inserted lines gives the original text back.
    """
    sep = paragraph_separator(text)
    paras = split_paragraphs(text)
    n = count if count is not None else rng.randint(1, 3)
    for _ in range(n):
        if other_headlines and rng.random() < 0.35:
            line = "READ: " + rng.choice(list(other_headlines))
        else:
            line = rng.choice(BOILERPLATE)
        paras.insert(rng.randint(1, max(1, len(paras))), line)
    return join_paragraphs(paras, sep)


# -- order -----------------------------------------------------------------------


def swap_paragraphs(text: str, rng: random.Random) -> str:
    """Swap two middle paragraphs (never the first or the last).

    The multiset of paragraphs is unchanged. Texts with fewer than 4 paragraphs
    come back unchanged (there are no two middle paragraphs to swap).
    """
    sep = paragraph_separator(text)
    paras = split_paragraphs(text)
    if len(paras) < 4:
        return join_paragraphs(paras, sep)
    i, j = sorted(rng.sample(range(1, len(paras) - 1), 2))
    paras[i], paras[j] = paras[j], paras[i]
    return join_paragraphs(paras, sep)


# -- numbers ---------------------------------------------------------------------

# A number written with thousands groups ("1,200", "12,345,678") or a bare number of
# 4-7 digits ("1200", "2500000") that is not a year-like 4-digit 1000-2099.
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d]|[.,]\d)")
_BARE = re.compile(r"(?<![\d.,])\d{4,7}(?![\d]|[.,]\d)")


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1000 <= int(digits) <= 2099


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def reformat_numbers(text: str, rng: random.Random) -> str:
    """Rewrite the digit grouping of large numbers in one house style for the whole copy.

    Styles: "space" ("1,200" -> "1 200", bare "25000" -> "25 000"), "strip"
    ("1,200" -> "1200") or "comma" (bare "25000" -> "25,000"). Only the separators
    between digit groups change: the digits, in order, and all other characters
    stay. Years (bare 1000-2099) and decimals are left alone.
    """
    style = rng.choice(["space", "strip", "comma"])

    def grouped(m: re.Match[str]) -> str:
        return _group(m.group(0).replace(",", ""), " " if style == "space" else "")

    def bare(m: re.Match[str]) -> str:
        d = m.group(0)
        return d if _is_year(d) else _group(d, " " if style == "space" else ",")

    if style in ("space", "strip"):
        text = _GROUPED.sub(grouped, text)
    if style in ("space", "comma"):
        text = _BARE.sub(bare, text)
    return text


# -- words -----------------------------------------------------------------------


def light_word_edits(text: str, rng: random.Random, max_swaps: int = 4) -> str:
    """Swap up to ``max_swaps`` words across the text for synonyms from ``SYNONYMS``.

    Paragraph structure and every other word are unchanged.
    """
    sep = paragraph_separator(text)
    paras = split_paragraphs(text)
    candidates = [i for i, p in enumerate(paras) if any(w.lower() in SYNONYMS for w in _WORD.findall(p))]
    if not candidates:
        return join_paragraphs(paras, sep)
    budget = max_swaps
    for i in sorted(rng.sample(candidates, min(len(candidates), rng.randint(1, max_swaps)))):
        if budget <= 0:
            break
        swaps = rng.randint(1, min(2, budget))
        paras[i] = _swap_words(paras[i], rng, swaps)
        budget -= swaps
    return join_paragraphs(paras, sep)


# -- combining -------------------------------------------------------------------

TEXT_EDITS: dict[str, Callable[[str, random.Random], str]] = {
    "lead_edit": lead_edit,
    "trim_ending": trim_ending,
    "swap_paragraphs": swap_paragraphs,
    "reformat_numbers": reformat_numbers,
    "light_word_edits": light_word_edits,
}
# Applied in this order; boilerplate last so a trim never removes it.
ALL_EDITS: tuple[str, ...] = ("headline_swap", *TEXT_EDITS, "insert_boilerplate")


@dataclass(slots=True)
class SyndicatedCopy:
    text: str
    title: str
    edits: list[str] = field(default_factory=list)


def apply_edits(
    text: str,
    title: str | None,
    rng: random.Random,
    other_headlines: Sequence[str] = (),
    edits: Sequence[str] | None = None,
) -> SyndicatedCopy:
    """A syndicated copy: 1-4 edits picked at random (or exactly ``edits``), in a fixed order.

    The headline is always swapped when the original has none (a copy needs a title
    to be shown); whether that counts as one of the 1-4 edits is recorded in ``edits``.
    """
    chosen = list(edits) if edits is not None else rng.sample(ALL_EDITS, rng.randint(1, 4))
    order = {name: i for i, name in enumerate(ALL_EDITS)}
    chosen.sort(key=order.__getitem__)
    new_title = title or ""
    applied: list[str] = []
    for name in chosen:
        if name == "headline_swap":
            new_title = headline_swap(title, text, rng)
        elif name == "insert_boilerplate":
            text = insert_boilerplate(text, rng, other_headlines)
        else:
            text = TEXT_EDITS[name](text, rng)
        applied.append(name)
    if not new_title:
        new_title = headline_swap(None, text, rng)
    return SyndicatedCopy(text=text, title=new_title, edits=applied)
