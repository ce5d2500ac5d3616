"""Number expressions in news sentences: where they are, their value, unit and hedge.

``find_numbers(sentence)`` reads every common way a newspaper writes a figure:
"1,200", "1 200", "33,207", "2.3 million", "$2.3bn", "40%", "61.4 per cent",
"nine", "twenty-five", "a dozen", "hundreds of", "17-year-old", "six months", and
the qualifier written before it ("more than", "as many as", "nearly").

What is not a figure, by the annotation guideline (``bench/facts/GUIDELINE.md``):
calendar dates and bare years, clock times, ordinals, numbers inside names and
identifiers ("Apollo 11", "COVID-19", "9/11", "Route 66", "No. 1") and "one" used
as a pronoun ("one of the leaders").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "QUALIFIER_CLASSES",
    "NumberSpan",
    "find_numbers",
    "qualifier_class",
    "qualifier_direction",
]

#: Qualifier phrase -> class (the annotation guideline's classes).
QUALIFIER_CLASSES: dict[str, str] = {
    **dict.fromkeys(["at least", "no fewer than", "no less than", "a minimum of", "at a minimum"], "min"),
    **dict.fromkeys(
        [
            "more than",
            "over",
            "upwards of",
            "in excess of",
            "exceeding",
            "topping",
            "above",
            "well over",
            "just over",
        ],
        "over",
    ),
    **dict.fromkeys(["as many as", "up to", "at most", "no more than", "as much as", "a maximum of"], "max"),
    **dict.fromkeys(["less than", "fewer than", "under", "below"], "under"),
    **dict.fromkeys(
        [
            "about",
            "around",
            "roughly",
            "approximately",
            "some",
            "an estimated",
            "estimated",
            "an estimate of",
            "circa",
            "or so",
        ],
        "approx",
    ),
    **dict.fromkeys(["nearly", "almost", "close to", "just under", "just shy of", "not quite"], "nearly"),
}
# A hedge pulls a figure up, down or neither; a change of direction is qualifier drift.
_DIRECTION = {"min": "lower", "over": "lower", "max": "upper", "under": "upper", "approx": "approx"}
_DIRECTION |= {"nearly": "upper", "vague": "vague"}

_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "k": 1e3,
    "tn": 1e12,
}
# "hundreds of people": vague multiples (the value is one of the unit).
_VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1e3,
    "tens of thousands": 1e4,
    "hundreds of thousands": 1e5,
    "millions": 1e6,
    "tens of millions": 1e7,
    "hundreds of millions": 1e8,
    "billions": 1e9,
    "trillions": 1e12,
    "several": 3,
    "a few": 3,
    "a couple of": 2,
}
_FRACTIONS = {
    "half": 0.5,
    "a half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "one-third": 1 / 3,
    "two-thirds": 2 / 3,
    "two thirds": 2 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "one-quarter": 0.25,
    "three-quarters": 0.75,
    "three quarters": 0.75,
    "a fifth": 0.2,
    "one-fifth": 0.2,
    "a tenth": 0.1,
}
# A unit written against its number ("6kW", "278kg", "64GB", "155mph"): the number is a figure,
# not part of a word. Not "m", "b", "k": those are scales ("5m" is five million).
_MINUS_BEFORE = re.compile(r"(?i)\bminus[\s-]?$")
_GLUED_UNIT = re.compile(
    r"^(kWh|kW|MW|GW|mAh|kg|mg|lbs?|mph|kph|km/h|km/hr|km|cm|mm|mL|ml|GHz|MHz|Hz|GB|MB|TB|ft|sq\s?m|nm|pc)(?![A-Za-z])"
)
_MEASURES = {
    "km": "km",
    "kilometers": "km",
    "kilometres": "km",
    "miles": "miles",
    "mile": "miles",
    "yards": "yards",
    "feet": "feet",
    "foot": "feet",
    "meters": "m",
    "metres": "m",
    "magnitude": "magnitude",
    "acres": "acres",
    "tons": "tons",
    "tonnes": "tons",
    "gallons": "gallons",
    "barrels": "barrels",
    "degrees": "degrees",
    "points": "points",
}
_CURRENCY = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "A$": "AUD",
    "C$": "CAD",
}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
    "rupees": "INR",
    "yuan": "CNY",
}
_DURATIONS = {
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "decade": "decades",
}
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WORDNUM = "|".join(sorted([*_SMALL, *_TENS], key=len, reverse=True))
_SMALL_RE = "|".join(sorted(_SMALL, key=len, reverse=True))
# "1,200", "1 200", "33.5", and the ", 000" / ". 1" of tokenised text ("22, 000", "6. 1").
_DIGITS = (
    r"\d{1,3}(?:(?P<sep>,\s?|[\u00a0\u202f\u2009 ])\d{3}(?:(?P=sep)\d{3})*)(?:\.\d+)?(?!\d)"
    r"|\d{1,2}\.\s\d(?!\d|[,.]\d)|\d+(?:\.\d+)?"
)
_VAGUE_RE = "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True))
_FRACTION_RE = "|".join(sorted((re.escape(v) for v in _FRACTIONS), key=len, reverse=True))
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b|(?:m|mn|mln|bn|b|k|tn)\b)"
_EXPR = re.compile(
    rf"""
    (?P<cur>US\$|A\$|C\$|[$€£¥₹])?\s?
    (?:
        \b(?P<onein>one|\d{1, 2})\s+in\s+(?P<every>\d{1, 3}|two|three|four|five|six|seven|eight|nine|ten)\b(?![,.]?\d)
      | \b(?P<dozen>(?:a|one|half\s+a|two|three|four|five|six)\s+dozen)\b
      | \b(?P<fraction>{_FRACTION_RE})\b(?=\s+(?:of|the|a|an|their|its|his|her|all)\b)
      | \b(?P<slash>\d{{1,3}})\s?[/\u2044]\s?(?P<under>\d{{1,4}})\b(?=\s+of\b)
      | \b(?P<vague>{_VAGUE_RE})\b
      | (?P<digits>{_DIGITS})
      | (?P<words>\b(?:{_WORDNUM})(?:[-\s](?:{_SMALL_RE}))?(?:\s+hundred(?:\s+(?:and\s+)?(?:{_WORDNUM}))?)?)\b
    )
    (?P<scale>{_SCALE})?
    (?P<pct>\s?(?:%|per\s?cent\b|percent\b))?
    (?P<age>-(?:year|month|week|day)s?-old\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_QUALIFIER_BEFORE = re.compile(
    r"(?i)\b("
    + "|".join(sorted((re.escape(q) for q in QUALIFIER_CLASSES if q != "or so"), key=len, reverse=True))
    + r")\s+(?:the\s+)?$"
)
_DATE_AFTER = re.compile(rf"(?i)^\s*(?:{_MONTHS})\b\.?")
_DATE_BEFORE = re.compile(rf"(?i)\b(?:{_MONTHS})\.?\s*$")
_TIME_AFTER = re.compile(
    r"(?i)^(?:\s?:\s?\d\d|\s*(?:a\.?\s?m\b|p\.?\s?m\b|o'clock|GMT|UTC|[AP]M\b|hrs\b|IST\b|ET\b))"
)
# "6: 00", "2: 56": the minutes of a clock time (tokenised texts put a space after the colon).
_CLOCK_BEFORE = re.compile(r"\d\s?:\s?$")
_ORDINAL_AFTER = re.compile(r"(?i)^(?:st|nd|rd|th)\b")
_RANK_BEFORE = re.compile(
    r"(?i)\b(?:category|level|grade|phase|stage|round|unit|section|article|chapter|room|gate|terminal|"
    r"route|highway|interstate|channel|platform|version)\s$"
)
# "Apollo 11", "Boeing 737", and product names with an inner capital: "iPhone 14", "eBay 3".
_NAME_BEFORE = re.compile(r"\b([A-Z][\w.]*|[a-z]+[A-Z][\w.]*)\s$")
_SCORE_BEFORE = re.compile(r"\d\s?-\s?$")
# Capitalised only because they open a sentence or a headline: "About 25", "Only 3".
_FUNCTION_WORDS = frozenset(
    "about around some nearly almost only just all over under at by to with for and but of in "
    "on from another least than the a an roughly approximately more less fewer up as estimated "
    "exactly".split()
)
_ID_BEFORE = re.compile(r"(?:\b(?:No|no|Nos|Vol|Art|Sec|Ch|Pg|Pp|P)\.?|#)\s*$")
_MEASURE_AFTER = re.compile(r"(?i)^[\s-]+([a-z]+)\b")
_POSTPOSED = re.compile(r"(?i)^(?:\s+(or\s+so|or\s+more|and\s+older|and\s+over|and\s+up)\b|(-plus|\+))")
_DURATION_AFTER = re.compile(r"(?i)^[\s-]+(second|minute|hour|day|week|month|year|decade)s?\b")
_CURRENCY_AFTER = re.compile(r"(?i)^\s+(" + "|".join(_CURRENCY_WORDS) + r")\b")
# "1900 world temperatures", "2,100 homes": a plural noun after a four-digit number makes it a
# count, not a year; "in 2012 as a firm" is a year ("as", "was", "has" end in s too).
_PLURAL_AFTER = re.compile(
    r"^\s+(?:[a-z]+\s+)?(?!(?:as|is|was|has|this|its|his|us|yes|thus|plus|less|across|unless|perhaps)\b)[a-z]+s\b"
)
_ONE_NOT = re.compile(
    r"(?i)^(?:['’]s\b|\s+(?:of|another|or|and|thing|day|way|time|hand|side|point)\b"
    # "one Democratic lawmaker told", "according to one U.S. official": a certain source, not a count
    r"|\s+(?:[\w.-]+\s+){0,3}?(?:official|lawmaker|man|woman|source|person|insider|aide|member|resident|"
    r"witness|analyst|diplomat|expert|officer|spokesman|spokeswoman|senator|voter|observer)s?\b"
    r"(?:,|\s+(?:who|told|said|says|added|familiar|close|with|in)\b))"
)
# "... says one.": a source, not a count; "the number one seed": a rank.
_NOT_ONE_BEFORE = re.compile(
    r"(?i)\b(?:no|any|every|each|the|this|that|which|someone|anyone|only|says|said|adds|added|number)\s+$"
)


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """One figure's number expression in a sentence."""

    start: int  # offsets in the sentence, the number expression only
    end: int
    text: str
    value: float
    unit: str | None  # "percent", "currency:USD", "age", "duration:months", None
    qualifier: str | None  # as written, lower case ("as many as"); "hundreds" for vague multiples
    qualifier_class: str | None  # min, over, max, under, approx, nearly, vague
    qualifier_start: int  # where the qualifier starts (the number's start without one)


def _word_value(words: str) -> float | None:
    total = 0.0
    current = 0.0
    for part in re.split(r"[-\s]+", words.lower()):
        if part in ("and", ""):
            continue
        if part in _SMALL:
            current += _SMALL[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part == "hundred":
            current = (current or 1) * 100
        else:
            return None
    return total + current


def _digits_value(raw: str, sep: str | None) -> float | None:
    if sep:
        raw = raw.replace(sep, "")
    raw = raw.replace(". ", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def find_numbers(sentence: str) -> list[NumberSpan]:
    """Figures in ``sentence`` with value, unit and the qualifier written before them."""
    out: list[NumberSpan] = []
    for m in _EXPR.finditer(sentence):
        if not any(m.group(g) for g in ("digits", "words", "dozen", "vague", "fraction", "onein", "slash")):
            continue
        start, end = m.span()
        # The regex allows a space after the currency sign; trim what it matched around the figure.
        while start < end and sentence[start].isspace():
            start += 1
        text = sentence[start:end].rstrip()
        end = start + len(text)
        before, after = sentence[:start], sentence[end:]
        if start > 0 and (sentence[start - 1].isalnum() or sentence[start - 1] in "/_."):
            continue  # "COVID-19", "9/11", "A1": part of a word or identifier
        glued = _GLUED_UNIT.match(after)
        if (after[:1].isalnum() or after[:1] == "/") and not glued:
            continue
        minus = bool(_MINUS_BEFORE.search(before))
        if start > 0 and sentence[start - 1] == "-" and not _SCORE_BEFORE.search(before) and not minus:
            continue  # "Catch-22", "F-16"
        compound: str | None = None
        hyphen = re.match(r"^-([a-z]+)\b", after)
        if hyphen and not m.group("age") and hyphen.group(1) != "plus":
            # "16-page" and "90-day" are figures; the compound joins the span.
            compound = hyphen.group(1).lower()
            end += 1 + len(compound)
            text = sentence[start:end]
            after = sentence[end:]
        score = bool(re.match(r"^\s?-\s?\d", after)) or bool(_SCORE_BEFORE.search(before))
        value: float | None
        qualifier: str | None = None
        qclass: str | None = None
        if m.group("digits"):
            value = _digits_value(m.group("digits"), m.group("sep"))
            digits = m.group("digits")
            if (
                value is not None
                and not m.group("cur")
                and not m.group("scale")
                and not m.group("pct")
                and not m.group("age")
                and re.fullmatch(r"\d{4}", digits)
                and 1800 <= value <= 2100
                and not _PLURAL_AFTER.match(after)
            ):
                continue  # a year
            if not m.group("cur") and not m.group("pct"):
                if _DATE_AFTER.match(after) or _DATE_BEFORE.search(before):
                    continue  # "October 7", "7 October"
                if (
                    _TIME_AFTER.match(after)
                    or _ORDINAL_AFTER.match(after)
                    or _ID_BEFORE.search(before)
                    or _CLOCK_BEFORE.search(before)
                ):
                    continue
                name = _NAME_BEFORE.search(before)
                if (
                    name
                    and not m.group("scale")
                    and not score
                    and name.group(1).lower() not in _FUNCTION_WORDS
                ):
                    continue  # "Apollo 11", "Chapter 11", "Boeing 737": a capitalised name right before
                if _RANK_BEFORE.search(before) and not m.group("scale"):
                    continue  # "a category 4 hurricane", "level 3", "stage 2": a class or a label
        elif m.group("words"):
            words = m.group("words")
            value = _word_value(words)
            if words.lower() == "one" and (
                _ONE_NOT.match(after)
                or _NOT_ONE_BEFORE.search(before)
                or (words == "One" and _NAME_BEFORE.search(before))
            ):
                continue
            if words.lower() in ("one", "zero") and not after.strip():
                continue
            if m.group("age") is None and value is not None and _DATE_AFTER.match(after):
                continue
        elif m.group("dozen"):
            first = m.group("dozen").lower().split()[0]
            value = 6.0 if first == "half" else 12.0 * (_SMALL.get(first) or 1)
        elif m.group("vague"):
            vague = " ".join(m.group("vague").lower().split())
            value = float(_VAGUE[vague])
            of = re.match(r"(?i)^\s+of\b", after)
            qualifier, qclass = (f"{vague} of" if of and not vague.endswith(" of") else vague), "vague"
        elif m.group("fraction"):
            value = round(_FRACTIONS[" ".join(m.group("fraction").lower().split())], 4)
        elif m.group("slash"):
            # "1/16 of a pint": a fraction written with a slash (only before "of": "9/11" and
            # "24/7" are names).
            top, bottom = int(m.group("slash")), int(m.group("under"))
            if not bottom or top >= bottom:
                continue
            value = top / bottom
        else:
            one = _SMALL.get(m.group("onein").lower()) or _digits_value(m.group("onein"), None)
            every = _SMALL.get(m.group("every").lower()) or _digits_value(m.group("every"), None)
            if not one or not every or one >= every or _DATE_BEFORE.search(before):
                continue
            value = round(one / every, 4)
        if value is None:
            continue
        scale = (m.group("scale") or "").strip().lower()
        if scale:
            value *= _SCALES[scale]
        if minus:
            value = -value  # "minus 233 Celsius", "minus-5 yards"
        unit: str | None = None
        if m.group("cur"):
            unit = f"currency:{_CURRENCY[m.group('cur').upper()]}"
        elif m.group("pct"):
            unit = "percent"
        elif m.group("age"):
            unit = "age"
        elif cm := _CURRENCY_AFTER.match(after):
            unit = f"currency:{_CURRENCY_WORDS[cm.group(1).lower()]}"
        elif compound is not None and compound.rstrip("s") in _DURATIONS:
            unit = f"duration:{_DURATIONS[compound.rstrip('s')]}"
        elif compound is not None:
            unit = None
        elif dm := _DURATION_AFTER.match(after):
            unit = f"duration:{_DURATIONS[dm.group(1).lower()]}"
        elif m.group("fraction") or m.group("onein") or m.group("slash"):
            unit = "fraction"
        elif (mm := _MEASURE_AFTER.match(after)) and mm.group(1).lower() in _MEASURES:
            unit = f"measure:{_MEASURES[mm.group(1).lower()]}"
        elif re.search(r"(?i)\bmagnitude[\s-]*$", before):
            unit = "measure:magnitude"  # "a magnitude 6.1 quake"
        elif glued:
            # "5pc" is British for five per cent.
            unit = "percent" if glued.group(1) == "pc" else f"measure:{glued.group(1).replace(' ', '')}"
        qstart = start
        if qualifier is None and (q := _QUALIFIER_BEFORE.search(before)):
            qualifier = q.group(1).lower()
            qclass = QUALIFIER_CLASSES[qualifier]
            qstart = q.start(1)
        elif qualifier is None and (pq := _POSTPOSED.match(after)):
            qualifier = " ".join((pq.group(1) or pq.group(2)).lower().split())
            qclass = "approx" if qualifier == "or so" else "min"
        out.append(NumberSpan(start, end, text, value, unit, qualifier, qclass, qstart))
    return out


def qualifier_class(phrase: str | None) -> str | None:
    """The class of a qualifier phrase ("as many as" -> "max"), ``None`` for none."""
    if phrase is None:
        return None
    phrase = phrase.lower()
    return "vague" if phrase in _VAGUE else QUALIFIER_CLASSES.get(phrase)


def qualifier_direction(qclass: str | None) -> str:
    """Which way a hedge leans: lower bound, upper bound, approximate, vague or exact."""
    return _DIRECTION.get(qclass or "", "exact")
