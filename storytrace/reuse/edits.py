"""Meaning-changing edits between aligned sentences of a source and its copy.

Four kinds, each with offsets in both texts and a one-line note:

- ``number``: a figure changed ("25" -> "27"). Formats are normalised first,
  so "1,200" vs "1 200" or "61.4%" vs "61.4 per cent" is not a change.
- ``qualifier``: the hedge before a figure changed class ("as many as 25" ->
  "at least 25"; "about" -> "roughly" is the same class, not a change).
- ``attribution``: the source credits a claim ("..., the agency said",
  "according to X", "said X", "told reporters") and the copy no longer names
  that source.
- ``quote``: words inside quotation marks differ between aligned sentences
  (the sentences are aligned, so the speaker is the same).

Paraphrased pairs reword everything by design, so for them only figure and
qualifier-class changes are reported; wording, quotes turned into indirect
speech and shuffled attributions are not edits there.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..extract.normalise import normalise_for_comparison
from ..model import Edit
from .align import SentencePair

__all__ = ["QUALIFIERS", "find_edits", "numbers_in", "qualifier_class"]

#: Qualifier phrase -> class. A change of class is an edit; a synonym is not.
QUALIFIERS: dict[str, str] = {
    **dict.fromkeys(
        ["about", "around", "roughly", "approximately", "some", "an estimated", "an estimate of", "close to"],
        "approximately",
    ),
    **dict.fromkeys(
        ["at least", "more than", "over", "upwards of", "in excess of", "no fewer than"], "at least"
    ),
    **dict.fromkeys(
        ["at most", "up to", "as many as", "no more than", "fewer than", "less than", "under", "as few as"],
        "at most",
    ),
    **dict.fromkeys(["nearly", "almost", "just under"], "nearly"),
}
_QUALIFIER_RE = re.compile(
    r"(?i)\b(" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")\s+$"
)

# A figure: digit groups with one repeated thousands separator, or plain digits,
# with an optional decimal part. "3:12" gives two figures, which is fine.
_NUMBER = re.compile(
    r"(?<![\w.])(?:\d{1,3}(?P<sep>[,\u00a0\u202f\u2009 '])\d{3}(?:(?P=sep)\d{3})*|\d+)(?:\.\d+)?(?![\w])"
)
_TOKEN = re.compile(_NUMBER.pattern + r"|\w+")
_QUOTE = re.compile(r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"]+)\"|\u00ab([^\u00ab\u00bb]+)\u00bb")
_WORD = re.compile(r"\w+")

# Attribution clauses a copy can drop.
_ATTRIBUTIONS = [
    re.compile(r"(?i)\baccording to\s+(?P<who>[^,.;:\"\u201c\u201d]{3,80})"),
    re.compile(
        r",\s*(?P<who>(?:the\s+)?[^,;\"\u201c\u201d]{2,80}?)\s+(?:said|says|reported|announced|confirmed|added)"
        r"(?:\s+on\s+\w+)?\s*[.!?]?[\"\u201d]?\s*$"
    ),
    re.compile(r"\b(?:said|says|told)\s+(?P<who>(?:the\s+)?[A-Z][^,.;:\"\u201c\u201d]{2,80})"),
    re.compile(r"\btold\s+(?P<who>reporters|journalists|[A-Z]\w+)"),
]
_STOP = frozenset(
    ["the", "a", "an", "of", "in", "on", "at", "for", "and", "to", "its", "his", "her", "their", "state"]
)


@dataclass(frozen=True, slots=True)
class _Figure:
    start: int  # offset within the sentence
    end: int
    text: str
    value: float
    qualifier: str | None  # the phrase as written
    qualifier_start: int  # start of the qualifier phrase (or of the number)


def numbers_in(sentence: str) -> list[_Figure]:
    """Figures in ``sentence`` with their canonical value and the qualifier before them."""
    out: list[_Figure] = []
    for m in _NUMBER.finditer(sentence):
        raw = m.group(0)
        digits = raw.replace(m.group("sep"), "") if m.group("sep") else raw
        try:
            value = float(digits)
        except ValueError:
            continue
        q = _QUALIFIER_RE.search(sentence, 0, m.start())
        if q is not None:
            out.append(_Figure(m.start(), m.end(), raw, value, q.group(1), q.start(1)))
        else:
            out.append(_Figure(m.start(), m.end(), raw, value, None, m.start()))
    return out


def qualifier_class(phrase: str | None) -> str | None:
    """The class of a qualifier phrase ("as many as" -> "at most"), ``None`` for none."""
    return None if phrase is None else QUALIFIERS.get(phrase.lower())


def find_edits(source_text: str, target_text: str, sentence_pairs: Iterable[SentencePair]) -> list[Edit]:
    """Meaning-changing edits over aligned sentence pairs, in source order.

    ``source_text``/``target_text`` are the full texts the pairs' spans point into
    (used to check offsets only; the spans carry the sentence text).
    """
    edits: list[Edit] = []
    for pair in sentence_pairs:
        if pair.kind == "verbatim":
            continue  # equal comparison keys: no figure, quote or attribution can differ
        s, t = pair.source, pair.target
        assert source_text[s.start : s.end] == s.text and target_text[t.start : t.end] == t.text
        paraphrase = pair.kind == "paraphrase"
        edits.extend(_figure_edits(pair, paraphrase))
        if not paraphrase:
            edits.extend(_attribution_edits(pair))
            edits.extend(_quote_edits(pair))
    seen: set[tuple[str, int, int]] = set()
    unique: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.source_start, e.target_start, e.kind)):
        key = (e.kind, e.source_start, e.target_start)
        if key not in seen:
            seen.add(key)
            unique.append(e)
    return unique


def _figure_pairs(src: list[_Figure], tgt: list[_Figure], pair: SentencePair, paraphrase: bool):
    """Corresponding figures of two sentences: by word alignment, or by value for paraphrases."""
    if paraphrase:
        used: set[int] = set()
        left_src: list[_Figure] = []
        for f in src:
            j = next((k for k, g in enumerate(tgt) if k not in used and g.value == f.value), None)
            if j is None:
                left_src.append(f)
            else:
                used.add(j)
                yield f, tgt[j]
        left_tgt = [g for k, g in enumerate(tgt) if k not in used]
        if left_src and len(left_src) == len(left_tgt):
            yield from zip(left_src, left_tgt, strict=True)
        return
    # Edited pairs: align the token sequences (figures compared by value) and
    # pair figures that sit in equal or replaced stretches.
    s_tok = _tokens(pair.source.text)
    t_tok = _tokens(pair.target.text)
    s_fig = {f.start: f for f in src}
    t_fig = {f.start: f for f in tgt}
    sm = difflib.SequenceMatcher(None, [k for k, _ in s_tok], [k for k, _ in t_tok], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op not in ("equal", "replace"):
            continue
        a = [s_fig[pos] for _, pos in s_tok[i1:i2] if pos in s_fig]
        b = [t_fig[pos] for _, pos in t_tok[j1:j2] if pos in t_fig]
        if op == "equal" or len(a) == len(b):
            yield from zip(a, b, strict=False)


def _tokens(sentence: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for m in _TOKEN.finditer(sentence):
        if m.group("sep") is not None or m.group(0)[0].isdigit():
            sep = m.group("sep")
            raw = m.group(0).replace(sep, "") if sep else m.group(0)
            try:
                out.append((f"#{float(raw)}", m.start()))
                continue
            except ValueError:
                pass
        out.append((m.group(0).casefold(), m.start()))
    return out


def _figure_edits(pair: SentencePair, paraphrase: bool) -> list[Edit]:
    s, t = pair.source, pair.target
    out: list[Edit] = []
    for f, g in _figure_pairs(numbers_in(s.text), numbers_in(t.text), pair, paraphrase):
        fq, gq = qualifier_class(f.qualifier), qualifier_class(g.qualifier)
        f_text = s.text[f.qualifier_start : f.end]
        g_text = t.text[g.qualifier_start : g.end]
        if f.value != g.value:
            out.append(
                Edit(
                    "number",
                    f_text,
                    g_text,
                    s.start + f.qualifier_start,
                    t.start + g.qualifier_start,
                    f"number changed: {f_text} -> {g_text}",
                )
            )
        elif fq != gq and (not paraphrase or (fq is not None and gq is not None)):
            out.append(
                Edit(
                    "qualifier",
                    f_text,
                    g_text,
                    s.start + f.qualifier_start,
                    t.start + g.qualifier_start,
                    f"qualifier changed: {(f.qualifier or '(none)').lower()} -> {(g.qualifier or '(none)').lower()}",
                )
            )
    return out


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(normalise_for_comparison(text)) if w not in _STOP}


def _attribution_edits(pair: SentencePair) -> list[Edit]:
    s, t = pair.source, pair.target
    target_words = _content_words(t.text)
    out: list[Edit] = []
    seen_spans: list[tuple[int, int]] = []
    for pattern in _ATTRIBUTIONS:
        for m in pattern.finditer(s.text):
            if any(a <= m.start() < b for a, b in seen_spans):
                continue
            who = _content_words(m.group("who"))
            if not who:
                continue
            if len(who & target_words) * 2 >= len(who):
                continue  # the copy still names (most of) the source
            seen_spans.append((m.start(), m.end()))
            clause = m.group(0).strip(" ,.")
            clause_start = s.text.index(clause, m.start())
            out.append(
                Edit(
                    "attribution",
                    clause,
                    "",
                    s.start + clause_start,
                    t.start,
                    f"attribution dropped: {clause!r}",
                )
            )
    return out


def _quotes(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for m in _QUOTE.finditer(text):
        idx = next(i for i in (1, 2, 3) if m.group(i) is not None)
        if len(_WORD.findall(m.group(idx))) >= 3:
            out.append((m.start(idx), m.group(idx)))
    return out


def _quote_edits(pair: SentencePair) -> list[Edit]:
    s, t = pair.source, pair.target
    src_q, tgt_q = _quotes(s.text), _quotes(t.text)
    out: list[Edit] = []
    used: set[int] = set()
    for s_off, s_quote in src_q:
        s_key = normalise_for_comparison(s_quote).strip(" ,.")
        best, best_ratio = None, 0.0
        for k, (_t_off, t_quote) in enumerate(tgt_q):
            if k in used:
                continue
            ratio = difflib.SequenceMatcher(
                None, s_key.split(), normalise_for_comparison(t_quote).strip(" ,.").split(), autojunk=False
            ).ratio()
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        if best is None or best_ratio < 0.3:
            continue  # the quote was cut or is another quote: not an alteration
        used.add(best)
        t_off, t_quote = tgt_q[best]
        if normalise_for_comparison(t_quote).strip(" ,.") != s_key:
            out.append(
                Edit(
                    "quote",
                    s_quote,
                    t_quote,
                    s.start + s_off,
                    t.start + t_off,
                    f"quote altered: {_short(s_quote)!r} -> {_short(t_quote)!r}",
                )
            )
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
