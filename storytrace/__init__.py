"""storytrace: map the news from a pile of articles.

The public API is re-exported here; everything else is internal.
"""

from .api import (
    DemoResult,
    Progress,
    article_links,
    demo_corpus_dir,
    export,
    export_to,
    ingest,
    open_store,
    outlet_report,
    relink,
    run_demo,
)
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
from .model import (
    Article,
    Direction,
    Document,
    Edit,
    Extraction,
    IngestReport,
    Passage,
    Problem,
    ReuseLink,
    SearchHit,
    Sighting,
)
from .settings import SETTINGS, Config
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "SETTINGS",
    "Article",
    "Config",
    "ConfigError",
    "DemoResult",
    "Direction",
    "Document",
    "Edit",
    "ExportError",
    "Extraction",
    "FetchError",
    "IngestReport",
    "InputError",
    "NoArticle",
    "NotFound",
    "Passage",
    "Problem",
    "Progress",
    "ReuseLink",
    "SearchHit",
    "Sighting",
    "Store",
    "StoreError",
    "StorytraceError",
    "TooLarge",
    "UnsupportedInput",
    "article_links",
    "demo_corpus_dir",
    "export",
    "export_to",
    "ingest",
    "open_store",
    "outlet_report",
    "relink",
    "run_demo",
]
