"""Extraction: from a raw ``Document`` to clean article text and metadata.

HTML goes through trafilatura plus our news cleanup; plain text through the
cleanup alone. ``normalise_for_comparison`` and ``article_id`` give the
content-derived ids the store keys articles by.
"""

from .cleanup import clean_text
from .decode import decode_bytes
from .document import extract_document
from .html import extract_html
from .normalise import article_id, normalise_for_comparison

__all__ = [
    "article_id",
    "clean_text",
    "decode_bytes",
    "extract_document",
    "extract_html",
    "normalise_for_comparison",
]
