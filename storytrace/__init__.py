"""storytrace: map the news from a pile of articles.

The public API is re-exported here; everything else is internal.
"""

from .api import DemoResult, Progress, demo_corpus_dir, export, export_to, ingest, open_store, run_demo
from .errors import (
    ConfigError,
    ExportError,
    FetchError,
    InputError,
    NoArticle,
    NotFound,
    StoreError,
    StorytraceError,
    TooLarge,
    UnsupportedInput,
)
from .model import Article, Document, Extraction, IngestReport, Problem, SearchHit, Sighting
from .settings import SETTINGS, Config
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "SETTINGS",
    "Article",
    "Config",
    "ConfigError",
    "DemoResult",
    "Document",
    "ExportError",
    "Extraction",
    "FetchError",
    "IngestReport",
    "InputError",
    "NoArticle",
    "NotFound",
    "Problem",
    "Progress",
    "SearchHit",
    "Sighting",
    "Store",
    "StoreError",
    "StorytraceError",
    "TooLarge",
    "UnsupportedInput",
    "demo_corpus_dir",
    "export",
    "export_to",
    "ingest",
    "open_store",
    "run_demo",
]
