"""Text-mode extraction: the article inside plain text, line by line.

Plain text reaches storytrace as ``.txt`` files, JSONL ``text`` fields and feed
content without markup. Much of it is a whole page flattened to text ("select
all, copy", an HTML-to-text tool, a scraper's dump): menus, cookie banners,
breadcrumbs, "READ:" links, related headlines, captions, comment counts and
footers around the story. This module makes the same main-content decision for
such text that ``fast.py`` makes for HTML, on lines instead of elements:

1. split the text into lines (a hard-wrapped paragraph is joined back into one
   line first, so a wrapped sentence is judged whole);
2. read the title, date, author and outlet the text states at its top
   (``textmeta.read_text_header``) and take those lines out of the body;
3. describe every line with the signals a block classifier uses on HTML,
   measured on text: its length, share of stop words, punctuation,
   capitalisation, bullets, position, repetition within the file, what the
   shared news cleanup (``cleanup.is_boilerplate``) says of it, where it sits
   relative to a repetition of the headline and to the densest run of prose,
   and the same signals averaged over the lines around it (article text comes
   in runs);
4. two stacked logistic regressions give each line a probability of being
   story text: the first reads those signals, the second reads them again with
   the first's probabilities for the line and its neighbours (a caption between
   paragraphs and a comment far below the story differ mostly in what is
   around them);
5. the lines kept are decoded as runs (``decode_runs``, a two-state Viterbi):
   each line gains its size in words times its margin over the cut, and every
   switch between story and furniture costs a fixed amount, so a short line
   just under the cut inside the story stays and a stray short line just over
   it outside goes. The weights, the cut and the switch cost are fitted on the
   tuning part of the extraction benchmark's pages, flattened to text by two
   HTML-to-text tools (``bench/train_text_lines.py`` writes
   ``models/text_lines.json``); at run time they are numbers evaluated with
   numpy.

Text that is already clean (an article body without page furniture) must come
through whole: a run of prose lines is exactly what the model scores highest,
and a property test holds that.

One signal no single page carries is repetition across pages of one site: with the
``site_templates`` setting on, the pipeline finds the lines that several different
text pages of one outlet share in a batch (``template.py``) and passes them in as
``template_lines``, dropped before step 2.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ..model import Extraction
from .cleanup import clean_text, is_boilerplate
from .normalise import normalise_for_comparison
from .textmeta import TextHeader, read_text_header

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.:]*", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[•·▪►▶◦‣∙*–—-]|\d{1,2}[.)])\s+")
_SEPARATORS = re.compile(r"\s[|/»›>•·]\s|\s[|»›•·]$|^[|»›•·]\s")
_END_PUNCT = (
    ".",
    "!",
    "?",
    '."',
    '!"',
    '?"',
    ".”",
    "!”",
    "?”",
    ".'",
    ".’",
    ":",
    ";",
    ")",
    ".)",
    "。",
    "！",
    "？",
    "」",
    "」。",
)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_COUNT_SUFFIX = re.compile(r"[(\[]\d[\d,.]*[kKmM]?[)\]]\s*$")
_LABEL = re.compile(r"^[^\W\d][\w'’ -]{0,24}:\s")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b", re.IGNORECASE)


@cache
def _stoplist_index() -> dict[str, tuple[str, ...]]:
    """Stop word -> the languages whose jusText stop list holds it (jusText is a trafilatura dependency)."""
    import justext

    index: dict[str, list[str]] = {}
    for language in sorted(justext.get_stoplists()):
        for word in justext.get_stoplist(language):
            index.setdefault(word.casefold(), []).append(language)
    return {word: tuple(langs) for word, langs in index.items()}


@cache
def _stoplist(language: str) -> frozenset[str]:
    import justext

    return frozenset(w.casefold() for w in justext.get_stoplist(language))


def stopwords_for(words: list[list[str]]) -> frozenset[str]:
    """The stop list of the text's language: the jusText list that covers most of its words.

    ``words`` are the text's lines, each as its ``_WORD`` tokens. The share of stop
    words is the strongest signal for telling prose from menus and link lists, and news
    comes in many languages (a third of the benchmark's pages are not English).
    """
    index = _stoplist_index()
    votes: Counter[str] = Counter()
    for line_words in words:
        for word in line_words:
            for language in index.get(word.casefold(), ()):
                votes[language] += 1
    return _stoplist(votes.most_common(1)[0][0] if votes else "English")


# --------------------------------------------------------------------------- lines


def _is_wrapped(lines: list[str]) -> bool:
    """True when a paragraph's lines are a hard-wrapped run of prose (one paragraph, wrapped at a width).

    Every line but the last is long and near one width and ends without a full stop
    most of the time; list items and menus are short or ragged.
    """
    if len(lines) < 2:
        return False
    body = lines[:-1]
    lengths = [len(ln) for ln in body]
    if min(lengths) < 40:
        return False
    width = max(lengths)
    if width > 120 or width - min(lengths) > 0.35 * width:
        return False
    open_ends = sum(1 for ln in body if not ln.endswith((".", "!", "?", ":", '"', "”")))
    return open_ends >= 0.6 * len(body)


def split_lines(text: str) -> list[tuple[str, int]]:
    """The text's non-blank lines, each with the number of the paragraph (blank-line block) it is in.

    A hard-wrapped paragraph (``_is_wrapped``) comes back as one line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    out: list[tuple[str, int]] = []
    block = 0
    for raw_block in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [" ".join(ln.split()) for ln in raw_block.split("\n")]
        lines = [ln for ln in lines if ln]
        if not lines:
            continue
        if _is_wrapped(lines):
            out.append((" ".join(lines), block))
        else:
            out.extend((ln, block) for ln in lines)
        block += 1
    return out


# --------------------------------------------------------------------------- features

#: Names of the per-line signals, in the order ``line_signals`` returns them.
OWN_SIGNALS = (
    "log_words",
    "log_chars",
    "prose",
    "stop_share",
    "ends_sentence",
    "commas_per_word",
    "capitalised_share",
    "digit_share",
    "bullet",
    "separators",
    "all_caps",
    "copyright",
    "urlish",
    "boilerplate_rule",
    "repeated",
    "block_log_words",
    "block_lines",
    "headline_like",
    "count_suffix",
    "label_colon",
    "is_headline",
    "after_headline",
    "log_words_after_headline",
)
#: Signals averaged over a window of lines around each line (article text comes in runs).
CONTEXT_SIGNALS = ("log_words", "log_chars", "prose", "stop_share", "ends_sentence", "boilerplate_rule")
#: Half-widths of the context windows, in lines.
WINDOWS = (2, 6, 15)


def _line_signals(line: str, words: list[str], stop: frozenset[str]) -> list[float]:
    n = len(words)
    alpha = [w for w in words if w[0].isalpha()]
    stops = sum(1 for w in alpha if w.casefold() in stop)
    caps = sum(1 for w in alpha if w[0].isupper())
    digits = n - len(alpha)
    stop_share = stops / n if n else 0.0
    ends = line.rstrip().endswith(_END_PUNCT)
    chars = len(line)
    return [
        math.log1p(n),
        math.log1p(chars),
        # Prose: a long line of ordinary sentences. Text without spaces between words
        # (Chinese, Japanese) has few "words" for its length and no stop words to count.
        1.0 if (n >= 10 or chars >= 60) and (stop_share >= 0.25 or n <= chars / 12) and ends else 0.0,
        stop_share,
        1.0 if ends else 0.0,
        line.count(",") / n if n else 0.0,
        caps / len(alpha) if alpha else 0.0,
        digits / n if n else 0.0,
        1.0 if _BULLET.match(line) else 0.0,
        float(len(_SEPARATORS.findall(line))),
        1.0 if alpha and sum(1 for w in alpha if w.isupper() and len(w) > 1) >= 0.8 * len(alpha) else 0.0,
        1.0 if _COPYRIGHT.search(line) else 0.0,
        1.0 if _URLISH.search(line) else 0.0,
        1.0 if is_boilerplate(line) else 0.0,
        0.0,  # repeated: filled in by ``line_features``
        0.0,  # block_log_words
        0.0,  # block_lines
        # A headline of another story: several words, most capitalised, no sentence end.
        1.0 if n >= 4 and not ends and alpha and caps >= 0.6 * len(alpha) else 0.0,
        # "Some headline (148)", "Comments (3)": a count of comments or shares after a link.
        1.0 if _COUNT_SUFFIX.search(line) else 0.0,
        # "Posted by ...:", "Photo: ...", "Tested by: ...": a short label before a colon.
        1.0 if _LABEL.match(line) else 0.0,
        0.0,  # is_headline: filled in by ``line_features``
        0.0,  # after_headline
        0.0,  # log_words_after_headline
    ]


def _tokens(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def find_headline(lines: list[tuple[str, int]], title: str | None) -> int | None:
    """Index of the first line that repeats the title (the page's own headline above the story).

    A page flattened to text gives its ``<title>`` first ("Headline | Site") and the
    headline again where the story begins; lines of other stories do not repeat it.
    """
    if not title:
        return None
    want = _tokens(title)
    if len(want) < 3:
        return None
    for i, (line, _) in enumerate(lines):
        have = _tokens(line)
        if len(have) >= 3 and len(have & want) >= 0.8 * len(have) and len(have & want) >= 0.6 * len(want):
            return i
    return None


def line_features(lines: list[tuple[str, int]], title: str | None = None) -> np.ndarray:
    """One row of signals per line: its own, its paragraph's, its position, and its neighbours'.

    ``title`` is the text's headline when known: lines after its repetition are
    where a flattened page's story begins.
    """
    tokens = [_WORD.findall(line) for line, _ in lines]
    stop = stopwords_for(tokens)
    n = len(lines)
    own = np.array(
        [_line_signals(line, words, stop) for (line, _), words in zip(lines, tokens, strict=True)],
        dtype=np.float64,
    ).reshape(n, len(OWN_SIGNALS))
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    keys = [normalise_for_comparison(line) for line, _ in lines]
    seen = Counter(keys)
    own[:, OWN_SIGNALS.index("repeated")] = [math.log(seen[k]) for k in keys]
    block_words: Counter[int] = Counter()
    block_lines: Counter[int] = Counter()
    for (line, block), row in zip(lines, own, strict=True):
        block_words[block] += int(math.expm1(row[0]) + 0.5)
        block_lines[block] += 1
    own[:, OWN_SIGNALS.index("block_log_words")] = [math.log1p(block_words[b]) for _, b in lines]
    own[:, OWN_SIGNALS.index("block_lines")] = [math.log(block_lines[b]) for _, b in lines]

    # Position: where the line sits among the text's words (menus come first, footers last);
    # a line's size in words, or in characters / 6 for text without spaces between words.
    words = np.maximum(np.expm1(own[:, 0]), np.expm1(own[:, 1]) / 6.0)
    headline = find_headline(lines, title)
    if headline is not None:
        own[headline, OWN_SIGNALS.index("is_headline")] = 1.0
        after = np.arange(n) > headline
        own[:, OWN_SIGNALS.index("after_headline")] = after
        since = np.cumsum(words) - np.cumsum(words)[headline] - words
        own[:, OWN_SIGNALS.index("log_words_after_headline")] = np.where(
            after, np.log1p(np.maximum(since, 0)), 0.0
        )
    total = float(words.sum()) or 1.0
    before = (np.cumsum(words) - words) / total
    position = np.stack([before, before * before, np.full(n, math.log1p(n))], axis=1)

    context = []
    cols = [OWN_SIGNALS.index(name) for name in CONTEXT_SIGNALS]
    padded_sum = np.vstack([np.zeros((1, len(cols))), np.cumsum(own[:, cols], axis=0)])
    idx = np.arange(n)
    for w in WINDOWS:
        lo = np.clip(idx - w, 0, n)
        hi = np.clip(idx + w + 1, 0, n)
        context.append((padded_sum[hi] - padded_sum[lo]) / (hi - lo)[:, None])
    # The story's run of prose: where the densest stretch of prose words lies (a maximum-sum
    # segment of +words for prose lines and -words for the rest), and how far each line is from it.
    prose = own[:, OWN_SIGNALS.index("prose")]
    gain = np.where(prose > 0, words, -np.minimum(words, 10.0) - 1.0)
    start, end = _best_segment(gain)
    inside = ((idx >= start) & (idx <= end)).astype(np.float64)
    distance = np.where(idx < start, start - idx, np.where(idx > end, idx - end, 0))
    run = np.stack([inside, np.log1p(distance)], axis=1)
    # The lines just above and below, signal by signal (a caption sits between prose lines,
    # a teaser's prose under a headline-shaped line).
    pad = np.zeros((1, own.shape[1]))
    above = np.vstack([pad, own[:-1]])
    below = np.vstack([own[1:], pad])
    return np.hstack([own, position, *context, run, above, below])


def _best_segment(gain: np.ndarray) -> tuple[int, int]:
    """Start and end of the maximum-sum contiguous segment (Kadane); (0, -1) when nothing is positive."""
    best, best_span = 0.0, (0, -1)
    current, start = 0.0, 0
    for i, g in enumerate(gain.tolist()):
        if current <= 0:
            current, start = g, i
        else:
            current += g
        if current > best:
            best, best_span = current, (start, i)
    return best_span


FEATURES = (
    *OWN_SIGNALS,
    "position",
    "position_squared",
    "log_lines",
    *(f"{name}_around{w}" for w in WINDOWS for name in CONTEXT_SIGNALS),
    "in_prose_run",
    "log_distance_to_prose_run",
    *(f"above_{name}" for name in OWN_SIGNALS),
    *(f"below_{name}" for name in OWN_SIGNALS),
)


# --------------------------------------------------------------------------- model


#: Half-widths of the windows over which the second stage reads the first stage's probabilities.
STACK_WINDOWS = (1, 3, 8)
#: Names of the second stage's inputs, after the first stage's ``FEATURES``.
STACK_FEATURES = (
    "p",
    *(f"p_around{w}" for w in STACK_WINDOWS),
    *(f"p_max_around{w}" for w in STACK_WINDOWS),
    "p_in_best_run",
    "p_log_distance_to_best_run",
)


def stack_features(features: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The second stage's inputs: a line's own signals, its first-stage probability and its neighbours'.

    A furniture line inside the story (a caption between paragraphs) and a prose line far
    from it (a comment, a teaser) differ mostly in what the lines around them are.
    """
    n = len(p)
    if n == 0:
        return np.zeros((0, len(FEATURES) + len(STACK_FEATURES)))
    idx = np.arange(n)
    padded = np.concatenate([[0.0], np.cumsum(p)])
    cols = [p]
    for w in STACK_WINDOWS:
        lo, hi = np.clip(idx - w, 0, n), np.clip(idx + w + 1, 0, n)
        cols.append((padded[hi] - padded[lo]) / (hi - lo))
    for w in STACK_WINDOWS:
        cols.append(np.array([p[max(0, i - w) : i + w + 1].max() for i in range(n)]))
    start, end = _best_segment((p - 0.5) * line_sizes(features))
    cols.append(((idx >= start) & (idx <= end)).astype(np.float64))
    distance = np.where(idx < start, start - idx, np.where(idx > end, idx - end, 0))
    cols.append(np.log1p(distance))
    return np.hstack([features, np.stack(cols, axis=1)])


@dataclass(frozen=True, slots=True)
class Logistic:
    """One logistic regression over standardised inputs (weights fitted by scikit-learn, kept as numbers)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def __call__(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict[str, object]:
        return {
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Logistic:
        return cls(
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),  # type: ignore[arg-type]
        )


def line_sizes(features: np.ndarray) -> np.ndarray:
    """Each line's size in words (characters / 6 for text without spaces between words), at least 1."""
    return np.maximum(np.maximum(np.expm1(features[:, 0]), np.expm1(features[:, 1]) / 6.0), 1.0)


def decode_runs(p: np.ndarray, sizes: np.ndarray, cut: float, switch_cost: float) -> np.ndarray:
    """Story lines as runs: the keep/drop sequence with the best total of ``sizes * (p - cut)`` over
    kept lines, less ``switch_cost`` for every switch between keeping and dropping (Viterbi).

    With no switch cost this is the plain cut. With one, a short line whose probability
    is just under the cut inside the story stays, and a short stray line just over it
    outside the story goes; a long line decides for itself. The first and the last state
    are free (only switches between lines cost).
    """
    n = len(p)
    gain = (sizes * (p - cut)).tolist()
    # The text may open and close in either state for free: a clean article is one run of
    # story from its first line to its last, with no switch to pay for.
    drop, keep = 0.0, 0.0
    from_keep_to_drop = [False] * n  # back-pointers: the best way into each state came from the other
    from_drop_to_keep = [False] * n
    for i in range(n):
        stay_drop, switch_drop = drop, keep - switch_cost
        stay_keep, switch_keep = keep, drop - switch_cost
        from_keep_to_drop[i] = switch_drop > stay_drop
        from_drop_to_keep[i] = switch_keep > stay_keep
        drop = max(stay_drop, switch_drop)
        keep = max(stay_keep, switch_keep) + gain[i]
    out = np.zeros(n, dtype=bool)
    state = keep > drop
    for i in range(n - 1, -1, -1):
        out[i] = state
        state = (not from_drop_to_keep[i]) if state else from_keep_to_drop[i]
    return out


@dataclass(frozen=True, slots=True)
class LineModel:
    """Two stacked logistic regressions, the probability cut and the cost of switching runs.

    The first reads each line's ``FEATURES``; the second reads them again with the
    first's probabilities for the line and its neighbours (``stack_features``); the
    lines kept are decoded as runs from the second's probabilities (``decode_runs``).
    """

    first: Logistic
    second: Logistic
    cut: float
    fitted_on: str
    switch_cost: float = 0.0

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        return self.second(stack_features(features, self.first(features)))

    def keep(self, features: np.ndarray) -> np.ndarray:
        """Whether each line is story text."""
        if len(features) == 0:
            return np.zeros(0, dtype=bool)
        return decode_runs(self.probabilities(features), line_sizes(features), self.cut, self.switch_cost)

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "stack_features": list(STACK_FEATURES),
            "first": self.first.to_json(),
            "second": self.second.to_json(),
            "cut": self.cut,
            "switch_cost": self.switch_cost,
            "fitted_on": self.fitted_on,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> LineModel:
        if list(data["features"]) != list(FEATURES) or list(data["stack_features"]) != list(STACK_FEATURES):  # type: ignore[call-overload]
            raise ValueError("line model was fitted on other features; run bench/train_text_lines.py again")
        return cls(
            first=Logistic.from_json(data["first"]),  # type: ignore[arg-type]
            second=Logistic.from_json(data["second"]),  # type: ignore[arg-type]
            cut=float(data["cut"]),  # type: ignore[arg-type]
            fitted_on=str(data["fitted_on"]),
            switch_cost=float(data.get("switch_cost", 0.0)),  # type: ignore[arg-type]
        )


@cache
def default_line_model() -> LineModel:
    """The shipped model (``models/text_lines.json``), read once per process."""
    raw = resources.files("storytrace.extract").joinpath("models/text_lines.json").read_text(encoding="utf-8")
    return LineModel.from_json(json.loads(raw))


# --------------------------------------------------------------------------- extraction


def story_lines(
    lines: list[tuple[str, int]], title: str | None = None, model: LineModel | None = None
) -> list[bool]:
    """For each line, whether it is story text."""
    model = model or default_line_model()
    features = line_features(lines, title)
    keep = [bool(k) for k in model.keep(features)]
    if not any(keep):
        # Nothing scored as story text (a short or unusual text): keep its densest run of
        # prose rather than nothing, so an article made only of prose never comes back empty.
        keep = [bool(x) for x in features[:, FEATURES.index("in_prose_run")]]
    return keep


def body_lines(
    text: str, template_lines: frozenset[str] = frozenset()
) -> tuple[TextHeader, list[tuple[str, int]], str | None]:
    """The header the text states, its other lines (paragraph numbers kept), and the headline to anchor on.

    The header is read on the lines less those the shared news cleanup knows as furniture
    (``cleanup.is_boilerplate``: cookie banners, breadcrumbs, "Advertisement", share
    prompts), so a scraped file's header is found under its cookie banner; the line model
    still sees those lines (they tell it where the furniture is). The anchor is the stated
    title, else a headline-shaped first line (a flattened page's ``<title>``), which is
    not a field (it may carry the site's name) but tells where the story starts when the
    page repeats it. A flattened page gives its byline and date under that repetition,
    below the menus, so the header is read there too when the top states no title.

    Lines in ``template_lines`` (normalised with ``normalise_for_comparison``: the site's
    template, found across its other pages by ``template.find_template_lines``) are
    dropped first, so a masthead or menu line at the top does not hide the header.
    """
    lines = split_lines(text)
    if template_lines:
        lines = [
            (line, block) for line, block in lines if normalise_for_comparison(line) not in template_lines
        ]
    # The header reader sees the lines less the known furniture; ``index`` maps back.
    index = [i for i, (line, _) in enumerate(lines) if not is_boilerplate(line)]
    texts = [lines[i][0] for i in index]
    header = read_text_header(texts)
    anchor = header.title
    if anchor is None and texts:
        first = texts[0]
        if 3 <= len(first.split()) <= 30 and not first.endswith("."):
            anchor = first
            repeated = find_headline([(t, 0) for t in texts[1:]], first)
            if repeated is not None:
                header = _merge_headers(header, read_text_header(texts[repeated + 1 :]), repeated + 1)
    drop = {index[i] for i in header.drop}
    rewrite = {index[i]: line for i, line in header.rewrite.items()}
    kept: list[tuple[str, int]] = []
    for i, (line, block) in enumerate(lines):
        if i in drop:
            continue
        line = rewrite.get(i, line).strip()
        if line:
            kept.append((line, block))
    return header, kept, anchor


def _merge_headers(top: TextHeader, below: TextHeader, offset: int) -> TextHeader:
    """``top``'s fields, gaps filled from ``below`` (read from line ``offset`` on), and both sets of lines."""
    return TextHeader(
        title=top.title or below.title,
        published=top.published or below.published,
        author=top.author or below.author,
        outlet=top.outlet or below.outlet,
        drop=top.drop | {i + offset for i in below.drop},
        rewrite={**top.rewrite, **{i + offset: line for i, line in below.rewrite.items()}},
    )


def extract_plain_text(
    text: str, model: LineModel | None = None, *, template_lines: frozenset[str] = frozenset()
) -> Extraction:
    """The article in a plain text, with the title, date, author and outlet it states.

    Every kept line is a paragraph of the result (a hard-wrapped paragraph was joined
    into one line by ``split_lines``); paragraphs are separated by a blank line, as
    the HTML path writes them. Fields the text does not state stay empty.
    ``template_lines`` are the site's template lines, dropped before anything is read
    (see ``body_lines``); the default, none, reads the text on its own.
    """
    header, kept, anchor = body_lines(text, template_lines)
    keep = story_lines(kept, anchor, model)
    body = clean_text("\n\n".join(line for (line, _), ok in zip(kept, keep, strict=True) if ok))
    return Extraction(
        text=body,
        title=header.title,
        published=header.published,
        author=header.author,
        outlet=header.outlet,
    )
