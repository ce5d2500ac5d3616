"""Facts: the figures and quotations articles state, lined up across outlets and time."""

from .extract import ArticleFacts, extract_facts, load_parser, measure_key
from .numbers import NumberSpan, find_numbers, qualifier_class, qualifier_direction
from .quotes import QuoteSpan, find_quotes

__all__ = [
    "ArticleFacts",
    "NumberSpan",
    "QuoteSpan",
    "extract_facts",
    "find_numbers",
    "find_quotes",
    "load_parser",
    "measure_key",
    "qualifier_class",
    "qualifier_direction",
]
